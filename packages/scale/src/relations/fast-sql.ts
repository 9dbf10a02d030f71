/**
 * The relations ingest's fast pass in DuckDB (relations.ts): the company table, the header peek
 * and the checks for files DuckDB may read without quote processing, and the SQL that stores
 * certainly valid rows and marks the rest (`fastSql`, `runFast`).
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBDataChunk, DuckDBTypeId, INTEGER, VARCHAR } from '@duckdb/node-api';
import { RELATION_TYPES } from '@chainlens/core';
import type { DecodeOptions } from '@chainlens/io';
import { FIELD_LIMIT } from '@chainlens/io';
import type { ProgressSink } from '../progress.js';
import type { RowStore } from '../rows.js';
import { scanDelimitedChunks, textChunks } from '../stream.js';
import { relationFormat } from '../relations.js';
import type { Counts, Header } from './check.js';
import { Stop } from './check.js';

/** io's CONTROL for DuckDB (RE2): C0 but tab, LF and CR; DEL; C1. */
const CONTROL_RE = "'[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F-\\x{9F}]'";

/** The header of a CSV/TSV file after io's checks; throws the TableError io would report. */
export function peekHeader(path: string, file: string, decode: DecodeOptions): string[] {
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
export function duckRefuses(path: string, decode: DecodeOptions): string | undefined {
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
export function items<T>(chunk: DuckDBDataChunk, column: number): T {
  return (chunk.getColumnVector(column) as unknown as { items: T }).items;
}

/** io's DECIMAL (numbers.ts), whole-cell. */
const DECIMAL_RE = `'[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?'`;

const TYPE_CASE = `CASE %s WHEN '' THEN 0 ${RELATION_TYPES.map((t, i) => `WHEN '${t}' THEN ${i}`).join(' ')} ELSE 255 END`;

export type ColumnKind = 'text' | 'integer' | 'double' | 'other';

export function kindOf(type: DuckDBTypeId): ColumnKind {
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
export function cellSql(i: number, kind: ColumnKind): string {
  return kind === 'double' || kind === 'text' ? `c${i}` : `CAST(c${i} AS VARCHAR)`;
}

/**
 * The SQL of the fast pass over `source` (a subquery with `rn` and columns `c0…`): per row rn,
 * company indices, type code, weight, ok (1 = certainly valid), weight defaulted (1), and
 * the extra columns as text when kept.
 */
export function fastSql(
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

/** Streams the fast pass's rows into the store; returns what it accepted. */
export async function runFast(
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
