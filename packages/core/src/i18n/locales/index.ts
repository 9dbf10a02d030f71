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
import { viewer as enViewer } from './en/viewer.js';
import { viewer as zhViewer } from './zh-CN/viewer.js';

export const NAMESPACES = ['common', 'viewer'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export const CATALOGUES: Record<Lang, Record<Namespace, Catalogue>> = {
  en: { common: enCommon, viewer: enViewer },
  'zh-CN': { common: zhCommon, viewer: zhViewer },
};
