// The libtorch addon checks every argument of every exported function and turns C++ exceptions into JS errors:
// wrong types, typed-array kinds, lengths and integer ranges give a TypeError/RangeError naming the argument, and the
// process (and the network object) survive to run a valid call afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineAvailable, loadEngine } from '../../src/nn/engine.ts';
import { resolveNetSpec } from '../../src/nn/spec.ts';

const skip = engineAvailable() ? false : 'the libtorch addon is not built';

/** A tiny network: 1 channel × 4 points, 2 auxiliary values, 2 outputs. */
const resolved = resolveNetSpec({
  input: { channels: 1, length: 4 },
  aux: 2,
  outputs: 2,
  layers: [{ type: 'concat_aux' }, { type: 'linear', out: 2 }],
});

const typeError = (name: string) => (e: unknown) =>
  e instanceof TypeError && e.message.startsWith(name + ':') ? true : assert.fail(`got ${String(e)}`);
const rangeError = (name: string) => (e: unknown) =>
  e instanceof RangeError && e.message.startsWith(name + ':') ? true : assert.fail(`got ${String(e)}`);

/** Call with deliberately wrong arguments (the whole point: no compile-time type would allow them). */
const loose = (f: unknown) => f as (...args: unknown[]) => unknown;

test('new Net: layers, shape and every layer field are checked', { skip }, () => {
  const { Net } = loadEngine();
  const N = (layers: unknown, shape: unknown) =>
    new (Net as unknown as new (l: unknown, s: unknown) => unknown)(layers, shape);
  assert.throws(() => N('layers', resolved.shape), typeError('layers'));
  assert.throws(() => N(resolved.layers, undefined), typeError('shape'));
  assert.throws(() => N(resolved.layers, { ...resolved.shape, channels: 2.5 }), rangeError('shape.channels'));
  assert.throws(() => N(resolved.layers, { ...resolved.shape, length: '4' }), typeError('shape.length'));
  assert.throws(() => N(resolved.layers, { ...resolved.shape, outputs: -1 }), rangeError('shape.outputs'));
  assert.throws(() => N([42], resolved.shape), typeError('layers[0]'));
  assert.throws(() => N([{ type: 7 }], resolved.shape), typeError('layers[0].type'));
  assert.throws(() => N([{ type: 'lstm' }], resolved.shape), rangeError('layers[0].type'));
  assert.throws(() => N([{ type: 'linear', in: '6', out: 2 }], resolved.shape), typeError('layers[0].in'));
  assert.throws(() => N([{ type: 'linear', out: 2 }], resolved.shape), typeError('layers[0].in'));
  assert.throws(
    () => N([{ type: 'conv1d', in: 1, out: 2, kernel: 0 }], resolved.shape),
    rangeError('layers[0].kernel'),
  );
  assert.throws(() => N([{ type: 'dropout', p: 2 }], resolved.shape), rangeError('layers[0].p'));
});

test(
  'forward, setOptimizer, trainStep, saveState, loadState: wrong types and shapes are JS errors',
  { skip },
  () => {
    const engine = loadEngine();
    const net = new engine.Net(resolved.layers, resolved.shape);
    const x = new Float32Array(2 * 4);
    const aux = new Float32Array(2 * 2);
    const y = new Float32Array(2 * 2);
    const forward = loose(net.forward.bind(net));
    assert.throws(() => forward(new Float64Array(8), aux, 2), typeError('x'));
    assert.throws(() => forward(Array.from(x), aux, 2), typeError('x'));
    assert.throws(() => forward(new Float32Array(7), aux, 2), rangeError('x'));
    assert.throws(() => forward(x, aux, 0), rangeError('batch'));
    assert.throws(() => forward(x, aux, 1.5), rangeError('batch'));
    assert.throws(() => forward(x, aux, NaN), rangeError('batch'));
    assert.throws(() => forward(x, aux, '2'), typeError('batch'));
    assert.throws(() => forward(x, null, 2), rangeError('aux'));
    assert.throws(() => forward(x, new Int32Array(4), 2), typeError('aux'));
    assert.throws(() => forward(x, new Float32Array(3), 2), rangeError('aux'));
    assert.throws(() => forward(x, aux, 2, 'yes'), typeError('train'));

    const trainStep = loose(net.trainStep.bind(net));
    assert.throws(() => trainStep(x, aux, y, 2, 1e-3), /call setOptimizer first/);
    const setOptimizer = loose(net.setOptimizer.bind(net));
    assert.throws(() => setOptimizer('adam'), typeError('options'));
    assert.throws(() => setOptimizer({ type: 'sgd', lr: 1e-3 }), rangeError('options.type'));
    assert.throws(() => setOptimizer({ type: 'adam', lr: 'fast' }), typeError('options.lr'));
    assert.throws(() => setOptimizer({ type: 'adam', lr: -1 }), rangeError('options.lr'));
    net.setOptimizer({ type: 'adam', lr: 1e-3, weightDecay: 0 });
    assert.throws(() => trainStep(x, aux, new Float32Array(3), 2, 1e-3), rangeError('y'));
    assert.throws(() => trainStep(x, aux, new Float64Array(4), 2, 1e-3), typeError('y'));
    assert.throws(() => trainStep(x, aux, y, 2, NaN), rangeError('lr'));

    assert.throws(() => loose(net.saveState.bind(net))('yes'), typeError('withOptimizer'));
    const loadState = loose(net.loadState.bind(net));
    assert.throws(() => loadState('bytes'), typeError('state'));
    assert.throws(() => loadState(new Float32Array(4)), typeError('state'));
    assert.throws(() => loadState(Buffer.alloc(0)), rangeError('state'));
    // Not an archive: libtorch's own exception (c10::Error) arrives as a JS Error, the process goes on.
    assert.throws(
      () => loadState(Buffer.from('not a libtorch archive')),
      (e: unknown) => e instanceof Error && !(e instanceof TypeError) && e.message.length > 0,
    );

    // The same object still works.
    const out = net.forward(x, aux, 2);
    assert.equal(out.length, 4);
    assert.ok(Number.isFinite(net.trainStep(x, aux, y, 2, 1e-3)));
    assert.equal(net.loadState(net.saveState(true)), true);
  },
);

test('setNumThreads and manualSeed check their integers', { skip }, () => {
  const engine = loadEngine();
  const threads = engine.getNumThreads();
  assert.throws(() => loose(engine.setNumThreads.bind(engine))(0), rangeError('threads'));
  assert.throws(() => loose(engine.setNumThreads.bind(engine))('2'), typeError('threads'));
  assert.throws(() => loose(engine.manualSeed.bind(engine))(-1), rangeError('seed'));
  assert.throws(() => loose(engine.manualSeed.bind(engine))(1.5), rangeError('seed'));
  assert.throws(() => loose(engine.manualSeed.bind(engine))(undefined), typeError('seed'));
  engine.setNumThreads(threads);
  assert.equal(engine.getNumThreads(), threads);
});
