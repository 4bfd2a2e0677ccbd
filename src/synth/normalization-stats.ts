/**
 * Running z-score statistics (sum and sum of squares in float64, accumulated in a fixed order so the result is
 * bit-reproducible). Population variance = E[x²] − E[x]²; for values of order 1 and ≤ 10⁸ terms the cancellation
 * error is far below float32 resolution.
 */
export class MomentAccumulator {
  readonly sum: Float64Array;
  readonly sumSq: Float64Array;
  readonly count: Float64Array;

  constructor(channels: number) {
    this.sum = new Float64Array(channels);
    this.sumSq = new Float64Array(channels);
    this.count = new Float64Array(channels);
  }

  /** Add `len` values of channel `c` from `values` starting at `offset`. */
  addRun(c: number, values: ArrayLike<number>, offset: number, len: number): void {
    let s = 0;
    let q = 0;
    for (let i = offset; i < offset + len; i++) {
      const v = values[i];
      s += v;
      q += v * v;
    }
    this.sum[c] += s;
    this.sumSq[c] += q;
    this.count[c] += len;
  }

  /** Per-channel mean and population std (a zero or undefined std is reported as 1, so z-scoring stays finite). */
  result(): { mean: number[]; std: number[] } {
    const mean: number[] = [];
    const std: number[] = [];
    for (let c = 0; c < this.sum.length; c++) {
      const n = this.count[c];
      const m = n > 0 ? this.sum[c] / n : 0;
      const v = n > 0 ? Math.max(0, this.sumSq[c] / n - m * m) : 0;
      const sd = Math.sqrt(v);
      mean.push(m);
      // A spread at rounding level (constant feature) counts as zero, as in src/nn/normalization.ts.
      std.push(sd > 1e-12 * Math.max(1, Math.abs(m)) ? sd : 1);
    }
    return { mean, std };
  }
}
