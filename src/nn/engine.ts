/**
 * The deep-learning engine: libtorch through the thin N-API addon in native/ (built by `npm run build:native`).
 * Loading fails with an actionable message when the addon was not built or libtorch is not installed.
 */
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { resolveNetSpec, type NetSpec, type ResolvedNet } from './spec.ts';

/** Optimizer settings for `Net.setOptimizer`. */
export interface OptimizerOptions {
  type: 'adam' | 'adamw';
  lr: number;
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** The addon's network object (native/ckin_torch.cc). Arrays are row-major float32: x [B·C·L], aux [B·A], y [B·O]. */
export interface NativeNet {
  forward(x: Float32Array, aux: Float32Array | null, batch: number, train?: boolean): Float32Array;
  setOptimizer(options: OptimizerOptions): void;
  trainStep(x: Float32Array, aux: Float32Array | null, y: Float32Array, batch: number, lr: number): number;
  saveState(withOptimizer?: boolean): Buffer;
  /** Returns true when optimizer state was restored too. */
  loadState(state: Buffer): boolean;
  parameterCount(): number;
  /** Every parameter and floating-point buffer with its registered name ("conv1d_0.weight"), float32. */
  exportTensors(): { name: string; shape: number[]; data: Float32Array }[];
}

interface Addon {
  Net: new (layers: ResolvedNet['layers'], shape: ResolvedNet['shape']) => NativeNet;
  setNumThreads(n: number): void;
  getNumThreads(): number;
  manualSeed(seed: number): void;
  libtorchVersion: string;
}

export const ADDON_PATH = fileURLToPath(
  new URL('../../native/build/Release/ckin_torch.node', import.meta.url),
);

export const LIBTORCH_HINT =
  'libtorch missing: run `apt-get install libtorch-dev` (Debian/Ubuntu; or set LIBTORCH=/path/to/libtorch), ' +
  'then `npm run build:native`';

let addon: Addon | null = null;

/** Load the addon once; throws an Error whose message says how to install libtorch and build the addon. */
export function loadEngine(): Addon {
  if (addon) return addon;
  if (!existsSync(ADDON_PATH)) {
    throw new Error(`${LIBTORCH_HINT} (the CNN engine ${ADDON_PATH} is not built)`);
  }
  try {
    addon = createRequire(import.meta.url)(ADDON_PATH) as Addon;
  } catch (err) {
    throw new Error(`${LIBTORCH_HINT} (loading ${ADDON_PATH} failed: ${(err as Error).message})`);
  }
  // Inside Node, libtorch starts with one intra-op thread: use every core unless told otherwise (setThreads before load).
  configuredThreads = requestedThreads ?? availableParallelism();
  addon.setNumThreads(configuredThreads);
  activeThreads = configuredThreads;
  return addon;
}

/** Thread count set by `setThreads` (or all cores), and the one libtorch runs with right now. */
let configuredThreads = 1;
let activeThreads = 1;

/**
 * Forward passes of at most this many samples run on one intra-op thread. A batch-1 forward gains nothing from a
 * second thread (0.27 vs 0.31 ms), and when the process did a few ms of other work since the last parallel region
 * libtorch's sleeping worker costs ~7 ms to wake (measured: single-run latency 9.6 → 2-3 ms).
 */
export const SINGLE_THREAD_MAX_BATCH = 16;

/**
 * Switch libtorch to the thread count for a batch of `batch` samples (1 for small inference batches, else the
 * configured count); a no-op when it is already set. Call before `forward`; `train` = true always uses the configured
 * count (training results depend only on seed and `--threads`).
 */
export function useThreadsFor(batch: number, train = false): void {
  const want = !train && batch <= SINGLE_THREAD_MAX_BATCH ? 1 : configuredThreads;
  if (want === activeThreads) return;
  loadEngine().setNumThreads(want);
  activeThreads = want;
}

/** True when the engine loads (for tests and `ckin info`). */
export function engineAvailable(): boolean {
  try {
    loadEngine();
    return true;
  } catch {
    return false;
  }
}

/** Thread count asked for by `setThreads` before libtorch was loaded (applied when it loads). */
let requestedThreads: number | null = null;

/**
 * Set libtorch's intra-op thread count (process-wide). Does not load libtorch: a prediction that runs in JavaScript
 * (src/nn/js-net.ts) never needs it; the count applies when it loads.
 */
export function setThreads(n: number): void {
  const count = Math.max(1, Math.floor(n));
  if (!addon) {
    requestedThreads = count;
    return;
  }
  configuredThreads = count;
  addon.setNumThreads(configuredThreads);
  activeThreads = configuredThreads;
}

/** Seed libtorch's generator (weight initialisation, dropout masks). */
export function manualSeed(seed: number): void {
  loadEngine().manualSeed(seed);
}

/** Build a network from a spec; `seed` (when given) seeds libtorch right before weight initialisation. */
export function createNet(spec: NetSpec, seed?: number): { net: NativeNet; resolved: ResolvedNet } {
  const engine = loadEngine();
  const resolved = resolveNetSpec(spec);
  if (seed !== undefined) engine.manualSeed(seed);
  const net = new engine.Net(resolved.layers, resolved.shape);
  return { net, resolved };
}
