/**
 * @chainlens/scale (Node only): national-scale ingest and metrics. Tables stream from CSV,
 * Arrow IPC or Parquet files into typed columns (no object or string per relation), the
 * compact graph and metric snapshot are built in counted passes, and the costly metrics run
 * on worker threads over shared typed arrays. `@chainlens/core` stays pure; this package
 * holds what needs the disk, threads or DuckDB.
 */
export * from './duckdb.js';
export * from './progress.js';
export * from './stream.js';
export * from './ids.js';
export * from './rows.js';
export * from './relations.js';
export * from './ingest.js';
export * from './issues.js';
export * from './parallel/index.js';
export * from './bundle.js';
export * from './spark-submit.js';
export * from './spark-results.js';
export * from './prepared.js';
