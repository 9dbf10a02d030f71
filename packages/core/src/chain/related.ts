/**
 * Related segments to extend into (延链; DESIGN §3, anchors.md §3.7), after the product space
 * (Hidalgo, Klinger, Barabási & Hausmann 2007, Science 317:482) as coded in the Growth Lab's
 * py-ecomplexity, with companies in place of countries and segments in place of products:
 *
 * - M_cs = 1 when company c (any company of the dataset) holds segment s; k_s = Σ_c M_cs.
 * - proximity φ_st = Σ_c M_cs M_ct / max(k_s, k_t) for s ≠ t (the smaller of the two conditional
 *   probabilities that a company holding one also holds the other); φ_ss is not used.
 * - density of a segment s absent from the cluster (n_s = 0):
 *   ω_s = Σ_{t≠s} φ_st · present_t / Σ_{t≠s} φ_st, present_t = 1 when n_t ≥ 1. It is the share of
 *   s's relatedness that the cluster already holds: how feasible extending into s looks. null
 *   when no company holds s together with another segment (Σ φ = 0: no evidence either way).
 *
 * Documented in docs/chain-analysis/related.md.
 */
import type { Stage } from '../graph/types.js';
import type { SegmentStatus } from './kinds.js';
import type { ChainContext } from './context.js';
import type { SegmentMembership } from './membership.js';
import { missingDirection } from './segments.js';
import type { ChainStructure } from './structure.js';
import { sortKey } from './common.js';

export interface RelatedOptions {
  /** `top` number [3]: how many related present segments to list per segment. */
  top?: number;
}

export interface RelatedSegment {
  segment: string;
  name: string;
  stage: Stage;
  /** Status of the segment in the cluster (n_s = 0: missing-upstream, missing-downstream or absent). */
  status: SegmentStatus;
  /** ω_s in [0, 1]; null when Σ_t φ_st = 0. */
  density: number | null;
  /** Σ_t φ_st: how much co-occurrence evidence the density rests on. */
  proximitySum: number;
  /** Present segments with φ_st > 0, highest proximity first (ties in template order). */
  nearestPresent: Array<{ segment: string; name: string; proximity: number }>;
}

/**
 * Proximity φ between the segments of a chain over the companies of a dataset: an S × S
 * row-major matrix, symmetric, 0 on the diagonal. O(Σ_c (segments of c)² + S²).
 */
export function segmentProximity(
  structure: ChainStructure,
  membership: SegmentMembership,
): Float64Array {
  const S = structure.size;
  const both = new Float64Array(S * S);
  const { segmentOffsets, segments } = membership;
  const companies = segmentOffsets.length - 1;
  for (let c = 0; c < companies; c++) {
    const from = segmentOffsets[c]!;
    const to = segmentOffsets[c + 1]!;
    for (let i = from; i < to; i++) {
      for (let j = i + 1; j < to; j++) {
        const a = segments[i]!;
        const b = segments[j]!;
        both[a * S + b]!++;
        both[b * S + a]!++;
      }
    }
  }
  const k = membership.members.map((m) => m.length);
  for (let s = 0; s < S; s++) {
    for (let t = 0; t < S; t++) {
      const x = both[s * S + t]!;
      both[s * S + t] = x > 0 ? x / Math.max(k[s]!, k[t]!) : 0;
    }
  }
  return both;
}

/**
 * The segments absent from the cluster (n_s = 0), ranked by density (highest first, null last;
 * ties in template order).
 */
export function relatedSegments(ctx: ChainContext, options: RelatedOptions = {}): RelatedSegment[] {
  const top = options.top ?? 3;
  const { structure, counts } = ctx;
  const S = structure.size;
  const phi = segmentProximity(structure, ctx.membership);
  const out: Array<RelatedSegment & { order: number }> = [];
  for (let s = 0; s < S; s++) {
    if (counts[s]! > 0) continue;
    let sum = 0;
    let held = 0;
    const near: number[] = [];
    for (let t = 0; t < S; t++) {
      if (t === s) continue;
      const x = phi[s * S + t]!;
      sum += x;
      if (counts[t]! > 0) {
        held += x;
        if (x > 0) near.push(t);
      }
    }
    near.sort((a, b) => phi[s * S + b]! - phi[s * S + a]! || a - b);
    const direction = missingDirection(structure, counts, s);
    out.push({
      segment: structure.ids[s]!,
      name: structure.names[s]!,
      stage: structure.stages[s]!,
      status: direction === 'absent' ? 'absent' : `missing-${direction}`,
      density: sum > 0 ? held / sum : null,
      proximitySum: sum,
      nearestPresent: near.slice(0, Math.max(0, top)).map((t) => ({
        segment: structure.ids[t]!,
        name: structure.names[t]!,
        proximity: phi[s * S + t]!,
      })),
      order: s,
    });
  }
  out.sort((a, b) => {
    if (a.density === null || b.density === null) {
      if (a.density !== b.density) return a.density === null ? 1 : -1;
      return a.order - b.order;
    }
    return sortKey(b.density) - sortKey(a.density) || a.order - b.order;
  });
  return out.map(({ order: _order, ...row }) => row);
}
