/**
 * Range filters on the drawn graph: on a company's metric (degree, PageRank, betweenness), on a
 * numeric company column (`num:<column>`: revenue, size…), on a group node's companies, and on
 * a link's weight. A filter keeps the values in [min, max] (either bound may be open). Node
 * filters apply to companies only: group nodes (communities, segments) and ghost nodes of
 * missing roles always stay; a company without a value for a filtered key is hidden. The link
 * filter hides links, never nodes. Pure functions: the renderer asks `nodePasses` /
 * `edgePasses`, the page counts with `countShown`, the URL stores `formatFilters`.
 */
import type { EdgeAttributes, NodeAttributes, ViewGraph } from './model.js';

/** The metrics a node filter can use; numeric columns are `num:<column>`. */
export const METRIC_KEYS = ['degree', 'pagerank', 'betweenness', 'companies'] as const;
/** The link filter's key. */
export const WEIGHT_KEY = 'weight';
export const NUMERIC_PREFIX = 'num:';

export interface RangeFilter {
  key: string;
  /** Lowest value kept (null: no lower bound). */
  min: number | null;
  /** Highest value kept (null: no upper bound). */
  max: number | null;
}

/** At most this many filters are read from a URL (a longer list is cut). */
export const MAX_FILTERS = 12;

/** A node's value for a key, or undefined when it has none. */
export function nodeValue(a: NodeAttributes, key: string): number | undefined {
  let v: number | undefined;
  if (key === 'degree') v = a.degree;
  else if (key === 'pagerank') v = a.pagerank;
  else if (key === 'betweenness') v = a.betweenness;
  else if (key === 'companies') v = a.company < 0 ? a.companies : undefined;
  else if (key.startsWith(NUMERIC_PREFIX)) v = a.num?.[key.slice(NUMERIC_PREFIX.length)];
  return v !== undefined && Number.isFinite(v) ? v : undefined;
}

const inRange = (v: number, f: RangeFilter) =>
  (f.min === null || v >= f.min) && (f.max === null || v <= f.max);

/** Whether a node stays under the node filters (group and ghost nodes always do). */
export function nodePasses(a: NodeAttributes, filters: readonly RangeFilter[]): boolean {
  for (const f of filters) {
    if (f.key === WEIGHT_KEY) continue;
    if (f.key === 'companies') {
      if (a.company >= 0 || a.ghost !== undefined) continue;
    } else if (a.company < 0 || a.ghost !== undefined) continue;
    const v = nodeValue(a, f.key);
    if (v === undefined || !inRange(v, f)) return false;
  }
  return true;
}

/** Whether a link stays under the link filter (ghost links always do). */
export function edgePasses(a: EdgeAttributes, filters: readonly RangeFilter[]): boolean {
  if (a.ghost) return true;
  for (const f of filters) {
    if (f.key === WEIGHT_KEY && !inRange(a.weight, f)) return false;
  }
  return true;
}

/** Whether any filter has a bound. */
export function filtering(filters: readonly RangeFilter[]): boolean {
  return filters.some((f) => f.min !== null || f.max !== null);
}

/** The smallest and largest value of a key over the graph (companies, or links), or null. */
export function valueRange(graph: ViewGraph, key: string): { min: number; max: number } | null {
  let min = Infinity;
  let max = -Infinity;
  const take = (v: number | undefined) => {
    if (v === undefined || !Number.isFinite(v)) return;
    if (v < min) min = v;
    if (v > max) max = v;
  };
  if (key === WEIGHT_KEY) graph.forEachEdge((_, a) => !a.ghost && take(a.weight));
  else {
    graph.forEachNode((_, a) => {
      if (a.ghost !== undefined) return;
      if (key === 'companies' ? a.company < 0 : a.company >= 0) take(nodeValue(a, key));
    });
  }
  return min <= max ? { min, max } : null;
}

/**
 * Companies (nodes with a company) shown and in all, and links shown and in all, when
 * `hidden(node)` says which nodes are hidden (legend and filters together). A link is shown
 * when both its ends are and the link filter keeps it. Ghost nodes and links are not counted.
 */
export function countShown(
  graph: ViewGraph,
  hidden: (node: string, a: NodeAttributes) => boolean,
  filters: readonly RangeFilter[],
): { shown: number; total: number; linksShown: number; links: number } {
  let shown = 0;
  let total = 0;
  const gone = new Set<string>();
  graph.forEachNode((node, a) => {
    const h = hidden(node, a);
    if (h) gone.add(node);
    if (a.company < 0) return;
    total++;
    if (!h) shown++;
  });
  let links = 0;
  let linksShown = 0;
  graph.forEachEdge((_, a, s, t) => {
    if (a.ghost) return;
    links++;
    if (!gone.has(s) && !gone.has(t) && edgePasses(a, filters)) linksShown++;
  });
  return { shown, total, linksShown, links };
}

/** The filters as the URL holds them: `key~min~max` joined by `|` (empty bound: open). */
export function formatFilters(filters: readonly RangeFilter[]): string {
  return filters
    .filter((f) => f.min !== null || f.max !== null)
    .map((f) => `${f.key}~${f.min ?? ''}~${f.max ?? ''}`)
    .join('|');
}

/**
 * Reads filters from a URL value; anything that is not a known key with numeric bounds is
 * dropped (a hostile or stale link cannot inject a key or a non-number). `known` says which
 * keys this view has.
 */
export function parseFilters(text: string, known: (key: string) => boolean): RangeFilter[] {
  const out: RangeFilter[] = [];
  for (const part of text.split('|').slice(0, MAX_FILTERS)) {
    const bits = part.split('~');
    if (bits.length !== 3) continue;
    const [key, lo, hi] = bits as [string, string, string];
    if (!known(key) || out.some((f) => f.key === key)) continue;
    const bound = (s: string): number | null | undefined => {
      if (s === '') return null;
      if (!/^-?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(s)) return undefined;
      const v = Number(s);
      return Number.isFinite(v) ? v : undefined;
    };
    const min = bound(lo);
    const max = bound(hi);
    if (min === undefined || max === undefined || (min === null && max === null)) continue;
    if (min !== null && max !== null && min > max) continue;
    out.push({ key, min, max });
  }
  return out;
}
