/**
 * Item 1 of issue 22: every parameter that sizes work is bounded in one place (src/core/work-limits.ts), for the
 * library, the CLI (exit 2) and the API (4xx), and a huge value is refused before any allocation.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { InputError } from '../../src/core/input-error.ts';
import { alphaGridPoints, checkWork, workMax, WORK_LIMITS } from '../../src/core/work-limits.ts';
import { defaultAlphaGrid, parseAlphaGrid } from '../../src/analysis/isoconversional/alpha-grid.ts';
import { runCli } from '../../src/cli/main.ts';
import { createServer } from '../../src/server/app.ts';
import { registryLookup } from '../../src/core/registry.ts';
import { presetByName } from '../../src/nn/presets.ts';
import { resolveModelDir } from '../../src/nn/model.ts';
import { simulate } from '../../src/app/simulate.ts';
import { fit } from '../../src/app/fit.ts';
import { safety } from '../../src/app/safety.ts';
import { kce } from '../../src/app/kce.ts';
import { simulatedUpload } from '../server/helpers.ts';
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { generateDataset } from '../../src/synth/dataset-writer.ts';
import { defaultSpec } from '../../src/synth/spec.ts';

const PROTO_KEYS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

test('alphaGridPoints counts the grid defaultAlphaGrid makes (without making it)', () => {
  // 0.05…0.95 by 0.05 is 19 points; 0.1…0.9 by 0.1 is 9; one point when FROM = TO.
  assert.equal(alphaGridPoints(0.05, 0.95, 0.05), 19);
  assert.equal(defaultAlphaGrid().length, 19);
  assert.equal(alphaGridPoints(0.1, 0.9, 0.1), 9);
  assert.equal(parseAlphaGrid('0.1:0.9:0.1').length, 9);
  assert.equal(alphaGridPoints(0.5, 0.5, 0.1), 1);
  // 10,000 points is the bound: 0.0001…0.9999 by 0.0001 has 9,999 points and is accepted.
  assert.equal(parseAlphaGrid('0.0001:0.9999:0.0001').length, 9999);
});

test('a conversion grid above 10,000 points is an InputError at once (1e-300 used to abort V8, 1e-6 to hang)', () => {
  for (const spec of ['0.1:0.9:1e-300', '0.01:0.99:0.000001', '0.1:0.9:1e-7', '0.0001:0.9999:0.00005']) {
    const t0 = performance.now();
    assert.throws(
      () => parseAlphaGrid(spec),
      (e: unknown) => {
        assert.ok(e instanceof InputError, String(e));
        assert.match(
          e.message,
          /--alpha: .* conversion points requested; expected an integer from 1 to 10,000/,
        );
        return true;
      },
    );
    assert.ok(performance.now() - t0 < 1000, `${spec} took ${performance.now() - t0} ms`);
  }
});

test('checkWork: integers in [min, max]; the API bound is the tighter apiMax', () => {
  assert.equal(checkWork('bootstrapReplicates', 10), 10);
  assert.equal(checkWork('bootstrapReplicates', 100_000), 100_000);
  for (const bad of [9, 100_001, 1.5, Number.NaN, Infinity, -1])
    assert.throws(() => checkWork('bootstrapReplicates', bad), InputError);
  assert.equal(workMax('bootstrapReplicates', 'api'), 1000);
  assert.throws(() => checkWork('bootstrapReplicates', 1001, 'samples', 'api'), /samples: 1,001 replicates/);
  for (const [name, l] of Object.entries(WORK_LIMITS)) {
    const api = (l as { apiMax?: number }).apiMax;
    assert.ok(l.min <= l.max && (api === undefined || (api >= l.min && api <= l.max)), name);
  }
});

test('use cases refuse oversized work before doing it: bootstrap, Monte Carlo, KCE, simulate', () => {
  const runs = simulatedUpload().files.map((f) => ({ name: f.name, content: f.text }));
  assert.throws(() => fit({ runs, bootstrap: 1e9 }), /--bootstrap: 1,000,000,000 replicates requested/);
  assert.throws(
    () => safety({ Ea_kJ_mol: 150, lgA_s: 12, Ea_se_kJ_mol: 5, lgA_se: 0.5, samples: 1e8 }),
    /--samples: 100,000,000 samples requested/,
  );
  assert.throws(() => kce({ samples: 1e7 }), /--samples: 10,000,000 samples per line requested/);
  assert.throws(
    () => simulate({ Ea_kJ_mol: 150, lgA_s: 12, step_K: 1e-6 }),
    /--step: 770,000,001 temperature points per run requested/,
  );
  assert.throws(
    () =>
      simulate({
        Ea_kJ_mol: 150,
        lgA_s: 12,
        heatingRates_K_min: Array.from({ length: 101 }, (_, i) => i + 1),
      }),
    /--rates: 101 heating rates requested/,
  );
});

test('registry names are own keys only: prototype names are unknown, never a crash', () => {
  const reg = { best: '/m/best' };
  for (const k of PROTO_KEYS) assert.equal(registryLookup(reg, k), undefined, k);
  assert.equal(registryLookup(reg, 'best'), '/m/best');
  for (const k of PROTO_KEYS) {
    assert.throws(() => presetByName(k), RangeError, k);
    assert.equal(resolveModelDir(k), k, `${k} is a path, not a shipped model`);
  }
});

/** Run the CLI in-process; exit status and stderr (stdout is the test reporter's: left alone). */
async function cli(args: string[]) {
  const err: string[] = [];
  const ew = process.stderr.write.bind(process.stderr);
  process.stderr.write = (c: string | Uint8Array) => (err.push(String(c)), true);
  process.exitCode = undefined;
  try {
    await runCli(['node', 'ckin', ...args]);
  } finally {
    process.stderr.write = ew;
  }
  const status = Number(process.exitCode ?? 0);
  process.exitCode = undefined;
  return { status, stderr: err.join('') };
}

test('CLI: oversized work and prototype model names exit 2 with the option named', async () => {
  const cases: [string[], RegExp][] = [
    [['iso', 'x.csv', '--alpha', '0.1:0.9:1e-300'], /--alpha: .*conversion points requested/],
    [['iso', 'x.csv', '--alpha', '0.1:0.9:1e-7'], /--alpha: .*conversion points requested/],
    [['simulate', '--Ea', '150', '--lgA', '12', '--step', '1e-9'], /--step: .*temperature points/],
    [['safety', '--Ea', '150', '--lgA', '12', '--Ea-se', '5', '--samples', '1e12'], /--samples/],
    [['kce', '--samples', '100000000'], /--samples: 100,000,000 samples per line/],
    [['predict', 'x.csv', '--model', 'constructor'], /constructor/],
  ];
  for (const [args, re] of cases) {
    const t0 = performance.now();
    const r = await cli(args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re, args.join(' '));
    assert.doesNotMatch(r.stderr, /internal error|\n\s+at /, args.join(' '));
    assert.ok(performance.now() - t0 < 5000, `${args.join(' ')} took ${performance.now() - t0} ms`);
  }
});

test('API: oversized work is a 4xx; prototype model names are 400 unknown model', async (t) => {
  const app = await createServer();
  t.after(() => app.close());
  const upload = simulatedUpload();
  const post = (url: string, payload: unknown) =>
    app.inject({ method: 'POST', url, payload: payload as object });
  for (const alpha of ['0.1:0.9:1e-300', '0.01:0.99:0.000001']) {
    const t0 = performance.now();
    const r = await post('/api/iso', { ...upload, alpha });
    assert.equal(r.statusCode, 422, r.body);
    assert.match(r.json<{ error: { message: string } }>().error.message, /conversion points requested/);
    // Bounded, not fast: the hang this replaces lasted 134 s. The first request starts the request worker (a few
    // seconds from the TypeScript sources on a loaded machine).
    assert.ok(performance.now() - t0 < 30_000, `${alpha}: ${performance.now() - t0} ms`);
  }
  const sim = await post('/api/simulate', {
    Ea_kJ_mol: 150,
    lgA_s: 12,
    step_K: 0.01,
    from_C: -200,
    to_C: 3000,
  });
  assert.equal(sim.statusCode, 422, sim.body);
  assert.match(
    sim.body,
    /step_K: 320,001 temperature points per run requested; expected an integer from 2 to 100,000/,
  );
  const boot = await post('/api/fit/bootstrap', {
    ...upload,
    start: { Ea_kJ_mol: 150, lgA_s: 12 },
    samples: 5000,
  });
  assert.equal(boot.statusCode, 400, boot.body);
  for (const model of PROTO_KEYS) {
    const r = await post('/api/predict', { ...upload, model });
    assert.ok([400, 501].includes(r.statusCode), `${model}: ${r.statusCode} ${r.body}`);
    if (r.statusCode === 400) assert.match(r.body, /unknown model/);
  }
});

test('kill hygiene: a killed synth run’s DIR.tmp-PID-* is removed by the next run; a live PID’s is kept', async () => {
  const root = mkdtempSync(join(tmpdir(), 'ckin-kill-'));
  const out = join(root, 'ds');
  // A process that is certainly dead: one we started and waited for.
  const dead = spawn(process.execPath, ['-e', '0']);
  await new Promise((r) => dead.on('exit', r));
  const stale = join(root, `ds.tmp-${dead.pid}-abcdef`);
  const staleOld = join(root, `ds.tmp-${dead.pid}-abcdef-old`);
  const live = join(root, `ds.tmp-${process.ppid}-ghijkl`);
  for (const d of [stale, staleOld, live]) mkdirSync(join(d, 'curves'), { recursive: true });
  await generateDataset(out, defaultSpec({ count: 20 }), { workers: 1 });
  assert.ok(!existsSync(stale) && !existsSync(staleOld), readdirSync(root).join(' '));
  assert.ok(existsSync(live), 'a live process’s directory is not touched');
  assert.ok(existsSync(join(out, 'manifest.json')));
  assert.deepEqual(readdirSync(root).sort(), ['ds', `ds.tmp-${process.ppid}-ghijkl`]);
});
