/**
 * Z-score normalization of network inputs and targets with statistics of the training split (Zhou 2026 §2.3):
 * one (mean, std) per curve channel (heating rate), per auxiliary feature and per target. A feature with zero spread
 * (e.g. the same three heating rates in every sample) gets std 1, i.e. it is only centred.
 */
import type { CurveSet } from './dataset.ts';

export interface Normalization {
  curves: { mean: number[]; std: number[] };
  aux: { mean: number[]; std: number[] };
  /** Targets in order (Ea_kJ_mol, lgA_s). */
  targets: { mean: number[]; std: number[] };
}

function meanStd(sum: number, sumSq: number, n: number): [number, number] {
  const mean = sum / n;
  const variance = Math.max(0, sumSq / n - mean * mean);
  const std = Math.sqrt(variance);
  return [mean, std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1];
}

/** Statistics over the listed rows of a set (float64 accumulation). */
export function computeNormalization(set: CurveSet, rows: ArrayLike<number>): Normalization {
  const C = set.channels;
  const L = set.length;
  const A = set.auxSize;
  const cs = new Float64Array(C);
  const cq = new Float64Array(C);
  const as = new Float64Array(A);
  const aq = new Float64Array(A);
  const ts = new Float64Array(2);
  const tq = new Float64Array(2);
  for (let k = 0; k < rows.length; k++) {
    const i = rows[k];
    for (let c = 0; c < C; c++) {
      const base = (i * C + c) * L;
      for (let p = 0; p < L; p++) {
        const v = set.curves[base + p];
        cs[c] += v;
        cq[c] += v * v;
      }
    }
    for (let a = 0; a < A; a++) {
      const v = set.aux[i * A + a];
      as[a] += v;
      aq[a] += v * v;
    }
    for (let t = 0; t < 2; t++) {
      const v = set.targets[i * 2 + t];
      ts[t] += v;
      tq[t] += v * v;
    }
  }
  const n = rows.length;
  const pack = (s: Float64Array, q: Float64Array, count: number) => {
    const mean: number[] = [];
    const std: number[] = [];
    for (let j = 0; j < s.length; j++) {
      const [m, sd] = meanStd(s[j], q[j], count);
      mean.push(m);
      std.push(sd);
    }
    return { mean, std };
  };
  return { curves: pack(cs, cq, n * L), aux: pack(as, aq, n), targets: pack(ts, tq, n) };
}

/** Normalized copies of a set's inputs: x' = (x − mean)/std per channel / feature. */
export function normalizeInputs(set: CurveSet, norm: Normalization): { x: Float32Array; aux: Float32Array } {
  const C = set.channels;
  const L = set.length;
  const A = set.auxSize;
  const x = new Float32Array(set.curves.length);
  for (let i = 0; i < set.count; i++) {
    for (let c = 0; c < C; c++) {
      const m = norm.curves.mean[c];
      const inv = 1 / norm.curves.std[c];
      const base = (i * C + c) * L;
      for (let p = 0; p < L; p++) x[base + p] = (set.curves[base + p] - m) * inv;
    }
  }
  const aux = new Float32Array(set.aux.length);
  for (let i = 0; i < set.count; i++) {
    for (let a = 0; a < A; a++) aux[i * A + a] = (set.aux[i * A + a] - norm.aux.mean[a]) / norm.aux.std[a];
  }
  return { x, aux };
}

/** Normalized targets y' = (y − mean)/std. */
export function normalizeTargets(targets: Float32Array, norm: Normalization): Float32Array {
  const y = new Float32Array(targets.length);
  for (let i = 0; i < targets.length; i++)
    y[i] = (targets[i] - norm.targets.mean[i % 2]) / norm.targets.std[i % 2];
  return y;
}

/** Back to physical units: y = y'·std + mean (float64 output). */
export function denormalizeTargets(y: Float32Array, norm: Normalization): Float64Array {
  const out = new Float64Array(y.length);
  for (let i = 0; i < y.length; i++) out[i] = y[i] * norm.targets.std[i % 2] + norm.targets.mean[i % 2];
  return out;
}
