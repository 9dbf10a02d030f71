/**
 * The Spark bundle (docs/spark.md): the file contract between Chainlens and a Spark job that
 * computes the global per-company columns on a cluster. `writeBundle` writes, through DuckDB,
 *
 * - `nodes.parquet`: `id` BIGINT (dense, 0..n−1: the node index of the metric snapshot, which is
 *   the company's row in the dataset), `external_id`, `name`, `region` (a `/` path, null when
 *   unknown), `segment` (the company's main membership: largest share, a known share before an
 *   unknown one, the first row on ties; null when none), `size` DOUBLE (the `size` column when the
 *   dataset has one and the cell is a number ≥ 0; else null);
 * - `edges.parquet`: `src`, `dst` BIGINT, `weight` DOUBLE, `type`: the metric snapshot's arcs, that
 *   is the relation view with parallel relations collapsed into one arc whose weight is their sum
 *   (as `chainlens metrics` computes on), self-loops kept; `type` lists the relation types merged
 *   into the arc, joined by `+` in RELATION_TYPES order;
 * - `job.json`: the algorithms, PageRank's α, tolerance and iteration cap, the label propagation
 *   seed and iterations, the relation view and the counts (`BundleJob`).
 *
 * `readSparkResults` joins the job's `results/<algorithm>.parquet` (id, value) back onto the
 * nodes with DuckDB's `read_parquet`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOUBLE, DuckDBDataChunk, INTEGER, VARCHAR } from '@duckdb/node-api';
import type { Dataset, RelationType } from '@chainlens/core';
import { METRICS_TABLE_PAGERANK, RELATION_TYPES, buildMetricGraph } from '@chainlens/core';
import type { DuckOptions } from './duckdb.js';
import { closeDuck, openDuck, sqlString } from './duckdb.js';

/** The global algorithms the Spark job runs, named as its result files. */
export const SPARK_ALGORITHMS = [
  'pagerank',
  'pagerank_reverse',
  'components',
  'core',
  'label_propagation',
] as const;
export type SparkAlgorithm = (typeof SPARK_ALGORITHMS)[number];

/** The defaults of a bundle's job, in one place (the CLI's options read them). */
export const BUNDLE_DEFAULTS = {
  /** PageRank as the metrics table computes it (α, per-node tolerance, iteration cap). */
  pagerank: METRICS_TABLE_PAGERANK,
  /** Seed and iteration cap of label propagation. */
  labelPropagation: { seed: 1, maxIter: 20 },
} as const;

export interface BundleJob {
  format: 'chainlens-bundle';
  version: 1;
  dataset: string;
  nodes: number;
  edges: number;
  algorithms: SparkAlgorithm[];
  /** Stop when the L1 change is below nodes·tol, or after maxIter iterations. */
  pagerank: { alpha: number; tol: number; maxIter: number; weighted: true; dangling: 'uniform' };
  labelPropagation: { seed: number; maxIter: number };
  relationView: { types: RelationType[]; parallel: 'summed'; selfLoops: 'kept' };
}

export interface BundleOptions extends DuckOptions {
  /** `types` RelationType[] (required): the relation view. */
  types: RelationType[];
  /** `alpha`, `tol`, `maxIter` [BUNDLE_DEFAULTS.pagerank]. */
  pagerank?: Partial<Pick<BundleJob['pagerank'], 'alpha' | 'tol' | 'maxIter'>>;
  /** `labelPropagation` [BUNDLE_DEFAULTS.labelPropagation]. */
  labelPropagation?: Partial<BundleJob['labelPropagation']>;
  /** `algorithms` [SPARK_ALGORITHMS]. */
  algorithms?: SparkAlgorithm[];
}

export interface BundleWritten {
  job: BundleJob;
  files: string[];
  seconds: number;
}

/** The main membership of each company (see the module notes); null when it has none. */
function mainSegments(dataset: Dataset): (string | null)[] {
  const n = dataset.companies.ids.length;
  const best: (string | null)[] = new Array<string | null>(n).fill(null);
  const share = new Float64Array(n).fill(-Infinity);
  const { company, segment, share: shares } = dataset.memberships;
  for (let r = 0; r < company.length; r++) {
    const c = company[r]!;
    const s = Number.isNaN(shares[r]!) ? -1 : shares[r]!;
    if (s > share[c]!) {
      share[c] = s;
      best[c] = segment[r]!;
    }
  }
  return best;
}

/** Appends rows to a DuckDB table in chunks of 2,048 (columns as value arrays). */
async function appendRows(
  db: Awaited<ReturnType<typeof openDuck>>,
  table: string,
  types: Parameters<typeof DuckDBDataChunk.create>[0],
  rows: number,
  column: (c: number, start: number, end: number) => (number | string | null)[],
): Promise<void> {
  const appender = await db.createAppender(table);
  const chunk = DuckDBDataChunk.create(types);
  for (let start = 0; start < rows; start += 2048) {
    const end = Math.min(rows, start + 2048);
    chunk.rowCount = end - start;
    for (let c = 0; c < types.length; c++) chunk.setColumnValues(c, column(c, start, end));
    appender.appendDataChunk(chunk);
  }
  appender.closeSync();
}

const range = (start: number, end: number, f: (i: number) => number | string | null) =>
  Array.from({ length: end - start }, (_, k) => f(start + k));

/** Writes the bundle of a dataset's relation view into `dir` (see the module notes). */
export async function writeBundle(
  dataset: Dataset,
  dir: string,
  options: BundleOptions,
): Promise<BundleWritten> {
  const started = performance.now();
  const graph = buildMetricGraph(dataset, { types: options.types });
  // The relation types merged into each arc, as a bit mask (arcs are sorted by target per source).
  const mask = new Uint8Array(graph.arcs);
  const inView = new Set(options.types.map((t) => RELATION_TYPES.indexOf(t)));
  const { source, target, type } = dataset.relations;
  const { offsets, nodes } = graph.out;
  for (let r = 0; r < source.length; r++) {
    if (!inView.has(type[r]!)) continue;
    const u = source[r]!;
    const v = target[r]!;
    let lo = offsets[u]!;
    let hi = offsets[u + 1]! - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (nodes[mid]! < v) lo = mid + 1;
      else hi = mid;
    }
    mask[lo] = mask[lo]! | (1 << type[r]!);
  }
  const typeNames = new Map<number, string>();
  const typeName = (m: number) => {
    let name = typeNames.get(m);
    if (name === undefined) {
      name = RELATION_TYPES.filter((_, code) => (m & (1 << code)) !== 0).join('+');
      typeNames.set(m, name);
    }
    return name;
  };
  const sources = new Int32Array(graph.arcs);
  for (let u = 0; u < graph.n; u++) sources.fill(u, offsets[u]!, offsets[u + 1]!);

  const { companies } = dataset;
  const segments = mainSegments(dataset);
  const sizeColumn = companies.attributes.size;
  const size = (c: number) => {
    const cell = sizeColumn?.[c]?.trim() ?? '';
    const x = cell === '' ? NaN : Number(cell);
    return Number.isFinite(x) && x >= 0 ? x : null;
  };

  mkdirSync(dir, { recursive: true });
  const db = await openDuck(options);
  const files = ['nodes.parquet', 'edges.parquet', 'job.json'].map((f) => join(dir, f));
  try {
    await db.run(
      'CREATE TABLE nodes (id INTEGER, external_id VARCHAR, name VARCHAR, region VARCHAR, segment VARCHAR, size DOUBLE)',
    );
    await appendRows(
      db,
      'nodes',
      [INTEGER, VARCHAR, VARCHAR, VARCHAR, VARCHAR, DOUBLE],
      graph.n,
      (col, s, e) => {
        switch (col) {
          case 0:
            return range(s, e, (u) => u);
          case 1:
            return range(s, e, (u) => companies.ids[graph.companyOf[u]!]!);
          case 2:
            return range(s, e, (u) => companies.names[graph.companyOf[u]!]!);
          case 3:
            return range(s, e, (u) => companies.regions[graph.companyOf[u]!] || null);
          case 4:
            return range(s, e, (u) => segments[graph.companyOf[u]!]!);
          default:
            return range(s, e, (u) => size(graph.companyOf[u]!));
        }
      },
    );
    await db.run('CREATE TABLE edges (src INTEGER, dst INTEGER, weight DOUBLE, type VARCHAR)');
    await appendRows(db, 'edges', [INTEGER, INTEGER, DOUBLE, VARCHAR], graph.arcs, (col, s, e) => {
      switch (col) {
        case 0:
          return range(s, e, (k) => sources[k]!);
        case 1:
          return range(s, e, (k) => nodes[k]!);
        case 2:
          return range(s, e, (k) => graph.out.weights[k]!);
        default:
          return range(s, e, (k) => typeName(mask[k]!));
      }
    });
    const copy = (table: string, columns: string, file: string) =>
      db.run(
        `COPY (SELECT ${columns} FROM ${table}) TO ${sqlString(file)} (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1048576)`,
      );
    await copy(
      'nodes',
      'CAST(id AS BIGINT) AS id, external_id, name, region, segment, size',
      files[0]!,
    );
    await copy(
      'edges',
      'CAST(src AS BIGINT) AS src, CAST(dst AS BIGINT) AS dst, weight, type',
      files[1]!,
    );
  } finally {
    closeDuck(db);
  }
  const pr = { ...BUNDLE_DEFAULTS.pagerank, ...options.pagerank };
  const job: BundleJob = {
    format: 'chainlens-bundle',
    version: 1,
    dataset: dataset.name,
    nodes: graph.n,
    edges: graph.arcs,
    algorithms: options.algorithms ?? [...SPARK_ALGORITHMS],
    pagerank: {
      alpha: pr.alpha,
      tol: pr.tol,
      maxIter: pr.maxIter,
      weighted: true,
      dangling: 'uniform',
    },
    labelPropagation: { ...BUNDLE_DEFAULTS.labelPropagation, ...options.labelPropagation },
    relationView: { types: [...options.types], parallel: 'summed', selfLoops: 'kept' },
  };
  writeFileSync(files[2]!, `${JSON.stringify(job, null, 2)}\n`);
  return { job, files, seconds: (performance.now() - started) / 1000 };
}
