import type { Run } from '../run.ts';
import type { InstrumentReadOptions } from './build-run.ts';
import { looksLikeMettler, parseMettler } from './mettler.ts';
import { looksLikeNetzsch, parseNetzsch } from './netzsch.ts';
import { looksLikePerkinElmer, parsePerkinElmer } from './perkinelmer.ts';
import { looksLikeSetaram, parseSetaram } from './setaram.ts';
import { looksLikeTaTrios, parseTaTrios } from './ta-trios.ts';
import { looksLikeTaUniversal, parseTaUniversal } from './ta-universal.ts';

export type InstrumentFormat =
  'netzsch' | 'ta-universal' | 'ta-trios' | 'mettler' | 'perkinelmer' | 'setaram';

interface FormatEntry {
  format: InstrumentFormat;
  looksLike: (text: string) => boolean;
  parse: (text: string, file: string, opts?: InstrumentReadOptions) => Run;
}

/** Instrument formats in the order they are tried; each test looks at the content only, never the file name. */
export const INSTRUMENT_FORMATS: readonly FormatEntry[] = [
  { format: 'netzsch', looksLike: looksLikeNetzsch, parse: parseNetzsch },
  { format: 'ta-universal', looksLike: looksLikeTaUniversal, parse: parseTaUniversal },
  { format: 'ta-trios', looksLike: looksLikeTaTrios, parse: parseTaTrios },
  { format: 'mettler', looksLike: looksLikeMettler, parse: parseMettler },
  { format: 'perkinelmer', looksLike: looksLikePerkinElmer, parse: parsePerkinElmer },
  { format: 'setaram', looksLike: looksLikeSetaram, parse: parseSetaram },
];

/** The instrument format of a decoded text, or undefined (then the generic CSV reader applies). */
export function detectInstrumentFormat(text: string): InstrumentFormat | undefined {
  return INSTRUMENT_FORMATS.find((f) => f.looksLike(text))?.format;
}

/** Parse a decoded text with its detected instrument reader; undefined when no instrument format matches. */
export function parseInstrumentText(
  text: string,
  file: string,
  opts: InstrumentReadOptions = {},
): Run | undefined {
  const entry = INSTRUMENT_FORMATS.find((f) => f.looksLike(text));
  return entry ? entry.parse(text, file, opts) : undefined;
}
