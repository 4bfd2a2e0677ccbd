import { Type, type Static } from '@sinclair/typebox';

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

export const SimulateRequestSchema = Type.Object(
  {
    model: Type.Optional(Type.String({ maxLength: 20, default: 'jma' })),
    Ea_kJ_mol: Type.Number({ exclusiveMinimum: 0, maximum: 2000 }),
    lgA_s: Type.Number({ minimum: -10, maximum: 60 }),
    n: Type.Optional(Type.Number()),
    m: Type.Optional(Type.Number()),
    p: Type.Optional(Type.Number()),
    rates_K_min: Type.Optional(
      Type.Array(Type.Number({ exclusiveMinimum: 0, maximum: 1000 }), { minItems: 1, maxItems: 12 }),
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
    model: Type.Optional(Type.String({ maxLength: 40, description: 'shipped model name (best, paper)' })),
    stage: Type.Optional(Type.Integer({ minimum: 1, maximum: 20 })),
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
        minimum: 1,
        maximum: 100,
        description: 'null-importance shuffles per target (paper: 100)',
      }),
    ),
    trees: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
    explain: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 600, description: 'records explained with Shapley values' }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0 })),
    demoN: Type.Optional(Type.Integer({ minimum: 20, maximum: 2000 })),
    voltage_V: Type.Optional(Type.Number({ minimum: 3, maximum: 5.2 })),
  },
  { additionalProperties: false },
);
export type XaiRequest = Static<typeof XaiRequestSchema>;

export const ErrorSchema = Type.Object({
  error: Type.Object({
    status: Type.Integer(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
