/**
 * Shortest-path betweenness of nodes and edges (Brandes 2001, "A faster algorithm for betweenness
 * centrality", J. Math. Sociol. 25(2)), exact or estimated from k sampled sources ("pivots",
 * Brandes & Pich 2007, "Centrality estimation in large networks", IJBC 17(7)), computed as
 * NetworkX 2.8.8's `betweenness_centrality` / `edge_betweenness_centrality` with `weight=None`:
 *
 *   c_B(v) = Σ_{s≠v≠t} σ(s,t|v) / σ(s,t)
 *
 * - Direction: `directed: true` (default) follows arcs u→v of the `out` adjacency (a DiGraph);
 *   `directed: false` runs on the undirected projection (a Graph: u→v and v→u are one edge).
 * - Weighting: none — paths count hops; parallel arcs are one arc (the snapshot merges them),
 *   self-loops lie on no shortest path. Endpoints are excluded.
 * - Normalisation (NetworkX): node values × 1/((n−1)(n−2)) (so directed values are fractions of
 *   the (n−1)(n−2) ordered pairs and undirected ones of the (n−1)(n−2)/2 unordered pairs; nothing
 *   when n ≤ 2); edge values × 1/(n(n−1)). Unnormalised undirected values are halved (each pair
 *   is counted once). With k sampled sources the sum over the k sources is further scaled by n/k.
 * - Cost: O(n·m) time for the exact values, O(k·m) sampled; O(n) extra memory (four typed arrays
 *   allocated once per call, none per source). Per source: a BFS that records the visit order
 *   and path counts σ, then a sweep in reverse BFS order that pulls the dependencies
 *   δ(v) = σ(v)·Σ_{w: v→w, d(w)=d(v)+1} (1+δ(w))/σ(w) over successors, so no predecessor lists
 *   are needed.
 *
 * Reproducible in parallel: the sources are cut into at most {@link BETWEENNESS_SLICES}
 * contiguous slices ({@link betweennessSlices}); each slice's dependencies are summed from zero
 * and the slice sums are added in slice order. The single-threaded functions do exactly this,
 * so a runner that gives the slices to worker threads ({@link accumulateBetweenness} per slice)
 * and adds their partial arrays in slice order gets bit-identical values.
 */
import type { Adjacency } from '../graph/snapshot.js';
import { createRng, sampleWithoutReplacement } from './random.js';

/** The part of the snapshot (`MetricGraph`) that path metrics read. */
export interface PathGraph {
  n: number;
  out: Pick<Adjacency, 'offsets' | 'nodes'>;
  undirected: Pick<Adjacency, 'offsets' | 'nodes'>;
}

export interface BetweennessOptions {
  /** `directed` boolean [true]: follow arcs (`out`); false uses the undirected projection. */
  directed?: boolean;
  /**
   * `normalized` boolean [true]: scale as NetworkX's `normalized=True` (see the module notes);
   * false gives raw pair counts (halved on the undirected projection, as NetworkX).
   */
  normalized?: boolean;
  /**
   * `k` number [all nodes]: estimate from k distinct sources drawn uniformly with the seeded RNG
   * (an integer 1 ≤ k ≤ n); the sum over them is scaled by n/k. k = n gives the exact values.
   */
  k?: number;
  /** `seed` number [0]: seed of the source sample (used only with `k`). */
  seed?: number;
}

export interface BetweennessResult {
  /** Betweenness per node. */
  values: Float64Array;
  directed: boolean;
  normalized: boolean;
  /** Number of sources used: n when exact. */
  k: number;
  /** Seed of the sample, or null when exact (every node is a source). */
  seed: number | null;
  /** The sources, ascending (0..n−1 when exact). */
  sources: Int32Array;
}

export interface EdgeBetweennessResult {
  /**
   * Betweenness per arc position of the adjacency used: `graph.out` when directed (self-loops
   * get 0), `graph.undirected` when not, where edge {u,v} has the same value at its two
   * positions (u→v at u and v→u at v).
   */
  values: Float64Array;
  directed: boolean;
  normalized: boolean;
  k: number;
  seed: number | null;
  sources: Int32Array;
}

/** Most slices the sources are cut into (and so most useful worker threads). */
export const BETWEENNESS_SLICES = 16;

/** Scratch arrays of one Brandes run, reused for every source. */
export class BrandesWorkspace {
  /** Hop distance from the source; −1 when not reached. Kept all −1 between sources. */
  readonly dist: Int32Array;
  /** Number of shortest paths from the source. */
  readonly sigma: Float64Array;
  /** (1 + δ(w)) / σ(w) of each node already swept; 0 for the others. Kept all 0 between sources. */
  readonly coef: Float64Array;
  /** BFS visit order (the queue, read backwards as Brandes' stack). */
  readonly order: Int32Array;
  /** δ of the nodes of the level being swept, by position in `order`. */
  readonly level: Float64Array;

  constructor(readonly n: number) {
    this.dist = new Int32Array(n).fill(-1);
    this.sigma = new Float64Array(n);
    this.coef = new Float64Array(n);
    this.order = new Int32Array(n);
    this.level = new Float64Array(n);
  }
}

/** The adjacency the options choose. */
function adjacencyOf(graph: PathGraph, directed: boolean): Pick<Adjacency, 'offsets' | 'nodes'> {
  return directed ? graph.out : graph.undirected;
}

/** BFS from s filling dist, sigma and order; returns the number of nodes reached. */
function bfs(offsets: Int32Array, nodes: Int32Array, s: number, ws: BrandesWorkspace): number {
  const { dist, sigma, order } = ws;
  order[0] = s;
  dist[s] = 0;
  sigma[s] = 1;
  let head = 0;
  let tail = 1;
  while (head < tail) {
    const v = order[head++]!;
    const dv = dist[v]! + 1;
    const sv = sigma[v]!;
    const end = offsets[v + 1]!;
    for (let p = offsets[v]!; p < end; p++) {
      const w = nodes[p]!;
      const dw = dist[w]!;
      if (dw < 0) {
        dist[w] = dv;
        sigma[w] = sv;
        order[tail++] = w;
      } else if (dw === dv) {
        sigma[w]! += sv;
      }
    }
  }
  return tail;
}

function checkSources(n: number, sources: ArrayLike<number>): void {
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    if (!Number.isInteger(s) || s < 0 || s >= n) {
      throw new RangeError(`betweenness: source ${s} is not a node index in 0..${n - 1}`);
    }
  }
}

/**
 * Adds to `into[v]` the dependency δ_s(v) of every given source s on every node v ≠ s (unscaled
 * Brandes sums), in the order the sources are given. The building block of the parallel runner:
 * run it per slice of sources on separate threads, each into its own zeroed array.
 *
 * @param options.directed [true]: as {@link BetweennessOptions.directed}.
 * @param options.workspace [new]: scratch arrays to reuse across calls on the same graph.
 */
export function accumulateBetweenness(
  graph: PathGraph,
  sources: ArrayLike<number>,
  into: Float64Array,
  options: { directed?: boolean; workspace?: BrandesWorkspace } = {},
): void {
  const n = graph.n;
  if (into.length !== n)
    throw new RangeError(`betweenness: into has ${into.length} slots, not ${n}`);
  checkSources(n, sources);
  const { offsets, nodes } = adjacencyOf(graph, options.directed ?? true);
  const ws = options.workspace ?? new BrandesWorkspace(n);
  if (ws.n !== n) throw new RangeError(`betweenness: workspace is for ${ws.n} nodes, not ${n}`);
  const { dist, sigma, coef, order, level } = ws;
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const reached = bfs(offsets, nodes, s, ws);
    // Sweep the BFS levels from the deepest up, in two passes per level: sum, then set. Every
    // successor w of a node v at level d lies at level ≤ d+1 (BFS), and when level d is summed
    // only the levels > d have their coefficient set (levels ≤ d are still 0), so the sum over
    // all out-neighbours needs no distance test: it is Σ over w at level d+1 of (1+δ(w))/σ(w).
    let j = reached - 1;
    while (j > 0) {
      const d = dist[order[j]!]!;
      let first = j;
      while (dist[order[first - 1]!] === d) first--; // the source (level 0) stops it
      for (let q = first; q <= j; q++) {
        const v = order[q]!;
        let sum = 0;
        const end = offsets[v + 1]!;
        for (let p = offsets[v]!; p < end; p++) sum += coef[nodes[p]!]!;
        level[q] = sigma[v]! * sum;
      }
      for (let q = first; q <= j; q++) {
        const v = order[q]!;
        const delta = level[q]!;
        into[v]! += delta;
        coef[v] = (1 + delta) / sigma[v]!;
      }
      j = first - 1;
    }
    for (let q = 0; q < reached; q++) {
      const v = order[q]!;
      dist[v] = -1;
      coef[v] = 0;
    }
  }
}

/**
 * The contiguous slices [start, end) that `count` sources are cut into: at most
 * {@link BETWEENNESS_SLICES}, of near-equal size, slice i = [⌊i·count/S⌋, ⌊(i+1)·count/S⌋).
 */
export function betweennessSlices(count: number): Array<[number, number]> {
  const slices = Math.max(1, Math.min(BETWEENNESS_SLICES, count));
  const out: Array<[number, number]> = [];
  for (let i = 0; i < slices; i++) {
    out.push([Math.floor((i * count) / slices), Math.floor(((i + 1) * count) / slices)]);
  }
  return out;
}

/**
 * The sources a betweenness run uses, ascending: every node when `k` is undefined, else k
 * distinct nodes drawn with `sampleWithoutReplacement(n, k, createRng(seed))` and sorted.
 */
export function betweennessSources(
  n: number,
  options: Pick<BetweennessOptions, 'k' | 'seed'> = {},
): { sources: Int32Array; k: number; seed: number | null } {
  if (options.k === undefined) {
    const sources = new Int32Array(n);
    for (let i = 0; i < n; i++) sources[i] = i;
    return { sources, k: n, seed: null };
  }
  const k = options.k;
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new RangeError(`betweenness: k must be an integer in 1..${n}, got ${k}`);
  }
  const seed = options.seed ?? 0;
  const sources = sampleWithoutReplacement(n, k, createRng(seed)).sort();
  return { sources, k, seed };
}

/**
 * The factor NetworkX 2.8.8's `_rescale` applies to summed node dependencies: 1/((n−1)(n−2))
 * when normalised (1 when n ≤ 2), else 1/2 undirected and 1 directed; times n/k when sampled.
 * (NetworkX 2.8.8 omits n/k in the directed unnormalised case — a bug; here the sampled value
 * always estimates the exact one.)
 */
export function betweennessScale(
  n: number,
  k: number,
  options: Pick<BetweennessOptions, 'directed' | 'normalized'> = {},
): number {
  const directed = options.directed ?? true;
  let scale: number;
  if (options.normalized ?? true) scale = n <= 2 ? 1 : 1 / ((n - 1) * (n - 2));
  else scale = directed ? 1 : 0.5;
  if (k !== n && !((options.normalized ?? true) && n <= 2)) scale = (scale * n) / k;
  return scale;
}

/**
 * Betweenness centrality of every node: exact (Brandes), or sampled from `k` seeded sources and
 * scaled by n/k (Brandes–Pich), normalised as NetworkX. See the module notes.
 */
export function betweenness(graph: PathGraph, options: BetweennessOptions = {}): BetweennessResult {
  const n = graph.n;
  const directed = options.directed ?? true;
  const normalized = options.normalized ?? true;
  const { sources, k, seed } = betweennessSources(n, options);
  const workspace = new BrandesWorkspace(n);
  const total = new Float64Array(n);
  const part = new Float64Array(n);
  for (const [a, b] of betweennessSlices(sources.length)) {
    part.fill(0);
    accumulateBetweenness(graph, sources.subarray(a, b), part, { directed, workspace });
    for (let v = 0; v < n; v++) total[v]! += part[v]!;
  }
  const scale = betweennessScale(n, k, { directed, normalized });
  if (scale !== 1) for (let v = 0; v < n; v++) total[v]! *= scale;
  return { values: total, directed, normalized, k, seed, sources };
}

/** For each position p of u→v in a symmetric sorted adjacency, the position of v→u. */
function twinPositions(n: number, offsets: Int32Array, nodes: Int32Array): Int32Array {
  const twin = new Int32Array(nodes.length);
  for (let u = 0; u < n; u++) {
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const v = nodes[p]!;
      if (v < u) continue;
      let lo = offsets[v]!;
      let hi = offsets[v + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (nodes[mid]! < u) lo = mid + 1;
        else hi = mid;
      }
      twin[p] = lo;
      twin[lo] = p;
    }
  }
  return twin;
}

/**
 * Edge betweenness (Brandes 2008, "On variants of shortest-path betweenness centrality and their
 * generic computation", Soc. Networks 30(2)): for each arc, the share of shortest paths through
 * it, as NetworkX 2.8.8's `edge_betweenness_centrality(G, weight=None)`. Normalised values are
 * × 1/(n(n−1)); unnormalised undirected ones are halved; sampled (`k`) ones are scaled by n/k
 * (NetworkX 2.8.8 does not rescale sampled edge values — a bug). Self-loops get 0.
 * O(n·m) time (O(k·m) sampled), O(n + m) memory.
 */
export function edgeBetweenness(
  graph: PathGraph,
  options: BetweennessOptions = {},
): EdgeBetweennessResult {
  const n = graph.n;
  const directed = options.directed ?? true;
  const normalized = options.normalized ?? true;
  const { sources, k, seed } = betweennessSources(n, options);
  const { offsets, nodes } = adjacencyOf(graph, directed);
  const ws = new BrandesWorkspace(n);
  const { dist, sigma, coef, order } = ws;
  const values = new Float64Array(nodes.length);
  for (let i = 0; i < sources.length; i++) {
    const s = sources[i]!;
    const reached = bfs(offsets, nodes, s, ws);
    for (let j = reached - 1; j >= 0; j--) {
      const v = order[j]!;
      const dv = dist[v]! + 1;
      const sv = sigma[v]!;
      let delta = 0;
      const end = offsets[v + 1]!;
      for (let p = offsets[v]!; p < end; p++) {
        const w = nodes[p]!;
        if (dist[w] === dv) {
          const c = sv * coef[w]!;
          values[p]! += c;
          delta += c;
        }
      }
      coef[v] = (1 + delta) / sv;
    }
    for (let j = 0; j < reached; j++) dist[order[j]!] = -1;
  }
  if (!directed) {
    // Edge {u,v} collected paths in both directions at its two positions: add them up.
    const twin = twinPositions(n, offsets, nodes);
    for (let p = 0; p < values.length; p++) {
      const q = twin[p]!;
      if (p < q) values[p] = values[q] = values[p]! + values[q]!;
    }
  }
  let scale: number;
  if (normalized) scale = n <= 1 ? 1 : 1 / (n * (n - 1));
  else scale = directed ? 1 : 0.5;
  if (k !== n) scale = (scale * n) / k;
  if (scale !== 1) for (let p = 0; p < values.length; p++) values[p]! *= scale;
  return { values, directed, normalized, k, seed, sources };
}
