/**
 * The viewer's language: one translator from @chainlens/core (namespace `viewer`), shared by the
 * page and the worker. The page picks the language from the URL (`?lang=zh-CN|en`), else from the
 * browser (`navigator.language` starting with zh → zh-CN); the worker gets it with each request.
 */
import type { Lang, Translator } from '@chainlens/core';
import { createTranslator, parseLang } from '@chainlens/core';

let current: Translator = createTranslator('en');

/** The current translator. */
export function tr(): Translator {
  return current;
}

/** The message `ns:key` in the current language (see Translator.t). */
export function t(key: string, vars?: Record<string, unknown>): string {
  return current.t(key, vars);
}

export function setLang(lang: Lang): void {
  if (lang !== current.lang) current = createTranslator(lang);
}

export function lang(): Lang {
  return current.lang;
}

/** The language a page opens in: `?lang=` when valid, else the browser's language. */
export function initialLang(search: string, browser: string | undefined): Lang {
  const wanted = parseLang(new URLSearchParams(search).get('lang'));
  if (wanted) return wanted;
  return parseLang(browser) === 'zh-CN' ? 'zh-CN' : 'en';
}

/**
 * The one-sentence explanation of a figure (glossary namespace, `glossary:<id>.what`), for a
 * figure label's tooltip; '' while no glossary is loaded.
 */
export function figureHint(id: string): string {
  return current.t(`glossary:${id}.what`, { defaultValue: '' });
}
