/**
 * Targets for 补链招商 (investment attraction to fill the chain; report.json `targets`, DESIGN §3,
 * anchors.md §3.8) and a greedy portfolio of them.
 *
 * Candidates: every company outside the cluster (whole dataset) that holds a segment whose status
 * is weak, missing-upstream, missing-downstream or absent with a real revenue share (a known
 * share ≥ the membership's `minShare`: a line without a revenue figure, or a side line, is not
 * enough to send an investment office after a firm). Each candidate gets one row, for its
 * best such segment (highest score; ties in template order), with the others listed in
 * `segments`: one company, one row, so a firm holding five weak segments does not fill the list.
 *
 * Where a firm is: a candidate whose region is unknown — empty, or, for a region cluster, less
 * precise than the cluster's own region (`广东` for a cluster `广东/深圳`) — may already be local,
 * so it is never recommended as a firm to attract: it goes to {@link targetsMaybeLocal} instead,
 * and the portfolio leaves it out.
 *
 * score = needFactor(s) × share(c, s) × strength(c) × tie(c, C) × gain(c), every factor reported:
 * - share(c, s): the candidate's known revenue share in s (a firm whose main business is the
 *   gap outranks one with a side line in it);
 * - need(s): how many local firms need s. For a segment local firms buy (weak, missing-upstream,
 *   absent) the number of the cluster's chain firms that have s as an input with no local
 *   supplier (from `inputGaps`); for a missing-downstream segment, the number of local firms in
 *   the segments that feed it (they would sell to it). needFactor = need + 1, so that a candidate
 *   nobody locally needs yet is ranked by its other factors instead of vanishing.
 * - strength(c): the candidate's weight in the whole supply graph in the role it would play:
 *   distinct customers (out-degree) for a segment the cluster would buy, distinct suppliers
 *   (in-degree) for a missing-downstream one; (d + 1) / (d_max + 1) with d_max over every company
 *   of the dataset in that role (the +1 plays the part of PageRank's teleport: no data on a
 *   company's links is weak evidence, not zero strength). Degree is the default because it can
 *   be checked by hand and said in a sentence, and the number of existing supplier links is the
 *   strongest predictor of new ones in Brintrup et al.'s supply-network link prediction;
 *   `strength: 'pagerank'` uses reverse PageRank (supplier role) or PageRank (buyer role) on the
 *   whole supply graph, divided by its maximum.
 * - tie(c, C) = 1 + relations of any type between c and companies of C (either direction).
 * - gain(c) = ΔK_red: the redundancy-adjusted completeness after c joins C (n_s + 1 for every
 *   template segment c holds) minus before. A candidate whose segments already have ≥ r local
 *   firms gains 0 and scores 0: it stays in the list, after every candidate that adds something,
 *   ordered by needFactor × strength × tie, then id.
 *
 * Portfolio: k candidates picked greedily by marginal gain of one completeness variant
 * (K_red by default). K_cov and K_red are monotone submodular in the set of added companies
 * (a weighted sum of concave functions of counts), so greedy is within 1 − 1/e of the best
 * k-set (Nemhauser, Wolsey & Fisher 1978); K_link and K_path reward pairs and have no such
 * guarantee. Documented in docs/chain-analysis/targets.md.
 *
 * A target is facts (ids, codes, numbers); report/render/sentences.ts (`targetText`) says why it
 * is a target in one sentence, in the report's language.
 */
import type { SegmentStatus } from './kinds.js';
import { RELATION_TYPES } from '../graph/types.js';
import { metricGraphFromCompact } from '../graph/snapshot.js';
import type { PageRankOptions } from '../metrics/pagerank.js';
import { pagerank, pagerankReverse } from '../metrics/pagerank.js';
import type { Completeness, CompletenessOptions } from './completeness.js';
import { completenessFromCounts } from './completeness.js';
import type { ChainContext } from './context.js';
import { wholeSupply } from './context.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import { heldShare, segmentsOf } from './membership.js';
import { clusterRegion, regionParts } from '../graph/cluster.js';
import { inputGaps } from './missing-roles.js';
import type { SegmentRow, SegmentTableOptions } from './segments.js';
import { segmentTable } from './segments.js';
import type { CompanyLabel } from './common.js';
import { companyLabel, compareIds, sortKey } from './common.js';

export type TargetStrength = 'degree' | 'pagerank';

export interface TargetOptions extends SegmentTableOptions, CompletenessOptions {
  /** `strength` 'degree' | 'pagerank' ['degree']: how strength(c) is measured (module notes). */
  strength?: TargetStrength;
  /** `pagerank` PageRankOptions [α 0.85, weighted]: for `strength: 'pagerank'`. */
  pagerank?: PageRankOptions;
  /** `limit` number [20]: rows returned by `targets` (the portfolio considers every candidate). */
  limit?: number;
}

/** The factors of a target's score (a type alias, so it is assignable to Record<string, number>). */
export type TargetComponents = {
  /** need(s) and needFactor = need + 1. */
  need: number;
  needFactor: number;
  /** The candidate's known revenue share in the segment. */
  share: number;
  /** strength(c) in (0, 1], and the raw figure: degree in the role, or the PageRank score. */
  strength: number;
  strengthRaw: number;
  /** tie = 1 + links; links = relations of any type with the cluster, of which inferred supply. */
  tie: number;
  links: number;
  inferredLinks: number;
  /** gain = after − before: K_red with and without the candidate. */
  gain: number;
  before: number;
  after: number;
};

export interface Target extends CompanyLabel {
  /** The segment the row is for (the candidate's best weak or missing segment). */
  segment: string;
  /** The candidate's known revenue share in `segment` (≥ minShare). */
  share: number;
  /** `outside`: known to be outside the cluster; `maybe-local`: its region is unknown (module notes). */
  location: 'outside' | 'maybe-local';
  /** That segment's status in the cluster. */
  status: SegmentStatus;
  /** `supplier` when the cluster would buy the segment from it, `buyer` for missing-downstream. */
  role: 'supplier' | 'buyer';
  /** Every weak or missing segment it holds (ids, template order); `segment` is one of them. */
  segments: string[];
  score: number;
  components: TargetComponents;
  /** The known revenue share in each of `segments` (same order). */
  shares: number[];
  /** Its relations with the cluster's companies by type (only types it has, RELATION_TYPES order). */
  linksByType: Record<string, number>;
}

interface Ranked {
  c: number;
  target: Target;
  rest: number;
}

interface Rankings {
  /** Candidates known to be outside the cluster, best first. */
  outside: Ranked[];
  /** Candidates whose region is unknown (may already be local), best first. */
  maybeLocal: Ranked[];
}

const INFERRED = RELATION_TYPES.indexOf('inferred-supply');

/** The largest value, 0 when empty (no spread: arrays may be long). */
function maxOf(values: Float64Array): number {
  let m = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > m) m = values[i]!;
  return m;
}

/**
 * Distinct partners of each company in the whole supply graph (self-loops and parallel relations
 * counted once), straight from the CSR: `out` = customers, `in` = suppliers, by company index.
 */
function distinctDegrees(ctx: ChainContext): { out: Float64Array; in: Float64Array } {
  const g = wholeSupply(ctx);
  const N = ctx.dataset.companies.ids.length;
  const out = new Float64Array(N);
  const into = new Float64Array(N);
  const stamp = new Int32Array(g.n).fill(-1);
  for (const [offsets, ends, degree] of [
    [g.outOffsets, g.outTargets, out],
    [g.inOffsets, g.inSources, into],
  ] as const) {
    stamp.fill(-1);
    for (let u = 0; u < g.n; u++) {
      let d = 0;
      for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
        const v = ends[p]!;
        if (v === u || stamp[v] === u) continue;
        stamp[v] = u;
        d++;
      }
      degree[g.companyOf[u]!] = d;
    }
  }
  return { out, in: into };
}

/** The last ranking of each context (targets() and portfolio() of one analysis share it). */
const rankings = new WeakMap<ChainContext, { key: string; ranked: Rankings }>();

/** Every candidate, scored and ranked (no limit); cached per context and scoring options. */
function rankCandidates(ctx: ChainContext, options: TargetOptions): Rankings {
  const key = JSON.stringify([
    options.hhiThreshold ?? null,
    options.redundancy ?? null,
    options.strength ?? null,
    options.pagerank ?? null,
  ]);
  const cached = rankings.get(ctx);
  if (cached?.key === key) return cached.ranked;
  const ranked = rankCandidatesUncached(ctx, options);
  rankings.set(ctx, { key, ranked });
  return ranked;
}

/**
 * For a region cluster (`region:P`), a test of whether a region path is at least as precise as P
 * where it agrees with it; for other clusters every known region is precise enough.
 */
function regionKnown(ctx: ChainContext): (region: string) => boolean {
  const path = clusterRegion(ctx.cluster);
  if (path === null) return (region) => region !== '';
  const clusterPath = regionParts(path);
  return (region) => {
    if (region === '') return false;
    const parts = regionParts(region);
    if (parts.length >= clusterPath.length) return true;
    // Shorter than the cluster's path: unknown only when it is an ancestor of it.
    return !parts.every((p, i) => p === clusterPath[i]);
  };
}

function rankCandidatesUncached(ctx: ChainContext, options: TargetOptions): Rankings {
  const { dataset, structure, counts, membership } = ctx;
  const minShare = membership.minShare;
  /** The known share of c in s when it is a real one (≥ minShare), else null. */
  const realShare = (s: number, c: number): number | null => {
    const h = heldShare(membership, s, c);
    return h !== null && h.share !== null && h.share >= minShare ? h.share : null;
  };
  const S = structure.size;
  const rows: SegmentRow[] = segmentTable(ctx, options);
  const open = rows.map((r) => r.status !== 'present');
  const mode = options.strength ?? 'degree';
  if (mode !== 'degree' && mode !== 'pagerank') {
    throw new RangeError(`strength must be 'degree' or 'pagerank', got '${String(mode)}'`);
  }

  // Candidates: outside the cluster, holding an open segment with a real share.
  const candidates: number[] = [];
  const N = dataset.companies.ids.length;
  for (let c = 0; c < N; c++) {
    if (ctx.inCluster[c]) continue;
    for (const s of segmentsOf(membership, c)) {
      if (open[s] && realShare(s, c) !== null) {
        candidates.push(c);
        break;
      }
    }
  }
  // Nothing to fill (every segment present), or nobody outside holds a gap: no whole-graph pass.
  if (candidates.length === 0) return { outside: [], maybeLocal: [] };
  const located = regionKnown(ctx);

  // need(s)
  const gapFirms: Set<string>[] = Array.from({ length: S }, () => new Set<string>());
  for (const gap of inputGaps(ctx)) {
    for (const s of gap.missingInputs) gapFirms[structure.index.get(s)!]!.add(gap.company);
  }
  const need = Int32Array.from({ length: S }, (_, s) => {
    if (rows[s]!.status !== 'missing-downstream') return gapFirms[s]!.size;
    const sellers = new Set<number>();
    for (const t of structure.inputs[s]!) for (const c of ctx.localMembers[t]!) sellers.add(c);
    return sellers.size;
  });

  // strength
  let supplierRaw: Float64Array;
  let buyerRaw: Float64Array;
  let supplierStrength: (x: number) => number;
  let buyerStrength: (x: number) => number;
  if (mode === 'degree') {
    const degrees = distinctDegrees(ctx);
    supplierRaw = degrees.out;
    buyerRaw = degrees.in;
    const ms = maxOf(supplierRaw);
    const mb = maxOf(buyerRaw);
    supplierStrength = (d) => (d + 1) / (ms + 1);
    buyerStrength = (d) => (d + 1) / (mb + 1);
  } else {
    const graph = metricGraphFromCompact(wholeSupply(ctx));
    supplierRaw = pagerankReverse(graph, options.pagerank).scores;
    buyerRaw = pagerank(graph, options.pagerank).scores;
    const ms = maxOf(supplierRaw);
    const mb = maxOf(buyerRaw);
    supplierStrength = (x) => (ms > 0 ? x / ms : 0);
    buyerStrength = (x) => (mb > 0 ? x / mb : 0);
  }

  // tie: relations of any type between a candidate and the cluster, by type.
  const isCandidate = new Uint8Array(N);
  for (const c of candidates) isCandidate[c] = 1;
  const links = new Map<number, Int32Array>();
  const rel = dataset.relations;
  for (let r = 0; r < rel.source.length; r++) {
    const a = rel.source[r]!;
    const b = rel.target[r]!;
    let other = -1;
    if (ctx.inCluster[a] && !ctx.inCluster[b]) other = b;
    else if (ctx.inCluster[b] && !ctx.inCluster[a]) other = a;
    if (other < 0 || !isCandidate[other]) continue;
    let byType = links.get(other);
    if (!byType) links.set(other, (byType = new Int32Array(RELATION_TYPES.length)));
    byType[rel.type[r]!]!++;
  }

  // gain
  const r = options.redundancy ?? ANALYZE_DEFAULTS.redundancy;
  const before = completenessFromCounts(structure, counts, { redundancy: r }).redundancy;
  const trial = Float64Array.from(counts);

  const ranked: Ranked[] = [];
  for (const c of candidates) {
    const held = Array.from(segmentsOf(membership, c));
    for (const s of held) trial[s]!++;
    const after = completenessFromCounts(structure, trial, { redundancy: r }).redundancy;
    for (const s of held) trial[s]!--;
    const gain = after - before;
    const byType = links.get(c) ?? new Int32Array(RELATION_TYPES.length);
    const linkCount = byType.reduce((a, b) => a + b, 0);
    const tie = 1 + linkCount;
    const openHeld = held.filter((s) => open[s] && realShare(s, c) !== null);
    let best: { s: number; score: number; rest: number; components: TargetComponents } | null =
      null;
    for (const s of openHeld) {
      const buyer = rows[s]!.status === 'missing-downstream';
      const raw = buyer ? buyerRaw[c]! : supplierRaw[c]!;
      const strength = buyer ? buyerStrength(raw) : supplierStrength(raw);
      const needFactor = need[s]! + 1;
      const share = realShare(s, c)!;
      const rest = needFactor * share * strength * tie;
      const score = rest * gain;
      if (best === null || sortKey(score) > sortKey(best.score)) {
        best = {
          s,
          score,
          rest,
          components: {
            need: need[s]!,
            needFactor,
            share,
            strength,
            strengthRaw: raw,
            tie,
            links: linkCount,
            inferredLinks: byType[INFERRED]!,
            gain,
            before,
            after,
          },
        };
      }
    }
    const { s, score, rest, components } = best!;
    const row = rows[s]!;
    const label = companyLabel(dataset, c);
    const share = realShare(s, c)!;
    const location = located(label.region) ? 'outside' : 'maybe-local';
    const target: Target = {
      ...label,
      segment: row.id,
      share,
      location,
      status: row.status,
      role: row.status === 'missing-downstream' ? 'buyer' : 'supplier',
      segments: openHeld.map((t) => structure.ids[t]!),
      score,
      components,
      shares: openHeld.map((t) => realShare(t, c)!),
      linksByType: Object.fromEntries(
        RELATION_TYPES.flatMap((type, i) => (byType[i]! > 0 ? [[type, byType[i]!]] : [])),
      ),
    };
    ranked.push({ c, target, rest });
  }
  ranked.sort(
    (a, b) =>
      sortKey(b.target.score) - sortKey(a.target.score) ||
      sortKey(b.rest) - sortKey(a.rest) ||
      compareIds(a.target.company, b.target.company),
  );
  return {
    outside: ranked.filter((x) => x.target.location === 'outside'),
    maybeLocal: ranked.filter((x) => x.target.location === 'maybe-local'),
  };
}

/**
 * Candidate companies outside the cluster for its weak and missing segments, best first (one row
 * per company, for its best segment). See the module notes for the score.
 */
export function targets(ctx: ChainContext, options: TargetOptions = {}): Target[] {
  const limit = options.limit ?? ANALYZE_DEFAULTS.limits.targets;
  return rankCandidates(ctx, options)
    .outside.slice(0, Math.max(0, limit))
    .map((x) => x.target);
}

/**
 * Candidates whose region is unknown (module notes): they hold a gap segment with a real share
 * but may already be in the cluster, so they are listed apart, never as firms to attract.
 */
export function targetsMaybeLocal(ctx: ChainContext, options: TargetOptions = {}): Target[] {
  const limit = options.limit ?? ANALYZE_DEFAULTS.limits.targets;
  return rankCandidates(ctx, options)
    .maybeLocal.slice(0, Math.max(0, limit))
    .map((x) => x.target);
}

export type PortfolioObjective = 'coverage' | 'redundancy' | 'link' | 'path';

export interface PortfolioOptions extends TargetOptions {
  /** `objective` 'coverage' | 'redundancy' | 'link' | 'path' ['redundancy']: the K maximised. */
  objective?: PortfolioObjective;
}

export interface PortfolioPick extends CompanyLabel {
  /** Every template segment the company holds (each gets n_s + 1). */
  segments: string[];
  /** Marginal gain of the objective from this pick. */
  gain: number;
  /** The objective after this pick. */
  value: number;
}

export interface Portfolio {
  objective: PortfolioObjective;
  /** k asked for; `picks` may be shorter when no candidate adds anything. */
  k: number;
  picks: PortfolioPick[];
  /** Every completeness variant before and after the picks. */
  before: Completeness;
  after: Completeness;
  /** True when picking stopped before k because no remaining candidate had a positive gain. */
  stoppedEarly: boolean;
}

/**
 * Picks up to k targets greedily by marginal gain of `objective`; ties by target score, then id.
 * Stops early when no candidate adds anything. O(k · candidates · (S + F)).
 */
export function portfolio(ctx: ChainContext, k: number, options: PortfolioOptions = {}): Portfolio {
  if (!(Number.isInteger(k) && k >= 0)) throw new RangeError(`k must be an integer >= 0, got ${k}`);
  const objective = options.objective ?? 'redundancy';
  if (!['coverage', 'redundancy', 'link', 'path'].includes(objective)) {
    throw new RangeError(
      `objective must be coverage, redundancy, link or path, got '${objective}'`,
    );
  }
  const { structure, membership, dataset } = ctx;
  const copts: CompletenessOptions = {
    redundancy: options.redundancy ?? ANALYZE_DEFAULTS.redundancy,
  };
  const ranked = rankCandidates(ctx, options).outside;
  const counts = Float64Array.from(ctx.counts);
  const before = completenessFromCounts(structure, counts, copts);
  let value = before[objective];
  const taken = new Uint8Array(ranked.length);
  const picks: PortfolioPick[] = [];
  let stoppedEarly = false;
  while (picks.length < k) {
    let bestI = -1;
    let bestGain = 0;
    let bestValue = value;
    for (let i = 0; i < ranked.length; i++) {
      if (taken[i]) continue;
      const held = segmentsOf(membership, ranked[i]!.c);
      for (const s of held) counts[s]!++;
      const v = completenessFromCounts(structure, counts, copts)[objective];
      for (const s of held) counts[s]!--;
      // ranked is in target order, so a strict > keeps the better-ranked of equal gains.
      if (sortKey(v - value) > sortKey(bestGain)) {
        bestI = i;
        bestGain = v - value;
        bestValue = v;
      }
    }
    if (bestI < 0) {
      stoppedEarly = true;
      break;
    }
    taken[bestI] = 1;
    const c = ranked[bestI]!.c;
    const held = segmentsOf(membership, c);
    for (const s of held) counts[s]!++;
    picks.push({
      ...companyLabel(dataset, c),
      segments: Array.from(held, (s) => structure.ids[s]!),
      gain: bestGain,
      value: bestValue,
    });
    value = bestValue;
  }
  return {
    objective,
    k,
    picks,
    before,
    after: completenessFromCounts(structure, counts, copts),
    stoppedEarly,
  };
}
