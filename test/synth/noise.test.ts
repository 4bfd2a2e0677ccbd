import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  CLEAN_NOISE,
  PAPER_NOISE,
  addCompositeNoise,
  noiseByName,
  type NoiseParams,
} from '../../src/synth/noise.ts';
import { Xoshiro128 as Rng } from '../../src/core/xoshiro128.ts';

test('the paper noise is pinned to the amplitudes of science.md §5', () => {
  assert.deepEqual(
    { ...PAPER_NOISE },
    {
      name: 'paper',
      baselineOffsetSigma: 0.02,
      baselineRampSigma: 0.02,
      signalSigma: 0.02,
      whiteSigma: 0.005,
      spikeProbability: 0.005,
      spikeSigma: 0.2,
    },
  );
  assert.equal(noiseByName('paper*2').whiteSigma, 0.01);
  assert.equal(noiseByName('paper*2').spikeProbability, 0.005);
  assert.throws(() => noiseByName('loud'), RangeError);
});

const only = (p: Partial<NoiseParams>): NoiseParams => ({ ...CLEAN_NOISE, name: 'test', ...p });

/** Apply `params` to `curves` copies of `signal`; returns the noise (y − s) per curve. */
function noiseSamples(params: NoiseParams, signal: number[], curves: number): Float64Array[] {
  const rng = new Rng(9, 0, 1);
  return Array.from({ length: curves }, () => {
    const y = addCompositeNoise(signal, params, rng) as Float64Array;
    return y.map((v, i) => v - signal[i]);
  });
}

function std(values: number[]): number {
  const m = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - m) ** 2, 0) / values.length);
}

test('white noise: N(0, 0.005) per point', () => {
  const e = noiseSamples(only({ whiteSigma: PAPER_NOISE.whiteSigma }), Array(200).fill(0.3), 200).flatMap(
    (c) => Array.from(c),
  );
  assert.ok(Math.abs(std(e) / 0.005 - 1) < 0.02, `std ${std(e)}`);
});

test('signal-dependent fluctuation: s·N(0, 0.02), zero where the signal is zero', () => {
  const signal = Array.from({ length: 200 }, (_, i) => (i < 100 ? 0 : 0.5));
  const e = noiseSamples(only({ signalSigma: PAPER_NOISE.signalSigma }), signal, 200);
  const low = e.flatMap((c) => Array.from(c.subarray(0, 100)));
  const high = e.flatMap((c) => Array.from(c.subarray(100)));
  assert.ok(low.every((v) => v === 0));
  assert.ok(Math.abs(std(high) / (0.5 * 0.02) - 1) < 0.02, `std ${std(high)}`);
});

test('baseline drift: an offset N(0, 0.02) plus a ramp from 0 to N(0, 0.02) at the window end', () => {
  const offsets = noiseSamples(only({ baselineOffsetSigma: 0.02 }), Array(200).fill(0), 4000);
  assert.ok(
    offsets.every((c) => c.every((v) => v === c[0])),
    'the offset is constant along a curve',
  );
  assert.ok(Math.abs(std(offsets.map((c) => c[0])) / 0.02 - 1) < 0.05);
  const ramps = noiseSamples(only({ baselineRampSigma: 0.02 }), Array(200).fill(0), 4000);
  assert.ok(
    ramps.every((c) => c[0] === 0),
    'the ramp starts at 0',
  );
  assert.ok(
    ramps.every((c) => Math.abs(c[100] - (c[199] * 100) / 199) < 1e-15),
    'the ramp is linear',
  );
  assert.ok(Math.abs(std(ramps.map((c) => c[199])) / 0.02 - 1) < 0.05);
});

test('spikes: probability 0.005 per point, amplitude N(0, 0.2)', () => {
  const e = noiseSamples(
    only({ spikeProbability: 0.005, spikeSigma: 0.2 }),
    Array(200).fill(0),
    2000,
  ).flatMap((c) => Array.from(c));
  const spikes = e.filter((v) => v !== 0);
  // 400,000 points × 0.005 = 2000 expected, sd ≈ 45.
  assert.ok(spikes.length > 1850 && spikes.length < 2150, `spikes ${spikes.length}`);
  assert.ok(Math.abs(std(spikes) / 0.2 - 1) < 0.06, `std ${std(spikes)}`);
});

test('clean noise draws no random numbers and copies the signal', () => {
  const rng = new Rng(1);
  const before = new Rng(1).nextUint32();
  const y = addCompositeNoise([0.1, 1, 0.2], CLEAN_NOISE, rng);
  assert.deepEqual(Array.from(y as Float64Array), [0.1, 1, 0.2]);
  assert.equal(rng.nextUint32(), before);
});
