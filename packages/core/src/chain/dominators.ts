/**
 * Multi-tier single points of failure (DESIGN §3, anchors.md §3.3): the dominator tree of the
 * cluster's supply view. A virtual source σ stands for "where supply enters the cluster"; d
 * dominates v when every supply path σ → … → v passes through d. The number of companies d
 * dominates (its dominator subtree size − 1) is how many firms depend on d at some tier with no
 * way around it inside the cluster; stronger than articulation points, which ignore direction.
 *
 * Graph: the cluster's companies (or only its chain firms, `nodes: 'chain'`) and the supply
 * edges u → v between them (u ≠ v; parallel edges are one). σ has an edge to every root:
 * - `roots: 'upstream-or-sourceless'` (default): a company holding a segment of stage
 *   `upstream` or a source segment of the template (one no feed enters), or a company with no
 *   supplier in the graph (its supply comes from outside the cluster);
 * - `'upstream'`: only the first kind; `'sourceless'`: only the second.
 * Companies that σ cannot reach (e.g. a supply cycle with no root in it) have no dominator and
 * are reported as unreachable. Besides `dominated` (subtree size − 1), `chainDominated` counts
 * the chain firms (companies holding a segment) among them: with `nodes: 'cluster'` supply paths
 * may run through companies outside the chain, but a chain report cares about the chain firms.
 *
 * Algorithm: Cooper, Harvey & Kennedy (2001), "A simple, fast dominance algorithm": iterate
 * idom(b) = intersect over processed predecessors in reverse postorder until stable, with an
 * iterative DFS (no recursion on graph depth). Subtree sizes by one pass in reverse postorder.
 */
import type { ChainContext } from './context.js';
import { chainFirms, isInferredRelation } from './context.js';
import type { SupplyEdgeProvenance } from './cascade.js';
import { compareIds } from './cascade.js';
import { segmentsOf } from './membership.js';

export interface DominatorTree {
  /**
   * Immediate dominator of each node: a node number, −1 when it is σ, −2 when the node is
   * unreachable from σ.
   */
  idom: Int32Array;
  /** Nodes each node dominates, itself excluded (subtree size − 1); 0 when unreachable. */
  dominated: Int32Array;
  /** Reachable nodes in reverse postorder of the DFS from σ (roots in the order given). */
  order: Int32Array;
}

/**
 * Dominator tree of a directed graph over nodes 0..n-1 (out-adjacency CSR `offsets`/`targets`)
 * below a virtual source σ with an edge to each of `roots`. Cooper–Harvey–Kennedy; iterative.
 */
export function dominatorTree(
  n: number,
  offsets: ArrayLike<number>,
  targets: ArrayLike<number>,
  roots: ArrayLike<number>,
): DominatorTree {
  const SIGMA = n;
  // Iterative DFS from σ for the postorder.
  const post = new Int32Array(n + 1).fill(-1); // postorder number
  const visited = new Uint8Array(n + 1);
  const postorder: number[] = [];
  const stack: number[] = [SIGMA];
  const cursor = new Int32Array(n + 1);
  visited[SIGMA] = 1;
  const succCount = (v: number) => (v === SIGMA ? roots.length : offsets[v + 1]! - offsets[v]!);
  const succ = (v: number, i: number) => (v === SIGMA ? roots[i]! : targets[offsets[v]! + i]!);
  while (stack.length > 0) {
    const v = stack[stack.length - 1]!;
    if (cursor[v]! < succCount(v)) {
      const w = succ(v, cursor[v]!++);
      if (!visited[w]) {
        visited[w] = 1;
        stack.push(w);
      }
    } else {
      stack.pop();
      post[v] = postorder.length;
      postorder.push(v);
    }
  }
  // Predecessors (reachable ones only matter), σ included.
  const predOffsets = new Int32Array(n + 2);
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) predOffsets[targets[e]! + 1]!++;
  }
  for (let i = 0; i < roots.length; i++) predOffsets[roots[i]! + 1]!++;
  for (let v = 0; v <= n; v++) predOffsets[v + 1]! += predOffsets[v]!;
  const preds = new Int32Array(predOffsets[n + 1]!);
  const fill = predOffsets.slice(0, n + 1);
  for (let v = 0; v < n; v++) {
    if (!visited[v]) continue;
    for (let e = offsets[v]!; e < offsets[v + 1]!; e++) preds[fill[targets[e]!]!++] = v;
  }
  for (let i = 0; i < roots.length; i++) preds[fill[roots[i]!]!++] = SIGMA;

  const doms = new Int32Array(n + 1).fill(-1);
  doms[SIGMA] = SIGMA;
  const intersect = (a: number, b: number) => {
    while (a !== b) {
      while (post[a]! < post[b]!) a = doms[a]!;
      while (post[b]! < post[a]!) b = doms[b]!;
    }
    return a;
  };
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = postorder.length - 2; i >= 0; i--) {
      const b = postorder[i]!;
      let idom = -1;
      for (let p = predOffsets[b]!; p < predOffsets[b + 1]!; p++) {
        const q = preds[p]!;
        if (doms[q] === -1) continue;
        idom = idom === -1 ? q : intersect(q, idom);
      }
      if (doms[b] !== idom) {
        doms[b] = idom;
        changed = true;
      }
    }
  }

  const idom = new Int32Array(n).fill(-2);
  const size = new Int32Array(n + 1).fill(1);
  const order = new Int32Array(postorder.length - 1);
  for (let i = 0; i < postorder.length - 1; i++) {
    const v = postorder[i]!; // postorder: children before their dominators
    order[postorder.length - 2 - i] = v;
    const d = doms[v]!;
    idom[v] = d === SIGMA ? -1 : d;
    size[d]! += size[v]!;
  }
  const dominated = new Int32Array(n);
  for (let v = 0; v < n; v++) if (visited[v]) dominated[v] = size[v]! - 1;
  return { idom, dominated, order };
}

export type DominatorRoots = 'upstream-or-sourceless' | 'upstream' | 'sourceless';

export interface DominatorOptions {
  /** `roots` DominatorRoots ['upstream-or-sourceless']: which companies σ feeds (module comment). */
  roots?: DominatorRoots;
  /** `nodes` 'cluster' | 'chain' ['cluster']: every cluster company, or only its chain firms. */
  nodes?: 'cluster' | 'chain';
}

export interface DominatorEntry {
  /** Company id. */
  company: string;
  /** Id of its immediate dominator; null when that is σ or the company is unreachable. */
  idom: string | null;
  /** Companies it dominates (every path from σ to them passes through it). */
  dominated: number;
  /** Of those, the chain firms (cluster companies holding a segment). */
  chainDominated: number;
  /** Whether it is a chain firm itself. */
  chainFirm: boolean;
  /** Whether σ feeds it directly. */
  root: boolean;
  /** Whether σ reaches it at all. */
  reachable: boolean;
}

export interface DominatorsResult {
  roots: DominatorRoots;
  nodes: 'cluster' | 'chain';
  /** Companies in the graph, and how many of them are roots. */
  size: number;
  rootCount: number;
  /** Every company of the graph: most chain firms dominated first, then most companies, then id. */
  companies: DominatorEntry[];
  /** Ids of the companies σ cannot reach, ascending. */
  unreachable: string[];
  /** Supply edges of the graph (relation rows between its companies, self-loops excluded). */
  provenance: SupplyEdgeProvenance;
}

/** The dominator tree of the cluster's supply view; see the module comment. */
export function supplyDominators(
  ctx: ChainContext,
  options: DominatorOptions = {},
): DominatorsResult {
  const rule = options.roots ?? 'upstream-or-sourceless';
  if (!['upstream-or-sourceless', 'upstream', 'sourceless'].includes(rule)) {
    throw new RangeError(
      `dominator roots must be upstream-or-sourceless, upstream or sourceless, got '${rule}'`,
    );
  }
  const which = options.nodes ?? 'cluster';
  if (which !== 'cluster' && which !== 'chain') {
    throw new RangeError(`dominator nodes must be 'cluster' or 'chain', got '${String(which)}'`);
  }
  const nodes = which === 'chain' ? chainFirms(ctx) : ctx.cluster.members;
  const n = nodes.length;
  const local = new Map<number, number>();
  nodes.forEach((c, i) => local.set(c, i));
  const g = ctx.supply;
  const offsets = new Int32Array(n + 1);
  const targets: number[] = [];
  const hasSupplier = new Uint8Array(n);
  let edges = 0;
  let inferred = 0;
  const seen = new Set<number>();
  for (let i = 0; i < n; i++) {
    const u = nodes[i]!;
    seen.clear();
    for (let e = g.outOffsets[u]!; e < g.outOffsets[u + 1]!; e++) {
      const v = g.outTargets[e]!;
      const j = local.get(v);
      if (j === undefined || v === u) continue;
      edges++;
      if (isInferredRelation(ctx, g.outRelations[e]!)) inferred++;
      if (seen.has(j)) continue;
      seen.add(j);
      targets.push(j);
      hasSupplier[j] = 1;
    }
    offsets[i + 1] = targets.length;
  }
  const { structure, membership } = ctx;
  const upstreamSegment = structure.stages.map(
    (stage, s) => stage === 'upstream' || structure.inputs[s]!.length === 0,
  );
  const roots: number[] = [];
  const isRoot = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const upstream = Array.from(segmentsOf(membership, nodes[i]!)).some((s) => upstreamSegment[s]);
    const sourceless = !hasSupplier[i];
    const root =
      rule === 'upstream' ? upstream : rule === 'sourceless' ? sourceless : upstream || sourceless;
    if (root) {
      roots.push(i);
      isRoot[i] = 1;
    }
  }
  const tree = dominatorTree(n, offsets, targets, roots);
  // Chain firms per dominator subtree: children come after their idom in reverse postorder.
  const isChain = Uint8Array.from(nodes, (c) => (segmentsOf(membership, c).length > 0 ? 1 : 0));
  const sub = Int32Array.from(isChain);
  for (let i = tree.order.length - 1; i >= 0; i--) {
    const v = tree.order[i]!;
    const d = tree.idom[v]!;
    if (d >= 0) sub[d]! += sub[v]!;
  }
  const { ids } = ctx.dataset.companies;
  const companies: DominatorEntry[] = [];
  const unreachable: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = tree.idom[i]!;
    const id = ids[nodes[i]!]!;
    if (d === -2) unreachable.push(id);
    companies.push({
      company: id,
      idom: d >= 0 ? ids[nodes[d]!]! : null,
      dominated: tree.dominated[i]!,
      chainDominated: d === -2 ? 0 : sub[i]! - isChain[i]!,
      chainFirm: isChain[i] === 1,
      root: isRoot[i] === 1,
      reachable: d !== -2,
    });
  }
  companies.sort(
    (a, b) =>
      b.chainDominated - a.chainDominated ||
      b.dominated - a.dominated ||
      compareIds(a.company, b.company),
  );
  unreachable.sort(compareIds);
  return {
    roots: rule,
    nodes: which,
    size: n,
    rootCount: roots.length,
    companies,
    unreachable,
    provenance: { edges, inferred, observed: edges - inferred },
  };
}
