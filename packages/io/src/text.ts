/**
 * Bytes → text: gunzips `.gz` files, strips a UTF-8 byte-order mark, and refuses bytes that
 * are not valid UTF-8 with the position of the first bad byte and a hint when the file reads
 * as GBK / GB18030 (the usual encoding of Chinese spreadsheets exported on Windows).
 */
import type { IssueParams } from './messages.js';
import { enText } from './messages.js';
import { gunzipSync } from 'fflate';
import { DataError } from './issues.js';

export interface DecodeOptions {
  /** Text encoding; `utf-8` unless the manifest says otherwise (e.g. `gbk`, `gb18030`). */
  encoding?: string;
}

/** Decompresses a gzip file (named `*.gz`); other bytes pass through. */
export function maybeGunzip(bytes: Uint8Array, file: string): Uint8Array {
  if (!file.toLowerCase().endsWith('.gz')) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (e) {
    const params = { reason: (e as Error).message };
    throw new DataError(`${file}: ${enText('bad-gzip', params)}`, {
      severity: 'error',
      code: 'bad-gzip',
      file,
      message: enText('bad-gzip', params),
      params,
    });
  }
}

/**
 * The fatal decoder of `options.encoding` (UTF-8 by default; a leading BOM dropped) and the
 * encoding's lower-case name; an unknown encoding is the DataError `unknown-encoding` naming
 * `file`. Shared by `decodeText` and the chunked reader of @chainlens/scale.
 */
export function textDecoder(
  file: string,
  options: DecodeOptions = {},
): { decoder: InstanceType<typeof TextDecoder>; encoding: string } {
  const encoding = (options.encoding ?? 'utf-8').toLowerCase();
  try {
    return { decoder: new TextDecoder(encoding, { fatal: true, ignoreBOM: false }), encoding };
  } catch {
    throw new DataError(`${file}: unknown text encoding '${encoding}'`, {
      severity: 'error',
      code: 'unknown-encoding',
      file,
      message: `unknown text encoding '${encoding}'`,
      params: { encoding },
    });
  }
}

export function decodeText(bytes: Uint8Array, file: string, options: DecodeOptions = {}): string {
  const { decoder, encoding } = textDecoder(file, options);
  try {
    // ignoreBOM: false makes TextDecoder drop a leading BOM, as a spreadsheet export has.
    return decoder.decode(bytes);
  } catch {
    const message = describeBadBytes(bytes, encoding);
    throw new DataError(`${file}:${message.line}: ${message.text}`, {
      severity: 'error',
      code: 'bad-encoding',
      file,
      row: message.line,
      message: message.text,
      params: message.params,
    });
  }
}

function describeBadBytes(
  bytes: Uint8Array,
  encoding: string,
): { line: number; text: string; params: IssueParams } {
  // Only on the error path: decode leniently and find the first replacement character.
  const lenient = new TextDecoder(encoding).decode(bytes);
  const at = Math.max(0, lenient.indexOf('\uFFFD'));
  const prefix = lenient.slice(0, at);
  const line = prefix.split('\n').length;
  const column = at - (prefix.lastIndexOf('\n') + 1) + 1;
  const offset = new TextEncoder().encode(prefix).length;
  const shown = Array.from(bytes.subarray(offset, offset + 2), (b) =>
    b.toString(16).toUpperCase().padStart(2, '0'),
  ).join(' ');
  let hint = '';
  let form: string | undefined;
  if (encoding === 'utf-8' || encoding === 'utf8') {
    try {
      new TextDecoder('gb18030', { fatal: true }).decode(bytes);
      hint =
        '; it reads as GBK/GB18030: convert it to UTF-8, or set "encoding": "gbk" in chainlens.json';
      form = 'gbk';
    } catch {
      hint = '; save the file as UTF-8';
      form = 'utf8';
    }
  }
  return {
    line,
    text: badTextMessage(encoding, line, column, shown, hint),
    params: { form, encoding: encoding.toUpperCase(), line, column, bytes: shown },
  };
}

/** The message of bytes that do not decode, at their line and column (shared with scale). */
export function badTextMessage(
  encoding: string,
  line: number,
  column: number,
  shown: string,
  hint: string,
): string {
  return `not valid ${encoding.toUpperCase()} text at line ${line}, column ${column} (bytes ${shown})${hint}`;
}

/** Non-empty lines of bytes (a `\n` byte is a line break in UTF-8, GBK and GB18030). */
export function byteLines(bytes: Uint8Array): number {
  let n = 0;
  let start = 0;
  for (;;) {
    const i = bytes.indexOf(10, start);
    const end = i === -1 ? bytes.length : i;
    if (end > start && !(end === start + 1 && bytes[start] === 13)) n++;
    if (i === -1) return n;
    start = i + 1;
  }
}
