/** The default conversion grid of the isoconversional methods: α = 0.05, 0.10, …, 0.95. */
export function defaultAlphaGrid(step = 0.05, from = 0.05, to = 0.95): number[] {
  const out: number[] = [];
  for (let k = 0; ; k++) {
    const a = Math.round((from + k * step) * 1e9) / 1e9;
    if (a > to + 1e-12) break;
    out.push(a);
  }
  return out;
}
