import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/paths.ts';
import { folderCycles, folderImports, folderTable, type ImportEdge } from './import-graph.ts';

/**
 * The shape of src/ (docs: /work/shared/design/architecture.md, src/app/index.ts): the shells (cli, server) on top,
 * the use cases (app) under them, science and input/output below, core at the bottom; one direction of dependency.
 */
const SHELLS = ['cli', 'server'];
const SCIENCE = ['kinetics', 'analysis', 'safety', 'dsc', 'nn', 'synth'];

/**
 * Edges that break a rule today and belong to another branch's work. Each must still exist (a fixed one is removed
 * from here), so the list cannot silently outlive its reason.
 */
const KNOWN_EXCEPTIONS: { edge: string; todo: string }[] = [];

function violations(edges: ImportEdge[]): string[] {
  const out: string[] = [];
  for (const e of edges) {
    const edge = `${e.from}→${e.to}`;
    const why = (rule: string) => out.push(`${edge}: ${rule} (${e.files.slice(0, 3).join('; ')})`);
    if (SHELLS.includes(e.from) && SHELLS.includes(e.to))
      why('the CLI and the server never import each other');
    if (e.to === '(root)') why('nothing imports the composition root');
    if (e.from === '(root)') continue;
    if (e.from === 'app' && SHELLS.includes(e.to)) why('app imports no shell');
    if (!SHELLS.includes(e.from) && e.from !== 'app' && [...SHELLS, 'app'].includes(e.to))
      why('nothing below the use-case layer imports app, cli or server');
    if (e.from === 'core') why('core is the bottom layer: it imports no other folder');
    if (SCIENCE.includes(e.from) && e.to === 'io' && !e.typeOnly)
      why('science reads no files: it may use io’s data types (import type), not its code');
  }
  return out;
}

test('import graph: no forbidden edge between folders, no folder cycle; only src/main.ts imports both shells', () => {
  const edges = folderImports(join(REPO_ROOT, 'src'));
  const table = folderTable(edges);
  const known = new Set(KNOWN_EXCEPTIONS.map((k) => k.edge));
  const bad = violations(edges).filter((v) => !known.has(v.slice(0, v.indexOf(':'))));
  assert.deepEqual(bad, [], `forbidden edges:\n${bad.join('\n')}\n\nfolder imports:\n${table}`);
  for (const k of KNOWN_EXCEPTIONS) {
    assert.ok(
      violations(edges).some((v) => v.startsWith(`${k.edge}:`)),
      `${k.edge} no longer breaks a rule: remove it from KNOWN_EXCEPTIONS (${k.todo})`,
    );
  }
  assert.deepEqual(folderCycles(edges), [], `folder cycles:\n${table}`);
  // The root is the only module that sees both shells.
  const root = edges.filter((e) => e.from === '(root)').map((e) => e.to);
  assert.ok(root.includes('cli') && root.includes('server'), `root imports ${root.join(', ')}`);
});

test('import-graph checker: it finds a forbidden edge and a cycle when there is one', () => {
  const e = (from: string, to: string): ImportEdge => ({
    from,
    to,
    files: [`${from}/x.ts → ${to}/y.ts`],
    typeOnly: false,
  });
  assert.equal(violations([e('cli', 'server')]).length, 1);
  assert.equal(violations([e('analysis', 'app')]).length, 1);
  assert.equal(violations([e('kinetics', 'io')]).length, 1);
  assert.equal(violations([{ ...e('kinetics', 'io'), typeOnly: true }]).length, 0);
  assert.equal(violations([e('app', 'analysis'), e('server', 'app')]).length, 0);
  assert.deepEqual(folderCycles([e('a', 'b'), e('b', 'c'), e('c', 'a')]), [['a', 'b', 'c', 'a']]);
  assert.deepEqual(folderCycles([e('a', 'b'), e('b', 'c')]), []);
});
