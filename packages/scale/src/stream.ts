/**
 * Tables read in chunks: a file's bytes (gunzipped when `.gz`) decoded to text chunk by chunk,
 * and a CSV/TSV scanner that parses those chunks with papaparse into the same header + rows
 * (with the same line numbers and the same errors) as `@chainlens/io`'s `scanDelimited` gives
 * for the whole text, so that io's validators run unchanged on files too large to hold.
 *
 * Memory: one chunk of text (a few MB) plus the row being handed over; nothing per row is kept.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { Gunzip } from 'fflate';
import type { DecodeOptions, TableSink } from '@chainlens/io';
import {
  CONTROL,
  DataError,
  DelimitedRows,
  emptyFileError,
  LineEndings,
  TableError,
  badTextMessage,
  textDecoder,
  formatOf,
} from '@chainlens/io';
import Papa from 'papaparse';

/** Bytes read per step (decoded text chunks are about this many characters). */
export const CHUNK_BYTES = 8 << 20;

/** The raw bytes of a file in chunks, gunzipped when the name ends in `.gz`. */
export function* byteChunks(path: string, chunkBytes = CHUNK_BYTES): Generator<Uint8Array> {
  const gz = path.toLowerCase().endsWith('.gz');
  const fd = openSync(path, 'r');
  try {
    const buffer = new Uint8Array(chunkBytes);
    let out: Uint8Array[] = [];
    let gunzip: Gunzip | undefined;
    if (gz) gunzip = new Gunzip((data) => out.push(data));
    for (;;) {
      const n = readSync(fd, buffer, 0, buffer.length, null);
      if (!gunzip) {
        if (n === 0) return;
        yield buffer.slice(0, n);
        continue;
      }
      try {
        gunzip.push(buffer.slice(0, n), n === 0);
      } catch (e) {
        throw new DataError(`${path}: not a valid gzip file (${(e as Error).message})`, {
          severity: 'error',
          code: 'bad-gzip',
          file: path,
          message: `not a valid gzip file (${(e as Error).message})`,
        });
      }
      const ready = out;
      out = [];
      yield* ready;
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of a file in chunks, decoded in `encoding` (UTF-8 unless the manifest says) with a
 * fatal decoder; a leading byte-order mark is dropped. Bytes that do not decode give the
 * DataError `@chainlens/io` gives for the whole file (line, byte offset, a GBK hint).
 */
export function* textChunks(
  path: string,
  file: string,
  options: DecodeOptions = {},
  chunkBytes = CHUNK_BYTES,
): Generator<string> {
  const { decoder, encoding } = textDecoder(file, options);
  try {
    for (const bytes of byteChunks(path, chunkBytes)) {
      const text = decoder.decode(bytes, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (e) {
    if (e instanceof DataError || !(e instanceof TypeError)) throw e;
    throw badBytes(path, file, encoding, chunkBytes);
  }
}

/** The DataError of io's `decodeText` for the first bytes of a file that do not decode. */
function badBytes(path: string, file: string, encoding: string, chunkBytes: number): DataError {
  // As io: decode leniently, find the first replacement character, count lines before it.
  const lenient = new TextDecoder(encoding);
  const encoder = new TextEncoder();
  let offset = 0;
  let line = 1;
  let column = 1;
  let found = false;
  for (const bytes of byteChunks(path, chunkBytes)) {
    const text = lenient.decode(bytes, { stream: true });
    const at = text.indexOf('\uFFFD');
    const prefix = at === -1 ? text : text.slice(0, at);
    offset += encoder.encode(prefix).length;
    for (let i = prefix.indexOf('\n'); i !== -1; i = prefix.indexOf('\n', i + 1)) line++;
    const lastBreak = prefix.lastIndexOf('\n');
    column = lastBreak === -1 ? column + prefix.length : prefix.length - lastBreak;
    if (at !== -1) {
      found = true;
      break;
    }
  }
  const shown: string[] = [];
  let position = 0;
  for (const bytes of byteChunks(path, chunkBytes)) {
    for (let i = Math.max(0, offset - position); i < bytes.length && shown.length < 2; i++) {
      shown.push(bytes[i]!.toString(16).toUpperCase().padStart(2, '0'));
    }
    position += bytes.length;
    if (shown.length >= 2 || !found) break;
  }
  let hint = '';
  let form: string | undefined;
  if (encoding === 'utf-8' || encoding === 'utf8') {
    try {
      const gb = new TextDecoder('gb18030', { fatal: true });
      for (const bytes of byteChunks(path, chunkBytes)) gb.decode(bytes, { stream: true });
      gb.decode();
      hint =
        '; it reads as GBK/GB18030: convert it to UTF-8, or set "encoding": "gbk" in chainlens.json';
      form = 'gbk';
    } catch {
      hint = '; save the file as UTF-8';
      form = 'utf8';
    }
  }
  const text = badTextMessage(encoding, line, column, shown.join(' '), hint);
  const error = new DataError(`${file}:${line}: ${text}`, {
    severity: 'error',
    code: 'bad-encoding',
    file,
    row: line,
    message: text,
    // The facts io's decodeText gives, so that both readers say the same in every language.
    params: { form, encoding: encoding.toUpperCase(), line, column, bytes: shown.join(' ') },
  });
  // Every data row of the file (non-empty lines but the header): those not read are lost.
  let lines = 0;
  let open = false;
  for (const bytes of byteChunks(path, chunkBytes)) {
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === 10) {
        if (open) lines++;
        open = false;
      } else if (b !== 13) open = true;
    }
  }
  if (open) lines++;
  error.total = Math.max(0, lines - 1);
  return error;
}

/**
 * Line breaks normalised to `\n` across chunk boundaries (a `\r` at the end of a chunk waits
 * for the next one), and a byte-order mark left at the start of the text dropped, as io's
 * `scanDelimited` does for the whole text.
 */
function* normalised(chunks: Iterable<string>, endings?: LineEndings): Generator<string> {
  let start = true;
  let carry = false;
  for (let text of chunks) {
    if (carry) {
      text = `\r${text}`;
      carry = false;
    }
    if (start && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      start = false;
    }
    if (text.endsWith('\r')) {
      text = text.slice(0, -1);
      carry = true;
    }
    endings?.feed(text);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    if (text) yield text;
  }
  if (carry) {
    endings?.feed('\r');
    yield '\n';
  }
}

interface ParserHandle {
  parse(
    input: string,
    baseIndex: number,
    ignoreLastRow: boolean,
  ): { meta: { cursor: number; aborted?: boolean } };
  abort(): void;
}
type ParserHandleClass = new (config: Papa.ParseConfig<string[]>) => ParserHandle;

/**
 * CSV / TSV text in chunks → header + rows, exactly as io's `scanDelimited` reads the whole
 * text (papaparse with the same options; a row is reported at its first line; blank lines
 * skipped; a malformed row stops the scan with the same TableError). Each chunk is parsed
 * with papaparse's own streaming handle (`ParserHandle.parse(text, baseIndex, ignoreLastRow)`),
 * which leaves an incomplete last record for the next chunk. `checkCells` false hands rows
 * with a control character or a field above 64 KiB on as rows (for a caller that checks them).
 */
export function scanDelimitedChunks(
  chunks: Iterable<string>,
  sink: TableSink,
  delimiter = ',',
  checkCells = true,
): void {
  const Handle = (Papa as unknown as { ParserHandle: ParserHandleClass }).ParserHandle;
  const rows = new DelimitedRows(sink, checkCells);
  // Set once a chunk holds a control character: rows are searched for one from then on.
  let controls = false;
  // `line` is the line number at absolute position `pos`; `text` starts at absolute `base`.
  let pos = 0;
  let line = 1;
  let text = '';
  let base = 0;
  const countTo = (end: number) => {
    for (
      let i = text.indexOf('\n', pos - base);
      i !== -1 && i + base < end;
      i = text.indexOf('\n', i + 1)
    )
      line++;
    pos = end;
  };
  const handle = new Handle({
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: true,
    step: (result, parser) => {
      while (text.charCodeAt(pos - base) === 10) {
        pos++;
        line++;
      }
      const start = line;
      const startPos = pos;
      countTo(result.meta.cursor);
      const error = result.errors[0];
      if (!rows.record(result.data, error, start, controls, text, startPos - base, pos - base)) {
        parser.abort();
      }
    },
  });
  // Rows after a failure, in the chunks not yet parsed: counted as not read.
  const unreadRest = (rest: Iterator<string>, continues: boolean) => {
    const failure = rows.failure;
    if (!failure || failure.unread === undefined) return;
    let open = continues;
    for (let r = rest.next(); !r.done; r = rest.next()) {
      const chunk = r.value;
      let from = 0;
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', from)) {
        // A line continuing from the text already counted is not counted twice.
        if (i > from && !(from === 0 && open)) failure.unread++;
        open = false;
        from = i + 1;
      }
      if (from < chunk.length) {
        if (!(from === 0 && open)) failure.unread++;
        open = true;
      }
    }
  };
  let pending = '';
  const endings = new LineEndings();
  const chunkIter = normalised(chunks, endings)[Symbol.iterator]();
  const parse = (last: boolean) => {
    text = pending;
    controls ||= CONTROL.test(text);
    const result = handle.parse(text, base, !last);
    const failure = rows.failure;
    if (failure) {
      // The text parsed so far ends inside a line (counted) unless it ends with a line break.
      unreadRest(chunkIter, text.length > 0 && !text.endsWith('\n'));
      throw failure;
    }
    if (last) return;
    // Carry the text after the last row handed over, not after papaparse's cursor: rows in
    // between are skipped blank rows, which parse the same again, and io counts the lines
    // before a row from the end of the previous row handed over.
    void result;
    pending = text.slice(pos - base);
    base = pos;
  };
  for (let r = chunkIter.next(); !r.done; r = chunkIter.next()) {
    pending += r.value;
    parse(false);
  }
  parse(true);
  if (rows.failure) throw rows.failure;
  const mixed = endings.mixed();
  if (mixed && sink.warn) sink.warn('mixed-line-endings', mixed.params, mixed.line);
  if (!rows.started) throw emptyFileError();
}

/** Reads a CSV/TSV file in chunks into the sink (see `scanDelimitedChunks`). */
export function scanDelimitedFile(
  path: string,
  file: string,
  sink: TableSink,
  decode: DecodeOptions = {},
  chunkBytes = CHUNK_BYTES,
): void {
  const format = formatOf(file);
  if (format !== 'csv' && format !== 'tsv') {
    throw new TableError('unknown-format', `'${file}' is not a CSV or TSV file`);
  }
  scanDelimitedChunks(
    textChunks(path, file, decode, chunkBytes),
    sink,
    format === 'tsv' ? '\t' : ',',
  );
}
