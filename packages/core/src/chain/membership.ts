/**
 * Which companies hold which segments of a chain, with their shares (DESIGN §6): a company
 * belongs to segment s when it has a membership in `s.id` or in an item (product or industry
 * name) that one of `s.includes` matches; its share in s is the sum of the matched shares,
 * at most 1.
 *
 * Shares may be unknown (NaN: the data gave none). A company's share in s is the sum of its
 * known matched shares; it is NaN only when every matched share is unknown.
 *
 * Revenue threshold (`minShare`, default `ANALYZE_DEFAULTS.minShare` = 5 %): a company holds s only
 * when its known share in s is at least `minShare`, so that a 0.4 % side line does not make a
 * monosodium-glutamate maker a vaccine maker (docs/chain-analysis/membership.md justifies 5 %
 * from the data). A company whose matched lines carry no revenue figure at all (unknown share)
 * is kept and marked (`unknown`); so is one with known lines under the threshold and other
 * matched lines of unknown share (its share in s may be larger than the known part). A firm
 * whose known share reaches the threshold is not marked, whatever else it lists. Every
 * membership left out by the threshold is counted (`belowThreshold`), never dropped silently.
 */
import type { Dataset } from '../graph/types.js';
import { itemInSegment, matchesInclude } from '../graph/template.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import type { ChainStructure } from './structure.js';

export interface SegmentMembership {
  /** Per segment, the member companies (dataset indices, ascending). */
  members: Int32Array[];
  /** Per segment, each member's share in [0, 1] (NaN when unknown), aligned with `members`. */
  shares: Float64Array[];
  /** Per company, the segments it holds (ascending segment numbers); CSR over companies. */
  segmentOffsets: Int32Array;
  segments: Int32Array;
  /**
   * Per segment, 1 for each member that holds the segment on the strength of lines without a
   * revenue figure (aligned with `members`): its share is unknown, or its known part is under
   * `minShare` (a lower bound).
   */
  unknown: Uint8Array[];
  /**
   * Per segment, 1 for each member with a matched classification row (a membership whose `kind`
   * column is `industry`: the industry the company is filed under, e.g. its SW level-3 industry,
   * which the classifier assigns by main business), aligned with `members`.
   */
  classified: Uint8Array[];
  /** How many distinct membership items matched at least one segment. */
  matchedItems: number;
  /** The revenue threshold applied. */
  minShare: number;
  /** (company, segment) pairs left out because their known share was under `minShare`. */
  belowThreshold: number;
  /**
   * (company, segment) pairs left out by a segment's `industries` filter: the company is filed
   * under none of the industries that make the segment (a trader or retailer of its goods).
   */
  outsideIndustry: number;
}

export interface MembershipOptions {
  /**
   * `minShare` number [0.05]: the least known revenue share (sum of the matched product lines)
   * with which a company holds a segment; 0 keeps every matched line.
   */
  minShare?: number;
}

/** `minShare` resolved and checked (the one place its default is applied). */
function resolveMinShare(minShare: number | undefined): number {
  const v = minShare ?? ANALYZE_DEFAULTS.minShare;
  if (!(v >= 0 && v <= 1)) throw new RangeError(`minShare must be in [0, 1], got ${v}`);
  return v;
}

/** The segments of `structure` that one membership item falls in. */
function segmentsOfItem(structure: ChainStructure, item: string): number[] {
  const found: number[] = [];
  const { template } = structure;
  template.segments.forEach((s, i) => {
    if (itemInSegment(template, s, item)) found.push(i);
  });
  return found;
}

/** Resolves a dataset's memberships onto the segments of a chain. O(memberships + items·rules). */
export function segmentMembership(
  dataset: Dataset,
  structure: ChainStructure,
  options: MembershipOptions = {},
): SegmentMembership {
  const minShare = resolveMinShare(options.minShare);
  const m = dataset.memberships;
  const companyTotal = dataset.companies.ids.length;
  const S = structure.size;
  const itemCache = new Map<string, number[]>();
  // (company, segment) → sum of the known matched shares (NaN: none known yet);
  // key = company * S + segment. `someUnknown` holds the keys with a line of unknown share.
  const known = new Map<number, number>();
  const someUnknown = new Set<number>();
  const classifiedKeys = new Set<number>();
  const kinds = m.attributes.kind;
  for (let r = 0; r < m.company.length; r++) {
    const item = m.segment[r]!;
    let segs = itemCache.get(item);
    if (segs === undefined) {
      segs = segmentsOfItem(structure, item);
      itemCache.set(item, segs);
    }
    if (segs.length === 0) continue;
    const c = m.company[r]!;
    const share = m.share[r]!;
    for (const s of segs) {
      const key = c * S + s;
      const before = known.get(key);
      if (kinds?.[r] === 'industry') classifiedKeys.add(key);
      if (Number.isNaN(share)) {
        someUnknown.add(key);
        if (before === undefined) known.set(key, NaN);
      } else {
        known.set(key, (before === undefined || Number.isNaN(before) ? 0 : before) + share);
      }
    }
  }
  let matchedItems = 0;
  for (const segs of itemCache.values()) if (segs.length > 0) matchedItems++;

  // The industry filter: a company filed under industries, none of which makes the segment.
  let outsideIndustry = 0;
  const filters = structure.template.segments.map((seg) => seg.industries);
  if (kinds && filters.some((f) => f !== undefined)) {
    const industriesOf = new Map<number, string[]>();
    for (let r = 0; r < m.company.length; r++) {
      if (kinds[r] !== 'industry') continue;
      const c = m.company[r]!;
      const list = industriesOf.get(c);
      if (list) list.push(m.segment[r]!);
      else industriesOf.set(c, [m.segment[r]!]);
    }
    for (const key of [...known.keys()]) {
      const patterns = filters[key % S];
      if (!patterns) continue;
      const filed = industriesOf.get(Math.floor(key / S));
      if (!filed) continue;
      if (!filed.some((item) => patterns.some((p) => matchesInclude(p, item)))) {
        known.delete(key);
        outsideIndustry++;
      }
    }
  }
  // The threshold: a known share under minShare, with no line of unknown share, is left out.
  let belowThreshold = 0;
  for (const [key, share] of known) {
    if (!Number.isNaN(share) && share < minShare && !someUnknown.has(key)) {
      known.delete(key);
      belowThreshold++;
    }
  }
  const keys = Float64Array.from(known.keys()).sort();
  const perSegment = new Int32Array(S);
  const segmentOffsets = new Int32Array(companyTotal + 1);
  for (const key of keys) {
    perSegment[key % S]!++;
    segmentOffsets[Math.floor(key / S) + 1]!++;
  }
  for (let c = 0; c < companyTotal; c++) segmentOffsets[c + 1]! += segmentOffsets[c]!;
  const members = Array.from(perSegment, (k) => new Int32Array(k));
  const shares = Array.from(perSegment, (k) => new Float64Array(k));
  const unknown = Array.from(perSegment, (k) => new Uint8Array(k));
  const classified = Array.from(perSegment, (k) => new Uint8Array(k));
  const segments = new Int32Array(keys.length);
  const fill = new Int32Array(S);
  keys.forEach((key, i) => {
    const c = Math.floor(key / S);
    const s = key % S;
    const at = fill[s]!++;
    members[s]![at] = c;
    const share = known.get(key)!;
    shares[s]![at] = Number.isNaN(share) ? NaN : Math.min(1, share);
    // Marked when the holding rests on lines without a figure (the known part alone would not do).
    if (someUnknown.has(key) && !(share >= minShare)) unknown[s]![at] = 1;
    if (classifiedKeys.has(key)) classified[s]![at] = 1;
    segments[i] = s;
  });
  return {
    members,
    shares,
    unknown,
    classified,
    segmentOffsets,
    segments,
    matchedItems,
    minShare,
    belowThreshold,
    outsideIndustry,
  };
}

/** The segments company `c` holds. */
export function segmentsOf(membership: SegmentMembership, c: number): Int32Array {
  return membership.segments.subarray(
    membership.segmentOffsets[c]!,
    membership.segmentOffsets[c + 1]!,
  );
}

/** A company's share in one segment, as the report states it. */
export interface HeldShare {
  /** Known revenue share in [0, 1] (sum of the matched lines, at most 1); null when unknown. */
  share: number | null;
  /** True when the holding rests on lines without a revenue figure (share null or under minShare). */
  shareUnknown: boolean;
  /** True when the company is filed under a matched industry (a classification row). */
  classified: boolean;
}

/** Company c's share in segment s; null when c does not hold s. O(log n_s). */
export function heldShare(membership: SegmentMembership, s: number, c: number): HeldShare | null {
  const members = membership.members[s]!;
  let lo = 0;
  let hi = members.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const v = members[mid]!;
    if (v === c) {
      const share = membership.shares[s]![mid]!;
      return {
        share: Number.isNaN(share) ? null : share,
        shareUnknown: membership.unknown[s]![mid] === 1,
        classified: membership.classified[s]![mid] === 1,
      };
    }
    if (v < c) lo = mid + 1;
    else hi = mid - 1;
  }
  return null;
}
