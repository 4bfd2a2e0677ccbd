import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Type } from '@sinclair/typebox';
import { checkJson, parseJson } from '../../src/core/json.ts';
import { InputError } from '../../src/core/input-error.ts';
import { readModelManifest, SHIPPED_MODELS } from '../../src/nn/model.ts';
import { readPresetFile } from '../../src/nn/presets.ts';

const isInputError = (re: RegExp) => (e: unknown) => e instanceof InputError && re.test(e.message);

test('checkJson: the typed value, or an InputError naming the file, the JSON path and what was expected', () => {
  const schema = Type.Object({ a: Type.Number(), b: Type.Array(Type.String()) });
  assert.deepEqual(checkJson(schema, { a: 1, b: ['x'] }, 'thing'), { a: 1, b: ['x'] });
  assert.throws(
    () => checkJson(schema, { a: 1, b: ['x', 2] }, 'thing', 'f.json'),
    isInputError(/^f\.json: thing: \/b\/1: Expected string$/),
  );
  assert.throws(() => checkJson(schema, 5, 'thing'), isInputError(/thing: \(top level\): Expected object/));
  assert.throws(() => parseJson('{"a": ', 'g.json'), isInputError(/^g\.json: invalid JSON/));
});

test('a model manifest with a malformed layer is refused with the file and the place in it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-json-'));
  const m = JSON.parse(readFileSync(join(SHIPPED_MODELS.best, 'manifest.json'), 'utf8')) as {
    net: { layers: Record<string, unknown>[] };
  };
  m.net.layers[0].out = 'thirty-two';
  const modelDir = join(dir, 'model');
  mkdirSync(modelDir);
  writeFileSync(join(modelDir, 'manifest.json'), JSON.stringify(m));
  assert.throws(
    () => readModelManifest(modelDir),
    isInputError(/manifest\.json: model manifest: \/net\/layers\/0/),
  );
  // The shipped manifests pass.
  for (const d of Object.values(SHIPPED_MODELS))
    assert.equal(readModelManifest(d).format, 'cathode-kinetics-cnn');
});

test('a preset file whose recipe has a wrong type is refused before training starts', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ckin-json-'));
  const file = join(dir, 'preset.json');
  const net = {
    input: { channels: 3, length: 20 },
    aux: 0,
    outputs: 2,
    layers: [{ type: 'flatten' }, { type: 'linear', out: 2 }],
  };
  writeFileSync(file, JSON.stringify({ net, train: { lr: 'fast' } }));
  assert.throws(
    () => readPresetFile(file),
    isInputError(/preset\.json: preset: \/train\/lr: Expected number/),
  );
  writeFileSync(file, JSON.stringify({ net, train: { lr: 0.01 } }));
  assert.equal(readPresetFile(file).train.lr, 0.01);
});
