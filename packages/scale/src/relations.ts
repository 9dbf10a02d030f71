/**
 * The relations table at national scale: CSV/TSV, Parquet or Arrow IPC read in chunks into
 * typed columns, with exactly the validation and the issues of `@chainlens/io`'s
 * `readRelations` (same codes, messages, rows and columns; same counts and notes).
 *
 * Two passes over the file:
 *
 * 1. **Fast pass.** A row that is certainly valid is stored straight into typed columns: its
 *    ids match company ids byte for byte (company ids are trimmed, so io's trim changes
 *    nothing), its type is one of the four names or empty, its weight a plain non-negative
 *    decimal or empty, and it is no forbidden self-loop. Everything else is only marked.
 *    - CSV/TSV (UTF-8): DuckDB reads the file **without quote processing** (each record split
 *      at its delimiters, as papaparse does for a record without quotes), numbers the records,
 *      joins both ids to the company table (a hash join in C++ on two threads) and does the
 *      checks above in SQL; a record with a `"` anywhere is marked, so every stored record is
 *      one papaparse reads the same way. A file DuckDB refuses (a quoted delimiter or line
 *      break, a ragged row, bad UTF-8, odd line breaks) is read by the JavaScript path below.
 *    - Parquet: DuckDB reads it (cells as text as `CAST(… AS VARCHAR)`, doubles as JavaScript
 *      prints them), same join and checks.
 *    - Arrow IPC: record batches in JavaScript; UTF-8 ids are resolved from their bytes
 *      (`ByteIdIndex`), without a string per cell.
 * 2. **Check pass**, only when rows were marked: the marked rows, in file order with their
 *    line (CSV) or record (Parquet, Arrow) numbers, go through io's own `readRelations`, which
 *    reports them (or accepts the few that only looked odd, such as an id padded with a tab).
 *    For CSV the check pass reads the file with papaparse, like io, so lines are editor lines.
 *
 * The JavaScript path for CSV (`engine: 'js'`, or when DuckDB refuses the file) streams every
 * row through io's `readRelations` with papaparse on chunks (`scanDelimitedChunks`): the same
 * result, about twice as slow at 50M rows (string look-ups dominate).
 *
 * Extra columns are kept as attribute columns only with `attributes: 'keep'` (a string per row
 * and column); by default they are left out and the table's notes say so.
 */
import { readFileSync, statSync } from 'node:fs';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { RelationTable } from '@chainlens/core';
import type { DecodeOptions, IssueLog, TableReport } from '@chainlens/io';
import { TableError, formatOf, readRelations } from '@chainlens/io';
import { sqlString } from './duckdb.js';
import type { ProgressSink } from './progress.js';
import { silentProgress } from './progress.js';
import { ACCEPTED, RowStore } from './rows.js';
import { scanDelimitedChunks, textChunks } from './stream.js';
import { ingestArrow } from './relations/arrow.js';
import type { Counts, Rules } from './relations/check.js';
import {
  Checker,
  Stop,
  droppedNote,
  finish,
  headerOf,
  mark,
  undo,
  withoutExtras,
} from './relations/check.js';
import { duckRefuses, fastSql, peekHeader, runFast } from './relations/fast-sql.js';

export { loadCompanyTable } from './relations/fast-sql.js';
import { ingestParquet } from './relations/parquet.js';

export type RelationFormat = 'csv' | 'tsv' | 'json' | 'arrow' | 'parquet';

/** The format of a relations file from its name (io's formats plus `.parquet` / `.pq`). */
export function relationFormat(file: string): RelationFormat | undefined {
  const name = file.toLowerCase();
  if (name.endsWith('.parquet') || name.endsWith('.pq')) return 'parquet';
  return formatOf(file);
}

export interface RelationIngestOptions {
  /** Validated company ids; the position is the company index. */
  companyIds: readonly string[];
  /** The same ids → index (io's look-up, used by the check pass). */
  companyIndex: Map<string, number>;
  /** Where unknown ids should have been, for messages (`companies.csv`). */
  companiesFile: string;
  allowSelfLoops?: boolean;
  decode?: DecodeOptions;
  /** `attributes` 'drop' | 'keep' ['drop']: keep extra columns as attribute columns. */
  attributes?: 'drop' | 'keep';
  /** `engine` 'auto' | 'js' ['auto']: 'js' reads CSV without DuckDB (the reference path). */
  engine?: 'auto' | 'js';
  /** DuckDB connection holding the company table `co(id, idx)` (see `loadCompanyTable`). */
  duck?: () => Promise<DuckDBConnection>;
  progress?: ProgressSink;
}

export interface RelationIngest {
  relations: RelationTable;
  report: TableReport;
  /** How the rows were read: `duckdb`, `arrow`, `js` (with the reason when it fell back). */
  engine: string;
  /** Rows that went through io's validator in the check pass. */
  checked: number;
}

/**
 * Reads the relations table of a dataset (see the module comment). `path` is the file on
 * disk, `file` its name as reports show it.
 */
export async function ingestRelations(
  path: string,
  file: string,
  log: IssueLog,
  options: RelationIngestOptions,
): Promise<RelationIngest> {
  const format = relationFormat(file);
  const decode = options.decode ?? {};
  const keep = options.attributes === 'keep';
  const progress = options.progress ?? silentProgress;
  const rules: Rules = {
    resolve: (id: string) => options.companyIndex.get(id),
    allowSelfLoops: options.allowSelfLoops ?? false,
    companiesFile: options.companiesFile,
  };
  let exists = false;
  try {
    exists = statSync(path).isFile();
  } catch {
    exists = false;
  }

  // io's reader on the whole file: JSON tables, and a missing file (io reports it).
  if (!exists || format === 'json' || format === undefined) {
    const bytes = exists ? readFileSync(path) : undefined;
    const { relations, report } = readRelations({ file, bytes, decode }, log, rules);
    const extraNames = Object.keys(relations.attributes);
    if (!keep && extraNames.length > 0) {
      relations.attributes = {};
      report.notes.push(droppedNote(extraNames));
    }
    return { relations, report, engine: 'js', checked: report.read };
  }

  if (format === 'csv' || format === 'tsv') {
    const js = (reason: string) =>
      streamedJs(path, file, log, rules, decode, keep, progress, reason);
    if (options.engine === 'js' || !options.duck) return js('');
    let columns: string[];
    try {
      columns = peekHeader(path, file, decode);
    } catch {
      return js(''); // a bad header or undecodable text: io's reader reports it
    }
    const refuse = duckRefuses(path, decode);
    if (refuse) return js(refuse);
    const header = headerOf(columns);
    if (header.source < 0 || header.target < 0) return js('');
    const db = await options.duck();
    const store = new RowStore(keep ? header.extras.length : 0);
    const delim = format === 'tsv' ? '\\t' : ',';
    const cols = columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
    const source = `(SELECT (row_number() OVER ())::INTEGER AS rn, * FROM read_csv(${sqlString(path)}, header = true, auto_detect = false, columns = {${cols}}, delim = E'${delim}', quote = '', escape = '', strict_mode = true, null_padding = false, ignore_errors = false, max_line_size = 16777216))`;
    let fast: Counts;
    try {
      fast = await runFast(
        db,
        fastSql(
          source,
          header,
          columns.map(() => 'text'),
          rules.allowSelfLoops ?? false,
          true,
          keep,
        ),
        store,
        keep ? header.extras.length : 0,
        progress,
      );
    } catch (e) {
      return js(`DuckDB: ${(e as Error).message.split('\n')[0]!.slice(0, 100)}`);
    }
    // Check pass: papaparse over the file, like io; the marked records go to io's rules.
    const list = store.toCheck > 0 ? store.checkList() : new Int32Array(0);
    const before = mark(log);
    const checker = new Checker(log, file, rules, columns, header, keep, store);
    let aligned = true;
    checker.run((emit) => {
      if (list.length === 0) return;
      let records = 0;
      let next = 0;
      try {
        scanDelimitedChunks(
          textChunks(path, file, decode),
          {
            header() {},
            row(cells, line) {
              records++;
              if (next < list.length && list[next] === records) {
                next++;
                emit(cells, line, records);
              } else if (store.state(records) !== ACCEPTED) {
                throw new Stop();
              }
            },
            bad() {
              throw new Stop();
            },
          },
          format === 'tsv' ? '\t' : ',',
          false, // the checker checks the cells of the rows it is given
        );
      } catch (e) {
        if (!(e instanceof Stop) && !(e instanceof TableError)) throw e;
        aligned = false;
      }
      if (records !== store.records) aligned = false;
    });
    if (!aligned) {
      // papaparse and DuckDB numbered the records differently (a quoted line break, say):
      // io's reader alone decides.
      undo(log, before);
      return js('quoted line breaks');
    }
    return finish(store, checker, fast, 'duckdb', header, keep);
  }

  if (format === 'parquet') return ingestParquet(path, file, log, options, rules, keep, progress);
  return ingestArrow(path, file, log, rules, keep, progress, options.companyIds);
}

/** CSV/TSV through io's reader alone, streamed (the reference path). */
function streamedJs(
  path: string,
  file: string,
  log: IssueLog,
  rules: Rules,
  decode: DecodeOptions,
  keep: boolean,
  progress: ProgressSink,
  reason: string,
): RelationIngest {
  const delimiter = relationFormat(file) === 'tsv' ? '\t' : ',';
  const dropped: string[] = [];
  let total = 0;
  const { relations, report } = readRelations(
    {
      file,
      bytes: undefined,
      decode,
      scan: (sink) => {
        const inner = keep ? sink : withoutExtras(sink, dropped);
        scanDelimitedChunks(
          textChunks(path, file, decode),
          {
            header: (c, complete) => inner.header(c, complete),
            row: (cells, r) => {
              inner.row(cells, r);
              if (++total % 65536 === 0) progress.update(total);
            },
            bad: (r, code, message, column) => inner.bad(r, code, message, column),
            warn: (code, message, r) => inner.warn?.(code, message, r),
          },
          delimiter,
        );
      },
    },
    log,
    rules,
  );
  progress.update(total);
  if (!keep && dropped.length > 0) report.notes.push(droppedNote(dropped));
  return { relations, report, engine: reason ? `js (${reason})` : 'js', checked: report.read };
}
