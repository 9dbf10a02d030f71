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
import type { LaneGrouping } from './lane-groups.js';
import { collapsedLanes } from './lane-groups.js';

/** A segment's lane (or a collapsed process group's) in graph coordinates (y grows downwards here; see `yUp`). */
export interface Lane {
  /** The segment; for a collapsed group, its head segment. */
  segment: string;
  /** The segments drawn in the lane (the segment alone, or the group's, in template order). */
  segments: string[];
  /** A collapsed process group (lane-groups.ts): its name is the head's, `segments` its members. */
  group: boolean;
  name: string;
  stage: Stage;
  status: SegmentStatus;
  /**
   * n_s: the cluster's companies in the segment (some may sit in their main segment's lane);
   * for a group, the companies placed in it (0 when every segment of it is missing).
   */
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
  /** Height of the lanes' headers (their names), in graph units. */
  header: number;
}

const CELL = 1;
/** Least height of a lane's header (its name, on up to three lines), in cells. */
const HEADER = 2.1;
/** Most height of a lane's header, where the picture is wide and has height to spare. */
const HEADER_MAX = 4;
const PAD = 0.45;
const LANE_GAP = 0.55;
const COLUMN_GAP = 1.8;
const STAGE_GAP = 1.6;
/** Widest a column grows for its lanes' names, in cells. */
const NAME_CELLS_MAX = 9;

/**
 * A lane name's width in cells at the size lane names are drawn when a cell is about 14 px
 * (12 px text: a CJK character 0.85 cell, other characters about half that); a group's name
 * carries its segment count.
 */
function nameCells(name: string, group: boolean): number {
  let w = group ? 6 : 0;
  for (const ch of name) w += /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/.test(ch) ? 0.85 : 0.45;
  return w;
}

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
 * companies outside the chain (and community nodes, the "not in this chain" node) in a block below
 * the lanes, grouped by community. Lanes of a process group collapse into one (lane-groups.ts:
 * `grouping`, less the `expanded` group heads). Writes x / y on the graph and returns the lanes.
 */
export function chainLayout(
  graph: ViewGraph,
  analysis: ChainAnalysis,
  yUp = true,
  grouping: LaneGrouping = 'auto',
  expanded: ReadonlySet<string> = new Set(),
): ChainLayout {
  const { report } = analysis;
  const { segments, laneOf, feedList } = laneSegments(report, grouping, expanded);
  const { column, columns, stageColumns } = segmentColumns(segments, feedList);

  // Nodes per lane, in the report's member order (largest share first).
  const byLane = new Map<string, string[]>(segments.map((s) => [s.id, []]));
  const rank = new Map<string, number>();
  for (const s of report.segments) {
    s.members.forEach((m, i) => rank.set(`${laneOf(s.id)}|${m.company}`, i));
  }
  const others: string[] = [];
  graph.forEachNode((node, a) => {
    const lane = a.segment !== undefined ? byLane.get(laneOf(a.segment)) : undefined;
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

  // Column widths: companies per row from the column's fullest lane, and room for the names
  // (on two lines of a header) of its lanes.
  const perRow = new Array<number>(columns).fill(4);
  for (const s of segments) {
    const n = byLane.get(s.id)!.length;
    const c = column.get(s.id)!;
    const byCompanies = Math.min(8, Math.ceil(Math.sqrt(n * 1.6)));
    const byName = Math.min(NAME_CELLS_MAX, Math.ceil(nameCells(s.name, s.group) / 2 - 2 * PAD));
    perRow[c] = Math.max(perRow[c]!, byCompanies, byName);
  }
  // A segment's group node (a view grouped by segment) gets two rows: it is drawn larger.
  const grouped = (s: LaneSegment) =>
    byLane.get(s.id)!.some((n) => graph.getNodeAttribute(n, 'groupSegment') !== undefined);
  const rowsOf = (s: LaneSegment) =>
    Math.max(grouped(s) ? 2 : 1, Math.ceil(byLane.get(s.id)!.length / perRow[column.get(s.id)!]!));
  let header = HEADER;
  const laneHeight = (s: LaneSegment) => header + rowsOf(s) * CELL + PAD;
  const laneWidth = (c: number) => perRow[c]! * CELL + 2 * PAD;

  // A column taller than the picture is wide splits into side-by-side sub-columns (its lanes
  // feed none of each other: same column, same distance to the stage's end).
  const inColumn = new Array(columns).fill(null).map((): LaneSegment[] => []);
  for (const s of segments) inColumn[column.get(s.id)!]!.push(s);
  const area = segments.reduce((sum, s) => sum + laneHeight(s) * laneWidth(column.get(s.id)!), 0);
  const limit = Math.max(...segments.map(laneHeight), Math.sqrt(area) * 1.2);
  const sub: { c: number; lanes: LaneSegment[]; height: number }[] = [];
  for (let c = 0; c < columns; c++) {
    const list = inColumn[c]!;
    const total = list.reduce((h, s) => h + laneHeight(s) + LANE_GAP, 0) - LANE_GAP;
    const k = Math.max(1, Math.ceil(total / limit));
    const share = total / k;
    let current = { c, lanes: [] as LaneSegment[], height: 0 };
    sub.push(current);
    for (const s of list) {
      const h = laneHeight(s);
      if (current.lanes.length > 0 && current.height + LANE_GAP + h / 2 > share) {
        current = { c, lanes: [], height: 0 };
        sub.push(current);
      }
      current.height += (current.lanes.length > 0 ? LANE_GAP : 0) + h;
      current.lanes.push(s);
    }
  }
  const stageOfColumn = (c: number) => [...stageColumns].find(([, [p, q]]) => c >= p && c <= q)![0];
  const x0Of: number[] = [];
  let x = 0;
  let lastStage: Stage | undefined;
  for (const col of sub) {
    const st = stageOfColumn(col.c);
    if (lastStage !== undefined && st !== lastStage) x += STAGE_GAP;
    lastStage = st;
    x0Of.push(x);
    x += laneWidth(col.c) + COLUMN_GAP;
  }
  const width = x - COLUMN_GAP;
  // A picture much wider than tall: taller headers, for names on more lines.
  let tallest = Math.max(...sub.map((col) => col.height));
  const most = Math.max(...sub.map((col) => col.lanes.length));
  if (width > 1.5 * tallest) {
    header = Math.min(HEADER_MAX, HEADER + (width / 1.5 - tallest) / most);
    for (const col of sub) col.height += (header - HEADER) * col.lanes.length;
    tallest = Math.max(...sub.map((col) => col.height));
  }

  // Lanes stacked per sub-column in template order, sub-columns centred vertically.
  const lanes: Lane[] = [];
  const laneIndex = new Map<string, number>();
  sub.forEach((col, ci) => {
    let y0 = (tallest - col.height) / 2;
    const k = perRow[col.c]!;
    const lx0 = x0Of[ci]!;
    for (const s of col.lanes) {
      const y1 = y0 + laneHeight(s);
      const placed = byLane.get(s.id)!;
      placed.forEach((node, i) => {
        const row = Math.floor(i / k);
        const colIndex = i % k;
        // A lane's last row is centred.
        const inRow = Math.min(k, placed.length - row * k);
        const dx = (k - inRow) / 2;
        graph.mergeNodeAttributes(node, {
          x: lx0 + PAD + (colIndex + dx + 0.5) * CELL,
          y: y0 + header + (placed.length === 1 ? rowsOf(s) / 2 : row + 0.5) * CELL,
        });
      });
      laneIndex.set(s.id, lanes.length);
      lanes.push({
        segment: s.id,
        segments: s.members,
        group: s.group,
        name: s.name,
        stage: s.stage,
        status: s.status,
        companies: s.companies,
        placed: placed.length,
        column: ci,
        x0: lx0,
        y0,
        x1: lx0 + laneWidth(col.c),
        y1,
      });
      y0 = y1 + LANE_GAP;
    }
  });

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
  const seen = new Set<string>();
  for (const [a, b] of feedList) {
    const i = laneIndex.get(a);
    const j = laneIndex.get(b);
    if (i !== undefined && j !== undefined && !seen.has(`${i}|${j}`)) {
      seen.add(`${i}|${j}`);
      feeds.push([i, j]);
    }
  }
  const stages = [...stageColumns].map(([stage]) => {
    const mine = sub
      .map((col, i) => [col, i] as const)
      .filter(([col]) => stageOfColumn(col.c) === stage);
    const [firstCol, first] = mine[0]!;
    const [lastCol, last] = mine[mine.length - 1]!;
    void firstCol;
    return { stage, x0: x0Of[first]!, x1: x0Of[last]! + laneWidth(lastCol.c) };
  });
  const bbox = {
    x: [-0.5, Math.max(width, othersBox?.x1 ?? 0) + 0.5] as [number, number],
    y: [-2.2, bottom + 0.5] as [number, number],
  };
  const layout: ChainLayout = {
    lanes,
    stages,
    feeds,
    others: othersBox,
    bbox,
    yUp: false,
    header,
  };
  return yUp ? flipY(graph, layout) : layout;
}

/** What a lane is made of: a segment, or a collapsed process group standing for its members. */
interface LaneSegment {
  id: string;
  name: string;
  stage: Stage;
  status: SegmentStatus;
  companies: number;
  members: string[];
  group: boolean;
}

/**
 * The lanes' segments: the report's, with the collapsed groups' members folded into their
 * head (at the head's place in template order); feeds between lanes, without feeds inside one.
 */
function laneSegments(
  report: ChainAnalysis['report'],
  grouping: LaneGrouping,
  expanded: ReadonlySet<string>,
): {
  segments: LaneSegment[];
  laneOf: (segment: string) => string;
  feedList: [string, string][];
} {
  const collapsed = collapsedLanes(report.segments, report.template.feedList, grouping, expanded);
  const laneOf = (s: string) => collapsed.get(s) ?? s;
  const byId = new Map<string, LaneSegment>();
  for (const s of report.segments) {
    const head = laneOf(s.id);
    const lane = byId.get(head);
    if (!lane) {
      const headSegment = report.segments.find((x) => x.id === head)!;
      byId.set(head, {
        id: head,
        name: headSegment.name,
        stage: headSegment.stage,
        status: s.status,
        companies: collapsed.has(s.id) ? 0 : s.companies,
        members: [s.id],
        group: collapsed.has(s.id),
      });
    } else lane.members.push(s.id);
  }
  for (const lane of byId.values()) {
    if (!lane.group) continue;
    const members = report.segments.filter((s) => lane.members.includes(s.id));
    // The group's companies: every company of a member segment, once.
    lane.companies = new Set(members.flatMap((s) => s.members.map((m) => m.company))).size;
    // All missing: the head's kind of gap; some missing or weak: weak (amber).
    lane.status =
      lane.companies === 0
        ? members.find((s) => s.id === lane.id)!.status
        : members.some((s) => s.status !== 'present')
          ? 'weak'
          : 'present';
  }
  // Template order of the heads.
  const segments = report.segments.filter((s) => byId.has(s.id)).map((s) => byId.get(s.id)!);
  const feedList = report.template.feedList
    .map(([a, b]) => [laneOf(a), laneOf(b)] as [string, string])
    .filter(([a, b]) => a !== b);
  return { segments, laneOf, feedList };
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
