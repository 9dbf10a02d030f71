/**
 * The chain report drawn on the graph (no figure is computed here: everything comes from the
 * worker's `ChainAnalysis`, i.e. core's `analyze()`):
 * - each chain firm's main segment and stage (colour by segment or stage);
 * - **ghost nodes**: one per missing role (report `missingRoles`), keyed `ghost:<segment>`,
 *   linked to the local companies that need it (`neededBy`): for a missing upstream role the
 *   link runs ghost → buyer (it would supply them), for a downstream one seller → ghost; in a
 *   view grouped by segment, a company not drawn is stood for by its main segment's node;
 * - weak links: companies named by `single-source` and `cut-point` weak links, and the arcs of
 *   `bridge` weak links, flagged for the warning colour;
 * - the **chain layout**: upstream on the left, downstream on the right, one lane per segment
 *   in which its companies are stacked (see {@link chainLayout}).
 */
import type { Stage } from '@chainlens/core';
import { STAGES } from '@chainlens/core';
import type { ChainAnalysis } from '../protocol.js';
import { segmentGroupKey } from '../protocol.js';
import type { ReportSegment, SegmentStatus } from '../panel/report-types.js';
import type { NodeAttributes, ViewGraph } from './model.js';
import { t } from '../i18n.js';

export const GHOST_PREFIX = 'ghost:';
export const ghostKey = (segment: string) => `${GHOST_PREFIX}${segment}`;

/** Node and edge colours of the chain decorations. */
export const CHAIN_COLORS = {
  warn: '#e8590c',
  ghostFill: '#f3f4f6',
  ghostRing: '#7b8794',
  ghostEdge: '#9aa5b1',
  removed: '#1f2933',
  cutOff: '#c2312f',
};

/** Stage colours (colour by stage), and the hue range of each stage's segments. */
export const STAGE_COLORS: Record<Stage, string> = {
  upstream: '#3a7dc9',
  midstream: '#e8871e',
  downstream: '#8a5cc2',
};
const STAGE_HUES: Record<Stage, [number, number]> = {
  upstream: [150, 235],
  midstream: [18, 52],
  downstream: [265, 335],
};

/** A ghost node's label: the missing segment's name, marked missing. */
export function ghostLabel(segmentName: string): string {
  return t('viewer:ghost.label', { segment: segmentName });
}

/** A stage's name as lane headers and the legend show it, in the current language. */
export function stageLabel(stage: Stage): string {
  return stage === 'upstream'
    ? t('viewer:stage.upstream')
    : stage === 'midstream'
      ? t('viewer:stage.midstream')
      : t('viewer:stage.downstream');
}

function hex(h: number, s: number, l: number): string {
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

/**
 * One colour per segment: hues within its stage's range (upstream greens to blues, midstream
 * oranges, downstream purples), spread in template order with alternating lightness, so that a
 * segment's colour also tells its stage.
 */
export function segmentColors(segments: readonly ReportSegment[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const stage of STAGES) {
    const list = segments.filter((s) => s.stage === stage);
    const [h0, h1] = STAGE_HUES[stage];
    list.forEach((s, i) => {
      const t = list.length === 1 ? 0.5 : i / (list.length - 1);
      const l = [0.46, 0.6, 0.38][i % 3]!;
      out.set(s.id, hex(h0 + t * (h1 - h0), 0.62, l));
    });
  }
  return out;
}

/** Removes the chain decorations of a previous report (ghost nodes, flags). */
export function clearChain(graph: ViewGraph): void {
  for (const node of graph.nodes()) {
    if (graph.getNodeAttribute(node, 'ghost') !== undefined) graph.dropNode(node);
  }
  graph.updateEachNodeAttributes((_, a) => {
    delete a.segment;
    delete a.segments;
    delete a.weak;
    a.ring = 0;
    return a;
  });
  graph.updateEachEdgeAttributes((_, a) => {
    delete a.bridge;
    return a;
  });
}

/** Ghost nodes added, and how many of their links could be drawn. */
export interface ChainDecoration {
  ghosts: string[];
  ghostLinks: number;
  /**
   * neededBy companies that are not drawn and have no segment node standing for them (outside
   * the view, or inside a community node).
   */
  ghostLinksNotDrawn: number;
  /** neededBy companies stood for by their segment's group node (segment-grouped view). */
  ghostLinksViaGroup: number;
  bridgesDrawn: number;
  bridges: number;
}

/**
 * Puts a chain analysis on the graph: segments and weak-link flags on the company nodes, bridge
 * flags on arcs, one ghost node per missing role linked to its drawn `neededBy` companies.
 */
export function decorateChain(graph: ViewGraph, analysis: ChainAnalysis): ChainDecoration {
  clearChain(graph);
  const { report, companySegments } = analysis;
  graph.updateEachNodeAttributes((node, a) => {
    const segs = companySegments[node];
    if (segs && a.company >= 0) {
      a.segments = segs;
      a.segment = segs[0];
    } else if (a.groupSegment) {
      // A segment's group node: in its lane, in its colour.
      a.segment = a.groupSegment;
    }
    return a;
  });
  for (const w of report.weakLinks) {
    if ((w.kind === 'single-source' || w.kind === 'cut-point') && w.company) {
      if (!graph.hasNode(w.company)) continue;
      const weak = graph.getNodeAttribute(w.company, 'weak') ?? [];
      if (!weak.includes(w.kind)) graph.setNodeAttribute(w.company, 'weak', [...weak, w.kind]);
    }
  }
  let bridges = 0;
  let bridgesDrawn = 0;
  for (const w of report.weakLinks) {
    if (w.kind !== 'bridge' || !w.source || !w.target) continue;
    bridges++;
    let drawn = false;
    for (const [s, t] of [
      [w.source, w.target],
      [w.target, w.source],
    ] as const) {
      if (graph.hasNode(s) && graph.hasNode(t) && graph.hasDirectedEdge(s, t)) {
        graph.setEdgeAttribute(graph.directedEdge(s, t)!, 'bridge', true);
        drawn = true;
      }
    }
    if (drawn) bridgesDrawn++;
  }
  const ghosts: string[] = [];
  let ghostLinks = 0;
  let ghostLinksNotDrawn = 0;
  let ghostLinksViaGroup = 0;
  // A company not drawn on its own, in a view grouped by segment: its main segment's node.
  const groupNode = (id: string): string | undefined => {
    const main = companySegments[id]?.[0];
    const key = main === undefined ? undefined : segmentGroupKey(main);
    return key !== undefined && graph.hasNode(key) && graph.getNodeAttribute(key, 'company') < 0
      ? key
      : undefined;
  };
  const names = new Map(report.segments.map((s) => [s.id, s.name]));
  for (const m of report.missingRoles) {
    const key = ghostKey(m.segment);
    ghosts.push(key);
    // Every attribute is set when the node is added: sigma repaints an updated node in place,
    // which it cannot do for a node it has not indexed yet.
    const linked: string[] = [];
    const viaGroup = new Set<string>();
    for (const id of m.neededBy) {
      if (graph.hasNode(id) && graph.getNodeAttribute(id, 'company') >= 0) {
        linked.push(id);
        continue;
      }
      const group = groupNode(id);
      if (group !== undefined) {
        viaGroup.add(group);
        ghostLinksViaGroup++;
      } else {
        ghostLinksNotDrawn++;
      }
    }
    linked.push(...viaGroup);
    // Ghosts start beside the companies that need them (the force layout moves them on).
    let x = 0;
    let y = 0;
    for (const id of linked) {
      x += graph.getNodeAttribute(id, 'x');
      y += graph.getNodeAttribute(id, 'y');
    }
    const n = Math.max(1, linked.length);
    graph.addNode(key, {
      label: ghostLabel(names.get(m.segment) ?? m.segment),
      x: x / n + 0.5,
      y: y / n + 0.5,
      size: 9,
      color: CHAIN_COLORS.ghostFill,
      company: -1,
      region: '',
      community: -1,
      group: -1,
      companies: 0,
      degree: m.neededBy.length,
      pagerank: 0,
      attrs: {},
      segment: m.segment,
      ghost: m.segment,
      forceLabel: true,
      ring: 2,
      ringColor: CHAIN_COLORS.ghostRing,
    });
    for (const id of linked) {
      const [source, target] = m.direction === 'downstream' ? [id, key] : [key, id];
      graph.addDirectedEdge(source, target, {
        weight: 0,
        types: 0,
        relations: 0,
        size: 1,
        color: CHAIN_COLORS.ghostEdge,
        ghost: true,
      });
      ghostLinks++;
    }
  }
  return { ghosts, ghostLinks, ghostLinksNotDrawn, ghostLinksViaGroup, bridges, bridgesDrawn };
}

/** Stage of a node in the chain (its main segment's), or '' outside the chain. */
export function stageOfNode(a: NodeAttributes, stages: Map<string, Stage>): Stage | '' {
  return a.segment ? (stages.get(a.segment) ?? '') : '';
}

/**
 * Rings and colours of the chain flags: ghosts are grey discs with a dashed ring; with
 * `flagWeak`, companies named by single-source / cut-point weak links get a warning ring and
 * bridge arcs the warning colour (thicker); ghost links are thin grey. `ghostSize` in pixels;
 * `inLanes` (chain layout): ghosts unlabelled (their lane is), links of companies outside the
 * chain hidden (the renderer shows them when both ends are focused).
 */
export function applyChainStyle(
  graph: ViewGraph,
  flagWeak: boolean,
  ghostSize = 9,
  inLanes = false,
): void {
  graph.updateEachNodeAttributes(
    (_, a) => {
      if (a.ghost !== undefined) {
        a.color = CHAIN_COLORS.ghostFill;
        a.ring = 2;
        a.ringColor = CHAIN_COLORS.ghostRing;
        a.size = ghostSize;
        // In the chain layout the lane names the missing segment.
        a.forceLabel = !inLanes;
      } else if (flagWeak && a.weak?.length) {
        a.ring = 1;
        a.ringColor = CHAIN_COLORS.warn;
      } else {
        a.ring = 0;
      }
      return a;
    },
    { attributes: ['color', 'ring', 'ringColor', 'size', 'forceLabel'] },
  );
  graph.updateEachEdgeAttributes(
    (_, a, _s, _t, sa, ta) => {
      if (a.ghost) {
        a.color = CHAIN_COLORS.ghostEdge;
        a.size = 1;
      } else if (a.bridge && flagWeak) {
        a.color = CHAIN_COLORS.warn;
        a.size = Math.max(a.size, 3);
      }
      // The chain layout draws the links between chain firms (and of ghosts); the links of
      // companies outside the chain show when they are focused.
      a.hidden = inLanes && !a.ghost && (sa.segment === undefined || ta.segment === undefined);
      return a;
    },
    { attributes: ['color', 'size', 'hidden'] },
  );
}

// ---------------------------------------------------------------- chain layout

/** A segment's lane in graph coordinates (y grows downwards here; see `yUp`). */
export interface Lane {
  segment: string;
  name: string;
  stage: Stage;
  status: SegmentStatus;
  /** n_s: the cluster's companies in the segment (some may sit in their main segment's lane). */
  companies: number;
  /** Nodes placed in the lane (companies whose main segment it is, or its ghost). */
  placed: number;
  column: number;
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface ChainLayout {
  lanes: Lane[];
  /** Stage bands (x range of their columns). */
  stages: { stage: Stage; x0: number; x1: number }[];
  /** Template feeds between lanes (indices into `lanes`). */
  feeds: [number, number][];
  /** The block of drawn companies outside the chain, below the lanes (null when none). */
  others: { x0: number; y0: number; x1: number; y1: number; count: number } | null;
  /** Bounding box of everything (lanes, labels, others). */
  bbox: { x: [number, number]; y: [number, number] };
  /** Whether graph y grows upwards (sigma's convention): lanes are stored flipped then. */
  yUp: boolean;
}

const CELL = 1;
const HEADER = 1.3;
const PAD = 0.45;
const LANE_GAP = 0.55;
const COLUMN_GAP = 1.8;
const STAGE_GAP = 1.6;

/**
 * Columns of the segments: stages left to right; inside a stage, a segment sits as far right
 * as its longest chain of same-stage feeds allows (a segment feeding the next stage directly is
 * in the stage's last column), so that every feed inside a stage runs left to right.
 */
export function segmentColumns(
  segments: readonly Pick<ReportSegment, 'id' | 'stage'>[],
  feeds: readonly [string, string][],
): { column: Map<string, number>; columns: number; stageColumns: Map<Stage, [number, number]> } {
  const stage = new Map(segments.map((s) => [s.id, s.stage]));
  const next = new Map<string, string[]>(segments.map((s) => [s.id, []]));
  for (const [a, b] of feeds) {
    if (stage.has(a) && stage.get(a) === stage.get(b)) next.get(a)!.push(b);
  }
  const level = new Map<string, number>();
  const visiting = new Set<string>();
  const levelOf = (s: string): number => {
    const known = level.get(s);
    if (known !== undefined) return known;
    if (visiting.has(s)) return 0; // templates are DAGs; a cycle cannot recurse forever
    visiting.add(s);
    let l = 0;
    for (const t of next.get(s) ?? []) l = Math.max(l, 1 + levelOf(t));
    visiting.delete(s);
    level.set(s, l);
    return l;
  };
  const column = new Map<string, number>();
  const stageColumns = new Map<Stage, [number, number]>();
  let offset = 0;
  for (const st of STAGES) {
    const list = segments.filter((s) => s.stage === st);
    if (list.length === 0) continue;
    const max = Math.max(...list.map((s) => levelOf(s.id)));
    for (const s of list) column.set(s.id, offset + max - levelOf(s.id));
    stageColumns.set(st, [offset, offset + max]);
    offset += max + 1;
  }
  return { column, columns: offset, stageColumns };
}

/**
 * Places every node: chain firms in their main segment's lane (largest share first, as the
 * report lists a segment's members), each ghost in its missing segment's lane, and the drawn
 * companies outside the chain (and community nodes, the "not in this chain" node) in a block below the lanes, grouped by
 * community. Writes x / y on the graph and returns the lanes to draw.
 */
export function chainLayout(graph: ViewGraph, analysis: ChainAnalysis, yUp = true): ChainLayout {
  const { report } = analysis;
  const segments = report.segments;
  const { column, columns, stageColumns } = segmentColumns(segments, report.template.feedList);

  // Nodes per lane, in the report's member order (largest share first).
  const byLane = new Map<string, string[]>(segments.map((s) => [s.id, []]));
  const rank = new Map<string, number>();
  for (const s of segments) s.members.forEach((m, i) => rank.set(`${s.id}|${m.company}`, i));
  const others: string[] = [];
  graph.forEachNode((node, a) => {
    const lane = a.segment !== undefined ? byLane.get(a.segment) : undefined;
    if (lane) lane.push(node);
    else others.push(node);
  });
  for (const [seg, list] of byLane) {
    list.sort(
      (a, b) =>
        (rank.get(`${seg}|${a}`) ?? Infinity) - (rank.get(`${seg}|${b}`) ?? Infinity) ||
        (a < b ? -1 : 1),
    );
  }

  // Column widths: companies per row from the column's fullest lane.
  const perRow = new Array<number>(columns).fill(4);
  for (const s of segments) {
    const n = byLane.get(s.id)!.length;
    const c = column.get(s.id)!;
    perRow[c] = Math.max(perRow[c]!, Math.min(8, Math.ceil(Math.sqrt(n * 1.6))));
  }
  const x0Of: number[] = [];
  let x = 0;
  let lastStage: Stage | undefined;
  for (let c = 0; c < columns; c++) {
    const st = [...stageColumns].find(([, [a, b]]) => c >= a && c <= b)![0];
    if (lastStage !== undefined && st !== lastStage) x += STAGE_GAP;
    lastStage = st;
    x0Of.push(x);
    x += perRow[c]! * CELL + 2 * PAD + COLUMN_GAP;
  }
  const width = x - COLUMN_GAP;

  // Lanes stacked per column in template order, columns centred vertically.
  const lanes: Lane[] = [];
  const laneIndex = new Map<string, number>();
  const heights = new Array<number>(columns).fill(0);
  const rowsOf = (s: ReportSegment) =>
    Math.max(1, Math.ceil(byLane.get(s.id)!.length / perRow[column.get(s.id)!]!));
  for (const s of segments) {
    const c = column.get(s.id)!;
    heights[c]! += (heights[c]! > 0 ? LANE_GAP : 0) + HEADER + rowsOf(s) * CELL + PAD;
  }
  const tallest = Math.max(...heights);
  const cursor = heights.map((h) => (tallest - h) / 2);
  for (const s of segments) {
    const c = column.get(s.id)!;
    const k = perRow[c]!;
    const y0 = cursor[c]!;
    const y1 = y0 + HEADER + rowsOf(s) * CELL + PAD;
    cursor[c] = y1 + LANE_GAP;
    const lx0 = x0Of[c]!;
    const lx1 = lx0 + k * CELL + 2 * PAD;
    const placed = byLane.get(s.id)!;
    placed.forEach((node, i) => {
      const row = Math.floor(i / k);
      const col = i % k;
      // A lane's last row is centred.
      const inRow = Math.min(k, placed.length - row * k);
      const dx = (k - inRow) / 2;
      graph.mergeNodeAttributes(node, {
        x: lx0 + PAD + (col + dx + 0.5) * CELL,
        y: y0 + HEADER + (row + 0.5) * CELL,
      });
    });
    laneIndex.set(s.id, lanes.length);
    lanes.push({
      segment: s.id,
      name: s.name,
      stage: s.stage,
      status: s.status,
      companies: s.companies,
      placed: placed.length,
      column: c,
      x0: lx0,
      y0,
      x1: lx1,
      y1,
    });
  }

  // Companies outside the chain: a compact grid below, grouped by community, largest first.
  let othersBox: ChainLayout['others'] = null;
  let bottom = tallest;
  if (others.length > 0) {
    others.sort((a, b) => {
      const x1 = graph.getNodeAttributes(a);
      const x2 = graph.getNodeAttributes(b);
      return x1.community - x2.community || x2.degree - x1.degree || (a < b ? -1 : 1);
    });
    const step = CELL * 0.55;
    const k = Math.max(8, Math.floor(width / step));
    const top = tallest + 2.5;
    others.forEach((node, i) => {
      graph.mergeNodeAttributes(node, {
        x: ((i % k) + 0.5) * step,
        y: top + HEADER + (Math.floor(i / k) + 0.5) * step,
      });
    });
    const rows = Math.ceil(others.length / k);
    bottom = top + HEADER + rows * step + PAD;
    othersBox = {
      x0: 0,
      y0: top,
      x1: Math.max(width, k * step),
      y1: bottom,
      // Companies, a group node counting for those it stands for.
      count: others.reduce((n, node) => n + graph.getNodeAttribute(node, 'companies'), 0),
    };
  }

  const feeds: [number, number][] = [];
  for (const [a, b] of report.template.feedList) {
    const i = laneIndex.get(a);
    const j = laneIndex.get(b);
    if (i !== undefined && j !== undefined) feeds.push([i, j]);
  }
  const stages = [...stageColumns].map(([stage, [a, b]]) => ({
    stage,
    x0: x0Of[a]!,
    x1: x0Of[b]! + perRow[b]! * CELL + 2 * PAD,
  }));
  const bbox = {
    x: [-0.5, Math.max(width, othersBox?.x1 ?? 0) + 0.5] as [number, number],
    y: [-2.2, bottom + 0.5] as [number, number],
  };
  const layout: ChainLayout = { lanes, stages, feeds, others: othersBox, bbox, yUp: false };
  return yUp ? flipY(graph, layout) : layout;
}

/** Sigma draws graph y upwards: flips node positions and the lanes. */
function flipY(graph: ViewGraph, layout: ChainLayout): ChainLayout {
  graph.updateEachNodeAttributes(
    (_, a) => {
      a.y = -a.y;
      return a;
    },
    { attributes: ['y'] },
  );
  const flip = <T extends { y0: number; y1: number }>(b: T): T => ({ ...b, y0: -b.y1, y1: -b.y0 });
  return {
    ...layout,
    lanes: layout.lanes.map(flip),
    others: layout.others ? flip(layout.others) : null,
    bbox: { x: layout.bbox.x, y: [-layout.bbox.y[1], -layout.bbox.y[0]] },
    yUp: true,
  };
}
