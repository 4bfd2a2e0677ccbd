/**
 * The API's answer types, derived from the server's published response schemas (src/server/response-schemas.ts, the
 * same TypeBox schemas /openapi.json lists), imported type-only: nothing of the server reaches the page bundle.
 */
import type { Static } from '@sinclair/typebox';
import type {
  AnalyzeResponseSchema,
  CapabilitiesResponseSchema,
  DscRecordsResponseSchema,
  JobStatusSchema,
  KceResponseSchema,
  KissingerResponseSchema,
  LimitsResponseSchema,
  ResultWarningSchema,
  SafetyModelFreeResponseSchema,
  SafetyResponseSchema,
  ScreeningDetailSchema,
  ScreeningRunSchema,
} from '../../src/server/response-schemas.ts';

export type AnalyzeResponse = Static<typeof AnalyzeResponseSchema>;
export type AnalyzeResult = AnalyzeResponse['result'];
export type AnalyzeStage = AnalyzeResult['stages'][number];
export type AnalyzeIsoRow = NonNullable<AnalyzeStage['friedman']>['rows'][number];
export type AnalyzeRun = AnalyzeResult['runs'][number];
export type AnalyzeStagePlots = AnalyzeResponse['plots']['stages'][number];
export type KissingerResponse = Static<typeof KissingerResponseSchema>;
export type CapabilitiesResponse = Static<typeof CapabilitiesResponseSchema>;
export type Limits = Static<typeof LimitsResponseSchema>;
export type JobStatus = Static<typeof JobStatusSchema>;
export type KceResponse = Static<typeof KceResponseSchema>;
export type ScreeningRun = Static<typeof ScreeningRunSchema>;
export type ScreeningDetail = Static<typeof ScreeningDetailSchema>;
export type DscRecordsResponse = Static<typeof DscRecordsResponseSchema>;
export type SafetyResponse = Static<typeof SafetyResponseSchema>;
export type SafetyModelFreeResponse = Static<typeof SafetyModelFreeResponseSchema>;
export type ResultWarning = Static<typeof ResultWarningSchema>;
