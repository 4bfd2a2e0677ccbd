import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ckinInProcess } from './cli-helper.ts';
import { generateDemoRecords } from '../../src/dsc/demo-generator.ts';
import { tmDescriptors } from '../../src/dsc/descriptors.ts';

const repo = fileURLToPath(new URL('../../', import.meta.url));

function ckin(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts', ...args], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, CI: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ckin db: init, import validates (nothing imported on a bad row), --skip-invalid, query, export', async () => {
  const ckin = ckinInProcess;
  const dir = mkdtempSync(join(tmpdir(), 'ckin-db-'));
  try {
    const db = join(dir, 'dsc.duckdb');
    const csv = join(dir, 'records.csv');
    writeFileSync(
      csv,
      [
        'formula,li_content,ni_content,co_content,mn_content,cutoff_voltage_V,electrolyte_content_mg_mg,crucible,scan_rate_K_min,onset_T_C,peak_T_C,max_power_W_g,source',
        'LiNi0.8Co0.1Mn0.1O2,1,0.8,0.1,0.1,4.3,0.5,sealed,5,180,230,3.2,10.1039/d4eb00025k',
        'LiCoO2,1,0,1,0,9.9,1,open,10,190,240,2,lab/run-17.csv',
      ].join('\n') + '\n',
    );
    assert.equal((await ckin(['db', 'init', '--db', db])).status, 0);
    const bad = await ckin(['db', 'import', csv, '--db', db, '--json']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /records\.csv:3: rejected: cutoff_voltage_V \(column 6\): 9\.9 outside/);
    assert.match(bad.stderr, /1 of 2 rows rejected; nothing imported/);
    assert.equal(JSON.parse(bad.stdout).imported, 0);
    const count = async (): Promise<number> =>
      JSON.parse(
        (await ckin(['db', 'query', 'SELECT count(*) AS n FROM dsc_record', '--db', db, '--json'])).stdout,
      ).rows[0].n;
    assert.equal(await count(), 0);
    const ok = await ckin([
      'db',
      'import',
      csv,
      '--db',
      db,
      '--skip-invalid',
      '--added-by',
      'test',
      '--json',
    ]);
    assert.equal(ok.status, 0, ok.stderr);
    assert.deepEqual(JSON.parse(ok.stdout).record_ids, [1]);
    assert.equal(await count(), 1);
    const q = JSON.parse(
      (
        await ckin([
          'db',
          'query',
          'SELECT formula, onset_T_K, source_kind, added_by FROM dsc_record',
          '--db',
          db,
          '--json',
        ])
      ).stdout,
    );
    assert.deepEqual(q.rows, [
      { formula: 'LiNi0.8Co0.1Mn0.1O2', onset_T_K: 453.15, source_kind: 'doi', added_by: 'test' },
    ]);
    const out = join(dir, 'export.csv');
    assert.equal((await ckin(['db', 'export', '--db', db, '--out', out])).status, 0);
    assert.match(readFileSync(out, 'utf8'), /^record_id,formula,/);
    assert.equal(
      (await ckin(['db', 'query', 'DROP TABLE material', '--db', db])).status,
      2,
      'queries are read-only',
    );
    const notDb = join(dir, 'not-a-db.duckdb');
    writeFileSync(notDb, 'hello\n');
    const r = await ckin(['db', 'query', 'SELECT 1', '--db', notDb]);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /not-a-db\.duckdb: cannot open as a DuckDB database/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('ckin xai --db demo end to end: recovers the generator’s top-3 drivers and signs per target; report written', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-xai-'));
  try {
    // reduced configuration for CI (the full one is 100 shuffles × 100 trees, 300 explained records)
    const r = ckin([
      'xai',
      '--db',
      'demo',
      '--target',
      'all',
      '--shuffles',
      '20',
      '--trees',
      '50',
      '--explain',
      '120',
      '--background',
      '10',
      '--report',
      dir,
      '--json',
    ]);
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    // Truth of the generator (src/dsc/demo-generator.ts header, docs/dsc-xai.md)
    const truth: Record<string, Record<string, number>> = {
      onset: { ni_content: -1, radius_tm_std_A: 1, cutoff_voltage_V: -1 },
      peak: { ni_content: -1, electrolyte_content_mg_mg: -1, radius_tm_std_A: 1 },
      power: { scan_rate_K_min: 1, electrolyte_content_mg_mg: 1, ni_content: 1 },
    };
    for (const [target, drivers] of Object.entries(truth)) {
      const ranking = out.targets[target].ranking as {
        feature: string;
        mean_abs_shap: number;
        sign: number;
      }[];
      for (let k = 1; k < ranking.length; k++)
        assert.ok(ranking[k - 1].mean_abs_shap >= ranking[k].mean_abs_shap);
      const top3 = ranking.slice(0, 3);
      assert.deepEqual(
        top3.map((x) => x.feature).sort(),
        Object.keys(drivers).sort(),
        `${target}: ${JSON.stringify(top3)}`,
      );
      for (const x of top3) assert.equal(x.sign, drivers[x.feature], `${target}/${x.feature} sign`);
      assert.ok(out.targets[target].metrics.test.r2 > 0.9, `${target} test R²`);
    }
    assert.ok(out.spearman_removed.some((x: { feature: string }) => x.feature === 'radius_tm_mean_A'));
    // Grouped attribution (composition block as one player) against the generator's composition term
    // g(ni, r_std) (demo-generator.ts header): its true mean |SHAP| is mean |g − E g| over the records.
    const comp: Record<string, (ni: number, rs: number) => number> = {
      onset: (ni, rs) => -90 * (ni - 0.5) + 900 * (rs - 0.03),
      peak: (ni, rs) => -90 * (ni - 0.5) + 1300 * (rs - 0.03),
      power: (ni) => 0.5 * (ni - 0.5),
    };
    const recs = generateDemoRecords(600, 2025);
    for (const [target, g] of Object.entries(comp)) {
      const vals = recs.map((r) => {
        const tm: Record<string, number> = {};
        for (const el of ['Ni', 'Co', 'Mn', 'Al', 'Mg', 'Ti', 'Zr'])
          tm[el] = r[`${el.toLowerCase()}_content`] as number;
        return g(r.ni_content as number, tmDescriptors(tm).radius_tm_std_A);
      });
      const mean = vals.reduce((a, b) => a + b, 0) / vals.length;
      const truth = vals.reduce((a, b) => a + Math.abs(b - mean), 0) / vals.length;
      const grouped = out.targets[target].grouped as { group: string; mean_abs: number; se: number }[];
      const c = grouped.find((x) => x.group === 'composition')!;
      assert.ok(
        Math.abs(c.mean_abs / truth - 1) < 0.1,
        `${target}: composition ${c.mean_abs} vs true ${truth}`,
      );
      assert.ok(c.se > 0);
    }
    for (const f of [
      'summary.json',
      'report.json',
      'index.html',
      'ternary_onset.svg',
      'shap_summary_power.svg',
      'parity_peak.svg',
      'feature_dynamics.svg',
    ])
      assert.ok(existsSync(join(dir, f)), f);
    const ternary = readFileSync(join(dir, 'ternary_peak.svg'), 'utf8');
    assert.match(ternary, /^<svg/);
    // composition ticks on two edges, the masked region in the legend, the records as circles
    for (const label of ['Ni 0.2', 'Ni 0.8', 'Mn 0.4']) assert.ok(ternary.includes(label), label);
    assert.match(ternary, />extrapolated \((?:&gt;|>) 0\.1 from any record\)<\/text>/); // the legend
    assert.ok(out.targets.peak.ternary.extrapolated_fraction > 0.2);
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    assert.match(html, /Data source:<\/b> demo generator \(synthetic, n=600, seed=2025\)/);
    assert.match(html, /These records are synthetic/);
    // the true drivers beside the estimates: e.g. peak's true first driver ni_content, sign −
    assert.match(
      html,
      /<tr><td>peak<\/td><td>ni_content<\/td><td>1<\/td><td>−<\/td><td>[1-3]<\/td><td>−<\/td>/,
    );
    // every figure of the paper (issue 20 item 6) is written, has an accessible <title>, and index.html shows it
    // under that title: Fig. 1d/e histograms, Fig. 2 parity, Fig. 4a–c beeswarms, dependence, Fig. 4d–g, Fig. 5
    const figures = [
      ...['onset', 'peak', 'power'].flatMap((t) => [
        `null_importance_hist_${t}.svg`,
        `parity_${t}.svg`,
        `shap_summary_${t}.svg`,
        `shap_dependence_${t}.svg`,
        `ternary_${t}.svg`,
      ]),
      'shap_across_targets_cutoff_voltage_V.svg',
      'shap_across_targets_electrolyte_content_mg_mg.svg',
      'shap_across_targets_ni_content.svg',
      'feature_dynamics.svg',
      'spearman.svg',
    ];
    const expected: [RegExp, string][] = [
      [/^null_importance_hist_/, 'Null importance histograms (Sun 2025 Fig. 1d/e)'],
      [/^parity_/, 'Parity plot (Sun 2025 Fig. 2)'],
      [/^shap_summary_/, 'SHAP summary beeswarm (Sun 2025 Fig. 4a–c)'],
      [/^shap_dependence_/, 'SHAP dependence plots'],
      [/^shap_across_targets_/, 'SHAP of one feature across targets (Sun 2025 Fig. 4d–g)'],
      [/^feature_dynamics/, 'Feature significance dynamics (Sun 2025 Fig. 5)'],
    ];
    for (const f of figures) {
      const svg = readFileSync(join(dir, f), 'utf8');
      const title = /^<svg[^>]*><title>([^<]+)<\/title>/.exec(svg)?.[1];
      assert.ok(title, `${f}: <title>`);
      const kind = expected.find(([re]) => re.test(f));
      if (kind) assert.ok(title.startsWith(kind[1]), `${f}: ${title}`);
      assert.ok(html.includes(`<figcaption>${title} (<a href="${f}">`), `${f} in index.html under its title`);
    }
    // on the real output: parity axes read the same domain, near the data (not from 0); every Fig. 1d/e panel's
    // bars hold all 20 shuffles
    for (const t of ['onset', 'peak', 'power']) {
      const svg = readFileSync(join(dir, `parity_${t}.svg`), 'utf8');
      const axes = [
        ...svg.matchAll(
          /aria-label="[XY]-axis titled '[^']*' for a linear scale with values from (\S+) to ([^"]+)"/g,
        ),
      ];
      assert.equal(axes.length, 2, `${t} parity axes`);
      assert.deepEqual(axes[0].slice(1), axes[1].slice(1), `${t}: same domain on x and y`);
      const hist = readFileSync(join(dir, `null_importance_hist_${t}.svg`), 'utf8');
      const panels = [...hist.matchAll(/<g class="mark-rect role-mark [^"]*"[^>]*>(.*?)<\/g>/g)];
      assert.equal(
        panels.length,
        out.targets[t].null_importance.features.length,
        `${t}: one panel per feature`,
      );
      for (const p of panels) {
        const n = [...p[1].matchAll(/; shuffles: (\d+);/g)].reduce((a, m) => a + Number(m[1]), 0);
        assert.equal(n, 20, `${t}: a histogram holds every shuffle`);
      }
    }
    assert.ok(
      !/values from 0 to/.test(readFileSync(join(dir, 'parity_onset.svg'), 'utf8')),
      'onset axes not from 0',
    );
    // Fig. 5 labels each top-5 feature of every target
    const dyn = readFileSync(join(dir, 'feature_dynamics.svg'), 'utf8');
    for (const t of ['onset', 'peak', 'power'])
      for (const x of out.targets[t].ranking.slice(0, 5) as { feature: string }[])
        assert.ok(dyn.includes(`>${x.feature}</text>`), `Fig. 5 label ${x.feature}`);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    assert.equal(report.fitted, undefined, 'the fitted models are not in report.json');
    assert.equal(
      report.targets[0].null_importance.features[0].null_values.length,
      20,
      'the null distribution',
    );
    assert.ok(report.targets[0].ternary.records.length > 100);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
