/**
 * The parallel metrics alone (`@chainlens/scale/parallel`): PageRank and betweenness on worker
 * threads, without the ingest and its DuckDB binding — what `chainlens metrics` loads for a
 * regional dataset.
 */
export * from './workers.js';
export * from './pagerank.js';
export * from './betweenness.js';
