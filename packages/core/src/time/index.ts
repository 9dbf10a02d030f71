/**
 * @chainlens/core/time: the chain over time: date cells, the dataset as of a date, and what
 * changed between two dates (docs/time.md).
 */
export { DATE_COLUMNS, formatDay, normalizeDate, parseDay } from './dates.js';
export { asOf, asOfDay } from './as-of.js';
export { chainAt, diffChain, diffSnapshots } from './diff.js';
export type {
  ChainAtOptions,
  ChainDiff,
  ChainSnapshot,
  DiffOptions,
  FigureChange,
  FirmChange,
  LeaderChange,
  SegmentShift,
  SegmentShiftKind,
  SinglePoint,
  TargetLanded,
} from './diff.js';
export { DIFF_COLUMNS, diffLines, diffRows } from './render.js';
export type { DiffRow, DiffTextOptions } from './render.js';
export { chainSeries, seriesPoint, yearly } from './series.js';
export type { SeriesPoint } from './series.js';
export { renderSeriesHtml, seriesCells } from './series-html.js';
export type { SeriesPage } from './series-html.js';
