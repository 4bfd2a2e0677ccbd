import { warning, type ResultWarning } from '../core/warnings.ts';
import type { StageWindow } from './stage-window.ts';
import { baseName } from '../core/format.ts';

/** One run's automatic stage windows, for joint matching. */
export interface RunStages {
  file: string;
  beta_K_min: number;
  /** Temperature range of the run's analysed segment, K. */
  T_range_K: [number, number];
  windows: StageWindow[];
}

export interface MatchedStages {
  /** Number of joint stages. */
  count: number;
  /** Per run (input order), its window for each joint stage (undefined: the stage is not in that run). */
  windows: (StageWindow | undefined)[][];
  /** Mean peak temperature of each joint stage over the runs that define it, K. */
  reference_K: number[];
  /** Joint stages made of steps that some runs resolve (merged in every run). */
  merged: Set<number>;
  warnings: ResultWarning[];
}

const peakOf = (w: StageWindow) => w.peak_K ?? (w.lo_K + w.hi_K) / 2;

/** Merge adjacent windows k and k+1 of a run into one (outer limits; position the mean of the two peaks). */
function mergeWindows(ws: StageWindow[], k: number): StageWindow[] {
  const a = ws[k];
  const b = ws[k + 1];
  const merged: StageWindow = {
    lo_K: a.lo_K,
    hi_K: b.hi_K,
    source: 'auto',
    peak_K: (peakOf(a) + peakOf(b)) / 2,
  };
  return [...ws.slice(0, k), merged, ...ws.slice(k + 2)];
}

/**
 * One stage definition across all runs (issue 15: one conversion definition per process). Automatic windows are
 * found per run; here they are matched jointly:
 * - the reference count is the most common number of peaks; a run with more (a shoulder or a noise peak resolved in
 *   that run only) has its closest adjacent windows merged down to it;
 * - a run with fewer peaks whose data cover every reference stage shows two steps merged into one: the reference
 *   stages that fall into one of its windows are merged **in every run** (`stages.merged`, naming the runs split and
 *   merged and suggesting --window to separate them); a run that does not cover a stage just lacks it.
 * Once the stages' peaks are measured, `peaksRiseWithBeta` checks each stage.
 */
export function matchStages(runs: RunStages[]): MatchedStages {
  const warnings: ResultWarning[] = [];
  const counts = runs.map((r) => r.windows.length).filter((c) => c > 0);
  let n = mode(counts);
  let per = runs.map((r) => r.windows.slice());
  // runs with more peaks than the reference: merge their closest adjacent peaks
  per = per.map((ws, i) => {
    let out = ws;
    while (out.length > n) {
      let best = 0;
      for (let k = 1; k + 1 < out.length; k++)
        if (peakOf(out[k + 1]) - peakOf(out[k]) < peakOf(out[best + 1]) - peakOf(out[best])) best = k;
      out = mergeWindows(out, best);
    }
    if (out.length !== ws.length) {
      warnings.push(
        warning(
          'stages.merged',
          'info',
          `${ws.length} peaks found where most runs have ${n}: the closest were taken as one stage`,
          { file: runs[i].file },
        ),
      );
    }
    return out;
  });
  const reference = () =>
    Array.from({ length: n }, (_, k) => {
      const ps = per.filter((w) => w.length === n).map((w) => peakOf(w[k]));
      return ps.reduce((a, b) => a + b, 0) / Math.max(ps.length, 1);
    });
  let ref = reference();
  // runs with fewer peaks that cover every stage: adjacent reference stages inside one of their windows are merged
  const joinAfter = new Array<boolean>(Math.max(0, n - 1)).fill(false);
  const merged = new Set<number>();
  const mergedIn: string[] = [];
  runs.forEach((r, i) => {
    const ws = per[i];
    if (ws.length === 0 || ws.length >= n) return;
    // it covers the last stage if its data reach halfway from that stage's mean peak to its windows' mean end
    const full = per.filter((w) => w.length === n);
    const hiLast = full.reduce((a, w) => a + w[n - 1].hi_K, 0) / Math.max(full.length, 1);
    if (!(r.T_range_K[0] <= ref[0] && r.T_range_K[1] >= ref[n - 1] + 0.5 * (hiLast - ref[n - 1]))) return;
    const nearest = ref.map((x) =>
      ws.reduce((bi, w, j) => (Math.abs(peakOf(w) - x) < Math.abs(peakOf(ws[bi]) - x) ? j : bi), 0),
    );
    let any = false;
    for (let k = 0; k + 1 < n; k++)
      if (nearest[k] === nearest[k + 1]) {
        joinAfter[k] = true;
        any = true;
      }
    if (any) mergedIn.push(baseName(r.file));
  });
  if (joinAfter.some(Boolean)) {
    const splitIn = runs.filter((_, i) => per[i].length === n).map((r) => baseName(r.file));
    const groups: number[][] = [[0]];
    for (let k = 1; k < n; k++) {
      if (joinAfter[k - 1]) groups[groups.length - 1].push(k);
      else groups.push([k]);
    }
    const desc = groups
      .filter((g) => g.length > 1)
      .map((g) => g.map((k) => `${(ref[k] - 273.15).toFixed(0)} °C`).join(' + '))
      .join('; ');
    per = per.map((ws) => {
      if (ws.length !== n) return ws;
      let out = ws;
      // merge from the last group backwards so that indices stay valid
      for (let gi = groups.length - 1; gi >= 0; gi--) {
        const g = groups[gi];
        for (let j = g.length - 1; j > 0; j--) out = mergeWindows(out, g[0]);
      }
      return out;
    });
    n = groups.length;
    groups.forEach((g, gi) => {
      if (g.length > 1) merged.add(gi);
    });
    warnings.push(
      warning(
        'stages.merged',
        'caution',
        `stages ${desc} are separate in ${splitIn.join(', ')} but merged in ${mergedIn.join(', ')}: they are ` +
          'analysed as one stage in every run (one conversion definition); to analyse them separately, give ' +
          'windows that split them in every run with --window LO:MID,MID:HI (°C)',
      ),
    );
    ref = reference();
  }
  const windows = per.map((ws) =>
    Array.from({ length: n }, (_, k) => {
      if (ws.length === n) return ws[k];
      // nearest window to this stage's reference peak, if this stage is also that window's nearest
      let best: StageWindow | undefined;
      let bestErr = Infinity;
      for (const w of ws) {
        const x = peakOf(w);
        const nearest = ref.reduce((bi, r, j) => (Math.abs(r - x) < Math.abs(ref[bi] - x) ? j : bi), 0);
        if (nearest === k && Math.abs(ref[k] - x) < bestErr) {
          bestErr = Math.abs(ref[k] - x);
          best = w;
        }
      }
      return best;
    }),
  );
  return { count: n, windows, reference_K: ref, merged, warnings };
}

function mode(xs: number[]): number {
  if (xs.length === 0) return 0;
  const c = new Map<number, number>();
  for (const x of xs) c.set(x, (c.get(x) ?? 0) + 1);
  let best = xs[0];
  for (const [x, k] of c) if (k > c.get(best)! || (k === c.get(best)! && x < best)) best = x;
  return best;
}

/**
 * Within one stage the peaks must rise with β (Kissinger; ICTAC 2011). Returns the refusal message
 * (`stages.refused`) when a peak lies more than 2 K below that of a lower rate, naming the runs; undefined otherwise.
 */
export function peaksRiseWithBeta(
  peaks: readonly { file: string; beta_K_min: number; T_peak_K: number }[],
): string | undefined {
  const pts = [...peaks].sort((a, b) => a.beta_K_min - b.beta_K_min);
  const bad: string[] = [];
  for (let j = 1; j < pts.length; j++) {
    const drop = pts[j - 1].T_peak_K - pts[j].T_peak_K;
    if (pts[j].beta_K_min > pts[j - 1].beta_K_min * 1.005 && drop > 2)
      bad.push(
        `${baseName(pts[j].file)} (${pts[j].beta_K_min.toPrecision(3)} K/min) peaks ${drop.toFixed(1)} K below ` +
          baseName(pts[j - 1].file),
      );
  }
  if (bad.length === 0) return undefined;
  const mean = pts.reduce((a, p) => a + p.T_peak_K, 0) / pts.length;
  return (
    `the peaks of the stage near ${(mean - 273.15).toFixed(0)} °C do not rise with heating rate: ${bad.join('; ')} — ` +
    'different processes matched as one stage? Give the stage windows with --window'
  );
}
