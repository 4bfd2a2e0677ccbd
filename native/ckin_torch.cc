// ckin_torch: a thin N-API binding of libtorch for cathode-kinetics.
//
// It exposes one class, `Net`: a feed-forward network built from a list of layer objects (already shape-resolved by
// the TypeScript side, src/nn/spec.ts), forward in train/eval mode, one optimizer step (Adam/AdamW, MSE loss, lr set
// per step), state save/load to a byte buffer, and the parameter count; plus process-wide thread count and seed.
// Everything else (training loop, schedules, data, metrics, checkpoints, files) lives in TypeScript. Written by hand
// because no npm package binds libtorch for training; kept as small as possible.

#include <napi.h>
#include <torch/torch.h>

#include <cmath>
#include <cstring>
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

// ---- Argument checks --------------------------------------------------------------------------------------------
// Every value that crosses from JavaScript is checked before use (type, typed-array kind, integer range, length
// against the shape): node-addon-api's As<T>() does not check, so a Float64Array would be read as garbage floats.
// Failures are JS TypeErrors/RangeErrors naming the argument.

const char* JsTypeName(const Napi::Value& v) {
  if (v.IsUndefined()) return "undefined";
  if (v.IsNull()) return "null";
  if (v.IsBoolean()) return "a boolean";
  if (v.IsNumber()) return "a number";
  if (v.IsString()) return "a string";
  if (v.IsTypedArray()) {
    switch (v.As<Napi::TypedArray>().TypedArrayType()) {
      case napi_int8_array: return "an Int8Array";
      case napi_uint8_array: return "a Uint8Array";
      case napi_uint8_clamped_array: return "a Uint8ClampedArray";
      case napi_int16_array: return "an Int16Array";
      case napi_uint16_array: return "a Uint16Array";
      case napi_int32_array: return "an Int32Array";
      case napi_uint32_array: return "a Uint32Array";
      case napi_float32_array: return "a Float32Array";
      case napi_float64_array: return "a Float64Array";
      default: return "a typed array";
    }
  }
  if (v.IsArray()) return "an array";
  if (v.IsFunction()) return "a function";
  if (v.IsObject()) return "an object";
  return "another kind of value";
}

[[noreturn]] void TypeFail(const Napi::Env& env, const std::string& name, const char* expected, const Napi::Value& got) {
  throw Napi::TypeError::New(env, name + ": expected " + expected + ", got " + JsTypeName(got));
}

[[noreturn]] void RangeFail(const Napi::Env& env, const std::string& message) {
  throw Napi::RangeError::New(env, message);
}

/** An integer in [lo, hi] (a JS number with no fractional part). */
int64_t CheckInt(const Napi::Value& v, const std::string& name, int64_t lo, int64_t hi) {
  if (!v.IsNumber()) TypeFail(v.Env(), name, "an integer", v);
  double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || std::floor(d) != d || d < static_cast<double>(lo) || d > static_cast<double>(hi))
    RangeFail(v.Env(), name + ": expected an integer in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                           "], got " + Napi::Number(v.Env(), v).ToString().Utf8Value());
  return static_cast<int64_t>(d);
}

/** A finite number in [lo, hi]. */
double CheckNumber(const Napi::Value& v, const std::string& name, double lo, double hi) {
  if (!v.IsNumber()) TypeFail(v.Env(), name, "a number", v);
  double d = v.As<Napi::Number>().DoubleValue();
  if (!std::isfinite(d) || d < lo || d > hi)
    RangeFail(v.Env(), name + ": expected a finite number in [" + std::to_string(lo) + ", " + std::to_string(hi) +
                           "], got " + Napi::Number(v.Env(), v).ToString().Utf8Value());
  return d;
}

Napi::Object CheckObject(const Napi::Value& v, const std::string& name) {
  if (!v.IsObject() || v.IsArray() || v.IsFunction() || v.IsTypedArray()) TypeFail(v.Env(), name, "an object", v);
  return v.As<Napi::Object>();
}

std::string CheckString(const Napi::Value& v, const std::string& name) {
  if (!v.IsString()) TypeFail(v.Env(), name, "a string", v);
  return v.As<Napi::String>().Utf8Value();
}

Napi::Float32Array CheckFloat32Array(const Napi::Value& v, const std::string& name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_float32_array)
    TypeFail(v.Env(), name, "a Float32Array", v);
  return v.As<Napi::Float32Array>();
}

bool Absent(const Napi::Object& o, const char* key) {
  if (!o.Has(key)) return true;
  Napi::Value v = o.Get(key);
  return v.IsUndefined() || v.IsNull();
}

/** Largest size of one dimension (channels, length, features, kernel…): far above any real network, far below overflow. */
constexpr int64_t kMaxSize = int64_t{1} << 24;

/** An integer field `key` of `o` in [lo, hi]; `fallback` when absent (required when fallback < 0). */
int64_t IntProp(const Napi::Object& o, const std::string& where, const char* key, int64_t lo, int64_t hi,
                int64_t fallback = -1) {
  if (Absent(o, key)) {
    if (fallback < 0) throw Napi::TypeError::New(o.Env(), where + "." + key + ": missing");
    return fallback;
  }
  return CheckInt(o.Get(key), where + "." + key, lo, hi);
}

double NumProp(const Napi::Object& o, const std::string& where, const char* key, double lo, double hi,
               double fallback) {
  if (Absent(o, key)) return fallback;
  return CheckNumber(o.Get(key), where + "." + key, lo, hi);
}

/**
 * Run one entry point with every C++ exception turned into a JS error: JS errors raised by the checks pass through,
 * libtorch's c10::Error keeps its message (without the C++ backtrace), any other std::exception or unknown throw
 * becomes an Error saying so, instead of terminating the process.
 */
template <typename F>
auto Guard(const Napi::Env& env, F&& body) -> decltype(body()) {
  try {
    return body();
  } catch (const Napi::Error&) {
    throw;
  } catch (const c10::Error& e) {
    throw Napi::Error::New(env, e.what_without_backtrace());
  } catch (const std::exception& e) {
    throw Napi::Error::New(env, std::string("ckin_torch: C++ exception: ") + e.what());
  } catch (...) {
    throw Napi::Error::New(env, "ckin_torch: unknown C++ exception");
  }
}

/** The network: an ordered list of layers; `concat_aux` appends the auxiliary vector to the features. */
struct NetImpl : torch::nn::Module {
  std::vector<Layer> layers;

  void Add(const Napi::Value& value, size_t index) {
    const std::string where = "layers[" + std::to_string(index) + "]";
    Napi::Object spec = CheckObject(value, where);
    std::string type = CheckString(spec.Get("type"), where + ".type");
    std::string name = type + "_" + std::to_string(index);
    auto size = [&](const char* key) { return IntProp(spec, where, key, 1, kMaxSize); };
    Layer layer{Kind::Module, {}};
    if (type == "conv1d") {
      int64_t k = size("kernel");
      auto opts = torch::nn::Conv1dOptions(size("in"), size("out"), k)
                      .stride(IntProp(spec, where, "stride", 1, kMaxSize, 1))
                      .padding(IntProp(spec, where, "padding", 0, kMaxSize, k / 2));
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::Conv1d(opts)));
    } else if (type == "batchnorm1d") {
      layer.module = torch::nn::AnyModule(
          register_module(name, torch::nn::BatchNorm1d(torch::nn::BatchNorm1dOptions(size("features"))
                                                           .momentum(NumProp(spec, where, "momentum", 0, 1, 0.1)))));
    } else if (type == "relu") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::ReLU()));
    } else if (type == "gelu") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::GELU()));
    } else if (type == "dropout") {
      layer.module =
          torch::nn::AnyModule(register_module(name, torch::nn::Dropout(NumProp(spec, where, "p", 0, 1, 0.5))));
    } else if (type == "maxpool1d") {
      int64_t k = size("kernel");
      layer.module = torch::nn::AnyModule(register_module(
          name, torch::nn::MaxPool1d(torch::nn::MaxPool1dOptions(k).stride(IntProp(spec, where, "stride", 1, kMaxSize, k)))));
    } else if (type == "avgpool1d") {
      int64_t k = size("kernel");
      layer.module = torch::nn::AnyModule(register_module(
          name, torch::nn::AvgPool1d(torch::nn::AvgPool1dOptions(k).stride(IntProp(spec, where, "stride", 1, kMaxSize, k)))));
    } else if (type == "linear") {
      layer.module = torch::nn::AnyModule(register_module(name, torch::nn::Linear(size("in"), size("out"))));
    } else if (type == "flatten") {
      layer.kind = Kind::Flatten;
    } else if (type == "global_avg_pool") {
      layer.kind = Kind::GlobalAvg;
    } else if (type == "global_max_pool") {
      layer.kind = Kind::GlobalMax;
    } else if (type == "concat_aux") {
      layer.kind = Kind::ConcatAux;
    } else {
      throw Napi::RangeError::New(spec.Env(), where + ".type: unknown layer type \"" + type + "\"");
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
                                       InstanceMethod("parameterCount", &Net::ParameterCount),
                                       InstanceMethod("exportTensors", &Net::ExportTensors)});
    exports.Set("Net", ctor);
    return exports;
  }

  // new Net(layers: object[], shape: {channels, length, aux, outputs})
  explicit Net(const Napi::CallbackInfo& info) : Napi::ObjectWrap<Net>(info) {
    Guard(info.Env(), [&] {
      if (!info[0].IsArray()) TypeFail(info.Env(), "layers", "an array of layer objects", info[0]);
      Napi::Array specs = info[0].As<Napi::Array>();
      Napi::Object shape = CheckObject(info[1], "shape");
      channels_ = IntProp(shape, "shape", "channels", 1, kMaxSize);
      length_ = IntProp(shape, "shape", "length", 1, kMaxSize);
      aux_ = IntProp(shape, "shape", "aux", 0, kMaxSize, 0);
      outputs_ = IntProp(shape, "shape", "outputs", 1, kMaxSize);
      net_ = std::make_shared<NetImpl>();
      for (uint32_t i = 0; i < specs.Length(); i++) net_->Add(specs.Get(i), i);
    });
  }

 private:
  std::shared_ptr<NetImpl> net_;
  std::unique_ptr<torch::optim::Optimizer> opt_;
  int64_t channels_ = 0, length_ = 0, aux_ = 0, outputs_ = 0;

  /** Largest batch of one call (the typed arrays' lengths are checked against it times the sample size). */
  static constexpr int64_t kMaxBatch = int64_t{1} << 31;

  int64_t Batch(const Napi::Value& v) { return CheckInt(v, "batch", 1, kMaxBatch); }

  torch::Tensor View(const Napi::Value& v, int64_t batch, std::vector<int64_t> dims, const char* what) {
    auto arr = CheckFloat32Array(v, what);
    double expected = static_cast<double>(batch);
    std::string per;
    for (auto d : dims) {
      expected *= static_cast<double>(d);
      per += (per.empty() ? "" : "×") + std::to_string(d);
    }
    if (static_cast<double>(arr.ElementLength()) != expected)
      RangeFail(v.Env(), std::string(what) + ": expected " + std::to_string(static_cast<int64_t>(expected)) +
                             " floats (batch " + std::to_string(batch) + " × " + per + "), got " +
                             std::to_string(arr.ElementLength()));
    dims.insert(dims.begin(), batch);
    // The JS buffer outlives every use in these synchronous calls, so no copy is needed.
    return torch::from_blob(arr.Data(), dims, torch::kFloat32);
  }

  torch::Tensor Aux(const Napi::Value& v, int64_t batch) {
    if (aux_ == 0) {
      if (!v.IsNull() && !v.IsUndefined()) CheckFloat32Array(v, "aux");
      if (!v.IsNull() && !v.IsUndefined() && v.As<Napi::Float32Array>().ElementLength() != 0)
        RangeFail(v.Env(), "aux: this network takes no auxiliary vector: pass null");
      return torch::empty({batch, 0});
    }
    if (v.IsNull() || v.IsUndefined())
      RangeFail(v.Env(), "aux: this network takes " + std::to_string(aux_) + " auxiliary values per sample, got null");
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
    return Guard(env, [&]() -> Napi::Value {
      int64_t batch = Batch(info[2]);
      bool train = false;
      if (info.Length() > 3 && !info[3].IsUndefined()) {
        if (!info[3].IsBoolean()) TypeFail(env, "train", "a boolean", info[3]);
        train = info[3].As<Napi::Boolean>().Value();
      }
      auto x = View(info[0], batch, {channels_, length_}, "x");
      auto aux = Aux(info[1], batch);
      net_->train(train);
      if (train) {
        torch::NoGradGuard no_grad;
        return ToFloat32Array(env, net_->forward(x, aux));
      }
      c10::InferenceMode guard;
      return ToFloat32Array(env, net_->forward(x, aux));
    });
  }

  // setOptimizer({type: 'adam'|'adamw', lr, weightDecay, beta1?, beta2?, eps?})
  Napi::Value SetOptimizer(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return Guard(env, [&]() -> Napi::Value {
      Napi::Object o = CheckObject(info[0], "options");
      std::string type = CheckString(o.Get("type"), "options.type");
      const double big = 1e6;
      double lr = NumProp(o, "options", "lr", 0, big, 1e-3);
      double wd = NumProp(o, "options", "weightDecay", 0, big, 0.0);
      double eps = NumProp(o, "options", "eps", 0, 1, 1e-8);
      auto betas = std::make_tuple(NumProp(o, "options", "beta1", 0, 1, 0.9), NumProp(o, "options", "beta2", 0, 1, 0.999));
      if (type == "adam") {
        opt_ = std::make_unique<torch::optim::Adam>(
            net_->parameters(), torch::optim::AdamOptions(lr).weight_decay(wd).eps(eps).betas(betas));
      } else if (type == "adamw") {
        opt_ = std::make_unique<torch::optim::AdamW>(
            net_->parameters(), torch::optim::AdamWOptions(lr).weight_decay(wd).eps(eps).betas(betas));
      } else {
        RangeFail(env, "options.type: unknown optimizer \"" + type + "\" (adam, adamw)");
      }
      return env.Undefined();
    });
  }

  // trainStep(x, aux, y: Float32Array [B*O], batch, lr): number — one MSE step in train mode; returns the batch loss.
  Napi::Value TrainStep(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return Guard(env, [&]() -> Napi::Value {
      if (!opt_) throw Napi::Error::New(env, "trainStep: call setOptimizer first");
      int64_t batch = Batch(info[3]);
      double lr = CheckNumber(info[4], "lr", 0, 1e6);
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
    });
  }

  // saveState(withOptimizer = false): Buffer — parameters and buffers (BatchNorm statistics), optionally the optimizer.
  Napi::Value SaveState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return Guard(env, [&]() -> Napi::Value {
      bool withOpt = false;
      if (info.Length() > 0 && !info[0].IsUndefined()) {
        if (!info[0].IsBoolean()) TypeFail(env, "withOptimizer", "a boolean", info[0]);
        withOpt = info[0].As<Napi::Boolean>().Value();
      }
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
    });
  }

  // loadState(buffer): boolean — restores parameters and buffers; returns whether optimizer state was restored too.
  Napi::Value LoadState(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return Guard(env, [&]() -> Napi::Value {
      if (!info[0].IsTypedArray() || info[0].As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
        TypeFail(env, "state", "a Buffer (bytes of saveState)", info[0]);
      auto bytes = info[0].As<Napi::Uint8Array>();
      if (bytes.ElementLength() == 0) RangeFail(env, "state: empty buffer");
      torch::serialize::InputArchive archive;
      archive.load_from(reinterpret_cast<const char*>(bytes.Data()), bytes.ElementLength());
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
    });
  }

  Napi::Value ParameterCount(const Napi::CallbackInfo& info) {
    return Guard(info.Env(), [&]() -> Napi::Value {
      int64_t n = 0;
      for (const auto& p : net_->parameters()) n += p.numel();
      return Napi::Number::New(info.Env(), static_cast<double>(n));
    });
  }

  // exportTensors(): [{name, shape, data: Float32Array}] — every parameter and floating-point buffer (BatchNorm's
  // running statistics), named as registered ("conv1d_0.weight"), for the JavaScript inference path (src/nn/js-net.ts).
  Napi::Value ExportTensors(const Napi::CallbackInfo& info) {
    Napi::Env env = info.Env();
    return Guard(env, [&]() -> Napi::Value {
      Napi::Array out = Napi::Array::New(env);
      uint32_t k = 0;
      auto add = [&](const std::string& name, const torch::Tensor& value) {
        if (!value.is_floating_point()) return;  // num_batches_tracked (int64) is not used in eval mode
        torch::Tensor t = value.detach().to(torch::kCPU, torch::kFloat32).contiguous();
        Napi::Object o = Napi::Object::New(env);
        o.Set("name", Napi::String::New(env, name));
        Napi::Array shape = Napi::Array::New(env, static_cast<size_t>(t.dim()));
        for (int64_t d = 0; d < t.dim(); d++) shape.Set(static_cast<uint32_t>(d), Napi::Number::New(env, static_cast<double>(t.size(d))));
        o.Set("shape", shape);
        Napi::Float32Array data = Napi::Float32Array::New(env, static_cast<size_t>(t.numel()));
        std::memcpy(data.Data(), t.data_ptr<float>(), static_cast<size_t>(t.numel()) * sizeof(float));
        o.Set("data", data);
        out.Set(k++, o);
      };
      for (const auto& p : net_->named_parameters()) add(p.key(), p.value());
      for (const auto& b : net_->named_buffers()) add(b.key(), b.value());
      return out;
    });
  }
};

Napi::Value SetNumThreads(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), [&]() -> Napi::Value {
    torch::set_num_threads(static_cast<int>(CheckInt(info[0], "threads", 1, 4096)));
    return info.Env().Undefined();
  });
}

Napi::Value GetNumThreads(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), [&]() -> Napi::Value { return Napi::Number::New(info.Env(), torch::get_num_threads()); });
}

Napi::Value ManualSeed(const Napi::CallbackInfo& info) {
  return Guard(info.Env(), [&]() -> Napi::Value {
    // Seeds are safe integers (what a JS number holds exactly).
    torch::manual_seed(static_cast<uint64_t>(CheckInt(info[0], "seed", 0, (int64_t{1} << 53) - 1)));
    return info.Env().Undefined();
  });
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
