/**
 * The per-segment table of a chain analysis (report.json `segments`, DESIGN §3 and §6,
 * anchors.md §3.1–3.2): for each segment of the template its local companies n_s, their
 * concentration (HHI_s and N_eff = 1/HHI_s), the local companies themselves and a status:
 *
 * - n_s = 0: `missing-upstream` when s feeds a present segment (local firms need it as input);
 *   else `missing-downstream` when a present segment feeds s (local firms could sell to it);
 *   else `absent`. A segment that is both fed by and feeds present segments is
 *   `missing-upstream`: the missing input stops local production, which weighs more than a
 *   missing outlet (anchors.md §3.1 lists upstream first).
 * - n_s ≥ 1: `weak` when any of the reasons holds — `single-source` (n_s = 1), `concentrated`
 *   (HHI_s > τ) or `external-only` (see {@link segmentSupplyOrigins}); else `present`.
 *
 * Present in the completeness sense means n_s ≥ 1: a weak segment is present.
 * Documented in docs/chain-analysis/weak-links.md.
 */
import type { SegmentStatus } from './kinds.js';
import type { Stage } from '../graph/types.js';
import type { ChainContext } from './context.js';
import { isInferredRelation } from './context.js';
import { concentration } from './concentration.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import { segmentsOf } from './membership.js';
import type { ChainStructure } from './structure.js';
import { compareIds } from './common.js';

/** Why a present segment is weak. */
export type WeakReason = 'single-source' | 'concentrated' | 'external-only';

/** Where a segment is missing from: the direction of a segment with n_s = 0. */
export type MissingDirection = 'upstream' | 'downstream' | 'absent';

export interface SegmentTableOptions {
  /**
   * `hhiThreshold` number [0.25]: τ, HHI_s above which a segment is `concentrated` (US 2010 Horizontal
   * Merger Guidelines "highly concentrated" > 2500; 0.18 for the 2023 guidelines, 0.4 for the
   * CEPII/EU dependence criterion). With 0.25, any segment of 2 or 3 firms is concentrated
   * (HHI ≥ 1/n).
   */
  hhiThreshold?: number;
}

/**
 * How a segment's local buyers get it. The local buyers of s are the cluster's companies in the
 * segments that s feeds, except those that hold s themselves (they make it in-house, as in
 * `inputGaps`); the edges are supply edges (the context's supply types) into them from companies
 * that hold s (anywhere in the dataset), self-loops left out. Which product an edge carries is
 * not known: an edge from a company that holds s is counted as supply of s.
 */
export interface SegmentSupplyOrigin {
  /** Local buyers (cluster firms in the segments s feeds) receiving at least one such edge. */
  buyers: number;
  /** Supply edges from holders of s into the local buyers (relation rows). */
  edges: number;
  /** Of those, edges whose supplier is in the cluster. */
  localEdges: number;
  /** Distinct suppliers inside and outside the cluster among them. */
  localSuppliers: number;
  externalSuppliers: number;
  /** Of `edges`, how many are inferred supply (not observed). */
  inferredEdges: number;
  /**
   * n_s ≥ 1, edges ≥ 1 and localEdges = 0: the cluster holds s, yet its buyers of s buy it only
   * from outside (断链: the local firms and their local customers are not linked).
   */
  externalOnly: boolean;
}

export interface SegmentRow {
  /** Segment id, name, stage and weight (from the template). */
  id: string;
  name: string;
  stage: Stage;
  weight: number;
  /** n_s: companies of the cluster in the segment. */
  companies: number;
  /** HHI_s of the local companies' shares (unknown shares take the known mean); null when n_s = 0. */
  hhi: number | null;
  /** N_eff = 1 / HHI_s; 0 when n_s = 0. */
  effective: number;
  /** Local companies whose share was unknown (imputed in the HHI). */
  imputed: number;
  status: SegmentStatus;
  /** Why the segment is weak (empty unless status is `weak`). */
  reasons: WeakReason[];
  /** Local company ids, largest known share first, then unknown shares; ties by id. */
  localCompanies: string[];
  /** How the segment's local buyers get it (see {@link SegmentSupplyOrigin}). */
  supply: SegmentSupplyOrigin;
}

/** The direction of a segment with n_s = 0 from the counts alone (upstream wins). */
export function missingDirection(
  structure: ChainStructure,
  counts: ArrayLike<number>,
  s: number,
): MissingDirection {
  if (structure.outputs[s]!.some((t) => counts[t]! >= 1)) return 'upstream';
  if (structure.inputs[s]!.some((t) => counts[t]! >= 1)) return 'downstream';
  return 'absent';
}

/** True when company c holds segment s. */
function holdsSegment(ctx: ChainContext, c: number, s: number): boolean {
  const segs = segmentsOf(ctx.membership, c);
  for (let i = 0; i < segs.length; i++) if (segs[i] === s) return true;
  return false;
}

/**
 * For every segment, how its local buyers get it (see {@link SegmentSupplyOrigin}).
 * O(Σ_s Σ_{buyers of s} in-degree).
 */
export function segmentSupplyOrigins(ctx: ChainContext): SegmentSupplyOrigin[] {
  const g = ctx.supply;
  const { structure } = ctx;
  const out: SegmentSupplyOrigin[] = [];
  for (let s = 0; s < structure.size; s++) {
    const buyers = new Set<number>();
    for (const t of structure.outputs[s]!) {
      for (const b of ctx.localMembers[t]!) if (!holdsSegment(ctx, b, s)) buyers.add(b);
    }
    let receiving = 0;
    let edges = 0;
    let localEdges = 0;
    let inferredEdges = 0;
    const local = new Set<number>();
    const external = new Set<number>();
    for (const b of buyers) {
      let got = false;
      for (let e = g.inOffsets[b]!; e < g.inOffsets[b + 1]!; e++) {
        const u = g.inSources[e]!;
        if (u === b || !holdsSegment(ctx, u, s)) continue;
        got = true;
        edges++;
        if (isInferredRelation(ctx, g.inRelations[e]!)) inferredEdges++;
        if (ctx.inCluster[u]) {
          localEdges++;
          local.add(u);
        } else {
          external.add(u);
        }
      }
      if (got) receiving++;
    }
    out.push({
      buyers: receiving,
      edges,
      localEdges,
      localSuppliers: local.size,
      externalSuppliers: external.size,
      inferredEdges,
      externalOnly: ctx.counts[s]! >= 1 && edges > 0 && localEdges === 0,
    });
  }
  return out;
}

/** The cluster's companies in segment s: largest known share first, unknown after, ties by id. */
function localCompaniesByShare(ctx: ChainContext, s: number): number[] {
  const members = ctx.localMembers[s]!;
  const shares = ctx.localShares[s]!;
  const ids = ctx.dataset.companies.ids;
  const order = Array.from(members.keys());
  order.sort((i, j) => {
    const a = shares[i]!;
    const b = shares[j]!;
    const ua = Number.isNaN(a);
    const ub = Number.isNaN(b);
    if (ua !== ub) return ua ? 1 : -1;
    if (!ua && a !== b) return b - a;
    return compareIds(ids[members[i]!]!, ids[members[j]!]!);
  });
  return order.map((i) => members[i]!);
}

/** The segment table of the context's cluster, in template order. See the module notes. */
export function segmentTable(ctx: ChainContext, options: SegmentTableOptions = {}): SegmentRow[] {
  const tau = options.hhiThreshold ?? ANALYZE_DEFAULTS.hhiThreshold;
  if (!(tau >= 0 && tau <= 1)) {
    throw new RangeError(`hhiThreshold (τ) must be in [0, 1], got ${tau}`);
  }
  const { structure, counts } = ctx;
  const origins = segmentSupplyOrigins(ctx);
  const ids = ctx.dataset.companies.ids;
  const rows: SegmentRow[] = [];
  for (let s = 0; s < structure.size; s++) {
    const n = counts[s]!;
    const conc = concentration(ctx.localShares[s]!);
    const reasons: WeakReason[] = [];
    let status: SegmentStatus;
    if (n === 0) {
      const direction = missingDirection(structure, counts, s);
      status = direction === 'absent' ? 'absent' : `missing-${direction}`;
    } else {
      if (n === 1) reasons.push('single-source');
      if (n >= 2 && conc.hhi! > tau) reasons.push('concentrated');
      if (origins[s]!.externalOnly) reasons.push('external-only');
      status = reasons.length > 0 ? 'weak' : 'present';
    }
    rows.push({
      id: structure.ids[s]!,
      name: structure.names[s]!,
      stage: structure.stages[s]!,
      weight: structure.weights[s]!,
      companies: n,
      hhi: conc.hhi,
      effective: conc.effective,
      imputed: conc.imputed,
      status,
      reasons,
      localCompanies: localCompaniesByShare(ctx, s).map((c) => ids[c]!),
      supply: origins[s]!,
    });
  }
  return rows;
}
