/**
 * @chainlens/io: readers and writers of dataset tables (CSV, TSV, JSON, Arrow IPC) with
 * validation. This entry is pure and runs in the browser; `@chainlens/io/node` adds disk access.
 */
export * from './issues.js';
export * from './numbers.js';
export * from './text.js';
export * from './table.js';
export * from './manifest.js';
export * from './dataset.js';
export * from './write.js';
export * from './export/index.js';
export { editDistance, nearest } from './tables/common.js';
export { readTemplate, templateSchema } from './tables/templates.js';
