/**
 * The entry `name` of a fixed name → value registry (shipped models, presets, job kinds), only when it is the
 * registry's own key: `constructor`, `__proto__`, `toString`, `hasOwnProperty`, `valueOf` … are inherited from
 * Object.prototype and are never entries, so a user-given name cannot reach them.
 */
export function registryLookup<T>(registry: Readonly<Record<string, T>>, name: string): T | undefined {
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}
