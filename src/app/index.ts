/**
 * The use-case layer: what a user asks for, as typed library functions. The CLI (src/cli) and the server
 * (src/server) are thin shells over it: the CLI parses strings into these options and prints the result, the
 * server validates JSON (TypeBox) into the same options and returns the result — so both give the same numbers.
 *
 * Conventions (follow them when adding a use case, one file per use case):
 * - Options are a typed object with units in the names (`heatingRates_K_min`, `window_K`, `T_start_K`,
 *   `Ea_kJ_mol`, `alphaGrid`, `temperatureUnit: 'C' | 'K'`); numbers are numbers, never strings; temperatures in K
 *   (°C is converted by the shells, at the edge). Defaults are documented on each field.
 * - Runs come as `RunSource[]` (`{ path }` or `{ name, content }` for an upload) plus the one shared
 *   `RunReadOptions` type (rates, columns, temperature unit, exo sign, sample mass, signal, window(s), smoothing)
 *   used by every use case that reads runs (src/app/run-sources.ts).
 * - The result is a plain object: exactly the JSON that `ckin X --json` prints and the server returns; every result
 *   has a `warnings` field (today strings; the trust layer turns them into structured `ResultWarning`s there).
 * - No printing: progress through `onProgress(done, total, label)`, log lines through `onLog(line)` (callbacks.ts).
 *   A use case may read and write files (atomically, src/core/atomic-write.ts).
 * - User errors are `InputError` (src/core/input-error.ts) with file and line where known. A `RangeError` from a
 *   science constructor checking user-given scalars is translated (user-values.ts); anything else is a bug and
 *   propagates (the CLI exits 70, the server answers 500).
 * - app imports science, io and core; never src/cli or src/server (test/architecture/import-graph.test.ts).
 */
export type { RunSource, RunReadOptions, RunsInput } from './run-sources.ts';
export { readRuns, readRunSources, loadCurves } from './run-sources.ts';
export type { ProgressCallback, LogCallback, UseCaseCallbacks } from './callbacks.ts';
export { info, describeRun, type InfoOptions, type InfoResult, type RunDescription } from './info.ts';
export { kissinger, kissingerJson, type KissingerOptions, type KissingerJson } from './kissinger.ts';
export { iso, isoJson, type IsoOptions, type IsoJson } from './iso.ts';
export {
  analyze,
  runAnalysis,
  analyzeResultJson,
  analyzeLogLines,
  type AnalyzeOptions,
  type AnalyzeJson,
} from './analyze.ts';
export {
  fit,
  fitCurves,
  fitCurvesChecked,
  fitBootstrap,
  fitJson,
  bootstrapJson,
  type FitOptions,
  type FitCurvesOptions,
  type FitBootstrapOptions,
  type FitJson,
} from './fit.ts';
export {
  fitMultistep,
  fitSchemeJson,
  schemeRuns,
  type FitSchemeOptions,
  type FitSchemeJson,
} from './fit-scheme.ts';
export {
  deconvolve,
  deconvolutionWarnings,
  type DeconvolveOptions,
  type DeconvolveJson,
} from './deconvolve.ts';
export {
  initialGuessFromDeconvolution,
  type DeconvolutionStepGuess,
  type DeconvolutionPeakInput,
} from '../fit/deconvolution-guess.ts';
export { masterplot, type MasterPlotOptions, type MasterPlotJson } from './masterplot.ts';
export { simulate, type SimulateOptions, type SimulateResult } from './simulate.ts';
export { safety, SAFETY_TIMES, type SafetyOptions, type SafetyResult } from './safety.ts';
export {
  safetyModelFree,
  type SafetyModelFreeOptions,
  type SafetyModelFreeResult,
} from './safety-model-free.ts';
export type { CriticalOptions, CriticalJson, ProgramSource } from './safety-shared.ts';
export { kce, type KceOptions, type KceResult } from './kce.ts';
export { demo, DEMO_CASE, type DemoOptions } from './demo.ts';
export {
  predict,
  predictLoaded,
  type PredictOptions,
  type PredictLoadedOptions,
  type PredictResult,
} from './predict.ts';
export { train, trainPreset, type TrainOptions } from './train.ts';
export { evaluate, type EvaluateOptions, type EvaluateResult } from './evaluate.ts';
export { synth, synthSpec, synthExport, synthInspect, type SynthOptions } from './synth.ts';
export {
  dbInit,
  dbImport,
  dbDemo,
  dbExport,
  dbQuery,
  dbAddRun,
  RejectedInputError,
  type DbAddRunOptions,
  type RunRecordMetadata,
} from './db.ts';
export { xai, xaiRun, xaiJson, type XaiOptions, type XaiRun } from './xai.ts';
