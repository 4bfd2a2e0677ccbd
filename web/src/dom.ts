/** Small DOM helpers shared by the page's tabs. */

/** Text made safe for HTML: `& < > " '` escaped; null/undefined as '', objects as JSON. */
export function esc(s: unknown): string {
  return asText(s).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

function asText(s: unknown): string {
  if (s === null || s === undefined) return '';
  if (typeof s === 'string') return s;
  if (typeof s === 'number' || typeof s === 'boolean' || typeof s === 'bigint') return String(s);
  return JSON.stringify(s) ?? '';
}

/**
 * addEventListener for an async handler: the handler's own try/catch shows user-facing errors; anything that still
 * escapes is logged instead of becoming an unhandled rejection.
 */
export function onEvent<E extends Event = Event>(
  target: EventTarget,
  type: string,
  handler: (event: E) => Promise<void>,
): void {
  target.addEventListener(type, (event) => {
    handler(event as E).catch((err: unknown) => console.error(err));
  });
}

/** Largest value by a loop (a spread of a long array into Math.max overflows the stack). −Infinity when empty. */
export function maxOf(values: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < values.length; i++) if (values[i] > m) m = values[i];
  return m;
}
