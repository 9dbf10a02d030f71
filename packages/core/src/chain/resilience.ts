/**
 * Resilience curves of a cluster's chain (DESIGN §3, anchors.md §3.5): completeness K(Q) after
 * removing Q of the N chain firms (cluster companies holding a segment) one by one, each removal
 * followed by the failure cascade of `cascade.ts`, and the robustness
 *
 *   R = (1/N) Σ_{Q=1..N} K(Q)
 *
 * of Schneider, Moreira, Andrade, Havlin & Herrmann (2011), "Mitigation of malicious attacks on
 * networks", PNAS 108(10):3838, with chain completeness K in place of the largest component's
 * share. K(0) is the intact cluster's completeness and K(N) = 0 (every chain firm gone).
 * Removing a firm that already failed in an earlier cascade changes nothing (K(Q) = K(Q−1)).
 *
 * Orders:
 * - `random`: a uniform random permutation of the chain firms from `createRng(seed)`
 *   (mulberry32); with `runs` > 1 the curve and R are the means over `runs` permutations drawn
 *   one after the other from the same generator. Same seed ⇒ identical curves.
 * - `targeted`: descending centrality, **static** (computed once on the intact cluster, not
 *   recomputed after removals), **ties broken by id** (code-unit order). The centrality is taken
 *   in the cluster's supply view (supply edges between cluster companies, `inducedCompactGraph`):
 *   `degree` (default) = distinct supply partners in the cluster, either direction; `out-degree`
 *   = distinct customers in the cluster; `pagerank` / `pagerank-reverse` = weighted PageRank on
 *   the view (α = 0.85) or on its transpose (upstream influence).
 *
 * Cost: the failed set only grows, so one `CascadeState` serves a whole curve: O(contributions)
 * for all cascades plus O(N·(S + F)) for the completeness after each step.
 */
import { inducedCompactGraph } from '../graph/compact.js';
import { metricGraphFromCompact } from '../graph/snapshot.js';
import { degree } from '../metrics/degree.js';
import { pagerank, pagerankReverse } from '../metrics/pagerank.js';
import { createRng, sampleWithoutReplacement } from '../metrics/random.js';
import type {
  CascadeModel,
  CascadeOptions,
  CascadeParameters,
  SupplyEdgeProvenance,
} from './cascade.js';
import { CascadeState, compareIds } from './cascade.js';
import type { ChainContext } from './context.js';
import { chainFirms } from './context.js';
import { completenessFigure } from './completeness.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import type { CompletenessMeasure } from './criticality.js';
import { cascadeModelOf, checkMeasure } from './criticality.js';

export type ResilienceCentrality = 'degree' | 'out-degree' | 'pagerank' | 'pagerank-reverse';

export interface ResilienceOptions extends CascadeOptions {
  /** `measure` CompletenessMeasure ['redundancy']: the completeness variant K of the curves. */
  measure?: CompletenessMeasure;
  /** `seed` number [0]: seed of the random order (createRng). */
  seed?: number;
  /** `runs` number [10]: random permutations averaged for the random curve and R. */
  runs?: number;
  /** `centrality` ResilienceCentrality ['degree']: the order of the targeted removal (static, ties by id). */
  centrality?: ResilienceCentrality;
  /** `points` number [101]: at most this many points (≥ 2) of each curve are returned; R uses every step. */
  points?: number;
}

export interface ResilienceResult {
  measure: CompletenessMeasure;
  parameters: CascadeParameters;
  seed: number;
  runs: number;
  centrality: ResilienceCentrality;
  /** N: chain firms of the cluster. */
  firms: number;
  /** Q of each returned point (0 … N, evenly spread, both ends included). */
  q: number[];
  /** K after Q removals at each `q`: random order (mean over runs), and targeted order. */
  random: number[];
  targeted: number[];
  /** Robustness R = (1/N) Σ_{Q=1..N} K(Q) over every step (0 when N = 0). */
  R: { random: number; targeted: number };
  order: {
    /** Company ids in the removal order of the first random run. */
    random: string[];
    /** Company ids in targeted order, and the centrality of each. */
    targeted: string[];
    targetedScores: number[];
  };
  /** Supply edges the cascades rest on. */
  provenance: SupplyEdgeProvenance;
}

/** K(Q) for Q = 0..N along one removal order (dataset indices), with the cascade. */
export function removalCurve(
  model: CascadeModel,
  order: ArrayLike<number>,
  measure: CompletenessMeasure = 'redundancy',
): Float64Array {
  const { ctx } = model;
  const opts = { redundancy: model.parameters.redundancy };
  const state = new CascadeState(model);
  const curve = new Float64Array(order.length + 1);
  let k = completenessFigure(ctx.structure, state.counts, measure, opts);
  curve[0] = k;
  const one = [0];
  for (let q = 1; q <= order.length; q++) {
    one[0] = order[q - 1]!;
    if (state.remove(one) > 0) k = completenessFigure(ctx.structure, state.counts, measure, opts);
    curve[q] = k;
  }
  return curve;
}

/** R = (1/N) Σ_{Q=1..N} K(Q) of a curve K(0..N); 0 when N = 0. */
export function robustness(curve: ArrayLike<number>): number {
  const n = curve.length - 1;
  if (n <= 0) return 0;
  let sum = 0;
  for (let q = 1; q <= n; q++) sum += curve[q]!;
  return sum / n;
}

/** The chain firms in static targeted order: descending centrality, ties by id. */
export function targetedOrder(
  ctx: ChainContext,
  centrality: ResilienceCentrality = ANALYZE_DEFAULTS.resilienceOrder,
): { order: Int32Array; scores: Float64Array } {
  const graph = metricGraphFromCompact(inducedCompactGraph(ctx.supply, ctx.cluster.members));
  let score: ArrayLike<number>;
  if (centrality === 'degree') score = degree(graph).neighbours;
  else if (centrality === 'out-degree') score = degree(graph).out;
  else if (centrality === 'pagerank') score = pagerank(graph).scores;
  else if (centrality === 'pagerank-reverse') score = pagerankReverse(graph).scores;
  else {
    throw new RangeError(
      `centrality must be degree, out-degree, pagerank or pagerank-reverse, got '${String(centrality)}'`,
    );
  }
  // graph node i is company graph.companyOf[i]; the cluster members are ascending, as are nodes.
  const local = new Map<number, number>();
  graph.companyOf.forEach((c, i) => local.set(c, i));
  const { ids } = ctx.dataset.companies;
  const firms = Array.from(chainFirms(ctx));
  const of = (c: number) => score[local.get(c)!]!;
  firms.sort((a, b) => of(b) - of(a) || compareIds(ids[a]!, ids[b]!));
  return { order: Int32Array.from(firms), scores: Float64Array.from(firms, of) };
}

/** Evenly spread indices 0..n, both ends included, at most `points` of them. */
function samplePoints(n: number, points: number): number[] {
  if (n + 1 <= points) return Array.from({ length: n + 1 }, (_, i) => i);
  return Array.from({ length: points }, (_, i) => Math.round((i * n) / (points - 1)));
}

/** Random and targeted resilience curves and R; see the module comment. */
export function resilience(
  source: ChainContext | CascadeModel,
  options: ResilienceOptions = {},
): ResilienceResult {
  const measure = checkMeasure(options.measure ?? 'redundancy');
  const seed = options.seed ?? 0;
  const runs = options.runs ?? ANALYZE_DEFAULTS.resilienceRuns;
  if (!Number.isInteger(runs) || runs < 1)
    throw new RangeError(`runs must be an integer ≥ 1, got ${runs}`);
  const points = options.points ?? 101;
  if (!Number.isInteger(points) || points < 2)
    throw new RangeError(`points must be an integer ≥ 2, got ${points}`);
  const centrality = options.centrality ?? ANALYZE_DEFAULTS.resilienceOrder;
  const model = cascadeModelOf(source, options);
  const { ctx } = model;
  const { ids } = ctx.dataset.companies;
  const firms = chainFirms(ctx);
  const N = firms.length;

  const rng = createRng(seed);
  const sum = new Float64Array(N + 1);
  const low = new Float64Array(N + 1).fill(Infinity);
  const high = new Float64Array(N + 1).fill(-Infinity);
  let firstOrder: Int32Array | null = null;
  for (let run = 0; run < runs; run++) {
    const perm = sampleWithoutReplacement(N, N, rng);
    const order = Int32Array.from(perm, (i) => firms[i]!);
    if (firstOrder === null) firstOrder = order;
    const curve = removalCurve(model, order, measure);
    for (let q = 0; q <= N; q++) {
      const k = curve[q]!;
      sum[q]! += k;
      if (k < low[q]!) low[q] = k;
      if (k > high[q]!) high[q] = k;
    }
  }
  // The mean curve: exact where every run agrees (K(0), K(N) = 0), and never rising by a
  // rounding ulp (the mean of non-increasing curves is non-increasing).
  const mean = new Float64Array(N + 1);
  for (let q = 0; q <= N; q++) {
    const m = low[q] === high[q] ? low[q]! : sum[q]! / runs;
    mean[q] = q > 0 ? Math.min(m, mean[q - 1]!) : m;
  }
  const targeted = targetedOrder(ctx, centrality);
  const tCurve = removalCurve(model, targeted.order, measure);
  const at = samplePoints(N, points);
  return {
    measure,
    parameters: model.parameters,
    seed,
    runs,
    centrality,
    firms: N,
    q: at,
    random: at.map((q) => mean[q]!),
    targeted: at.map((q) => tCurve[q]!),
    R: { random: robustness(mean), targeted: robustness(tCurve) },
    order: {
      random: Array.from(firstOrder!, (c) => ids[c]!),
      targeted: Array.from(targeted.order, (c) => ids[c]!),
      targetedScores: Array.from(targeted.scores),
    },
    provenance: model.provenance,
  };
}
