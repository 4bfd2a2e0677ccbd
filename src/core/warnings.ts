/**
 * Warnings as data. Every result of the library (each Kissinger, each Ea(α) series, each fit, each prediction, each
 * safety number) carries `warnings: ResultWarning[]` and a `quality`; the CLI, the server, the report and the page
 * only display them. Codes are stable identifiers, listed with their remedy in `WARNING_CODES` and documented in
 * docs/warnings.md (a test checks that the two agree).
 */

/** How much a warning undermines the number it is attached to. */
export type Severity = 'info' | 'caution' | 'unreliable';

/** The quality of a result: the worst severity among its warnings (`info` does not lower it). */
export type Quality = 'ok' | 'caution' | 'unreliable';

/** One structured warning. `file`, `stage` and `alpha` say which part of the input or result it concerns. */
export interface ResultWarning {
  code: WarningCode;
  severity: Severity;
  message: string;
  file?: string;
  stage?: number;
  alpha?: number;
}

/** What each code means and what the user can do about it (docs/warnings.md is written from the same text). */
export interface WarningCodeInfo {
  meaning: string;
  remedy: string;
}

/**
 * The registry of warning codes. Add a code here (with its meaning and remedy) and in docs/warnings.md; never
 * rename or reuse a code, since scripts match on them.
 */
export const WARNING_CODES = {
  'generic.note': {
    meaning: 'A note on how the input was read or the result computed, with no effect on its reliability.',
    remedy: 'None needed; read the message.',
  },
  'time.nominal': {
    meaning:
      'The file has no time column: the kinetics use the nominal heating rate and α as a function of temperature, so ' +
      'self-heating or thermocouple lag of the sample cannot be taken into account.',
    remedy:
      'Export the run with its time column (every instrument records it); the analysis then uses the measured T(t).',
  },
  'segment.selected': {
    meaning:
      'The run has several segments (heating, cooling, isothermal holds): only the main heating segment is analysed.',
    remedy:
      'None needed if the named segment is the reaction; otherwise cut the file to the segment you want.',
  },
  'rows.dropped': {
    meaning:
      'Rows of the analysed segment were left out of the analysis; the message gives how many and why.',
    remedy:
      'A few rows are harmless. Many dropped rows (temperature not rising in a file without time) mean the nominal ' +
      'route cannot use the data well: export the time column.',
  },
  'transient.excluded': {
    meaning:
      'The start of the heating segment (the furnace catching up with the program, buoyancy settling) was excluded ' +
      'from the automatic stage search; the message gives the range.',
    remedy: 'None needed; if a real reaction starts that early, give its window with --window.',
  },
  'analysis.warning': {
    meaning:
      'A problem the reader or the method itself noticed (a peak on a window edge, rows dropped, a rate taken from the file name…).',
    remedy: 'Read the message; it names the file and what to check.',
  },
  'rate.declared_mismatch': {
    meaning:
      'The declared heating rate (option, header or file name) differs by more than 5 % from the slope of the recorded T(t); the measured slope is used.',
    remedy: 'Check the rate you gave (or the file header); give --rates in the order of the files.',
  },
  'rate.filename_mismatch': {
    meaning:
      'The heating rate given differs by more than 5 % from the one written in the file name, and the file has no time column to decide.',
    remedy: 'Check which one is right; give --rates in the order of the files.',
  },
  'rate.merged': {
    meaning: 'Heating rates within 2 % of each other count as one rate (replicates).',
    remedy: 'None needed if they are replicates; otherwise check the declared rates.',
  },
  'rate.too_few': {
    meaning:
      'Fewer than 3 distinct heating rates: no Kissinger or isoconversional result is given (ICTAC 2011 asks for at least 3, better 5).',
    remedy: 'Measure more heating rates (e.g. 2, 5, 10, 20 K/min).',
  },
  'signal.jump': {
    meaning:
      'The mass signal jumps between two consecutive points far more than around them (a balance glitch): a false DTG peak and shifted α for the run; every multi-rate result using the run inherits the warning.',
    remedy: 'Cut the glitch out of the file (or repeat the run); check the crucible and the balance.',
  },
  'kissinger.ea_implausible': {
    meaning:
      'The Kissinger Ea is negative, below 20 kJ/mol or above 600 kJ/mol: no decomposition of a cathode has such an activation energy; the input is almost certainly wrong (rates paired with the wrong files, °C read as K, a glitch).',
    remedy: 'Check the rate of each file, the temperature unit and the peaks in the table.',
  },
  'kissinger.peaks_not_rising': {
    meaning:
      'The peak temperature does not rise with the heating rate, which every thermally activated process does.',
    remedy:
      'Check that each rate belongs to its file (--rates follows the order of the files) and the stage window.',
  },
  'kissinger.r2_low': {
    meaning: 'The Kissinger line fits its points poorly (R² below 0.98; below 0.9 it is unreliable).',
    remedy: 'Look at the points: a wrong rate, a misplaced peak or a change of mechanism with β.',
  },
  'kissinger.peak_below_0C': {
    meaning: 'A peak temperature below 0 °C: the temperatures were probably °C read as K.',
    remedy: 'Give --temperature-unit C (or fix the header).',
  },
  'kissinger.outside_iso_range': {
    meaning:
      'The Kissinger Ea lies outside the range of Ea(α) of the isoconversional analysis of the same runs.',
    remedy:
      'Trust the isoconversional Ea(α); Kissinger assumes one step and a peak at the same α for all rates.',
  },
  'kinetics.apparent': {
    meaning:
      'Ea(α) varies by more than 20 % over α 0.1–0.9: the process is not single-step, and a single Ea (Kissinger, a single-step fit, a prediction from it) is only an apparent value (ICTAC 2011).',
    remedy:
      'Use the isoconversional Ea(α) (Friedman or Vyazovkin), model-free predictions, or a multi-step fit.',
  },
  'kinetics.stage_overlap': {
    meaning:
      'The stage window cuts through a neighbouring process (dα/dT at a window edge is above 10 % of its maximum): α of the stage mixes two processes, and its Ea(α), Kissinger and fits are apparent.',
    remedy:
      'Use a multi-step fit over both stages, or set --window where the signal returns to its baseline.',
  },
  'iso.ea_implausible': {
    meaning: 'Ea at this conversion is negative, below 20 kJ/mol or above 600 kJ/mol.',
    remedy:
      'Check the rates, the temperature unit and the stage window; look at the α(T) curves for glitches.',
  },
  'iso.uncertain': {
    meaning:
      'The standard error of Ea at this conversion exceeds 5 % of Ea: noise or scattered runs leave the value undetermined.',
    remedy:
      'Use more heating rates, less noisy data or stronger smoothing (--sg-window); read the value as a range.',
  },
  'iso.scatter': {
    meaning:
      'Ea at this conversion jumps more than 10 % (and 10 kJ/mol) away from its neighbours; with two or more such jumps the whole series is cautioned. A real change of mechanism moves Ea(α) smoothly; noise or a glitch makes it jump.',
    remedy: 'Smooth more (--sg-window), check the α(T) curves for glitches, or use more heating rates.',
  },
  'iso.ea_varies': {
    meaning: 'Ea(α) varies by more than 20 % over α 0.1–0.9 (a multi-step process).',
    remedy: 'Report Ea(α) rather than one Ea; consider a multi-step fit.',
  },
  'iso.integral_biased': {
    meaning:
      'KAS and FWO integrate from α = 0 with a constant Ea; when Ea(α) varies they are biased (ICTAC 2011), beyond their stated limits.',
    remedy: 'Use Friedman or Vyazovkin (--method friedman|vyazovkin).',
  },
  'iso.methods_disagree': {
    meaning:
      'This isoconversional method and Friedman disagree beyond their combined 95 % limits at some conversions: the limits do not cover the other method.',
    remedy: 'Prefer Friedman or Vyazovkin; check the smoothing and the stage window.',
  },
  'deconv.poor_fit': {
    meaning:
      'The sum of Fraser–Suzuki peaks does not describe the run well (R² below 0.98 on the fitting grid): the peaks and their kinetics are not a faithful split of the signal.',
    remedy:
      'Try another --peaks; check the window (--window) cuts the process cleanly and the baseline of a DSC run.',
  },
  'deconv.shape_on_bound': {
    meaning:
      'A fitted peak ended with its asymmetry |A_s| or its width on the bound of the fit: the Fraser–Suzuki shape is stretched to its limit, so the split is doubtful.',
    remedy: 'Try one peak fewer or more, or a narrower window; quote that peak with care.',
  },
  'deconv.peaks_merged': {
    meaning:
      'The data do not resolve the number of peaks asked for: two fitted peaks sit closer than half the narrower width, or a peak carries under 2 % of the area (or none). Its per-peak kinetics are not supported by the data.',
    remedy: 'Use one peak fewer (--peaks); a single-step process gives one peak.',
  },
  'deconv.extra_peak': {
    meaning:
      'One peak fewer already reproduces the run (the last peak raises R² by under 0.1 % of the variance): the data do not need the number of peaks asked for, and the split of the signal is arbitrary.',
    remedy:
      'Use one peak fewer (--peaks; the result gives peaks_preferred); a single-step process gives one peak.',
  },
  'deconv.no_kinetics': {
    meaning:
      'The runs were deconvolved, but fewer than three distinct heating rates were given, so no per-peak Kissinger or Friedman was computed.',
    remedy: 'Give runs at three or more heating rates (ICTAC 2011).',
  },
  'fit.se_bootstrap_disagree': {
    meaning:
      'The bootstrap standard error of a scheme parameter differs from the Jacobian (linearised) one by more than 2×: the valley of the fit is flat, curved or bounded, and the Jacobian SE misstates the uncertainty.',
    remedy:
      'Quote the bootstrap SE (or more replicates: --bootstrap N); strongly correlated Ea–lgA of overlapping steps is the usual cause.',
  },
  'masterplot.ea_varies': {
    meaning:
      'The Friedman Ea(α) used for the master plots varies by more than 20 % over α 0.1–0.9: the process is not single-step, and no single f(α) describes it.',
    remedy: 'Deconvolve the steps first (ckin deconvolve) or fit a multi-step scheme (ckin fit --scheme).',
  },
  'masterplot.runs_disagree': {
    meaning:
      'The master plot of a run differs from the mean of the runs (RMS of y(α) above 0.1): a single-step process gives the same master plot at every heating rate.',
    remedy:
      'Check Ea (--Ea-kJ-mol), the stage window and the rates; a multi-step process needs ckin deconvolve or a scheme fit.',
  },
  'masterplot.no_match': {
    meaning:
      'No model of the library comes within 0.1 (RMS, normalised master plots) of the data: the ranking names the least bad model, not a good one.',
    remedy:
      'Read the fitted Šesták–Berggren exponents; check Ea and the window; consider a multi-step scheme.',
  },
  'fit.r2_low': {
    meaning:
      'The fitted model reproduces a run poorly (R² below 0.99; below 0.9 it is unreliable): model inadequate.',
    remedy: 'Try another reaction model or the multi-step fit; check the stage window.',
  },
  'fit.peak_offset': {
    meaning: 'The model peak lies more than 3 K from the data peak: model inadequate.',
    remedy: 'Try another reaction model or the multi-step fit.',
  },
  'fit.residuals_structured': {
    meaning:
      'The residuals are structured (Durbin–Watson statistic well below 2 while the fit is not excellent): the model misses a systematic feature.',
    remedy: 'Try another reaction model or the multi-step fit.',
  },
  'fit.on_bound': {
    meaning: 'A fitted parameter sits on its search bound: the optimum may lie outside the box.',
    remedy: 'Widen the bounds, or choose another model.',
  },
  'batch.runs_refused': {
    meaning: 'Some runs of the batch were not analysed (unreadable, no peak, no heating rate…).',
    remedy: 'Read the reason given for each file.',
  },
  'multistep.parameter-on-bound': {
    meaning: 'A multi-step fit ended with a kinetic parameter on a bound of its search box.',
    remedy:
      'The optimum may lie outside the box: check the named parameter, widen its bounds (Ea) or try a scheme with a different step model.',
  },
  'multistep.step-unused': {
    meaning:
      'A step of the scheme contributes nothing: its amplitude (ΔH or mass fraction) was held at 0 to keep the sign of the signal.',
    remedy: 'The data do not support that many steps: fit a scheme with fewer steps or use --steps auto.',
  },
  'multistep.parameters-correlated': {
    meaning:
      'Some fitted parameters are almost perfectly correlated (|r| > 0.99), usually Ea and lgA of one step (the compensation effect) or two overlapping steps.',
    remedy:
      'Read the correlation matrix; quote the standard errors with care, or fix a parameter / simplify the scheme.',
  },
  'multistep.uncertainty-unavailable': {
    meaning: 'Standard errors of the multi-step fit could not be computed: the Jacobian is singular.',
    remedy: 'Some parameters are not determined by the data: simplify the scheme or add heating rates.',
  },
  'multistep.poor-fit': {
    meaning: 'The fitted scheme reproduces at least one heating rate poorly (R² < 0.95).',
    remedy:
      'Try another scheme (more steps, autocatalytic Cn or An steps) or --steps auto; check the baseline option.',
  },
  'multistep.deconvolution-start-unavailable': {
    meaning:
      'The deconvolution start of a scheme fit (--deconvolution-start) could not be made (fewer than two rates, or the Fraser–Suzuki fit failed); the fit used its other starts.',
    remedy: 'Read the reason; run ckin deconvolve on the same files to see the peaks.',
  },
  'multistep.bootstrap-few-runs': {
    meaning:
      'A case-resampling bootstrap of a scheme fit was asked for with fewer than 3 distinct runs: resampling so few runs cannot show the spread between runs.',
    remedy: 'Use --bootstrap-kind wild, or measure more heating rates.',
  },
  // Safety predictions (src/safety/safety-warnings.ts; issues 16 and 18).
  'safety.extrapolation': {
    meaning:
      'The prediction lies outside the temperature range of the data; the factor is the span in 1/T covered by data and prediction together divided by the span of the data (1 = inside).',
    remedy:
      'Measure closer to the prediction temperature (slower heating rates, isothermal runs, or an adiabatic/ARC test) before relying on the number; read the 90 % band, which widens with the extrapolation.',
  },
  'safety.time-out-of-range': {
    meaning:
      'A predicted time is longer than 100 years or shorter than 1 second: beyond what thermal analysis can validate (ageing, other processes, heat transfer dominate).',
    remedy:
      'Treat it as "very long" or "immediate", not as a number; check the inputs (units of Ea, lgA, °C vs K).',
  },
  'safety.single-step-multistep': {
    meaning:
      'An adiabatic or lifetime prediction uses one kinetic triplet, but the runs show a multi-step process (Ea(α) varies by more than 20 % over α 0.1–0.9, ICTAC 2011).',
    remedy:
      'Use the model-free prediction (ckin safety FILES… --model-free) or a multi-step model; compare the two before deciding.',
  },
  'safety.ea-varies': {
    meaning:
      'Ea(α) varies by more than 20 % over α 0.1–0.9: the process is not single-step. The model-free prediction follows Ea(α); a single-step prediction would not.',
    remedy: 'None for the model-free numbers; do not replace them by a single Ea.',
  },
  'safety.no-band': {
    meaning:
      'No 90 % interval could be computed (fewer than three runs, no standard errors of Ea(α), or no standard errors of the triplet).',
    remedy:
      'Give at least three heating rates (model-free) or --Ea-se/--lgA-se (triplet); a number without a band is a point estimate only.',
  },
  'safety.data-range-unknown': {
    meaning:
      'A triplet prediction was made without the runs it came from, so its extrapolation cannot be checked.',
    remedy:
      'Pass the run files (ckin safety FILES… --Ea … --lgA …) or --data-range LO:HI (°C) to get the extrapolation factor.',
  },
  'safety.zero-order-heat-source': {
    meaning:
      'Critical temperatures, sizes and the SADT estimate use the initial heat-release rate with reactant consumption neglected; for an autocatalytic start (initial rate near zero) this is not conservative.',
    remedy:
      'For autocatalytic materials confirm with an adiabatic (ARC) or isoperibolic storage test; give --alpha0 for the conversion the material already has.',
  },
  // CNN predictions (src/nn/domain-of-validity.ts, src/app/predict.ts; docs/cnn.md "Domain of validity")
  'cnn.resimulation-mismatch': {
    meaning:
      'Curves simulated at the predicted (Ea, lgA) with the model’s n do not reproduce the input (worst per-rate R² < 0.95): the input is outside what the network learned or the answer is wrong.',
    remedy:
      'Do not use the CNN number: fit the runs (`ckin fit`, free n or another model) or use the model-free route (`ckin iso`).',
  },
  'cnn.no-reaction': {
    meaning: 'A curve shows no reaction: its dα/dT peak is not above its own noise.',
    remedy: 'Check the file (signal column, window, units); a run without a reaction cannot give kinetics.',
  },
  'cnn.peak-outside-window': {
    meaning:
      'A dα/dT peak lies at or near the edge of the model’s temperature window, where it saw no valid training sample.',
    remedy:
      'Use `ckin fit` or `ckin iso` on these runs; the CNN only covers peaks inside its window (docs/cnn.md).',
  },
  'cnn.run-unfinished': {
    meaning: 'A run ends while dα/dT is still high: the network sees a truncated peak.',
    remedy: 'Record the run until the reaction is over, or use `ckin iso` on the conversion range covered.',
  },
  'cnn.rates-outside-training': {
    meaning:
      'An input heating rate is more than 10 % from the rate the model was trained at; the shipped models ignore their rate inputs.',
    remedy:
      'Measure at the model’s rates (10/30/60 K/min for the shipped models), or use `ckin fit` / `ckin iso`.',
  },
  'cnn.refine-failed': {
    meaning:
      'The local refinement (`--refine`) could not run on these curves; the CNN answer is reported unrefined.',
    remedy: 'Read the message (e.g. no peak inside the window); `ckin fit` runs a global search.',
  },
  'cnn.refine-poor-fit': {
    meaning:
      'The refined triplet does not describe the curves (worst per-rate R² < 0.95); its standard errors mean nothing.',
    remedy: 'Fit with a free n or another reaction model (`ckin fit --model …`) or the multi-step fit.',
  },
  'cnn.methods-disagree': {
    meaning:
      'The CNN, the ensemble mean or the refinement disagree by more than the 90 % interval or 10 kJ/mol.',
    remedy:
      'Prefer the refined value when its fit is good (R² ≥ 0.99); otherwise treat the number as uncertain.',
  },
  'cnn.general-outside-prior': {
    meaning:
      'The input or the general model’s answer lies outside the prior it was trained on (3–5 runs at 1–100 K/min, Ea 60–350 kJ/mol, lgA 2–25, n 0.5–4).',
    remedy:
      'Treat the number as an extrapolation: check it with `ckin iso` (model-free) or `ckin fit` on the same runs.',
  },
  'cnn.model-switched': {
    meaning:
      'The runs are not inside the paper model’s domain (heating rates other than 10/30/60 K/min, or curves the n = 3 model does not reproduce), so the general model answered.',
    remedy:
      'Nothing to do; `--model best` forces the paper-domain model (refused or flagged outside its domain).',
  },
  'cnn.model-incomplete': {
    meaning:
      'The model directory is from a training run that did not finish (no complete.json); used with --allow-incomplete.',
    remedy: 'Resume the training (`ckin train --resume`) or use a finished model.',
  },
  'stages.merged': {
    meaning:
      'Stages found separate in some runs and merged in others (or an extra peak in one run) were analysed as one ' +
      'stage in every run, so that α means the same in every run.',
    remedy:
      'To analyse the steps separately, give windows that split them in every run: --window LO:MID,MID:HI (°C).',
  },
  'stages.refused': {
    meaning:
      'The peaks of a stage do not rise with heating rate: different processes were probably matched as one stage; ' +
      'no kinetics are computed for it.',
    remedy: 'Give the stage windows explicitly with --window, one per process.',
  },
  'stages.amount-differs': {
    meaning:
      "A stage's mass loss or heat differs by more than 20 % between runs: the windows may not cover the same process.",
    remedy: 'Check the windows (set them with --window) and that the runs are of the same sample.',
  },
  'dsc.enthalpy_implausible': {
    meaning:
      'A DSC stage ΔH above 5000 J/g (beyond any cathode decomposition; unreliable) or below 0.5 J/g (at the noise ' +
      'level; caution): almost always a unit or sample-mass error (mW/g under a W/g header, mW not divided by the mass).',
    remedy: 'Check the heat-flow unit in the header and --sample-mass; re-export the run in W/g.',
  },
  'dsc.enthalpy_baseline_dependent': {
    meaning:
      'The ΔH of a DSC peak changes by more than 20 % between the linear and the sigmoidal baseline: a baseline step or ' +
      'drift as large as the peak sets the number, and α(T) and Ea(α) inherit it.',
    remedy:
      'Run a blank (empty crucible) and subtract it, widen the window to flat baseline on both sides, or compare ' +
      '--baseline linear and sigmoidal and quote ΔH as that range.',
  },
  'dsc.test-small': {
    meaning:
      'The held-out test split of a target has fewer than 20 records: its R², RMSE and MAE are noisy (one record moves them a lot).',
    remedy: 'Run with --cv random (or --cv source) and quote the cross-validated mean ± sd instead.',
  },
  'dsc.spearman-dropped': {
    meaning:
      'Features were removed by the Spearman redundancy filter (|ρ| above the threshold with a simpler feature): their effect is reported under the partner named in the message.',
    remedy:
      "Protect a feature with --keep FEATURE, or change the threshold with --spearman; read the partner's attribution as shared.",
  },
  'dsc.zero-importance': {
    meaning:
      'Features had zero random-forest importance for a target (never used by a split, e.g. an element present in one record) and were dropped by the null-importance screen.',
    remedy: 'None needed unless the feature matters to you: add records that vary it.',
  },
  'dsc.shap-sampling-error': {
    meaning:
      "The background-sampling standard error of a top-5 feature's mean |Shapley value| exceeds 5 % of the value: its rank against its neighbours is uncertain.",
    remedy: 'Raise --background (more background rows) or --explain (more explained records).',
  },
  'dsc.target-skipped': {
    meaning: 'A target had fewer than 20 usable records and was left out of the analysis.',
    remedy: 'Add records with that result, or choose the targets with --target.',
  },
  'dsc.imputed': {
    meaning:
      'Missing feature values were filled with the training median (the documented imputation); the message names the features and how many values.',
    remedy:
      "Fill the values in the records if they are known; many imputed values flatten the feature's effect.",
  },
  'dsc.validation-caveat': {
    meaning:
      'A caveat of the cross-validation or learning curve (too few sources for folds by source, folds with few records, a scheme that could not be run).',
    remedy: 'Read the message; add records or sources, or lower --folds.',
  },
  'dsc.ternary-optimum-extrapolated': {
    meaning:
      'The extreme (lowest or highest prediction) of a ternary map lies in its extrapolated region: farther than the domain distance from every record with that target. The map also gives the extreme within the domain.',
    remedy:
      'Quote the extreme within the domain (min_in_domain / max_in_domain), or add records near that composition.',
  },
  'dsc.predict-outside-domain': {
    meaning:
      "A predicted record's composition is farther than the domain distance (default 0.1 per formula unit) from every training record of the target: the model extrapolates in composition.",
    remedy:
      'Treat the prediction as a guess; add training records near that composition, or raise --max-distance knowingly.',
  },
  'dsc.predict-outside-range': {
    meaning:
      'Features of a predicted record lie outside the range of the training records (the message names them with the range): the SVR extrapolates, and RBF models revert to the mean far outside.',
    remedy: 'Treat the prediction as a guess, or retrain with records covering that range.',
  },
  'dsc.interval-unbounded': {
    meaning:
      'Too few calibration records for the requested level: the split-conformal interval is unbounded (±∞); with n records the level can be at most n/(n + 1).',
    remedy:
      'Lower --level, or save the model from a larger database (the calibration set is the held-out test split).',
  },
  'dsc.rows-rejected': {
    meaning:
      'Rows of the records CSV could not be read (each is listed with its line and reason); the other rows were predicted.',
    remedy: 'Fix the listed rows (docs/dsc-xai.md gives the vocabulary).',
  },
  'dsc.duplicates': {
    meaning:
      'Imported rows duplicate records already in the database (exact, or the same composition and conditions with results within tolerance).',
    remedy:
      'Exact duplicates are skipped unless --allow-duplicates; review near duplicates with `ckin db dedupe --dry-run` and remove one with `ckin db delete`.',
  },
} as const satisfies Record<string, WarningCodeInfo>;

export type WarningCode = keyof typeof WARNING_CODES;

/** Build a warning (the one constructor, so that every warning has the same shape). */
export function warning(
  code: WarningCode,
  severity: Severity,
  message: string,
  where: { file?: string; stage?: number; alpha?: number } = {},
): ResultWarning {
  const w: ResultWarning = { code, severity, message };
  if (where.file !== undefined) w.file = where.file;
  if (where.stage !== undefined) w.stage = where.stage;
  if (where.alpha !== undefined) w.alpha = where.alpha;
  return w;
}

const RANK: Record<Severity, number> = { info: 0, caution: 1, unreliable: 2 };

/** The quality implied by a list of warnings: the worst of them (`ok` when there are none or only `info`). */
export function qualityOf(warnings: readonly ResultWarning[]): Quality {
  let worst = 0;
  for (const w of warnings) worst = Math.max(worst, RANK[w.severity]);
  return worst === 2 ? 'unreliable' : worst === 1 ? 'caution' : 'ok';
}

/** The worse of two qualities. */
export function worseQuality(a: Quality, b: Quality): Quality {
  const r = { ok: 0, caution: 1, unreliable: 2 } as const;
  return r[a] >= r[b] ? a : b;
}

/** Warnings of one code and severity at several conversions, shown as one entry (`groupWarningsByAlpha`). */
export interface WarningGroup<W extends { code: string; severity: string; message: string; alpha?: number }> {
  /** The first warning of the group (its message stands for the others). */
  first: W;
  /** The conversions, ascending (empty for a warning without `alpha`). */
  alphas: number[];
  /** The conversions as ranges of consecutive grid points, e.g. "0.05–0.35, 0.8–0.95". */
  ranges: string;
}

/**
 * Group per-α warnings of the same code and severity (e.g. `iso.uncertain` at 30 conversions) into one entry with
 * their α ranges, for displays; warnings without `alpha` stay one entry each. Entries keep the order of their first
 * warning. Consecutive means adjacent in `grid` (the result's α values) when given, else adjacent with the group's
 * smallest spacing.
 */
export function groupWarningsByAlpha<
  W extends { code: string; severity: string; message: string; alpha?: number },
>(ws: readonly W[], grid?: readonly number[]): WarningGroup<W>[] {
  const out: WarningGroup<W>[] = [];
  const byKey = new Map<string, WarningGroup<W>>();
  for (const w of ws) {
    if (w.alpha === undefined) {
      out.push({ first: w, alphas: [], ranges: '' });
      continue;
    }
    const key = `${w.code}|${w.severity}`;
    const g = byKey.get(key);
    if (g) g.alphas.push(w.alpha);
    else {
      const ng = { first: w, alphas: [w.alpha], ranges: '' };
      byKey.set(key, ng);
      out.push(ng);
    }
  }
  const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;
  const sortedGrid = grid ? [...grid].sort((a, b) => a - b) : undefined;
  for (const g of out) {
    if (!g.alphas.length) continue;
    g.alphas.sort((a, b) => a - b);
    let step = Infinity;
    for (let i = 1; i < g.alphas.length; i++) step = Math.min(step, g.alphas[i] - g.alphas[i - 1]);
    const adjacent = (a: number, b: number) => {
      if (sortedGrid) {
        const i = sortedGrid.findIndex((x) => near(x, a));
        if (i >= 0) return i + 1 < sortedGrid.length && near(sortedGrid[i + 1], b);
      }
      return b - a <= step * 1.01;
    };
    const parts: string[] = [];
    let start = g.alphas[0];
    let prev = start;
    const close = () => parts.push(near(start, prev) ? `${start}` : `${start}–${prev}`);
    for (const a of g.alphas.slice(1)) {
      if (!adjacent(prev, a)) {
        close();
        start = a;
      }
      prev = a;
    }
    close();
    g.ranges = parts.join(', ');
  }
  return out;
}
