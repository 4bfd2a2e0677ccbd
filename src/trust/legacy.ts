/**
 * The science and reader layers still report problems as strings (`Run.warnings`, `KissingerResult.warnings`, …).
 * The use cases turn each into a structured `analysis.warning` of severity caution, naming the file or stage when
 * known, so every result carries one kind of warning list.
 */
import { warning, type ResultWarning } from '../core/warnings.ts';

/** String warnings → structured `analysis.warning` cautions (duplicates dropped). */
export function fromMessages(
  messages: readonly string[],
  where: { file?: string; stage?: number } = {},
): ResultWarning[] {
  return [...new Set(messages)].map((m) => warning('analysis.warning', 'caution', m, where));
}

/** Drop warnings that repeat an earlier one (same code, message and place). */
export function dedupeWarnings(ws: readonly ResultWarning[]): ResultWarning[] {
  const seen = new Set<string>();
  return ws.filter((w) => {
    const k = `${w.code}|${w.message}|${w.file ?? ''}|${w.stage ?? ''}|${w.alpha ?? ''}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}
