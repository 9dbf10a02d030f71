/**
 * Table sources: CSV/TSV, JSON (an array of objects) and Arrow IPC files all become the same
 * stream of header + rows of string cells, so validation is written once for every format.
 */
import type { IssueParams } from './messages.js';
import { enText } from './messages.js';
import { tableFromIPC } from 'apache-arrow';
import { guardArrow } from './arrow-guard.js';
import Papa from 'papaparse';
import { clip } from './numbers.js';
import { DataError } from './issues.js';
import { byteLines, decodeText, maybeGunzip } from './text.js';
import type { DecodeOptions } from './text.js';
import { DelimitedRows, emptyFileError } from './delimited-rows.js';

/** A cell: text, or null where the format has no value (JSON null, Arrow null). */
export type Cell = string | null;

/** Receives a table: its header once, then each row (or each row that could not be read). */
export interface TableSink {
  /**
   * The column names. `complete` is false when the format cannot tell them (an empty JSON
   * array): then a missing required column is no error, there being no row to miss it.
   */
  header(columns: string[], complete?: boolean): void;
  row(values: Cell[], row: number): void;
  /**
   * A row the format itself could not turn into cells (a JSON element that is no object), or
   * whose cells are refused before validation (a control character, a field above 64 KiB).
   */
  bad(row: number, code: string, message: string | IssueParams, column?: string): void;
  /** A problem of the file that loses nothing (mixed line endings). */
  warn?(code: string, message: string | IssueParams, row?: number): void;
}

/** A problem of a whole table: a malformed file or header. Rows after it were not read. */
export class TableError extends Error {
  /** Data rows (non-empty lines) of the file that were not read because of it, when known. */
  unread?: number;
  /** The facts of the message (see ValidationIssue.params); absent when given as text. */
  readonly params?: IssueParams;
  /** `message`: English text, or the facts of io message `code` (English made from them). */
  constructor(
    readonly code: string,
    message: string | IssueParams,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(typeof message === 'string' ? message : enText(code, message));
    if (typeof message !== 'string') this.params = message;
    this.name = 'TableError';
  }
}

/** Fields above this many bytes (UTF-8) are refused: no id, name or figure is that long. */
export const FIELD_LIMIT = 64 * 1024;

/** C0 and C1 control characters other than tab, line feed and carriage return. */
// eslint-disable-next-line no-control-regex
export const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;

/** `U+0007` for a character. */
export function codePoint(c: string): string {
  return `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * The first cell a table must not hold: one with a control character (checked only when
 * `controls`, i.e. when the text holds one at all) or above FIELD_LIMIT bytes.
 */
export function cellProblem(
  cells: readonly Cell[],
  columns: readonly string[],
  controls: boolean,
): { code: string; column: string | undefined; message: IssueParams } | undefined {
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (!cell) continue;
    // A UTF-8 byte count only for cells that may be long: a UTF-16 unit is at most 3 bytes.
    if (cell.length > FIELD_LIMIT / 3) {
      const size = new TextEncoder().encode(cell).length;
      if (size > FIELD_LIMIT)
        return {
          code: 'field-too-long',
          column: columns[i],
          message: { size, limit: FIELD_LIMIT },
        };
    }
    if (controls) {
      const m = CONTROL.exec(cell);
      if (m)
        return {
          code: 'control-character',
          column: columns[i],
          message: { char: codePoint(m[0]), position: m.index + 1 },
        };
    }
  }
  return undefined;
}

/** Non-empty lines of `text` from `from` to its end (`\n` line breaks): rows not read. */
export function linesFrom(text: string, from: number): number {
  let n = 0;
  let start = from;
  for (;;) {
    const i = text.indexOf('\n', start);
    const end = i === -1 ? text.length : i;
    if (end > start) n++;
    if (i === -1) return n;
    start = i + 1;
  }
}

/**
 * Counts line endings (CRLF, LF, CR) over a text given whole or in chunks (a chunk must not
 * end between the CR and LF of a CRLF), for a warning when a file mixes them.
 */
export class LineEndings {
  private readonly counts = { CRLF: 0, LF: 0, CR: 0 };
  private first: 'CRLF' | 'LF' | 'CR' | undefined;
  private line = 1;
  private other = 0;

  feed(text: string): void {
    if (!text.includes('\r')) {
      // LF only: counted without a regular expression (the usual chunk of the usual file).
      let n = 0;
      let at = -1;
      for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
        if (at === -1) at = n;
        n++;
      }
      if (n === 0) return;
      if (this.first === undefined) this.first = 'LF';
      else if (this.first !== 'LF' && this.other === 0) this.other = this.line + at;
      this.counts.LF += n;
      this.line += n;
      return;
    }
    const breaks = /\r\n|\r|\n/g;
    for (let m = breaks.exec(text); m; m = breaks.exec(text)) {
      const kind = m[0] === '\n' ? 'LF' : m[0] === '\r' ? 'CR' : 'CRLF';
      this.counts[kind]++;
      if (this.first === undefined) this.first = kind;
      else if (kind !== this.first && this.other === 0) this.other = this.line;
      this.line++;
    }
  }

  /** Undefined when one kind only; otherwise the warning and the first line that differs. */
  mixed(): { message: string; params: IssueParams; line: number } | undefined {
    if (this.other === 0) return undefined;
    const kinds = (['CRLF', 'LF', 'CR'] as const)
      .filter((k) => this.counts[k] > 0)
      .map((k) => `${this.counts[k].toLocaleString('en-US')} ${k}`);
    const params = { kinds, line: this.other };
    return { line: this.other, params, message: enText('mixed-line-endings', params) };
  }
}

/** `LineEndings` over a whole text. */
export function mixedLineEndings(
  text: string,
): { message: string; params: IssueParams; line: number } | undefined {
  const endings = new LineEndings();
  endings.feed(text);
  return endings.mixed();
}

export type TableFormat = 'csv' | 'tsv' | 'json' | 'arrow';

/** The format of a table file from its name (`.csv`, `.tsv`, `.json`, `.arrow`/`.ipc`, each optionally `.gz`). */
export function formatOf(file: string): TableFormat | undefined {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.tsv') || name.endsWith('.tab')) return 'tsv';
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.arrow') || name.endsWith('.ipc') || name.endsWith('.feather')) return 'arrow';
  return undefined;
}

/** Reads a table file's bytes in the format its name says and feeds the sink. */
export function scanTable(
  bytes: Uint8Array,
  file: string,
  sink: TableSink,
  options: DecodeOptions = {},
): void {
  const format = formatOf(file);
  const data = maybeGunzip(bytes, file);
  const decode = () => {
    try {
      return decodeText(data, file, options);
    } catch (e) {
      // Not a row of the file is read: all of them are lost (CSV/TSV: all lines but the header).
      if (!(e instanceof DataError) || e.issue?.code !== 'bad-encoding') throw e;
      const failure = new TableError(
        'bad-encoding',
        e.issue.params ?? e.issue.message,
        e.issue.row,
      );
      if (format !== 'json') failure.unread = Math.max(0, byteLines(data) - 1);
      throw failure;
    }
  };
  switch (format) {
    case 'csv':
    case 'tsv':
      return scanDelimited(decode(), sink, format === 'tsv' ? '\t' : ',');
    case 'json':
      return scanJson(decode(), sink);
    case 'arrow':
      return scanArrow(data, sink);
    default:
      throw new TableError('unknown-format', { file });
  }
}

/** Trims header names and refuses an empty or repeated one (TableError naming it). */
export function checkHeader(columns: string[]): string[] {
  const names = columns.map((c) => c.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') throw new TableError('empty-header', { index: i + 1 }, 1);
    const control = CONTROL.exec(name);
    if (control)
      throw new TableError(
        'control-character',
        { form: 'header', index: i + 1, char: codePoint(control[0]) },
        1,
      );
    const first = seen.get(name);
    if (first !== undefined)
      throw new TableError(
        'duplicate-header',
        { first: first + 1, second: i + 1, name: clip(name) },
        1,
        name,
      );
    seen.set(name, i);
  });
  return names;
}

/**
 * CSV / TSV through papaparse (measured 2.7× faster than csv-parse when each row needs its line
 * number: 0.77 s against 2.1 s for 1M rows). Line breaks are normalised to `\n` first, so that
 * a line number counts what an editor shows; a row is reported at its first line.
 */
export function scanDelimited(text: string, sink: TableSink, delimiter = ','): void {
  const unmarked = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const hasCr = unmarked.includes('\r');
  const normalised = hasCr ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  // One search of the whole text spares a per-cell search in the usual file without any.
  const controls = CONTROL.test(normalised);
  const rows = new DelimitedRows(sink);
  // Line bookkeeping: `line` is the line number at `pos`; each step starts where the last ended.
  let pos = 0;
  let line = 1;
  Papa.parse<string[]>(normalised, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    skipEmptyLines: true,
    step: (result, parser) => {
      // Skipped empty lines lie between the last step's end and this row's start.
      while (normalised.charCodeAt(pos) === 10) {
        pos++;
        line++;
      }
      const start = line;
      const startPos = pos;
      const end = result.meta.cursor;
      for (
        let i = normalised.indexOf('\n', pos);
        i !== -1 && i < end;
        i = normalised.indexOf('\n', i + 1)
      )
        line++;
      pos = end;
      const error = result.errors[0];
      if (!rows.record(result.data, error, start, controls, normalised, startPos, end)) {
        parser.abort();
      }
    },
  });
  if (rows.failure) throw rows.failure;
  if (!rows.started) throw emptyFileError();
  // After the rows, as the streamed reader (which knows only then): a file read to its end.
  const mixed = hasCr && sink.warn ? mixedLineEndings(unmarked) : undefined;
  if (mixed) sink.warn!('mixed-line-endings', mixed.params, mixed.line);
}

function jsonCell(value: unknown): Cell | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return undefined;
}

/** A JSON table: an array of objects, one per row; the columns are the keys in first-seen order. */
export function scanJson(text: string, sink: TableSink): void {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new TableError('malformed-json', { reason: (e as Error).message });
  }
  if (!Array.isArray(data)) throw new TableError('not-an-array', {});
  const columns: string[] = [];
  const seen = new Set<string>();
  for (const item of data) {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      for (const key of Object.keys(item)) {
        if (!seen.has(key)) {
          seen.add(key);
          columns.push(key);
        }
      }
    }
  }
  try {
    sink.header(checkHeader(columns), data.length > 0);
  } catch (e) {
    if (e instanceof TableError) e.unread = data.length;
    throw e;
  }
  const repeated = repeatedKeys(text);
  data.forEach((item: unknown, i) => {
    const row = i + 1;
    const key = repeated.get(i);
    if (key !== undefined) {
      sink.bad(row, 'duplicate-key', { key: clip(key) }, key);
      return;
    }
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      sink.bad(row, 'not-an-object', { value: clip(JSON.stringify(item) ?? String(item)) });
      return;
    }
    const record = item as Record<string, unknown>;
    const values: Cell[] = [];
    for (const c of columns) {
      const cell = jsonCell(Object.hasOwn(record, c) ? record[c] : undefined);
      if (cell === undefined) {
        sink.bad(row, 'not-a-value', {
          form: Array.isArray(record[c]) ? 'array' : 'object',
          column: c,
        });
        return;
      }
      values.push(cell);
    }
    const problem = cellProblem(values, columns, true);
    if (problem) sink.bad(row, problem.code, problem.message, problem.column);
    else sink.row(values, row);
  });
}

/**
 * Records (by index in the top-level array) in which a key appears twice, with the first such
 * key: `JSON.parse` keeps the last value without a word. A scan of valid JSON text.
 */
export function repeatedKeys(text: string): Map<number, string> {
  const found = new Map<number, string>();
  const stack: number[] = []; // 0x7b '{' or 0x5b '['
  let record = -1;
  let keys = new Set<string>();
  let expectKey = false;
  let expectElement = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
    if (expectElement && c !== 0x5d) {
      record++;
      expectElement = false;
    }
    if (c === 0x22) {
      let j = i + 1;
      while (j < text.length) {
        const d = text.charCodeAt(j);
        if (d === 0x5c) j += 2;
        else if (d === 0x22) break;
        else j++;
      }
      if (expectKey && stack.length === 2) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (keys.has(key)) {
          if (!found.has(record)) found.set(record, key);
        } else keys.add(key);
      }
      expectKey = false;
      i = j;
    } else if (c === 0x7b || c === 0x5b) {
      stack.push(c);
      if (c === 0x7b) {
        expectKey = true;
        if (stack.length === 2) keys = new Set();
      } else if (stack.length === 1) expectElement = true;
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
      expectKey = false;
    } else if (c === 0x2c) {
      const top = stack[stack.length - 1];
      if (top === 0x7b) expectKey = true;
      else if (stack.length === 1) expectElement = true;
    }
  }
  return found;
}

/** An Arrow IPC file (or stream); every column's values become text (numbers via `String`). */
export function scanArrow(bytes: Uint8Array, sink: TableSink): void {
  let table;
  try {
    // Framing and declared sizes checked first: tableFromIPC can loop for ever on a corrupt file.
    guardArrow(bytes);
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new TableError('malformed-arrow', { reason: (e as Error).message });
  }
  if (table.schema.fields.length === 0)
    throw new TableError('malformed-arrow', { form: 'noColumns' });
  const columns = table.schema.fields.map((f) => f.name);
  try {
    sink.header(checkHeader(columns));
  } catch (e) {
    if (e instanceof TableError) e.unread = table.numRows;
    throw e;
  }
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  for (let r = 0; r < table.numRows; r++) {
    const values: Cell[] = vectors.map((v) => {
      const x: unknown = v.get(r);
      return x === null || x === undefined ? null : String(x);
    });
    const problem = cellProblem(values, columns, true);
    if (problem) sink.bad(r + 1, problem.code, problem.message, problem.column);
    else sink.row(values, r + 1);
  }
}
