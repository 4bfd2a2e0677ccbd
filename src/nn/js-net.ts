/**
 * Eval-mode forward pass of a network spec (src/nn/spec.ts) in plain TypeScript, from tensors exported by the
 * libtorch addon (`exportTensors`, stored beside model.pt by src/nn/js-weights.ts).
 *
 * Why by hand: one `ckin predict` on one run is a ~4 M multiply-add forward pass, while loading libtorch (dlopen of
 * ~0.5 GB of shared libraries) costs 0.3–1.1 s, more than the whole start-up budget of issue 14 (≤ 450 ms). Inference
 * of these few layer types is short and is checked against libtorch's own forward on the shipped models
 * (test/nn/js-net.test.ts, ≤ 1e-4 relative). Training, and batches larger than `JS_FORWARD_MAX_BATCH`, stay on libtorch.
 *
 * Semantics follow PyTorch: Conv1d with zero padding (cross-correlation), BatchNorm1d with running statistics and
 * ε = 1e-5, exact GELU 0.5·x·(1 + erf(x/√2)), Dropout = identity, Max/AvgPool1d without padding, Linear y = Wx + b.
 */
import type { ResolvedNet } from './spec.ts';

/** A tensor by name: "conv1d_0.weight", "batchnorm1d_1.running_mean", … (the addon's registered names). */
export type TensorMap = Map<string, { shape: number[]; data: Float32Array }>;

/**
 * Larger batches run on libtorch: batch predictions and `ckin evaluate` then reproduce the metrics a training wrote
 * bit for bit (the same kernels, the same summation order); a single run (`ckin predict FILES…`) runs here.
 */
export const JS_FORWARD_MAX_BATCH = 1;

const BN_EPS = 1e-5;

/** erf(x) to double precision: Maclaurin series for |x| < 2.5, the continued fraction of erfc beyond, ±1 past 6. */
function erf(x: number): number {
  const ax = Math.abs(x);
  if (ax < 2.5) {
    // Maclaurin series: erf x = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
    let term = ax;
    let sum = ax;
    const x2 = ax * ax;
    for (let n = 1; n < 60; n++) {
      term *= -x2 / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    const r = (2 / Math.sqrt(Math.PI)) * sum;
    return x < 0 ? -r : r;
  }
  if (ax > 6) return x < 0 ? -1 : 1;
  // erfc by its continued fraction (Lentz), 2.5 ≤ |x| ≤ 6
  let f = ax;
  let C = ax;
  let D = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    D = ax + a * D;
    D = D === 0 ? 1e-300 : 1 / D;
    C = ax + a / C;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const erfc = Math.exp(-ax * ax) / (f * Math.sqrt(Math.PI));
  return x < 0 ? erfc - 1 : 1 - erfc;
}

type Tensorish = { data: Float64Array; channels: number; length: number | null };

/** A network whose forward pass runs in JavaScript (eval mode only). Same call shape as the addon's `forward`. */
export class JsNet {
  private readonly net: ResolvedNet;
  private readonly tensors: TensorMap;

  constructor(net: ResolvedNet, tensors: TensorMap) {
    this.net = net;
    this.tensors = tensors;
    // Fail at load, not at the first prediction, when the tensors do not fit the spec.
    net.layers.forEach((layer, i) => {
      const name = `${layer.type}_${i}`;
      if (layer.type === 'conv1d') {
        this.expect(`${name}.weight`, [Number(layer.out), Number(layer.in), Number(layer.kernel)]);
        this.expect(`${name}.bias`, [Number(layer.out)]);
      } else if (layer.type === 'linear') {
        this.expect(`${name}.weight`, [Number(layer.out), Number(layer.in)]);
        this.expect(`${name}.bias`, [Number(layer.out)]);
      } else if (layer.type === 'batchnorm1d') {
        for (const p of ['weight', 'bias', 'running_mean', 'running_var'])
          this.expect(`${name}.${p}`, [Number(layer.features)]);
      }
    });
  }

  private expect(name: string, shape: number[]): void {
    const t = this.tensors.get(name);
    if (!t) throw new RangeError(`weights: tensor ${name} missing`);
    if (t.shape.length !== shape.length || t.shape.some((d, i) => d !== shape[i]))
      throw new RangeError(
        `weights: tensor ${name} has shape [${t.shape.join(', ')}], expected [${shape.join(', ')}]`,
      );
  }

  private t(name: string): Float32Array {
    return this.tensors.get(name)!.data;
  }

  /** Eval-mode outputs [batch × outputs] for inputs x [batch × channels × length] and aux [batch × aux]. */
  forward(x: Float32Array, aux: Float32Array | null, batch: number): Float32Array {
    const { channels, length, aux: auxSize, outputs } = this.net.shape;
    const cl = channels * length;
    if (x.length !== batch * cl)
      throw new RangeError(`forward: x has ${x.length} values, expected ${batch * cl}`);
    if (auxSize && (!aux || aux.length !== batch * auxSize))
      throw new RangeError(`forward: aux must have ${batch * auxSize} values`);
    const out = new Float32Array(batch * outputs);
    for (let b = 0; b < batch; b++) {
      let v: Tensorish = { data: Float64Array.from(x.subarray(b * cl, (b + 1) * cl)), channels, length };
      this.net.layers.forEach((layer, i) => {
        v = this.layer(
          layer,
          `${layer.type}_${i}`,
          v,
          aux ? aux.subarray(b * auxSize, (b + 1) * auxSize) : null,
        );
      });
      for (let o = 0; o < outputs; o++) out[b * outputs + o] = v.data[o];
    }
    return out;
  }

  private layer(
    layer: ResolvedNet['layers'][number],
    name: string,
    v: Tensorish,
    aux: Float32Array | null,
  ): Tensorish {
    const { data, channels: C } = v;
    const L = v.length;
    switch (layer.type) {
      case 'conv1d': {
        const out = Number(layer.out);
        const K = Number(layer.kernel);
        const pad = Number(layer.padding);
        const stride = Number(layer.stride);
        const Lin = L!;
        const Lout = Math.floor((Lin + 2 * pad - K) / stride) + 1;
        const w = this.t(`${name}.weight`);
        const bias = this.t(`${name}.bias`);
        const y = new Float64Array(out * Lout);
        for (let o = 0; o < out; o++) {
          const yo = o * Lout;
          for (let p = 0; p < Lout; p++) y[yo + p] = bias[o];
          for (let c = 0; c < C; c++) {
            const xc = c * Lin;
            const wk = (o * C + c) * K;
            for (let k = 0; k < K; k++) {
              const wv = w[wk + k];
              // input index = p·stride + k − pad, inside [0, Lin)
              const pLo = Math.max(0, Math.ceil((pad - k) / stride));
              const pHi = Math.min(Lout - 1, Math.floor((Lin - 1 + pad - k) / stride));
              for (let p = pLo; p <= pHi; p++) y[yo + p] += wv * data[xc + p * stride + k - pad];
            }
          }
        }
        return { data: y, channels: out, length: Lout };
      }
      case 'batchnorm1d': {
        const g = this.t(`${name}.weight`);
        const be = this.t(`${name}.bias`);
        const mu = this.t(`${name}.running_mean`);
        const va = this.t(`${name}.running_var`);
        const per = L === null ? 1 : L;
        const feats = L === null ? data.length : C;
        const y = new Float64Array(data.length);
        for (let f = 0; f < feats; f++) {
          const s = g[f] / Math.sqrt(va[f] + BN_EPS);
          const off = be[f] - mu[f] * s;
          for (let p = 0; p < per; p++) y[f * per + p] = data[f * per + p] * s + off;
        }
        return { data: y, channels: C, length: L };
      }
      case 'relu':
        return { data: data.map((z) => (z > 0 ? z : 0)), channels: C, length: L };
      case 'gelu':
        return { data: data.map((z) => 0.5 * z * (1 + erf(z / Math.SQRT2))), channels: C, length: L };
      case 'dropout':
        return v;
      case 'maxpool1d':
      case 'avgpool1d': {
        const K = Number(layer.kernel);
        const stride = Number(layer.stride);
        const Lout = Math.floor((L! - K) / stride) + 1;
        const y = new Float64Array(C * Lout);
        const max = layer.type === 'maxpool1d';
        for (let c = 0; c < C; c++)
          for (let p = 0; p < Lout; p++) {
            let acc = max ? -Infinity : 0;
            for (let k = 0; k < K; k++) {
              const z = data[c * L! + p * stride + k];
              acc = max ? (z > acc ? z : acc) : acc + z;
            }
            y[c * Lout + p] = max ? acc : acc / K;
          }
        return { data: y, channels: C, length: Lout };
      }
      case 'global_avg_pool':
      case 'global_max_pool': {
        const y = new Float64Array(C);
        const max = layer.type === 'global_max_pool';
        for (let c = 0; c < C; c++) {
          let acc = max ? -Infinity : 0;
          for (let p = 0; p < L!; p++) {
            const z = data[c * L! + p];
            acc = max ? (z > acc ? z : acc) : acc + z;
          }
          y[c] = max ? acc : acc / L!;
        }
        return { data: y, channels: C, length: null };
      }
      case 'flatten':
        return { data, channels: C, length: null };
      case 'concat_aux': {
        const a = aux ?? new Float32Array(0);
        const y = new Float64Array(data.length + a.length);
        y.set(data);
        for (let i = 0; i < a.length; i++) y[data.length + i] = a[i];
        return { data: y, channels: C, length: null };
      }
      case 'linear': {
        const nIn = Number(layer.in);
        const nOut = Number(layer.out);
        const w = this.t(`${name}.weight`);
        const bias = this.t(`${name}.bias`);
        const y = new Float64Array(nOut);
        for (let o = 0; o < nOut; o++) {
          let acc = bias[o];
          const row = o * nIn;
          for (let i = 0; i < nIn; i++) acc += w[row + i] * data[i];
          y[o] = acc;
        }
        return { data: y, channels: C, length: null };
      }
      default:
        throw new RangeError(`JsNet: unknown layer type ${layer.type}`);
    }
  }
}
