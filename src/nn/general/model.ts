/**
 * A trained general model directory (models/general): manifest.json (format `cathode-kinetics-cnn-general`:
 * representation, network, recipe, normalization, prior, conformal half-widths, metrics), model.pt (best weights),
 * history.json, and complete.json written last (src/nn/checkpoint.ts: only finished models load).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/input-error.ts';
import { readJsonUnknown } from '../../core/json.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { createNet, loadEngine } from '../engine.ts';
import { writeJsWeightsFromNet } from '../js-weights.ts';
import { loadInferenceNet, type InferenceNet } from '../model.ts';
import { incompleteReason, markComplete, sha256 } from '../checkpoint.ts';
import { resolveNetSpec, type NetSpec } from '../spec.ts';
import { GENERAL_PRIOR } from '../../synth/general-prior.ts';
import type { GeneralRun } from '../../synth/general-curves.ts';
import { REPRESENTATIONS, represent, type RepresentationName } from './representation.ts';
import { predictGeneral, type GeneralHistoryEntry, type GeneralNormalization } from './train.ts';
import { MONDRIAN_FILE, MONDRIAN_FORMAT, type MondrianConformal } from './conformal.ts';
import type { GeneralRecipe } from './network.ts';

export const GENERAL_MODEL_FORMAT = 'cathode-kinetics-cnn-general';
export const SHIPPED_GENERAL_MODEL = fileURLToPath(new URL('../../../models/general', import.meta.url));

/** Split-conformal 90 % half-widths (|residual| quantile on a calibration set) per output. */
export interface ConformalHalfWidths {
  level: number;
  calibrationCount: number;
  Ea_kJ_mol: number;
  lgA_s: number;
  n: number;
}

export interface GeneralManifest {
  format: typeof GENERAL_MODEL_FORMAT;
  formatVersion: 1;
  representation: RepresentationName;
  net: NetSpec;
  parameterCount: number;
  recipe: GeneralRecipe & { seed: number; threads: number; timeLimit_min?: number };
  normalization: GeneralNormalization;
  prior: typeof GENERAL_PRIOR;
  dataset: { seed: number; train: number; val: number; calibration: number };
  epochsRun: number;
  bestEpoch: number;
  wallTime_s: number;
  libtorchVersion: string;
  createdAt: string;
  conformal: ConformalHalfWidths;
  metrics: Record<string, unknown>;
}

/** One prediction of the general model. */
export interface GeneralPrediction {
  Ea_kJ_mol: number;
  lgA_s: number;
  n: number;
  family: 'jma' | 'nth-order';
  /** Network output of the family head (0 = JMA, 1 = nth order). */
  family_score: number;
}

export class GeneralModel {
  readonly manifest: GeneralManifest;
  readonly net: InferenceNet;
  readonly incomplete: string | null;
  /** Input-dependent conformal half-widths (conformal-mondrian.json), when the directory has them. */
  readonly mondrian: MondrianConformal | undefined;

  constructor(
    manifest: GeneralManifest,
    net: InferenceNet,
    incomplete: string | null = null,
    mondrian?: MondrianConformal,
  ) {
    this.manifest = manifest;
    this.net = net;
    this.incomplete = incomplete;
    this.mondrian = mondrian;
  }

  /** True when `dir` holds a general model (its manifest has the general format). */
  static isGeneralDir(dir: string): boolean {
    const path = join(dir, 'manifest.json');
    if (!existsSync(path)) return false;
    const m = readJsonUnknown(path) as { format?: unknown } | null;
    return typeof m === 'object' && m !== null && m.format === GENERAL_MODEL_FORMAT;
  }

  static load(dir = SHIPPED_GENERAL_MODEL, opts: { allowIncomplete?: boolean } = {}): GeneralModel {
    const path = join(dir, 'manifest.json');
    if (!existsSync(path)) throw new InputError('not a model directory (no manifest.json)', { file: dir });
    const m = readJsonUnknown(path) as Partial<GeneralManifest> | null;
    if (typeof m !== 'object' || m === null || m.format !== GENERAL_MODEL_FORMAT || m.formatVersion !== 1)
      throw new InputError(`not a ${GENERAL_MODEL_FORMAT} manifest (version 1)`, { file: path });
    const manifest = m as GeneralManifest;
    if (!(manifest.representation in REPRESENTATIONS))
      throw new InputError(`unknown representation ${String(manifest.representation)}`, { file: path });
    try {
      resolveNetSpec(manifest.net);
    } catch (err) {
      throw new InputError(`model manifest: invalid network: ${(err as Error).message}`, { file: path });
    }
    const incomplete = incompleteReason(dir);
    if (incomplete && !opts.allowIncomplete)
      throw new InputError(`not a finished model: ${incomplete} — pass --allow-incomplete`, { file: dir });
    const net = loadInferenceNet(dir, manifest.net, join(dir, 'model.pt'));
    return new GeneralModel(manifest, net, incomplete, readMondrian(dir));
  }

  /** Predict one experiment (its runs at any 2+ heating rates). */
  predictRuns(runs: readonly GeneralRun[]): GeneralPrediction {
    const s = REPRESENTATIONS[this.manifest.representation];
    const x = new Float32Array(s.channels * s.length);
    const aux = new Float32Array(s.aux);
    represent(this.manifest.representation, runs, x, 0, aux, 0);
    return toPrediction(predictGeneral(this.net, x, aux, 1, this.manifest.normalization), 0);
  }
}

/** conformal-mondrian.json of a model directory (scripts/cnn-general-calibrate.ts), if present. */
function readMondrian(dir: string): MondrianConformal | undefined {
  const path = join(dir, MONDRIAN_FILE);
  if (!existsSync(path)) return undefined;
  const m = readJsonUnknown(path) as Partial<MondrianConformal> | null;
  if (
    typeof m !== 'object' ||
    m === null ||
    m.format !== MONDRIAN_FORMAT ||
    m.formatVersion !== 1 ||
    !m.bins?.all
  )
    throw new InputError(`not a ${MONDRIAN_FORMAT} file (version 1, with an \`all\` bin)`, { file: path });
  return m as MondrianConformal;
}

/** Row `i` of a [N × 4] prediction array as a GeneralPrediction. */
export function toPrediction(p: ArrayLike<number>, i: number): GeneralPrediction {
  const o = 4 * i;
  return {
    Ea_kJ_mol: p[o],
    lgA_s: p[o + 1],
    n: p[o + 2],
    family: p[o + 3] > 0.5 ? 'nth-order' : 'jma',
    family_score: p[o + 3],
  };
}

/** Write a finished model directory: model.pt, history.json, manifest.json, then complete.json. */
export function writeGeneralModel(
  dir: string,
  manifest: Omit<GeneralManifest, 'format' | 'formatVersion' | 'libtorchVersion' | 'createdAt' | 'prior'>,
  weights: Buffer,
  history: GeneralHistoryEntry[],
): GeneralManifest {
  mkdirSync(dir, { recursive: true });
  const full: GeneralManifest = {
    format: GENERAL_MODEL_FORMAT,
    formatVersion: 1,
    ...manifest,
    prior: GENERAL_PRIOR,
    libtorchVersion: loadEngine().libtorchVersion,
    createdAt: new Date().toISOString(),
  };
  writeFileAtomic(join(dir, 'model.pt'), weights);
  writeFileAtomic(join(dir, 'history.json'), JSON.stringify(history, null, 1) + '\n');
  writeFileAtomic(join(dir, 'manifest.json'), JSON.stringify(full, null, 2) + '\n');
  // the weights for the JavaScript inference path (src/nn/js-net.ts), before the completion marker
  const { net } = createNet(full.net);
  net.loadState(weights);
  writeJsWeightsFromNet(dir, net, sha256(weights));
  markComplete(dir, manifest.epochsRun);
  return full;
}
