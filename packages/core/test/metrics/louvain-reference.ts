/**
 * The reference for `louvain` (louvain.ts): graphology-communities-louvain itself, run on a
 * graphology `UndirectedGraph` of the projection built in the same seeded node order and
 * driven by the same RNG stream, then split and numbered by `splitDisconnected`. The typed-array
 * `louvain` must return exactly this (louvain-graphology.test.ts). Test-only: the engine does
 * not load graphology-communities-louvain.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import type { LouvainOptions, LouvainResult } from '../../src/metrics/louvain.js';
import { splitDisconnected } from '../../src/metrics/louvain.js';
import { modularity } from '../../src/metrics/modularity.js';
import { createRng } from '../../src/metrics/random.js';

// The package is CommonJS (`module.exports = louvain`) but its typings declare an ES default
// export: under Node's ESM interop the default import is the function itself.
type LouvainFn = typeof louvainModule.default;
const louvainImpl: LouvainFn =
  typeof louvainModule === 'function'
    ? (louvainModule as unknown as LouvainFn)
    : louvainModule.default;

/** A seeded random permutation of 0..n-1 (Fisher–Yates). */
function shuffled(n: number, rng: () => number): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const x = order[i]!;
    order[i] = order[j]!;
    order[j] = x;
  }
  return order;
}

/**
 * Visits the edges of the projection once each, in the order Louvain's index receives them:
 * nodes in `order`; from each node v, its neighbours x later in `order` (ascending index),
 * then v's self-loop when `selfLoops`. `p` is the CSR position of the edge, or -1 - v for the
 * self-loop of v.
 */
function forEachEdgeInOrder(
  graph: MetricGraph,
  order: Int32Array,
  selfLoops: boolean,
  callback: (p: number, v: number, x: number) => void,
): void {
  const { n, undirected: u, selfLoopWeight } = graph;
  const position = new Int32Array(n);
  for (let i = 0; i < n; i++) position[order[i]!] = i;
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    for (let p = u.offsets[v]!; p < u.offsets[v + 1]!; p++) {
      const x = u.nodes[p]!;
      if (position[x]! > i) callback(p, v, x);
    }
    if (selfLoops && selfLoopWeight[v]! > 0) callback(-1 - v, v, v);
  }
}

function countSelfLoops(graph: MetricGraph, selfLoops: boolean): number {
  let loops = 0;
  if (selfLoops) for (const w of graph.selfLoopWeight) if (w > 0) loops++;
  return loops;
}

/**
 * The weighted undirected projection as a graphology graph: nodes keyed `"0"…"n-1"`, added
 * in `order` (default 0..n-1), each edge once with attribute `weight`; self-loops only with
 * `selfLoops`.
 */
function undirectedGraphology(
  graph: MetricGraph,
  selfLoops = false,
  order?: Int32Array,
): UndirectedGraph {
  const { n, undirected: u, selfLoopWeight } = graph;
  const nodeOrder = order ?? Int32Array.from({ length: n }, (_, v) => v);
  const g = new UndirectedGraph({ allowSelfLoops: selfLoops });
  const keys = new Array<string>(n);
  for (let v = 0; v < n; v++) keys[v] = String(v);
  for (const v of nodeOrder) g.addNode(keys[v]!);
  forEachEdgeInOrder(graph, nodeOrder, selfLoops, (p, v, x) => {
    const weight = p >= 0 ? u.weights[p]! : selfLoopWeight[v]!;
    g.addUndirectedEdge(keys[v]!, keys[x]!, { weight });
  });
  return g;
}

/**
 * graphology-communities-louvain's communities of the projection, split and numbered as
 * `louvain` does.
 */
export function louvainGraphology(graph: MetricGraph, options: LouvainOptions = {}): LouvainResult {
  const seed = options.seed ?? 0;
  const resolution = options.resolution ?? 1;
  const selfLoops = options.selfLoops ?? false;
  const raw = louvainLabels(graph, seed, resolution, selfLoops);
  const { community, count, split } = splitDisconnected(graph, raw);
  return {
    community,
    count,
    modularity: modularity(graph, community, { resolution, selfLoops }),
    seed,
    resolution,
    split,
  };
}

/** Louvain's own labels (before the split step), one per node. */
function louvainLabels(
  graph: MetricGraph,
  seed: number,
  resolution: number,
  selfLoops: boolean,
): Int32Array {
  const { n } = graph;
  const labels = Int32Array.from({ length: n }, (_, v) => v);
  if (graph.edges + countSelfLoops(graph, selfLoops) === 0) return labels;
  // One RNG stream: first the node order, then graphology's own draws.
  const rng = createRng(seed);
  const order = shuffled(n, rng);
  const input = undirectedGraphology(graph, selfLoops, order);
  const result = louvainImpl.detailed(input, { rng, resolution, getEdgeWeight: 'weight' });
  // The last dendrogram level maps the i-th node handed to Louvain to its community.
  const levels = result.dendrogram;
  const last = levels[levels.length - 1]!;
  for (let i = 0; i < n; i++) labels[order[i]!] = last[i]!;
  return labels;
}
