/**
 * Table sources: CSV/TSV, JSON (an array of objects) and Arrow IPC files all become the same
 * stream of header + rows of string cells, so validation is written once for every format.
 */
import { tableFromIPC } from 'apache-arrow';
import { parse } from 'csv-parse/sync';
import { clip } from './numbers.js';
import { decodeText, maybeGunzip } from './text.js';
import type { DecodeOptions } from './text.js';

/** A cell: text, or null where the format has no value (JSON null, Arrow null). */
export type Cell = string | null;

/** Receives a table: its header once, then each row (or each row that could not be read). */
export interface TableSink {
  header(columns: string[]): void;
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

function checkHeader(columns: string[]): string[] {
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
 * CSV / TSV through csv-parse. Line breaks are normalised to `\n` first (csv-parse counts a
 * CRLF inside quotes as two lines), so that reported line numbers match an editor's.
 */
export function scanDelimited(text: string, sink: TableSink, delimiter = ','): void {
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  let first = true;
  try {
    parse(normalised, {
      delimiter,
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (record: string[], context: { lines: number }) => {
        if (first) {
          first = false;
          sink.header(checkHeader(record));
          return null;
        }
        // context.lines is the record's last line; step back over newlines inside quoted cells.
        let inner = 0;
        for (const cell of record)
          for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) inner++;
        sink.row(record, context.lines - inner);
        return null;
      },
    });
  } catch (e) {
    const err = e as Error & { lines?: number; code?: string };
    if (!err.code?.startsWith('CSV_')) throw e; // ours (a TableError, say), not the parser's
    const line = err.lines;
    throw new TableError(
      'malformed-csv',
      `malformed CSV: ${err.message.replace(/ instead of delimiter.*$/, '')}; the file was not read past line ${line ?? '?'}`,
      line,
    );
  }
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
  sink.header(checkHeader(columns));
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
      const cell = jsonCell(record[c]);
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
