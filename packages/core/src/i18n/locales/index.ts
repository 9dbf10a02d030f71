/**
 * Every message catalogue, per language and namespace. A namespace is one file per language
 * (locales/en/NS.ts, locales/zh-CN/NS.ts); the Chinese file is checked against the English one
 * by type (`CatalogueOf`) and by test/i18n/catalogue.test.ts (same keys, same {{variables}}).
 * To add a namespace: write both files and list them here.
 */
import type { Lang } from '../lang.js';
import type { Catalogue } from './types.js';
import { common as enCommon } from './en/common.js';
import { common as zhCommon } from './zh-CN/common.js';
import { cli as enCli } from './en/cli.js';
import { cli as zhCli } from './zh-CN/cli.js';
import { glossary as enGlossary } from './en/glossary.js';
import { glossary as zhGlossary } from './zh-CN/glossary.js';
import { map as enMap } from './en/map.js';
import { map as zhMap } from './zh-CN/map.js';
import { report as enReport } from './en/report.js';
import { report as zhReport } from './zh-CN/report.js';
import { xlsx as enXlsx } from './en/xlsx.js';
import { xlsx as zhXlsx } from './zh-CN/xlsx.js';
import { io as enIo } from './en/io.js';
import { io as zhIo } from './zh-CN/io.js';
import { importNs as enImport } from './en/import.js';
import { importNs as zhImport } from './zh-CN/import.js';
import { prepare as enPrepare } from './en/prepare.js';
import { prepare as zhPrepare } from './zh-CN/prepare.js';
import { viewer as enViewer } from './en/viewer.js';
import { viewer as zhViewer } from './zh-CN/viewer.js';
import { time as enTime } from './en/time.js';
import { time as zhTime } from './zh-CN/time.js';
import { spark as enSpark } from './en/spark.js';
import { spark as zhSpark } from './zh-CN/spark.js';
import { filters as enFilters } from './en/filters.js';
import { filters as zhFilters } from './zh-CN/filters.js';
import { viewerExport as enViewerExport } from './en/viewer-export.js';
import { viewerExport as zhViewerExport } from './zh-CN/viewer-export.js';

export const NAMESPACES = [
  'common',
  'cli',
  'report',
  'glossary',
  'map',
  'xlsx',
  'viewer',
  'io',
  'import',
  'time',
  'spark',
  'filters',
  'viewerExport',
  'prepare',
] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGUES: Record<Lang, Record<Namespace, Catalogue>> = {
  en: {
    common: enCommon,
    cli: enCli,
    report: enReport,
    glossary: enGlossary,
    map: enMap,
    xlsx: enXlsx,
    viewer: enViewer,
    io: enIo,
    import: enImport,
    time: enTime,
    spark: enSpark,
    filters: enFilters,
    viewerExport: enViewerExport,
    prepare: enPrepare,
  },
  'zh-CN': {
    common: zhCommon,
    cli: zhCli,
    report: zhReport,
    glossary: zhGlossary,
    map: zhMap,
    xlsx: zhXlsx,
    viewer: zhViewer,
    io: zhIo,
    import: zhImport,
    time: zhTime,
    spark: zhSpark,
    filters: zhFilters,
    viewerExport: zhViewerExport,
    prepare: zhPrepare,
  },
};
