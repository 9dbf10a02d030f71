/**
 * @chainlens/core/report: Reports: the ChainReport model, `analyze()` and the renderers (JSON, Markdown, HTML).
 */
export {
  METRIC_COLUMNS,
  METRICS_TABLE_PAGERANK,
  metricsTable,
  metricsTableBetweennessPlan,
} from './metrics-table.js';
export type { MetricColumn, MetricsTable, MetricsTableOptions } from './metrics-table.js';
export { REPORT_SCHEMA_VERSION } from './types.js';
export type {
  ChainReport,
  CompanyRef,
  MemberRef,
  ReportCompleteness,
  ReportCoverage,
  ReportCritical,
  ReportLeader,
  ReportMissingRole,
  ReportParameters,
  ReportRegionRow,
  ReportRegions,
  ReportSegment,
  ReportTarget,
  ReportWeakLink,
  StageFigures,
} from './types.js';
export { escapeHtml, escapeMarkdown, jsonForScript } from './render/escape.js';
export { reportJson } from './render/json.js';
export { renderMarkdown } from './render/markdown.js';
export type { MarkdownOptions } from './render/markdown.js';
export { renderHtml } from './render/html.js';
export type { HtmlOptions } from './render/html.js';
export { layoutChainMap, textWidth, wrapText } from './render/chain-map.js';
export type { ChainMapLayout, MapBox } from './render/chain-map.js';
export {
  clusterLabel,
  componentLabel,
  holdingsText,
  indexReport,
  kindLabel,
  leaderBasisText,
  measureName,
  measureText,
  memberText,
  orderName,
  shareText,
  stageTitle,
  stageWord,
  statusLabel,
  statusMeaning,
} from './render/model.js';
export type { ReportIndex } from './render/model.js';
export {
  NO_DATA_FILL,
  PROVINCE_GRID,
  figureLabel,
  luminance,
  mapDomain,
  onProvinceGrid,
  provinceColour,
  provinceMapSvg,
  provinceSection,
  rampColour,
  regionValues,
} from './render/province-map.js';
export type { GridTile, ProvinceMapOptions, ProvinceValue } from './render/province-map.js';
export { renderCompareHtml } from './render/compare-html.js';
export type { CompareHtmlInput } from './render/compare-html.js';
export { clusterPlace, targetText, weakLinkText } from './render/sentences.js';
export { asOfText } from './render/param-text.js';
export { EN, andList, sharePct, unit } from './render/words.js';
export {
  GLOSSARY,
  glossaryEntry,
  glossaryHtml,
  glossaryMarkdown,
  glossaryTip,
} from './render/glossary.js';
export { CHAINLENS_VERSION, analyze } from './analyze.js';
export type { AnalyzeOptions } from './analyze.js';
