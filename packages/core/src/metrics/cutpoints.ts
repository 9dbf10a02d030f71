/**
 * Cut points of the undirected view: articulation points (nodes whose removal disconnects their
 * component) and bridges (edges whose removal does), by Hopcroft & Tarjan's low-link depth-first
 * search (Hopcroft & Tarjan 1973, "Algorithm 447: efficient algorithms for graph manipulation",
 * CACM 16(6)), iterative with an explicit stack of (node, next-edge) frames.
 *
 * - Direction: ignored (the undirected projection; self-loops play no part).
 * - Multiplicity: bridges are those of the undirected *multigraph* of the view, so an edge {u,v}
 *   that merges two or more arcs (parallel arcs u→v, or u→v and v→u: `counts` > 1) is never a
 *   bridge — removing one of its arcs leaves the other. Articulation points do not depend on it.
 * - Matches NetworkX's `articulation_points` and `bridges` (on the MultiGraph).
 * - The same search also gives what each cut leaves behind, from DFS subtree sizes: the pieces
 *   an articulation point's component falls into without it (each child subtree whose low-link
 *   does not climb above it, plus the rest of the component outside its subtree) and the two
 *   sides of each bridge (the child's subtree and the rest) — no search per cut point.
 * - O(n + m) time, O(n) memory.
 */
import type { Adjacency } from '../graph/snapshot.js';

export interface CutPointsResult {
  /** 1 for an articulation point, else 0, per node. */
  isArticulation: Uint8Array;
  /** The articulation points, ascending. */
  articulationPoints: Int32Array;
  /** 1 at both positions (u→v at u, v→u at v) of every bridge in `graph.undirected`. */
  isBridge: Uint8Array;
  /** Bridges as pairs (bridgeSources[i], bridgeTargets[i]), source < target, sorted. */
  bridgeSources: Int32Array;
  bridgeTargets: Int32Array;
  /**
   * The pieces of articulation point i's connected component once it is removed: their sizes are
   * `pieceSizes[pieceOffsets[i] .. pieceOffsets[i + 1])`, largest first (sum + 1 = the component).
   */
  pieceOffsets: Int32Array;
  pieceSizes: Int32Array;
  /**
   * The two sides of bridge i once it is removed: `bridgeSides[2i]` nodes on `bridgeSources[i]`'s
   * side, `bridgeSides[2i + 1]` on `bridgeTargets[i]`'s.
   */
  bridgeSides: Int32Array;
}

/**
 * Articulation points and bridges of the undirected projection (`graph.undirected`, whose
 * `counts` give each edge's multiplicity). See the module notes.
 */
export function cutPoints(graph: {
  n: number;
  undirected: Pick<Adjacency, 'offsets' | 'nodes' | 'counts'>;
}): CutPointsResult {
  const { n } = graph;
  const { offsets, nodes, counts } = graph.undirected;
  const disc = new Int32Array(n).fill(-1);
  const low = new Int32Array(n);
  const parentPos = new Int32Array(n).fill(-1); // position of the tree edge parent→v
  const frames = new Int32Array(n);
  const next = new Int32Array(n);
  const isArticulation = new Uint8Array(n);
  const isBridge = new Uint8Array(nodes.length);
  const bridgeKeys: number[] = [];
  /** The child end of each bridge (a tree edge parent → child), in `bridgeKeys` order. */
  const bridgeChild: number[] = [];
  /** Nodes in each node's DFS subtree; the root's is its component's size. */
  const subtree = new Int32Array(n);
  const rootOf = new Int32Array(n);
  /** (u, size) pairs: a subtree of u's child that u's removal cuts off. */
  const cutOffParent: number[] = [];
  const cutOffSize: number[] = [];
  let time = 0;
  for (let r = 0; r < n; r++) {
    if (disc[r]! >= 0) continue;
    disc[r] = low[r] = time++;
    subtree[r] = 1;
    rootOf[r] = r;
    frames[0] = r;
    next[0] = offsets[r]!;
    let depth = 1;
    let rootChildren = 0;
    while (depth > 0) {
      const v = frames[depth - 1]!;
      const parent = depth > 1 ? frames[depth - 2]! : -1;
      const end = offsets[v + 1]!;
      let p = next[depth - 1]!;
      let lowV = low[v]!;
      let descended = false;
      for (; p < end; p++) {
        const w = nodes[p]!;
        const dw = disc[w]!;
        if (dw < 0) {
          next[depth - 1] = p + 1;
          low[v] = lowV;
          disc[w] = low[w] = time++;
          subtree[w] = 1;
          rootOf[w] = r;
          parentPos[w] = p;
          frames[depth] = w;
          next[depth] = offsets[w]!;
          depth++;
          if (v === r) rootChildren++;
          descended = true;
          break;
        }
        // The projection is simple: the only edge back to the parent is the tree edge.
        if (w !== parent && dw < lowV) lowV = dw;
      }
      if (descended) continue;
      low[v] = lowV;
      depth--;
      if (depth > 0) {
        const u = frames[depth - 1]!;
        if (lowV < low[u]!) low[u] = lowV;
        subtree[u] = subtree[u]! + subtree[v]!;
        const du = disc[u]!;
        if (lowV >= du) {
          // v's subtree hangs on u alone (for the root: always): a piece if u is a cut point.
          if (u !== r) isArticulation[u] = 1;
          cutOffParent.push(u);
          cutOffSize.push(subtree[v]!);
        }
        const pos = parentPos[v]!;
        if (lowV > du && counts[pos]! === 1) {
          isBridge[pos] = 1;
          bridgeKeys.push(u < v ? u * n + v : v * n + u);
          bridgeChild.push(v);
        }
      }
    }
    if (rootChildren > 1) isArticulation[r] = 1;
  }
  // Mark the twin position v→u of each bridge u→v found on the tree edge.
  const bridgeSources = new Int32Array(bridgeKeys.length);
  const bridgeTargets = new Int32Array(bridgeKeys.length);
  const bridgeSides = new Int32Array(2 * bridgeKeys.length);
  const byKey = Int32Array.from(bridgeKeys, (_, i) => i).sort(
    (x, y) => bridgeKeys[x]! - bridgeKeys[y]!,
  );
  for (let i = 0; i < byKey.length; i++) {
    const key = bridgeKeys[byKey[i]!]!;
    const a = Math.floor(key / n);
    const b = key - a * n;
    bridgeSources[i] = a;
    bridgeTargets[i] = b;
    const child = bridgeChild[byKey[i]!]!;
    const below = subtree[child]!;
    const rest = subtree[rootOf[child]!]! - below;
    bridgeSides[2 * i] = a === child ? below : rest;
    bridgeSides[2 * i + 1] = a === child ? rest : below;
    for (const [x, y] of [
      [a, b],
      [b, a],
    ] as const) {
      let lo = offsets[x]!;
      let hi = offsets[x + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (nodes[mid]! < y) lo = mid + 1;
        else hi = mid;
      }
      isBridge[lo] = 1;
    }
  }
  let points = 0;
  for (let u = 0; u < n; u++) points += isArticulation[u]!;
  const articulationPoints = new Int32Array(points);
  for (let u = 0, i = 0; u < n; u++) if (isArticulation[u]) articulationPoints[i++] = u;

  // Pieces per articulation point: its cut-off child subtrees, plus (below the root) the rest
  // of the component — its ancestors and the child subtrees that climb above it — which stays
  // joined through u's parent: component − 1 − the cut-off subtrees.
  const slot = new Int32Array(n).fill(-1);
  articulationPoints.forEach((u, i) => (slot[u] = i));
  const pieceOffsets = new Int32Array(points + 1);
  const cutOffTotal = new Int32Array(points);
  for (let j = 0; j < cutOffParent.length; j++) {
    const i = slot[cutOffParent[j]!]!;
    if (i < 0) continue;
    pieceOffsets[i + 1] = pieceOffsets[i + 1]! + 1;
    cutOffTotal[i] = cutOffTotal[i]! + cutOffSize[j]!;
  }
  const rest = (u: number) =>
    rootOf[u] === u ? 0 : subtree[rootOf[u]!]! - 1 - cutOffTotal[slot[u]!]!;
  for (const u of articulationPoints) {
    if (rest(u) > 0) pieceOffsets[slot[u]! + 1] = pieceOffsets[slot[u]! + 1]! + 1;
  }
  for (let i = 0; i < points; i++) pieceOffsets[i + 1] = pieceOffsets[i + 1]! + pieceOffsets[i]!;
  const pieceSizes = new Int32Array(pieceOffsets[points]!);
  const fill = pieceOffsets.slice(0, points);
  for (let j = 0; j < cutOffParent.length; j++) {
    const i = slot[cutOffParent[j]!]!;
    if (i >= 0) pieceSizes[fill[i]!++] = cutOffSize[j]!;
  }
  for (const u of articulationPoints) if (rest(u) > 0) pieceSizes[fill[slot[u]!]!++] = rest(u);
  for (let i = 0; i < points; i++) {
    pieceSizes
      .subarray(pieceOffsets[i]!, pieceOffsets[i + 1]!)
      .sort()
      .reverse();
  }
  return {
    isArticulation,
    articulationPoints,
    isBridge,
    bridgeSources,
    bridgeTargets,
    pieceOffsets,
    pieceSizes,
    bridgeSides,
  };
}
