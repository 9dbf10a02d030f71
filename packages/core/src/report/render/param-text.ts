/**
 * Parameters and lists as words in the reader's language, shared by report.md and report.html.
 */
import type { Translator } from '../../i18n/translator.js';
import { measureName, parameterText } from './model.js';
import type { AsOfInfo } from '../../graph/types.js';

/**
 * The date a report is as of, with what rests on it (`2015-12-31 (only the companies, memberships
 * and relations valid that day; 4,498 of 4,689 companies dated)`); undefined when not dated.
 */
export function asOfText(asOf: unknown, tr: Translator): string | undefined {
  if (asOf === undefined || asOf === null) return undefined;
  const a = asOf as AsOfInfo;
  return tr.t('report:asOfDetail', {
    date: a.date,
    dated: tr.count(a.dated.companies),
    total: tr.count(a.total.companies),
  });
}

/** Relation types counted as supply, named in the reader's language. */
export function supplyTypesText(types: readonly string[], tr: Translator): string {
  return tr.list(types.map((x) => tr.t(`report:supplyType.${x}`, { defaultValue: x })));
}

/** The list sizes (`leaders 20, targets 20, …`). */
export function limitsText(limits: Record<string, unknown>, tr: Translator): string {
  const items = Object.entries(limits).map(([key, v]) =>
    tr.t('report:limitItem', { key: tr.t(`report:limit.${key}`, { defaultValue: key }), n: v }),
  );
  return tr.list(items);
}

/** A parameter's name beyond the known ones (English: the report.json key). */
export function paramKey(key: string, tr: Translator): string {
  return tr.t(`report:paramKey.${key}`, { defaultValue: key });
}

/** A missing role's direction (`upstream` / `上游缺失`). */
export function directionText(direction: string, tr: Translator): string {
  return tr.t(`report:direction.${direction}`, { defaultValue: direction });
}

/** A parameter's value as text; a completeness measure (`…Measure`) named in the reader's language. */
export function paramValue(key: string, v: unknown, tr: Translator): string {
  return key.endsWith('Measure') && typeof v === 'string'
    ? measureName(v, tr)
    : parameterText(v, tr);
}
