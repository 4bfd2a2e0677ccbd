import { esc } from './dom.ts';
import { webWords } from './web-words.ts';

/**
 * Warnings beside the result they concern. Accepts both shapes the API has carried: plain strings (older results)
 * and structured `ResultWarning`s `{code, severity, message, file?, stage?, alpha?}` (src/core/warnings.ts); any
 * field may be missing. Severity is shown as a text badge (not colour alone).
 */
export interface ShownWarning {
  code?: string;
  severity: 'info' | 'caution' | 'unreliable';
  message: string;
  file?: string;
  stage?: number;
  alpha?: number;
}

const SEVERITIES = new Set(['info', 'caution', 'unreliable']);

/** One warning in a uniform shape; undefined for values that carry no message. */
export function normaliseWarning(w: unknown): ShownWarning | undefined {
  if (typeof w === 'string') return w ? { severity: 'caution', message: w } : undefined;
  if (!w || typeof w !== 'object') return undefined;
  const o = w as Record<string, unknown>;
  const message = typeof o.message === 'string' ? o.message : typeof o.code === 'string' ? o.code : '';
  if (!message) return undefined;
  const sev = typeof o.severity === 'string' && SEVERITIES.has(o.severity) ? o.severity : 'caution';
  const out: ShownWarning = { severity: sev as ShownWarning['severity'], message };
  if (typeof o.code === 'string') out.code = o.code;
  if (typeof o.file === 'string') out.file = o.file;
  if (typeof o.stage === 'number') out.stage = o.stage;
  if (typeof o.alpha === 'number') out.alpha = o.alpha;
  return out;
}

/** All warnings of several lists (any of them may be undefined or not an array), duplicates dropped. */
export function collectWarnings(...lists: unknown[]): ShownWarning[] {
  return collectWarningLists(lists);
}

/** `collectWarnings` over an array of lists. */
export function collectWarningLists(lists: unknown[]): ShownWarning[] {
  const seen = new Set<string>();
  const out: ShownWarning[] = [];
  for (const list of lists) {
    if (!Array.isArray(list)) continue;
    for (const raw of list) {
      const w = normaliseWarning(raw);
      if (!w) continue;
      const key = `${w.severity}|${w.message}|${w.file ?? ''}|${w.stage ?? ''}|${w.alpha ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push(w);
    }
  }
  return out;
}

/** A severity badge: `info`, `caution` or `unreliable` as text. */
export function badge(severity: string): string {
  return `<span class="badge sev-${esc(severity)}">${esc(severity)}</span>`;
}

/**
 * The HTML of a warnings list (empty string when there are none). `label` names what they concern, for screen
 * readers and for the heading; `quality` (ok | caution | unreliable), when the result carries one, is shown first.
 */
export function warningsHtml(list: ShownWarning[], label: string, quality?: unknown): string {
  const q = typeof quality === 'string' && quality !== 'ok' ? quality : undefined;
  if (!list.length && !q) return '';
  const items = list
    .map((w) => {
      const where = [
        w.file ? `file ${w.file}` : '',
        w.stage !== undefined ? `stage ${w.stage}` : '',
        w.alpha !== undefined ? `α = ${w.alpha}` : '',
      ]
        .filter(Boolean)
        .join(', ');
      return `<li data-severity="${esc(w.severity)}"${w.code ? ` data-code="${esc(w.code)}"` : ''}>${badge(w.severity)} ${esc(webWords(w.message))}${where ? ` <span class="where">(${esc(where)})</span>` : ''}</li>`;
    })
    .join('');
  return `<section class="warnings" aria-label="${esc(label)}"><h3>${esc(label)}${q ? ` — quality ${badge(q)}` : ''}</h3>${items ? `<ul>${items}</ul>` : ''}</section>`;
}
