// ckin_torch: a thin N-API binding of libtorch for cathode-kinetics.
//
// It exposes one class, `Net`: a feed-forward network built from a list of layer objects (already shape-resolved by
// the TypeScript side, src/nn/spec.ts), forward in train/eval mode, one optimizer step (Adam/AdamW, MSE loss, lr set
// per step), state save/load to a byte buffer, and the parameter count; plus process-wide thread count and seed.
// Everything else (training loop, schedules, data, metrics, checkpoints, files) lives in TypeScript. Written by hand
// because no npm package binds libtorch for training; kept as small as possible.

#include <napi.h>
#include <torch/torch.h>

#include <memory>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <sstream>
#include <string>
#include <vector>

namespace {

enum class Kind { Module, ConcatAux, Flatten, GlobalAvg, GlobalMax };

struct Layer {
  Kind kind;
  torch::nn::AnyModule module;
};

int64_t IntProp(const Napi::Object& o, const char* key, int64_t fallback = -1) {
  if (!o.Has(key) || o.Get(key).IsUndefined() || o.Get(key).IsNull()) {
    if (fallback < 0) throw Napi::Error::New(o.Env(), std::string("layer field missing: ") + key);
    return fallback;
  }
  return o.Get(key).As<Napi::Number>().Int64Value();
}

double NumProp(const Napi::Object& o, const char* key, double fallback) {
  if (!o.Has(key) || o.Get(key).IsUndefined() || o.Get(key).IsNull()) return fallback;
  return o.Get(key).As<Napi::Number>().DoubleValue();
}

/** The network: an ordered list of layers; `concat_aux` appends the auxiliary vector to the features. */
struct NetImpl : torch::nn::Module {
  std::vector<Layer> layers;

  void Add(const Napi::Object& spec, size_t index) {
    std::string type = spec.Get("type").As<Napi::String>().Utf8Value();
    std::string name = type + "_" + std::to_string(index);
    Layer layer{Kind::Module, {}};
    if (type == "conv1d") {
      int64_t k = IntProp(spec, "kernel");
      auto opts = torch::nn::Conv1dOptions(IntProp(spec, "in"), IntProp(spec, "out"), k)
                      .stride(IntProp(spec, "stride", 1))
                      .padding(IntProp(spec, "padding", k / 2));
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::Conv1d(opts)));
    } else if (type == "batchnorm1d") {
      layer.module = torch::nn::AnyModule(
          register_module(name, torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(IntProp(spec, "features"))
                                                           .momentum(NumProp(spec, "momentum", 0.1)))));
    } else if (type == "relu") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::ReLU()));
    } else if (type == "gelu") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::GELU()));
    } else if (type == "dropout") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::Dropout(NumProp(spec, "p", 0.5))));
    } else if (type == "maxpool1d") {
      int64_t k = IntProp(spec, "kernel");
      layer.module = torch::nn::AnyModule(
          register_module(name, torch::nn::MaxPool1d(torch::nn::MaxPool1dOptions(k).stride(IntProp(spec, "stride", k)))));
    } else if (type == "avgpool1d") {
      int64_t k = IntProp(spec, "kernel");
      layer.module = torch::nn::AnyModule(
          register_module(name, torch::nn::AvgPool1d(torch::nn::AvgPool1dOptions(k).stride(IntProp(spec, "stride", k)))));
    } else if (type == "linear") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::Linear(IntProp(spec, "in"), IntProp(spec, "out"))));
    } else if (type == "flatten") {
      layer.kind = Kind::Flatten;
    } else if (type == "global_avg_pool") {
      layer.kind = Kind::GlobalAvg;
    } else if (type == "global_max_pool") {
      layer.kind = Kind::GlobalMax;
    } else if (type == "concat_aux") {
      layer.kind = Kind::ConcatAux;
    } else {
      throw Napi::Error::New(spec.Env(), "unknown layer type: " + type);
    }
    layers.push_back(std::move(layer));
  }

  torch::Tensor forward(torch::Tensor x, const torch::Tensor& aux) {
    for (auto& layer : layers) {
      switch (layer.kind) {
        case Kind::Module: x = layer.module.forward(x); break;
        case Kind::Flatten: x = x.flatten(1); break;
        case Kind::GlobalAvg: x = x.mean(-1); break;
        case Kind::GlobalMax: x = std::get<0>(x.max(-1)); break;
        case Kind::ConcatAux: x = torch::cat({x.flatten(1), aux}, 1); break;
      }
    }
    return x;
  }
};

class Net : public Napi::ObjectWrap<Net> {
 public:
  static Napi::Object Init(Napi::Env env, Napi::Object exports) {
    Napi::Function ctor = DefineClass(env, "Net",
                                      {InstanceMethod("forward", &Net::Forward),
                                       InstanceMethod("trainStep", &Net::TrainStep),
                                       InstanceMethod("setOptimizer", &Net::SetOptimizer),
                                       InstanceMethod("saveState", &Net::SaveState),
                                       InstanceMethod("loadState", &Net::LoadState),
                                       InstanceMethod("parameterCount", &Net::ParameterCount)});
    exports.Set("Net", ctor);
    return exports;
  }

  // new Net(layers: object[], shape: {channels, length, aux, outputs})
  explicit Net(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Net>(info) {
    Napi::Env env = info.Env();
    try {
      Napi::Array specs = info[0].As<Napi::Array>();
      Napi::Object shape = info[1].As<Napi::Object>();
      channels_ = IntProp(shape, "channels");
      length_ = IntProp(shape, "length");
      aux_ = IntProp(shape, "aux", 0);
      outputs_ = IntProp(shape, "outputs");
      net_ = std::make_shared<NetImpl>();
      for (uint32_t i = 0; i < specs.Length(); i++) net_->Add(specs.Get(i).As<Napi::Object>(), i);
    } catch (const c10::Error& e) {
      throw Napi::Error::New(env, e.what_without_backtrace());
    }
  }

 private:
  std::shared_ptr<NetImpl> net_;
  std::unique_ptr<torch::optim::Optimizer> opt_;
  int64_t channels_ = 0, length_ = 0, aux_ = 0, outputs_ = 0;

  torch::Tensor View(const Napi::Value& v, int64_t batch, std::vector<int64_t> dims, const char* what) {
    auto arr = v.As<Napi::Float32Array>();
    int64_t expected = batch;
    for (auto d : dims) expected *= d;
    if (static_cast<int64_t>(arr.ElementLength()) != expected)
      throw Napi::Error::New(v.Env(), std::string(what) + ": expected " + std::to_string(expected) + " floats, got " +
                                          std::to_string(arr.ElementLength()));
    dims.insert(dims.begin(), batch);
    // The JS buffer outlives every use in these synchronous calls, so no copy is needed.
    return torch::from_blob(arr.Data(), dims, torch::kFloat32);
  }

  torch::Tensor Aux(const Napi::Value& v, int64_t batch) {
    if (aux_ == 0 || v.IsNull() || v.IsUndefined()) return torch::empty({batch, 0});
    return View(v, batch, {aux_}, "aux");
  }

  Napi::Value ToFloat32Array(Napi::Env env, const torch::Tensor& t) {
    auto c = t.contiguous();
    auto out = Napi::Float32Array::New(env, c.numel());
    std::memcpy(out.Data(), c.data_ptr<float>(), c.numel() * sizeof(float));
    return out;
  }

  // forward(x: Float32Array [B*C*L], aux: Float32Array [B*A] | null, batch: number, train = false): Float32Array [B*O]
  Napi::Value Forward(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    try {
      int64_t batch = info[2].As<Napi::Number>().Int64Value();
      bool train = info.Length() > 3 && info[3].ToBoolean().Value();
      auto x = View(info[0], batch, {channels_, length_}, "x");
      auto aux = Aux(info[1], batch);
      net_->train(train);
      if (train) {
        torch::NoGradGuard no_grad;
        return ToFloat32Array(env, net_->forward(x, aux));
      }
      c10::InferenceMode guard;
      return ToFloat32Array(env, net_->forward(x, aux));
    } catch (const c10::Error& e) {
      throw Napi::Error::New(env, e.what_without_backtrace());
    }
  }

  // setOptimizer({type: 'adam'|'adamw', lr, weightDecay, beta1?, beta2?, eps?})
  Napi::Value SetOptimizer(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    Napi::Object o = info[0].As<Napi::Object>();
    std::string type = o.Get("type").As<Napi::String>().Utf8Value();
    double lr = NumProp(o, "lr", 1e-3), wd = NumProp(o, "weightDecay", 0.0), eps = NumProp(o, "eps", 1e-8);
    auto betas = std::make_tuple(NumProp(o, "beta1", 0.9), NumProp(o, "beta2", 0.999));
    if (type == "adam") {
      opt_ = std::make_unique<torch::optim::Adam>(
          net_->parameters(), torch::optim::AdamOptions(lr).weight_decay(wd).eps(eps).betas(betas));
    } else if (type == "adamw") {
      opt_ = std::make_unique<torch::optim::AdamW>(
          net_->parameters(), torch::optim::AdamWOptions(lr).weight_decay(wd).eps(eps).betas(betas));
    } else {
      throw Napi::Error::New(env, "unknown optimizer: " + type);
    }
    return env.Undefined();
  }

  // trainStep(x, aux, y: Float32Array [B*O], batch, lr): number — one MSE step in train mode; returns the batch loss.
  Napi::Value TrainStep(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    if (!opt_) throw Napi::Error::New(env, "trainStep: call setOptimizer first");
    try {
      int64_t batch = info[3].As<Napi::Number>().Int64Value();
      double lr = info[4].As<Napi::Number>().DoubleValue();
      auto x = View(info[0], batch, {channels_, length_}, "x");
      auto aux = Aux(info[1], batch);
      auto y = View(info[2], batch, {outputs_}, "y");
      for (auto& group : opt_->param_groups()) group.options().set_lr(lr);
      net_->train(true);
      opt_->zero_grad();
      auto loss = torch::mse_loss(net_->forward(x, aux), y);
      loss.backward();
      opt_->step();
      return Napi::Number::New(env, loss.item<double>());
    } catch (const c10::Error& e) {
      throw Napi::Error::New(env, e.what_without_backtrace());
    }
  }

  // saveState(withOptimizer = false): Buffer — parameters and buffers (BatchNorm statistics), optionally the optimizer.
  Napi::Value SaveState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    try {
      bool withOpt = info.Length() > 0 && info[0].ToBoolean().Value();
      torch::serialize::OutputArchive archive;
      torch::serialize::OutputArchive model;
      net_->save(model);
      archive.write("model", model);
      if (withOpt && opt_) {
        torch::serialize::OutputArchive optim;
        opt_->save(optim);
        archive.write("optimizer", optim);
      }
      std::ostringstream out;
      archive.save_to(out);
      std::string bytes = out.str();
      return Napi::Buffer<char>::Copy(env, bytes.data(), bytes.size());
    } catch (const c10::Error& e) {
      throw Napi::Error::New(env, e.what_without_backtrace());
    }
  }

  // loadState(buffer): boolean — restores parameters and buffers; returns whether optimizer state was restored too.
  Napi::Value LoadState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    try {
      auto buf = info[0].As<Napi::Buffer<char>>();
      torch::serialize::InputArchive archive;
      archive.load_from(buf.Data(), buf.Length());
      torch::serialize::InputArchive model;
      archive.read("model", model);
      net_->load(model);
      torch::serialize::InputArchive optim;
      bool restored = false;
      if (opt_ && archive.try_read("optimizer", optim)) {
        opt_->load(optim);
        restored = true;
      }
      return Napi::Boolean::New(env, restored);
    } catch (const c10::Error& e) {
      throw Napi::Error::New(env, e.what_without_backtrace());
    }
  }

  Napi::Value ParameterCount(const Napi::CallbackInfo& info) {
    int64_t n = 0;
    for (const auto& p : net_->parameters()) n += p.numel();
    return Napi::Number::New(info.Env(), static_cast<double>(n));
  }
};

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  torch::set_num_threads(static_cast<int>(info[0].As<Napi::Number>().Int32Value()));
  return info.Env().Undefined();
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) { return Napi::Number::New(info.Env(), torch::get_num_threads()); }

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  torch::manual_seed(static_cast<uint64_t>(info[0].As<Napi::Number>().Int64Value()));
  return info.Env().Undefined();
}

// glibc returns a freed block above the (dynamic) mmap threshold or at the heap top beyond the trim threshold to the
// OS; a batch-1024 forward allocates ~160 MB of activations, so every call paid ~40,000 first-touch page faults
// (measured: 0.12 → 0.08 ms/sample once they are kept). Keep blocks up to 32 MB (glibc's largest allowed mmap
// threshold) on the heap and do not trim below 256 MB. Process-wide, set once when the addon loads; `allocator`
// reports whether glibc accepted it.
bool KeepActivationMemory() {
#if defined(__GLIBC__)
  return mallopt(M_MMAP_THRESHOLD, 32 * 1024 * 1024) == 1 && mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024) == 1;
#else
  return false;
#endif
}

Napi::Object Init(Napi::Env env, Napi::Object exports) {
  exports.Set("allocatorTuned", Napi::Boolean::New(env, KeepActivationMemory()));
  Net::Init(env, exports);
  exports.Set("setNumThreads", Napi::Function::New(env, SetNumThreads));
  exports.Set("getNumThreads", Napi::Function::New(env, GetNumThreads));
  exports.Set("manualSeed", Napi::Function::New(env, ManualSeed));
  exports.Set("libtorchVersion", Napi::String::New(env, TORCH_VERSION));
  return exports;
}

}  // namespace

NODE_API_MODULE(ckin_torch, Init)
