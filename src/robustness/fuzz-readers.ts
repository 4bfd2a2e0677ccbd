import type { Worker } from 'node:worker_threads';
import { startWorker } from '../workers/start-worker.ts';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { mutate } from './mutate.ts';
import { mulberry32 } from '../core/random.ts';

export interface FuzzOptions {
  /** Folders of seed files (the real files in shared/data/external). */
  seedDirs: string[];
  /** Wall-clock budget, s. */
  seconds: number;
  seed?: number;
  /** Per-input time bound, ms: longer counts as a hang (default 3000). */
  perInputMs?: number;
  /** Worker heap limit, MB: exceeding it counts as unbounded memory (default 512). */
  heapLimitMb?: number;
}

export interface FuzzReport {
  executions: number;
  ok: number;
  handled: number;
  crashes: { seed: string; detail: string }[];
  hangs: string[];
  memory: string[];
  maxHeapMb: number;
}

/**
 * Time-bounded mutation fuzzing of every reader: each input is a seeded mutation of a real file, parsed in a worker
 * thread with a heap limit; a reply later than `perInputMs` is a hang (the worker is replaced), a worker that dies
 * of memory is "unbounded memory". Returns the counts; crashes carry the reproducing seed.
 */
export async function fuzzReaders(options: FuzzOptions): Promise<FuzzReport> {
  const files = options.seedDirs.flatMap((d) =>
    readdirSync(d)
      .filter((f) => !f.endsWith('.md'))
      .map((f) => join(d, f)),
  );
  const seeds = files.map((f) => ({ name: f, bytes: new Uint8Array(readFileSync(f)) }));
  const baseSeed = options.seed ?? 1;
  const perInput = options.perInputMs ?? 3000;
  const report: FuzzReport = {
    executions: 0,
    ok: 0,
    handled: 0,
    crashes: [],
    hangs: [],
    memory: [],
    maxHeapMb: 0,
  };
  const deadline = Date.now() + options.seconds * 1000;
  // A new worker answers { ready } once its readers are loaded (seconds through tsx on a busy machine): the
  // per-input time bound starts after that, so start-up is never counted as a hang.
  const start = async (): Promise<Worker> => {
    const w = startWorker(new URL('./fuzz-worker.ts', import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: options.heapLimitMb ?? 512 },
    });
    await new Promise<void>((resolve, reject) => {
      const onMsg = (m: { ready?: boolean }) => {
        if (!m.ready) return;
        w.off('message', onMsg);
        w.off('error', reject);
        resolve();
      };
      w.on('message', onMsg);
      w.once('error', reject);
    });
    return w;
  };
  let worker = await start();
  try {
    for (let i = 0; Date.now() < deadline; i++) {
      const rng = mulberry32(baseSeed * 1_000_003 + i);
      const rnd = () => rng.uniform();
      const a = seeds[Math.floor(rnd() * seeds.length)];
      const b = seeds[Math.floor(rnd() * seeds.length)];
      const bytes = mutate(a.bytes, b.bytes, rnd);
      const tag = `seed=${baseSeed} i=${i} base=${a.name}`;
      const result = await new Promise<
        { outcome: string; detail: string; heapUsed: number } | 'hang' | 'died'
      >((resolve) => {
        const timer = setTimeout(() => resolve('hang'), perInput);
        const onMsg = (m: { id: number; outcome: string; detail: string; heapUsed: number }) => {
          if (m.id !== i) return;
          clearTimeout(timer);
          worker.off('message', onMsg);
          worker.off('error', onErr);
          resolve(m);
        };
        const onErr = () => {
          clearTimeout(timer);
          worker.off('message', onMsg);
          resolve('died');
        };
        worker.on('message', onMsg);
        worker.once('error', onErr);
        worker.postMessage({ id: i, bytes, name: `fuzz-${i}.txt` });
      });
      report.executions++;
      if (result === 'hang' || result === 'died') {
        (result === 'hang' ? report.hangs : report.memory).push(tag);
        await worker.terminate();
        worker = await start();
        continue;
      }
      report.maxHeapMb = Math.max(report.maxHeapMb, result.heapUsed / 1e6);
      if (result.outcome === 'ok') report.ok++;
      else if (result.outcome === 'handled') report.handled++;
      else report.crashes.push({ seed: tag, detail: result.detail.slice(0, 2000) });
    }
  } finally {
    await worker.terminate();
  }
  return report;
}
