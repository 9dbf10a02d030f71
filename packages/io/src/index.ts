/**
 * @chainlens/io: readers and writers of dataset tables (CSV, TSV, JSON, Arrow IPC) with
 * validation. This entry is pure and runs in the browser; `@chainlens/io/node` adds disk access.
 */
export * from './issues.js';
export * from './messages.js';
export * from './numbers.js';
export * from './text.js';
export * from './table.js';
export { DelimitedRows, emptyFileError } from './delimited-rows.js';
export type { ArrowSource } from './arrow-guard.js';
export { ARROW_ROW_LIMIT, ArrowGuardError, guardArrow, guardArrowSource } from './arrow-guard.js';
export * from './manifest.js';
export type { DataIndex, DataIndexEntry } from './data-index.js';
export * from './dataset.js';
export * from './write.js';
export * from './export/index.js';
export { editDistance, nearest } from './tables/common.js';
export { readTemplate, templateSchema } from './tables/templates.js';
// The table readers and their row frame, for tables streamed in chunks (`@chainlens/scale`).
export type { TableInput, TableSpec, RowAccess } from './tables/common.js';
export { runTable } from './tables/common.js';
export { COMPANIES, readCompanies } from './tables/companies.js';
export { MEMBERSHIPS, readMemberships } from './tables/memberships.js';
export { RELATIONS, readRelations } from './tables/relations.js';
export type { RelationOptions } from './tables/relations.js';
export { readProductLinks, readProducts } from './tables/products.js';
