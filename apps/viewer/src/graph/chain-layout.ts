/**
 * The chain layout: upstream on the left, downstream on the right, one lane per segment in
 * which its companies are stacked (see {@link chainLayout}); the lanes come from the worker's
 * `ChainAnalysis`, nothing is computed here.
 */
import type { Stage } from '@chainlens/core';
import { STAGES } from '@chainlens/core';
import type { ChainAnalysis } from '../protocol.js';
import type { ReportSegment, SegmentStatus } from '../panel/report-types.js';
import type { ViewGraph } from './model.js';

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
