import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseDecimal, parsePlainNumber } from '../../src/io/instruments/units.ts';

/** The general-path grammar of `parseDecimal` (with a decimal point). */
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

const digitString = (min: number, max: number) =>
  fc.array(fc.constantFrom(...'0123456789'), { minLength: min, maxLength: max }).map((a) => a.join(''));

/** Number-like text: signs, up to 20 integer and fraction digits, optional exponent, and some junk characters. */
const numberText = fc
  .tuple(
    fc.constantFrom('', '', '-', '+'),
    digitString(0, 20),
    fc.option(digitString(0, 20)),
    fc.option(fc.tuple(fc.constantFrom('e', 'E'), fc.constantFrom('', '-', '+'), digitString(0, 3))),
    fc.constantFrom('', '', '', ' ', 'x', ','),
  )
  .map(
    ([sign, int, frac, exp, junk]) =>
      sign + int + (frac === null ? '' : '.' + frac) + (exp ? exp.join('') : '') + junk,
  );

test('parsePlainNumber: accepts exactly the plain-number grammar and equals Number() bit for bit', () => {
  fc.assert(
    fc.property(
      fc.oneof(
        numberText,
        fc.double().map(String),
        fc.double({ min: -1e6, max: 1e6 }).map((x) => x.toFixed(7)),
      ),
      (s) => {
        const v = parsePlainNumber(s, 0, s.length, '.');
        if (!PLAIN.test(s)) return v === undefined;
        return Object.is(v, Number(s));
      },
    ),
    { numRuns: 20000, seed: 7 },
  );
});

test('parsePlainNumber: worked cases, decimal commas, sub-ranges; parseDecimal unchanged around it', () => {
  assert.equal(parsePlainNumber('0.1', 0, 3, '.'), 0.1);
  assert.equal(parsePlainNumber('123.456e-5', 0, 10, '.'), 0.00123456);
  assert.ok(Object.is(parsePlainNumber('-0', 0, 2, '.'), -0));
  assert.equal(parsePlainNumber('9007199254740993', 0, 16, '.'), Number('9007199254740993')); // above 2⁵³
  assert.equal(parsePlainNumber('1e300', 0, 5, '.'), 1e300);
  assert.equal(parsePlainNumber('12,5', 0, 4, ','), 12.5);
  assert.equal(parsePlainNumber('12,5', 0, 4, '.'), undefined);
  assert.equal(parsePlainNumber('a,-3.25,b', 2, 7, '.'), -3.25);
  for (const bad of ['', '.', '-', '1e', '1e+', '1.2.3', ' 1', '1 ', '0x10', 'Infinity', 'NaN']) {
    assert.equal(parsePlainNumber(bad, 0, bad.length, '.'), undefined, JSON.stringify(bad));
  }
  // parseDecimal still trims and still refuses what is not a number.
  assert.equal(parseDecimal(' 42.5 '), 42.5);
  assert.equal(parseDecimal('3,5', ','), 3.5);
  assert.ok(Number.isNaN(parseDecimal('0x10')));
  assert.ok(Number.isNaN(parseDecimal('')));
});
