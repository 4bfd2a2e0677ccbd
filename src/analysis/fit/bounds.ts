import { registryLookup } from '../../core/registry.ts';
import { InputError } from '../../core/input-error.ts';
import { ZHOU2026_BOUNDS } from '../../data/paper-zhou2026.ts';

/** Box bounds of a JMA fit: Ea in kJ/mol, lgA = log10(A/s⁻¹), n dimensionless. */
export interface JmaBounds {
  Ea_kJ_mol: [number, number];
  lgA_s: [number, number];
  n: [number, number];
}

/** Wide defaults for any case a user is likely to bring (issue 4). */
export const DEFAULT_JMA_BOUNDS: JmaBounds = { Ea_kJ_mol: [50, 400], lgA_s: [0, 25], n: [0.3, 4] };

/**
 * Named presets. `paper`: Zhou 2026 §3.2 free fit (Ea 120–280, lgA 6–17, n 0.3–1.2). `ncm811`: the NCM811 KCE
 * exploration of §3.3 (Ea 100–280, lgA 4–14; n is fixed at 3 there, the n range is ours). The paper does not print
 * separate ranges for NCM622/523/111's KCE scans ("adaptive KCE"): we use the NCM811 ranges for them and say so.
 * `synthetic`: the uniform plane of the synthetic dataset (Zhou §3.4: Ea 120–260, lgA 4–14).
 */
export const JMA_BOUNDS_PRESETS: Record<string, JmaBounds> = {
  default: DEFAULT_JMA_BOUNDS,
  paper: ZHOU2026_BOUNDS.freeFit,
  ncm811: ZHOU2026_BOUNDS.kceScan,
  ncm622: ZHOU2026_BOUNDS.kceScan,
  ncm523: ZHOU2026_BOUNDS.kceScan,
  ncm111: ZHOU2026_BOUNDS.kceScan,
  synthetic: ZHOU2026_BOUNDS.syntheticPlane,
};

const KEYS: Record<string, keyof JmaBounds> = { ea: 'Ea_kJ_mol', lga: 'lgA_s', n: 'n' };

/**
 * Parse `--bounds`: a preset name, or `Ea:lo:hi,lgA:lo:hi,n:lo:hi` (any subset; the rest from the defaults).
 * @throws InputError naming the bad part.
 */
export function parseJmaBounds(spec: string | undefined): JmaBounds {
  if (spec === undefined || spec === '') return structuredClone(DEFAULT_JMA_BOUNDS);
  const preset = registryLookup(JMA_BOUNDS_PRESETS, spec.toLowerCase());
  if (preset) return structuredClone(preset);
  const out = structuredClone(DEFAULT_JMA_BOUNDS);
  for (const part of spec.split(',')) {
    const [name, loS, hiS, ...rest] = part.trim().split(':');
    const key = registryLookup(KEYS, (name ?? '').toLowerCase());
    const lo = Number(loS);
    const hi = Number(hiS);
    if (
      !key ||
      rest.length > 0 ||
      loS === undefined ||
      hiS === undefined ||
      !Number.isFinite(lo) ||
      !Number.isFinite(hi)
    ) {
      throw new InputError(
        `--bounds: cannot read "${part}"; give a preset (${Object.keys(JMA_BOUNDS_PRESETS).join(', ')}) or Ea:lo:hi,lgA:lo:hi,n:lo:hi`,
      );
    }
    if (!(hi > lo)) throw new InputError(`--bounds: upper bound must exceed lower bound in "${part}"`);
    out[key] = [lo, hi];
  }
  validateJmaBounds(out);
  return out;
}

/** @throws InputError when a bound is non-physical (Ea ≤ 0, n ≤ 0) or empty. */
export function validateJmaBounds(b: JmaBounds): void {
  for (const key of ['Ea_kJ_mol', 'lgA_s', 'n'] as const) {
    const [lo, hi] = b[key];
    if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi >= lo))
      throw new InputError(`bounds: ${key} range [${lo}, ${hi}] is empty or not finite`);
  }
  if (!(b.Ea_kJ_mol[0] > 0))
    throw new InputError(`bounds: Ea must be > 0 kJ/mol, got lower bound ${b.Ea_kJ_mol[0]}`);
  if (!(b.n[0] > 0)) throw new InputError(`bounds: n must be > 0, got lower bound ${b.n[0]}`);
}
