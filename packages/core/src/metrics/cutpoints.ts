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
  let time = 0;
  for (let r = 0; r < n; r++) {
    if (disc[r]! >= 0) continue;
    disc[r] = low[r] = time++;
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
        const du = disc[u]!;
        if (u !== r && lowV >= du) isArticulation[u] = 1;
        const pos = parentPos[v]!;
        if (lowV > du && counts[pos]! === 1) {
          isBridge[pos] = 1;
          bridgeKeys.push(u < v ? u * n + v : v * n + u);
        }
      }
    }
    if (rootChildren > 1) isArticulation[r] = 1;
  }
  // Mark the twin position v→u of each bridge u→v found on the tree edge.
  const bridgeSources = new Int32Array(bridgeKeys.length);
  const bridgeTargets = new Int32Array(bridgeKeys.length);
  const keys = Float64Array.from(bridgeKeys).sort();
  for (let i = 0; i < keys.length; i++) {
    const a = Math.floor(keys[i]! / n);
    const b = keys[i]! - a * n;
    bridgeSources[i] = a;
    bridgeTargets[i] = b;
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
  return { isArticulation, articulationPoints, isBridge, bridgeSources, bridgeTargets };
}
