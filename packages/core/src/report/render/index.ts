/**
 * Renderers of a ChainReport: report.json text (`reportJson`), report.md (`renderMarkdown`) and
 * report.html (`renderHtml`). Pure string functions, so the CLI writes the files and the viewer
 * can offer the same files for download.
 */
export { escapeHtml, escapeMarkdown, jsonForScript } from './escape.js';
export { reportJson } from './json.js';
export { renderMarkdown } from './markdown.js';
export type { MarkdownOptions } from './markdown.js';
export { renderHtml } from './html.js';
export type { HtmlOptions } from './html.js';
export { layoutChainMap, wrapText, textWidth } from './chain-map.js';
export {
  clusterLabel,
  holdingsText,
  indexReport,
  leaderBasisText,
  memberText,
  shareText,
} from './model.js';
export type { ReportIndex } from './model.js';
export type { ChainMapLayout, MapBox } from './chain-map.js';
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
} from './province-map.js';
export type { GridTile, ProvinceMapOptions, ProvinceValue } from './province-map.js';
export { renderCompareHtml } from './compare-html.js';
export type { CompareHtmlInput } from './compare-html.js';
export { clusterPlace, targetText, weakLinkText } from './sentences.js';
export { EN, andList, sharePct, unit } from './words.js';
export {
  GLOSSARY,
  glossaryEntry,
  glossaryHtml,
  glossaryMarkdown,
  glossaryTip,
} from './glossary.js';
export {
  componentLabel,
  kindLabel,
  measureName,
  measureText,
  orderName,
  stageTitle,
  stageWord,
  statusLabel,
  statusMeaning,
} from './model.js';
