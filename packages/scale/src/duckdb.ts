/**
 * Embedded DuckDB (`@duckdb/node-api`), for the table work it does better than JavaScript:
 * reading Parquet, and converting tables between formats. One in-memory instance per call
 * site; DuckDB spills to a temporary folder when a query needs more memory than allowed.
 */
import type { DuckDBConnection } from '@duckdb/node-api';
import { DuckDBInstance } from '@duckdb/node-api';

export interface DuckOptions {
  /** `threads` number [DuckDB's default: the cores]: worker threads of DuckDB. */
  threads?: number;
  /** `memoryLimit` string ['2GB']: DuckDB's memory limit (it spills to disk above). */
  memoryLimit?: string;
}

const instances = new WeakMap<DuckDBConnection, DuckDBInstance>();

/** Opens an in-memory DuckDB and connects to it. Close it with `closeDuck`. */
export async function openDuck(options: DuckOptions = {}): Promise<DuckDBConnection> {
  const config: Record<string, string> = { memory_limit: options.memoryLimit ?? '2GB' };
  if (options.threads !== undefined) config.threads = String(options.threads);
  const instance = await DuckDBInstance.create(':memory:', config);
  const connection = await instance.connect();
  // Hand freed memory back to the system after each query (DuckDB's allocator keeps up to
  // 128 MiB per thread otherwise): it lives beside the engine's own arrays.
  await connection.run("SET allocator_flush_threshold = '8MB'");
  await connection.run("SET allocator_bulk_deallocation_flush_threshold = '8MB'");
  instances.set(connection, instance);
  return connection;
}

/** Closes a connection of `openDuck` and its database (its memory is released). */
export function closeDuck(connection: DuckDBConnection): void {
  connection.closeSync();
  instances.get(connection)?.closeSync();
  instances.delete(connection);
}

/** A string as a SQL literal ('' doubled). */
export function sqlString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Copies a CSV table into a Parquet file (zstd), every column as text except those named in
 * `doubles`, which become DOUBLE. Returns the number of rows written.
 */
export async function csvToParquet(
  csv: string,
  parquet: string,
  doubles: readonly string[] = [],
  options: DuckOptions = {},
): Promise<number> {
  const db = await openDuck(options);
  try {
    const casts = doubles.length
      ? ` REPLACE (${doubles.map((c) => `CAST("${c}" AS DOUBLE) AS "${c}"`).join(', ')})`
      : '';
    const reader = await db.runAndReadAll(
      `COPY (SELECT *${casts} FROM read_csv(${sqlString(csv)}, header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')) TO ${sqlString(parquet)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576)`,
    );
    return Number(reader.getRows()[0]?.[0] ?? 0);
  } finally {
    closeDuck(db);
  }
}
