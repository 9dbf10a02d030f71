/**
 * Taking the view away: a PNG of what is drawn (@sigma/export-image renders the layers into one
 * canvas on a white background) and the drawn graph as GEXF 1.2 (io's writer, `toGexf`, the
 * one `chainlens export` uses: typed attributes, text XML-safe) with labels, positions, colours,
 * sizes and the metrics as attributes, for Gephi and other tools.
 */
import { toBlob } from '@sigma/export-image';
import type { ExportColumn, ExportViz } from '@chainlens/io';
import { toGexf } from '@chainlens/io';
import type Sigma from 'sigma';
import type { ChainLayout } from './graph/chain-layout.js';
import { LANE_LAYER, LaneLayer } from './graph/lanes.js';
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

/**
 * The view as a PNG blob, twice the screen's pixel size for print; with the chain layout's
 * lanes drawn under the graph when given.
 */
export function pngOf(
  sigma: Sigma<NodeAttributes, EdgeAttributes>,
  lanes: ChainLayout | null = null,
): Promise<Blob> {
  const { width, height } = sigma.getDimensions();
  const layers = Object.keys(sigma.getCanvases()).filter((k) => k !== LANE_LAYER);
  return toBlob(sigma as unknown as Sigma, {
    format: 'png',
    backgroundColor: '#ffffff',
    width: width * 2,
    height: height * 2,
    cameraState: sigma.getCamera().getState(),
    layers: lanes ? [LANE_LAYER, ...layers] : layers,
    withTempRenderer: (temp) => {
      if (lanes) new LaneLayer(temp).set(lanes);
    },
  });
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

/** The drawn graph as a GEXF document. */
export function gexfOf(graph: ViewGraph): string {
  const nodes = graph.mapNodes((key, a) => ({ key, a }));
  const edges = graph.mapEdges((key, a, source, target) => ({ key, a, source, target }));
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
  return toGexf({
    title: 'Chainlens view',
    description: 'The graph drawn in the Chainlens viewer',
    nodes: { rows: nodes.length, columns: nodeColumns },
    edges: { rows: edges.length, columns: edgeColumns },
    notes: [],
    viz,
  });
}
