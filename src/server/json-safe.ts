/**
 * The value as it travels as JSON (non-finite numbers → null, typed arrays → arrays), as a structured-clone-able
 * plain object: what a worker posts back, so the answer is the same as when the route ran in the main thread.
 */
export function jsonSafe(value: unknown): unknown {
  if (value === undefined) return undefined;
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v)
        ? null
        : ArrayBuffer.isView(v)
          ? Array.from(v as unknown as ArrayLike<number>)
          : v,
    ),
  ) as unknown;
}
