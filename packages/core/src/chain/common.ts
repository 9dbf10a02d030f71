/**
 * Small helpers shared by the chain analyses (not part of the public API): ordering by company
 * id, company references as the report names them, and number formatting for the one-line
 * `detail` / `explanation` sentences.
 */
import type { Dataset } from '../graph/types.js';

/** Compares two ids by UTF-16 code units (stock codes with leading zeros sort numerically). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Company indices sorted by their ids. */
export function sortByIds(dataset: Dataset, indices: Iterable<number>): number[] {
  const ids = dataset.companies.ids;
  return Array.from(indices).sort((a, b) => compareIds(ids[a]!, ids[b]!));
}

/** The ids of company indices, in the same order. */
export function idsOf(dataset: Dataset, indices: Iterable<number>): string[] {
  const ids = dataset.companies.ids;
  return Array.from(indices, (c) => ids[c]!);
}

/** A company as the report names it: id, name and region. */
export interface CompanyLabel {
  company: string;
  name: string;
  region: string;
}

/** The label of company index c (region '' when unknown). */
export function companyLabel(dataset: Dataset, c: number): CompanyLabel {
  const t = dataset.companies;
  return { company: t.ids[c]!, name: t.names[c]!, region: t.regions[c]! };
}

/** A sort key that ignores floating-point noise below 12 significant digits. */
export function sortKey(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(12));
}

/** A figure for a sentence: 2 decimals, trailing zeros kept (0.50). */
export function fmt(x: number, digits = 2): string {
  return x.toFixed(digits);
}

/** A fraction as a percentage for a sentence: 0.3104 → `31%`, 0.052 → `5.2%`, 0.004 → `0.4%`. */
export function percent(x: number): string {
  const p = x * 100;
  return `${p >= 10 ? Math.round(p) : Number(p.toFixed(1))}%`;
}

/** `1 firm` / `3 firms`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** `a`, `a and b`, `a, b and c`. */
export function listText(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
