/**
 * Crash-safe training state of a model directory (issue 22 item 4).
 *
 * - **Commit point**: after every epoch the weights with optimizer state go to a new file `checkpoint-eNNNN.pt`;
 *   then `train-state.json` — which names that file and its sha256 — is written atomically. The state file is the
 *   commit: a kill before it leaves the previous state naming the previous checkpoint (still on disk: older
 *   checkpoints are removed only after the commit), a kill after it leaves the new pair. So a resume always loads
 *   the checkpoint that belongs to the state, and continues to the identical result.
 * - **Resume guard**: the state records a fingerprint of the dataset (sha256 over its arrays) and every
 *   hyperparameter (preset, network, recipe, seed, time budget); `--resume` refuses any difference, naming it.
 * - **Complete marker**: `complete.json` (sha256 of model.pt and manifest.json) is written last, when the training
 *   has finished; a model directory without it (or whose files do not match it) is not loadable unless the caller
 *   allows incomplete models (`ckin predict --allow-incomplete`).
 * - **Leftovers**: temporary files of atomic writes interrupted by a kill (`.NAME.tmp-PID-TIME`) and checkpoints
 *   not named by the state are removed when a training starts or resumes in the directory.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { InputError } from '../core/input-error.ts';
import { writeFileAtomic } from '../core/atomic-write.ts';
import { readJsonFile } from '../core/json.ts';
import type { CurveSet } from './dataset.ts';
import type { Preset } from './presets.ts';

export const STATE_FILE = 'train-state.json';
export const COMPLETE_FILE = 'complete.json';

/** What a resume must match: the dataset and every hyperparameter (threads only affect the last bits). */
export interface TrainFingerprint {
  dataset_sha256: string;
  preset: string;
  net: unknown;
  recipe: unknown;
  seed: number;
  maxMinutes: number | null;
}

export interface TrainState {
  epochsDone: number;
  bestEpoch: number;
  bestValLoss: number;
  wallTime_s: number;
  seed: number;
  preset: string;
  /** The checkpoint of `epochsDone` (weights + optimizer state) and its sha256. */
  checkpoint: string | null;
  checkpoint_sha256: string | null;
  fingerprint: TrainFingerprint;
}

const TrainStateFileSchema = Type.Object({
  epochsDone: Type.Integer({ minimum: 0 }),
  bestEpoch: Type.Integer(),
  bestValLoss: Type.Union([Type.Number(), Type.Null(), Type.String()]),
  wallTime_s: Type.Number(),
  seed: Type.Number(),
  preset: Type.String(),
  checkpoint: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  checkpoint_sha256: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  fingerprint: Type.Optional(Type.Unknown()),
});

const CompleteSchema = Type.Object({
  format: Type.Literal('cathode-kinetics-cnn-complete'),
  model_sha256: Type.String(),
  manifest_sha256: Type.String(),
  epochsRun: Type.Integer(),
  completedAt: Type.String(),
});

export function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** sha256 over a dataset's arrays (curves, rates, targets, split, flags): what the network is trained on. */
export function datasetFingerprint(set: CurveSet): string {
  const h = createHash('sha256');
  h.update(`${set.count}:${set.channels}:${set.length}:${set.auxSize}\0`);
  for (const a of [set.curves, set.aux, set.targets, set.split, set.flags]) {
    if (!a) {
      h.update('\0none\0');
      continue;
    }
    h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }
  return h.digest('hex');
}

export function trainFingerprint(
  preset: Preset,
  set: CurveSet,
  seed: number,
  maxMinutes?: number,
): TrainFingerprint {
  return {
    dataset_sha256: datasetFingerprint(set),
    preset: preset.name,
    net: preset.net,
    recipe: preset.train,
    seed,
    maxMinutes: maxMinutes ?? null,
  };
}

/** Differences between two fingerprints as readable lines (`recipe.lr: 0.001 → 0.0003`). */
export function fingerprintDifferences(was: TrainFingerprint, now: TrainFingerprint): string[] {
  const out: string[] = [];
  const walk = (path: string, a: unknown, b: unknown) => {
    if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
      const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
      for (const k of keys)
        walk(path ? `${path}.${k}` : k, (a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
      return;
    }
    if (JSON.stringify(a) !== JSON.stringify(b))
      out.push(`${path}: ${JSON.stringify(a) ?? 'unset'} → ${JSON.stringify(b) ?? 'unset'}`);
  };
  walk('', was, now);
  return out.map((l) => l.replace(/^dataset_sha256: .*/, 'the dataset changed (its sha256 differs)'));
}

/**
 * Read the state for `--resume` and check it against the run asked for. Null when the directory holds no state
 * (a fresh start). InputError for a state of another run (naming every difference), an older state without a
 * fingerprint, or a checkpoint that is missing or does not match its recorded sha256.
 */
export function readResumeState(
  dir: string,
  now: TrainFingerprint,
): { state: TrainState; checkpoint: Buffer | null } | null {
  const path = join(dir, STATE_FILE);
  if (!existsSync(path)) return null;
  const raw = readJsonFile(path, TrainStateFileSchema, 'train state');
  if (!raw.fingerprint) {
    throw new InputError(
      `--resume: ${dir} was written by an older version that did not record the dataset and hyperparameters, ` +
        'so the run cannot be verified; train into a new directory',
      { file: path },
    );
  }
  const state = {
    ...raw,
    bestValLoss: typeof raw.bestValLoss === 'number' ? raw.bestValLoss : Infinity,
    checkpoint: raw.checkpoint ?? null,
    checkpoint_sha256: raw.checkpoint_sha256 ?? null,
    fingerprint: raw.fingerprint as TrainFingerprint,
  };
  const diff = fingerprintDifferences(state.fingerprint, now);
  if (diff.length) {
    throw new InputError(`--resume: ${dir} is a different run: ${diff.join('; ')}`, { file: path });
  }
  let checkpoint: Buffer | null = null;
  if (state.checkpoint) {
    const file = join(dir, state.checkpoint);
    if (!existsSync(file))
      throw new InputError(`--resume: the checkpoint ${state.checkpoint} named by the state is missing`, {
        file,
      });
    checkpoint = readFileSync(file);
    if (sha256(checkpoint) !== state.checkpoint_sha256)
      throw new InputError(`--resume: ${state.checkpoint} does not match its recorded sha256 (damaged)`, {
        file,
      });
  }
  return { state, checkpoint };
}

/**
 * Commit one epoch: write the checkpoint as a new file, then the state naming it (the commit point), then remove
 * older checkpoints. `beforeCommit` writes what must exist once the state is committed (history, manifest).
 */
export function commitEpoch(
  dir: string,
  state: TrainState,
  checkpoint: Uint8Array,
  beforeCommit: () => void,
): void {
  const name = `checkpoint-e${String(state.epochsDone).padStart(4, '0')}.pt`;
  writeFileAtomic(join(dir, name), checkpoint);
  state.checkpoint = name;
  state.checkpoint_sha256 = sha256(checkpoint);
  beforeCommit();
  writeFileAtomic(join(dir, STATE_FILE), JSON.stringify(state, null, 2) + '\n');
  removeLeftovers(dir, name);
}

/** Remove interrupted atomic-write temporaries and checkpoints other than `keep`. */
export function removeLeftovers(dir: string, keep: string | null): void {
  if (!existsSync(dir)) return;
  for (const f of readdirSync(dir)) {
    const tmp = /^\..+\.tmp-\d+-\d+$/.test(f);
    const oldCheckpoint = /^checkpoint(-e\d+)?\.pt$/.test(f) && f !== keep;
    if (tmp || oldCheckpoint) rmSync(join(dir, f), { force: true });
  }
}

/** Mark a finished training: complete.json with the sha256 of model.pt and manifest.json, written last. */
export function markComplete(dir: string, epochsRun: number): void {
  const marker = {
    format: 'cathode-kinetics-cnn-complete' as const,
    model_sha256: sha256(readFileSync(join(dir, 'model.pt'))),
    manifest_sha256: sha256(readFileSync(join(dir, 'manifest.json'))),
    epochsRun,
    completedAt: new Date().toISOString(),
  };
  writeFileAtomic(join(dir, COMPLETE_FILE), JSON.stringify(marker, null, 2) + '\n');
}

/** Remove the marker (a training starts or resumes: the directory is incomplete until it finishes). */
export function clearComplete(dir: string): void {
  rmSync(join(dir, COMPLETE_FILE), { force: true });
}

/**
 * Why a model directory is not complete, or null when it is: no complete.json, or model.pt / manifest.json not the
 * files it names (a directory assembled from different runs, or changed after training).
 */
export function incompleteReason(dir: string, weights = 'model.pt'): string | null {
  const path = join(dir, COMPLETE_FILE);
  if (!existsSync(path)) return 'its training did not finish (no complete.json)';
  const m = readJsonFile(path, CompleteSchema, 'model completion marker');
  if (weights === 'model.pt' && sha256(readFileSync(join(dir, 'model.pt'))) !== m.model_sha256)
    return 'model.pt is not the file complete.json names (changed after training)';
  if (sha256(readFileSync(join(dir, 'manifest.json'))) !== m.manifest_sha256)
    return 'manifest.json is not the file complete.json names (changed after training)';
  return null;
}
