/**
 * The folder-level import graph of src/ (test helper, not a test file): every relative import of every module —
 * static, dynamic `import()`, `export … from`, type-only included — reduced to "folder A imports folder B", where a
 * folder is the first path segment under src/ (`src/main.ts` and `src/index.ts` are the folder `(root)`).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

export interface ImportEdge {
  from: string;
  to: string;
  /** The file-level imports behind the edge, `src/a/x.ts → src/b/y.ts`. */
  files: string[];
  /** True when every import behind the edge is type-only (`import type`, `export type`): no run-time dependency. */
  typeOnly: boolean;
}

function listModules(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...listModules(path));
    else if (/\.(ts|mjs)$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g;
const TYPE_ONLY = /\b(?:import|export)\s+type\s+[^;]*?from\s*['"](\.{1,2}\/[^'"]+)['"]/g;

/** The folder of a module under `srcDir`. */
export function folderOf(srcDir: string, file: string): string {
  const parts = relative(srcDir, file).split(sep);
  return parts.length === 1 ? '(root)' : parts[0];
}

/** Folder edges (self-edges left out) with the file imports behind each. */
export function folderImports(srcDir: string): ImportEdge[] {
  const edges = new Map<string, ImportEdge>();
  for (const file of listModules(srcDir)) {
    const text = readFileSync(file, 'utf8');
    const typeOnly = new Set([...text.matchAll(TYPE_ONLY)].map((m) => m[1]));
    for (const m of text.matchAll(IMPORT)) {
      const target = resolve(dirname(file), m[1]);
      const from = folderOf(srcDir, file);
      const to = folderOf(srcDir, target);
      if (from === to) continue;
      const key = `${from}→${to}`;
      const e = edges.get(key) ?? { from, to, files: [], typeOnly: true };
      e.typeOnly &&= typeOnly.has(m[1]);
      e.files.push(`${relative(dirname(srcDir), file)} → ${relative(dirname(srcDir), target)}`);
      edges.set(key, e);
    }
  }
  return [...edges.values()].sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}

/** Cycles among folders (each as a path a → b → … → a), by depth-first search over the edges given. */
export function folderCycles(edges: { from: string; to: string }[]): string[][] {
  const next = new Map<string, string[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const cycles: string[][] = [];
  const seen = new Set<string>();
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (n: string) => {
    state.set(n, 'open');
    stack.push(n);
    for (const m of next.get(n) ?? []) {
      if (state.get(m) === 'open') {
        const cycle = [...stack.slice(stack.indexOf(m)), m];
        const key = [...cycle].slice(0, -1).sort().join(',');
        if (!seen.has(key)) {
          seen.add(key);
          cycles.push(cycle);
        }
      } else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 'done');
  };
  for (const n of [...next.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

/** "folder → a, b, c" lines (for the report and a failing test's message). */
export function folderTable(edges: ImportEdge[]): string {
  const by = new Map<string, string[]>();
  for (const e of edges) by.set(e.from, [...(by.get(e.from) ?? []), e.to]);
  return [...by.entries()].map(([f, t]) => `${f.padEnd(11)} → ${t.join(', ')}`).join('\n');
}
