/**
 * Bytes → text for instrument exports. Instruments write UTF-16 (TA Universal Analysis, Setaram), latin-1 / an
 * OEM code page (NETZSCH Proteus "ANSI"/"ASCII" exports with a degree sign) or UTF-8 (Mettler STARe, PerkinElmer Pyris),
 * and files that were edited by hand sometimes mix encodings line by line. Node's TextDecoder does the decoding;
 * the choice of decoder is made here from the bytes, never from the file name.
 */
export interface DecodedText {
  text: string;
  /** `utf-16le`, `utf-16be`, `utf-8`, `latin-1` or `mixed (utf-8 + latin-1)`. */
  encoding: string;
  notes: string[];
  warnings: string[];
}

/** Share of NUL bytes at odd (or even) positions above which a BOM-less file is taken as UTF-16. */
const UTF16_NUL_SHARE = 0.3;

/** Decode a file's bytes: BOM first, then NUL-byte pattern (UTF-16 without BOM), then strict UTF-8, else latin-1 per line. */
export function decodeText(bytes: Uint8Array): DecodedText {
  const notes: string[] = [];
  const warnings: string[] = [];
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return finish(
      new TextDecoder('utf-16le').decode(bytes.subarray(2)),
      'utf-16le',
      notes,
      warnings,
      bytes.length - 2,
    );
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return finish(
      new TextDecoder('utf-16be').decode(bytes.subarray(2)),
      'utf-16be',
      notes,
      warnings,
      bytes.length - 2,
    );
  }
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    bytes = bytes.subarray(3);
  }
  const sample = bytes.subarray(0, Math.min(bytes.length, 4096));
  let nulEven = 0;
  let nulOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) nulEven++;
      else nulOdd++;
    }
  }
  const half = sample.length / 2;
  if (half > 0 && nulOdd / half > UTF16_NUL_SHARE && nulOdd > 4 * nulEven) {
    notes.push('no byte-order mark but NUL bytes at odd offsets: decoded as UTF-16LE');
    return finish(new TextDecoder('utf-16le').decode(bytes), 'utf-16le', notes, warnings, bytes.length);
  }
  if (half > 0 && nulEven / half > UTF16_NUL_SHARE && nulEven > 4 * nulOdd) {
    notes.push('no byte-order mark but NUL bytes at even offsets: decoded as UTF-16BE');
    return finish(new TextDecoder('utf-16be').decode(bytes), 'utf-16be', notes, warnings, bytes.length);
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return finish(text, 'utf-8', notes, warnings, bytes.length);
  } catch {
    // Not valid UTF-8 as a whole: decode line by line, UTF-8 where valid, latin-1 (ISO-8859-1) elsewhere.
  }
  return decodeMixed(bytes, notes, warnings);
}

function decodeMixed(bytes: Uint8Array, notes: string[], warnings: string[]): DecodedText {
  const strict = new TextDecoder('utf-8', { fatal: true });
  const latin1 = new TextDecoder('latin1');
  const parts: string[] = [];
  let utf8Lines = 0;
  let latinLines = 0;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      const line = bytes.subarray(start, i === bytes.length ? i : i + 1);
      let hasHigh = false;
      for (const b of line) if (b >= 0x80) hasHigh = true;
      if (!hasHigh) parts.push(latin1.decode(line));
      else {
        try {
          parts.push(strict.decode(line));
          utf8Lines++;
        } catch {
          parts.push(latin1.decode(line));
          latinLines++;
        }
      }
      start = i + 1;
    }
  }
  const text = parts.join('');
  if (utf8Lines > 0 && latinLines > 0) {
    warnings.push(
      `mixed encodings: ${utf8Lines} line(s) with non-ASCII characters are UTF-8 and ${latinLines} are latin-1; each line decoded on its own`,
    );
    return finish(text, 'mixed (utf-8 + latin-1)', notes, warnings, bytes.length);
  }
  notes.push('not valid UTF-8: decoded as latin-1 (ISO-8859-1)');
  return finish(text, 'latin-1', notes, warnings, bytes.length);
}

function finish(
  text: string,
  encoding: string,
  notes: string[],
  warnings: string[],
  nBytes: number,
): DecodedText {
  if (text.includes('\uFFFD')) {
    warnings.push(
      'the text contains U+FFFD replacement characters (an earlier conversion lost some characters, e.g. degree signs); units are read from the remaining letters',
    );
  }
  if (text.includes('\u0000')) {
    warnings.push(
      `NUL characters in the decoded ${encoding} text (${nBytes} bytes): probably a binary file, not a text export`,
    );
  }
  return { text, encoding, notes, warnings };
}

/** Split text into lines on CRLF, CR or LF (NETZSCH exports mix them). */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
