/**
 * Joins the results of the Spark job (`results/<algorithm>.parquet`: id, value, written by
 * spark/chainlens_job.py) back onto a bundle's nodes with DuckDB's `read_parquet`, into the
 * columns of `chainlens metrics` (docs/spark.md):
 *
 * - `pagerank`, `pagerank_reverse`, `core`: as the job wrote them;
 * - `component`: the weakly connected component, numbered as Chainlens numbers them (by the
 *   smallest node index of each component: the job's value is that smallest id, so its dense rank
 *   is the number);
 * - `community_lpa`: the label propagation community, numbered the same way (by its smallest
 *   member); not Louvain's `community`, hence its own name.
 *
 * Rows come in node order (the bundle's dense id), handed to `onRows` in chunks.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SparkAlgorithm } from './bundle.js';
import type { DuckOptions } from './duckdb.js';
import { closeDuck, openDuck, sqlString } from './duckdb.js';

/** The columns of the joined table, after `id` and `name`, in order. */
export const SPARK_COLUMNS = [
  'pagerank',
  'pagerank_reverse',
  'core',
  'component',
  'community_lpa',
] as const;
export type SparkColumn = (typeof SPARK_COLUMNS)[number];

const SOURCE: Record<SparkColumn, SparkAlgorithm> = {
  pagerank: 'pagerank',
  pagerank_reverse: 'pagerank_reverse',
  core: 'core',
  component: 'components',
  community_lpa: 'label_propagation',
};

export interface SparkRow {
  id: string;
  name: string;
  /** One value per column of `columns`; null where the job did not compute it. */
  values: (number | null)[];
}

export interface SparkResults {
  /** The columns present (those whose result file exists), in SPARK_COLUMNS order. */
  columns: SparkColumn[];
  rows: number;
  /** The job's manifest.json. */
  manifest: Record<string, unknown>;
  seconds: number;
}

/** A result folder of Spark (part files) or a single Parquet file, as a read_parquet glob. */
function resultGlob(results: string, algorithm: SparkAlgorithm): string | undefined {
  const path = join(results, `${algorithm}.parquet`);
  if (!existsSync(path)) return undefined;
  return existsSync(join(path, '_SUCCESS')) ? join(path, '*.parquet') : path;
}

/** Reads the job's results back onto the bundle's nodes (see the module notes). */
export async function readSparkResults(
  bundle: string,
  results: string,
  onRows: (rows: SparkRow[], columns: SparkColumn[]) => void,
  options: DuckOptions = {},
): Promise<SparkResults> {
  const started = performance.now();
  const manifest = JSON.parse(readFileSync(join(results, 'manifest.json'), 'utf8')) as Record<
    string,
    unknown
  >;
  const columns = SPARK_COLUMNS.filter((c) => resultGlob(results, SOURCE[c]) !== undefined);
  const renumbered = new Set<SparkColumn>(['component', 'community_lpa']);
  const joins = columns.map((c, i) => {
    const from = `read_parquet(${sqlString(resultGlob(results, SOURCE[c])!)})`;
    const value = renumbered.has(c)
      ? `CAST(dense_rank() OVER (ORDER BY value) - 1 AS DOUBLE)`
      : 'CAST(value AS DOUBLE)';
    return `LEFT JOIN (SELECT id, ${value} AS value FROM ${from}) r${i} ON r${i}.id = n.id`;
  });
  const sql = `SELECT n.external_id, n.name${columns.map((_, i) => `, r${i}.value`).join('')} FROM read_parquet(${sqlString(join(bundle, 'nodes.parquet'))}) n ${joins.join(' ')} ORDER BY n.id`;
  const db = await openDuck(options);
  let rows = 0;
  try {
    const result = await db.stream(sql);
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const out: SparkRow[] = [];
      for (const row of chunk.getRows()) {
        out.push({
          id: String(row[0]),
          name: row[1] === null ? '' : String(row[1]),
          values: row.slice(2).map((v) => (v === null ? null : Number(v))),
        });
      }
      rows += out.length;
      onRows(out, columns);
    }
  } finally {
    closeDuck(db);
  }
  return { columns, rows, manifest, seconds: (performance.now() - started) / 1000 };
}
