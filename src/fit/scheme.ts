import { STEP_MODELS, stepModelByName, type StepModel } from './step-models.ts';

/**
 * A reaction scheme as data: species and steps X→Y, each step with its own Arrhenius pair and step model
 * (src/fit/step-models.ts). Any acyclic graph: independent/parallel (A→B, C→D), consecutive (A→B→C),
 * competitive (A→B, A→C). Species without an incoming step are sources and start at concentration 1; the share of
 * each source and each step's heat or mass loss are the linear amplitudes of the observable (see multistep-fit.ts).
 */
export interface SchemeStep {
  /** Index of the reactant and product in `species`. */
  from: number;
  to: number;
  model: StepModel;
}

export interface Scheme {
  species: string[];
  steps: SchemeStep[];
}

/** The canonical text of a scheme, e.g. `A->B:Fn; B->C:Fn` (what `parseScheme` reads back). */
export function schemeText(s: Scheme): string {
  return s.steps.map((st) => `${s.species[st.from]}->${s.species[st.to]}:${st.model.name}`).join('; ');
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * Parse a scheme: steps `X->Y[:Model]` separated by `;` (model default Fn), or a shorthand `consecutive:N`,
 * `parallel:N`, `competitive:N` with an optional model (`consecutive:3:An`). Throws a RangeError naming the
 * problem (the use case turns it into an InputError).
 */
export function parseScheme(text: string): Scheme {
  const src = text.trim();
  const short = /^(consecutive|parallel|competitive|independent):(\d+)(?::([A-Za-z0-9]+))?$/i.exec(src);
  if (short) {
    const kind = short[1].toLowerCase();
    const k = Number(short[2]);
    const model = short[3] ?? 'Fn';
    if (!(k >= 1 && k <= 6)) throw new RangeError(`scheme "${src}": 1 to 6 steps, got ${k}`);
    const steps: string[] = [];
    for (let i = 0; i < k; i++) {
      if (kind === 'consecutive') steps.push(`${LETTERS[i]}->${LETTERS[i + 1]}:${model}`);
      else if (kind === 'competitive') steps.push(`A->${LETTERS[i + 1]}:${model}`);
      else steps.push(`${LETTERS[2 * i]}->${LETTERS[2 * i + 1]}:${model}`);
    }
    return parseScheme(steps.join('; '));
  }
  const species: string[] = [];
  const idx = (name: string): number => {
    let i = species.indexOf(name);
    if (i < 0) i = species.push(name) - 1;
    return i;
  };
  const steps: SchemeStep[] = [];
  const parts = src
    .split(';')
    .map((p) => p.trim())
    .filter((p) => p !== '');
  if (parts.length === 0)
    throw new RangeError('empty scheme: give steps like "A->B:Fn; B->C:Fn" or consecutive:2');
  for (const part of parts) {
    const m = /^([A-Za-z][A-Za-z0-9_]*)\s*->\s*([A-Za-z][A-Za-z0-9_]*)\s*(?::\s*([A-Za-z0-9]+))?$/.exec(part);
    if (!m)
      throw new RangeError(
        `scheme step "${part}": expected X->Y or X->Y:Model (models: ${Object.keys(STEP_MODELS).join(', ')})`,
      );
    const model = stepModelByName(m[3] ?? 'Fn');
    if (!model)
      throw new RangeError(
        `scheme step "${part}": unknown model "${m[3]}"; known: ${Object.keys(STEP_MODELS).join(', ')}`,
      );
    if (m[1] === m[2]) throw new RangeError(`scheme step "${part}": a species cannot react to itself`);
    steps.push({ from: idx(m[1]), to: idx(m[2]), model });
  }
  if (steps.length > 6) throw new RangeError(`scheme "${src}": at most 6 steps, got ${steps.length}`);
  for (let i = 0; i < steps.length; i++)
    for (let j = 0; j < i; j++)
      if (steps[i].from === steps[j].from && steps[i].to === steps[j].to)
        throw new RangeError(
          `scheme "${src}": step ${species[steps[i].from]}->${species[steps[i].to]} twice`,
        );
  const scheme = { species, steps };
  if (topologicalOrder(scheme) === null) throw new RangeError(`scheme "${src}" has a cycle`);
  return scheme;
}

/** Species in an order where every step goes forward, or null when the graph has a cycle. */
export function topologicalOrder(s: Scheme): number[] | null {
  const indeg = s.species.map(() => 0);
  for (const st of s.steps) indeg[st.to]++;
  const queue = indeg.flatMap((d, i) => (d === 0 ? [i] : []));
  const order: number[] = [];
  while (queue.length) {
    const i = queue.shift()!;
    order.push(i);
    for (const st of s.steps) if (st.from === i && --indeg[st.to] === 0) queue.push(st.to);
  }
  return order.length === s.species.length ? order : null;
}

/** Initial concentrations: 1 for every source species (no incoming step), 0 otherwise. */
export function initialConcentrations(s: Scheme): Float64Array {
  const y = new Float64Array(s.species.length).fill(1);
  for (const st of s.steps) y[st.to] = 0;
  return y;
}
