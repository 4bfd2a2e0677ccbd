import { Type, type Static } from '@sinclair/typebox';
import { workMax, WORK_LIMITS } from '../core/work-limits.ts';

/**
 * Request schemas (TypeBox → JSON Schema; Fastify validates every body with them and /openapi.json publishes them).
 * Uploads are JSON: each file as UTF-8 `text` or as `base64` of its raw bytes (for UTF-16/latin-1 exports), so one
 * schema describes them and no multipart parser is needed.
 */
export const RunFileSchema = Type.Object(
  {
    name: Type.String({
      minLength: 1,
      maxLength: 255,
      description: 'file name (used for messages and the rate in names like cath_1_10.csv)',
    }),
    text: Type.Optional(Type.String({ description: 'file content as text' })),
    base64: Type.Optional(
      Type.String({ description: 'file content as base64 of the raw bytes (any encoding)' }),
    ),
    rate_K_min: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 1000,
        description: 'heating rate, K/min (overrides header, T(t) slope and file name)',
      }),
    ),
  },
  { additionalProperties: false },
);

/** Options shared by every request that reads runs (the CLI's --columns, --temperature-unit, … of `ckin analyze`). */
export const RunReadOptionsSchema = {
  columns: Type.Optional(
    Type.String({
      maxLength: 200,
      description: 'column names for files without a header, e.g. temperature_C,heatflow_W_g',
    }),
  ),
  temperatureUnit: Type.Optional(Type.Union([Type.Literal('C'), Type.Literal('K')])),
  exoSign: Type.Optional(Type.Union([Type.Literal(1), Type.Literal(-1)])),
  sampleMass_mg: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
  smoothing: Type.Optional(
    Type.String({
      maxLength: 40,
      description:
        'how α is smoothed and differentiated, as `--smoothing`: auto (GCV smoothing spline, default), spline:λ or sg:W[:O]',
    }),
  ),
  signal: Type.Optional(
    Type.Union([Type.Literal('mass'), Type.Literal('heatflow')], {
      description:
        'for runs with both (STA): which signal to analyse (default mass), as `ckin analyze --signal`',
    }),
  ),
};

export const RunUploadSchema = Type.Object(
  {
    files: Type.Array(RunFileSchema, { minItems: 1, maxItems: 64 }),
    ...RunReadOptionsSchema,
    window_C: Type.Optional(
      Type.String({
        maxLength: 200,
        description: 'stage window(s) LO:HI in °C, e.g. 200:400 or 200:380,380:500',
      }),
    ),
    baseline: Type.Optional(Type.Union([Type.Literal('linear'), Type.Literal('sigmoidal')])),
  },
  { additionalProperties: false },
);
export type RunUpload = Static<typeof RunUploadSchema>;

export const KissingerRequestSchema = RunUploadSchema;

export const IsoRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    method: Type.Optional(
      Type.Union([
        Type.Literal('friedman'),
        Type.Literal('kas'),
        Type.Literal('fwo'),
        Type.Literal('ofw', { description: 'alias of fwo' }),
        Type.Literal('vyazovkin'),
      ]),
    ),
    alpha: Type.Optional(
      Type.String({ maxLength: 40, description: 'conversion grid FROM:TO:STEP (default 0.05:0.95:0.05)' }),
    ),
  },
  { additionalProperties: false },
);
export type IsoRequest = Static<typeof IsoRequestSchema>;

/** POST /api/deconvolve: Fraser–Suzuki deconvolution and per-peak kinetics (as `ckin deconvolve --json`). */
export const DeconvolveRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    peaks: Type.Optional(
      Type.Integer({
        minimum: WORK_LIMITS.deconvPeaks.min,
        maximum: workMax('deconvPeaks', 'api'),
        description: 'Fraser–Suzuki peaks per run (default 2)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type DeconvolveRequest = Static<typeof DeconvolveRequestSchema>;

/** POST /api/masterplot: master plots and the ranked reaction models (as `ckin masterplot --json`). */
export const MasterPlotRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    Ea_kJ_mol: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 2000,
        description: 'activation energy, kJ/mol (default: mean Friedman Ea over α 0.1–0.9)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type MasterPlotRequest = Static<typeof MasterPlotRequestSchema>;

export const AnalyzeRequestSchema = RunUploadSchema;

export const FitRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    stage: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 20, description: 'stage of `analyze` to fit (default 1)' }),
    ),
    n: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 10,
        description: 'fix the Avrami exponent (omit to fit it)',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
);
export type FitRequest = Static<typeof FitRequestSchema>;

/** POST /api/fit/scheme: a multi-step reaction scheme fitted to all rates at once (as `ckin fit --scheme`). */
export const FitSchemeRequestSchema = Type.Object(
  {
    ...RunReadOptionsSchema,
    files: Type.Array(RunFileSchema, { minItems: 1, maxItems: 64 }),
    window_C: Type.Optional(
      Type.String({ maxLength: 200, description: 'window LO:HI in °C of the data fitted, e.g. 100:500' }),
    ),
    scheme: Type.Optional(
      Type.String({
        maxLength: 300,
        description:
          'steps "A->B:Fn; B->C:Fn" (models Fn F1 An SB Cn Bna R2 R3 D1–D4) or consecutive:N, parallel:N, competitive:N[:Model]',
      }),
    ),
    steps: Type.Optional(
      Type.Union([Type.Literal('auto'), Type.Integer({ minimum: 1, maximum: 4 })], {
        description: 'instead of a scheme: fit the candidates (up to N steps) and keep the best by AICc',
      }),
    ),
    baseline: Type.Optional(
      Type.Union([Type.Literal('none'), Type.Literal('linear')], {
        description: 'linear baseline per run fitted with the heat flow (default none)',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
    T0_C: Type.Optional(Type.Number({ minimum: -273.15, description: 'start of the ramp, °C' })),
    bootstrap: Type.Optional(
      Type.Integer({
        minimum: WORK_LIMITS.schemeBootstrapReplicates.min,
        maximum: workMax('schemeBootstrapReplicates', 'api'),
        description:
          'bootstrap refits of the fitted scheme (each a full fit); the result carries `bootstrap`',
      }),
    ),
    bootstrap_kind: Type.Optional(
      Type.Union([Type.Literal('wild'), Type.Literal('cases')], {
        description:
          'wild (residual signs flipped, default) or cases (heating-rate runs resampled with replacement)',
      }),
    ),
    deconvolution_start: Type.Optional(
      Type.Boolean({
        description: 'with scheme: also start from a Fraser–Suzuki deconvolution (per-peak kinetics)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FitSchemeRequest = Static<typeof FitSchemeRequestSchema>;

export const SimulateRequestSchema = Type.Object(
  {
    model: Type.Optional(Type.String({ maxLength: 20, default: 'jma' })),
    Ea_kJ_mol: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }),
    lgA_s: Type.Number({ minimum: -10, maximum: 60 }),
    n: Type.Optional(Type.Number()),
    m: Type.Optional(Type.Number()),
    p: Type.Optional(Type.Number()),
    rates_K_min: Type.Optional(
      Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 1000 }), {
        minItems: 1,
        maxItems: workMax('simulateRates', 'api'),
      }),
    ),
    from_C: Type.Optional(Type.Number({ minimum: -273.15 })),
    to_C: Type.Optional(Type.Number({ maximum: 3000 })),
    step_K: Type.Optional(Type.Number({ minimum: 0.01, maximum: 50 })),
    massLoss_pct: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
export type SimulateRequest = Static<typeof SimulateRequestSchema>;

export const PredictRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    model: Type.Optional(
      Type.String({
        maxLength: 40,
        description:
          'shipped model name (best, paper, general); default: the choice of `ckin predict` (best for 10/30/60 K/min runs it reproduces, general otherwise)',
      }),
    ),
    stage: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
    force: Type.Optional(
      Type.Boolean({
        description:
          'predict even for heating rates > 10 % off the training rates or a curve without a reaction (marked unreliable)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type PredictRequest = Static<typeof PredictRequestSchema>;

export const ScreeningRequestSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    model: Type.Optional(Type.String({ maxLength: 40 })),
    samples: Type.Array(
      Type.Object(
        { id: Type.String({ minLength: 1, maxLength: 200 }), ...RunUploadSchema.properties },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);
export type ScreeningRequest = Static<typeof ScreeningRequestSchema>;

export const KceRequestSchema = Type.Object(
  {
    Ea_kJ_mol: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 2000 })),
    lgA_s: Type.Optional(Type.Number({ minimum: -10, maximum: 60 })),
    points: Type.Optional(
      Type.Array(
        Type.Object(
          { method: Type.String({ maxLength: 40 }), Ea_kJ_mol: Type.Number(), lgA_s: Type.Number() },
          { additionalProperties: false },
        ),
        {
          maxItems: 10,
          description: 'several estimates of one sample (Kissinger, JMA fit, CNN) to draw on the map',
        },
      ),
    ),
  },
  { additionalProperties: false },
);
export type KceRequest = Static<typeof KceRequestSchema>;

export const DscSourceSchema = Type.Union([Type.Literal('db'), Type.Literal('demo')], {
  description:
    'db = the DuckDB file given to `ckin serve --dsc-db`; demo = the synthetic demonstration records',
});

export const DscQuerySchema = Type.Object(
  {
    source: Type.Optional(DscSourceSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000, default: 200 })),
  },
  { additionalProperties: false },
);
export type DscQuery = Static<typeof DscQuerySchema>;

export const XaiRequestSchema = Type.Object(
  {
    source: Type.Optional(DscSourceSchema),
    targets: Type.Optional(
      Type.Array(Type.Union([Type.Literal('onset'), Type.Literal('peak'), Type.Literal('power')]), {
        minItems: 1,
        maxItems: 3,
      }),
    ),
    shuffles: Type.Optional(
      Type.Integer({
        minimum: WORK_LIMITS.xaiShuffles.min,
        maximum: workMax('xaiShuffles', 'api'),
        description: 'null-importance shuffles per target (paper: 100)',
      }),
    ),
    trees: Type.Optional(
      Type.Integer({ minimum: WORK_LIMITS.xaiTrees.min, maximum: workMax('xaiTrees', 'api') }),
    ),
    explain: Type.Optional(
      Type.Integer({
        minimum: WORK_LIMITS.xaiExplain.min,
        maximum: workMax('xaiExplain', 'api'),
        description: 'records explained with Shapley values',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
    demoN: Type.Optional(
      Type.Integer({ minimum: WORK_LIMITS.demoRecords.min, maximum: workMax('demoRecords', 'api') }),
    ),
    voltage_V: Type.Optional(Type.Number({ minimum: 3, maximum: 5.2 })),
    keep: Type.Optional(
      Type.Array(Type.String({ maxLength: 64 }), {
        maxItems: 30,
        description: 'features protected from the Spearman filter and the null-importance screen',
      }),
    ),
    spearman: Type.Optional(
      Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'Spearman |ρ| threshold (paper: 0.8)' }),
    ),
    background: Type.Optional(
      Type.Integer({ minimum: 2, maximum: 400, description: 'background rows for the Shapley values' }),
    ),
    fix: Type.Optional(
      Type.String({
        maxLength: 1000,
        description:
          'conditions of the ternary maps, as `ckin xai --fix`: "voltage_V=4.3,electrolyte_uL_mg=2"',
      }),
    ),
    save: Type.Optional(
      Type.Boolean({
        description:
          'include the fitted model (`model`, the file of `ckin xai --save`) for POST /api/dsc/xai/predict',
      }),
    ),
  },
  { additionalProperties: false },
);
export type XaiRequest = Static<typeof XaiRequestSchema>;

export const XaiPredictRequestSchema = Type.Object(
  {
    model: Type.Unknown({
      description:
        'a saved xai model: the JSON of `ckin xai --save MODEL` (or `model` of an /api/dsc/xai job with save)',
    }),
    records: Type.Optional(
      Type.Object(
        {
          name: Type.String({ minLength: 1, maxLength: 255 }),
          text: Type.String({
            description: 'records CSV in the `ckin db import` vocabulary; results optional',
          }),
        },
        { additionalProperties: false },
      ),
    ),
    level: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        exclusiveMaximum: 1,
        description: 'nominal coverage (default 0.9)',
      }),
    ),
    ternary: Type.Optional(Type.Boolean({ description: 'also the NCM ternary maps of every target' })),
    fix: Type.Optional(
      Type.String({
        maxLength: 1000,
        description: 'conditions of the maps, e.g. "voltage_V=4.3,crucible=sealed"',
      }),
    ),
    maxDistance: Type.Optional(
      Type.Number({
        exclusiveMinimum: 0,
        maximum: 10,
        description: 'domain distance (default: the model’s, 0.1)',
      }),
    ),
    steps: Type.Optional(
      Type.Integer({
        minimum: WORK_LIMITS.xaiTernarySteps.min,
        maximum: workMax('xaiTernarySteps', 'api'),
        description: 'grid intervals per edge of the maps (default 40)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type XaiPredictRequest = Static<typeof XaiPredictRequestSchema>;

export const ErrorSchema = Type.Object({
  error: Type.Object({
    status: Type.Integer(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
