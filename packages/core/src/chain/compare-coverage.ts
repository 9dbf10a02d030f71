/**
 * What a regional comparison leaves out or takes on trust, as counts (callers word them): the
 * companies without a region at the comparison's level (left out of every ranking at that
 * level), the chain memberships whose share the data does not give, and the supply links that
 * are inferred rather than observed. Pure counts, so that the CLI, the report and the viewer
 * say the same thing.
 */
import { regionParts } from '../graph/cluster.js';
import type { Dataset } from '../graph/types.js';
import { relationTypeCode } from '../graph/types.js';
import type { SegmentMembership } from './membership.js';

/** Supply relations by provenance: `supply` (observed) and `inferred-supply`. */
export interface SupplyLinkCounts {
  observed: number;
  inferred: number;
}

export interface ChainCoverage {
  /** Companies in at least one segment of the chain. */
  companies: number;
  /** Of those, companies without a region at the level (in no regional row). */
  companiesWithoutRegion: number;
  /** (company, segment) memberships of the chain. */
  memberships: number;
  /**
   * Of those, memberships held on lines without a revenue figure (share unknown, or a known part
   * under the threshold with other lines of unknown share): `SegmentMembership.unknown`.
   */
  unknownShareMemberships: number;
  /** (company, segment) pairs left out because their known share was under `minShare`. */
  belowThreshold: number;
  /** The revenue-share threshold of the membership. */
  minShare: number;
  /** (company, segment) pairs left out by a segment's industry filter (traders, retailers). */
  outsideIndustry: number;
  /** Supply relations with both ends among the chain's companies. */
  supplyLinks: SupplyLinkCounts;
}

export interface CompareCoverage {
  /** The region level the counts refer to (1 = province, 2 = city). */
  level: number;
  /** Companies of the dataset. */
  companies: number;
  /** Companies whose region path has fewer than `level` parts (none: ''): left out. */
  companiesWithoutRegion: number;
  /** Every supply relation of the dataset. */
  supplyLinks: SupplyLinkCounts;
  /** Counts for one chain's memberships; null when no membership was given. */
  chain: ChainCoverage | null;
}

/**
 * Coverage counts of a comparison at `level` [1], and of one chain when its `membership` is
 * given. O(companies + relations + memberships).
 */
export function compareCoverage(
  dataset: Dataset,
  options: { level?: number; membership?: SegmentMembership } = {},
): CompareCoverage {
  const level = options.level ?? 1;
  if (!Number.isInteger(level) || level < 1)
    throw new RangeError(`level must be ≥ 1, got ${level}`);
  const regions = dataset.companies.regions;
  const located = new Uint8Array(regions.length);
  let companiesWithoutRegion = 0;
  regions.forEach((region, c) => {
    if (regionParts(region).length >= level) located[c] = 1;
    else companiesWithoutRegion++;
  });

  const SUPPLY = relationTypeCode('supply');
  const INFERRED = relationTypeCode('inferred-supply');
  const { source, target, type } = dataset.relations;
  const supplyLinks = { observed: 0, inferred: 0 };
  const membership = options.membership;
  let chain: ChainCoverage | null = null;
  if (membership) {
    const { segmentOffsets } = membership;
    const inChain = (c: number) => segmentOffsets[c + 1]! > segmentOffsets[c]!;
    let companies = 0;
    let withoutRegion = 0;
    for (let c = 0; c < regions.length; c++) {
      if (!inChain(c)) continue;
      companies++;
      if (!located[c]) withoutRegion++;
    }
    let unknown = 0;
    for (const flags of membership.unknown) for (const x of flags) unknown += x;
    const chainLinks = { observed: 0, inferred: 0 };
    for (let e = 0; e < type.length; e++) {
      const t = type[e]!;
      if (t !== SUPPLY && t !== INFERRED) continue;
      if (inChain(source[e]!) && inChain(target[e]!)) {
        if (t === SUPPLY) chainLinks.observed++;
        else chainLinks.inferred++;
      }
    }
    chain = {
      companies,
      companiesWithoutRegion: withoutRegion,
      memberships: membership.segments.length,
      unknownShareMemberships: unknown,
      belowThreshold: membership.belowThreshold,
      outsideIndustry: membership.outsideIndustry,
      minShare: membership.minShare,
      supplyLinks: chainLinks,
    };
  }
  for (let e = 0; e < type.length; e++) {
    if (type[e] === SUPPLY) supplyLinks.observed++;
    else if (type[e] === INFERRED) supplyLinks.inferred++;
  }
  return {
    level,
    companies: regions.length,
    companiesWithoutRegion,
    supplyLinks,
    chain,
  };
}
