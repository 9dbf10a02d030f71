/**
 * Exports of a dataset view with its metrics to GEXF, GraphML, CSV and Arrow (`chainlens
 * export`): pure functions from an `ExportGraph` to text or bytes; the CLI writes the files.
 */
export * from './graph.js';
export * from './xml.js';
export * from './gexf.js';
export * from './graphml.js';
export * from './tables.js';
