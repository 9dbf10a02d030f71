/**
 * Louvain community detection (Blondel, Guillaume, Lambiotte & Lefebvre 2008) on the weighted
 * undirected projection, with a seeded RNG, a resolution parameter (Reichardt & Bornholdt
 * 2006), and a split step that makes every community connected.
 *
 * The optimisation is graphology-communities-louvain's (`louvain.detailed`, default fast local
 * moves). Two things are ours:
 *
 * - **Input.** Louvain reads the CSR projection through a minimal read-only view that serves
 *   what its index reads (`csrView`), instead of a graphology `UndirectedGraph`: graphology's
 *   `addEdge` costs ~3.5 s for 1M edges, longer than Louvain itself. `viaGraphology: true`
 *   builds the real graph instead and gives the identical partition (a test checks it).
 * - **Node order.** graphology's "random walk" only rotates the node order by a random offset;
 *   on graphs whose node numbering follows their growth (as generated and real supply graphs
 *   do) that costs about 0.01 of modularity against igraph. We hand the nodes to it in a seeded
 *   random permutation (Fisher–Yates), as igraph's multilevel and NetworkX shuffle them.
 *
 * Louvain can leave a community internally disconnected (Traag, Waltman & van Eck 2019, "From
 * Louvain to Leiden"): a node that bridged two parts moves away and the parts stay labelled
 * together. We do not run Leiden's refinement; instead every community is split into its
 * connected components inside the community (BFS on the CSR restricted to the community),
 * which can only raise modularity (the parts share no edge, so L_c is unchanged and the
 * γ·(K_c/2m)² penalty shrinks). `split` says how many Louvain communities were split.
 *
 * Communities are numbered deterministically: by size, largest first, ties by smallest node
 * index. The reported modularity is recomputed on the final partition by `modularity()`.
 * Same graph + seed + options ⇒ the same partition, in any process (only integer arithmetic
 * decides the RNG stream; the rest is deterministic floating point in a fixed order).
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import type { MetricGraph } from '../graph/snapshot.js';
import { modularity } from './modularity.js';
import { createRng } from './random.js';

export interface LouvainOptions {
  /** `seed` number [0]: seed of the RNG that orders the nodes; same seed ⇒ same partition. */
  seed?: number;
  /** `resolution` number [1]: γ of the modularity; above 1 gives smaller communities. */
  resolution?: number;
  /** `selfLoops` boolean [false]: count self-loops (`selfLoopWeight`) in degrees and L_c. */
  selfLoops?: boolean;
  /**
   * `viaGraphology` boolean [false]: build a real graphology `UndirectedGraph` of the
   * projection for Louvain instead of reading the CSR directly. Same partition, ~4× slower on
   * 1M edges; for tests that check the CSR view against graphology.
   */
  viaGraphology?: boolean;
}

export interface LouvainResult {
  /** Community of each node, 0..count-1, numbered by size (largest first), ties by smallest node. */
  community: Int32Array;
  /** Number of communities (isolated nodes are communities of their own). */
  count: number;
  /** Modularity of `community` (weighted, at `resolution`); NaN when the graph has no edges. */
  modularity: number;
  seed: number;
  resolution: number;
  /** How many of Louvain's communities were internally disconnected and split. */
  split: number;
}

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
export function undirectedGraphology(
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
 * The projection as the minimal read-only graph that graphology-communities-louvain (2.0.x)
 * reads for an undirected graph: `type`, `multi`, `order`, `size`, `selfLoopCount`,
 * `forEachNode`, `undirectedDegreeWithoutSelfLoops`, `forEachEdge`, plus the methods its
 * `isGraph` check looks for. Nodes are the numbers v, visited in `order`, and edges are
 * visited in the order `undirectedGraphology` inserts them, so Louvain builds exactly the
 * index it would build from that graph, at no cost. Edges are their CSR positions (see
 * `forEachEdgeInOrder`).
 */
function csrView(graph: MetricGraph, selfLoops: boolean, order: Int32Array): unknown {
  const { undirected: u } = graph;
  const loops = countSelfLoops(graph, selfLoops);
  const readOnly = (): never => {
    throw new Error('read-only view of the undirected projection');
  };
  return {
    type: 'undirected',
    multi: false,
    order: graph.n,
    size: graph.edges + loops,
    selfLoopCount: loops,
    addUndirectedEdgeWithKey: readOnly,
    dropNode: readOnly,
    setNodeAttribute: readOnly,
    forEachNode(callback: (node: number) => void): void {
      for (const v of order) callback(v);
    },
    undirectedDegreeWithoutSelfLoops(node: number): number {
      return u.offsets[node + 1]! - u.offsets[node]!;
    },
    forEachEdge(callback: (edge: number, attr: null, source: number, target: number) => void) {
      forEachEdgeInOrder(graph, order, selfLoops, (p, v, x) => callback(p, null, v, x));
    },
  };
}

/**
 * Splits every community of `labels` into its connected components in the undirected
 * projection and renumbers them by size (largest first), ties by smallest node index.
 * Returns the new labels, their count and how many input communities were split. O(n + m).
 */
export function splitDisconnected(
  graph: MetricGraph,
  labels: ArrayLike<number>,
): { community: Int32Array; count: number; split: number } {
  const { n, undirected: u } = graph;
  if (labels.length !== n) throw new Error(`partition has ${labels.length} labels for ${n} nodes`);
  const comp = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  // Components found per input label (labels are arbitrary numbers: a map).
  const pieces = new Map<number, number>();
  for (let s = 0; s < n; s++) {
    if (comp[s] !== -1) continue;
    const c = labels[s]!;
    const id = sizes.length;
    pieces.set(c, (pieces.get(c) ?? 0) + 1);
    comp[s] = id;
    queue[0] = s;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      for (let p = u.offsets[v]!; p < u.offsets[v + 1]!; p++) {
        const x = u.nodes[p]!;
        if (comp[x] === -1 && labels[x] === c) {
          comp[x] = id;
          queue[tail++] = x;
        }
      }
    }
    sizes.push(tail);
  }
  let split = 0;
  for (const k of pieces.values()) if (k > 1) split++;
  // Component ids follow their smallest node (nodes are scanned in order), so sorting by size
  // descending, then id, gives the final numbering.
  const byRank = Int32Array.from(sizes.keys()).sort((a, b) => sizes[b]! - sizes[a]! || a - b);
  const rank = new Int32Array(sizes.length);
  for (let r = 0; r < byRank.length; r++) rank[byRank[r]!] = r;
  const community = new Int32Array(n);
  for (let v = 0; v < n; v++) community[v] = rank[comp[v]!]!;
  return { community, count: sizes.length, split };
}

/**
 * Louvain communities of the weighted undirected projection, split into connected parts.
 * Deterministic for a given seed, across processes too. O(m) per pass, a few passes.
 */
export function louvain(graph: MetricGraph, options: LouvainOptions = {}): LouvainResult {
  const seed = options.seed ?? 0;
  const resolution = options.resolution ?? 1;
  const selfLoops = options.selfLoops ?? false;
  const raw = louvainLabels(graph, seed, resolution, selfLoops, options.viaGraphology ?? false);
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
  viaGraphology: boolean,
): Int32Array {
  const { n, undirected: u, selfLoopWeight } = graph;
  const labels = Int32Array.from({ length: n }, (_, v) => v);
  if (graph.edges + countSelfLoops(graph, selfLoops) === 0) return labels;
  // One RNG stream: first the node order, then graphology's own draws.
  const rng = createRng(seed);
  const order = shuffled(n, rng);
  const input = viaGraphology
    ? undirectedGraphology(graph, selfLoops, order)
    : (csrView(graph, selfLoops, order) as UndirectedGraph);
  const result = louvainImpl.detailed(input, {
    rng,
    resolution,
    getEdgeWeight: viaGraphology
      ? 'weight'
      : (edge: unknown) => {
          const p = edge as number;
          return p >= 0 ? u.weights[p]! : selfLoopWeight[-1 - p]!;
        },
  });
  // The last dendrogram level maps the i-th node handed to Louvain to its community.
  const levels = result.dendrogram;
  const last = levels[levels.length - 1]!;
  for (let i = 0; i < n; i++) labels[order[i]!] = last[i]!;
  return labels;
}
