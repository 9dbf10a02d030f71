/**
 * Table sources: CSV/TSV, JSON (an array of objects) and Arrow IPC files all become the same
 * stream of header + rows of string cells, so validation is written once for every format.
 */
import { tableFromIPC } from 'apache-arrow';
import Papa from 'papaparse';
import { clip } from './numbers.js';
import { decodeText, maybeGunzip } from './text.js';
import type { DecodeOptions } from './text.js';

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
  /** A row the format itself could not turn into cells (a JSON element that is no object). */
  bad(row: number, code: string, message: string): void;
}

/** A problem of a whole table: a malformed file or header. Rows after it were not read. */
export class TableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly row?: number,
    readonly column?: string,
  ) {
    super(message);
    this.name = 'TableError';
  }
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
  switch (format) {
    case 'csv':
    case 'tsv':
      return scanDelimited(decodeText(data, file, options), sink, format === 'tsv' ? '\t' : ',');
    case 'json':
      return scanJson(decodeText(data, file, options), sink);
    case 'arrow':
      return scanArrow(data, sink);
    default:
      throw new TableError(
        'unknown-format',
        `unknown table format of '${file}': use .csv, .tsv, .json or .arrow (optionally .gz)`,
      );
  }
}

/** Trims header names and refuses an empty or repeated one (TableError naming it). */
export function checkHeader(columns: string[]): string[] {
  const names = columns.map((c) => c.trim());
  const seen = new Map<string, number>();
  names.forEach((name, i) => {
    if (name === '') throw new TableError('empty-header', `header column ${i + 1} has no name`, 1);
    if (seen.has(name))
      throw new TableError(
        'duplicate-header',
        `column '${name}' appears twice in the header`,
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
  const normalised = unmarked.includes('\r') ? unmarked.replace(/\r\n?/g, '\n') : unmarked;
  let first = true;
  // Line bookkeeping: `line` is the line number at `pos`; each step starts where the last ended.
  let pos = 0;
  let line = 1;
  let failure: TableError | undefined;
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
      const end = result.meta.cursor;
      for (
        let i = normalised.indexOf('\n', pos);
        i !== -1 && i < end;
        i = normalised.indexOf('\n', i + 1)
      )
        line++;
      pos = end;
      const error = result.errors[0];
      if (error) {
        failure = new TableError(
          'malformed-csv',
          `malformed CSV: ${error.message.toLowerCase()}; the file was not read past line ${start}`,
          start,
        );
        parser.abort();
        return;
      }
      if (first) {
        first = false;
        sink.header(checkHeader(result.data));
        return;
      }
      sink.row(result.data, start);
    },
  });
  if (failure) throw failure;
  if (first) throw new TableError('empty-file', 'the file is empty: a header row is required');
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
    throw new TableError('malformed-json', `malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(data))
    throw new TableError('not-an-array', 'a JSON table must be an array of objects, one per row');
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
  sink.header(checkHeader(columns), data.length > 0);
  data.forEach((item: unknown, i) => {
    const row = i + 1;
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      sink.bad(
        row,
        'not-an-object',
        `row is ${clip(JSON.stringify(item) ?? String(item))}, not an object`,
      );
      return;
    }
    const record = item as Record<string, unknown>;
    const values: Cell[] = [];
    for (const c of columns) {
      const cell = jsonCell(Object.hasOwn(record, c) ? record[c] : undefined);
      if (cell === undefined) {
        sink.bad(
          row,
          'not-a-value',
          `column '${c}' holds ${Array.isArray(record[c]) ? 'an array' : 'an object'}, not a value`,
        );
        return;
      }
      values.push(cell);
    }
    sink.row(values, row);
  });
}

/** An Arrow IPC file (or stream); every column's values become text (numbers via `String`). */
export function scanArrow(bytes: Uint8Array, sink: TableSink): void {
  let table;
  try {
    table = tableFromIPC(bytes);
  } catch (e) {
    throw new TableError('malformed-arrow', `not a valid Arrow IPC file: ${(e as Error).message}`);
  }
  if (table.schema.fields.length === 0)
    throw new TableError('malformed-arrow', 'not a valid Arrow IPC file: it has no columns');
  const columns = table.schema.fields.map((f) => f.name);
  sink.header(checkHeader(columns));
  const vectors = columns.map((_, i) => table.getChildAt(i)!);
  for (let r = 0; r < table.numRows; r++) {
    const values: Cell[] = vectors.map((v) => {
      const x: unknown = v.get(r);
      return x === null || x === undefined ? null : String(x);
    });
    sink.row(values, r + 1);
  }
}
