/** Inverse golden ratio (√5 − 1)/2. */
const G = (Math.sqrt(5) - 1) / 2;

/**
 * Golden-section search for the minimum of a unimodal function on [a, b] (Kiefer 1953), until the bracket is
 * narrower than `tol` (absolute, default 1e-9 of the bracket's magnitude). Written here because it is ten lines
 * and used by several one-dimensional searches (Vyazovkin's Φ(E), peak maxima, the adiabatic maximum rate).
 */
export function goldenSectionMin(f: (x: number) => number, a: number, b: number, tol?: number): number {
  const eps = tol ?? 1e-9 * Math.max(Math.abs(a), Math.abs(b), 1e-300);
  let c = b - G * (b - a);
  let d = a + G * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 500 && b - a > eps; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - G * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + G * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Golden-section search for the maximum of a unimodal function on [a, b]. */
export function goldenSectionMax(f: (x: number) => number, a: number, b: number, tol?: number): number {
  return goldenSectionMin((x) => -f(x), a, b, tol);
}
