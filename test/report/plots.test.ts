import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { readRunFile } from '../../src/io/read-run.ts';
import { analyzeRuns } from '../../src/analysis/analyze.ts';
import {
  alphaCurvesSpec,
  analysisSpecs,
  dscBaselineSpec,
  isoconversionalSpec,
  kissingerSpec,
  lgAfAlphaSpec,
  rateCurvesSpec,
  stageCurvesSpec,
  stageWindows,
} from '../../src/report/plots.ts';
import { renderVegaLiteSvg } from '../../src/report/render-svg.ts';
import { linearFit } from '../../src/core/statistics.ts';
import { R_J_PER_MOL_K } from '../../src/kinetics/constants.ts';
import { runAnalysis } from '../../src/app/analyze.ts';
import { NCM333_COLUMNS, ncm333Path } from '../server/helpers.ts';

/**
 * The report's and page's plots against a known answer: pICNIK's constant-activation-energy runs (Ea = 75 kJ/mol at
 * every α, ../shared/data/external/picnik-constant-E). Each plot's data must say what the kinetics say: the
 * isoconversional points lie on lines of slope −Ea/R, the Kissinger residuals are those of its line, the peaks sit
 * on the maxima of dα/dT, α runs from 0 to 1, temperatures are in °C.
 */
const dir = fileURLToPath(new URL('../../../shared/data/external/picnik-constant-E/', import.meta.url));
const files = ['E_cnt_5.csv', 'E_cnt_10.csv', 'E_cnt_20.csv'];
const res = analyzeRuns(files.map((f) => ({ file: f, run: readRunFile(dir + f) })));
const stage = res.stages[0];
const EA_TRUE = 75;

type Row = Record<string, number | string>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const layers = (spec: any): Row[][] => spec.layer.map((l: any) => l.data.values as Row[]);

test('isoconversional plot: the points at each α lie on a line of slope −Ea/R with Ea = 75 kJ/mol, and the drawn line is that line', () => {
  const spec = isoconversionalSpec(stage)!;
  assert.ok(spec);
  const [lines, points] = layers(spec);
  const alphas = [...new Set(points.map((p) => p.alpha))];
  assert.ok(alphas.length >= 5 && alphas.length <= 10, `${alphas.length} conversions drawn`);
  for (const a of alphas) {
    const pts = points.filter((p) => p.alpha === a);
    assert.equal(pts.length, files.length, `one point per run at ${a}`);
    // x is 1000/T in 1/K, y is ln of dα/dt in s⁻¹: the slope is −Ea/(1000·R)
    const fit = linearFit(
      pts.map((p) => p.x_1000_per_K as number),
      pts.map((p) => p.y_ln_dadt_s as number),
    );
    const Ea = -fit.slope * R_J_PER_MOL_K; // kJ/mol, since x carries the factor 1000
    assert.ok(Math.abs(Ea - EA_TRUE) < 2, `${a}: Ea from the plotted points ${Ea.toFixed(2)} kJ/mol`);
    const ends = lines.filter((l) => l.alpha === a);
    assert.equal(ends.length, 2);
    for (const e of ends) {
      const onFit = fit.intercept + fit.slope * (e.x_1000_per_K as number);
      assert.ok(
        Math.abs((e.y_ln_dadt_s as number) - onFit) < 1e-6,
        `${a}: drawn line = regression of its points`,
      );
    }
  }
});

test('Kissinger plot: residual panel holds y − line for every rate (they sum to zero); title gives Ea ≈ 75 kJ/mol', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const spec = kissingerSpec(stage) as any;
  assert.match(spec.title, /Kissinger, Ea = 7[45]\.\d kJ\/mol/);
  const [line, pts] = layers(spec.vconcat[0]);
  const [, resid] = layers(spec.vconcat[1]);
  assert.equal(resid.length, files.length);
  const slope =
    ((line[1].y as number) - (line[0].y as number)) / ((line[1].x as number) - (line[0].x as number));
  // slope of ln(β/Tp²) against 1000/Tp is −Ea/(1000 R)
  assert.ok(Math.abs(-slope * R_J_PER_MOL_K - EA_TRUE) < 0.5);
  let sum = 0;
  for (const [i, r] of resid.entries()) {
    const yLine = (line[0].y as number) + slope * ((pts[i].x as number) - (line[0].x as number));
    assert.ok(Math.abs((r.residual as number) - ((pts[i].y as number) - yLine)) < 1e-9);
    sum += r.residual as number;
  }
  assert.ok(Math.abs(sum) < 1e-9, `residuals of a least-squares line sum to 0, got ${sum}`);
});

test('dα/dT plot: a peak point per run, at the maximum of its curve and at the peak table T_peak in °C', () => {
  const [curves, peaks] = layers(stageCurvesSpec(stage));
  assert.equal(peaks.length, files.length);
  for (const p of peaks) {
    const own = curves.filter((c) => c.beta === p.beta).map((c) => c.dadT as number);
    let max = -Infinity;
    for (const v of own) max = Math.max(max, v);
    assert.ok(Math.abs((p.dadT as number) - max) / max < 0.02, `${p.beta}: peak at the curve's maximum`);
    const row = stage.peaks.find((r) => `${Number(r.beta_K_min.toFixed(3))} K/min` === p.beta)!;
    assert.equal(p.T_C, row.T_peak_K - 273.15);
  }
  const [w] = stageWindows(res.stages);
  for (const r of stage.peaks) assert.ok(w.lo_C < r.T_peak_K - 273.15 && r.T_peak_K - 273.15 < w.hi_C);
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const overview = rateCurvesSpec(res) as any;
  assert.deepEqual(overview.layer[0].data.values, stageWindows(res.stages));
});

test('α(T) plot: each run rises from 0 to 1, temperatures in °C', () => {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const values = (alphaCurvesSpec(stage) as any).data.values as Row[];
  for (const c of stage.curves) {
    const own = values.filter((v) => v.beta === `${Number(c.beta_K_min.toFixed(3))} K/min`);
    assert.ok(own.length > 50);
    assert.ok((own[0].alpha as number) < 0.02 && (own[own.length - 1].alpha as number) > 0.98);
    assert.equal(own[0].T_C, c.T_K[0] - 273.15);
  }
});

test('every plot of the analysis renders to SVG with its title', async () => {
  const specs = analysisSpecs(res);
  const s = specs.stages[0];
  for (const spec of [specs.overview, s.alpha, s.curves, s.kissinger!, s.iso!, s.ea!, s.lga!]) {
    const svg = await renderVegaLiteSvg(spec);
    assert.match(svg, /^<svg/);
    const title = String((spec as { title: string }).title).split(' (')[0];
    assert.ok(svg.includes(title.replace(/&/g, '&amp;')), `SVG has its title "${title}"`);
  }
});

test('lg[A·f(α)] plot: the band and line are Friedman’s lg[A·f(α)] and its 95 % limits at every α; dashed: Kissinger lgA', () => {
  const spec = lgAfAlphaSpec(stage)!;
  assert.ok(spec);
  const [band, line, rule] = layers(spec);
  const rows = stage.friedman!.rows.filter((r) => Number.isFinite(r.lgAf_s));
  assert.equal(line.length, rows.length);
  for (const [i, r] of rows.entries()) {
    assert.equal(line[i].alpha, r.alpha);
    assert.equal(line[i].lgAf, r.lgAf_s);
    assert.equal(band[i].lo, r.lgAf_ci95_low_s);
    assert.equal(band[i].hi, r.lgAf_ci95_high_s);
    assert.ok(band[i].lo < r.lgAf_s! && r.lgAf_s! < band[i].hi, 'a band, not a line');
    // the intercept of the plotted isoconversional line (ln of dα/dt in s⁻¹) is ln[A·f(α)]: lg = ln / ln 10
    assert.ok(Math.abs(r.lgAf_s! - r.intercept! / Math.LN10) < 1e-12);
  }
  assert.equal(rule[0].lgA, stage.kissinger!.lgA_s);
});

test('DSC baseline plot (real NCM333 runs): ∫(heat flow − drawn baseline) dT / β is the peak table’s ΔH; the linear baseline is a chord; the title names the baseline and its Kissinger Ea', () => {
  for (const baseline of ['linear', 'sigmoidal'] as const) {
    const dsc = runAnalysis({
      runs: [2, 5, 10].map((b) => ({ path: ncm333Path(b) })),
      columns: NCM333_COLUMNS.split(','),
      baseline,
    });
    const st = dsc.stages[0];
    const spec = dscBaselineSpec(st) as unknown as {
      title: string;
      data: { values: { T_C: number; W_g: number; beta: string; curve: string }[] };
    };
    assert.ok(spec, 'a DSC stage has a baseline plot');
    assert.equal(
      spec.title,
      `Stage ${st.stage}: DSC heat flow and the ${baseline} baseline under each peak (dashed); Kissinger Ea = ${st.kissinger!.Ea_kJ_mol.toFixed(1)} kJ/mol`,
    );
    for (const p of st.peaks) {
      const rows = spec.data.values.filter((v) => v.beta === `${p.beta_K_min} K/min`);
      const q = rows.filter((v) => v.curve === 'heat flow');
      const B = rows.filter((v) => v.curve === 'baseline');
      assert.equal(q.length, B.length);
      // trapezoid area between the drawn curves (°C steps = K steps), over β in K/s: J/g
      let area = 0;
      for (let i = 1; i < q.length; i++)
        area += ((q[i].W_g - B[i].W_g + q[i - 1].W_g - B[i - 1].W_g) / 2) * (q[i].T_C - q[i - 1].T_C);
      const dH = area / (p.beta_K_min / 60);
      assert.ok(
        Math.abs(dH / p.enthalpy_J_g! - 1) < 0.02,
        `${p.beta_K_min} K/min: ${dH} vs ${p.enthalpy_J_g} J/g`,
      );
      if (baseline === 'linear') {
        const [a, b] = [B[0], B[B.length - 1]];
        for (const x of B) {
          const chord = a.W_g + ((b.W_g - a.W_g) * (x.T_C - a.T_C)) / (b.T_C - a.T_C);
          assert.ok(
            Math.abs(x.W_g - chord) < 1e-6 * (Math.abs(chord) + 1),
            'linear baseline is a straight line',
          );
        }
      }
    }
  }
  assert.equal(dscBaselineSpec(stage), undefined, 'no baseline plot for a mass-loss (TGA) stage');
});
