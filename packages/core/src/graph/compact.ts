/**
 * The compact graph: an immutable integer snapshot of a dataset's relations (CSR in typed
 * arrays), the structure every metric and chain analysis runs on. It is built straight from
 * the relation columns, never through a graphology graph, so a view over millions of edges
 * costs a few typed arrays.
 *
 * A *view* selects relation types and, optionally, a cluster of companies. Nodes of the view
 * are numbered 0..n-1 in ascending company index; `companyOf` and `localOf` translate.
 */
import type { Dataset, RelationType } from './types.js';
import { relationTypeCode } from './types.js';

export interface GraphView {
  /** Relation types to keep; every type when omitted. */
  types?: readonly RelationType[];
  /** Company indices to keep (a cluster); every company when omitted. */
  nodes?: ArrayLike<number>;
  /**
   * Per company index, 1 to keep the relations that touch it: only relations with at least one
   * end flagged are kept (the nodes stay as `nodes` says). A cluster's chain analysis needs the
   * edges of its own companies only — their in- and out-edges are then complete — and at national
   * scale that is a few million of fifty.
   */
  touching?: ArrayLike<number>;
}

export interface CompactGraph {
  /** Nodes in the view. */
  n: number;
  /** Directed edges in the view (parallel edges kept, one per relation row). */
  m: number;
  /** Local node index → company index in the dataset. */
  companyOf: Int32Array;
  /** Company index → local node index, or −1 when the company is outside the view. */
  localOf: Int32Array;
  /** Out-adjacency: edges of node u are positions outOffsets[u] .. outOffsets[u+1]-1. */
  outOffsets: Int32Array;
  outTargets: Int32Array;
  outWeights: Float64Array;
  /** Relation row (index into the dataset's relation table) of each out-edge position. */
  outRelations: Int32Array;
  /** In-adjacency, the mirror of the out-adjacency. */
  inOffsets: Int32Array;
  inSources: Int32Array;
  inWeights: Float64Array;
  inRelations: Int32Array;
}

/**
 * The nodes of a view, numbered in ascending company index: `localOf` (company → local node,
 * −1 outside the view), `companyOf` (allocated by `alloc`), the mask of its relation types, and
 * its `touching` flags checked against the company count. Shared by the compact graph and the
 * metric snapshot, so that both number a view alike.
 */
export function viewSelection(
  companyCount: number,
  view: GraphView,
  alloc: (n: number) => Int32Array = (n) => new Int32Array(n),
): { localOf: Int32Array; companyOf: Int32Array; typeMask: number } {
  const localOf = new Int32Array(companyCount).fill(-1);
  let companyOf: Int32Array;
  if (view.nodes) {
    const sorted = Int32Array.from(view.nodes).sort();
    let n = 0;
    for (const c of sorted) {
      if (c < 0 || c >= companyCount) throw new RangeError(`view node ${c} is not a company index`);
      if (localOf[c] === -1) localOf[c] = n++;
    }
    companyOf = alloc(n);
    for (let c = 0; c < companyCount; c++) if (localOf[c]! >= 0) companyOf[localOf[c]!] = c;
  } else {
    companyOf = alloc(companyCount);
    for (let c = 0; c < companyCount; c++) {
      companyOf[c] = c;
      localOf[c] = c;
    }
  }
  let typeMask = 0xff;
  if (view.types) {
    typeMask = 0;
    for (const t of view.types) typeMask |= 1 << relationTypeCode(t);
  }
  const touching = view.touching;
  if (touching && touching.length !== companyCount) {
    throw new RangeError(`touching has ${touching.length} entries for ${companyCount} companies`);
  }
  return { localOf, companyOf, typeMask };
}

/** Builds the CSR snapshot of a dataset's relations for a view. O(companies + relations). */
export function buildCompactGraph(dataset: Dataset, view: GraphView = {}): CompactGraph {
  const companyCount = dataset.companies.ids.length;
  const rel = dataset.relations;
  const relCount = rel.source.length;
  const { localOf, companyOf, typeMask } = viewSelection(companyCount, view);
  const n = companyOf.length;

  // Every company a node: local = company index, so skip the look-ups (two random reads per
  // relation and pass: at 50M relations a third of the build).
  const identity = !view.nodes;
  const touching = view.touching;
  // Pass 1: count kept edges per endpoint (counting sort keeps relation-row order per node).
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  let m = 0;
  for (let r = 0; r < relCount; r++) {
    if (((1 << rel.type[r]!) & typeMask) === 0) continue;
    if (touching && !touching[rel.source[r]!] && !touching[rel.target[r]!]) continue;
    const s = identity ? rel.source[r]! : localOf[rel.source[r]!]!;
    const t = identity ? rel.target[r]! : localOf[rel.target[r]!]!;
    if (s < 0 || t < 0) continue;
    outOffsets[s + 1]!++;
    inOffsets[t + 1]!++;
    m++;
  }
  for (let u = 0; u < n; u++) {
    outOffsets[u + 1]! += outOffsets[u]!;
    inOffsets[u + 1]! += inOffsets[u]!;
  }

  // Pass 2: fill.
  const outTargets = new Int32Array(m);
  const outWeights = new Float64Array(m);
  const outRelations = new Int32Array(m);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  const inRelations = new Int32Array(m);
  const outNext = outOffsets.slice(0, n);
  const inNext = inOffsets.slice(0, n);
  for (let r = 0; r < relCount; r++) {
    if (((1 << rel.type[r]!) & typeMask) === 0) continue;
    if (touching && !touching[rel.source[r]!] && !touching[rel.target[r]!]) continue;
    const s = identity ? rel.source[r]! : localOf[rel.source[r]!]!;
    const t = identity ? rel.target[r]! : localOf[rel.target[r]!]!;
    if (s < 0 || t < 0) continue;
    const w = rel.weight[r]!;
    const o = outNext[s]!++;
    outTargets[o] = t;
    outWeights[o] = w;
    outRelations[o] = r;
    const i = inNext[t]!++;
    inSources[i] = s;
    inWeights[i] = w;
    inRelations[i] = r;
  }

  return {
    n,
    m,
    companyOf,
    localOf,
    outOffsets,
    outTargets,
    outWeights,
    outRelations,
    inOffsets,
    inSources,
    inWeights,
    inRelations,
  };
}

/**
 * The view of `graph` restricted to some of its companies: the same result as
 * `buildCompactGraph(dataset, { types, nodes })` with `graph`'s types, bit for bit (edges per node
 * stay in relation-row order), but built from `graph`'s adjacency of those nodes alone — O(nodes'
 * edges) instead of two passes over every relation of the dataset. Companies that are not nodes
 * of `graph` are kept as nodes without edges. Chain analyses take their cluster's views this way
 * from the context's supply graph.
 */
export function inducedCompactGraph(graph: CompactGraph, nodes: ArrayLike<number>): CompactGraph {
  const companyCount = graph.localOf.length;
  const localOf = new Int32Array(companyCount).fill(-1);
  const sorted = Int32Array.from(nodes).sort();
  let n = 0;
  for (const c of sorted) {
    if (c < 0 || c >= companyCount) throw new RangeError(`view node ${c} is not a company index`);
    if (localOf[c] === -1) localOf[c] = n++;
  }
  const companyOf = new Int32Array(n);
  // parent node → sub node, and sub node → parent node (−1 when not in the parent).
  const sub = new Int32Array(graph.n).fill(-1);
  const parentOf = new Int32Array(n);
  for (let c = 0, i = 0; c < companyCount && i < n; c++) {
    if (localOf[c] === -1) continue;
    companyOf[i] = c;
    const u = graph.localOf[c]!;
    parentOf[i] = u;
    if (u >= 0) sub[u] = i;
    i++;
  }
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) {
    const u = parentOf[i]!;
    let out = 0;
    let into = 0;
    if (u >= 0) {
      for (let p = graph.outOffsets[u]!; p < graph.outOffsets[u + 1]!; p++) {
        if (sub[graph.outTargets[p]!]! >= 0) out++;
      }
      for (let p = graph.inOffsets[u]!; p < graph.inOffsets[u + 1]!; p++) {
        if (sub[graph.inSources[p]!]! >= 0) into++;
      }
    }
    outOffsets[i + 1] = outOffsets[i]! + out;
    inOffsets[i + 1] = inOffsets[i]! + into;
  }
  const m = outOffsets[n]!;
  const outTargets = new Int32Array(m);
  const outWeights = new Float64Array(m);
  const outRelations = new Int32Array(m);
  const inSources = new Int32Array(m);
  const inWeights = new Float64Array(m);
  const inRelations = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const u = parentOf[i]!;
    if (u < 0) continue;
    let o = outOffsets[i]!;
    for (let p = graph.outOffsets[u]!; p < graph.outOffsets[u + 1]!; p++) {
      const t = sub[graph.outTargets[p]!]!;
      if (t < 0) continue;
      outTargets[o] = t;
      outWeights[o] = graph.outWeights[p]!;
      outRelations[o++] = graph.outRelations[p]!;
    }
    let k = inOffsets[i]!;
    for (let p = graph.inOffsets[u]!; p < graph.inOffsets[u + 1]!; p++) {
      const s = sub[graph.inSources[p]!]!;
      if (s < 0) continue;
      inSources[k] = s;
      inWeights[k] = graph.inWeights[p]!;
      inRelations[k++] = graph.inRelations[p]!;
    }
  }
  return {
    n,
    m,
    companyOf,
    localOf,
    outOffsets,
    outTargets,
    outWeights,
    outRelations,
    inOffsets,
    inSources,
    inWeights,
    inRelations,
  };
}

/** Out-degree (number of out-edges, parallel edges counted) of local node u. */
export function outDegree(graph: CompactGraph, u: number): number {
  return graph.outOffsets[u + 1]! - graph.outOffsets[u]!;
}

/** In-degree (number of in-edges, parallel edges counted) of local node u. */
export function inDegree(graph: CompactGraph, u: number): number {
  return graph.inOffsets[u + 1]! - graph.inOffsets[u]!;
}
