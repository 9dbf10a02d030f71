/**
 * The graphology graph the page draws, built from the worker's `ViewData` columns. Node keys are
 * company ids (or group keys in the aggregated view: `community:<k>`, `segment:<id>`); edges are
 * the view's merged arcs.
 */
import Graph from 'graphology';
import { RELATION_TYPES, createRng } from '@chainlens/core';
import type { RelationType } from '@chainlens/core';
import type { ViewData } from '../protocol.js';

export type NodeAttributes = {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  /** Company index, or −1 for a group node (community or chain segment). */
  company: number;
  region: string;
  /** Louvain community (−1 for a segment group node and a ghost). */
  community: number;
  /** Aggregated view: the group the node is or belongs to (ViewData.groups index), else −1. */
  group: number;
  /** A segment group node: its segment id ('' for the companies outside the chain). */
  groupSegment?: string;
  /** Companies the node stands for. */
  companies: number;
  degree: number;
  pagerank: number;
  betweenness?: number;
  /** Categorical attributes (industry…). */
  attrs: Record<string, string>;
  /** Numeric company columns (range filters); absent for a group node. */
  num?: Record<string, number>;
  /** Chain report (graph/chain.ts): the company's main segment and every segment it holds. */
  segment?: string;
  segments?: string[];
  /** Ghost node of a missing role (graph/chain.ts): the missing segment's id. */
  ghost?: string;
  /** Weak-link kinds naming this company (single-source, cut-point). */
  weak?: string[];
  /** Ring drawn by the chain node program: 0 none, 1 solid, 2 dashed (graph/node-program.ts). */
  ring?: number;
  ringColor?: string;
  /** Label always drawn (ghost nodes). */
  forceLabel?: boolean;
  /** Set by the page's reducers, never by data. */
  hidden?: boolean;
  zIndex?: number;
};

export type EdgeAttributes = {
  weight: number;
  /** Bit mask over RELATION_TYPES. */
  types: number;
  /** Relations merged into this arc. */
  relations: number;
  size: number;
  color: string;
  /** A ghost node's link to a company that needs the missing role (not a relation). */
  ghost?: boolean;
  /** A bridge of the chain report's weak links. */
  bridge?: boolean;
  hidden?: boolean;
  zIndex?: number;
};

export type ViewGraph = Graph<NodeAttributes, EdgeAttributes>;

/** Relation types of a mask, in RELATION_TYPES order. */
export function typesOf(mask: number): RelationType[] {
  return RELATION_TYPES.filter((_, i) => (mask & (1 << i)) !== 0);
}

/**
 * Starting positions: communities on a golden-angle spiral (bigger ones nearer the centre),
 * members scattered in a disc sized by the community, so the first frame already shows the
 * structure and ForceAtlas2 starts close to it. Seeded: the same view gives the same picture.
 */
export function seedPositions(data: ViewData, seed = 1): { x: Float64Array; y: Float64Array } {
  const n = data.nodes.keys.length;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const rng = createRng(seed);
  const sizes = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const c = data.nodes.community[i]!;
    sizes.set(c, (sizes.get(c) ?? 0) + data.nodes.weight[i]!);
  }
  const order = [...sizes.keys()].sort((a, b) => sizes.get(b)! - sizes.get(a)! || a - b);
  const centre = new Map<number, [number, number, number]>();
  let area = 0;
  const golden = Math.PI * (3 - Math.sqrt(5));
  order.forEach((c, i) => {
    const r = Math.sqrt(sizes.get(c)!);
    area += r * r * 4;
    const dist = Math.sqrt(area);
    centre.set(c, [dist * Math.cos(i * golden), dist * Math.sin(i * golden), r]);
  });
  for (let i = 0; i < n; i++) {
    const [cx, cy, r] = centre.get(data.nodes.community[i]!)!;
    const a = rng() * 2 * Math.PI;
    const d = Math.sqrt(rng()) * r * 1.5;
    x[i] = cx + d * Math.cos(a);
    y[i] = cy + d * Math.sin(a);
  }
  return { x, y };
}

/**
 * Builds the graph of a view. `previous` keeps positions of nodes already drawn and places a
 * group's companies where its node was (expanding a community or segment node).
 */
export function buildGraph(data: ViewData, previous?: ViewGraph): ViewGraph {
  const graph: ViewGraph = new Graph<NodeAttributes, EdgeAttributes>({
    type: 'directed',
    multi: false,
  });
  const { nodes, edges } = data;
  const start = seedPositions(data);
  const columns = Object.keys(nodes.attributes);
  const rng = createRng(7);
  for (let i = 0; i < nodes.keys.length; i++) {
    const key = nodes.keys[i]!;
    let x = start.x[i]!;
    let y = start.y[i]!;
    if (previous) {
      const g = nodes.group[i]!;
      const group = g >= 0 && data.groups ? data.groups.keys[g]! : '';
      if (previous.hasNode(key)) {
        x = previous.getNodeAttribute(key, 'x');
        y = previous.getNodeAttribute(key, 'y');
      } else if (previous.hasNode(group)) {
        const a = rng() * 2 * Math.PI;
        const d = Math.sqrt(rng()) * previous.getNodeAttribute(group, 'size');
        x = previous.getNodeAttribute(group, 'x') + d * Math.cos(a);
        y = previous.getNodeAttribute(group, 'y') + d * Math.sin(a);
      }
    }
    const attrs: Record<string, string> = {};
    for (const c of columns) attrs[c] = nodes.attributes[c]![i]!;
    const num: Record<string, number> = {};
    for (const [c, values] of Object.entries(nodes.numeric ?? {})) num[c] = values[i]!;
    graph.addNode(key, {
      label: nodes.labels[i]!,
      x,
      y,
      size: 3,
      color: '#888',
      company: nodes.company[i]!,
      region: nodes.regions[i]!,
      community: nodes.community[i]!,
      group: nodes.group[i]!,
      ...(nodes.company[i]! < 0 && data.groups?.kind === 'segment'
        ? { groupSegment: data.groups.segments[nodes.group[i]!]! }
        : {}),
      companies: nodes.weight[i]!,
      degree: nodes.degree[i]!,
      pagerank: nodes.pagerank[i]!,
      attrs,
      ...(nodes.company[i]! >= 0 && nodes.numeric ? { num } : {}),
    });
  }
  for (let a = 0; a < edges.source.length; a++) {
    graph.addEdge(nodes.keys[edges.source[a]!]!, nodes.keys[edges.target[a]!]!, {
      weight: edges.weight[a]!,
      types: edges.types[a]!,
      relations: edges.count[a]!,
      size: 1,
      color: '#ccc',
    });
  }
  return graph;
}
