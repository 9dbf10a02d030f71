/**
 * A region's chain year by year (docs/time.md): the figures of `chainAt` at each of a list of
 * dates, for `chainlens diff --every year` and a chart of lines.
 */
import type { Dataset } from '../graph/types.js';
import type { ChainAtOptions, ChainSnapshot } from './diff.js';
import { chainAt } from './diff.js';
import { asOfDay } from './as-of.js';
import { formatDay } from './dates.js';

export interface SeriesPoint {
  date: string;
  /** Companies of the region, and those holding a segment of the chain. */
  companies: number;
  chainFirms: number;
  segmentsPresent: number;
  coverage: number;
  redundancy: number;
  link: number;
  path: number;
  localSupplyRatio: number | null;
}

/** The figures of one snapshot as a point of the series. */
export function seriesPoint(s: ChainSnapshot): SeriesPoint {
  const k = s.report.completeness;
  return {
    date: s.date,
    companies: s.cluster.length,
    chainFirms: s.report.cluster.chainCompanies,
    segmentsPresent: k.segments.present,
    coverage: k.coverage,
    redundancy: k.redundancy,
    link: k.link,
    path: k.path,
    localSupplyRatio: k.localSupplyRatio,
  };
}

/**
 * The dates one year apart from `from` up to `to` (both read as dates: `2010` is 2010-12-31), the
 * last one `to` itself: `yearly('2010', '2012')` is 2010-12-31, 2011-12-31, 2012-12-31.
 */
export function yearly(from: string, to: string): string[] {
  const start = formatDay(asOfDay(from));
  const end = formatDay(asOfDay(to));
  const out: string[] = [];
  const [y, md] = [Number(start.slice(0, 4)), start.slice(4)];
  for (let year = y; ; year++) {
    // 02-29 in a year without it is the 28th.
    let date = `${year}${md}`;
    if (md === '-02-29' && formatDay(asOfDay(`${year}-02`)) !== date) date = `${year}-02-28`;
    if (date >= end) break;
    out.push(date);
  }
  out.push(end);
  return out;
}

/** `chainAt` at each date, in order. */
export function chainSeries(
  dataset: Dataset,
  dates: readonly string[],
  options: ChainAtOptions,
): ChainSnapshot[] {
  return dates.map((d) => chainAt(dataset, d, options));
}
