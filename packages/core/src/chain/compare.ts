/**
 * Region comparison: the completeness of every region (cut at a level of the region path:
 * 1 = province, 2 = city) for one chain, best first; and, for one region, its completeness in
 * each of several chains, with its rank among the regions of its level.
 *
 * A region's counts n_s are the companies of that region in each segment, so each region's
 * figures are exactly those `completeness(chainContext(dataset, template, clusterByRegion(…)))`
 * gives; computing them together costs one pass over the memberships.
 */
import { regionParts } from '../graph/cluster.js';
import type { ChainTemplate, Dataset } from '../graph/types.js';
import type { Completeness, CompletenessOptions } from './completeness.js';
import { completenessFromCounts } from './completeness.js';
import type { MembershipOptions, SegmentMembership } from './membership.js';
import { segmentMembership } from './membership.js';
import type { ChainStructure } from './structure.js';
import { chainStructure } from './structure.js';

export interface CompareOptions extends CompletenessOptions, MembershipOptions {
  /** `level` number [1]: region path levels that name a region (1 = province, 2 = city). */
  level?: number;
  /** `sortBy` 'coverage' | 'redundancy' | 'link' | 'path' ['redundancy']: the ranking figure. */
  sortBy?: 'coverage' | 'redundancy' | 'link' | 'path';
  /** `membership` SegmentMembership [computed]: the template's membership, when already at hand. */
  membership?: SegmentMembership;
}

export interface RegionCompleteness {
  region: string;
  /** Companies of the region (all, with or without a chain segment). */
  companies: number;
  /** Companies of the region in at least one segment of the chain. */
  chainCompanies: number;
  /** The (company, segment) memberships of the region's chain firms. */
  chainMemberships: number;
  /** Of those, memberships held on lines without a revenue figure (`SegmentMembership.unknown`). */
  unknownShareMemberships: number;
  completeness: Completeness;
  /** 1-based rank by `sortBy`, ties sharing the better rank. */
  rank: number;
}

/** The region of a company cut to `level` path parts; '' when it has fewer parts. */
function regionAt(region: string, level: number): string {
  const parts = regionParts(region);
  return parts.length >= level ? parts.slice(0, level).join('/') : '';
}

/**
 * Completeness of every region at `level` for one chain, sorted by `sortBy` (descending), then
 * coverage, then region name. Companies without a region at that level are left out (the
 * result says how many regions there are; callers report the rest).
 */
export function compareRegions(
  dataset: Dataset,
  template: ChainTemplate | ChainStructure,
  options: CompareOptions = {},
): RegionCompleteness[] {
  const level = options.level ?? 1;
  if (!Number.isInteger(level) || level < 1)
    throw new RangeError(`level must be ≥ 1, got ${level}`);
  const sortBy = options.sortBy ?? 'redundancy';
  const structure = 'order' in template ? template : chainStructure(template);
  const membership = options.membership ?? segmentMembership(dataset, structure, options);
  const S = structure.size;

  const regionOf = new Int32Array(dataset.companies.ids.length).fill(-1);
  const names: string[] = [];
  const index = new Map<string, number>();
  const companies: number[] = [];
  dataset.companies.regions.forEach((region, c) => {
    const r = regionAt(region, level);
    if (r === '') return;
    let i = index.get(r);
    if (i === undefined) {
      i = names.length;
      index.set(r, i);
      names.push(r);
      companies.push(0);
    }
    regionOf[c] = i;
    companies[i]!++;
  });
  const counts = Array.from(names, () => new Int32Array(S));
  const chainCompanies = new Int32Array(names.length);
  const unknownShares = new Int32Array(names.length);
  for (let s = 0; s < S; s++) {
    const unknown = membership.unknown[s]!;
    membership.members[s]!.forEach((c, k) => {
      const r = regionOf[c]!;
      if (r < 0) return;
      counts[r]![s]!++;
      unknownShares[r]! += unknown[k]!;
    });
  }
  const { segmentOffsets } = membership;
  for (let c = 0; c < regionOf.length; c++) {
    if (regionOf[c]! >= 0 && segmentOffsets[c + 1]! > segmentOffsets[c]!)
      chainCompanies[regionOf[c]!]!++;
  }
  const rows = names.map((region, i) => ({
    region,
    companies: companies[i]!,
    chainCompanies: chainCompanies[i]!,
    chainMemberships: counts[i]!.reduce((a, b) => a + b, 0),
    unknownShareMemberships: unknownShares[i]!,
    completeness: completenessFromCounts(structure, counts[i]!, options),
    rank: 0,
  }));
  rows.sort(
    (a, b) =>
      b.completeness[sortBy] - a.completeness[sortBy] ||
      b.completeness.coverage - a.completeness.coverage ||
      (a.region < b.region ? -1 : a.region > b.region ? 1 : 0),
  );
  rows.forEach((row, i) => {
    const prev = rows[i - 1];
    row.rank = prev && prev.completeness[sortBy] === row.completeness[sortBy] ? prev.rank : i + 1;
  });
  return rows;
}

export interface ChainStrength {
  template: { id: string; name: string; segments: number };
  completeness: Completeness;
  /** Companies of the region (all). */
  companies: number;
  chainCompanies: number;
  /** The (company, segment) memberships of the region's chain firms, and those of unknown share. */
  chainMemberships: number;
  unknownShareMemberships: number;
  /** The region's rank among the regions of its level for this chain, and how many there are. */
  rank: number;
  regions: number;
}

/**
 * For one region (a path; its level is its number of parts), its completeness in each chain,
 * strongest first by `sortBy`, with its rank among the regions of the same level.
 */
export function chainsOfRegion(
  dataset: Dataset,
  templates: readonly ChainTemplate[],
  region: string,
  options: Omit<CompareOptions, 'level' | 'membership'> = {},
): ChainStrength[] {
  const parts = regionParts(region);
  if (parts.length === 0) throw new RangeError('region must not be empty');
  const key = parts.join('/');
  const sortBy = options.sortBy ?? 'redundancy';
  const out: ChainStrength[] = [];
  for (const template of templates) {
    const rows = compareRegions(dataset, template, { ...options, level: parts.length });
    const row = rows.find((r) => r.region === key);
    if (!row) continue;
    out.push({
      template: { id: template.id, name: template.name, segments: template.segments.length },
      completeness: row.completeness,
      companies: row.companies,
      chainCompanies: row.chainCompanies,
      chainMemberships: row.chainMemberships,
      unknownShareMemberships: row.unknownShareMemberships,
      rank: row.rank,
      regions: rows.length,
    });
  }
  return out.sort(
    (a, b) =>
      b.completeness[sortBy] - a.completeness[sortBy] || (a.template.id < b.template.id ? -1 : 1),
  );
}
