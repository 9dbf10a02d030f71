/**
 * GEXF 1.2 (namespace `http://www.gexf.net/1.2draft`, the version Gephi 0.9 and 0.10 read and
 * write) of an export graph: a static directed graph whose nodes carry the company name as
 * `label` and every other node column as a typed attribute (`<attributes class="node">`, types
 * double / integer / boolean / string), whose edges keep their relation id, the weight as the
 * edge `weight` and the other edge columns as typed attributes. Parallel edges stay separate
 * edges (each with its own id). Validates against the published GEXF 1.2draft schema.
 *
 * Not graphology-gexf's writer: it infers each attribute's type from the values (a double
 * column whose values happen to be whole, such as an all-zero betweenness, is declared
 * `integer`), moves attributes named color/size/x/y/z/shape/thickness into viz elements, and
 * writes characters that XML 1.0 forbids as they are (an unreadable file). Here the types come
 * from the export's columns and text goes through `xmlEscape`.
 */
import type { ExportColumn, ExportGraph, ExportTable } from './graph.js';
import { exportCell } from './graph.js';
import { xmlEscape } from './xml.js';

export const GEXF_NAMESPACE = 'http://www.gexf.net/1.2draft';

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

/** The GEXF document of `graph`. */
export function toGexf(graph: ExportGraph): string {
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
    `<gexf xmlns="${GEXF_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GEXF_NAMESPACE} ${GEXF_NAMESPACE}/gexf.xsd" version="1.2">`,
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
    out.push('      </node>');
  }
  out.push('    </nodes>', `    <edges count="${edges.rows}">`);
  for (let i = 0; i < edges.rows; i++) {
    const w = exportCell(weight, i);
    out.push(
      `      <edge id="${xmlEscape(exportCell(edgeId, i) ?? '')}" source="${xmlEscape(exportCell(source, i) ?? '')}" target="${xmlEscape(exportCell(target, i) ?? '')}"${w === undefined ? '' : ` weight="${w}"`}>`,
    );
    attvalues(edgeAttrs, i, out);
    out.push('      </edge>');
  }
  out.push('    </edges>', '  </graph>', '</gexf>', '');
  return out.join('\n');
}
