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

/** Builds the CSR snapshot of a dataset's relations for a view. O(companies + relations). */
export function buildCompactGraph(dataset: Dataset, view: GraphView = {}): CompactGraph {
  const companyCount = dataset.companies.ids.length;
  const rel = dataset.relations;
  const relCount = rel.source.length;

  const localOf = new Int32Array(companyCount).fill(-1);
  let companyOf: Int32Array;
  if (view.nodes) {
    const sorted = Int32Array.from(view.nodes).sort();
    let n = 0;
    for (const c of sorted) {
      if (c < 0 || c >= companyCount) throw new RangeError(`view node ${c} is not a company index`);
      if (localOf[c] === -1) localOf[c] = n++;
    }
    companyOf = new Int32Array(n);
    for (let c = 0; c < companyCount; c++) if (localOf[c]! >= 0) companyOf[localOf[c]!] = c;
  } else {
    companyOf = new Int32Array(companyCount);
    for (let c = 0; c < companyCount; c++) {
      companyOf[c] = c;
      localOf[c] = c;
    }
  }
  const n = companyOf.length;

  let typeMask = 0xff;
  if (view.types) {
    typeMask = 0;
    for (const t of view.types) typeMask |= 1 << relationTypeCode(t);
  }

  // Pass 1: count kept edges per endpoint (counting sort keeps relation-row order per node).
  const outOffsets = new Int32Array(n + 1);
  const inOffsets = new Int32Array(n + 1);
  let m = 0;
  for (let r = 0; r < relCount; r++) {
    if (((1 << rel.type[r]!) & typeMask) === 0) continue;
    const s = localOf[rel.source[r]!]!;
    const t = localOf[rel.target[r]!]!;
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
    const s = localOf[rel.source[r]!]!;
    const t = localOf[rel.target[r]!]!;
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

/** Out-degree (number of out-edges, parallel edges counted) of local node u. */
export function outDegree(graph: CompactGraph, u: number): number {
  return graph.outOffsets[u + 1]! - graph.outOffsets[u]!;
}

/** In-degree (number of in-edges, parallel edges counted) of local node u. */
export function inDegree(graph: CompactGraph, u: number): number {
  return graph.inOffsets[u + 1]! - graph.inOffsets[u]!;
}
