/**
 * Byte-level mutations of real input files for fuzzing the readers (AFL-style havoc, written here because the
 * mutations must be seeded and reproducible inside Node without a native fuzzer): bit flips, byte insert/delete,
 * truncation, line duplication/deletion/swap, decimal-mark and delimiter swaps, special numbers, encoding damage,
 * splicing with another file.
 */
import { insertAt } from '../core/arrays.ts';
/** A source of uniform deviates in [0, 1) (e.g. `() => rng.uniform()` of a core/random Rng). */
export type Random = () => number;

const SPECIAL = [
  'NaN',
  'Infinity',
  '-Infinity',
  '',
  '1e309',
  '-0',
  '0x1F',
  '١٢٣',
  '1,2,3',
  '"',
  '\u0000',
  '\uFEFF',
];

/** Apply 1–4 random mutations to `input`; `other` is a second file for splicing. */
export function mutate(input: Uint8Array, other: Uint8Array, rnd: Random): Uint8Array {
  let buf: Buffer = Buffer.from(input);
  const rounds = 1 + Math.floor(rnd() * 4);
  for (let r = 0; r < rounds; r++) buf = mutateOnce(buf, Buffer.from(other), rnd);
  return buf;
}

function pick<T>(arr: T[], rnd: Random): T {
  return arr[Math.floor(rnd() * arr.length)];
}

function mutateOnce(buf: Buffer, other: Buffer, rnd: Random): Buffer {
  const n = buf.length;
  const at = () => Math.floor(rnd() * Math.max(1, n));
  switch (Math.floor(rnd() * 12)) {
    case 0: {
      // flip a bit
      if (!n) return buf;
      const b = Buffer.from(buf);
      const i = at();
      b[i] ^= 1 << Math.floor(rnd() * 8);
      return b;
    }
    case 1: // insert random bytes
      return Buffer.concat([
        buf.subarray(0, at()),
        Buffer.from(Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => Math.floor(rnd() * 256))),
        buf.subarray(at()),
      ]);
    case 2: {
      // delete a range
      const i = at();
      return Buffer.concat([buf.subarray(0, i), buf.subarray(Math.min(n, i + 1 + Math.floor(rnd() * 64)))]);
    }
    case 3: // truncate (mid-line)
      return buf.subarray(0, at());
    default:
      break;
  }
  // Line-level mutations on the latin-1 view (keeps every byte).
  const lines = buf.toString('latin1').split('\n');
  const li = Math.floor(rnd() * lines.length);
  switch (Math.floor(rnd() * 8)) {
    case 0:
      lines.splice(li, 0, lines[li] ?? '');
      break;
    case 1:
      lines.splice(li, 1);
      break;
    case 2: {
      const lj = Math.floor(rnd() * lines.length);
      [lines[li], lines[lj]] = [lines[lj], lines[li]];
      break;
    }
    case 3:
      lines[li] = (lines[li] ?? '').replace(/\./g, ',');
      break;
    case 4:
      lines[li] = (lines[li] ?? '').replace(/[,;\t]/g, pick([';', '\t', ',', ' '], rnd));
      break;
    case 5:
      lines[li] = (lines[li] ?? '').replace(/-?\d+(\.\d+)?/, pick(SPECIAL, rnd));
      break;
    case 6: // a big block of duplicated data lines
      insertAt(
        lines,
        li,
        Array.from({ length: 200 }, () => lines[li] ?? ''),
      );
      break;
    default: {
      const o = other.toString('latin1').split('\n');
      const k = Math.floor(rnd() * o.length);
      insertAt(lines, li, o.slice(k, k + 1 + Math.floor(rnd() * 20)));
    }
  }
  let out = Buffer.from(lines.join('\n'), 'latin1');
  if (rnd() < 0.05) out = Buffer.from(out.toString('latin1'), 'utf16le'); // encoding change
  return out;
}
