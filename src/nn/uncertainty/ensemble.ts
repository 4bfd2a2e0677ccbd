import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError } from '../../core/input-error.ts';
import { checkJson, readJsonUnknown } from '../../core/json.ts';
import { EnsembleManifestSchema } from '../schemas.ts';
import { writeFileAtomic } from '../../core/atomic-write.ts';
import { CnnModel } from '../model.ts';
import type { CurveSet } from '../dataset.ts';
import { normalQuantile } from './calibration.ts';

/** The shipped deep ensemble (5 members with the full-width 32/64/128/256 trunk, calibrated; docs/cnn.md, models/ensemble/ensemble.json). */
export const SHIPPED_ENSEMBLE = fileURLToPath(new URL('../../../models/ensemble', import.meta.url));

/** ensemble.json: the members (model directories inside the ensemble directory) and the interval calibration. */
export interface EnsembleManifest {
  format: 'cathode-kinetics-cnn-ensemble';
  formatVersion: 1;
  members: string[];
  /** Interval scale per output (Ea, lgA), fitted on `calibration.split` of `calibration.dataset`. */
  calibration: {
    scale_Ea: number;
    scale_lgA: number;
    level: number;
    dataset: string;
    split: string;
    count: number;
  } | null;
  /** Coverage of the calibrated 90 % intervals on fresh data, per material (how the calibration was checked). */
  coverage?: unknown;
  createdAt: string;
}

/** Per-sample ensemble prediction: mean and spread over members, and the calibrated interval. */
export interface EnsemblePrediction {
  mean: Float64Array; // [N × 2] (Ea_kJ_mol, lgA_s)
  std: Float64Array; // [N × 2]
  members: number;
}

/** A deep ensemble of CNNs trained with different seeds (Lakshminarayanan et al. 2017). */
export class CnnEnsemble {
  constructor(
    readonly dir: string,
    readonly manifest: EnsembleManifest,
    readonly models: CnnModel[],
  ) {}

  static load(dir: string): CnnEnsemble {
    const path = join(dir, 'ensemble.json');
    if (!existsSync(path))
      throw new InputError('not an ensemble directory (no ensemble.json)', { file: dir });
    const raw = readJsonUnknown(path) as {
      format?: unknown;
      formatVersion?: unknown;
      members?: unknown;
    } | null;
    if (
      typeof raw !== 'object' ||
      raw === null ||
      raw.format !== 'cathode-kinetics-cnn-ensemble' ||
      raw.formatVersion !== 1
    ) {
      throw new InputError('not a version-1 cathode-kinetics ensemble manifest', { file: path });
    }
    if (!Array.isArray(raw.members) || raw.members.length < 2)
      throw new InputError('an ensemble needs ≥ 2 members', { file: path });
    const m = checkJson(EnsembleManifestSchema, raw, 'ensemble manifest', path);
    return new CnnEnsemble(
      dir,
      m,
      m.members.map((name) => CnnModel.load(join(dir, name))),
    );
  }

  /** Mean and standard deviation (n − 1) over members, per sample and output. */
  predict(set: CurveSet): EnsemblePrediction {
    const preds = this.models.map((m) => m.predict(set));
    const n = set.count * 2;
    const mean = new Float64Array(n);
    const std = new Float64Array(n);
    for (const p of preds) for (let i = 0; i < n; i++) mean[i] += p[i] / preds.length;
    for (const p of preds) for (let i = 0; i < n; i++) std[i] += (p[i] - mean[i]) ** 2 / (preds.length - 1);
    for (let i = 0; i < n; i++) std[i] = Math.sqrt(std[i]);
    return { mean, std, members: preds.length };
  }

  /** Calibrated central interval [lo, hi] of sample i, output k (0 = Ea, 1 = lgA), at `level` (default 90 %). */
  interval(p: EnsemblePrediction, i: number, k: 0 | 1, level = 0.9): [number, number] {
    const cal = this.manifest.calibration;
    const scale = cal ? (k === 0 ? cal.scale_Ea : cal.scale_lgA) : 1;
    const half = normalQuantile(1 - (1 - level) / 2) * scale * p.std[i * 2 + k];
    return [p.mean[i * 2 + k] - half, p.mean[i * 2 + k] + half];
  }
}

/** Write ensemble.json for the member directories found in `dir` (names starting with `member-`). */
export function writeEnsembleManifest(dir: string, extra: Partial<EnsembleManifest> = {}): EnsembleManifest {
  const members = readdirSync(dir)
    .filter((f) => f.startsWith('member-') && existsSync(join(dir, f, 'manifest.json')))
    .sort();
  const m: EnsembleManifest = {
    format: 'cathode-kinetics-cnn-ensemble',
    formatVersion: 1,
    members,
    calibration: null,
    createdAt: new Date().toISOString(),
    ...extra,
  };
  writeFileAtomic(join(dir, 'ensemble.json'), JSON.stringify(m, null, 2) + '\n');
  return m;
}

/** JSON summary of one sample's ensemble prediction: mean, spread and the calibrated 90 % interval per output. */
export function ensembleSampleJson(ens: CnnEnsemble, p: EnsemblePrediction, i = 0) {
  const one = (k: 0 | 1) => {
    const [lo, hi] = ens.interval(p, i, k, 0.9);
    return { mean: p.mean[i * 2 + k], std: p.std[i * 2 + k], p05: lo, p95: hi };
  };
  return {
    members: p.members,
    level: 0.9,
    calibrated: ens.manifest.calibration !== null,
    Ea_kJ_mol: one(0),
    lgA_s: one(1),
  };
}
