/** The Excel workbooks (Node-only, exceljs): report.xlsx, compare and metrics workbooks. */
export * from './sheet.js';
export * from './report.js';
export * from './compare.js';
export * from './metrics.js';
export * from './diff.js';
