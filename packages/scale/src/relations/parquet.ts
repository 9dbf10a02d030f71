/**
 * Parquet relations through DuckDB (relations.ts): the fast pass, then the marked rows in groups
 * through io's rules.
 */
import type { Cell, IssueLog } from '@chainlens/io';
import { TableError, checkHeader, readRelations } from '@chainlens/io';
import { sqlString } from '../duckdb.js';
import type { ProgressSink } from '../progress.js';
import { RowStore } from '../rows.js';
import type { RelationIngest, RelationIngestOptions } from '../relations.js';
import { cellText } from './arrow.js';
import type { Counts, Rules } from './check.js';
import { Checker, finish, headerOf } from './check.js';
import type { ColumnKind } from './fast-sql.js';
import { cellSql, fastSql, items, kindOf, runFast } from './fast-sql.js';

/** Parquet through DuckDB: fast pass, then the marked rows in groups through io's rules. */
export async function ingestParquet(
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
