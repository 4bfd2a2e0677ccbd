import { readFileSync } from 'node:fs';

/** Property of a TM-layer cation in its charged-state oxidation state (see data/elements.json for sources). */
export interface CationProperties {
  charge: number;
  ionic_radius_A: number;
  electronegativity_pauling: number;
}

let cache: Record<string, CationProperties> | undefined;

/** The elemental property table shipped in src/dsc/data/elements.json. */
export function cationTable(): Record<string, CationProperties> {
  if (!cache) {
    const raw = JSON.parse(readFileSync(new URL('./data/elements.json', import.meta.url), 'utf8')) as {
      elements: Record<string, CationProperties>;
    };
    cache = raw.elements;
  }
  return cache;
}
