/**
 * Which companies hold which segments of a chain, with their shares (DESIGN §6): a company
 * belongs to segment s when it has a membership in `s.id` or in an item (product or industry
 * name) that one of `s.includes` matches; its share in s is the sum of the matched shares,
 * at most 1.
 *
 * Shares may be unknown (NaN: the data gave none). A company's share in s is the sum of its
 * known matched shares; it is NaN only when every matched share is unknown. Membership does
 * not depend on the share: an unknown share still places the company in the segment.
 */
import type { Dataset } from '../graph/types.js';
import { matchesInclude } from '../graph/template.js';
import type { ChainStructure } from './structure.js';

export interface SegmentMembership {
  /** Per segment, the member companies (dataset indices, ascending). */
  members: Int32Array[];
  /** Per segment, each member's share in [0, 1] (NaN when unknown), aligned with `members`. */
  shares: Float64Array[];
  /** Per company, the segments it holds (ascending segment numbers); CSR over companies. */
  segmentOffsets: Int32Array;
  segments: Int32Array;
  /** How many distinct membership items matched at least one segment. */
  matchedItems: number;
}

/** The segments of `structure` that one membership item falls in. */
function segmentsOfItem(structure: ChainStructure, item: string): number[] {
  const found: number[] = [];
  structure.template.segments.forEach((s, i) => {
    if (s.id === item || s.includes.some((p) => matchesInclude(p, item))) found.push(i);
  });
  return found;
}

/** Resolves a dataset's memberships onto the segments of a chain. O(memberships + items·rules). */
export function segmentMembership(dataset: Dataset, structure: ChainStructure): SegmentMembership {
  const m = dataset.memberships;
  const companyTotal = dataset.companies.ids.length;
  const S = structure.size;
  const itemCache = new Map<string, number[]>();
  // (company, segment) → share sum; key = company * S + segment. -1 marks "known share absent".
  const known = new Map<number, number>();
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
      if (Number.isNaN(share)) {
        if (before === undefined) known.set(key, NaN);
      } else {
        known.set(key, (before === undefined || Number.isNaN(before) ? 0 : before) + share);
      }
    }
  }
  let matchedItems = 0;
  for (const segs of itemCache.values()) if (segs.length > 0) matchedItems++;

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
  const segments = new Int32Array(keys.length);
  const fill = new Int32Array(S);
  keys.forEach((key, i) => {
    const c = Math.floor(key / S);
    const s = key % S;
    const at = fill[s]!++;
    members[s]![at] = c;
    const share = known.get(key)!;
    shares[s]![at] = Number.isNaN(share) ? NaN : Math.min(1, share);
    segments[i] = s;
  });
  return { members, shares, segmentOffsets, segments, matchedItems };
}

/** The segments company `c` holds. */
export function segmentsOf(membership: SegmentMembership, c: number): Int32Array {
  return membership.segments.subarray(
    membership.segmentOffsets[c]!,
    membership.segmentOffsets[c + 1]!,
  );
}
