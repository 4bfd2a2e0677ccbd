/**
 * A solid-state reaction model: the conversion function f(α) of dα/dt = k(T)·f(α) and, where a closed form
 * exists, its integral g(α) = ∫₀^α dα′/f(α′) and the inverse g⁻¹. α is dimensionless in [0, 1].
 */
export interface ReactionModel {
  /** Short identifier, e.g. `jma`, `nth-order`. */
  readonly name: string;
  /** Human-readable description with parameters, e.g. `JMA (Avrami–Erofeev), n = 3`. */
  readonly label: string;
  /** Model parameters by name (e.g. `{ n: 3 }`). */
  readonly params: Readonly<Record<string, number>>;
  /** Differential form f(α). */
  f(alpha: number): number;
  /** Integral form g(α); undefined when the model has no closed form. */
  readonly g?: (alpha: number) => number;
  /** Inverse of g: α = g⁻¹(y) for y ≥ 0, clamped to [0, 1]; undefined when g has no closed-form inverse. */
  readonly gInverse?: (y: number) => number;
}

/** Clamp α into [0, 1]. */
export function clampAlpha(alpha: number): number {
  return alpha < 0 ? 0 : alpha > 1 ? 1 : alpha;
}

/** Throw a RangeError unless `value` is a finite number satisfying `ok`. */
export function requireParam(
  model: string,
  name: string,
  value: number,
  ok: (v: number) => boolean,
  rule: string,
): void {
  if (!Number.isFinite(value) || !ok(value)) {
    throw new RangeError(`${model}: parameter ${name} must be ${rule}, got ${value}`);
  }
}
