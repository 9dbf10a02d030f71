/**
 * GEXF 1.2 (namespace `http://www.gexf.net/1.2draft`, the version Gephi 0.9 and 0.10 read and
 * write) of an export graph: a static directed graph whose nodes carry the company name as
 * `label` and every other node column as a typed attribute (`<attributes class="node">`, types
 * double / integer / boolean / string), whose edges keep their relation id, the weight as the
 * edge `weight` and the other edge columns as typed attributes. Parallel edges stay separate
 * edges (each with its own id). With `graph.viz` (the viewer's drawing), nodes and edges also
 * carry `color`, `position`, `size` and `thickness` elements: in the GEXF namespace, where the
 * published 1.2draft schema declares them (a `viz:` prefix does not validate); Gephi and
 * graphology-gexf read them by local name. Validates against the
 * published GEXF 1.2draft schema; NetworkX (`read_gexf`) reads it.
 *
 * `{ version: '1.3' }` writes GEXF 1.3 instead (namespace `http://gexf.net/1.3`, Gephi 0.10):
 * the same document with the drawing in the viz namespace (`viz:color`, …) as the published
 * 1.3 schema declares it. NetworkX (2.8 and 3.x) reads only 1.1draft and 1.2draft.
 *
 * Not graphology-gexf's writer: it infers each attribute's type from the values (a double
 * column whose values happen to be whole, such as an all-zero betweenness, is declared
 * `integer`), moves attributes named color/size/x/y/z/shape/thickness into viz elements, and
 * writes characters that XML 1.0 forbids as they are (an unreadable file). Here the types come
 * from the export's columns and text goes through `xmlEscape`.
 */
import type { ExportColumn, ExportGraph, ExportTable, ExportViz } from './graph.js';
import { exportCell } from './graph.js';
import { xmlEscape } from './xml.js';

export const GEXF_NAMESPACE = 'http://www.gexf.net/1.2draft';
/** The GEXF 1.3 namespace and its viz namespace. */
export const GEXF13_NAMESPACE = 'http://gexf.net/1.3';
export const GEXF13_VIZ_NAMESPACE = 'http://gexf.net/1.3/viz';

/** The GEXF versions `toGexf` writes. */
export const GEXF_VERSIONS = ['1.2', '1.3'] as const;
export type GexfVersion = (typeof GEXF_VERSIONS)[number];

export interface GexfOptions {
  /** '1.2' (1.2draft, default: Gephi 0.9+, NetworkX, graphology-gexf) or '1.3'. */
  version?: GexfVersion;
}

/**
 * A CSS colour (`#rgb`, `#rrggbb`, `rgb()`, `rgba()`) as GEXF's attributes r, g, b [, a];
 * undefined when unreadable.
 */
export function gexfColor(color: string): string | undefined {
  const c = color.trim();
  let m = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(c);
  if (m) return rgb(m.slice(1, 4).map((h) => parseInt(h + h, 16)));
  m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (m) return rgb(m.slice(1, 4).map((h) => parseInt(h, 16)));
  m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(c);
  if (m)
    return rgb(
      m.slice(1, 4).map((x) => Math.round(Number(x))),
      m[4],
    );
  return undefined;
}

function rgb([r, g, b]: number[], a?: string): string | undefined {
  if (![r, g, b].every((x) => x !== undefined && x >= 0 && x <= 255)) return undefined;
  const alpha = a === undefined ? '' : ` a="${Math.min(1, Number(a))}"`;
  return `r="${r}" g="${g}" b="${b}"${alpha}`;
}

const finite = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x);

/** `p` is the viz elements' prefix: '' in 1.2draft, 'viz:' in 1.3. */
function nodeViz(viz: ExportViz | undefined, row: number, out: string[], p: string): void {
  const v = viz?.nodes?.[row];
  if (!v) return;
  const color = v.color === undefined ? undefined : gexfColor(v.color);
  if (color) out.push(`        <${p}color ${color}/>`);
  if (finite(v.x) && finite(v.y)) out.push(`        <${p}position x="${v.x}" y="${v.y}" z="0"/>`);
  if (finite(v.size)) out.push(`        <${p}size value="${v.size}"/>`);
}

function edgeViz(viz: ExportViz | undefined, row: number, out: string[], p: string): void {
  const v = viz?.edges?.[row];
  if (!v) return;
  const color = v.color === undefined ? undefined : gexfColor(v.color);
  if (color) out.push(`        <${p}color ${color}/>`);
  if (finite(v.thickness)) out.push(`        <${p}thickness value="${v.thickness}"/>`);
}

/** The root element's opening tag of a GEXF document of `version`. */
function gexfRoot(version: GexfVersion): string {
  const xsi = 'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
  if (version === '1.3')
    return `<gexf xmlns="${GEXF13_NAMESPACE}" xmlns:viz="${GEXF13_VIZ_NAMESPACE}" version="1.3">`;
  return `<gexf xmlns="${GEXF_NAMESPACE}" ${xsi} xsi:schemaLocation="${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd" version="1.2">`;
}

function declarations(cls: 'node' | 'edge', columns: ExportColumn[]): string[] {
  if (columns.length === 0) return [];
  return [
    `    <attributes class="${cls}" mode="static">`,
    ...columns.map(
      (c) =>
        `      <attribute id="${xmlEscape(c.name)}" title="${xmlEscape(c.name)}" type="${c.type}"/>`,
    ),
    '    </attributes>',
  ];
}

function attvalues(columns: ExportColumn[], row: number, out: string[]): void {
  const values: string[] = [];
  for (const c of columns) {
    const v = exportCell(c, row);
    if (v !== undefined)
      values.push(`          <attvalue for="${xmlEscape(c.name)}" value="${xmlEscape(v)}"/>`);
  }
  if (values.length === 0) return;
  out.push('        <attvalues>', ...values, '        </attvalues>');
}

function column(table: ExportTable, name: string): ExportColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`export graph: no '${name}' column`);
  return c;
}

/** The GEXF document of `graph`, in 1.2draft unless `options.version` says '1.3'. */
export function toGexf(graph: ExportGraph, options: GexfOptions = {}): string {
  const version = options.version ?? '1.2';
  if (!GEXF_VERSIONS.includes(version))
    throw new Error(`GEXF version ${String(version)}: not 1.2 or 1.3`);
  const p = version === '1.3' ? 'viz:' : '';
  const { nodes, edges } = graph;
  const nodeId = column(nodes, 'id');
  const nodeName = column(nodes, 'name');
  const edgeId = column(edges, 'id');
  const source = column(edges, 'source');
  const target = column(edges, 'target');
  const weight = column(edges, 'weight');
  const fixedNode = new Set(['id', 'name']);
  const fixedEdge = new Set(['id', 'source', 'target', 'weight']);
  const nodeAttrs = nodes.columns.filter((c) => !fixedNode.has(c.name));
  const edgeAttrs = edges.columns.filter((c) => !fixedEdge.has(c.name));

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    gexfRoot(version),
    '  <meta>',
    '    <creator>Chainlens</creator>',
    `    <description>${xmlEscape(graph.description)}</description>`,
    '  </meta>',
    '  <graph defaultedgetype="directed" mode="static">',
    ...declarations('node', nodeAttrs),
    ...declarations('edge', edgeAttrs),
    `    <nodes count="${nodes.rows}">`,
  ];
  for (let i = 0; i < nodes.rows; i++) {
    const label = exportCell(nodeName, i);
    out.push(
      `      <node id="${xmlEscape(exportCell(nodeId, i) ?? '')}"${label === undefined ? '' : ` label="${xmlEscape(label)}"`}>`,
    );
    attvalues(nodeAttrs, i, out);
    nodeViz(graph.viz, i, out, p);
    out.push('      </node>');
  }
  out.push('    </nodes>', `    <edges count="${edges.rows}">`);
  for (let i = 0; i < edges.rows; i++) {
    const w = exportCell(weight, i);
    out.push(
      `      <edge id="${xmlEscape(exportCell(edgeId, i) ?? '')}" source="${xmlEscape(exportCell(source, i) ?? '')}" target="${xmlEscape(exportCell(target, i) ?? '')}"${w === undefined ? '' : ` weight="${w}"`}>`,
    );
    attvalues(edgeAttrs, i, out);
    edgeViz(graph.viz, i, out, p);
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
