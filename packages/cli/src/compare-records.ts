/**
 * The rows of `chainlens compare` as records: one per region (template mode) or per chain
 * (region mode), in a fixed column order, and as CSV.
 */
import { stringify } from 'csv-stringify/sync';
import type { ChainStrength, Completeness, RegionCompleteness } from '@chainlens/core';
import { guardCsvCell } from '@chainlens/io';

export type Cell = string | number | null;

/** The completeness figures of a row, flat, in a fixed order (stage figures null when none). */
function figures(c: Completeness): Record<string, Cell> {
  const out: Record<string, Cell> = {
    coverage: c.coverage,
    redundancy: c.redundancy,
    link: c.link,
    path: c.path,
  };
  for (const stage of ['upstream', 'midstream', 'downstream'] as const) {
    out[`${stage}Coverage`] = c.byStage[stage].coverage;
    out[`${stage}Redundancy`] = c.byStage[stage].redundancy;
  }
  return {
    ...out,
    segments: c.segments.all,
    segmentsPresent: c.segments.present,
    ...Object.fromEntries(
      (['upstream', 'midstream', 'downstream'] as const).flatMap((stage) => [
        [`${stage}Segments`, c.byStage[stage].segments],
        [`${stage}SegmentsPresent`, c.byStage[stage].present],
      ]),
    ),
    feeds: c.feeds.all,
    feedsPresent: c.feeds.present,
    paths: c.paths.all,
    pathsPresent: c.paths.present,
  };
}

/** One machine-readable row per region (template mode). */
export function regionRecord(r: RegionCompleteness): Record<string, Cell> {
  return {
    rank: r.rank,
    region: r.region,
    ...figures(r.completeness),
    companies: r.companies,
    chainCompanies: r.chainCompanies,
    chainMemberships: r.chainMemberships,
    unknownShareMemberships: r.unknownShareMemberships,
  };
}

/** One machine-readable row per chain (region mode); `rank` is the region's among its level. */
export function chainRecord(c: ChainStrength): Record<string, Cell> {
  return {
    chain: c.template.id,
    name: c.template.name,
    rank: c.rank,
    regions: c.regions,
    ...figures(c.completeness),
    companies: c.companies,
    chainCompanies: c.chainCompanies,
    chainMemberships: c.chainMemberships,
    unknownShareMemberships: c.unknownShareMemberships,
  };
}

/**
 * The rows as CSV: text cells a spreadsheet would run as formulas get a leading `'`
 * (`guardCsvCell`, shared by every CSV output) unless `raw`; figures are numbers, never changed.
 */
export function csv(rows: Record<string, Cell>[], columns: string[], raw: boolean): string {
  return stringify(rows, {
    header: true,
    columns,
    ...(raw ? {} : { cast: { string: guardCsvCell } }),
  });
}

const NO_STAGE = { coverage: null, redundancy: null, segments: 0, present: 0 };
/** A blank completeness, for the column names of an empty result. */
const BLANK: Completeness = {
  coverage: 0,
  redundancy: 0,
  link: 0,
  path: 0,
  paths: { all: 0, present: 0 },
  feeds: { all: 0, present: 0 },
  segments: { all: 0, present: 0 },
  byStage: { upstream: NO_STAGE, midstream: NO_STAGE, downstream: NO_STAGE },
};
const BLANK_COUNTS = { companies: 0, chainCompanies: 0, chainMemberships: 0 };
export const REGION_COLUMNS = Object.keys(
  regionRecord({
    ...BLANK_COUNTS,
    region: '',
    unknownShareMemberships: 0,
    rank: 0,
    completeness: BLANK,
  }),
);
export const CHAIN_COLUMNS = Object.keys(
  chainRecord({
    ...BLANK_COUNTS,
    template: { id: '', name: '', segments: 0 },
    unknownShareMemberships: 0,
    rank: 0,
    regions: 0,
    completeness: BLANK,
  }),
);
