/**
 * The metric snapshot: the *simple* directed graph of a view, which every network metric runs
 * on, and its undirected projection. Built once per analysis from the compact graph.
 *
 * Conventions (DESIGN §2, and what NetworkX does when a multigraph becomes a DiGraph / Graph):
 * - parallel arcs u→v of the view are merged into one arc whose weight is their sum;
 * - self-loops stay in the directed adjacency (PageRank follows them) and are kept apart in the
 *   undirected projection (`selfLoopWeight`), which has none;
 * - the undirected projection merges u→v and v→u into one edge {u,v} with the summed weight;
 * - every adjacency list is sorted by node index, so results never depend on input order.
 * Everything is in typed arrays; building costs O(n + m) time (two counting sorts).
 */
import type { CompactGraph, GraphView } from './compact.js';
import { buildCompactGraph } from './compact.js';
import type { Dataset } from './types.js';

export interface Adjacency {
  /** Neighbours of node u are positions offsets[u] .. offsets[u+1]-1. */
  offsets: Int32Array;
  nodes: Int32Array;
  weights: Float64Array;
  /** How many arcs of the view were merged into each entry (parallel / opposite arcs). */
  counts: Int32Array;
}

export interface MetricGraph {
  /** Nodes; node u is company `companyOf[u]` of the dataset (or u itself for a bare edge set). */
  n: number;
  /** Distinct directed arcs (parallel arcs merged), self-loops included. */
  arcs: number;
  companyOf: Int32Array;
  /** Out-arcs, sorted by target. */
  out: Adjacency;
  /** In-arcs, sorted by source (the transpose of `out`). */
  in: Adjacency;
  /** Undirected projection without self-loops: each edge {u,v} appears at u and at v. */
  undirected: Adjacency;
  /** Distinct undirected edges (each counted once). */
  edges: number;
  /** Summed weight of the self-loops of each node (0 when none). */
  selfLoopWeight: Float64Array;
}

/**
 * Sorts arcs (s[i], t[i], w[i]) by source then target with two stable counting sorts and
 * merges duplicates, returning the CSR keyed by `s`.
 */
function simpleCsr(
  n: number,
  s: ArrayLike<number>,
  t: ArrayLike<number>,
  w: ArrayLike<number>,
): Adjacency {
  const m = s.length;
  // Pass 1: order arc ids by target (counting sort).
  const byTarget = new Int32Array(m);
  const count = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) count[t[i]! + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  for (let i = 0; i < m; i++) byTarget[count[t[i]!]!++] = i;
  // Pass 2: stable counting sort of those ids by source: targets ascend within a source.
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < m; i++) offsets[s[i]! + 1]!++;
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const next = offsets.slice(0, n);
  const order = new Int32Array(m);
  for (const i of byTarget) order[next[s[i]!]!++] = i;
  // Merge runs of equal (source, target).
  const nodes = new Int32Array(m);
  const weights = new Float64Array(m);
  const counts = new Int32Array(m);
  const merged = new Int32Array(n + 1);
  let k = 0;
  for (let u = 0; u < n; u++) {
    let last = -1;
    for (let p = offsets[u]!; p < offsets[u + 1]!; p++) {
      const i = order[p]!;
      const v = t[i]!;
      if (v === last) {
        weights[k - 1]! += w[i]!;
        counts[k - 1]!++;
      } else {
        nodes[k] = v;
        weights[k] = w[i]!;
        counts[k] = 1;
        k++;
        last = v;
      }
    }
    merged[u + 1] = k;
  }
  return {
    offsets: merged,
    nodes: nodes.slice(0, k),
    weights: weights.slice(0, k),
    counts: counts.slice(0, k),
  };
}

/** The transpose of a CSR (in-arcs from out-arcs); sorted because sources are visited in order. */
function transpose(n: number, a: Adjacency): Adjacency {
  const m = a.nodes.length;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) offsets[a.nodes[k]! + 1]!++;
  for (let v = 0; v < n; v++) offsets[v + 1]! += offsets[v]!;
  const next = offsets.slice(0, n);
  const nodes = new Int32Array(m);
  const weights = new Float64Array(m);
  const counts = new Int32Array(m);
  for (let u = 0; u < n; u++) {
    for (let k = a.offsets[u]!; k < a.offsets[u + 1]!; k++) {
      const p = next[a.nodes[k]!]!++;
      nodes[p] = u;
      weights[p] = a.weights[k]!;
      counts[p] = a.counts[k]!;
    }
  }
  return { offsets, nodes, weights, counts };
}

/** Merge-joins the sorted out- and in-lists of each node, dropping self-loops. */
function undirectedOf(n: number, out: Adjacency, inn: Adjacency, selfLoopWeight: Float64Array) {
  const offsets = new Int32Array(n + 1);
  const cap = out.nodes.length + inn.nodes.length;
  const nodes = new Int32Array(cap);
  const weights = new Float64Array(cap);
  const counts = new Int32Array(cap);
  let k = 0;
  for (let u = 0; u < n; u++) {
    let i = out.offsets[u]!;
    const iEnd = out.offsets[u + 1]!;
    let j = inn.offsets[u]!;
    const jEnd = inn.offsets[u + 1]!;
    while (i < iEnd || j < jEnd) {
      const a = i < iEnd ? out.nodes[i]! : Infinity;
      const b = j < jEnd ? inn.nodes[j]! : Infinity;
      let v: number;
      let w = 0;
      let c = 0;
      if (a <= b) {
        v = a;
        c += out.counts[i]!;
        w += out.weights[i++]!;
        if (b === a) {
          c += inn.counts[j]!;
          w += inn.weights[j++]!;
        }
      } else {
        v = b;
        c += inn.counts[j]!;
        w += inn.weights[j++]!;
      }
      if (v === u) {
        // A self-loop appears once in out and once in in: count its weight once.
        selfLoopWeight[u] = w / 2;
        continue;
      }
      nodes[k] = v;
      weights[k] = w;
      counts[k] = c;
      k++;
    }
    offsets[u + 1] = k;
  }
  return {
    offsets,
    nodes: nodes.slice(0, k),
    weights: weights.slice(0, k),
    counts: counts.slice(0, k),
  };
}

/**
 * Builds the metric snapshot of arcs over nodes 0..n-1 (for bare edge sets, tests and
 * benchmarks). Weights default to 1.
 */
export function metricGraphFromArcs(
  n: number,
  sources: ArrayLike<number>,
  targets: ArrayLike<number>,
  weights?: ArrayLike<number>,
  companyOf?: Int32Array,
): MetricGraph {
  const w = weights ?? new Float64Array(sources.length).fill(1);
  const out = simpleCsr(n, sources, targets, w);
  const inn = transpose(n, out);
  const selfLoopWeight = new Float64Array(n);
  const undirected = undirectedOf(n, out, inn, selfLoopWeight);
  return {
    n,
    arcs: out.nodes.length,
    companyOf: companyOf ?? Int32Array.from({ length: n }, (_, i) => i),
    out,
    in: inn,
    undirected,
    edges: undirected.nodes.length / 2,
    selfLoopWeight,
  };
}

/** The metric snapshot of a compact graph (its view's nodes, in the same local numbering). */
export function metricGraphFromCompact(compact: CompactGraph): MetricGraph {
  const sources = new Int32Array(compact.m);
  for (let u = 0; u < compact.n; u++) {
    sources.fill(u, compact.outOffsets[u]!, compact.outOffsets[u + 1]!);
  }
  return metricGraphFromArcs(
    compact.n,
    sources,
    compact.outTargets,
    compact.outWeights,
    compact.companyOf,
  );
}

/** The metric snapshot of a dataset view: relation types and, optionally, a cluster. */
export function buildMetricGraph(dataset: Dataset, view: GraphView = {}): MetricGraph {
  return metricGraphFromCompact(buildCompactGraph(dataset, view));
}
