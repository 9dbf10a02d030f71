/**
 * How nodes and edges look: size by a centrality, colour by community, region, a categorical
 * attribute, or (with a chain report) the chain segment or stage, and the legend that goes
 * with the colours.
 */
import { RELATION_TYPES, regionParts } from '@chainlens/core';
import type { RelationType, Stage } from '@chainlens/core';
import type { ClusterChoice } from '../protocol.js';
import type { NodeAttributes, ViewGraph } from './model.js';
import { t } from '../i18n.js';

export type SizeBy = 'degree' | 'pagerank' | 'betweenness' | 'uniform';
/** `community`, `region`, `segment`, `stage` or `attr:<column>`. */
export type ColorBy = string;

/**
 * Fixed colours of the chain (colour by `segment` or `stage`): categories in template order,
 * named, whatever their sizes.
 */
export interface ChainColoring {
  /** Segment id → colour (graph/chain.ts segmentColors). */
  segmentColors: Map<string, string>;
  segmentNames: Map<string, string>;
  /** Segment ids in template order. */
  order: string[];
  stageOf: Map<string, Stage>;
  stageColors: Record<Stage, string>;
  stageLabels: Record<Stage, string>;
}

/** Category key of ghost nodes (never a colour category: they stay grey). */
export const GHOST_KEY = '\u0000ghost';

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
  if (attrs.ghost !== undefined) return GHOST_KEY;
  if (colorBy === 'community') return attrs.community >= 0 ? String(attrs.community) : '';
  if (colorBy === 'segment') return attrs.segment ?? '';
  if (colorBy === 'region') {
    const parts = regionParts(attrs.region);
    const depth = cluster.kind === 'region' ? regionParts(cluster.path).length : 0;
    if (parts.length === 0) return '';
    return parts.slice(0, Math.min(parts.length, depth + 1)).join('/');
  }
  if (colorBy.startsWith('attr:')) return attrs.attrs[colorBy.slice(5)] ?? '';
  return '';
}

/** The category of a node, with the chain's stages (colour by `stage`). */
function categoryWith(
  attrs: NodeAttributes,
  colorBy: ColorBy,
  cluster: ClusterChoice,
  chain: ChainColoring | undefined,
): string {
  if (colorBy === 'stage' && attrs.ghost === undefined) {
    return attrs.segment ? (chain?.stageOf.get(attrs.segment) ?? '') : '';
  }
  return categoryOf(attrs, colorBy, cluster);
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
  chain?: ChainColoring,
): LegendEntry[] {
  if ((colorBy === 'segment' || colorBy === 'stage') && chain) {
    return applyChainColors(graph, colorBy, cluster, chain);
  }
  const counts = new Map<string, number>();
  graph.forEachNode((_, a) => {
    const k = categoryOf(a, colorBy, cluster);
    if (k === GHOST_KEY) return;
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
      if (k !== GHOST_KEY) a.color = k === '' ? NONE_COLOR : (colors.get(k) ?? OTHER_COLOR);
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
      label: t(varied ? 'viewer:legend.othersMuted' : 'viewer:legend.others', {
        count: rest.length,
        n: rest.length,
      }),
      color: varied ? hslHex(200, 0.35, 0.62) : OTHER_COLOR,
      count: rest.reduce((s, [, c]) => s + c, 0),
    });
  }
  const none = counts.get('');
  if (none)
    legend.push({ key: '', label: t('viewer:legend.none'), color: NONE_COLOR, count: none });
  return legend;
}

/**
 * Colour by chain segment or stage: every segment (stage) of the template with drawn companies
 * is a legend entry, in template order, in its fixed colour; companies outside the chain are
 * "(not in the chain)".
 */
function applyChainColors(
  graph: ViewGraph,
  colorBy: 'segment' | 'stage',
  cluster: ClusterChoice,
  chain: ChainColoring,
): LegendEntry[] {
  const counts = new Map<string, number>();
  const colorOf = (k: string) =>
    k === ''
      ? NONE_COLOR
      : colorBy === 'segment'
        ? (chain.segmentColors.get(k) ?? OTHER_COLOR)
        : chain.stageColors[k as Stage];
  graph.updateEachNodeAttributes(
    (_, a) => {
      const k = categoryWith(a, colorBy, cluster, chain);
      if (k === GHOST_KEY) return a;
      counts.set(k, (counts.get(k) ?? 0) + a.companies);
      a.color = colorOf(k);
      return a;
    },
    { attributes: ['color'] },
  );
  const keys =
    colorBy === 'segment'
      ? chain.order
      : (['upstream', 'midstream', 'downstream'] as const).filter((s) => counts.has(s));
  const legend: LegendEntry[] = keys
    .filter((k) => counts.has(k))
    .map((k) => ({
      key: k,
      label:
        colorBy === 'segment' ? (chain.segmentNames.get(k) ?? k) : chain.stageLabels[k as Stage],
      color: colorOf(k),
      count: counts.get(k)!,
    }));
  const none = counts.get('');
  if (none)
    legend.push({ key: '', label: t('viewer:legend.notInChain'), color: NONE_COLOR, count: none });
  return legend;
}

/** Whether a node's category is among the hidden legend keys. */
export function isHiddenCategory(
  attrs: NodeAttributes,
  colorBy: ColorBy,
  cluster: ClusterChoice,
  hidden: Set<string>,
  legend: LegendEntry[],
  chain?: ChainColoring,
): boolean {
  if (hidden.size === 0) return false;
  const k = categoryWith(attrs, colorBy, cluster, chain);
  if (k === GHOST_KEY) return false;
  if (hidden.has(k)) return true;
  if (hidden.has(OTHER_KEY) && k !== '' && !legend.some((e) => e.key === k)) return true;
  return false;
}

/**
 * Sizes the nodes by a metric: area grows with the value (radius ∝ √ of its share of the
 * range), between a floor and a ceiling that shrink as the graph grows (or `range`'s, in pixels:
 * the chain layout keeps nodes inside their cells; `outside` scales the companies outside the
 * chain, `group` is the ceiling of segment group nodes). Community nodes are sized by their
 * companies.
 */
export function applySizes(
  graph: ViewGraph,
  sizeBy: SizeBy,
  range?: { floor: number; ceiling: number; outside: number; group?: number },
): void {
  const n = graph.order;
  const floor = range?.floor ?? (n > 10_000 ? 1.5 : n > 2_000 ? 2 : n > 300 ? 2.5 : 4);
  const ceiling = range?.ceiling ?? (n > 10_000 ? 9 : n > 2_000 ? 11 : n > 300 ? 14 : 20);
  // The chain layout's companies outside the chain sit on a tighter grid.
  const scale = (a: NodeAttributes) =>
    range && a.segment === undefined && a.ghost === undefined ? range.outside : 1;
  const value = (a: NodeAttributes) => {
    if (a.ghost !== undefined) return 0;
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
  // In the chain layout the node of the companies outside the chain ('' as its segment) holds
  // most companies of a national view: it is drawn at the top size and does not set the scale,
  // so that the segment nodes are sized among themselves.
  const outsideNode = (a: NodeAttributes) => range?.group !== undefined && a.groupSegment === '';
  graph.forEachNode((_, a) => {
    if (a.ghost !== undefined || outsideNode(a)) return;
    const v = value(a);
    if (v < min) min = v;
    if (v > max) max = v;
  });
  const spread = max - min;
  graph.updateEachNodeAttributes(
    (_, a) => {
      // Equal values (no links at all, say): a size at which labels show.
      // A segment's group node in the chain layout: up to `range.group` (its lane has room).
      const top = range?.group && a.groupSegment !== undefined ? range.group : ceiling;
      a.size =
        scale(a) *
        ((sizeBy === 'uniform' || spread === 0) && a.company >= 0
          ? Math.min(ceiling, floor + 4)
          : floor +
            (outsideNode(a)
              ? 1
              : spread > 0
                ? Math.sqrt(Math.max(0, value(a) - min) / spread)
                : 0) *
              (top - floor));
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
      if (a.ghost) return a;
      const type = RELATION_TYPES.find((_t, i) => (a.types & (1 << i)) !== 0) ?? 'supply';
      a.color = EDGE_COLORS[type];
      // Thickness grows with the relations merged into the arc, relative to the thickest.
      a.size = big ? 0.5 : 0.6 + 3.4 * Math.sqrt((a.relations - 1) / Math.max(1, most - 1));
      return a;
    },
    { attributes: ['color', 'size'] },
  );
}
