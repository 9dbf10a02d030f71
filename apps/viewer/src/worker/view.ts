/**
 * The view: the companies under study (a cluster), the relation types shown, and what the page
 * draws of them. Metrics run on the cluster's simple directed graph (`metricGraphFromCompact`:
 * parallel relations merged, weights summed), all from `@chainlens/core`:
 * - size: distinct partners (`degree().neighbours`), PageRank (`pagerank`), or betweenness
 *   (`betweenness`, on demand: exact on small views, sampled with a seed on large ones);
 * - colour: Louvain communities (`louvain`, seeded), region, or a categorical attribute.
 *
 * Large views: while the kept companies number at most {@link MAX_DRAWN_NODES}, each is a node.
 * Above that the page starts from the community graph: one node per Louvain community (sized by
 * its companies; the communities beyond the {@link MAX_COMMUNITY_NODES} largest are gathered in
 * one "smaller communities" node), arcs summed between communities, arcs inside one dropped.
 * `expand` then swaps a community node for its companies, keeping their arcs to the rest (to
 * company nodes, or summed per community node).
 *
 * With a chain template, a large view is grouped by chain segment instead: one node per segment
 * holding the companies whose main segment (largest membership share) it is, and one node for
 * the kept companies outside the chain; every arc between groups is drawn (summed). Both are one
 * {@link Grouping}: a group per metric node, with keys, labels and sizes.
 */
import type { CompactGraph, Dataset, MetricGraph } from '@chainlens/core';
import {
  betweenness,
  buildCompactGraph,
  clusterByRegion,
  degree,
  louvain,
  metricGraphFromCompact,
  normalizeRegion,
  pagerank,
  regionParts,
} from '@chainlens/core';
import type { BetweennessData, ClusterChoice, ViewData, ViewRequest } from '../protocol.js';
import { t } from '../i18n.js';
import type { ChainGroupingInput, Grouping } from './grouping.js';
import { MAX_COMMUNITY_NODES, communityGrouping, segmentGrouping } from './grouping.js';

/** Views with more companies than this start from the community graph. */
export const MAX_DRAWN_NODES = 20_000;
/** Aggregated view: arcs drawn per community node to other community nodes (the strongest). */
export const COMMUNITY_ARCS = 8;
/** Betweenness is exact while n·(n + arcs) stays below this, else sampled. */
export const EXACT_BETWEENNESS_WORK = 1e8;

export interface ViewState {
  request: ViewRequest;
  graph: MetricGraph;
  /** Relation-type bit mask (bit i = RELATION_TYPES[i]) of each arc of graph.out. */
  arcTypes: Uint8Array;
  degree: ReturnType<typeof degree>;
  pagerank: Float64Array;
  community: Int32Array;
  communityCount: number;
  modularity: number;
  communityLabels: string[];
  communitySizes: number[];
  /** Metric-graph nodes kept (the isolated ones are dropped unless asked for). */
  kept: Uint8Array;
  keptCount: number;
  mode: 'full' | 'aggregated';
  /** Aggregated view: how companies are grouped (null when every company is drawn). */
  grouping: Grouping | null;
  /** Aggregated view: the groups drawn as their companies. */
  expanded: Set<number>;
  /** Company index → metric-graph node, or −1 outside the cluster. */
  localOf: Int32Array;
  /** Metric-graph node → display node of the last `displayGraph`, or −1 when not drawn. */
  display: Int32Array;
  displayCount: number;
  /** Betweenness per metric-graph node, computed on demand. */
  betweenness?: { values: Float64Array; k: number; exact: boolean; seed: number | null };
}

/** Company indices of a cluster choice (undefined: every company). */
export function clusterMembers(dataset: Dataset, choice: ClusterChoice): Int32Array | undefined {
  if (choice.kind === 'all') return undefined;
  if (choice.kind === 'region') return clusterByRegion(dataset.companies, choice.path).members;
  const members: number[] = [];
  dataset.companies.regions.forEach((r, i) => {
    if (regionParts(r).length === 0) members.push(i);
  });
  return Int32Array.from(members);
}

export function clusterLabel(choice: ClusterChoice): string {
  if (choice.kind === 'all') return t('viewer:cluster.all');
  if (choice.kind === 'no-region') return t('viewer:cluster.noRegion');
  return normalizeRegion(choice.path);
}

/** For each arc of `graph.out`, the bit mask of the relation types merged into it. */
export function arcTypeMasks(
  dataset: Dataset,
  compact: CompactGraph,
  graph: MetricGraph,
): Uint8Array {
  const masks = new Uint8Array(graph.out.nodes.length);
  const { offsets, nodes } = graph.out;
  for (let u = 0; u < compact.n; u++) {
    for (let k = compact.outOffsets[u]!; k < compact.outOffsets[u + 1]!; k++) {
      const v = compact.outTargets[k]!;
      // graph.out lists u's targets ascending: binary search for v.
      let lo = offsets[u]!;
      let hi = offsets[u + 1]! - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (nodes[mid]! < v) lo = mid + 1;
        else hi = mid;
      }
      masks[lo]! |= 1 << dataset.relations.type[compact.outRelations[k]!]!;
    }
  }
  return masks;
}

/** Categorical columns the page may colour by: 2..60 distinct non-empty values. */
export function categoricalColumns(dataset: Dataset): { column: string; values: number }[] {
  const out: { column: string; values: number }[] = [];
  for (const [column, values] of Object.entries(dataset.companies.attributes)) {
    const distinct = new Set<string>();
    for (const v of values) {
      if (v !== '') distinct.add(v);
      if (distinct.size > 60) break;
    }
    if (distinct.size >= 2 && distinct.size <= 60) out.push({ column, values: distinct.size });
  }
  return out;
}

/**
 * Computes a view: the cluster's graph, its metrics and communities, and what to draw. With
 * `chain` (a template's view of the cluster), its firms are drawn even without links, and a
 * view too large to draw is grouped by main segment instead of by community.
 */
export function buildView(
  dataset: Dataset,
  request: ViewRequest,
  chain?: ChainGroupingInput,
): { state: ViewState; data: ViewData } {
  const nodes = clusterMembers(dataset, request.cluster);
  const compact = buildCompactGraph(
    dataset,
    nodes ? { types: request.types, nodes } : { types: request.types },
  );
  const graph = metricGraphFromCompact(compact);
  const deg = degree(graph);
  const pr = pagerank(graph).scores;
  const lv = louvain(graph, { seed: request.seed });

  // A community is named by its member with the most partners (ties: higher PageRank).
  const sizes = new Array<number>(lv.count).fill(0);
  const best = new Int32Array(lv.count).fill(-1);
  const partners = deg.neighbours;
  for (let u = 0; u < graph.n; u++) {
    const c = lv.community[u]!;
    sizes[c]!++;
    const b = best[c]!;
    if (
      b === -1 ||
      partners[u]! > partners[b]! ||
      (partners[u] === partners[b] && pr[u]! > pr[b]!)
    ) {
      best[c] = u;
    }
  }
  const names = dataset.companies.names;
  const labels = sizes.map((size, c) => {
    const top = names[graph.companyOf[best[c]!]!]!;
    return size > 1 ? `${top} +${size - 1}` : top;
  });

  const keepAll = request.showIsolated || graph.edges === 0;
  const kept = new Uint8Array(graph.n);
  let keptCount = 0;
  for (let u = 0; u < graph.n; u++) {
    if (keepAll || deg.neighbours[u]! > 0) {
      kept[u] = 1;
      keptCount++;
    }
  }
  for (const c of chain?.firms ?? []) {
    const u = compact.localOf[c]!;
    if (u >= 0 && !kept[u]) {
      kept[u] = 1;
      keptCount++;
    }
  }
  const mode = keptCount > MAX_DRAWN_NODES ? 'aggregated' : 'full';
  let grouping: Grouping | null = null;
  if (mode === 'aggregated') {
    grouping = chain
      ? segmentGrouping(graph, kept, chain)
      : communityGrouping(lv.community, lv.count, labels, kept);
  }
  const state: ViewState = {
    request,
    graph,
    arcTypes: arcTypeMasks(dataset, compact, graph),
    degree: deg,
    pagerank: pr,
    community: lv.community,
    communityCount: lv.count,
    modularity: lv.modularity,
    communityLabels: labels,
    communitySizes: sizes,
    kept,
    keptCount,
    mode,
    grouping,
    expanded: new Set(),
    localOf: compact.localOf,
    display: new Int32Array(graph.n).fill(-1),
    displayCount: 0,
  };
  return { state, data: displayGraph(dataset, state) };
}

/** Whether metric node u is drawn as a company node (not hidden, not inside a group node). */
export function isDrawn(state: ViewState, u: number): boolean {
  if (u < 0 || !state.kept[u]) return false;
  return !state.grouping || state.expanded.has(state.grouping.of[u]!);
}

/** Companies drawn one node each in the current aggregated view. */
function drawnCompanies(state: ViewState): number {
  let n = 0;
  for (const g of state.expanded) n += state.grouping!.sizes[g]!;
  return n;
}

/**
 * Swaps a group node of the aggregated view (a community, or a chain segment) for its
 * companies. Throws when that would draw more than {@link MAX_DRAWN_NODES} companies.
 */
export function expandGroup(dataset: Dataset, state: ViewState, group: number): ViewData {
  const grouping = state.grouping;
  if (state.mode !== 'aggregated' || !grouping) throw new Error(t('viewer:error.allDrawn'));
  if (!Number.isInteger(group) || group < 0 || group >= grouping.keys.length) {
    throw new Error(`no group ${group} in this view`);
  }
  const add = grouping.sizes[group]!;
  const drawn = drawnCompanies(state);
  if (drawn + add > MAX_DRAWN_NODES) {
    throw new Error(
      t(
        grouping.kind === 'community'
          ? 'viewer:error.expandCommunity'
          : 'viewer:error.expandSegment',
        {
          n: (drawn + add).toLocaleString('en'),
          max: MAX_DRAWN_NODES.toLocaleString('en'),
        },
      ),
    );
  }
  state.expanded.add(group);
  return displayGraph(dataset, state);
}

/** Expands a community node of the community graph (community number). */
export function expandCommunity(dataset: Dataset, state: ViewState, community: number): ViewData {
  if (state.grouping?.kind !== 'community') throw new Error(t('viewer:error.notCommunities'));
  return expandGroup(dataset, state, Math.min(community, MAX_COMMUNITY_NODES));
}

/** The nodes and arcs to draw for the current state. */
export function displayGraph(dataset: Dataset, state: ViewState): ViewData {
  const { graph } = state;
  const { companies } = dataset;
  const columns = categoricalColumns(dataset).map((c) => c.column);
  const grouping = state.mode === 'aggregated' ? state.grouping : null;

  // Display node of each kept metric node: its own position, or its group's.
  const display = new Int32Array(graph.n).fill(-1);
  const keys: string[] = [];
  const labels: string[] = [];
  const regions: string[] = [];
  const company: number[] = [];
  const weight: number[] = [];
  const community: number[] = [];
  const group: number[] = [];
  const deg: number[] = [];
  const pr: number[] = [];
  const attributes: Record<string, string[]> = Object.fromEntries(columns.map((c) => [c, []]));
  const groupPosition = new Map<number, number>();
  for (let u = 0; u < graph.n; u++) {
    if (!state.kept[u]) continue;
    const g = grouping ? grouping.of[u]! : -1;
    if (!grouping || state.expanded.has(g)) {
      const c = graph.companyOf[u]!;
      display[u] = keys.length;
      keys.push(companies.ids[c]!);
      labels.push(companies.names[c]!);
      regions.push(companies.regions[c]!);
      company.push(c);
      weight.push(1);
      community.push(state.community[u]!);
      group.push(g);
      deg.push(state.degree.neighbours[u]!);
      pr.push(state.pagerank[u]!);
      for (const col of columns) attributes[col]!.push(companies.attributes[col]![c]!);
      continue;
    }
    let p = groupPosition.get(g);
    if (p === undefined) {
      p = keys.length;
      groupPosition.set(g, p);
      keys.push(grouping.keys[g]!);
      labels.push(grouping.labels[g]!);
      regions.push('');
      company.push(-1);
      weight.push(0);
      // A segment group mixes communities: none.
      community.push(grouping.kind === 'community' ? g : -1);
      group.push(g);
      deg.push(0);
      pr.push(0);
      for (const col of columns) attributes[col]!.push('');
    }
    display[u] = p;
    weight[p]!++;
    pr[p]! += state.pagerank[u]!;
  }

  // Arcs between display nodes; arcs that touch a community node are summed per pair.
  const src: number[] = [];
  const tgt: number[] = [];
  const w: number[] = [];
  const types: number[] = [];
  const count: number[] = [];
  const merged = new Map<number, number>();
  const { offsets, nodes, weights, counts } = graph.out;
  const nDisplay = keys.length;
  for (let u = 0; u < graph.n; u++) {
    const a = display[u]!;
    if (a < 0) continue;
    for (let k = offsets[u]!; k < offsets[u + 1]!; k++) {
      const b = display[nodes[k]!]!;
      if (b < 0 || b === a) continue;
      if (company[a]! < 0 || company[b]! < 0) {
        const pair = a * nDisplay + b;
        const at = merged.get(pair);
        if (at !== undefined) {
          w[at]! += weights[k]!;
          types[at]! |= state.arcTypes[k]!;
          count[at]! += counts[k]!;
          continue;
        }
        merged.set(pair, src.length);
      }
      src.push(a);
      tgt.push(b);
      w.push(weights[k]!);
      types.push(state.arcTypes[k]!);
      count.push(counts[k]!);
    }
  }
  state.display = display;
  state.displayCount = nDisplay;
  for (let p = 0; p < nDisplay; p++) if (company[p]! < 0) deg[p] = 0;
  for (let a = 0; a < src.length; a++) {
    if (company[src[a]!]! < 0) deg[src[a]!]!++;
    if (company[tgt[a]!]! < 0) deg[tgt[a]!]!++;
  }

  // Between community nodes nearly every pair is linked by a few relations: draw, for each
  // community node, its COMMUNITY_ARCS strongest arcs to other communities (by relations), and
  // count the rest as not drawn. Segment nodes are few (a template's segments): all drawn.
  let prunedArcs = 0;
  let prunedRelations = 0;
  if (grouping?.kind === 'community') {
    const incident = new Map<number, number[]>();
    for (let a = 0; a < src.length; a++) {
      if (company[src[a]!]! >= 0 || company[tgt[a]!]! >= 0) continue;
      for (const p of [src[a]!, tgt[a]!]) {
        let list = incident.get(p);
        if (!list) incident.set(p, (list = []));
        list.push(a);
      }
    }
    const strong = new Uint8Array(src.length);
    for (const list of incident.values()) {
      list.sort((x, y) => count[y]! - count[x]! || x - y);
      for (const a of list.slice(0, COMMUNITY_ARCS)) strong[a] = 1;
    }
    let k = 0;
    for (let a = 0; a < src.length; a++) {
      const between = company[src[a]!]! < 0 && company[tgt[a]!]! < 0;
      if (between && !strong[a]) {
        prunedArcs++;
        prunedRelations += count[a]!;
        continue;
      }
      src[k] = src[a]!;
      tgt[k] = tgt[a]!;
      w[k] = w[a]!;
      types[k] = types[a]!;
      count[k] = count[a]!;
      k++;
    }
    src.length = tgt.length = w.length = types.length = count.length = k;
  }

  return {
    mode: state.mode,
    clusterLabel: clusterLabel(state.request.cluster),
    clusterSize: graph.n,
    hiddenIsolated: graph.n - state.keptCount,
    arcs: graph.arcs,
    prunedArcs,
    prunedRelations,
    nodes: {
      keys,
      labels,
      regions,
      company: Int32Array.from(company),
      weight: Int32Array.from(weight),
      community: Int32Array.from(community),
      group: Int32Array.from(group),
      degree: Float64Array.from(deg),
      pagerank: Float64Array.from(pr),
      attributes,
    },
    edges: {
      source: Int32Array.from(src),
      target: Int32Array.from(tgt),
      weight: Float64Array.from(w),
      types: Uint8Array.from(types),
      count: Int32Array.from(count),
    },
    groups: grouping
      ? {
          kind: grouping.kind,
          keys: grouping.keys,
          labels: grouping.labels,
          sizes: grouping.sizes,
          segments: grouping.segments,
        }
      : null,
    communities: {
      count: state.communityCount,
      shown: shownCommunities(state),
      modularity: state.modularity,
      seed: state.request.seed,
      labels: state.communityLabels,
      sizes: state.communitySizes,
    },
  };
}

function shownCommunities(state: ViewState): number {
  const seen = new Uint8Array(state.communityCount);
  let n = 0;
  for (let u = 0; u < state.graph.n; u++) {
    if (state.kept[u] && !seen[state.community[u]!]) {
      seen[state.community[u]!] = 1;
      n++;
    }
  }
  return n;
}

/**
 * Betweenness of the view's companies (directed, normalised as NetworkX), exact while
 * n·(n + arcs) ≤ {@link EXACT_BETWEENNESS_WORK}, else from k seeded sources (Brandes–Pich).
 * Returned per display node of the last `displayGraph` (a community node: its highest); cached.
 */
export function viewBetweenness(state: ViewState): BetweennessData {
  if (!state.betweenness) {
    const { n, arcs } = state.graph;
    const exact = n * (n + arcs) <= EXACT_BETWEENNESS_WORK;
    const k = exact ? n : Math.max(1, Math.min(n, Math.floor(EXACT_BETWEENNESS_WORK / (n + arcs))));
    const result = betweenness(state.graph, exact ? {} : { k, seed: state.request.seed });
    state.betweenness = { values: result.values, k: result.k, exact, seed: result.seed };
  }
  const { values, k, exact, seed } = state.betweenness;
  const perDisplay = new Float64Array(state.displayCount);
  for (let u = 0; u < state.graph.n; u++) {
    const p = state.display[u]!;
    if (p >= 0 && state.kept[u]) perDisplay[p] = Math.max(perDisplay[p]!, values[u]!);
  }
  return { values: perDisplay, k, exact, seed };
}
