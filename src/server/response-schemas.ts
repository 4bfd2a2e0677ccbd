import { Type, type TSchema } from '@sinclair/typebox';

/**
 * Success (2xx) response schemas of every API route (TypeBox → JSON Schema in /openapi.json), so that generated
 * clients get result types; the page imports their `Static<…>` types (type-only, web/src/api-types.ts).
 *
 * They describe the JSON the use cases of src/app return (as `ckin … --json` prints it). They document, they do not
 * filter: the server serialises answers with JSON.stringify (app.ts), so a field a schema does not list still
 * reaches the client, and a non-finite number travels as null (hence `Num`). test/server/openapi-responses.test.ts
 * checks that every route has a 2xx schema and validates real answers against them; response-schema-types.ts checks
 * at compile time that the use cases' return types fit them.
 */

/** A number as it travels as JSON: a non-finite value (NaN, ±∞) becomes null. */
export const Num = (o: Record<string, unknown> = {}) => Type.Union([Type.Number(o), Type.Null()]);
const Str = (description?: string) => Type.String(description ? { description } : {});
const Opt = <T extends TSchema>(s: T) => Type.Optional(s);
/** An object whose listed fields are described; other fields may be present. */
const Obj = <P extends Record<string, TSchema>>(props: P, description?: string) =>
  Type.Object(props, { additionalProperties: true, ...(description ? { description } : {}) });
const AnyObject = (description: string) => Type.Object({}, { additionalProperties: true, description });

export const QualitySchema = Type.Union(
  [Type.Literal('ok'), Type.Literal('caution'), Type.Literal('unreliable')],
  {
    description: 'the worst severity of the warnings: ok, caution or unreliable',
  },
);

/** `ResultWarning` of src/core/warnings.ts (codes: docs/warnings.md). */
export const ResultWarningSchema = Obj({
  code: Str('stable warning code, see docs/warnings.md'),
  severity: Type.Union([Type.Literal('info'), Type.Literal('caution'), Type.Literal('unreliable')]),
  message: Str('what is wrong and what to do, for a person'),
  file: Opt(Str('the input file concerned')),
  stage: Opt(Type.Number({ description: 'the stage concerned (1-based)' })),
  alpha: Opt(Type.Number({ description: 'the conversion concerned' })),
});
const Warned = { quality: QualitySchema, warnings: Type.Array(ResultWarningSchema) };

export const SmoothingJsonSchema = Obj(
  {
    method: Str('auto, spline or sg (as --smoothing)'),
    runs: Type.Array(Obj({ file: Type.Union([Type.String(), Type.Null()]), route: Str() })),
  },
  'how each run was smoothed and differentiated',
);

export const KissingerPointSchema = Obj({
  file: Opt(Str()),
  beta_K_min: Type.Number(),
  T_peak_K: Num(),
  T_peak_C: Num(),
  x_1000_per_K: Num({ description: '1000/T_p, 1/K' }),
  y_ln_beta_K_s_per_T2: Num({ description: 'ln(β/T_p²) with β in K/s' }),
});

/** POST /api/kissinger (= `ckin kissinger --json`). */
export const KissingerResponseSchema = Obj({
  method: Str('kissinger'),
  Ea_kJ_mol: Num(),
  Ea_se_kJ_mol: Num(),
  Ea_ci95_kJ_mol: Num({ description: 'half-width of the 95 % interval of Ea (Student t), kJ/mol' }),
  lgA_s: Num({ description: 'log10(A/s⁻¹)' }),
  lgA_se: Num(),
  r2: Num(),
  points: Type.Array(KissingerPointSchema),
  ...Warned,
  smoothing: SmoothingJsonSchema,
});

/** Friedman only: lg[A·f(α)/s⁻¹] and its 95 % limits (lgA itself needs a reaction model f). */
const LgAf = {
  lgAf_s: Opt(
    Num({ description: 'Friedman: lg[A·f(α)/s⁻¹], the intercept of the isoconversional line / ln 10' }),
  ),
  lgAf_ci95_low_s: Opt(Num()),
  lgAf_ci95_high_s: Opt(Num()),
};

export const IsoRowSchema = Obj({
  alpha: Type.Number(),
  Ea_kJ_mol: Num(),
  Ea_se_kJ_mol: Opt(Num()),
  Ea_ci95_low_kJ_mol: Num(),
  Ea_ci95_high_kJ_mol: Num(),
  r2: Opt(Num()),
  ...LgAf,
  T_K: Opt(Type.Array(Num(), { description: 'temperature of each run at this α, K' })),
  quality: QualitySchema,
});

/** POST /api/iso (= `ckin iso --json`). */
export const IsoResponseSchema = Obj({
  method: Str('friedman, kas, fwo or vyazovkin'),
  rates_K_min: Type.Array(Type.Number()),
  note: Opt(Str()),
  alpha: Type.Array(Type.Number()),
  Ea_kJ_mol: Type.Array(Num()),
  Ea_se_kJ_mol: Type.Array(Num()),
  Ea_ci95_low_kJ_mol: Type.Array(Num()),
  Ea_ci95_high_kJ_mol: Type.Array(Num()),
  r2: Type.Array(Num()),
  rows: Type.Array(IsoRowSchema),
  ...Warned,
  smoothing: SmoothingJsonSchema,
});

const AnalyzeRunSchema = Obj({
  file: Str(),
  format: Opt(Str()),
  sample: Opt(
    Obj({
      name: Opt(Str()),
      mass_mg: Opt(Num({ description: 'initial sample mass, mg' })),
      instrument: Opt(Str()),
      atmosphere: Opt(Str()),
    }),
  ),
  beta_K_min: Opt(Num()),
  heatingRateSource: Opt(Str('header, slope, file name or request')),
  signal: Opt(Str()),
  route: Opt(Str('nominal (β·t) or time (measured T(t))')),
  notes: Opt(Type.Array(Type.String())),
  error: Opt(Str('why the run was refused')),
  ...Warned,
});

const AnalyzePeakSchema = Obj({
  file: Str(),
  beta_K_min: Type.Number(),
  T_onset_K: Num(),
  T_onset_C: Num(),
  T_peak_K: Num(),
  T_peak_C: Num(),
  massLoss_pct: Opt(Num()),
  enthalpy_J_g: Opt(Num()),
  window_C: Type.Array(Num(), { description: 'the stage window of this run, °C' }),
});

const AnalyzeIsoSchema = Obj({
  rows: Type.Array(
    Obj({
      alpha: Type.Number(),
      Ea_kJ_mol: Num(),
      Ea_ci95_low_kJ_mol: Num(),
      Ea_ci95_high_kJ_mol: Num(),
      ...LgAf,
      quality: QualitySchema,
    }),
  ),
  ...Warned,
});

/** Ea at one α of one method with its 95 % limits, kJ/mol; null where the method has no value. */
const MethodEaSchema = Type.Union([
  Obj({ Ea_kJ_mol: Num(), ci95_low_kJ_mol: Num(), ci95_high_kJ_mol: Num() }),
  Type.Null(),
]);

const AnalyzeStageSchema = Obj({
  stage: Type.Integer(),
  T_peak_mean_K: Num(),
  T_peak_mean_C: Num(),
  peaks: Type.Array(AnalyzePeakSchema),
  kissinger: Opt(
    Obj({
      Ea_kJ_mol: Num(),
      Ea_se_kJ_mol: Num(),
      Ea_ci95_kJ_mol: Num({ description: 'half-width of the 95 % interval, kJ/mol' }),
      lgA_s: Num(),
      lgA_se: Num(),
      r2: Num(),
      ...Warned,
    }),
  ),
  friedman: Opt(AnalyzeIsoSchema),
  vyazovkin: Opt(AnalyzeIsoSchema),
  ea_alpha_methods: Opt(
    Type.Array(
      Obj({
        alpha: Type.Number(),
        friedman: MethodEaSchema,
        kas: MethodEaSchema,
        fwo: MethodEaSchema,
        vyazovkin: MethodEaSchema,
      }),
      {
        description:
          'Ea(α) of Friedman, KAS, FWO and Vyazovkin side by side at the same α grid (src/report/ea-alpha-methods.ts)',
      },
    ),
  ),
  smoothing: SmoothingJsonSchema,
  errors: Opt(
    Type.Array(Obj({ method: Str(), message: Str() }), {
      description: 'methods that could not be computed for this stage, and why',
    }),
  ),
  ...Warned,
});

/** `ckin analyze --json`. */
export const AnalyzeJsonSchema = Obj({
  summary: Obj({
    runs_total: Type.Integer(),
    runs_analysed: Type.Integer(),
    runs_refused: Type.Array(Obj({ file: Str(), reason: Str() })),
    text: Str(),
  }),
  runs: Type.Array(AnalyzeRunSchema),
  stages: Type.Array(AnalyzeStageSchema),
  ...Warned,
});

const VegaSpec = AnyObject('a Vega-Lite specification');

/** POST /api/analyze. */
export const AnalyzeResponseSchema = Obj({
  result: AnalyzeJsonSchema,
  plots: Obj(
    {
      overview: VegaSpec,
      stages: Type.Array(
        Obj({
          stage: Type.Integer(),
          alpha: VegaSpec,
          curves: VegaSpec,
          kissinger: Type.Union([VegaSpec, Type.Null()]),
          iso: Type.Union([VegaSpec, Type.Null()]),
          ea: Type.Union([VegaSpec, Type.Null()]),
          lga: Type.Union([VegaSpec, Type.Null()]),
          baseline: Type.Union([VegaSpec, Type.Null()], {
            description: 'DSC stages: heat flow with the baseline under each peak',
          }),
        }),
      ),
    },
    'Vega-Lite specifications of the plots: the overview and, per stage, α(T), dα/dT, Kissinger, isoconversional, Ea(α), lg[A·f(α)] (null when absent)',
  ),
  time_ms: Type.Number(),
});

/** POST /api/simulate (= `ckin simulate --json`). */
export const SimulateResponseSchema = AnyObject(
  'the summary of `ckin simulate --json`: model, parameters and the peak temperature per heating rate',
);

/** A job as GET /api/jobs/{id} returns it (`JobStatus`, src/server/job-queue.ts). */
export const JobStatusSchema = Obj({
  id: Str(),
  kind: Str('fit, fit-scheme, screening or xai'),
  state: Type.Union([
    Type.Literal('queued'),
    Type.Literal('running'),
    Type.Literal('done'),
    Type.Literal('failed'),
    Type.Literal('timeout'),
  ]),
  created: Str('ISO 8601 time'),
  started: Opt(Str()),
  finished: Opt(Str()),
  elapsed_ms: Opt(Type.Number()),
  result: Opt(
    Type.Unknown({
      description:
        'when done: the JSON of the matching CLI command (`ckin fit --json`, `ckin fit --scheme … --json`, `ckin xai --json`; screening: {run, results})',
    }),
  ),
  error: Opt(Obj({ status: Type.Integer(), message: Str() })),
});

export const JobListSchema = Type.Array(
  Obj({ id: Str(), kind: Str(), state: Str(), created: Str() }, 'a job without its result'),
);

export const HealthResponseSchema = Obj({ ok: Type.Literal(true), version: Str() });

export const LimitsResponseSchema = Obj({
  bodyLimit_MB: Type.Number(),
  fileLimit_MB: Type.Number(),
  maxFiles: Type.Integer(),
  maxScreeningSamples: Type.Integer(),
  maxQueuedJobs: Type.Integer(),
  jobTimeout_s: Type.Number(),
});

const CapabilitySchema = Obj({
  available: Type.Boolean(),
  note: Opt(Str('why it is not available, or what it uses instead')),
  source: Opt(Str()),
});

export const CapabilitiesResponseSchema = Obj({
  version: Str(),
  limits: LimitsResponseSchema,
  capabilities: Type.Record(Type.String(), CapabilitySchema),
});

export const KceResponseSchema = Obj({
  lines: Type.Array(AnyObject('one material line lgA = a·Ea + b (Zhou 2026 Table 2)')),
  placements: Type.Array(Obj({ method: Str() }, 'where one (Ea, lgA) lies among the lines')),
  spec: AnyObject('Vega-Lite specification of the KCE map'),
});

const Interval90 = Obj({ lo: Num(), hi: Num() });

/**
 * POST /api/predict (= `ckin predict --json` plus Kissinger): the answer of the paper-domain model (`model_used`
 * best/paper, n = 3) or of the general model (`model_used` general: n, family and split-conformal 90 % intervals).
 */
export const PredictResponseSchema = Obj({
  model_used: Str('the model that answered: best or paper (n = 3), or general (src/app/predict.ts)'),
  model: Str('its directory'),
  preset: Str(),
  model_version: Str('preset and creation time'),
  files: Type.Array(Type.String()),
  beta_K_min: Type.Array(Type.Number()),
  n: Num({ description: 'Avrami exponent (3 for the paper model; the predicted n or order for general)' }),
  model_family: Opt(Str('general model: jma or nth-order')),
  cnn: Obj({
    Ea_kJ_mol: Num(),
    lgA_s: Num({ description: 'log10(A/s⁻¹)' }),
    n: Opt(Num()),
    family: Opt(Str()),
    family_score: Opt(Num({ description: 'family head output: 0 = JMA, 1 = nth order' })),
  }),
  interval_90: Opt(
    Obj(
      { method: Str(), Ea_kJ_mol: Interval90, lgA_s: Interval90, n: Interval90 },
      'general model: 90 % intervals (conformal)',
    ),
  ),
  domain: Obj({ resimulation_r2: Type.Array(Num()), worst_r2: Num() }),
  kissinger: Type.Union([Obj({ Ea_kJ_mol: Num(), lgA_s: Num() }), Type.Null()]),
  curves_from: Str('which curves the network saw'),
  ...Warned,
});

export const ScreeningRunSchema = Obj({
  id: Str(),
  name: Str(),
  created: Str(),
  model: Str(),
  model_version: Str(),
  samples: Type.Integer(),
  failed: Type.Integer(),
});

export const ScreeningResultSchema = Obj({
  sample_id: Str(),
  input_sha256: Str(),
  Ea_kJ_mol: Num(),
  lgA_s: Num(),
  error: Type.Union([Type.String(), Type.Null()]),
  result: Type.Unknown({ description: 'the full per-sample result' }),
});

export const ScreeningDetailSchema = Obj({
  run: ScreeningRunSchema,
  results: Type.Array(ScreeningResultSchema),
});

export const DscRecordsResponseSchema = Obj({
  source: Str('db or demo'),
  total: Type.Integer(),
  rows: Type.Array(AnyObject('one record of the flat dsc_record view')),
});

const WithInterval = Obj({
  value: Num(),
  interval90: Opt(Obj({}, '90 % interval')),
});

/** POST /api/safety (= `ckin safety --json`). */
export const SafetyResponseSchema = Obj({
  triplet: Obj({ Ea_kJ_mol: Type.Number(), lgA_s: Type.Number(), model: Str() }),
  uncertainty: Type.Union([AnyObject('the Arrhenius uncertainty used for the intervals'), Type.Null()]),
  isothermal_T_for_time: Type.Array(
    Obj({ alpha: Type.Number(), T_K: Type.Record(Type.String(), WithInterval) }),
  ),
  isothermal: Opt(AnyObject('times to each α at the isothermal temperature')),
  program: Opt(AnyObject('α(t) along the temperature program')),
  adiabatic: Opt(AnyObject('adiabatic runaway: TMRad, T_D8, T_D24 with 90 % intervals')),
  critical: Opt(AnyObject('Semenov / Frank-Kamenetskii critical conditions')),
  data_T_range_K: Type.Union([Type.Array(Num()), Type.Null()]),
  Ea_variation: Num(),
  ...Warned,
});

/** POST /api/safety/model-free (= `ckin safety FILES… --model-free --json`). */
export const SafetyModelFreeResponseSchema = Obj({
  mode: Type.Literal('model-free'),
  method: Str(),
  note: Str(),
  files: Type.Array(Type.String()),
  rates_K_min: Type.Array(Type.Number()),
  Ea_profile: Obj({
    alpha: Type.Array(Num()),
    Ea_kJ_mol: Type.Array(Num()),
    Ea_lo90_kJ_mol: Type.Array(Num()),
    Ea_hi90_kJ_mol: Type.Array(Num()),
  }),
  Ea_variation: Num(),
  data_T_range_K: Type.Array(Num()),
  alpha_max: Num(),
  table: AnyObject('the reduced-time table Φ(α)'),
  isothermal_T_for_time: Type.Array(AnyObject('temperatures for each time to α, with 90 % bands')),
  isothermal: Opt(AnyObject('times to each α at the isothermal temperature')),
  program: Opt(AnyObject('α(t) along the temperature program with its 90 % band')),
  adiabatic: Opt(AnyObject('adiabatic TMRad, T_D8, T_D24 with 90 % bands')),
  critical: Opt(AnyObject('critical conditions')),
  ...Warned,
});

/** POST /api/fit/bootstrap (the JMA fit JSON of `ckin fit --bootstrap N --json`). */
export const FitBootstrapResponseSchema = Obj({
  method: Type.Literal('jma-fit'),
  Ea_kJ_mol: Num(),
  lgA_s: Num(),
  n: Num(),
  ...Warned,
});

/** POST /api/report: the self-contained HTML report. */
export const ReportResponseSchema = Type.String({ description: 'the HTML report (text/html)' });

/** Responses of a job submission: 200 when done within ?wait_ms, else 202 with the job to poll. */
export const JobSubmitResponses = { 200: JobStatusSchema, 202: JobStatusSchema };

/** Answers whose detailed fields are documented in the docs named in their description (quality and warnings listed). */
const Judged = (description: string) =>
  Obj({ quality: Opt(QualitySchema), warnings: Opt(Type.Array(ResultWarningSchema)) }, description);

export const DeconvolveResponseSchema = Judged(
  'the JSON of `ckin deconvolve --json` (docs/fitting.md): per run the Fraser–Suzuki peaks (h, T_p, w, A_s, area share) with the model and each peak’s curve on the data grid; per peak Kissinger and Friedman across rates; peaks_preferred',
);
export const MasterPlotResponseSchema = Judged(
  'the JSON of `ckin masterplot --json` (docs/fitting.md): y(α) and z(α) master plots, the library models ranked by distance, the Šesták–Berggren fit, the characteristic maxima α_y and α_z∞',
);
export const XaiPredictResponseSchema = Judged(
  'the JSON of `ckin xai predict --json` (docs/dsc-xai.md): per record and target the prediction with its split-conformal interval and domain warnings; ternary maps when asked',
);
export const SafetyModelFileResponseSchema = Judged(
  'the JSON of `ckin safety --model-file --json` (docs/safety.md): isothermal times to α, programs, adiabatic ΔT_ad, TMRad and T_D8/T_D24, each with a 90 % band',
);

/** `bootstrap` of a scheme fit's JSON (src/fit/scheme-bootstrap.ts; POST /api/fit/scheme with `bootstrap`). */
export const SchemeBootstrapSchema = Obj(
  {
    method: Str('wild (Rademacher) or cases (runs resampled)'),
    kind: Type.Union([Type.Literal('wild'), Type.Literal('cases')]),
    replicates: Type.Integer(),
    distinct_runs: Type.Integer({ description: 'distinct heating rates the replicates are drawn from' }),
    seed: Type.Integer(),
    steps: Type.Array(
      Obj({
        step: Type.Integer(),
        Ea_se_jacobian_kJ_mol: Num(),
        Ea_se_bootstrap_kJ_mol: Num(),
        Ea_p025_kJ_mol: Num(),
        Ea_p975_kJ_mol: Num(),
        lgA_se_jacobian: Num(),
        lgA_se_bootstrap: Num(),
        lgA_p025: Num(),
        lgA_p975: Num(),
        Ea_kJ_mol: Type.Array(Num()),
        lgA_s: Type.Array(Num()),
        params: Type.Record(Type.String(), Obj({ se_bootstrap: Num(), p025: Num(), p975: Num() }), {
          description: "the step model's parameters (n, m, …): bootstrap SE and 95 % percentile interval",
        }),
      }),
    ),
    warnings: Type.Array(ResultWarningSchema),
  },
  'the bootstrap of a scheme fit: per step the SE of the replicates beside the Jacobian SE and the 95 % percentile interval',
);
