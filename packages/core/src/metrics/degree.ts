/**
 * Degree and strength of every node (Freeman 1978, "Centrality in social networks: conceptual
 * clarification", Social Networks 1(3); strength: Barrat et al. 2004, PNAS 101(11)), in three
 * flavours, so that both "how many partners" and "how many relations" are at hand:
 *
 * - `in` / `out` / `total`: degree of the *simple* directed graph (parallel arcs merged), as
 *   NetworkX's `in_degree` / `out_degree` / `degree` on the DiGraph: `total = in + out`, so a
 *   partner linked both ways counts twice and a self-loop counts once in `in`, once in `out`
 *   and twice in `total`.
 * - `strengthIn` / `strengthOut` / `strengthTotal`: the same with arc weights summed (parallel
 *   arcs included), as NetworkX's `in_degree(weight="weight")` etc.
 * - `relationsIn` / `relationsOut` / `relationsTotal`: the number of relations (arcs of the
 *   multigraph of the view, parallel arcs each counted), as NetworkX's degree on the MultiDiGraph.
 * - `neighbours`: distinct partners in the undirected projection, self excluded (NetworkX's
 *   `degree` on the simple Graph without self-loops; what k-core peels).
 *
 * Not normalised (divide by n − 1 for NetworkX's `degree_centrality`). Cost O(n + m).
 */
import type { Adjacency, MetricGraph } from '../graph/snapshot.js';

export interface DegreeResult {
  /** Distinct in-neighbours (in-arcs of the simple digraph, a self-loop counts 1). */
  in: Int32Array;
  /** Distinct out-neighbours (out-arcs of the simple digraph, a self-loop counts 1). */
  out: Int32Array;
  /** in + out (NetworkX DiGraph `degree`). */
  total: Int32Array;
  /** Summed weight of in-arcs. */
  strengthIn: Float64Array;
  /** Summed weight of out-arcs. */
  strengthOut: Float64Array;
  /** strengthIn + strengthOut. */
  strengthTotal: Float64Array;
  /** Number of incoming relations (multigraph arcs, parallel ones counted). */
  relationsIn: Int32Array;
  /** Number of outgoing relations (multigraph arcs, parallel ones counted). */
  relationsOut: Int32Array;
  /** relationsIn + relationsOut. */
  relationsTotal: Int32Array;
  /** Distinct partners in either direction, self excluded (undirected projection degree). */
  neighbours: Int32Array;
}

function sides(n: number, a: Adjacency) {
  const degree = new Int32Array(n);
  const strength = new Float64Array(n);
  const relations = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    const start = a.offsets[u]!;
    const end = a.offsets[u + 1]!;
    degree[u] = end - start;
    let s = 0;
    let c = 0;
    for (let k = start; k < end; k++) {
      s += a.weights[k]!;
      c += a.counts[k]!;
    }
    strength[u] = s;
    relations[u] = c;
  }
  return { degree, strength, relations };
}

/** All degree variants of every node; see the module comment. */
export function degree(graph: MetricGraph): DegreeResult {
  const { n } = graph;
  const i = sides(n, graph.in);
  const o = sides(n, graph.out);
  const total = new Int32Array(n);
  const strengthTotal = new Float64Array(n);
  const relationsTotal = new Int32Array(n);
  const neighbours = new Int32Array(n);
  for (let u = 0; u < n; u++) {
    total[u] = i.degree[u]! + o.degree[u]!;
    strengthTotal[u] = i.strength[u]! + o.strength[u]!;
    relationsTotal[u] = i.relations[u]! + o.relations[u]!;
    neighbours[u] = graph.undirected.offsets[u + 1]! - graph.undirected.offsets[u]!;
  }
  return {
    in: i.degree,
    out: o.degree,
    total,
    strengthIn: i.strength,
    strengthOut: o.strength,
    strengthTotal,
    relationsIn: i.relations,
    relationsOut: o.relations,
    relationsTotal,
    neighbours,
  };
}
