/**
 * Core numbers (k-core decomposition; Seidman 1983, "Network structure and minimum degree",
 * Social Networks 5(3)) by the O(n + m) bucket algorithm of Batagelj & Zaversnik 2003, "An O(m)
 * algorithm for cores decomposition of networks" (arXiv cs/0310049), as `nx.core_number`.
 *
 * The core number of a node is the largest k such that it belongs to a subgraph where every node
 * has at least k neighbours.
 *
 * - Direction: none — the undirected projection (u→v and v→u are one edge; parallel arcs one
 *   edge; self-loops ignored, which NetworkX requires removed). This equals
 *   `nx.core_number(nx.Graph(G))` with self-loops removed; note that NetworkX on a *DiGraph*
 *   instead uses in + out degree (a two-way pair counted twice).
 * - Weighting: none (degree counts distinct neighbours).
 * - Cost: O(n + m) time, four Int32Arrays of n.
 */
import type { MetricGraph } from '../graph/snapshot.js';

/** Core number of every node of the undirected projection. */
export function coreNumber(graph: MetricGraph): Int32Array {
  const { n } = graph;
  const { offsets, nodes } = graph.undirected;
  const deg = new Int32Array(n);
  let maxDeg = 0;
  for (let v = 0; v < n; v++) {
    const d = offsets[v + 1]! - offsets[v]!;
    deg[v] = d;
    if (d > maxDeg) maxDeg = d;
  }
  // bin[d] = first position of degree-d nodes in `vert` (nodes sorted by current degree).
  const bin = new Int32Array(maxDeg + 2);
  for (let v = 0; v < n; v++) bin[deg[v]! + 1]!++;
  for (let d = 0; d <= maxDeg; d++) bin[d + 1]! += bin[d]!;
  const vert = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const p = bin[deg[v]!]!++;
    pos[v] = p;
    vert[p] = v;
  }
  // Restore bin starts (they were advanced while placing).
  for (let d = maxDeg; d > 0; d--) bin[d] = bin[d - 1]!;
  bin[0] = 0;
  for (let i = 0; i < n; i++) {
    const v = vert[i]!;
    const dv = deg[v]!;
    for (let k = offsets[v]!; k < offsets[v + 1]!; k++) {
      const u = nodes[k]!;
      const du = deg[u]!;
      if (du > dv) {
        // Move u to the front of its bucket, then shrink the bucket by one: deg[u]--.
        const pu = pos[u]!;
        const pw = bin[du]!;
        const w = vert[pw]!;
        if (u !== w) {
          pos[u] = pw;
          vert[pu] = w;
          pos[w] = pu;
          vert[pw] = u;
        }
        bin[du]!++;
        deg[u] = du - 1;
      }
    }
  }
  return deg;
}
