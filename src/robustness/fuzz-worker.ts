import { parentPort } from 'node:worker_threads';
import { parseRunBytes } from '../io/read-run.ts';
import { InputError } from '../core/input-error.ts';
import { runToConversionCurve } from '../analysis/conversion-curve.ts';
import type { Run } from '../io/run.ts';

/**
 * Fuzz worker: parse one input with the readers (and turn it into a conversion curve), classify the outcome:
 * `ok` (a Run that satisfies its invariants), `handled` (an InputError: the user's input, reported with a message)
 * or `crash` (anything else — a RangeError or TypeError is an internal error, e.g. V8's "Maximum call stack size
 * exceeded" — or a Run that breaks an invariant, a silent wrong result).
 */
function checkRun(run: Run): string | undefined {
  const n = run.temperature_K.length;
  if (n === 0) return 'empty run returned without an error';
  for (const [name, col] of Object.entries({
    time_s: run.time_s,
    mass_mg: run.mass_mg,
    mass_pct: run.mass_pct,
    alpha: run.alpha,
    dadT_per_K: run.dadT_per_K,
    heatFlow_W_g: run.heatFlow_W_g,
  })) {
    if (col && col.length !== n) return `column ${name} has ${col.length} values for ${n} temperatures`;
    if (col && col.some((v) => !Number.isFinite(v))) return `column ${name} holds a non-finite value`;
  }
  if (run.temperature_K.some((t) => !Number.isFinite(t) || t <= 0))
    return 'a temperature is non-finite or ≤ 0 K';
  if (run.heatingRate_K_min !== undefined && !(run.heatingRate_K_min > 0 || run.heatingRate_K_min <= 0)) {
    return 'heating rate is NaN';
  }
  return undefined;
}

parentPort!.on('message', (msg: { id: number; bytes: Uint8Array; name: string }) => {
  let outcome: 'ok' | 'handled' | 'crash' = 'ok';
  let detail = '';
  try {
    const run = parseRunBytes(msg.bytes, msg.name, { heatingRate_K_min: 10 });
    const bad = checkRun(run);
    if (bad) {
      outcome = 'crash';
      detail = bad;
    } else {
      try {
        runToConversionCurve(run);
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
      }
    }
  } catch (e) {
    if (e instanceof InputError) {
      outcome = 'handled';
      detail = e.message;
    } else {
      outcome = 'crash';
      detail = (e as Error)?.stack ?? String(e);
    }
  }
  parentPort!.postMessage({ id: msg.id, outcome, detail, heapUsed: process.memoryUsage().heapUsed });
});
// Listening: the parent starts the per-input clock only now (loading the readers is not parsing time).
parentPort!.postMessage({ ready: true });
