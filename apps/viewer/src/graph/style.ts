/**
 * How nodes and edges look: size by a centrality, colour by community, region or a categorical
 * attribute, and the legend that goes with the colours.
 */
import { RELATION_TYPES, regionParts } from '@chainlens/core';
import type { RelationType } from '@chainlens/core';
import type { ClusterChoice } from '../protocol.js';
import type { NodeAttributes, ViewGraph } from './model.js';

export type SizeBy = 'degree' | 'pagerank' | 'betweenness' | 'uniform';
/** `community`, `region`, or `attr:<column>`. */
export type ColorBy = string;

/** Distinct colours (Tableau 10 + two), readable on white, for the largest categories. */
export const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#2f4b7c',
  '#8cd17d',
  '#d37295',
];
export const OTHER_COLOR = '#a0a7b0';
export const NONE_COLOR = '#d5d9de';

export const EDGE_COLORS: Record<RelationType, string> = {
  supply: '#5a6f8c',
  'inferred-supply': '#b3bdca',
  collaboration: '#4c9a61',
  ownership: '#9b6bbf',
};

export interface LegendEntry {
  /** Category value ('' for "none", '\u0000other' for the rest). */
  key: string;
  label: string;
  color: string;
  /** Companies in the category among the drawn nodes. */
  count: number;
}

export const OTHER_KEY = '\u0000other';

/** `#rrggbb` of an HSL colour (sigma parses hex and rgb() only). h in degrees, s and l in 0..1. */
export function hslHex(h: number, s: number, l: number): string {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    const c = l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * c)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${f(0)}${f(8)}${f(4)}`;
}

/** The category of a node for a colour choice. */
export function categoryOf(
  attrs: NodeAttributes,
  colorBy: ColorBy,
  cluster: ClusterChoice,
): string {
  if (colorBy === 'community') return String(attrs.community);
  if (colorBy === 'region') {
    const parts = regionParts(attrs.region);
    const depth = cluster.kind === 'region' ? regionParts(cluster.path).length : 0;
    if (parts.length === 0) return '';
    return parts.slice(0, Math.min(parts.length, depth + 1)).join('/');
  }
  if (colorBy.startsWith('attr:')) return attrs.attrs[colorBy.slice(5)] ?? '';
  return '';
}

/**
 * Colours the nodes and returns the legend: the {@link PALETTE}.length largest categories get
 * a colour each (by companies, ties by name), the rest share "other", no value is light grey.
 */
export function applyColors(
  graph: ViewGraph,
  colorBy: ColorBy,
  cluster: ClusterChoice,
  communityLabels: string[],
): LegendEntry[] {
  const counts = new Map<string, number>();
  graph.forEachNode((_, a) => {
    const k = categoryOf(a, colorBy, cluster);
    counts.set(k, (counts.get(k) ?? 0) + a.companies);
  });
  const ranked = [...counts.entries()]
    .filter(([k]) => k !== '')
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const colors = new Map<string, string>();
  ranked.slice(0, PALETTE.length).forEach(([k], i) => colors.set(k, PALETTE[i]!));
  // Communities beyond the palette still get colours of their own (golden-angle hues, muted),
  // so that a large graph is not one grey mass; the legend names the largest ones.
  const varied = colorBy === 'community';
  if (varied) {
    ranked.slice(PALETTE.length).forEach(([k], i) => {
      const hue = Math.round((i * 137.508) % 360);
      colors.set(k, hslHex(hue, 0.35, 0.55 + (i % 3) * 0.07));
    });
  }
  graph.updateEachNodeAttributes(
    (_, a) => {
      const k = categoryOf(a, colorBy, cluster);
      a.color = k === '' ? NONE_COLOR : (colors.get(k) ?? OTHER_COLOR);
      return a;
    },
    { attributes: ['color'] },
  );
  const label = (k: string) =>
    colorBy === 'community' ? `#${Number(k) + 1} ${communityLabels[Number(k)] ?? ''}` : k;
  const legend: LegendEntry[] = ranked
    .slice(0, PALETTE.length)
    .map(([k, c]) => ({ key: k, label: label(k), color: colors.get(k)!, count: c }));
  const rest = ranked.slice(PALETTE.length);
  if (rest.length > 0) {
    legend.push({
      key: OTHER_KEY,
      label: `${rest.length} other${rest.length > 1 ? 's' : ''}${varied ? ' (muted colours)' : ''}`,
      color: varied ? hslHex(200, 0.35, 0.62) : OTHER_COLOR,
      count: rest.reduce((s, [, c]) => s + c, 0),
    });
  }
  const none = counts.get('');
  if (none) legend.push({ key: '', label: '(none)', color: NONE_COLOR, count: none });
  return legend;
}

/** Whether a node's category is among the hidden legend keys. */
export function isHiddenCategory(
  attrs: NodeAttributes,
  colorBy: ColorBy,
  cluster: ClusterChoice,
  hidden: Set<string>,
  legend: LegendEntry[],
): boolean {
  if (hidden.size === 0) return false;
  const k = categoryOf(attrs, colorBy, cluster);
  if (hidden.has(k)) return true;
  if (hidden.has(OTHER_KEY) && k !== '' && !legend.some((e) => e.key === k)) return true;
  return false;
}

/**
 * Sizes the nodes by a metric: area grows with the value (radius ∝ √ of its share of the
 * range), between a floor and a ceiling that shrink as the graph grows. Community nodes are
 * sized by their companies.
 */
export function applySizes(graph: ViewGraph, sizeBy: SizeBy): void {
  const n = graph.order;
  const floor = n > 10_000 ? 1.5 : n > 2_000 ? 2 : n > 300 ? 2.5 : 4;
  const ceiling = n > 10_000 ? 9 : n > 2_000 ? 11 : n > 300 ? 14 : 20;
  const value = (a: NodeAttributes) => {
    if (a.company < 0) return a.companies;
    switch (sizeBy) {
      case 'degree':
        return a.degree;
      case 'pagerank':
        return a.pagerank;
      case 'betweenness':
        return a.betweenness ?? 0;
      default:
        return 0;
    }
  };
  let min = Infinity;
  let max = -Infinity;
  graph.forEachNode((_, a) => {
    const v = value(a);
    if (v < min) min = v;
    if (v > max) max = v;
  });
  const range = max - min;
  graph.updateEachNodeAttributes(
    (_, a) => {
      // Equal values (no links at all, say): a size at which labels show.
      a.size =
        (sizeBy === 'uniform' || range === 0) && a.company >= 0
          ? Math.min(ceiling, floor + 4)
          : floor + (range > 0 ? Math.sqrt((value(a) - min) / range) : 0) * (ceiling - floor);
      return a;
    },
    { attributes: ['size'] },
  );
}

/** Edge colour (the first type of the mask in RELATION_TYPES order) and thickness. */
export function applyEdgeStyle(graph: ViewGraph): void {
  const big = graph.size > 20_000;
  let most = 1;
  graph.forEachEdge((_, a) => {
    if (a.relations > most) most = a.relations;
  });
  graph.updateEachEdgeAttributes(
    (_, a) => {
      const type = RELATION_TYPES.find((_t, i) => (a.types & (1 << i)) !== 0) ?? 'supply';
      a.color = EDGE_COLORS[type];
      // Thickness grows with the relations merged into the arc, relative to the thickest.
      a.size = big ? 0.5 : 0.6 + 3.4 * Math.sqrt((a.relations - 1) / Math.max(1, most - 1));
      return a;
    },
    { attributes: ['color', 'size'] },
  );
}
