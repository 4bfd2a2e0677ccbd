import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { safety } from '../../app/safety.ts';
import { safetyModelFree } from '../../app/safety-model-free.ts';
import { safetyModelFile } from '../../app/safety-model-file.ts';
import type { CriticalOptions } from '../../app/safety-shared.ts';
import { uploadSources } from '../uploads.ts';
import { MODEL_NAMES } from '../../kinetics/models/index.ts';
import { celsiusToKelvin } from '../../kinetics/constants.ts';
import { runHeavy } from '../run-heavy.ts';
import { HttpError } from '../http-error.ts';
import { workMax } from '../../core/work-limits.ts';
import { ErrorSchema, FitRequestSchema, RunUploadSchema } from '../schemas.ts';
import {
  SafetyModelFileResponseSchema,
  FitBootstrapResponseSchema,
  SafetyModelFreeResponseSchema,
  SafetyResponseSchema,
} from '../response-schemas.ts';

/**
 * Most Monte Carlo samples of one safety request, most rows of a temperature program and most bootstrap replicates:
 * the API bounds of src/core/work-limits.ts.
 */
export const SAFETY_LIMITS = {
  maxSamples: workMax('monteCarloSamples', 'api'),
  maxProgramRows: workMax('programRows', 'api'),
  maxBootstrap: workMax('bootstrapReplicates', 'api'),
};

const Finite = (o: Record<string, unknown> = {}) => Type.Number(o);

const AdiabaticSchema = Type.Object(
  {
    dH_J_g: Finite({ exclusiveMinimum: 0, maximum: 1e5, description: 'reaction enthalpy, J/g' }),
    cp_J_gK: Finite({ exclusiveMinimum: 0, maximum: 100, description: 'heat capacity, J/(g·K)' }),
    T0_C: Finite({ minimum: -100, maximum: 2000, description: 'start temperature, °C' }),
    phi: Type.Optional(Finite({ minimum: 1, maximum: 100, description: 'thermal inertia (default 1)' })),
  },
  { additionalProperties: false },
);

const ProgramSchema = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    text: Type.String({
      minLength: 1,
      maxLength: 4 * 2 ** 20,
      description: 'temperature program CSV, e.g. time_min,temperature_C',
    }),
  },
  { additionalProperties: false },
);

/** Semenov / Frank-Kamenetskii critical conditions and the SADT-style estimate (the CLI's --size, --ambient, …). */
export const CriticalSchema = Type.Object(
  {
    dH_J_g: Finite({ exclusiveMinimum: 0, maximum: 1e5, description: 'reaction enthalpy, J/g' }),
    density_kg_m3: Type.Optional(
      Finite({ exclusiveMinimum: 0, maximum: 1e5, description: 'bulk density, kg/m³' }),
    ),
    shape: Type.Optional(
      Type.Union([Type.Literal('slab'), Type.Literal('cylinder'), Type.Literal('sphere')], {
        description: 'body shape (default sphere)',
      }),
    ),
    size_m: Type.Optional(
      Finite({ exclusiveMinimum: 0, maximum: 1e4, description: 'half-thickness (slab) or radius, m' }),
    ),
    ambient_C: Type.Optional(
      Finite({ minimum: -100, maximum: 2000, description: 'ambient temperature, °C' }),
    ),
    conductivity_W_mK: Type.Optional(
      Finite({ exclusiveMinimum: 0, maximum: 1e4, description: 'thermal conductivity (Frank-Kamenetskii)' }),
    ),
    U_W_m2K: Type.Optional(
      Finite({
        exclusiveMinimum: 0,
        maximum: 1e6,
        description: 'surface heat-transfer coefficient (Semenov)',
      }),
    ),
    package: Type.Optional(
      Type.Object(
        {
          mass_kg: Finite({ exclusiveMinimum: 0, maximum: 1e7 }),
          surface_m2: Finite({ exclusiveMinimum: 0, maximum: 1e6 }),
          U_W_m2K: Finite({ exclusiveMinimum: 0, maximum: 1e6 }),
        },
        { additionalProperties: false, description: 'package for the SADT-style estimate' },
      ),
    ),
    alpha0: Type.Optional(
      Finite({ minimum: 0, exclusiveMaximum: 1, description: 'conversion of the initial rate' }),
    ),
  },
  { additionalProperties: false },
);
type CriticalRequest = Static<typeof CriticalSchema>;

function criticalFromRequest(c: CriticalRequest | undefined): CriticalOptions | undefined {
  if (!c) return undefined;
  const { ambient_C, ...rest } = c;
  return { ...rest, ambient_K: ambient_C === undefined ? undefined : celsiusToKelvin(ambient_C) };
}

const AlphasSchema = Type.Array(Finite({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), {
  minItems: 1,
  maxItems: 10,
  description: 'conversions (default 0.05, 0.1, 0.5)',
});

export const SafetyRequestSchema = Type.Object(
  {
    Ea_kJ_mol: Finite({ exclusiveMinimum: 0, maximum: 2000, description: 'activation energy, kJ/mol' }),
    lgA_s: Finite({ minimum: -10, maximum: 60, description: 'log10(A/s⁻¹)' }),
    n: Type.Optional(Finite({ exclusiveMinimum: 0, maximum: 10, description: 'model exponent (default 1)' })),
    model: Type.Optional(
      Type.Union(
        MODEL_NAMES.map((m) => Type.Literal(m)),
        { description: 'reaction model (default jma)' },
      ),
    ),
    Ea_se_kJ_mol: Type.Optional(Finite({ minimum: 0, maximum: 1000, description: 'standard error of Ea' })),
    lgA_se: Type.Optional(Finite({ minimum: 0, maximum: 100, description: 'standard error of lgA' })),
    corr: Type.Optional(Finite({ minimum: -1, maximum: 1, description: 'correlation of Ea and lgA' })),
    samples: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: SAFETY_LIMITS.maxSamples,
        description: 'Monte Carlo samples (default 2000)',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
    isothermal_C: Type.Optional(
      Finite({ minimum: -100, maximum: 2000, description: 'isothermal temperature for times to α, °C' }),
    ),
    alphas: Type.Optional(
      Type.Array(Finite({ exclusiveMinimum: 0, exclusiveMaximum: 1 }), {
        minItems: 1,
        maxItems: workMax('safetyAlphas', 'api'),
        description: 'conversions (default 0.05, 0.1, 0.5)',
      }),
    ),
    adiabatic: Type.Optional(AdiabaticSchema),
    program: Type.Optional(ProgramSchema),
    critical: Type.Optional(CriticalSchema),
    data_range_C: Type.Optional(
      Type.Tuple([Finite({ minimum: -100, maximum: 2000 }), Finite({ minimum: -100, maximum: 2000 })], {
        description: 'temperature range of the data behind the triplet, °C (extrapolation check)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type SafetyRequest = Static<typeof SafetyRequestSchema>;

export const SafetyModelFreeRequestSchema = Type.Object(
  {
    ...RunUploadSchema.properties,
    method: Type.Optional(
      Type.Union(
        [Type.Literal('friedman'), Type.Literal('kas'), Type.Literal('fwo'), Type.Literal('vyazovkin')],
        { description: 'isoconversional method for Ea(α) (default friedman)' },
      ),
    ),
    isothermal_C: Type.Optional(
      Finite({ minimum: -100, maximum: 2000, description: 'isothermal temperature for times to α, °C' }),
    ),
    alphas: Type.Optional(AlphasSchema),
    alphaStep: Type.Optional(
      Finite({ minimum: 1e-3, maximum: 0.05, description: 'Δα of the Φ(α) table (default 0.005)' }),
    ),
    adiabatic: Type.Optional(AdiabaticSchema),
    program: Type.Optional(ProgramSchema),
    critical: Type.Optional(CriticalSchema),
  },
  { additionalProperties: false },
);
export type SafetyModelFreeRequest = Static<typeof SafetyModelFreeRequestSchema>;

export const SafetyModelFileRequestSchema = Type.Object(
  {
    model: Type.Unknown({
      description:
        'the model file of `ckin fit --scheme … --save MODEL.json` (its JSON object, format ckin-scheme-model)',
    }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'the model file’s name' })),
    isothermal_C: Type.Optional(
      Finite({ minimum: -100, maximum: 2000, description: 'isothermal temperature for times to α, °C' }),
    ),
    alphas: Type.Optional(AlphasSchema),
    program: Type.Optional(ProgramSchema),
    adiabatic: Type.Optional(
      Type.Object(
        {
          cp_J_gK: Finite({ exclusiveMinimum: 0, maximum: 100, description: 'heat capacity, J/(g·K)' }),
          T0_C: Finite({ minimum: -100, maximum: 2000, description: 'start temperature, °C' }),
          phi: Type.Optional(
            Finite({ minimum: 1, maximum: 100, description: 'thermal inertia (default 1)' }),
          ),
          dH_J_g: Type.Optional(
            Finite({
              exclusiveMinimum: 0,
              maximum: 1e5,
              description: 'total heat, J/g (needed for TGA models; rescales the step heats of DSC models)',
            }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    dH_J_g: Type.Optional(
      Finite({
        exclusiveMinimum: 0,
        maximum: 1e5,
        description: 'total heat of a TGA model for the heat-release curve of the program, J/g',
      }),
    ),
    samples: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: workMax('schemeSamples', 'api'),
        description: 'parameter draws of the 90 % bands (default 100)',
      }),
    ),
    seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 })),
  },
  { additionalProperties: false },
);
export type SafetyModelFileRequest = Static<typeof SafetyModelFileRequestSchema>;

export const FitBootstrapRequestSchema = Type.Object(
  {
    ...FitRequestSchema.properties,
    start: Type.Object(
      {
        Ea_kJ_mol: Finite({ exclusiveMinimum: 0, maximum: 2000 }),
        lgA_s: Finite({ minimum: -10, maximum: 60 }),
        n: Type.Optional(Finite({ exclusiveMinimum: 0, maximum: 10 })),
      },
      {
        additionalProperties: false,
        description: 'the fit to bootstrap (its optimum; refined locally first)',
      },
    ),
    samples: Type.Optional(
      Type.Integer({
        minimum: 10,
        maximum: SAFETY_LIMITS.maxBootstrap,
        description: 'replicates (default 200)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type FitBootstrapRequest = Static<typeof FitBootstrapRequestSchema>;

/** Count the non-empty lines of a CSV text (an upper bound on its data rows + header). */
function countLines(text: string): number {
  let n = 0;
  for (const line of text.split(/\r\n|\n|\r/)) if (line.trim() !== '') n++;
  return n;
}

/**
 * The safety use case (src/app/safety.ts: the object `ckin safety --json` prints) from a request body. The program
 * travels as CSV text, not a file, and goes through the same reader as `--program FILE`; `program.file` is the
 * uploaded name.
 */
export function safetyFromRequest(b: SafetyRequest) {
  checkProgramRows(b.program);
  return safety({
    Ea_kJ_mol: b.Ea_kJ_mol,
    lgA_s: b.lgA_s,
    n: b.n ?? 1,
    model: b.model ?? 'jma',
    Ea_se_kJ_mol: b.Ea_se_kJ_mol,
    lgA_se: b.lgA_se,
    corr: b.corr ?? 0,
    samples: b.samples ?? 2000,
    seed: b.seed ?? 1,
    isothermal_K: b.isothermal_C === undefined ? undefined : celsiusToKelvin(b.isothermal_C),
    alphas: b.alphas ?? [0.05, 0.1, 0.5],
    adiabatic: b.adiabatic && {
      dH_J_g: b.adiabatic.dH_J_g,
      cp_J_gK: b.adiabatic.cp_J_gK,
      T0_K: celsiusToKelvin(b.adiabatic.T0_C),
      phi: b.adiabatic.phi ?? 1,
    },
    program: b.program ? { name: b.program.name ?? 'program.csv', text: b.program.text } : undefined,
    critical: criticalFromRequest(b.critical),
    data_T_range_K: b.data_range_C && [
      celsiusToKelvin(b.data_range_C[0]),
      celsiusToKelvin(b.data_range_C[1]),
    ],
  });
}

function checkProgramRows(program: { text: string } | undefined): void {
  if (!program) return;
  const rows = countLines(program.text) - 1;
  if (rows > SAFETY_LIMITS.maxProgramRows)
    throw new HttpError(
      413,
      `the temperature program has ${rows} rows; at most ${SAFETY_LIMITS.maxProgramRows} are accepted`,
    );
}

/** The model-free safety use case (src/app/safety-model-free.ts, `ckin safety FILES… --model-free --json`). */
export function safetyModelFreeFromRequest(
  b: SafetyModelFreeRequest,
  limits: Parameters<typeof uploadSources>[1],
) {
  checkProgramRows(b.program);
  const adiabatic = b.adiabatic && {
    dH_J_g: b.adiabatic.dH_J_g,
    cp_J_gK: b.adiabatic.cp_J_gK,
    T0_K: celsiusToKelvin(b.adiabatic.T0_C),
    phi: b.adiabatic.phi ?? 1,
  };
  return safetyModelFree({
    ...uploadSources(b, limits),
    method: b.method,
    isothermal_K: b.isothermal_C === undefined ? undefined : celsiusToKelvin(b.isothermal_C),
    alphas: b.alphas,
    alphaStep: b.alphaStep,
    adiabatic,
    program: b.program ? { name: b.program.name ?? 'program.csv', text: b.program.text } : undefined,
    critical: criticalFromRequest(b.critical),
  });
}

/** The model-file safety use case (src/app/safety-model-file.ts, `ckin safety --model-file MODEL.json --json`). */
export function safetyModelFileFromRequest(b: SafetyModelFileRequest) {
  checkProgramRows(b.program);
  return safetyModelFile({
    model: { name: b.name ?? 'model.json', json: b.model },
    isothermal_K: b.isothermal_C === undefined ? undefined : celsiusToKelvin(b.isothermal_C),
    alphas: b.alphas,
    program: b.program ? { name: b.program.name ?? 'program.csv', text: b.program.text } : undefined,
    adiabatic: b.adiabatic && {
      cp_J_gK: b.adiabatic.cp_J_gK,
      T0_K: celsiusToKelvin(b.adiabatic.T0_C),
      phi: b.adiabatic.phi ?? 1,
      dH_J_g: b.adiabatic.dH_J_g,
    },
    dH_J_g: b.dH_J_g,
    samples: b.samples,
    seed: b.seed,
  });
}

/** POST /api/safety (safety predictions) and POST /api/fit/bootstrap (fit intervals and the compensation ridge). */
export async function registerSafetyRoutes(app: FastifyInstance): Promise<void> {
  app.post<{ Body: SafetyRequest }>(
    '/api/safety',
    {
      schema: {
        summary:
          'safety predictions from a kinetic triplet (the JSON of `ckin safety --json`): isothermal times and temperatures, α(t) along a temperature program, adiabatic runaway and TMRad, with 90 % intervals when standard errors are given',
        body: SafetyRequestSchema,
        response: { 200: SafetyResponseSchema, 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'safety'),
  );

  app.post<{ Body: SafetyModelFreeRequest }>(
    '/api/safety/model-free',
    {
      schema: {
        summary:
          'model-free safety predictions from uploaded runs (the JSON of `ckin safety FILES… --model-free --json`): Ea(α) and each run’s recorded T(t) give isothermal times and temperatures, α(t) along a program, adiabatic TMRad and T_D8/T_D24, critical conditions, each with a 90 % band from the Ea(α) limits and its warnings',
        body: SafetyModelFreeRequestSchema,
        response: {
          200: SafetyModelFreeResponseSchema,
          400: ErrorSchema,
          413: ErrorSchema,
          422: ErrorSchema,
        },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'safetyModelFree'),
  );

  app.post<{ Body: SafetyModelFileRequest }>(
    '/api/safety/model-file',
    {
      schema: {
        summary:
          'safety predictions from a saved multi-step model (the JSON of `ckin safety --model-file MODEL.json --json`): isothermal times to α, α(t) and the heat-release rate along a program, adiabatic ΔT_ad, TMRad and T_D8/T_D24, each with a 90 % band from parameter draws of the fit’s covariance and the extrapolation warnings',
        body: SafetyModelFileRequestSchema,
        response: {
          200: SafetyModelFileResponseSchema,
          400: ErrorSchema,
          413: ErrorSchema,
          422: ErrorSchema,
        },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'safetyModelFile'),
  );

  app.post<{ Body: FitBootstrapRequest }>(
    '/api/fit/bootstrap',
    {
      schema: {
        summary:
          'bootstrap a JMA fit of an uploaded stage (wild residual bootstrap, refits from the given optimum): 95 % intervals, Ea–lgA correlation, the compensation ridge',
        body: FitBootstrapRequestSchema,
        response: { 200: FitBootstrapResponseSchema, 400: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req, reply) => runHeavy(req, reply, 'fitBootstrap'),
  );
}
