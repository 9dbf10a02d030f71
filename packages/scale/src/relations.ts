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
import { readFileSync, readSync, statSync } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { open } from 'node:fs/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBDataChunk, DuckDBTypeId, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { RelationTable } from '@chainlens/core';
import { RELATION_TYPES } from '@chainlens/core';
import type { Cell, DecodeOptions, IssueLog, TableReport, TableSink } from '@chainlens/io';
import {
  RELATIONS,
  CONTROL,
  FIELD_LIMIT,
  TableError,
  cellProblem,
  checkHeader,
  guardArrowSource,
  formatOf,
  parseNumberCell,
  readRelations,
} from '@chainlens/io';
import type { Data, RecordBatch } from 'apache-arrow';
import { RecordBatchReader } from 'apache-arrow';
import { sqlString } from './duckdb.js';
import { ByteIdIndex } from './ids.js';
import type { ProgressSink } from './progress.js';
import { silentProgress } from './progress.js';
import { ACCEPTED, RowStore } from './rows.js';
import { scanDelimitedChunks, textChunks } from './stream.js';

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

interface Header {
  columns: string[];
  source: number;
  target: number;
  type: number;
  weight: number;
  extras: number[];
}

function headerOf(columns: string[]): Header {
  const at = (name: string) => columns.indexOf(name);
  const known = new Set<string>([...RELATIONS.required, ...RELATIONS.optional]);
  return {
    columns,
    source: at('source'),
    target: at('target'),
    type: at('type'),
    weight: at('weight'),
    extras: columns.flatMap((c, i) => (known.has(c) ? [] : [i])),
  };
}

/** io's CONTROL for DuckDB (RE2): C0 but tab, LF and CR; DEL; C1. */
const CONTROL_RE = "'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x{9F}]'";

/** Notes io's readRelations writes from its own counts: rewritten with the totals. */
const SELF_LOOP_NOTE = /^[\d,]+ self-loops kept \(allowed for this dataset\)$/;
const WEIGHT_NOTE = /^[\d,]+ relations have no weight; 1 is used$/;

class Stop extends Error {}

/** The header of a CSV/TSV file after io's checks; throws the TableError io would report. */
function peekHeader(path: string, file: string, decode: DecodeOptions): string[] {
  let columns: string[] | undefined;
  try {
    scanDelimitedChunks(
      textChunks(path, file, decode, 1 << 16),
      {
        header(c) {
          columns = c;
          throw new Stop();
        },
        row() {},
        bad() {},
      },
      relationFormat(file) === 'tsv' ? '\t' : ',',
    );
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
  }
  return columns!;
}

/** Why DuckDB's quote-free reading cannot number the records as papaparse does, if so. */
function duckRefuses(path: string, decode: DecodeOptions): string | undefined {
  const encoding = (decode.encoding ?? 'utf-8').toLowerCase();
  if (encoding !== 'utf-8' && encoding !== 'utf8') return `encoding ${encoding}`;
  // The first line must be the header: no blank line before it, no quote in it.
  let head = '';
  for (const text of textChunks(path, path, decode, 1 << 16)) {
    head += text;
    if (head.length > 4096 || head.includes('\n') || head.includes('\r')) break;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const first = head.split(/\r\n|\r|\n/)[0] ?? '';
  if (first.trim() === '') return 'the file does not start with its header';
  if (first.includes('"')) return 'a quoted header';
  return undefined;
}

/** Fills the company table `co(id VARCHAR, idx INTEGER)` of a DuckDB connection. */
export async function loadCompanyTable(
  db: DuckDBConnection,
  ids: readonly string[],
): Promise<void> {
  await db.run('DROP TABLE IF EXISTS co');
  await db.run('CREATE TABLE co (id VARCHAR, idx INTEGER)');
  const appender = await db.createAppender('co');
  // Whole chunks of 2,048 rows: fewer native calls than appending value by value.
  const chunk = DuckDBDataChunk.create([VARCHAR, INTEGER]);
  for (let start = 0; start < ids.length; start += 2048) {
    const end = Math.min(ids.length, start + 2048);
    chunk.rowCount = end - start;
    chunk.setColumnValues(0, ids.slice(start, end));
    chunk.setColumnValues(
      1,
      Array.from({ length: end - start }, (_, k) => start + k),
    );
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

/** The typed array of a fixed-width DuckDB vector (the package keeps it private). */
function items<T>(chunk: DuckDBDataChunk, column: number): T {
  return (chunk.getColumnVector(column) as unknown as { items: T }).items;
}

/** io's DECIMAL (numbers.ts), whole-cell. */
const DECIMAL_RE = `'[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?'`;
const TYPE_CASE = `CASE %s WHEN '' THEN 0 ${RELATION_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ')} ELSE 255 END`;

type ColumnKind = 'text' | 'integer' | 'double' | 'other';

function kindOf(type: DuckDBTypeId): ColumnKind {
  switch (type) {
    case DuckDBTypeId.VARCHAR:
      return 'text';
    case DuckDBTypeId.TINYINT:
    case DuckDBTypeId.SMALLINT:
    case DuckDBTypeId.INTEGER:
    case DuckDBTypeId.BIGINT:
    case DuckDBTypeId.UTINYINT:
    case DuckDBTypeId.USMALLINT:
    case DuckDBTypeId.UINTEGER:
    case DuckDBTypeId.UBIGINT:
    case DuckDBTypeId.HUGEINT:
    case DuckDBTypeId.UHUGEINT:
      return 'integer';
    case DuckDBTypeId.DOUBLE:
    case DuckDBTypeId.FLOAT:
      return 'double';
    default:
      return 'other';
  }
}

/** A column of the check pass as text (doubles stay numbers, printed by JavaScript). */
function cellSql(i: number, kind: ColumnKind): string {
  return kind === 'double' || kind === 'text' ? `c${i}` : `CAST(c${i} AS VARCHAR)`;
}

/**
 * The SQL of the fast pass over `source` (a subquery with `rn` and columns `c0…`): per row rn,
 * company indices, type code, weight, ok (1 = certainly valid), weight defaulted (1), and
 * the extra columns as text when kept.
 */
function fastSql(
  source: string,
  header: Header,
  kinds: ColumnKind[],
  allowSelfLoops: boolean,
  checkQuotes: boolean,
  keepExtras: boolean,
): string {
  const col = (i: number) => `r.c${i}`;
  // Cells are compared as they are (no trim: a copy per cell): a padded cell simply fails the
  // fast checks and io's reader decides it in the check pass.
  const idKey = (i: number) => {
    const k = kinds[i];
    if (k === 'text') return col(i);
    if (k === 'integer') return `CAST(${col(i)} AS VARCHAR)`;
    return 'NULL::VARCHAR';
  };
  let type = '0';
  if (header.type >= 0) {
    const c = col(header.type);
    type =
      kinds[header.type] === 'text'
        ? `CASE WHEN ${c} IS NULL THEN 0 ELSE ${TYPE_CASE.replace('%s', c)} END`
        : `CASE WHEN ${c} IS NULL THEN 0 ELSE 255 END`;
  }
  let weight = '1.0';
  let defaulted = 'true';
  if (header.weight >= 0) {
    const c = col(header.weight);
    const k = kinds[header.weight];
    if (k === 'double' || k === 'integer') {
      // As io's Arrow reader: the number printed and read back (−0 prints as '0').
      const v = `CAST(${c} AS DOUBLE)`;
      weight = `CASE WHEN ${c} IS NULL THEN 1.0 WHEN isfinite(${v}) AND ${v} >= 0 THEN ${v} + 0.0 END`;
      defaulted = `(${c} IS NULL)`;
    } else {
      const t = k === 'text' ? c : `CAST(${c} AS VARCHAR)`;
      const v = `TRY_CAST(${t} AS DOUBLE)`;
      // As io: the text parsed as a number (a '-0' stays −0).
      weight = `CASE WHEN ${c} IS NULL OR ${t} = '' THEN 1.0 WHEN regexp_full_match(${t}, ${DECIMAL_RE}) AND isfinite(${v}) AND ${v} >= 0 THEN ${v} END`;
      defaulted = `(${c} IS NULL OR ${t} = '')`;
    }
  }
  const quotes = checkQuotes
    ? header.columns.map((_, i) => `coalesce(contains(${col(i)}, '"'), false)`)
    : [];
  // Extra columns may hold anything: a control character or a field above 64 KiB is io's to
  // report (ids, type and weight that pass the checks above can hold neither).
  const odd = header.extras
    .filter((i) => kinds[i] === 'text')
    .map(
      (i) =>
        `coalesce(regexp_matches(${col(i)}, ${CONTROL_RE}) OR strlen(${col(i)}) > ${FIELD_LIMIT}, false)`,
    );
  const quoted = [...quotes, ...odd].join(' OR ') || 'false';
  const extras = keepExtras
    ? header.extras.map((i) => `, CASE WHEN ok THEN CAST(c${i} AS VARCHAR) END`).join('')
    : '';
  return `
    WITH j AS (
      SELECT r.*, s.idx AS si, t.idx AS ti, (${type})::UTINYINT AS code, (${weight})::DOUBLE AS w,
        (${defaulted}) AS wdef, (${quoted}) AS quoted
      FROM ${source} r
      LEFT JOIN co s ON s.id = ${idKey(header.source)}
      LEFT JOIN co t ON t.id = ${idKey(header.target)}
    ), k AS (
      SELECT *, (si IS NOT NULL AND ti IS NOT NULL AND code < 4 AND w IS NOT NULL AND NOT quoted
        ${allowSelfLoops ? '' : 'AND si <> ti'}) AS ok FROM j
    )
    SELECT rn::INTEGER, coalesce(si, -1)::INTEGER, coalesce(ti, -1)::INTEGER, code, coalesce(w, 0)::DOUBLE,
      ok::UTINYINT, wdef::UTINYINT${extras} FROM k`;
}

interface Counts {
  accepted: number;
  selfLoops: number;
  defaulted: number;
}

/** Streams the fast pass's rows into the store; returns what it accepted. */
async function runFast(
  db: DuckDBConnection,
  sql: string,
  store: RowStore,
  extraCount: number,
  progress: ProgressSink,
): Promise<Counts> {
  const counts: Counts = { accepted: 0, selfLoops: 0, defaulted: 0 };
  // DuckDB estimates a CSV scan at a few dozen rows and would build its hash table on the
  // relations (the whole file in memory: 1.2 GB at 5M rows) instead of the company table;
  // keep the written order, companies on the build side (3.4 s instead of 14 s, 350 MB).
  await db.run("SET disabled_optimizers = 'build_side_probe_side'");
  const result = await db.stream(sql);
  let done = 0;
  const extras = new Array<string>(extraCount);
  // One chunk in flight while the last is stored: DuckDB works while JavaScript does.
  let pending = result.fetchChunk();
  for (;;) {
    const chunk = await pending;
    if (!chunk || chunk.rowCount === 0) break;
    pending = result.fetchChunk();
    const n = chunk.rowCount;
    const rn = items<Int32Array>(chunk, 0);
    const si = items<Int32Array>(chunk, 1);
    const ti = items<Int32Array>(chunk, 2);
    const code = items<Uint8Array>(chunk, 3);
    const w = items<Float64Array>(chunk, 4);
    const ok = items<Uint8Array>(chunk, 5);
    const wdef = items<Uint8Array>(chunk, 6);
    const extraVectors = Array.from({ length: extraCount }, (_, c) => chunk.getColumnVector(7 + c));
    for (let i = 0; i < n; i++) {
      if (!ok[i]) {
        store.check(rn[i]!);
        continue;
      }
      const s = si[i]!;
      const t = ti[i]!;
      counts.accepted++;
      if (s === t) counts.selfLoops++;
      if (wdef[i]) counts.defaulted++;
      for (let c = 0; c < extraCount; c++) {
        extras[c] = (extraVectors[c]!.getItem(i) as string | null) ?? '';
      }
      store.accept(rn[i]!, s, t, code[i]!, w[i]!, extraCount > 0 ? extras : undefined);
    }
    done += n;
    progress.update(done);
  }
  return counts;
}

/** The state of an issue log, to undo a pass that is thrown away. */
function mark(log: IssueLog) {
  const r = log.report;
  return {
    tables: r.tables.length,
    issues: r.issues.length,
    notListed: r.issuesNotListed,
    errors: r.errors,
    warnings: r.warnings,
  };
}
function undo(log: IssueLog, m: ReturnType<typeof mark>): void {
  const r = log.report;
  r.tables.length = m.tables;
  r.issues.length = m.issues;
  r.issuesNotListed = m.notListed;
  r.errors = m.errors;
  r.warnings = m.warnings;
}

/** Wraps a sink so that extra columns never reach io's reader (ragged rows still reported). */
function withoutExtras(sink: TableSink, dropped: string[]): TableSink {
  let keepIdx: number[] = [];
  let width = 0;
  const known = new Set<string>([...RELATIONS.required, ...RELATIONS.optional]);
  return {
    header(columns, complete) {
      width = columns.length;
      keepIdx = columns.flatMap((c, i) => (known.has(c) ? [i] : []));
      dropped.length = 0;
      dropped.push(...columns.filter((c) => !known.has(c)));
      sink.header(
        keepIdx.map((i) => columns[i]!),
        complete,
      );
    },
    row(cells, row) {
      if (cells.length !== width) {
        sink.bad(
          row,
          'ragged-row',
          `row has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${width}`,
        );
        return;
      }
      sink.row(
        keepIdx.map((i) => cells[i]!),
        row,
      );
    },
    bad: (row, code, message, column) => sink.bad(row, code, message, column),
    warn: (code, message, row) => sink.warn?.(code, message, row),
  };
}

type Rules = Parameters<typeof readRelations>[2];

/**
 * The check pass: io's `readRelations` over groups of marked rows (each group one call, so
 * that async sources can feed it), with one table report for all of them. Accepted rows are
 * written into the store at their record numbers.
 */
class Checker {
  report: TableReport | undefined;
  checked = 0;
  readonly slow: Counts = { accepted: 0, selfLoops: 0, defaulted: 0 };
  readonly dropped: string[] = [];

  constructor(
    private readonly log: IssueLog,
    private readonly file: string,
    private readonly rules: Rules,
    private readonly columns: string[],
    private readonly header: Header | undefined,
    private readonly keep: boolean,
    private readonly store: RowStore,
  ) {}

  /** Feeds rows: `emit(cells, row, record)` for each marked row, in file order. */
  run(feed: (emit: (cells: Cell[], row: number, record: number) => void) => void): void {
    const records: number[] = [];
    const weights: boolean[] = [];
    const { log, header } = this;
    const { relations, report } = readRelations(
      {
        file: this.file,
        bytes: undefined,
        scan: (sink) => {
          const inner = this.keep ? sink : withoutExtras(sink, this.dropped);
          inner.header(this.columns);
          const table = log.report.tables[log.report.tables.length - 1]!;
          feed((cells, row, record) => {
            this.checked++;
            const before = table.accepted;
            // As io's scanners: a control character or a field above 64 KiB rejects the row.
            const problem = cellProblem(cells, this.columns, true);
            if (problem) inner.bad(row, problem.code, problem.message, problem.column);
            else inner.row(cells, row);
            if (table.accepted > before) {
              records.push(record);
              const w = header && header.weight >= 0 ? cells[header.weight] : null;
              weights.push(w === null || w === undefined || w.trim() === '');
            }
          });
        },
      },
      log,
      this.rules,
    );
    const extraNames = Object.keys(relations.attributes);
    records.forEach((record, j) => {
      const s = relations.source[j]!;
      const t = relations.target[j]!;
      this.slow.accepted++;
      if (s === t) this.slow.selfLoops++;
      if (weights[j]) this.slow.defaulted++;
      const extras = this.keep ? extraNames.map((c) => relations.attributes[c]![j]!) : undefined;
      this.store.accept(record, s, t, relations.type[j]!, relations.weight[j]!, extras);
    });
    if (!this.report) {
      this.report = report;
      return;
    }
    // Fold this call's report into the first one.
    this.report.read += report.read;
    this.report.accepted += report.accepted;
    this.report.rejected += report.rejected;
    this.report.warnings += report.warnings;
    this.report.failed ||= report.failed;
    const tables = log.report.tables;
    tables.splice(tables.lastIndexOf(report), 1);
  }
}

/** Puts the fast pass's counts into the report and rewrites io's count notes with totals. */
function finish(
  store: RowStore,
  checker: Checker,
  fast: Counts,
  engine: string,
  header: Header | undefined,
  keep: boolean,
): RelationIngest {
  const report = checker.report!;
  report.read += fast.accepted;
  report.accepted += fast.accepted;
  const selfLoops = fast.selfLoops + checker.slow.selfLoops;
  const defaulted = fast.defaulted + checker.slow.defaulted;
  report.notes = report.notes.filter((n) => !SELF_LOOP_NOTE.test(n) && !WEIGHT_NOTE.test(n));
  if (selfLoops > 0) {
    report.notes.push(
      `${selfLoops.toLocaleString('en-US')} self-loops kept (allowed for this dataset)`,
    );
  }
  if (defaulted > 0 && defaulted < report.accepted) {
    report.notes.push(`${defaulted.toLocaleString('en-US')} relations have no weight; 1 is used`);
  }
  const extraNames = header ? header.extras.map((i) => header.columns[i]!) : [];
  if (!keep && extraNames.length > 0) report.notes.push(droppedNote(extraNames));
  const relations = store.columns(keep ? extraNames : []);
  return { relations, report, engine, checked: checker.checked };
}

function droppedNote(columns: string[]): string {
  return `column${columns.length > 1 ? 's' : ''} ${columns.map((c) => `'${c}'`).join(', ')} not kept (national-scale ingest keeps no text per relation)`;
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

/** Parquet through DuckDB: fast pass, then the marked rows in groups through io's rules. */
async function ingestParquet(
  path: string,
  file: string,
  log: IssueLog,
  options: RelationIngestOptions,
  rules: Rules,
  keep: boolean,
  progress: ProgressSink,
): Promise<RelationIngest> {
  if (!options.duck) throw new Error('reading Parquet needs DuckDB');
  const db = await options.duck();
  const failTable = (code: string, message: string): RelationIngest => {
    const { relations, report } = readRelations(
      {
        file,
        bytes: undefined,
        scan: () => {
          throw new TableError(code, message);
        },
      },
      log,
      rules,
    );
    return { relations, report, engine: 'duckdb', checked: 0 };
  };
  let names: string[];
  let kinds: ColumnKind[];
  try {
    const reader = await db.runAndReadAll(`SELECT * FROM read_parquet(${sqlString(path)}) LIMIT 0`);
    names = reader.columnNames();
    kinds = names.map((_, i) => kindOf(reader.columnTypeId(i)));
  } catch (e) {
    return failTable(
      'malformed-parquet',
      `not a valid Parquet file: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  let columns: string[];
  try {
    columns = checkHeader(names);
  } catch (e) {
    if (e instanceof TableError) return failTable(e.code, e.message);
    throw e;
  }
  const header = headerOf(columns);
  const store = new RowStore(keep ? header.extras.length : 0);
  const checker = new Checker(log, file, rules, columns, header, keep, store);
  let fast: Counts = { accepted: 0, selfLoops: 0, defaulted: 0 };
  if (header.source < 0 || header.target < 0) {
    checker.run(() => {}); // io reports the missing columns
    return finish(store, checker, fast, 'duckdb', header, keep);
  }
  const select = names.map((n, i) => `"${n.replace(/"/g, '""')}" AS c${i}`).join(', ');
  const source = `(SELECT (file_row_number + 1)::INTEGER AS rn, ${select} FROM read_parquet(${sqlString(path)}, file_row_number = true))`;
  const rows = await db.runAndReadAll(
    `SELECT sum(num_rows)::BIGINT FROM parquet_file_metadata(${sqlString(path)})`,
  );
  progress.start?.(Number(rows.getRows()[0]?.[0] ?? 0));
  fast = await runFast(
    db,
    fastSql(source, header, kinds, rules.allowSelfLoops ?? false, false, keep),
    store,
    keep ? header.extras.length : 0,
    progress,
  );
  if (store.toCheck === 0) {
    checker.run(() => {});
    return finish(store, checker, fast, 'duckdb', header, keep);
  }
  // The marked rows, in file order, as text cells (doubles printed by JavaScript, like Arrow).
  await db.run('DROP TABLE IF EXISTS marked');
  await db.run('CREATE TABLE marked (rn INTEGER)');
  const appender = await db.createAppender('marked');
  for (const rn of store.checkList()) {
    appender.appendInteger(rn);
    appender.endRow();
  }
  appender.closeSync();
  const result = await db.stream(
    `SELECT r.rn, ${names.map((_, i) => cellSql(i, kinds[i]!)).join(', ')} FROM ${source} r SEMI JOIN marked m ON r.rn = m.rn ORDER BY r.rn`,
  );
  let group: Array<{ rn: number; cells: Cell[] }> = [];
  const flush = () => {
    const rowsOf = group;
    group = [];
    checker.run((emit) => {
      for (const { rn, cells } of rowsOf) emit(cells, rn, rn);
    });
  };
  for (;;) {
    const chunk = await result.fetchChunk();
    if (!chunk || chunk.rowCount === 0) break;
    const rn = items<Int32Array>(chunk, 0);
    const vectors = names.map((_, c) => chunk.getColumnVector(1 + c));
    for (let i = 0; i < chunk.rowCount; i++) {
      group.push({ rn: rn[i]!, cells: vectors.map((v) => cellText(v.getItem(i))) });
    }
    if (group.length >= 65536) flush();
  }
  if (group.length > 0 || !checker.report) flush();
  return finish(store, checker, fast, 'duckdb', header, keep);
}

/** A cell as io's Arrow reader makes it: null, or the value as text. */
function cellText(value: unknown): Cell {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : String(value);
}

const utf8 = new TextEncoder();
const TYPE_BYTES = RELATION_TYPES.map((t) => utf8.encode(t));

/** Type code of UTF-8 bytes: 0 for empty, the index of a type name, or −1. */
function typeCode(values: Uint8Array, start: number, end: number): number {
  if (start === end) return 0;
  outer: for (let c = 0; c < TYPE_BYTES.length; c++) {
    const name = TYPE_BYTES[c]!;
    if (name.length !== end - start) continue;
    for (let k = 0; k < name.length; k++) if (values[start + k] !== name[k]) continue outer;
    return c;
  }
  return -1;
}

interface Utf8Column {
  offsets: Int32Array;
  values: Uint8Array;
  data: Data;
}

/** The UTF-8 buffers of a plain (non-dictionary) string column of a batch, or undefined. */
function utf8Column(batch: RecordBatch, index: number): Utf8Column | undefined {
  const vector = batch.getChildAt(index);
  if (!vector || vector.data.length !== 1) return undefined;
  const data = vector.data[0]!;
  if (String(data.type) !== 'Utf8' || !data.valueOffsets || !data.values) return undefined;
  return { offsets: data.valueOffsets as Int32Array, values: data.values as Uint8Array, data };
}

/** Arrow IPC in record batches: the fast checks in JavaScript on the column buffers. */
async function ingestArrow(
  path: string,
  file: string,
  log: IssueLog,
  rules: Rules,
  keep: boolean,
  progress: ProgressSink,
  companyIds: readonly string[],
): Promise<RelationIngest> {
  const failTable = (code: string, message: string): RelationIngest => {
    const { relations, report } = readRelations(
      {
        file,
        bytes: undefined,
        scan: () => {
          throw new TableError(code, message);
        },
      },
      log,
      rules,
    );
    return { relations, report, engine: 'arrow', checked: 0 };
  };
  // A file handle, not a stream: the reader then pulls one batch at a time (a Node stream is
  // read ahead without bound: 8 GiB at 50M rows) and five times faster.
  const handle = await open(path);
  try {
    return await arrowBatches(handle, file, log, rules, keep, progress, companyIds, failTable);
  } finally {
    await handle.close();
  }
}

async function arrowBatches(
  handle: FileHandle,
  file: string,
  log: IssueLog,
  rules: Rules,
  keep: boolean,
  progress: ProgressSink,
  companyIds: readonly string[],
  failTable: (code: string, message: string) => RelationIngest,
): Promise<RelationIngest> {
  let reader: Awaited<ReturnType<typeof RecordBatchReader.from>>;
  try {
    // The footer and each message's metadata checked against the file first (io's Arrow
    // guard, read in pieces): apache-arrow's reader can loop for ever on a corrupt file.
    const { size } = await handle.stat();
    guardArrowSource({
      size,
      read: (pos, length) => {
        const buf = new Uint8Array(Math.max(0, Math.min(length, size - pos)));
        const n = buf.length > 0 ? readSync(handle.fd, buf, 0, buf.length, pos) : 0;
        return buf.subarray(0, n);
      },
    });
    reader = await RecordBatchReader.from(handle);
    await reader.open();
  } catch (e) {
    return failTable('malformed-arrow', `not a valid Arrow IPC file: ${(e as Error).message}`);
  }
  if (!reader.schema || reader.schema.fields.length === 0) {
    return failTable('malformed-arrow', 'not a valid Arrow IPC file: it has no columns');
  }
  let columns: string[];
  try {
    columns = checkHeader(reader.schema.fields.map((f) => f.name));
  } catch (e) {
    if (e instanceof TableError) return failTable(e.code, e.message);
    throw e;
  }
  const header = headerOf(columns);
  const store = new RowStore(keep ? header.extras.length : 0);
  const checker = new Checker(log, file, rules, columns, header, keep, store);
  const fast: Counts = { accepted: 0, selfLoops: 0, defaulted: 0 };
  if (header.source < 0 || header.target < 0) {
    checker.run(() => {});
    return finish(store, checker, fast, 'arrow', header, keep);
  }
  const ids = new ByteIdIndex(companyIds);
  const resolve = (batch: RecordBatch, column: number) => {
    const u = utf8Column(batch, column);
    if (u) {
      const { offsets, values, data } = u;
      const valid = (i: number) => data.nullCount === 0 || data.getValid(i);
      return (i: number) => (valid(i) ? ids.getBytes(values, offsets[i]!, offsets[i + 1]!) : -1);
    }
    const vector = batch.getChildAt(column)!;
    return (i: number) => {
      const v: unknown = vector.get(i);
      return v === null || v === undefined ? -1 : ids.get(String(v));
    };
  };
  let record = 0;
  try {
    for await (const batch of reader) {
      const n = batch.numRows;
      const src = resolve(batch, header.source);
      const tgt = resolve(batch, header.target);
      const typeU = header.type >= 0 ? utf8Column(batch, header.type) : undefined;
      const typeV = header.type >= 0 ? batch.getChildAt(header.type) : null;
      const weightV = header.weight >= 0 ? batch.getChildAt(header.weight) : null;
      const extraV = header.extras.map((c) => batch.getChildAt(c)!);
      const allV = columns.map((_, c) => batch.getChildAt(c)!);
      const marked: Array<{ record: number; cells: Cell[] }> = [];
      const extras = new Array<string>(extraV.length);
      for (let i = 0; i < n; i++) {
        record++;
        let ok = true;
        const s = src(i);
        const t = tgt(i);
        if (s < 0 || t < 0 || (s === t && !rules.allowSelfLoops)) ok = false;
        let code = 0;
        if (ok && typeV) {
          if (typeU) {
            if (typeU.data.nullCount === 0 || typeU.data.getValid(i))
              code = typeCode(typeU.values, typeU.offsets[i]!, typeU.offsets[i + 1]!);
          } else {
            const v: unknown = typeV.get(i);
            code = v === null || v === undefined ? 0 : RELATION_TYPES.indexOf(String(v) as never);
          }
          if (code < 0) ok = false;
        }
        let w = 1;
        let defaulted = true;
        if (ok && weightV) {
          const v: unknown = weightV.get(i);
          if (v !== null && v !== undefined) {
            defaulted = false;
            if (typeof v === 'number')
              w = v + 0; // as String(v) reads back (−0 prints '0')
            else {
              const cell = parseNumberCell(String(v));
              if (cell.kind === 'number') w = cell.value;
              else if (cell.kind === 'empty') defaulted = true;
              else ok = false;
            }
            if (!(Number.isFinite(w) && w >= 0)) ok = false;
          }
        }
        if (ok && extraV.length > 0) {
          for (let c = 0; c < extraV.length; c++) {
            const x = cellText(extraV[c]!.get(i));
            if (x && (x.length > FIELD_LIMIT / 3 || CONTROL.test(x))) ok = false;
          }
        }
        if (!ok) {
          marked.push({ record, cells: allV.map((v) => cellText(v.get(i))) });
          store.check(record);
          continue;
        }
        fast.accepted++;
        if (s === t) fast.selfLoops++;
        if (defaulted) fast.defaulted++;
        if (keep)
          for (let c = 0; c < extraV.length; c++) extras[c] = cellText(extraV[c]!.get(i)) ?? '';
        store.accept(record, s, t, code, w, keep ? extras : undefined);
      }
      if (marked.length > 0) {
        checker.run((emit) => {
          for (const m of marked) emit(m.cells, m.record, m.record);
        });
      }
      progress.update(record);
    }
  } catch (e) {
    if (e instanceof TableError) throw e;
    return failTable('malformed-arrow', `not a valid Arrow IPC file: ${(e as Error).message}`);
  }
  if (!checker.report) checker.run(() => {});
  return finish(store, checker, fast, 'arrow', header, keep);
}
