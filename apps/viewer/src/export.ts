/**
 * Taking the view away: a PNG of what is drawn (@sigma/export-image renders the layers into one
 * canvas) and an SVG of it, both framed with a title, legend and data note (export-frame.ts);
 * the drawn graph as GEXF 1.2draft or 1.3 (io's writer, `toGexf`, the one `chainlens export`
 * uses: typed attributes, text XML-safe) with labels, positions, colours, sizes and the metrics
 * as attributes, for Gephi, NetworkX and other tools; the same node columns as CSV (io's
 * `exportTableCsv`: text cells guarded against spreadsheet formulas) for a set of nodes.
 */
import { drawOnCanvas } from '@sigma/export-image';
import type { ExportColumn, ExportTable, ExportViz, GexfVersion } from '@chainlens/io';
import { exportTableCsv, toGexf } from '@chainlens/io';
import type Sigma from 'sigma';
import type { Frame, Scene } from './export-frame.js';
import { frameCanvas, frameSvg } from './export-frame.js';
import { LABEL_FONT } from './graph/fonts.js';
import type { ChainLayout } from './graph/chain-layout.js';
import { LANE_LAYER } from './graph/lanes.js';
import type { EdgeAttributes, NodeAttributes, ViewGraph } from './graph/model.js';
import { typesOf } from './graph/model.js';

export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Pixels per screen pixel of a PNG export (for print). */
export const PNG_SCALE = 2;
/** The interaction layers, never exported. */
const INTERACTION_LAYERS = new Set(['mouse', 'hovers', 'hoverNodes']);

/**
 * The view as a PNG blob, {@link PNG_SCALE} times the screen's pixel size for print, framed
 * (title, legend, data note); with the chain layout's lanes drawn under the graph when given.
 * Sigma draws the nodes and edges again at that size, scaled alike, so the picture is the
 * screen's, sharper; the labels are the SVG's (sceneOf), drawn with the frame.
 */
export async function pngOf(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  frame: Frame,
  lanes: ChainLayout | null = null,
): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const k = PNG_SCALE;
  // The labels are the picture's own (sceneOf: sigma's and the largest nodes'), as in the SVG.
  const layers = Object.keys(sigma.getCanvases()).filter(
    (l) => l !== LANE_LAYER && l !== 'labels' && !INTERACTION_LAYERS.has(l),
  );
  const { labels } = sceneOf(sigma, false);
  const zoomToSize = sigma.getSetting('zoomToSizeRatioFunction');
  const graph = await drawOnCanvas(sigma as unknown as Sigma, {
    backgroundColor: 'transparent',
    width: width * k,
    height: height * k,
    cameraState: sigma.getCamera().getState(),
    layers,
    // Sizes and the stage's padding (pixels) scaled too: nodes stay where the labels and
    // lanes, taken from the screen, put them.
    sigmaSettings: {
      zoomToSizeRatioFunction: (r: number) => zoomToSize(r) / k,
      stagePadding: sigma.getSetting('stagePadding') * k,
    },
  });
  // The lanes as the screen shows them, enlarged: their names keep their size next to the
  // labels (drawn again at this size they would be half as large).
  const base = document.createElement('canvas');
  base.width = graph.width;
  base.height = graph.height;
  const ctx = base.getContext('2d')!;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, base.width, base.height);
  const lanesCanvas = lanes ? sigma.getCanvases()[LANE_LAYER] : undefined;
  if (lanesCanvas) ctx.drawImage(lanesCanvas, 0, 0, base.width, base.height);
  ctx.drawImage(graph, 0, 0);
  const canvas = frameCanvas(frame, base, width, height, k, labels);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG: no image'))), 'image/png'),
  );
}

/**
 * What sigma shows now, in viewport pixels: the shown nodes (reducers applied: hidden
 * categories and filters left out, focus colours kept) and links with an end in the view, the
 * labels sigma displayed, and the lanes layer as an image when the chain layout is on.
 */
export function sceneOf(sigma: Sigma<NodeAttributes, EdgeAttributes>, lanes: boolean): Scene {
  const { width, height } = sigma.getDimensions();
  const graph = sigma.getGraph();
  type P = Scene['nodes'][number] & { z: number; label: string; key: string };
  const pos = new Map<string, P>();
  const margin = 20;
  const inside = (p: { x: number; y: number }) =>
    p.x >= -margin && p.x <= width + margin && p.y >= -margin && p.y <= height + margin;
  graph.forEachNode((key) => {
    const d = sigma.getNodeDisplayData(key) as
      (ReturnType<typeof sigma.getNodeDisplayData> & Partial<NodeAttributes>) | undefined;
    if (!d || d.hidden) return;
    const p = sigma.framedGraphToViewport(d);
    const ring = d.ring ? (d.ringColor ?? '#f59f00') : undefined;
    pos.set(key, {
      key,
      x: p.x,
      y: p.y,
      r: sigma.scaleSize(d.size),
      color: d.color,
      ring,
      dashed: d.ring === 2,
      z: d.zIndex ?? 0,
      label: d.label ?? '',
    });
  });
  const edges: (Scene['edges'][number] & { z: number })[] = [];
  graph.forEachEdge((key, _a, source, target) => {
    const d = sigma.getEdgeDisplayData(key);
    const s = pos.get(source);
    const t = pos.get(target);
    if (!d || d.hidden || !s || !t || (!inside(s) && !inside(t))) return;
    // Ends at the target's disc, where the arrow's tip goes.
    const len = Math.hypot(t.x - s.x, t.y - s.y) || 1;
    const cut = Math.min(t.r, len / 2);
    edges.push({
      x1: s.x,
      y1: s.y,
      x2: t.x - ((t.x - s.x) / len) * cut,
      y2: t.y - ((t.y - s.y) / len) * cut,
      color: d.color,
      width: Math.max(0.5, sigma.scaleSize(d.size)),
      z: d.zIndex ?? 0,
    });
  });
  edges.sort((a, b) => a.z - b.z);
  const nodes = [...pos.values()].filter(inside).sort((a, b) => a.z - b.z || b.r - a.r);
  const labelSize = sigma.getSetting('labelSize');
  const labels = placeLabels(
    [...sigma.getNodeDisplayedLabels()].map((key) => pos.get(key)),
    [...pos.values()].sort((a, b) => b.r - a.r),
    labelSize,
    { width, height },
  );
  const underlay = lanes ? sigma.getCanvases()[LANE_LAYER]?.toDataURL('image/png') : undefined;
  return {
    width,
    height,
    edges: edges.map(({ z: _z, ...e }) => e),
    arrows: sigma.getSetting('defaultEdgeType') === 'arrow',
    nodes: nodes.map(({ x, y, r, color, ring, dashed }) => ({ x, y, r, color, ring, dashed })),
    labels,
    underlay,
  };
}

/** Labels a picture gets at least (the largest nodes), when sigma showed fewer. */
export const PICTURE_LABELS = 30;

/**
 * The labels of a picture: those sigma displayed, then the largest nodes' until
 * {@link PICTURE_LABELS}, each kept only where it overlaps no label already placed (boxes from
 * the measured text; CJK labels are wide).
 */
function placeLabels(
  shown: ({ x: number; y: number; r: number; label: string } | undefined)[],
  bySize: { x: number; y: number; r: number; label: string }[],
  size: number,
  view: { width: number; height: number },
): Scene['labels'] {
  const ctx = document.createElement('canvas').getContext('2d');
  if (ctx) ctx.font = `500 ${size}px ${LABEL_FONT}`;
  const boxes: [number, number, number, number][] = [];
  const out: Scene['labels'] = [];
  const seen = new Set<object>();
  const place = (p: { x: number; y: number; r: number; label: string }, force: boolean) => {
    if (seen.has(p) || !p.label) return;
    const x = p.x + p.r + 3;
    const y = p.y + size / 3;
    const w = ctx ? ctx.measureText(p.label).width : p.label.length * size;
    const box: [number, number, number, number] = [x, y - size, x + w, y + 3];
    if (box[2] < 0 || box[0] > view.width || box[3] < 0 || box[1] > view.height) return;
    const hit = boxes.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]);
    if (hit && !force) return;
    seen.add(p);
    boxes.push(box);
    out.push({ x, y, text: p.label, size });
  };
  for (const p of shown) if (p) place(p, true);
  for (const p of bySize) {
    if (out.length >= PICTURE_LABELS) break;
    place(p, false);
  }
  return out;
}

/** The view as a framed SVG document. */
export function svgOf(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  frame: Frame,
  lanes: boolean,
): string {
  return frameSvg(frame, sceneOf(sigma, lanes));
}

/** A column of the drawn graph's nodes or edges, typed as io's export writes it. */
function columnOf<T>(
  name: string,
  type: 'string' | 'double' | 'integer',
  rows: T[],
  get: (row: T) => string | number | undefined,
): ExportColumn {
  if (type === 'string') return { name, type, values: rows.map((r) => String(get(r) ?? '')) };
  return { name, type, values: Float64Array.from(rows, (r) => Number(get(r) ?? NaN)) };
}

/** The node columns of the exports (GEXF attributes, CSV), for these nodes. */
function nodeColumnsOf(nodes: { key: string; a: NodeAttributes }[]): ExportColumn[] {
  const attrNames = [...new Set(nodes.flatMap(({ a }) => Object.keys(a.attrs)))].sort();
  const has = (f: (a: NodeAttributes) => unknown) => nodes.some(({ a }) => f(a) !== undefined);
  type N = (typeof nodes)[number];
  const nodeColumns: ExportColumn[] = [
    columnOf<N>('id', 'string', nodes, (n) => n.key),
    columnOf<N>('name', 'string', nodes, (n) => n.a.label),
    columnOf<N>('region', 'string', nodes, (n) => n.a.region),
    columnOf<N>('community', 'integer', nodes, (n) => n.a.community + 1),
    columnOf<N>('companies', 'integer', nodes, (n) => n.a.companies),
    columnOf<N>('degree', 'double', nodes, (n) => n.a.degree),
    columnOf<N>('pagerank', 'double', nodes, (n) => n.a.pagerank),
  ];
  if (has((a) => a.betweenness))
    nodeColumns.push(columnOf<N>('betweenness', 'double', nodes, (n) => n.a.betweenness));
  if (has((a) => a.segment))
    nodeColumns.push(columnOf<N>('segment', 'string', nodes, (n) => n.a.segment));
  if (has((a) => a.ghost))
    nodeColumns.push(columnOf<N>('missingRole', 'string', nodes, (n) => n.a.ghost));
  if (has((a) => (a.weak?.length ? a.weak : undefined)))
    nodeColumns.push(columnOf<N>('weakLink', 'string', nodes, (n) => n.a.weak?.join('|')));
  for (const k of attrNames) nodeColumns.push(columnOf<N>(k, 'string', nodes, (n) => n.a.attrs[k]));
  return nodeColumns;
}

/**
 * The nodes `keys` (those of the graph, in its order) as a CSV table: id, name, region,
 * community, metrics, chain segment, attributes; text cells through io's formula guard.
 */
export function csvOf(graph: ViewGraph, keys: Iterable<string>): { csv: string; rows: number } {
  const wanted = new Set(keys);
  const nodes = graph.mapNodes((key, a) => ({ key, a })).filter(({ key }) => wanted.has(key));
  const table: ExportTable = { rows: nodes.length, columns: nodeColumnsOf(nodes) };
  // A byte-order mark: spreadsheets then read the Chinese names as UTF-8.
  return { csv: `\uFEFF${exportTableCsv(table)}`, rows: nodes.length };
}

/** The drawn graph as a GEXF document (1.2draft unless `version` says 1.3). */
export function gexfOf(graph: ViewGraph, version: GexfVersion = '1.2'): string {
  const nodes = graph.mapNodes((key, a) => ({ key, a }));
  const edges = graph.mapEdges((key, a, source, target) => ({ key, a, source, target }));
  const nodeColumns = nodeColumnsOf(nodes);
  type E = (typeof edges)[number];
  const edgeColumns: ExportColumn[] = [
    columnOf<E>('id', 'string', edges, (e) => e.key),
    columnOf<E>('source', 'string', edges, (e) => e.source),
    columnOf<E>('target', 'string', edges, (e) => e.target),
    columnOf<E>('weight', 'double', edges, (e) => e.a.weight),
    columnOf<E>('types', 'string', edges, (e) =>
      e.a.ghost ? 'missing-role' : typesOf(e.a.types).join('|'),
    ),
    columnOf<E>('relations', 'integer', edges, (e) => e.a.relations),
  ];
  const viz: ExportViz = {
    nodes: nodes.map(({ a }) => ({ color: a.color, size: a.size, x: a.x, y: a.y })),
    edges: edges.map(({ a }) => ({ color: a.color, thickness: a.size })),
  };
  return toGexf(
    {
      title: 'Chainlens view',
      description: 'The graph drawn in the Chainlens viewer',
      nodes: { rows: nodes.length, columns: nodeColumns },
      edges: { rows: edges.length, columns: edgeColumns },
      notes: [],
      viz,
    },
    { version },
  );
}
