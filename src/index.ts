/**
 * The public API of cathode-kinetics (`import … from 'cathode-kinetics'`): the use cases of src/app (what the CLI
 * and the server run, as typed functions returning plain JSON-ready objects) and the pure science a library user
 * composes by hand — readers, conversion curves, Kissinger, the isoconversional methods, the JMA fit, reaction models
 * and simulation. Units are in every name: Ea in kJ/mol, lgA = log10(A/s⁻¹), T in K, β in K/min.
 */
export * from './app/index.ts';

// Errors and warnings
export { InputError } from './core/input-error.ts';
export type { ResultWarning, Severity, Quality } from './core/warnings.ts';
export { packageVersion } from './core/version.ts';

// Safety predictions: model-free (Φ(α) table from Ea(α) and recorded T(t)), critical conditions, SafetyNumber
export {
  modelFreeKinetics,
  conversionNodes,
  isothermalTime_s as modelFreeIsothermalTime_s,
  conversionAlongProgramModelFree,
  adiabaticModelFree,
  type ModelFreeKinetics,
  type ModelFreeRun,
  type EaProfile,
} from './safety/model-free.ts';
export {
  semenovCriticalAmbient,
  frankKamenetskiiCriticalAmbient_K,
  frankKamenetskiiCriticalSize_m,
  sadtEstimate,
  FK_DELTA_CRITICAL,
  type HeatSource,
  type BodyShape,
} from './safety/thermal-explosion.ts';
export { temperatureForTmr_K } from './safety/tmrad-temperature.ts';
export type { SafetyNumber } from './safety/safety-number.ts';
export {
  schemeAdiabatic,
  schemeAlongProgram,
  schemeIsothermalTimes_s,
  schemeProgramTimes_s,
  type SchemeModel,
} from './safety/scheme-prediction.ts';
export { sampleSchemeModels, type SchemeUncertainty } from './safety/scheme-sampling.ts';

// Readers: any supported instrument export or CSV, as a Run (t, T, signal, units)
export { readRunFile, parseRunBytes, type ReadRunOptions } from './io/read-run.ts';
export type { Run, RunSample } from './io/run.ts';

// Analysis: conversion curves, Kissinger, isoconversional methods, the analysis pipeline
export {
  runToConversionCurve,
  type ConversionCurve,
  type ConversionCurveOptions,
} from './analysis/conversion-curve.ts';
export {
  kissinger as kissingerFromPeaks,
  kissingerFromCurves,
  type KissingerPoint,
  type KissingerResult,
} from './analysis/kissinger.ts';
export {
  friedman,
  kas,
  fwo,
  vyazovkin,
  isoconversional,
  defaultAlphaGrid,
  ISO_METHODS,
  type IsoMethod,
  type IsoResult,
  type IsoRow,
} from './analysis/isoconversional/index.ts';
export { analyzeRuns, type AnalyzeResult, type AnalyzeInput } from './analysis/analyze.ts';
export {
  parseSmoothing,
  smoothAndDifferentiate,
  type SmoothingSpec,
  type SmoothingInfo,
} from './analysis/smoothing.ts';
export { smoothingSpline, gcvSmoothingSpline, type SmoothingSplineFit } from './analysis/smoothing-spline.ts';
export { prepareHeatingRun, type HeatingRun } from './analysis/run-signals.ts';

// The JMA fit and its bootstrap
export {
  fitJma,
  jmaPredictor,
  refineJmaFit,
  type JmaFitOptions,
  type JmaFitResult,
} from './analysis/fit/jma-fit.ts';
export { DIFFERENTIAL_EVOLUTION, type GlobalOptimizer, type PredictSignal } from './analysis/fit/parts.ts';
export { bootstrapJmaFit, type JmaBootstrapResult } from './analysis/fit/bootstrap.ts';
export { DEFAULT_JMA_BOUNDS, JMA_BOUNDS_PRESETS, type JmaBounds } from './analysis/fit/bounds.ts';

// Multi-step schemes: parse, fit globally, choose, save and simulate (src/fit)
export { parseScheme, schemeText, type Scheme, type SchemeStep } from './fit/scheme.ts';
export { STEP_MODELS, stepModelByName, type StepModel } from './fit/step-models.ts';
export { solveScheme, rampProgram, type StepKinetics, type ProgramPoints } from './fit/scheme-kinetics.ts';
export { fitScheme, type MultistepFitOptions, type MultistepFitResult } from './fit/multistep-fit.ts';
export type { MultistepRun, Observable } from './fit/multistep-problem.ts';
export { chooseScheme, DEFAULT_CANDIDATES, type Candidate, type ModelChoice } from './fit/model-choice.ts';
export { loadSavedModel, type SavedSchemeModel, type SavedUncertainty } from './fit/saved-model.ts';
export { simulateScheme, type SchemeSimulation, type SimulateSchemeOptions } from './fit/simulate-scheme.ts';
export { rosenbrock, type RosenbrockSystem, type RosenbrockOptions } from './fit/rosenbrock.ts';

// Kinetics: reaction models, the temperature integral, exact and ODE solutions, simulated runs
export {
  jma,
  nthOrder,
  sestakBerggren,
  contractingGeometry,
  diffusion1D,
  diffusion3DJander,
  modelByName,
  MODEL_NAMES,
  type ReactionModel,
} from './kinetics/models/index.ts';
export { temperatureIntegral_K } from './kinetics/temperature-integral.ts';
export { exactConversionCurve } from './kinetics/nonisothermal-exact.ts';
export { simulateRuns, type SimulatedRun, type SimulationSpec } from './kinetics/simulate.ts';
