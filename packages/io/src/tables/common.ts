/**
 * The row-validation frame shared by every table: header checks (required columns present),
 * ragged rows, counting read / accepted / rejected, and turning problems into issues.
 */
import type { IssueParams } from '../messages.js';
import { enText } from '../messages.js';
import type { IssueLog, TableReport } from '../issues.js';
import { DataError } from '../issues.js';
import { setOwn } from '@chainlens/core';
import { clip, parseNumberCell } from '../numbers.js';
import type { Cell, TableSink } from '../table.js';
import { TableError, codePoint, scanTable } from '../table.js';
import type { DecodeOptions } from '../text.js';

export interface TableSpec {
  /** Table name used in reports (`companies`, `relations`, …). */
  table: string;
  required: readonly string[];
  optional: readonly string[];
}

/** The raw input of one table: a file name (for messages) and its bytes (undefined = missing). */
export interface TableInput {
  file: string;
  bytes: Uint8Array | undefined;
  decode?: DecodeOptions;
  /**
   * Feeds the table to the sink instead of `bytes` (a table streamed in chunks from a file too
   * large to hold, as `@chainlens/scale` does); it may throw TableError like `scanTable`.
   */
  scan?: (sink: TableSink) => void;
}

/** One data row as a validator sees it. */
export interface RowAccess {
  row: number;
  /** True once `reject` was called for this row. */
  readonly rejected: boolean;
  /** The cell of a known column, '' when empty or null. Not trimmed. */
  get(column: string): string;
  /** Columns beyond the table's spec (kept as attributes). */
  readonly extraColumns: string[];
  /** Cells of the extra columns, in `extraColumns` order. */
  extras(): string[];
  /** `message`: English text, or the facts of io message `code` (see ValidationIssue.params). */
  reject(code: string, column: string | undefined, message: string | IssueParams): void;
  warn(code: string, column: string | undefined, message: string | IssueParams): void;
  /** Parses a numeric cell; rejects the row (naming the column) when it is not a valid number. */
  /** `check` returns the form of an `out-of-range` message (`negative`, `share`) when refused. */
  number(column: string, check?: (value: number) => string | undefined): number | undefined | null;
}

export interface TableRun {
  report: TableReport;
  /** Columns beyond the spec, kept as attributes. */
  extraColumns: string[];
}

/** An issue's English message and its params, from either. */
export function textOf(
  code: string,
  message: string | IssueParams,
): { message: string; params?: IssueParams } {
  return typeof message === 'string'
    ? { message }
    : { message: enText(code, message), params: message };
}

/** Levenshtein distance, for "did you mean" suggestions on column and table names. */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** The closest candidates to `name` (distance ≤ max(2, a third of its length)). */
export function nearest(name: string, candidates: Iterable<string>, limit = 3): string[] {
  const max = Math.max(2, Math.floor(name.length / 3));
  return [...candidates]
    .map((c) => ({ c, d: editDistance(name.toLowerCase(), c.toLowerCase()) }))
    .filter((x) => x.d <= max)
    .sort((a, b) => a.d - b.d || (a.c < b.c ? -1 : 1))
    .slice(0, limit)
    .map((x) => x.c);
}

/**
 * Reads one table through `visit`. A row counts as rejected when `visit` called `reject` at
 * least once, otherwise as accepted. A missing file or a table-level problem marks the table
 * failed; when `fatal` is set it throws a DataError instead (the dataset cannot load without it).
 */
export function runTable(
  input: TableInput,
  spec: TableSpec,
  log: IssueLog,
  visit: (row: RowAccess) => void,
  fatal = false,
): TableRun {
  const { file } = input;
  const report = log.table(spec.table, file);
  const run: TableRun = { report, extraColumns: [] };
  const fail = (
    code: string,
    text: string | IssueParams,
    row?: number,
    column?: string,
    unread?: number,
  ) => {
    report.failed = true;
    let message = typeof text === 'string' ? text : enText(code, text);
    let params = typeof text === 'string' ? undefined : text;
    if (unread !== undefined) {
      // Rows the file holds but that were never read are lost: counted as read and rejected.
      report.unread = unread;
      report.read += unread;
      report.rejected += unread;
      message += `; ${unread.toLocaleString('en-US')} row${unread === 1 ? '' : 's'} not read (counted as rejected)`;
      if (params) params = { ...params, unread };
    }
    const issue = { severity: 'error' as const, code, file, row, column, message, params };
    log.add(issue);
    if (fatal) {
      const where = [file, row, column].filter((x) => x !== undefined).join(':');
      throw new DataError(`${where}: ${message}`, issue);
    }
  };
  if (!input.bytes && !input.scan) {
    fail('missing-file', { table: spec.table });
    return run;
  }

  let index = new Map<string, number>();
  let width = 0;
  let extraIdx: number[] = [];
  let values: Cell[] = [];
  let row = 0;
  let rejected = false;
  let warned = false;
  const access: RowAccess = {
    get row() {
      return row;
    },
    get rejected() {
      return rejected;
    },
    get extraColumns() {
      return run.extraColumns;
    },
    get(column) {
      const i = index.get(column);
      return i === undefined ? '' : (values[i] ?? '');
    },
    extras() {
      return extraIdx.map((i) => values[i] ?? '');
    },
    reject(code, column, message) {
      rejected = true;
      log.add({ severity: 'error', code, file, row, column, ...textOf(code, message) });
    },
    warn(code, column, message) {
      warned = true;
      log.add({ severity: 'warning', code, file, row, column, ...textOf(code, message) });
    },
    number(column, check) {
      const cell = parseNumberCell(access.get(column));
      if (cell.kind === 'empty') return null;
      if (cell.kind === 'invalid') {
        access.reject('bad-number', column, { form: cell.form, column, value: cell.text });
        return undefined;
      }
      const problem = check?.(cell.value);
      if (problem) {
        access.reject('out-of-range', column, { form: problem, column, value: String(cell.value) });
        return undefined;
      }
      return cell.value;
    },
  };

  try {
    const sink: TableSink = {
      header(columns, complete = true) {
        index = new Map(columns.map((c, i) => [c, i]));
        width = columns.length;
        const missing = complete ? spec.required.filter((c) => !index.has(c)) : [];
        if (missing.length > 0) {
          const hints = missing.map((m) => {
            const near = nearest(m, columns);
            return near[0] ?? '';
          });
          throw new TableError(
            'missing-column',
            {
              count: missing.length,
              missing: missing.map((m) => `'${m}'`),
              header: columns.map((c) => `'${clip(c)}'`),
              near: hints,
            },
            1,
          );
        }
        const known = new Set([...spec.required, ...spec.optional]);
        extraIdx = columns.flatMap((c, i) => (known.has(c) ? [] : [i]));
        run.extraColumns = extraIdx.map((i) => columns[i]!);
      },
      row(cells, r) {
        row = r;
        values = cells;
        rejected = false;
        warned = false;
        report.read++;
        if (cells.length !== width) {
          access.reject('ragged-row', undefined, { count: cells.length, width });
        } else {
          visit(access);
        }
        if (rejected) report.rejected++;
        else report.accepted++;
        if (warned && !rejected) report.warnings++;
      },
      bad(r, code, message, column) {
        report.read++;
        report.rejected++;
        log.add({ severity: 'error', code, file, row: r, column, ...textOf(code, message) });
      },
      warn(code, message, r) {
        log.add({ severity: 'warning', code, file, row: r, ...textOf(code, message) });
      },
    };
    if (input.scan) input.scan(sink);
    else scanTable(input.bytes!, file, sink, input.decode);
  } catch (e) {
    if (e instanceof TableError) fail(e.code, e.params ?? e.message, e.row, e.column, e.unread);
    else if (e instanceof DataError && e.issue) {
      // A stream that stops part way (bytes that do not decode): the rows not yet read are lost.
      const unread = e.total === undefined ? undefined : Math.max(0, e.total - report.read);
      fail(e.issue.code, e.issue.params ?? e.issue.message, e.issue.row, undefined, unread);
    } else throw e;
  }
  return run;
}

/** Appends extra-column cells of an accepted row to attribute columns. */
export function pushExtras(
  attributes: Record<string, string[]>,
  columns: string[],
  cells: string[],
): void {
  columns.forEach((c, i) => {
    // Own properties only: a column named `constructor` or `__proto__` is data, not a prototype.
    let column = Object.hasOwn(attributes, c) ? attributes[c] : undefined;
    if (!column) {
      column = [];
      setOwn(attributes, c, column);
    }
    column.push(cells[i]!);
  });
}

export function emptyAttributes(columns: string[]): Record<string, string[]> {
  return Object.fromEntries(columns.map((c) => [c, [] as string[]]));
}

/** Zero-width characters, the byte-order mark, the soft hyphen and bidirectional controls. */
const INVISIBLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;
const INVISIBLE_NAMES: Record<string, string> = {
  '\u00AD': 'soft hyphen',
  '\u200B': 'zero-width space',
  '\u200C': 'zero-width non-joiner',
  '\u200D': 'zero-width joiner',
  '\u200E': 'left-to-right mark',
  '\u200F': 'right-to-left mark',
  '\u2060': 'word joiner',
  '\uFEFF': 'byte-order mark',
};
/** Printable ASCII: already its own comparison key. */
const PLAIN = /^[\x20-\x7E]*$/;

/**
 * The key ids are compared by: Unicode NFKC (full-width `Ａ１` is `A1`) without invisible
 * characters. `invisible` lists those found (`U+200B zero-width space`).
 */
export function idKey(id: string): { key: string; invisible: string[] } {
  if (PLAIN.test(id)) return { key: id, invisible: [] };
  const invisible = [...new Set(id.match(INVISIBLE) ?? [])].map(
    (c) =>
      `${codePoint(c)}${INVISIBLE_NAMES[c] ? ` ${INVISIBLE_NAMES[c]}` : ' (bidirectional control)'}`,
  );
  return { key: id.replace(INVISIBLE, '').normalize('NFKC').trim(), invisible };
}

/** First rows of the ids seen, by comparison key; the id as written when it differs from it. */
export interface IdIndex {
  firstRow: Map<string, number>;
  written: Map<string, string>;
}

export function idIndex(): IdIndex {
  return { firstRow: new Map(), written: new Map() };
}

/**
 * The row's `id`, trimmed, when it is non-empty and not seen before; otherwise the row is
 * rejected (naming the row of the first occurrence) and undefined returned. Ids are compared
 * by `idKey`: one that equals an earlier id after NFKC without invisible characters is a
 * duplicate too (the message shows both as written), or with `twins` 'warning' a warning (the
 * row kept); invisible characters are a warning.
 */
export function uniqueId(
  row: RowAccess,
  what: string,
  seen: IdIndex,
  twins: 'error' | 'warning' = 'error',
): string | undefined {
  const id = row.get('id').trim();
  if (id === '') {
    row.reject('empty-id', 'id', { what });
    return undefined;
  }
  const { key, invisible } = idKey(id);
  if (invisible.length > 0)
    row.warn('invisible-character', 'id', {
      what,
      id: clip(id),
      count: invisible.length,
      chars: invisible,
    });
  if (key === '') {
    row.reject('empty-id', 'id', { form: 'invisible', what, id: clip(id) });
    return undefined;
  }
  const first = seen.firstRow.get(key);
  const earlier = first === undefined ? undefined : (seen.written.get(key) ?? key);
  if (first !== undefined && earlier !== id && twins === 'warning') {
    // A vocabulary (products) may keep a near-twin: warned, naming the first row.
    row.warn('near-twin-id', 'id', { what, id: clip(id), earlier: clip(earlier!), first });
    return id;
  }
  if (first !== undefined) {
    row.reject(
      'duplicate-id',
      'id',
      earlier === id
        ? { what, id: clip(id), first }
        : { form: 'twin', what, id: clip(id), earlier: clip(earlier!), first },
    );
    return undefined;
  }
  seen.firstRow.set(key, row.row);
  if (key !== id) seen.written.set(key, id);
  return id;
}
