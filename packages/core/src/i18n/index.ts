/**
 * Chainlens in Chinese and English: the language choice (`resolveLang`), one translator per
 * language (`createTranslator`) and the message catalogues (locales/<lang>/<namespace>.ts).
 */
export * from './lang.js';
export * from './translator.js';
export { CATALOGUES, NAMESPACES } from './locales/index.js';
export type { Namespace } from './locales/index.js';
export type { Catalogue, CatalogueOf } from './locales/types.js';
