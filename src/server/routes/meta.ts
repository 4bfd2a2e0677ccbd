import type { FastifyInstance } from 'fastify';
import { packageVersion } from '../../core/version.ts';
import { describeLimits } from '../analysis-service.ts';
import { cnnCapability } from '../capabilities.ts';
import { kceLinesData, kceMapSpec, placeOnKceLines } from '../kce-map.ts';
import { ErrorSchema, KceRequestSchema, type KceRequest } from '../schemas.ts';
import {
  CapabilitiesResponseSchema,
  HealthResponseSchema,
  KceResponseSchema,
  LimitsResponseSchema,
} from '../response-schemas.ts';

/** Health, capabilities (what this build can do, for the page's tabs), limits, and the KCE map. */
export async function registerMetaRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/api/health',
    { schema: { summary: 'liveness', response: { 200: HealthResponseSchema } } },
    async () => ({
      ok: true,
      version: packageVersion(),
    }),
  );

  app.get(
    '/api/capabilities',
    {
      schema: {
        summary: 'which capabilities this build has, with a note when one is missing',
        response: { 200: CapabilitiesResponseSchema },
      },
    },
    async () => {
      const cnn = cnnCapability(app.ctx.models, 'best', await app.ctx.engineAvailable());
      return {
        version: packageVersion(),
        limits: describeLimits(app.ctx.limits),
        capabilities: {
          analyze: { available: true },
          kissinger: { available: true },
          iso: { available: true },
          simulate: { available: true },
          report: { available: true },
          fit: { available: true },
          kce: { available: true },
          predict: cnn,
          screening: cnn,
          dsc: app.ctx.dscDb
            ? { available: true, source: 'db' }
            : {
                available: true,
                source: 'demo',
                note: 'no DSC database given (`ckin serve --dsc-db FILE`): the tab uses synthetic demonstration records',
              },
        },
      };
    },
  );

  app.post<{ Body: KceRequest }>(
    '/api/kce',
    {
      schema: {
        summary:
          'KCE lines of Zhou 2026 (lgA = a·Ea + b per material) and, given (Ea, lgA), where the point lies among them',
        body: KceRequestSchema,
        response: { 200: KceResponseSchema, 400: ErrorSchema },
      },
    },
    async (req) => {
      const { Ea_kJ_mol, lgA_s } = req.body;
      const points = [...(req.body.points ?? [])];
      if (Ea_kJ_mol !== undefined && lgA_s !== undefined)
        points.unshift({ method: 'point', Ea_kJ_mol, lgA_s });
      return {
        lines: kceLinesData(),
        placements: points.map((p) => ({ method: p.method, ...placeOnKceLines(p.Ea_kJ_mol, p.lgA_s) })),
        spec: kceMapSpec(points),
      };
    },
  );

  app.get(
    '/api/limits',
    {
      schema: {
        summary: 'upload and job limits',
        response: { 200: LimitsResponseSchema },
      },
    },
    async () => describeLimits(app.ctx.limits),
  );
}
