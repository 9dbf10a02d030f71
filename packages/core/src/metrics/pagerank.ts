/**
 * PageRank (Brin & Page 1998, "The anatomy of a large-scale hypertextual Web search engine") and
 * reverse PageRank, by power iteration on the CSR snapshot, computed exactly as NetworkX 2.8.8's
 * `pagerank` (its SciPy variant) does:
 *
 *   x ← α·(xᵀP + (Σ_{dangling d} x_d)·g) + (1−α)·p
 *
 * where P is the row-stochastic transition matrix (P_uv = w_uv / Σ_v' w_uv'), p the
 * personalisation vector (uniform by default), g the distribution of dangling mass (p by
 * default, as NetworkX; uniform when p is), and a node is dangling when its out-strength is 0.
 * Stops when the L1 change ‖x − x_prev‖₁ < n·tol (NetworkX's criterion) or after `maxIter`
 * iterations; instead of throwing, the result says whether it converged.
 *
 * - Direction: "downstream pull" — rank flows along arcs u→v (supplier → buyer), so a node ranks
 *   high when important nodes point at it. `pagerankReverse` runs on the transposed graph (the
 *   `in` adjacency): "upstream influence", high when the node feeds important nodes.
 * - Weighting: arc weights (parallel arcs summed, as NetworkX on a DiGraph built from a
 *   multigraph); `weighted: false` gives each distinct arc weight 1. Self-loops are followed.
 * - Normalisation: the scores sum to 1.
 * - Cost: O(n + m) per iteration, O(n) extra memory (three Float64Arrays).
 */
import type { Adjacency, MetricGraph } from '../graph/snapshot.js';

export interface PageRankOptions {
  /** `alpha` number [0.85]: damping factor (probability of following an arc). */
  alpha?: number;
  /** `weighted` boolean [true]: use arc weights; false counts every distinct arc as 1. */
  weighted?: boolean;
  /**
   * `personalization` ArrayLike<number> [uniform]: teleport distribution, one non-negative value
   * per node, normalised to sum 1 (a RangeError if it sums to 0 or has the wrong length).
   */
  personalization?: ArrayLike<number>;
  /**
   * `dangling` ArrayLike<number> [= personalization]: where the mass of dangling nodes (no
   * out-arcs, or out-strength 0) goes, one non-negative value per node, normalised to sum 1.
   */
  dangling?: ArrayLike<number>;
  /** `start` ArrayLike<number> [uniform]: initial vector, normalised to sum 1. */
  start?: ArrayLike<number>;
  /** `tol` number [1e-6]: stop when the L1 change of the vector is below n·tol (NetworkX). */
  tol?: number;
  /** `maxIter` number [100]: iteration cap. */
  maxIter?: number;
}

export interface PageRankResult {
  /** Score per node; sums to 1. */
  scores: Float64Array;
  /** Iterations run. */
  iterations: number;
  /** L1 change of the last iteration (compare with n·tol). */
  error: number;
  /** Whether error < n·tol was reached within maxIter (false: `scores` is the last iterate). */
  converged: boolean;
}

/** A copy of a per-node vector normalised to sum 1, or the uniform vector when absent. */
function distribution(
  n: number,
  v: ArrayLike<number> | undefined,
  what: string,
  alloc: (n: number) => Float64Array,
): Float64Array {
  const d = alloc(n);
  if (v === undefined) return d.fill(1 / n);
  if (v.length !== n) throw new RangeError(`pagerank: ${what} has ${v.length} values, need ${n}`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const x = v[i]!;
    if (!(x >= 0)) throw new RangeError(`pagerank: ${what}[${i}] = ${x} is not >= 0`);
    sum += x;
  }
  if (!(sum > 0)) throw new RangeError(`pagerank: ${what} sums to 0`);
  for (let i = 0; i < n; i++) d[i] = v[i]! / sum;
  return d;
}

/** What a power iteration needs, resolved once from the graph and the options. */
export interface PageRankSetup {
  n: number;
  /** Arcs followed (out-arcs; in-arcs for reverse PageRank). */
  fwd: Adjacency;
  /** Their transpose, pulled from in each iteration. */
  back: Adjacency;
  alpha: number;
  weighted: boolean;
  tol: number;
  maxIter: number;
  /** Teleport distribution (sums to 1). */
  p: Float64Array;
  /** Where dangling mass goes (`p` itself unless `dangling` was given). */
  g: Float64Array;
  /** The start vector (sums to 1). */
  start: Float64Array;
  /** 1 / out-strength of each node; 0 marks a dangling node. */
  invOut: Float64Array;
  danglingNodes: Int32Array;
}

/**
 * Resolves the options (defaults, the normalised vectors, checked) and the out-strengths of a
 * PageRank (`reverse`: of the transposed graph). The vectors are allocated by `alloc` (scale's
 * worker runner puts them on shared memory). Shared by `pagerank`, `pagerankReverse` and
 * `pagerankParallel` of @chainlens/scale, so that all compute the same numbers.
 */
export function pagerankSetup(
  graph: MetricGraph,
  options: PageRankOptions,
  reverse: boolean,
  alloc: (n: number) => Float64Array = (n) => new Float64Array(n),
): PageRankSetup {
  const n = graph.n;
  const fwd = reverse ? graph.in : graph.out;
  const back = reverse ? graph.out : graph.in;
  const weighted = options.weighted ?? true;
  const p = distribution(n, options.personalization, 'personalization', alloc);
  const g =
    options.dangling !== undefined ? distribution(n, options.dangling, 'dangling', alloc) : p;
  const start = distribution(n, options.start, 'start', alloc);
  // invOut[u] = 1 / out-strength of u; 0 marks a dangling node.
  const invOut = new Float64Array(n);
  const dangling: number[] = [];
  for (let u = 0; u < n; u++) {
    let s = 0;
    if (weighted) {
      for (let k = fwd.offsets[u]!; k < fwd.offsets[u + 1]!; k++) s += fwd.weights[k]!;
    } else {
      s = fwd.offsets[u + 1]! - fwd.offsets[u]!;
    }
    if (s !== 0) invOut[u] = 1 / s;
    else dangling.push(u);
  }
  return {
    n,
    fwd,
    back,
    alpha: options.alpha ?? 0.85,
    weighted,
    tol: options.tol ?? 1e-6,
    maxIter: options.maxIter ?? 100,
    p,
    g,
    start,
    invOut,
    danglingNodes: Int32Array.from(dangling),
  };
}

/**
 * The sequential start of one iteration: fills `scaled` = x / out-strength and returns the mass
 * on dangling nodes (summed in node order). Shared by `pagerank` and `pagerankParallel`.
 */
export function pagerankScale(
  x: Float64Array,
  invOut: Float64Array,
  danglingNodes: Int32Array,
  scaled: Float64Array,
): number {
  let danglingSum = 0;
  for (let i = 0; i < danglingNodes.length; i++) danglingSum += x[danglingNodes[i]!]!;
  for (let u = 0; u < x.length; u++) scaled[u] = x[u]! * invOut[u]!;
  return danglingSum;
}

/**
 * The pull of one iteration for the nodes start..end-1 (the O(m) part):
 * next[v] = α·Σ_{u→v} scaled[u]·w(u→v) + spread·g[v] + (1 − α)·p[v], with `scaled` = x / out-strength
 * and `spread` = α·(dangling mass). Run on 0..n by `pagerank`, on node ranges by the workers of
 * `pagerankParallel` (@chainlens/scale): the same operations in the same order.
 */
export function pagerankPull(
  back: Pick<Adjacency, 'offsets' | 'nodes' | 'weights'>,
  weighted: boolean,
  scaled: Float64Array,
  g: Float64Array,
  p: Float64Array,
  alpha: number,
  spread: number,
  next: Float64Array,
  start: number,
  end: number,
): void {
  const { offsets, nodes, weights } = back;
  const teleport = 1 - alpha;
  for (let v = start; v < end; v++) {
    let sum = 0;
    const stop = offsets[v + 1]!;
    if (weighted) {
      for (let k = offsets[v]!; k < stop; k++) sum += scaled[nodes[k]!]! * weights[k]!;
    } else {
      for (let k = offsets[v]!; k < stop; k++) sum += scaled[nodes[k]!]!;
    }
    next[v] = alpha * sum + spread * g[v]! + teleport * p[v]!;
  }
}

/** Power iteration of a resolved PageRank. */
function powerIteration(graph: MetricGraph, options: PageRankOptions, reverse: boolean) {
  if (graph.n === 0) {
    return { scores: new Float64Array(0), iterations: 0, error: 0, converged: true };
  }
  const { n, back, alpha, weighted, tol, maxIter, p, g, start, invOut, danglingNodes } =
    pagerankSetup(graph, options, reverse);
  let x: Float64Array = start;
  let next: Float64Array = new Float64Array(n);

  const scaled = new Float64Array(n); // x[u] / outStrength[u]
  let iterations = 0;
  let error = Infinity;
  while (iterations < maxIter) {
    iterations++;
    const danglingSum = pagerankScale(x, invOut, danglingNodes, scaled);
    pagerankPull(back, weighted, scaled, g, p, alpha, alpha * danglingSum, next, 0, n);
    error = 0;
    for (let v = 0; v < n; v++) error += Math.abs(next[v]! - x[v]!);
    const t = x;
    x = next;
    next = t;
    if (error < n * tol) return { scores: x, iterations, error, converged: true };
  }
  return { scores: x, iterations, error, converged: false };
}

/**
 * PageRank of every node ("downstream pull": rank flows along arcs). See the module comment.
 * Matches `nx.pagerank(G, alpha, personalization, max_iter, tol, nstart, weight, dangling)` on the
 * DiGraph this snapshot represents.
 */
export function pagerank(graph: MetricGraph, options: PageRankOptions = {}): PageRankResult {
  return powerIteration(graph, options, false);
}

/**
 * Reverse PageRank ("upstream influence"): PageRank of the transposed graph, where rank flows
 * against the arcs, from buyers to their suppliers; dangling nodes are those without in-arcs.
 * Equals `nx.pagerank(G.reverse(), ...)`.
 */
export function pagerankReverse(graph: MetricGraph, options: PageRankOptions = {}): PageRankResult {
  return powerIteration(graph, options, true);
}
