import type { FastifyInstance } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { runSafety } from '../../cli/commands/safety.ts';
import { fitJson, bootstrapJson } from '../../cli/commands/fit.ts';
import { MODEL_NAMES } from '../../kinetics/models/index.ts';
import { refineJmaFit } from '../../analysis/fit/jma-fit.ts';
import { bootstrapJmaFit } from '../../analysis/fit/bootstrap.ts';
import { analyzeUpload, requireStage } from '../analysis-service.ts';
import { HttpError } from '../http-error.ts';
import { ErrorSchema, FitRequestSchema } from '../schemas.ts';

/** Most Monte Carlo samples of one safety request, and most rows of a temperature program. */
export const SAFETY_LIMITS = { maxSamples: 5000, maxProgramRows: 10_000, maxBootstrap: 1000 };

const Finite = (o: Record<string, unknown> = {}) => Type.Number(o);

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
        maxItems: 10,
        description: 'conversions (default 0.05, 0.1, 0.5)',
      }),
    ),
    adiabatic: Type.Optional(
      Type.Object(
        {
          dH_J_g: Finite({ exclusiveMinimum: 0, maximum: 1e5, description: 'reaction enthalpy, J/g' }),
          cp_J_gK: Finite({ exclusiveMinimum: 0, maximum: 100, description: 'heat capacity, J/(g·K)' }),
          T0_C: Finite({ minimum: -100, maximum: 2000, description: 'start temperature, °C' }),
          phi: Type.Optional(
            Finite({ minimum: 1, maximum: 100, description: 'thermal inertia (default 1)' }),
          ),
        },
        { additionalProperties: false },
      ),
    ),
    program: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
          text: Type.String({
            minLength: 1,
            maxLength: 4 * 2 ** 20,
            description: 'temperature program CSV, e.g. time_min,temperature_C',
          }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type SafetyRequest = Static<typeof SafetyRequestSchema>;

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
 * `runSafety` (the object `ckin safety --json` prints) from a request body. The program travels as CSV text, not a
 * file, and goes through the same code as `--program FILE`; `program.file` is the uploaded name.
 */
export function safetyFromRequest(b: SafetyRequest) {
  if (b.program) {
    const rows = countLines(b.program.text) - 1;
    if (rows > SAFETY_LIMITS.maxProgramRows)
      throw new HttpError(
        413,
        `the temperature program has ${rows} rows; at most ${SAFETY_LIMITS.maxProgramRows} are accepted`,
      );
  }
  const str = (v: number | undefined) => (v === undefined ? undefined : String(v));
  const out = runSafety({
    Ea: String(b.Ea_kJ_mol),
    lgA: String(b.lgA_s),
    n: str(b.n) ?? '1',
    model: b.model ?? 'jma',
    EaSe: str(b.Ea_se_kJ_mol),
    lgASe: str(b.lgA_se),
    corr: str(b.corr) ?? '0',
    samples: str(b.samples) ?? '2000',
    seed: str(b.seed) ?? '1',
    isothermal: str(b.isothermal_C),
    alpha: (b.alphas ?? [0.05, 0.1, 0.5]).join(','),
    adiabatic: b.adiabatic !== undefined,
    dH: str(b.adiabatic?.dH_J_g),
    cp: str(b.adiabatic?.cp_J_gK),
    T0: str(b.adiabatic?.T0_C),
    phi: str(b.adiabatic?.phi) ?? '1',
    programText: b.program ? { name: b.program.name ?? 'program.csv', text: b.program.text } : undefined,
  });
  return out;
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
        response: { 400: ErrorSchema, 413: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req) => safetyFromRequest(req.body),
  );

  app.post<{ Body: FitBootstrapRequest }>(
    '/api/fit/bootstrap',
    {
      schema: {
        summary:
          'bootstrap a JMA fit of an uploaded stage (wild residual bootstrap, refits from the given optimum): 95 % intervals, Ea–lgA correlation, the compensation ridge',
        body: FitBootstrapRequestSchema,
        response: { 400: ErrorSchema, 422: ErrorSchema },
      },
    },
    async (req) => {
      const b = req.body;
      const res = analyzeUpload(b, app.ctx.limits);
      const stage = requireStage(res, b.stage ?? 1);
      const opts = { n: b.n };
      const fit = refineJmaFit(stage.curves, b.start, opts);
      const boot = bootstrapJmaFit(stage.curves, fit, opts, {
        samples: b.samples ?? 200,
        seed: b.seed ?? 1,
      });
      const f = fitJson(fit);
      return {
        stage: stage.stage,
        Ea_kJ_mol: f.Ea_kJ_mol,
        lgA_s: f.lgA_s,
        n: f.n,
        ...bootstrapJson(boot),
        time_ms: boot.time_ms,
      };
    },
  );
}
