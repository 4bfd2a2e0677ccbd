/**
 * `npm run bench:cnn [-- --threads 2 --batch 128 --samples 1024 --repeats 3 --rounds 2 --model DIR --run-step 0.5]`
 * Train-step and inference ms/sample of our libtorch engine (the paper preset, through the N-API addon) and of the
 * PyTorch peer (../shared/bench/torch_peer.py, Debian python3-torch) on the same architecture, batch, data size and
 * threads, in one invocation; prints both and the ratios ours/PyTorch. Also single-sample (batch 1) latency, the
 * batched inference of the shipped default model (its own, leaner architecture) and one run end to end.
 * Same protocol as the peer: one warm-up epoch, then the median of `repeats` epochs over `samples` random samples.
 * `general`: the same for the general model's network (models/general; PyTorch peer bench/torch_spec_peer.py built
 * from the same spec), its batched `predictGeneral` and one experiment's `predictRuns`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createNet, loadEngine, setThreads } from '../src/nn/engine.ts';
import { PRESETS } from '../src/nn/presets.ts';
import { mulberry32 } from '../src/core/random.ts';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { simulateRuns } from '../src/kinetics/simulate.ts';
import { jma } from '../src/kinetics/models/jma.ts';
import { celsiusToKelvin } from '../src/kinetics/constants.ts';
import { loadCurves } from '../src/app/run-sources.ts';
import { prepareRunSample } from '../src/nn/preprocess.ts';
import { refineFromCnn } from '../src/nn/compare.ts';
import { CnnModel, DEFAULT_MODEL } from '../src/nn/model.ts';
import { minOf } from '../src/core/statistics.ts';
import { GeneralModel, SHIPPED_GENERAL_MODEL } from '../src/nn/general/model.ts';
import { predictGeneral } from '../src/nn/general/train.ts';
import type { NetSpec } from '../src/nn/spec.ts';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    batch: { type: 'string', default: '128' },
    samples: { type: 'string', default: '1024' },
    repeats: { type: 'string', default: '3' },
    rounds: { type: 'string', default: '2' },
    model: { type: 'string' },
    /** General model directory (default models/general). */
    general: { type: 'string' },
    python: { type: 'string', default: '/usr/bin/python3' },
    /** Temperature step of the simulated TGA files of the end-to-end run, K (0.5 → 1,541 rows; 1 → 771). */
    'run-step': { type: 'string', default: '0.5' },
  },
});
const threads = Number(values.threads);
const batch = Number(values.batch);
const samples = Number(values.samples);
const repeats = Number(values.repeats);

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];

/** Train-step and inference ms/sample of `spec` in our engine (Adam with `lr`, `weightDecay`; random data). */
function ours(spec: NetSpec = PRESETS.paper.net, lr = 3e-4, weightDecay = 1e-4) {
  const engine = loadEngine();
  setThreads(threads);
  const { net, resolved } = createNet(spec, 0);
  net.setOptimizer({ type: 'adam', lr, weightDecay });
  const rng = mulberry32(0);
  const rnd = () => rng.uniform();
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());
  const C = spec.input.channels * spec.input.length;
  const A = spec.aux;
  const O = spec.outputs;
  const X = Float32Array.from({ length: samples * C }, gauss);
  const H = Float32Array.from({ length: samples * A }, gauss);
  const Y = Float32Array.from({ length: samples * O }, gauss);
  const epoch = () => {
    for (let i = 0; i < samples; i += batch) {
      const b = Math.min(batch, samples - i);
      net.trainStep(
        X.subarray(i * C, (i + b) * C),
        H.subarray(i * A, (i + b) * A),
        Y.subarray(i * O, (i + b) * O),
        b,
        lr,
      );
    }
  };
  epoch();
  const train: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    epoch();
    train.push((performance.now() - t) / samples);
  }
  net.forward(X, H, samples);
  const infer: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const t = performance.now();
    net.forward(X, H, samples);
    infer.push((performance.now() - t) / samples);
  }
  const single: number[] = [];
  for (let r = 0; r < 200; r++) {
    const t = performance.now();
    net.forward(X.subarray(0, C), H.subarray(0, A), 1);
    single.push(performance.now() - t);
  }
  return {
    engine: `libtorch ${engine.libtorchVersion} (N-API addon)`,
    params: resolved.parameterCount,
    train_ms_per_sample: median(train),
    infer_ms_per_sample: median(infer),
    single_sample_ms: median(single),
  };
}

/** The PyTorch peer: the paper network (../shared/bench/torch_peer.py), or any spec (bench/torch_spec_peer.py). */
function peer(spec?: { file: string; lr: number; weightDecay: number }) {
  const script = spec
    ? fileURLToPath(new URL('./torch_spec_peer.py', import.meta.url))
    : fileURLToPath(new URL('../../shared/bench/torch_peer.py', import.meta.url));
  if (!existsSync(script)) return { error: `peer not found: ${script}` };
  const r = spawnSync(
    values.python,
    [
      script,
      ...(spec
        ? ['--spec', spec.file, '--lr', String(spec.lr), '--weight-decay', String(spec.weightDecay)]
        : []),
      '--threads',
      String(threads),
      '--batch',
      String(batch),
      '--samples',
      String(samples),
      '--repeats',
      String(repeats),
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) return { error: `peer failed: ${r.stderr || r.error}` };
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<string, unknown>;
}

// Alternate the two (`rounds` times) so that load changes on this shared machine hit both alike; keep each one's
// best round (the least disturbed).
const rounds = Number(values.rounds);
const oursRuns: ReturnType<typeof ours>[] = [];
const peerRuns: (Record<string, unknown> & { error?: string })[] = [];
for (let r = 0; r < rounds; r++) {
  oursRuns.push(ours());
  peerRuns.push(peer());
}
const bestOf = <T extends Record<string, unknown>>(runs: T[], k: keyof T) =>
  minOf(runs.map((x) => Number(x[k])));
const o = {
  train: bestOf(oursRuns, 'train_ms_per_sample'),
  infer: bestOf(oursRuns, 'infer_ms_per_sample'),
  single: bestOf(oursRuns, 'single_sample_ms'),
};
const result: Record<string, unknown> = {
  threads,
  batch,
  samples,
  infer_batch: samples,
  rounds,
  ours: {
    ...oursRuns[0],
    train_ms_per_sample: o.train,
    infer_ms_per_sample: o.infer,
    single_sample_ms: o.single,
  },
  ours_train_all_rounds: oursRuns.map((x) => x.train_ms_per_sample),
};
const failed = peerRuns.find((p) => 'error' in p);
if (failed) {
  result.peer = failed.error;
} else {
  const pt = bestOf(peerRuns, 'train_ms_per_sample');
  const pi = bestOf(peerRuns, 'infer_ms_per_sample');
  result.peer = { ...peerRuns[0], train_ms_per_sample: pt, infer_ms_per_sample: pi };
  result.peer_train_all_rounds = peerRuns.map((x) => x.train_ms_per_sample);
  result.ratio_train_ours_over_pytorch = o.train / pt;
  result.ratio_infer_ours_over_pytorch = o.infer / pi;
  result.params_equal = oursRuns[0].params === Number(peerRuns[0].params);
}
result.load_average = loadavg();
const shipped = shippedInference();
result.shipped_default_model = shipped;
result.targets = {
  train_ratio_le_1_1:
    typeof result.ratio_train_ours_over_pytorch === 'number'
      ? result.ratio_train_ours_over_pytorch <= 1.1
      : null,
  // The target is about the shipped default model (the preset users run), measured at batch `samples`.
  infer_le_0_1_ms_per_sample_at_1024:
    samples >= 1024 && 'infer_ms_per_sample' in shipped ? shipped.infer_ms_per_sample! <= 0.1 : null,
};
result.single_run_latency = runLatency();
result.general = generalBench();
console.log(JSON.stringify(result, null, 2));

/**
 * The general model's network (models/general, issue 19): train step and batched inference of its architecture in
 * our engine and in PyTorch (bench/torch_spec_peer.py, same spec, batch, data size, threads and Adam settings as its
 * recipe), alternating `rounds` times, best round each; then the shipped general model's `predictGeneral` (z-scoring
 * in and out included) at batch `samples`, and one experiment end to end in memory (`predictRuns`: representation
 * of three runs + forward).
 */
function generalBench() {
  const dir = values.general ?? SHIPPED_GENERAL_MODEL;
  if (!existsSync(join(dir, 'model.pt'))) return { error: `no general model at ${dir}` };
  const model = GeneralModel.load(dir);
  const spec = model.manifest.net;
  const { lr, weightDecay } = model.manifest.recipe;
  const tmp = mkdtempSync(join(tmpdir(), 'ckin-bench-general-'));
  try {
    const file = join(tmp, 'spec.json');
    writeFileSync(file, JSON.stringify(spec));
    const o: ReturnType<typeof ours>[] = [];
    const p: (Record<string, unknown> & { error?: string })[] = [];
    for (let r = 0; r < rounds; r++) {
      o.push(ours(spec, lr, weightDecay));
      p.push(peer({ file, lr, weightDecay }));
    }
    const train = bestOf(o, 'train_ms_per_sample');
    const infer = bestOf(o, 'infer_ms_per_sample');
    const bad = p.find((x) => 'error' in x);
    const pt = bad ? NaN : bestOf(p, 'train_ms_per_sample');
    const pi = bad ? NaN : bestOf(p, 'infer_ms_per_sample');
    // the shipped model at batch `samples`: inputs of its representation (random, in the normalized range)
    setThreads(threads);
    const C = spec.input.channels * spec.input.length;
    const rng = mulberry32(2);
    const x = Float32Array.from({ length: samples * C }, () => rng.uniform());
    const aux = Float32Array.from({ length: samples * spec.aux }, () => rng.uniform());
    predictGeneral(model.net, x, aux, samples, model.manifest.normalization);
    const pred: number[] = [];
    for (let r = 0; r < repeats * rounds; r++) {
      const t = performance.now();
      predictGeneral(model.net, x, aux, samples, model.manifest.normalization);
      pred.push((performance.now() - t) / samples);
    }
    const runs = simulateRuns({
      model: jma(2),
      params: { Ea_kJ_mol: 180, lgA_s: 13.5 },
      rates_K_min: [5, 20, 40],
      T_start_K: celsiusToKelvin(30),
      T_end_K: celsiusToKelvin(800),
      step_K: 1,
    }).map((r) => {
      const a = Float64Array.from(r.alpha);
      return {
        beta_K_min: r.beta_K_min,
        T_K: Float64Array.from(r.temperature_K),
        alpha: a,
        dadT_per_K: Float64Array.from(r.dadT_per_K),
      };
    });
    setThreads(1);
    for (let i = 0; i < 20; i++) model.predictRuns(runs);
    const one: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      model.predictRuns(runs);
      one.push(performance.now() - t);
    }
    return {
      model: dir,
      params: o[0].params,
      params_equal: bad ? null : o[0].params === Number(p[0].params),
      ours: {
        train_ms_per_sample: train,
        infer_ms_per_sample: infer,
        single_sample_ms: bestOf(o, 'single_sample_ms'),
      },
      ours_train_all_rounds: o.map((x) => x.train_ms_per_sample),
      peer: bad ? bad.error : { ...p[0], train_ms_per_sample: pt, infer_ms_per_sample: pi },
      peer_train_all_rounds: bad ? undefined : p.map((x) => x.train_ms_per_sample),
      ratio_train_ours_over_pytorch: bad ? null : train / pt,
      ratio_infer_ours_over_pytorch: bad ? null : infer / pi,
      shipped_predict_ms_per_sample: median(pred),
      shipped_predict_batch: samples,
      one_experiment_predict_runs_ms: median(one),
      targets: {
        train_ratio_le_1_1: bad ? null : train / pt <= 1.1,
        infer_le_0_1_ms_per_sample: median(pred) <= 0.1,
      },
    };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Inference of the shipped default model (its own architecture, trained weights, eval mode) at batch `samples`:
 * the network forward alone and `CnnModel.predict` (z-scoring in and out included); median of `repeats` after a
 * warm-up, best of `rounds`.
 */
function shippedInference() {
  const modelDir = values.model ?? DEFAULT_MODEL;
  if (!existsSync(join(modelDir, 'model.pt'))) return { error: `no model at ${modelDir}` };
  setThreads(threads);
  const model = CnnModel.load(modelDir);
  const rng = mulberry32(1);
  const rnd = () => rng.uniform();
  const set = {
    count: samples,
    channels: 3,
    length: 200,
    auxSize: 3,
    curves: Float32Array.from({ length: samples * 600 }, () => rnd()),
    aux: Float32Array.from({ length: samples * 3 }, (_, i) => [10, 30, 60][i % 3]),
    targets: new Float32Array(samples * 2),
  };
  model.predict(set, samples);
  const fwd: number[] = [];
  const pred: number[] = [];
  for (let r = 0; r < repeats * Number(values.rounds); r++) {
    let t = performance.now();
    model.net.forward(set.curves, set.aux, samples);
    fwd.push((performance.now() - t) / samples);
    t = performance.now();
    model.predict(set, samples);
    pred.push((performance.now() - t) / samples);
  }
  return {
    model: modelDir,
    preset: model.manifest.preset,
    params: model.manifest.parameterCount,
    batch: samples,
    infer_ms_per_sample: median(fwd),
    predict_ms_per_sample: median(pred),
  };
}

/**
 * One multi-rate run end to end, warm (in-process, after a first call): read three TGA CSV files (time, T, mass;
 * 0.5 K steps), α and dα/dT, resample + peak-normalize, CNN (the shipped default model) — and the refinement.
 */
function runLatency() {
  const modelDir = values.model ?? DEFAULT_MODEL;
  if (!existsSync(join(modelDir, 'model.pt'))) return { error: `no model at ${modelDir}` };
  const dir = mkdtempSync(join(tmpdir(), 'ckin-bench-'));
  try {
    const runs = simulateRuns({
      model: jma(3),
      params: { Ea_kJ_mol: 180, lgA_s: 13.5 },
      rates_K_min: [10, 30, 60],
      T_start_K: celsiusToKelvin(30),
      T_end_K: celsiusToKelvin(800),
      massLoss_pct: 20,
      step_K: Number(values['run-step']),
    });
    const files = runs.map((r) => {
      const f = join(dir, `run_${r.beta_K_min}.csv`);
      const rows = ['time_min,temperature_C,mass_pct'];
      for (let i = 0; i < r.temperature_K.length; i++) {
        rows.push(`${r.time_s[i] / 60},${r.temperature_K[i] - 273.15},${r.mass_pct[i]}`);
      }
      writeFileSync(f, rows.join('\n') + '\n');
      return f;
    });
    const model = CnnModel.load(modelDir);
    const once = () => {
      const t0 = performance.now();
      const { curves } = loadCurves({
        runs: files.map((path) => ({ path })),
        heatingRates_K_min: [10, 30, 60],
      });
      const tRead = performance.now();
      const p = prepareRunSample(curves, model.manifest.input.rates_K_min, model.manifest.input.grid_C);
      const tPrep = performance.now();
      const [Ea, lgA] = model.predict(p.set);
      const t1 = performance.now();
      const r = refineFromCnn(p.curves, { Ea_kJ_mol: Ea, lgA_s: lgA }, p.grid_K[0]);
      const t2 = performance.now();
      return {
        import_and_cnn_ms: t1 - t0,
        read_and_convert_ms: tRead - t0,
        resample_ms: tPrep - tRead,
        cnn_ms: t1 - tPrep,
        refine_ms: t2 - t1,
        Ea,
        lgA,
        refined: [r.Ea_kJ_mol, r.lgA_s],
      };
    };
    // Warm: a server or a screening loop runs this path many times; the first calls pay for JIT compilation.
    for (let i = 0; i < 30; i++) once();
    const reps = Array.from({ length: 50 }, once);
    const med = (k: 'import_and_cnn_ms' | 'read_and_convert_ms' | 'resample_ms' | 'cnn_ms' | 'refine_ms') =>
      median(reps.map((r) => r[k]));
    return {
      files: 3,
      rows_per_file: runs[0].temperature_K.length,
      threads: loadEngine().getNumThreads(),
      import_and_cnn_ms: med('import_and_cnn_ms'),
      read_and_convert_ms: med('read_and_convert_ms'),
      resample_ms: med('resample_ms'),
      cnn_ms: med('cnn_ms'),
      refine_ms: med('refine_ms'),
      truth: [180, 13.5],
      cnn: [reps[0].Ea, reps[0].lgA],
      refined: reps[0].refined,
      target_le_2_ms: median(reps.map((r) => r.import_and_cnn_ms)) <= 2,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
