/**
 * CLI text groups per-α warnings (issue 16: `iso.uncertain` repeated ~30 lines on decane): one line per code and
 * severity with the α ranges; warnings without α stay one line each; JSON keeps every warning (not touched here).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { groupWarningsByAlpha, warning } from '../../src/core/warnings.ts';
import { formatWarnings } from '../../src/cli/output.ts';

const grid = Array.from({ length: 19 }, (_, k) => Math.round((0.05 + 0.05 * k) * 100) / 100);
const at = (alpha: number) =>
  warning('iso.uncertain', 'caution', `friedman Ea = 50 ± 9 kJ/mol (SE) at α = ${alpha}`, { alpha });

test('per-α warnings of one code become one entry with their α ranges', () => {
  const alphas = [0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.8, 0.85, 0.9, 0.95];
  const ws = [
    warning('kinetics.apparent', 'caution', 'apparent'),
    ...alphas.map(at),
    warning('iso.scatter', 'caution', 'jump at 0.5', { alpha: 0.5 }),
  ];
  const g = groupWarningsByAlpha(ws, grid);
  assert.deepEqual(
    g.map((x) => [x.first.code, x.alphas.length, x.ranges]),
    [
      ['kinetics.apparent', 0, ''],
      ['iso.uncertain', 11, '0.05–0.35, 0.8–0.95'],
      ['iso.scatter', 1, '0.5'],
    ],
  );
  const lines = formatWarnings(ws, '  ', grid);
  assert.equal(lines.length, 3);
  assert.equal(
    lines[1],
    '  !  caution  at α 0.05–0.35, 0.8–0.95 (11 conversions), e.g. friedman Ea = 50 ± 9 kJ/mol (SE) at α = 0.05 [iso.uncertain]',
  );
  assert.equal(lines[2], '  !  caution  jump at 0.5 [iso.scatter]');
});

test('grid gaps split ranges; without a grid the smallest spacing decides; severities are not mixed', () => {
  // 0.1, 0.3, 0.5 on a 0.05 grid are three separate points, not one range
  assert.equal(groupWarningsByAlpha([0.1, 0.3, 0.5].map(at), grid)[0].ranges, '0.1, 0.3, 0.5');
  assert.equal(groupWarningsByAlpha([0.1, 0.2, 0.3, 0.6].map(at))[0].ranges, '0.1–0.3, 0.6');
  const mixed = [at(0.1), { ...at(0.2), severity: 'unreliable' as const }];
  assert.equal(groupWarningsByAlpha(mixed, grid).length, 2);
});

test('a warning about a file names it; the same warning about several files is one line naming them all', () => {
  const note = (file: string) =>
    warning('transient.excluded', 'info', 'start-up transient excluded: the first 50 s', { file });
  const lines = formatWarnings([
    note('/data/run_10.csv'),
    note('/data/run_20.csv'),
    note('/data/run_40.csv'),
    warning('rows.dropped', 'caution', '3 rows dropped', { file: '/data/run_20.csv' }),
    warning('rows.dropped', 'caution', 'run_40.csv: 2 rows dropped', { file: '/data/run_40.csv' }),
    warning('kissinger.r2_low', 'unreliable', 'Kissinger R² = 0.85'),
  ]);
  assert.deepEqual(lines, [
    '     info  start-up transient excluded: the first 50 s [transient.excluded] (in run_10.csv, run_20.csv, run_40.csv)',
    '  !  caution  3 rows dropped [rows.dropped] (in run_20.csv)',
    // the message names its file already: no suffix
    '  !  caution  run_40.csv: 2 rows dropped [rows.dropped]',
    '  !! UNRELIABLE  Kissinger R² = 0.85 [kissinger.r2_low]',
  ]);
});
