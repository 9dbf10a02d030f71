/**
 * The viewer's date (issue 19 part 4, docs/time.md): the years the dataset's date columns span,
 * the dataset as of a year (core `asOf`: the view, the lists and the chain report are built on
 * it), the firms that entered since the slider's previous step, and what changed in a region's
 * chain between two dates (core `diffChain`, the same figures as `chainlens diff`).
 */
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { DATE_COLUMNS, asOf, diffChain, formatDay, parseDay } from '@chainlens/core';
import type { ChainDiff } from '@chainlens/core';
import type { DateSpan } from '../protocol.js';
import { CHAIN_SEED, findTemplate } from './chain.js';

/** The first and last year of any date cell of the dataset; null when it has no dated column. */
export function dateSpan(dataset: Dataset): DateSpan | null {
  let first = Infinity;
  let last = -Infinity;
  const scan = (attributes: Record<string, string[]>, names: readonly string[]) => {
    for (const name of names) {
      const cells = Object.hasOwn(attributes, name) ? attributes[name]! : [];
      for (const cell of cells) {
        const day = cell.trim() === '' ? undefined : parseDay(cell);
        if (day === undefined) continue;
        const year = Number(formatDay(day).slice(0, 4));
        if (year < first) first = year;
        if (year > last) last = year;
      }
    }
  };
  for (const table of ['companies', 'memberships', 'relations'] as const) {
    const cols = DATE_COLUMNS[table];
    scan(dataset[table].attributes, [...cols.start, ...cols.end]);
  }
  return Number.isFinite(first) ? { first, last } : null;
}

/** `full` as of the end of `year`, or `full` itself for "all dates" (null). */
export function datasetAt(full: Dataset, year: number | null): Dataset {
  return year === null ? full : asOf(full, String(year));
}

/** Ids of the companies of `now` (as of `year`) that were not there as of the end of `since`. */
export function enteredSince(full: Dataset, now: Dataset, since: number): string[] {
  const before = new Set(asOf(full, String(since)).companies.ids);
  return now.companies.ids.filter((id) => !before.has(id));
}

/** What changed in `region`'s chain from the end of `from` to the end of `to`. */
export function chainDiffBetween(
  full: Dataset,
  shared: { template: ChainTemplate }[],
  request: { templateId: string; region: string; minShare?: number; from: number; to: number },
): ChainDiff {
  return diffChain(full, {
    region: request.region,
    template: findTemplate(full, shared, request.templateId),
    seed: CHAIN_SEED,
    ...(request.minShare !== undefined ? { minShare: request.minShare } : {}),
    from: String(request.from),
    to: String(request.to),
  });
}
