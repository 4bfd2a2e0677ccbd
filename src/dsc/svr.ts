/**
 * ε-SVR with an RBF kernel through libsvm (the WebAssembly port `libsvm-js`, libsvm 3.22). Training runs in
 * libsvm; the trained model is read back from libsvm's own serialisation and evaluated here in JS,
 *   f(z) = Σ_i coef_i · exp(−γ ‖sv_i − z‖²) − ρ,
 * so that predictions are fast and the RBF's product structure can be used for exact Shapley values
 * (`coalitionValues`). Inputs are z-scored with the training means/stds and the target is standardised, so the
 * hyper-parameters (C, γ, ε) are in standardised units. Call nothing to free: the libsvm instance is freed after
 * training (its `free()`).
 */
import { createRequire } from 'node:module';

export interface SvrParams {
  /** Cost C. */
  C: number;
  /** RBF γ (1/unit² of standardised features). */
  gamma: number;
  /** ε-tube half-width in standardised target units. */
  epsilon: number;
}

export interface SvrModel {
  readonly d: number;
  readonly params: SvrParams;
  readonly nSupportVectors: number;
  predict(x: ArrayLike<number>): number;
  /** v(S) for every coalition mask S of the features: mean over `background` of f(x on S, b elsewhere). */
  coalitionValues(x: ArrayLike<number>, background: ArrayLike<number>[]): Float64Array;
  /** v(S) for single masks (Kernel SHAP): kernel factors precomputed once, then only multiplications per mask. */
  coalitionValueFn(x: ArrayLike<number>, background: ArrayLike<number>[]): (mask: number) => number;
  /** Everything `predict` needs, as plain JSON-safe data (saved models: `svrFromData` rebuilds the model). */
  data(): SvrModelData;
}

/** A trained RBF ε-SVR as plain data: support vectors in standardised units, the input and target scaling. */
export interface SvrModelData {
  params: SvrParams;
  d: number;
  gamma: number;
  rho: number;
  /** Dual coefficients α_i − α_i* per support vector. */
  coef: number[];
  /** Support vectors, row-major nSV × d (standardised units). */
  sv: number[];
  /** Input standardiser (training means and standard deviations per feature, raw units). */
  x_mean: number[];
  x_std: number[];
  /** Target standardiser (training mean and standard deviation, target units). */
  y_mean: number;
  y_std: number;
}

/** Rebuild a model from `SvrModelData` (checks the array lengths; a RangeError names the first mismatch). */
export function svrFromData(m: SvrModelData): SvrModel {
  const nSV = m.coef.length;
  const bad = !(Number.isInteger(m.d) && m.d > 0)
    ? 'd'
    : m.sv.length !== nSV * m.d
      ? 'sv'
      : m.x_mean.length !== m.d
        ? 'x_mean'
        : m.x_std.length !== m.d
          ? 'x_std'
          : ![m.gamma, m.rho, m.y_mean, m.y_std].every(Number.isFinite)
            ? 'gamma/rho/y_mean/y_std'
            : undefined;
  if (bad) throw new RangeError(`SVR model data: inconsistent ${bad}`);
  return makeSvrModel(
    { gamma: m.gamma, rho: m.rho, coef: Float64Array.from(m.coef), sv: Float64Array.from(m.sv), nSV, d: m.d },
    { mean: Float64Array.from(m.x_mean), std: Float64Array.from(m.x_std) },
    m.y_mean,
    m.y_std,
    m.params,
  );
}

interface LibSvmInstance {
  train(samples: number[][], labels: number[]): void;
  predict(samples: number[][]): number[];
  serializeModel(): string;
  free(): void;
}
interface LibSvmClass {
  new (opts: Record<string, unknown>): LibSvmInstance;
  SVM_TYPES: Record<string, number>;
  KERNEL_TYPES: Record<string, number>;
}

let libsvm: Promise<LibSvmClass> | undefined;

/** Load the libsvm WebAssembly module once. It prints one harmless "wasm streaming compile failed" line on stderr. */
export function loadLibsvm(): Promise<LibSvmClass> {
  if (!libsvm) libsvm = createRequire(import.meta.url)('libsvm-js') as Promise<LibSvmClass>;
  return libsvm;
}

export interface Standardiser {
  mean: Float64Array;
  std: Float64Array;
}

export function fitStandardiser(X: ArrayLike<number>[]): Standardiser {
  const d = X[0].length,
    n = X.length;
  const mean = new Float64Array(d),
    std = new Float64Array(d);
  for (const r of X) for (let j = 0; j < d; j++) mean[j] += r[j] / n;
  for (const r of X) for (let j = 0; j < d; j++) std[j] += (r[j] - mean[j]) ** 2 / n;
  for (let j = 0; j < d; j++) std[j] = Math.sqrt(std[j]) || 1;
  return { mean, std };
}

/** Train an ε-SVR (RBF) on raw features X and targets y. */
export async function fitSvr(
  X: ArrayLike<number>[],
  y: ArrayLike<number>,
  params: SvrParams,
): Promise<SvrModel> {
  const SVM = await loadLibsvm();
  const d = X[0].length;
  const sx = fitStandardiser(X);
  const yArr = Array.from(y);
  const yMean = yArr.reduce((s, v) => s + v, 0) / yArr.length;
  const yStd = Math.sqrt(yArr.reduce((s, v) => s + (v - yMean) ** 2, 0) / yArr.length) || 1;
  const Z = X.map((r) => Array.from({ length: d }, (_, j) => (r[j] - sx.mean[j]) / sx.std[j]));
  const svm = new SVM({
    type: SVM.SVM_TYPES.EPSILON_SVR,
    kernel: SVM.KERNEL_TYPES.RBF,
    gamma: params.gamma,
    cost: params.C,
    epsilon: params.epsilon,
    quiet: true,
  });
  let text: string;
  try {
    svm.train(
      Z,
      yArr.map((v) => (v - yMean) / yStd),
    );
    text = svm.serializeModel();
  } finally {
    svm.free();
  }
  const parsed = parseLibsvmModel(text, d);
  return makeSvrModel(parsed, sx, yMean, yStd, params);
}

export interface ParsedRbfModel {
  gamma: number;
  rho: number;
  coef: Float64Array;
  /** Support vectors, row-major nSV × d (standardised units). */
  sv: Float64Array;
  nSV: number;
  d: number;
}

/** Parse libsvm's text model (svm_save_model format) of an RBF ε-SVR; sparse `index:value` (1-based, 0 omitted). */
export function parseLibsvmModel(text: string, d: number): ParsedRbfModel {
  const lines = text.split('\n');
  let gamma = NaN,
    rho = NaN,
    k = 0;
  for (; k < lines.length; k++) {
    const [key, ...rest] = lines[k].trim().split(/\s+/);
    if (key === 'SV') break;
    if (key === 'kernel_type' && rest[0] !== 'rbf') throw new Error(`expected an RBF model, got ${rest[0]}`);
    if (key === 'gamma') gamma = Number(rest[0]);
    if (key === 'rho') rho = Number(rest[0]);
  }
  const rows = lines.slice(k + 1).filter((l) => l.trim() !== '');
  const coef = new Float64Array(rows.length);
  const sv = new Float64Array(rows.length * d);
  rows.forEach((l, i) => {
    const [c, ...pairs] = l.trim().split(/\s+/);
    coef[i] = Number(c);
    for (const p of pairs) {
      const [idx, val] = p.split(':');
      sv[i * d + Number(idx) - 1] = Number(val);
    }
  });
  if (!Number.isFinite(gamma) || !Number.isFinite(rho)) throw new Error('libsvm model without gamma/rho');
  return { gamma, rho, coef, sv, nSV: rows.length, d };
}

function makeSvrModel(
  m: ParsedRbfModel,
  sx: Standardiser,
  yMean: number,
  yStd: number,
  params: SvrParams,
): SvrModel {
  const { d, nSV, coef, sv, gamma, rho } = m;
  const z = new Float64Array(d);
  const standardise = (x: ArrayLike<number>, out: Float64Array): Float64Array => {
    for (let j = 0; j < d; j++) out[j] = (x[j] - sx.mean[j]) / sx.std[j];
    return out;
  };
  const predict = (x: ArrayLike<number>): number => {
    standardise(x, z);
    let s = 0;
    for (let i = 0; i < nSV; i++) {
      let r2 = 0;
      const o = i * d;
      for (let j = 0; j < d; j++) {
        const t = sv[o + j] - z[j];
        r2 += t * t;
      }
      s += coef[i] * Math.exp(-gamma * r2);
    }
    return yMean + yStd * (s - rho);
  };
  /**
   * Exact v(S) for all 2^d masks using exp(−γ‖s−z‖²) = Π_j exp(−γ(s_j−z_j)²): for each support vector and
   * background point, the products Π_{j∈S} a_j Π_{j∉S} c_j over all masks are built feature by feature
   * (2^(d+1) multiplications, no division), then summed with the SV coefficients.
   */
  const coalitionValues = (x: ArrayLike<number>, background: ArrayLike<number>[]): Float64Array => {
    const M = 1 << d;
    const total = new Float64Array(M);
    const prod = new Float64Array(M);
    const zx = standardise(x, new Float64Array(d));
    const zb = background.map((b) => standardise(b, new Float64Array(d)));
    const a = new Float64Array(d),
      c = new Float64Array(d);
    for (let i = 0; i < nSV; i++) {
      const o = i * d;
      for (let j = 0; j < d; j++) a[j] = Math.exp(-gamma * (sv[o + j] - zx[j]) ** 2);
      for (const b of zb) {
        for (let j = 0; j < d; j++) c[j] = Math.exp(-gamma * (sv[o + j] - b[j]) ** 2);
        prod[0] = 1;
        let size = 1;
        for (let j = 0; j < d; j++) {
          const aj = a[j],
            cj = c[j];
          for (let m = 0; m < size; m++) {
            const p = prod[m];
            prod[m + size] = p * aj;
            prod[m] = p * cj;
          }
          size <<= 1;
        }
        const w = coef[i];
        for (let m = 0; m < M; m++) total[m] += w * prod[m];
      }
    }
    const nb = zb.length;
    for (let m = 0; m < M; m++) total[m] = yMean + yStd * (total[m] / nb - rho);
    return total;
  };
  const coalitionValueFn = (
    x: ArrayLike<number>,
    background: ArrayLike<number>[],
  ): ((mask: number) => number) => {
    const zx = standardise(x, new Float64Array(d));
    const a = new Float64Array(nSV * d);
    for (let i = 0; i < nSV; i++)
      for (let j = 0; j < d; j++) a[i * d + j] = Math.exp(-gamma * (sv[i * d + j] - zx[j]) ** 2);
    const cs = background.map((b) => {
      const zb = standardise(b, new Float64Array(d));
      const c = new Float64Array(nSV * d);
      for (let i = 0; i < nSV; i++)
        for (let j = 0; j < d; j++) c[i * d + j] = Math.exp(-gamma * (sv[i * d + j] - zb[j]) ** 2);
      return c;
    });
    const inIdx = new Int32Array(d),
      outIdx = new Int32Array(d);
    return (mask: number): number => {
      let nIn = 0,
        nOut = 0;
      for (let j = 0; j < d; j++) {
        if ((mask >>> j) & 1) inIdx[nIn++] = j;
        else outIdx[nOut++] = j;
      }
      let total = 0;
      for (let i = 0; i < nSV; i++) {
        const o = i * d;
        let pa = coef[i];
        for (let k = 0; k < nIn; k++) pa *= a[o + inIdx[k]];
        if (pa === 0) continue;
        let sb = 0;
        for (const c of cs) {
          let pc = 1;
          for (let k = 0; k < nOut; k++) pc *= c[o + outIdx[k]];
          sb += pc;
        }
        total += pa * sb;
      }
      return yMean + yStd * (total / cs.length - rho);
    };
  };
  const data = (): SvrModelData => ({
    params: { ...params },
    d,
    gamma,
    rho,
    coef: Array.from(coef),
    sv: Array.from(sv),
    x_mean: Array.from(sx.mean),
    x_std: Array.from(sx.std),
    y_mean: yMean,
    y_std: yStd,
  });
  return { d, params, nSupportVectors: nSV, predict, coalitionValues, coalitionValueFn, data };
}
