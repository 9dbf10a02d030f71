/**
 * Modularity of a partition of the undirected projection (Newman & Girvan 2004; weighted and
 * with a resolution parameter as in Newman 2006 and Reichardt & Bornholdt 2006):
 *
 *   Q = Σ_c [ L_c / m − γ · (K_c / 2m)² ]
 *
 * where m is the total edge weight of the undirected projection (each edge counted once),
 * L_c the weight of the edges with both ends in community c, K_c the summed weighted degree of
 * the nodes of c and γ the resolution. This is `nx.community.modularity(G, communities,
 * weight='weight', resolution=γ)` on the weighted undirected `nx.Graph` of the view (parallel
 * and opposite arcs merged, weights summed).
 *
 * Self-loops: the metric snapshot keeps them out of the undirected projection
 * (`selfLoopWeight`), and by default so does modularity (`selfLoops: false`): a company that
 * supplies itself says nothing about which community it belongs to. With `selfLoops: true` a
 * loop of weight w counts as NetworkX counts it on a `Graph` that has it: w towards L_c and m,
 * 2w towards the node's degree.
 */
import type { MetricGraph } from '../graph/snapshot.js';

export interface ModularityOptions {
  /** `resolution` number [1]: γ; below 1 favours larger communities, above 1 smaller ones. */
  resolution?: number;
  /** `selfLoops` boolean [false]: count self-loops (`selfLoopWeight`) as NetworkX does. */
  selfLoops?: boolean;
}

/**
 * Maps arbitrary integer labels to dense ids 0..k-1 (in order of first appearance) when they
 * are not already small non-negative integers; returns the labels and the number of slots.
 */
function denseLabels(labels: ArrayLike<number>): { labels: ArrayLike<number>; k: number } {
  const n = labels.length;
  let max = -1;
  let dense = true;
  for (let i = 0; i < n; i++) {
    const c = labels[i]!;
    if (!Number.isInteger(c)) throw new Error(`community label ${c} of node ${i} is no integer`);
    if (c < 0) dense = false;
    else if (c > max) max = c;
  }
  if (dense && max < 2 * n + 16) return { labels, k: max + 1 };
  const ids = new Map<number, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let id = ids.get(labels[i]!);
    if (id === undefined) {
      id = ids.size;
      ids.set(labels[i]!, id);
    }
    out[i] = id;
  }
  return { labels: out, k: ids.size };
}

/**
 * Modularity of `community` (one integer label per node, any integers) on the undirected
 * projection of `graph`, weighted. NaN when the graph has no edge weight (m = 0), where
 * modularity is undefined. O(n + m).
 */
export function modularity(
  graph: MetricGraph,
  community: ArrayLike<number>,
  options: ModularityOptions = {},
): number {
  const gamma = options.resolution ?? 1;
  const loops = options.selfLoops ?? false;
  const { n, undirected: u, selfLoopWeight } = graph;
  if (community.length !== n) {
    throw new Error(`partition has ${community.length} labels for ${n} nodes`);
  }
  const { labels, k } = denseLabels(community);
  const inner = new Float64Array(k);
  const degree = new Float64Array(k);
  let twoM = 0;
  for (let v = 0; v < n; v++) {
    const c = labels[v]!;
    let kv = 0;
    let in2 = 0;
    for (let p = u.offsets[v]!; p < u.offsets[v + 1]!; p++) {
      const w = u.weights[p]!;
      kv += w;
      if (labels[u.nodes[p]!] === c) in2 += w;
    }
    if (loops) {
      const w = selfLoopWeight[v]!;
      kv += 2 * w;
      in2 += 2 * w;
    }
    degree[c]! += kv;
    inner[c]! += in2; // each inner edge is seen from both ends: 2·L_c
    twoM += kv;
  }
  if (!(twoM > 0)) return NaN;
  let q = 0;
  for (let c = 0; c < k; c++) {
    const d = degree[c]! / twoM;
    q += inner[c]! / twoM - gamma * d * d;
  }
  return q;
}
