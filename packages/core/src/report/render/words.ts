/**
 * Words every renderer of a report shares, in the translator's language: the default (English)
 * translator, counted nouns, `a, b and c` lists and shares as a sentence writes them.
 */
import type { Translator } from '../../i18n/translator.js';
import { createTranslator } from '../../i18n/translator.js';

/** The English translator, the renderers' default. */
export const EN: Translator = createTranslator('en');

/** A counted noun of namespace `report` (`unit.company` → `3 companies` / `3 家企业`). */
export function unit(tr: Translator, noun: string, n: number): string {
  return tr.t(`report:unit.${noun}`, { count: n, n: tr.count(n) });
}

/** `a`, `a and b`, `a, b and c` (English); `a、b和c` (Chinese). */
export function andList(
  tr: Translator,
  items: readonly string[],
  andKey = 'report:join.and',
): string {
  if (items.length <= 1) return items.join('');
  return (
    items.slice(0, -1).join(tr.t('report:join.comma')) + tr.t(andKey) + items[items.length - 1]
  );
}

/**
 * A share as a sentence says it: `31%`, `5.2%`, `0.4%` (whole percent from 10% up, one decimal
 * below).
 */
export function sharePct(x: number): string {
  const p = x * 100;
  return `${p >= 10 ? Math.round(p) : Number(p.toFixed(1))}%`;
}
