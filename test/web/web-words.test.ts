import { test } from 'node:test';
import assert from 'node:assert/strict';
import { webWords } from '../../web/src/web-words.ts';
import { collectWarnings, normaliseWarning, warningsHtml } from '../../web/src/warnings-view.ts';

/**
 * The page's wording of analysis messages (no browser needed): the messages the readers and the analysis really
 * raise, spelled with CLI options, come out naming the page's fields; and warnings of either shape (plain strings
 * or structured ResultWarning with any field missing) are shown with a severity.
 */
test('messages that name CLI options name the page fields instead', () => {
  const cases: [string, RegExp][] = [
    [
      'heat flow is in mW but the sample mass is unknown; give it with --sample-mass',
      /enter it in the “Sample mass \(mg\)” field$/,
    ],
    [
      'heating rate unknown: give it with --rates (K/min), one per file in order',
      /type it in the β \(K\/min\) cell of the file table$/,
    ],
    [
      'line 1 is numeric: the file has no header naming its columns; name them with --columns, e.g. --columns temperature_C,mass_mg',
      /name them in the “Columns of files without a header” field, e\.g\. temperature_C,mass_mg$/,
    ],
    [
      'the heat flow in the window 200–300 °C lies below its baseline (net endotherm): if exotherms are recorded negative, pass --exo-sign -1',
      /choose “flip” under “Exotherm sign”$/,
    ],
    [
      'a run starting at 300.0 looks like kelvin; pass --temperature-unit K (or C) to say which',
      /choose K \(or °C\) under “Temperature unit” to say which$/,
    ],
    ['--window: expected LO:HI in °C (e.g. 200:400), got "x"', /^Stage window\(s\), °C: expected/],
  ];
  for (const [cli, web] of cases) {
    const out = webWords(cli);
    assert.match(out, web, out);
    assert.doesNotMatch(out, /--[a-z]/, `no CLI option left in "${out}"`);
  }
  assert.equal(webWords('no peak found'), 'no peak found');
});

test('warnings: strings and structured ones, fields missing or wrong, duplicates dropped; severity as text', () => {
  assert.deepEqual(normaliseWarning('two rates only'), { severity: 'caution', message: 'two rates only' });
  assert.deepEqual(
    normaliseWarning({
      code: 'k.two',
      severity: 'unreliable',
      message: 'm',
      stage: 2,
      alpha: 0.5,
      file: 'a.csv',
    }),
    { code: 'k.two', severity: 'unreliable', message: 'm', stage: 2, alpha: 0.5, file: 'a.csv' },
  );
  assert.equal(normaliseWarning({ severity: 'bogus', message: 'x' })?.severity, 'caution');
  assert.equal(normaliseWarning({ code: 'only.code' })?.message, 'only.code');
  assert.equal(normaliseWarning({}), undefined);
  assert.equal(normaliseWarning(42), undefined);
  const list = collectWarnings(['a', 'a'], undefined, 'not a list', [{ severity: 'info', message: 'b' }]);
  assert.deepEqual(
    list.map((w) => w.message),
    ['a', 'b'],
  );
  const html = warningsHtml(
    [{ severity: 'unreliable', message: 'give it with --rates', stage: 1, alpha: 0.3 }],
    'Warnings <x>',
    'unreliable',
  );
  assert.match(html, /<span class="badge sev-unreliable">unreliable<\/span> type it in the β/);
  assert.match(html, /\(stage 1, α = 0\.3\)/);
  assert.match(html, /aria-label="Warnings &lt;x&gt;"/);
  assert.equal(warningsHtml([], 'none', 'ok'), '');
});
