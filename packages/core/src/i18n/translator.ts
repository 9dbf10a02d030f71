/**
 * One translator per language: i18next for the messages (interpolation, plurals, namespaces, a
 * missing key falling back to English), Intl for numbers. Chosen over @formatjs/intl because
 * i18next has no dependencies, works the same in Node and the browser, and its namespaces let
 * each part of the product (report, CLI, viewer, workbook) keep its own catalogue file; our
 * messages need plain interpolation and plurals, not ICU select/date syntax.
 *
 * Sentences are made here and in the renderers only; analyses return facts (ids, numbers).
 */
import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import type { Lang } from './lang.js';
import { CATALOGUES, NAMESPACES } from './locales/index.js';

export interface Translator {
  readonly lang: Lang;
  /** The message `ns:key` with `vars` interpolated (`{{name}}`); `count` picks the plural form. */
  t(key: string, vars?: Record<string, unknown>): string;
  /** A fraction as a percentage: 0.8461 → `84.6%` (digits [1]); `—` for null/NaN. */
  pct(x: number | null | undefined, digits?: number): string;
  /** A figure with `digits` [2] decimals (0.69); `—` for null/NaN. */
  num(x: number | null | undefined, digits?: number): string;
  /** An integer with thousands separators: 1,234; `—` for null/NaN. */
  count(n: number | null | undefined): string;
  /** A number of companies: `1,234 家` / `1,234 companies`. */
  firms(n: number): string;
  /** Items joined as the language lists them (`、` in Chinese, `, ` in English). */
  list(items: readonly string[]): string;
}

const instances = new Map<Lang, I18n>();

function instance(lang: Lang): I18n {
  let inst = instances.get(lang);
  if (!inst) {
    inst = i18next.createInstance();
    void inst.init({
      lng: lang,
      fallbackLng: 'en',
      ns: [...NAMESPACES],
      defaultNS: 'common',
      resources: CATALOGUES as unknown as Record<string, Record<string, Record<string, string>>>,
      keySeparator: false,
      nsSeparator: ':',
      interpolation: { escapeValue: false },
      initAsync: false,
      returnNull: false,
      showSupportNotice: false,
    } as Parameters<I18n['init']>[0]);
    instances.set(lang, inst);
  }
  return inst;
}

const NUMBER_LOCALE: Record<Lang, string> = { en: 'en-US', 'zh-CN': 'zh-CN' };

export function createTranslator(lang: Lang): Translator {
  const inst = instance(lang);
  const intlCount = new Intl.NumberFormat(NUMBER_LOCALE[lang], { maximumFractionDigits: 0 });
  const bad = (x: number | null | undefined): x is null | undefined =>
    x == null || !Number.isFinite(x);
  const t = (key: string, vars?: Record<string, unknown>): string => inst.t(key, vars) as string;
  return {
    lang,
    t,
    pct: (x, digits = 1) => (bad(x) ? '—' : `${(100 * x).toFixed(digits)}%`),
    num: (x, digits = 2) => (bad(x) ? '—' : x.toFixed(digits)),
    count: (n) => (bad(n) ? '—' : intlCount.format(Math.round(n))),
    firms: (n) => t('common:firms', { count: n, n: intlCount.format(n) }),
    list: (items) => items.join(t('common:listSeparator')),
  };
}
