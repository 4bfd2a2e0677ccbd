import { test } from 'node:test';
import assert from 'node:assert/strict';
import { errorFunction } from 'simple-statistics';
import { Xoshiro128 as Rng, splitMix64 } from '../../src/core/xoshiro128.ts';
import { shuffleInPlace } from '../../src/core/random.ts';

test('xoshiro128** matches the reference C implementation from state {1,2,3,4}', () => {
  // Values printed by the authors' reference code (prng.di.unimi.it/xoshiro128starstar.c) compiled with gcc.
  const rng = Rng.fromState(1, 2, 3, 4);
  assert.deepEqual(
    Array.from({ length: 6 }, () => rng.nextUint32()),
    [11520, 0, 5927040, 70819200, 2031721883, 1637235492],
  );
});

test('SplitMix64 matches its reference first outputs from state 0', () => {
  let [state, out] = splitMix64(0n);
  assert.equal(out, 16294208416658607535n);
  [state, out] = splitMix64(state);
  assert.equal(out, 7960286522194355700n);
});

test('streams are reproducible and distinct per (seed, index, stream)', () => {
  const draw = (seed: number, index: number, stream: number) => {
    const r = new Rng(seed, index, stream);
    return Array.from({ length: 4 }, () => r.nextUint32());
  };
  assert.deepEqual(draw(1, 7, 0), draw(1, 7, 0));
  assert.notDeepEqual(draw(1, 7, 0), draw(1, 8, 0));
  assert.notDeepEqual(draw(1, 7, 0), draw(1, 7, 1));
  assert.notDeepEqual(draw(1, 7, 0), draw(2, 7, 0));
  assert.throws(() => new Rng(-1), RangeError);
  assert.throws(() => new Rng(1.5), RangeError);
});

test('uniform and normal deviates have the right moments', () => {
  const rng = new Rng(42, 0, 0);
  const N = 200_000;
  let su = 0;
  let suu = 0;
  let sn = 0;
  let snn = 0;
  let beyond3 = 0;
  for (let i = 0; i < N; i++) {
    const u = rng.uniform();
    assert.ok(u >= 0 && u < 1);
    su += u;
    suu += u * u;
    const z = rng.normal();
    sn += z;
    snn += z * z;
    if (Math.abs(z) > 3) beyond3++;
  }
  assert.ok(Math.abs(su / N - 0.5) < 0.003, `uniform mean ${su / N}`);
  assert.ok(Math.abs(suu / N - (su / N) ** 2 - 1 / 12) < 0.002, 'uniform variance');
  assert.ok(Math.abs(sn / N) < 0.01, `normal mean ${sn / N}`);
  assert.ok(Math.abs(snn / N - 1) < 0.015, `normal variance ${snn / N}`);
  // P(|z| > 3) = 0.0027 → 540 expected, sd ≈ 23.
  assert.ok(beyond3 > 440 && beyond3 < 640, `beyond 3σ: ${beyond3}`);
});

test('shuffleInPlace is a seeded permutation', () => {
  const a = Array.from({ length: 100 }, (_, i) => i);
  const b = a.slice();
  shuffleInPlace(a, new Rng(3));
  shuffleInPlace(b, new Rng(3));
  assert.deepEqual(a, b);
  assert.notDeepEqual(
    a,
    Array.from({ length: 100 }, (_, i) => i),
  );
  assert.deepEqual(
    a.slice().sort((x, y) => x - y),
    Array.from({ length: 100 }, (_, i) => i),
  );
});

test('ziggurat normals follow the standard normal CDF, tails beyond the base layer included', () => {
  const rng = new Rng(7, 3, 1);
  const N = 400_000;
  const edges = [
    -Infinity,
    -3.442619855899,
    -3,
    -2.5,
    -2,
    -1.5,
    -1,
    -0.5,
    0,
    0.5,
    1,
    1.5,
    2,
    2.5,
    3,
    3.442619855899,
    Infinity,
  ];
  const counts = new Array(edges.length - 1).fill(0);
  for (let i = 0; i < N; i++) {
    const z = rng.normal();
    let b = 0;
    while (z >= edges[b + 1]) b++;
    counts[b]++;
  }
  const phi = (x: number): number =>
    x === Infinity ? 1 : x === -Infinity ? 0 : 0.5 * (1 + errorFunction(x / Math.SQRT2));
  for (let b = 0; b < counts.length; b++) {
    const expected = N * (phi(edges[b + 1]) - phi(edges[b]));
    // Binomial sd = √(N p (1 − p)) ≤ √expected; 5 sd leaves a 1-in-a-million false alarm per bin.
    assert.ok(
      Math.abs(counts[b] - expected) < 5 * Math.sqrt(expected),
      `bin ${edges[b]}…${edges[b + 1]}: ${counts[b]} vs ${expected.toFixed(0)}`,
    );
  }
});
