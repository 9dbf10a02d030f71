/**
 * Leading firms (链主; report.json `leaders`, DESIGN §3, anchors.md §3.10). No formal
 * definition exists; the policy language stresses a firm's weight in the chain (its main
 * business is the chain's core products), 带动配套 (local suppliers and customers around it) and
 * resource-allocation power (size). Chainlens ranks the cluster's chain firms by four
 * components, shown separately, so that no ranking rests on inferred links alone:
 *
 * - `presence`: Σ_s w_s · stage(s) · share(c, s) / max(1, Σ_s share(c, s)) over the segments the
 *   firm holds: its revenue in the chain, weighted by the template's segment weight and by
 *   position — the core of a chain is its midstream and downstream (cells, packs, vehicles; wafer
 *   fabs; modules), so stage(upstream) = ½, stage(midstream) = stage(downstream) = 1. Shares
 *   that add up to more than 1 (one revenue line matched by several segments, or reported in two
 *   breakdowns) are scaled down to a total of 1: no firm has more than its whole revenue in the
 *   chain. A share with no revenue figure counts as `minShare` (its lower bound), or as
 *   `classifiedShare` [½] when the firm is filed under the segment's industry (a classification
 *   row: classifiers such as SW file a firm under the business that gives most of its revenue).
 * - `breadth`: how many segments of the template the firm holds (share ≥ minShare).
 * - `partners`: its local supply partners on the cluster's chain view (local-view.ts): distinct
 *   chain firms of the cluster it supplies or buys from, an observed link counting 1 and a
 *   partner known only through inferred links `inferredWeight` [½]. It is divided by the largest
 *   partner count as if every link were observed, so that inferred links weigh half even when
 *   every link of the data is inferred.
 * - `size`: log(1 + size) when the company table has a numeric `size` column (revenue,
 *   employees or registered capital, in the dataset's unit; docs/chain-analysis/leaders.md);
 *   absent otherwise, and then left out of the score rather than counted as 0.
 *
 * Each component is divided by its maximum over the ranked firms (0 when that maximum is 0), and
 * score = Σ_k w_k · component_k / Σ_k w_k over the components the data has (weights: presence 2,
 * breadth 1, partners 1, size 2). Ties by company id. Every row says what it rests on: observed
 * and inferred partners, whether size is known, and how many of its segments have unknown share.
 * Documented in docs/chain-analysis/leaders.md.
 */
import type { Stage } from '../graph/types.js';
import type { ChainContext } from './context.js';
import { isInferredRelation } from './context.js';
import { heldShare, segmentsOf } from './membership.js';
import type { LocalViewOptions } from './local-view.js';
import { localSupplyView } from './local-view.js';
import type { CompanyLabel } from './common.js';
import { companyLabel, compareIds, sortKey } from './common.js';

/** The components (a type alias, so it is assignable to Record<string, number>). */
export type LeaderComponents = {
  presence: number;
  breadth: number;
  partners: number;
  /** Only when the dataset has a size column. */
  size?: number;
};

export interface LeaderOptions extends LocalViewOptions {
  /**
   * `weights` Partial<LeaderComponents> [presence 2, breadth 1, partners 1, size 2]: weight of
   * each normalised component in the score (non-negative, not all 0).
   */
  weights?: Partial<LeaderComponents>;
  /** `inferredWeight` number [0.5]: what a partner known only through inferred links counts. */
  inferredWeight?: number;
  /**
   * `classifiedShare` number [0.5]: the share counted for a segment held through the firm's
   * industry classification when no revenue figure is given.
   */
  classifiedShare?: number;
  /** `sizeColumn` string ['size']: the company attribute read as size (numeric, ≥ 0). */
  sizeColumn?: string;
  /** `limit` number [all]: how many leaders to return. */
  limit?: number;
}

/** One segment a leader holds, with its share (null when the data gave no revenue figure). */
export interface LeaderHolding {
  segment: string;
  share: number | null;
  shareUnknown: boolean;
}

/** What a leader's row rests on. */
export interface LeaderBasis {
  /** Distinct local partners with at least one observed (not inferred) supply link. */
  observedPartners: number;
  /** Distinct local partners known only through inferred links. */
  inferredPartners: number;
  /** True when the dataset gave this firm a size. */
  sizeKnown: boolean;
  /** Segments it holds whose share rests, in part or whole, on lines without a revenue figure. */
  unknownShares: number;
}

export interface Leader extends CompanyLabel {
  /** Weighted mean of the normalised components, in [0, 1]. */
  score: number;
  /** Components divided by their maximum over the chain firms, in [0, 1] (size: only when known). */
  components: LeaderComponents;
  /** The components before normalising (size: log(1 + size), 0 for a firm without one). */
  raw: LeaderComponents;
  /** The segments it holds, largest share first. */
  holdings: LeaderHolding[];
  basis: LeaderBasis;
  /** Supply relations from local suppliers into the firm, and how many of them are inferred. */
  localSupplyEdges: number;
  inferredEdges: number;
}

const KEYS = ['presence', 'breadth', 'partners', 'size'] as const;

/** Defaults of {@link LeaderOptions}, resolved in one place. */
export const LEADER_DEFAULTS = {
  weights: { presence: 2, breadth: 1, partners: 1, size: 2 } as Required<LeaderComponents>,
  inferredWeight: 0.5,
  classifiedShare: 0.5,
  sizeColumn: 'size',
};

/** Position weights: the midstream and downstream are the core of a chain. */
const STAGE_WEIGHT: Record<Stage, number> = { upstream: 0.5, midstream: 1, downstream: 1 };

/** The numeric size column of the companies, or null when the dataset has none. */
function sizes(ctx: ChainContext, column: string): (number | null)[] | null {
  const raw = ctx.dataset.companies.attributes[column];
  if (!raw) return null;
  return raw.map((v) => {
    if (v.trim() === '') return null;
    const x = Number(v);
    return Number.isFinite(x) && x >= 0 ? x : null;
  });
}

/** The cluster's chain firms ranked as leading firms. See the module notes. */
export function leaders(ctx: ChainContext, options: LeaderOptions = {}): Leader[] {
  const weights: Required<LeaderComponents> = { ...LEADER_DEFAULTS.weights };
  for (const k of KEYS) {
    const w = options.weights?.[k];
    if (w === undefined) continue;
    if (!(w >= 0)) throw new RangeError(`leader weight ${k} must be >= 0, got ${w}`);
    weights[k] = w;
  }
  const inferredWeight = options.inferredWeight ?? LEADER_DEFAULTS.inferredWeight;
  if (!(inferredWeight >= 0 && inferredWeight <= 1)) {
    throw new RangeError(`inferredWeight must be in [0, 1], got ${inferredWeight}`);
  }
  const classifiedShare = options.classifiedShare ?? LEADER_DEFAULTS.classifiedShare;
  if (!(classifiedShare >= 0 && classifiedShare <= 1)) {
    throw new RangeError(`classifiedShare must be in [0, 1], got ${classifiedShare}`);
  }
  const sizeOf = sizes(ctx, options.sizeColumn ?? LEADER_DEFAULTS.sizeColumn);
  const active = KEYS.filter((k) => k !== 'size' || sizeOf !== null);
  const wSum = active.reduce((a, k) => a + weights[k], 0);
  if (!(wSum > 0)) throw new RangeError('leader weights are all 0');

  const { structure, membership } = ctx;
  const minShare = membership.minShare;
  const { compact } = localSupplyView(ctx, options);
  // Per partner (local node) of the current firm: 1 = inferred only, 2 = observed.
  const partnerKind = new Uint8Array(compact.n);
  const rows: Array<{
    c: number;
    raw: Required<LeaderComponents>;
    /** Partners as if every link were observed: the partners' normaliser. */
    allPartners: number;
    holdings: LeaderHolding[];
    basis: LeaderBasis;
    edges: number;
    inferred: number;
  }> = [];
  for (let v = 0; v < compact.n; v++) {
    const c = compact.companyOf[v]!;
    const held = segmentsOf(membership, c);
    if (held.length === 0) continue; // cluster scope: only chain firms are ranked
    let weighted = 0;
    let total = 0;
    let unknownShares = 0;
    const holdings: LeaderHolding[] = [];
    for (const s of held) {
      const h = heldShare(membership, s, c)!;
      if (h.shareUnknown) unknownShares++;
      const floor = h.classified ? classifiedShare : minShare;
      const share = h.share === null ? floor : Math.max(h.share, h.shareUnknown ? floor : 0);
      weighted += structure.weights[s]! * STAGE_WEIGHT[structure.stages[s]!] * share;
      total += share;
      holdings.push({ segment: structure.ids[s]!, share: h.share, shareUnknown: h.shareUnknown });
    }
    const presence = weighted / Math.max(1, total);
    holdings.sort((a, b) => (b.share ?? -1) - (a.share ?? -1) || compareIds(a.segment, b.segment));
    // Local partners, either direction; observed beats inferred.
    const touched: number[] = [];
    let edges = 0;
    let inferred = 0;
    for (const [offsets, ends, rels, incoming] of [
      [compact.outOffsets, compact.outTargets, compact.outRelations, false],
      [compact.inOffsets, compact.inSources, compact.inRelations, true],
    ] as const) {
      for (let p = offsets[v]!; p < offsets[v + 1]!; p++) {
        const u = ends[p]!;
        if (u === v) continue;
        const isInferred = isInferredRelation(ctx, rels[p]!);
        if (incoming) {
          edges++;
          if (isInferred) inferred++;
        }
        if (partnerKind[u] === 0) touched.push(u);
        partnerKind[u] = Math.max(partnerKind[u]!, isInferred ? 1 : 2);
      }
    }
    let observedPartners = 0;
    let inferredPartners = 0;
    for (const u of touched) {
      if (partnerKind[u] === 2) observedPartners++;
      else inferredPartners++;
      partnerKind[u] = 0;
    }
    const size = sizeOf?.[c] ?? null;
    rows.push({
      c,
      raw: {
        presence,
        breadth: held.length,
        partners: observedPartners + inferredWeight * inferredPartners,
        size: size === null ? 0 : Math.log1p(size),
      },
      allPartners: observedPartners + inferredPartners,
      holdings,
      basis: { observedPartners, inferredPartners, sizeKnown: size !== null, unknownShares },
      edges,
      inferred,
    });
  }
  const max: Required<LeaderComponents> = { presence: 0, breadth: 0, partners: 0, size: 0 };
  for (const r of rows) {
    for (const k of KEYS) max[k] = Math.max(max[k], r.raw[k]);
    max.partners = Math.max(max.partners, r.allPartners);
  }
  const out: Leader[] = rows.map(({ c, raw, holdings, basis, edges, inferred }) => {
    const components = {} as LeaderComponents;
    const rawShown = {} as LeaderComponents;
    let score = 0;
    for (const k of active) {
      components[k] = max[k] > 0 ? raw[k] / max[k] : 0;
      rawShown[k] = raw[k];
      score += weights[k] * components[k]!;
    }
    return {
      ...companyLabel(ctx.dataset, c),
      score: score / wSum,
      components,
      raw: rawShown,
      holdings,
      basis,
      localSupplyEdges: edges,
      inferredEdges: inferred,
    };
  });
  out.sort((a, b) => sortKey(b.score) - sortKey(a.score) || compareIds(a.company, b.company));
  return options.limit === undefined ? out : out.slice(0, Math.max(0, options.limit));
}
