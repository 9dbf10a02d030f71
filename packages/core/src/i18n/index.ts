/**
 * @chainlens/core/i18n: Translation: languages, the translator and the message catalogues.
 */
export { CATALOGUES, NAMESPACES } from './locales/index.js';
export type { Namespace } from './locales/index.js';
export type { Catalogue, CatalogueOf } from './locales/types.js';
export { DEFAULT_LANG, LANGS, LangError, parseLang, resolveLang } from './lang.js';
export type { Lang, LangSource } from './lang.js';
export { createTranslator } from './translator.js';
export type { Translator } from './translator.js';
