/** Array helpers that stay within the stack for any length (no spread of the items into a call). */

/** Append every item of `items` to `target` (what `target.push(...items)` would do, for any number of items). */
export function pushAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** Insert `items` into `target` before index `at` (what `target.splice(at, 0, ...items)` would do, for any length). */
export function insertAt<T>(target: T[], at: number, items: readonly T[]): T[] {
  const tail = target.splice(at);
  pushAll(target, items);
  pushAll(target, tail);
  return target;
}
