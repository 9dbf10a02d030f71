/**
 * Closeness centrality (Bavelas 1950; Freeman 1978/79, "Centrality in social networks:
 * conceptual clarification", Social Networks 1(3)) with the Wasserman & Faust (1994, "Social
 * Network Analysis", §5.3) correction for disconnected graphs, and harmonic centrality
 * (Marchiori & Latora 2000, "Harmony in the small-world", Physica A 285; Boldi & Vigna 2014,
 * "Axioms for centrality", Internet Mathematics 10), both from one breadth-first search per node,
 * as NetworkX 2.8.8's `closeness_centrality(G)` and `harmonic_centrality(G)`:
 *
 *   closeness(u) = (r − 1) / Σ_v d(v,u) · (r − 1) / (n − 1)   (0 when nothing reaches u)
 *   harmonic(u)  = Σ_{v ≠ u} 1 / d(v,u)                         (unreachable pairs add 0)
 *
 * where r is the number of nodes that reach u, u included (`wfImproved: false` drops the second
 * factor, the plain Freeman closeness of u's component).
 *
 * - Direction: incoming distances d(v,u) by default (NetworkX for directed graphs: how easily
 *   the rest of the chain reaches u); `direction: 'out'` uses outgoing distances d(u,v)
 *   (NetworkX on G.reverse()), `'undirected'` the undirected projection.
 * - Weighting: none — distances count hops (DESIGN §2: weights are volumes, not lengths).
 * - Cost: O(n·(n + m)) for all nodes; one Int32Array distance map and one queue of n reused
 *   across sources (reset only where the last search went). `start` / `end` restrict the
 *   computation to a slice of nodes so workers can split the work; each node's result depends
 *   only on its own search, so slices give exactly the values of a full run.
 */
import type { MetricGraph } from '../graph/snapshot.js';

export interface ClosenessOptions {
  /** `direction` 'in' | 'out' | 'undirected' ['in']: which distances (see module comment). */
  direction?: 'in' | 'out' | 'undirected';
  /** `wfImproved` boolean [true]: scale by the share of nodes that reach u (Wasserman–Faust). */
  wfImproved?: boolean;
  /** `start` number [0]: first node computed. */
  start?: number;
  /** `end` number [n]: one past the last node computed; nodes outside [start, end) get 0. */
  end?: number;
}

export interface ClosenessResult {
  /** Closeness per node (NetworkX `closeness_centrality`). */
  closeness: Float64Array;
  /** Harmonic centrality per node (NetworkX `harmonic_centrality`, not normalised). */
  harmonic: Float64Array;
}

/** Closeness and harmonic centrality of nodes start..end-1; see the module comment. */
export function closenessCentrality(
  graph: MetricGraph,
  options: ClosenessOptions = {},
): ClosenessResult {
  const { n } = graph;
  const direction = options.direction ?? 'in';
  const wfImproved = options.wfImproved ?? true;
  const start = options.start ?? 0;
  const end = options.end ?? n;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > n || start > end) {
    throw new RangeError(`closeness: need integers 0 <= start <= end <= ${n}`);
  }
  // Searching from u along the in-lists visits the nodes that reach u, at distance d(v,u).
  const adj = direction === 'in' ? graph.in : direction === 'out' ? graph.out : graph.undirected;
  const { offsets, nodes } = adj;
  const closeness = new Float64Array(n);
  const harmonic = new Float64Array(n);
  const dist = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  // inverse[d] = 1 / d, so the inner loop does no division.
  const inverse = new Float64Array(n);
  for (let d = 1; d < n; d++) inverse[d] = 1 / d;

  for (let s = start; s < end; s++) {
    dist[s] = 0;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    let total = 0;
    let h = 0;
    while (head < tail) {
      const v = queue[head++]!;
      const dv = dist[v]! + 1;
      const kEnd = offsets[v + 1]!;
      for (let k = offsets[v]!; k < kEnd; k++) {
        const u = nodes[k]!;
        if (dist[u]! < 0) {
          dist[u] = dv;
          queue[tail++] = u;
          total += dv;
          h += inverse[dv]!;
        }
      }
    }
    for (let i = 0; i < tail; i++) dist[queue[i]!] = -1;
    harmonic[s] = h;
    if (total > 0 && n > 1) {
      let c = (tail - 1) / total;
      if (wfImproved) c *= (tail - 1) / (n - 1);
      closeness[s] = c;
    }
  }
  return { closeness, harmonic };
}
