/**
 * GraphML (namespace `http://graphml.graphdrawing.org/xmlns`, GraphML 1.0 with the attributes
 * extension) of an export graph, for Cytoscape, Gephi, yEd, NetworkX and igraph: one `<key>`
 * per column (`attr.type` double / int / boolean / string, `for="node"` or `for="edge"`), a
 * directed graph (`edgedefault="directed"`), one `<edge>` per relation with its relation id,
 * so parallel edges stay separate. Validates against the published GraphML schema.
 *
 * Nodes carry the company name twice, as `label` (the node label Gephi's GraphML import reads)
 * and as `name` (the column Cytoscape labels nodes by). The schema makes node ids and key names
 * XML name tokens: company ids are written as node ids when every one of them is a token (stock
 * codes are), otherwise every node is `n<row>` and the company id goes into a `company_id`
 * attribute; a column name that is no token is written with `_` for the other characters
 * (`graphmlNotes` lists both). graphology-graphml only parses, hence this writer.
 */
import type { ExportColumn, ExportGraph, ExportTable } from './graph.js';
import { exportCell } from './graph.js';
import { isNameToken, toNameToken, xmlEscape } from './xml.js';

export const GRAPHML_NAMESPACE = 'http://graphml.graphdrawing.org/xmlns';

const GRAPHML_TYPE = { string: 'string', double: 'double', integer: 'int', boolean: 'boolean' };

interface Key {
  id: string;
  name: string;
  column: ExportColumn;
}

function column(table: ExportTable, name: string): ExportColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`export graph: no '${name}' column`);
  return c;
}

/** The keys of one class, with token names made unique; renames are added to `notes`. */
function keys(
  prefix: string,
  columns: ExportColumn[],
  notes: string[],
  what: string,
  taken = new Set<string>(),
): Key[] {
  return columns.map((c, i) => {
    let name = isNameToken(c.name) ? c.name : toNameToken(c.name);
    if (taken.has(name)) {
      let k = 2;
      while (taken.has(`${name}_${k}`)) k++;
      name = `${name}_${k}`;
    }
    taken.add(name);
    if (name !== c.name) notes.push(`${what} column '${c.name}' is named '${name}' in GraphML`);
    return { id: `${prefix}${i}`, name, column: c };
  });
}

interface Plan {
  nodeKeys: Key[];
  edgeKeys: Key[];
  /** Node ids as written (company ids, or `n<row>`). */
  nodeIds: (row: number) => string;
  /** Company id → written node id, for edge ends. */
  idOf: (companyId: string) => string;
  notes: string[];
}

function plan(graph: ExportGraph): Plan {
  const { nodes, edges } = graph;
  const notes: string[] = [];
  const id = column(nodes, 'id');
  const ids = Array.from({ length: nodes.rows }, (_, i) => exportCell(id, i) ?? '');
  const tokens = ids.every(isNameToken);
  const name = column(nodes, 'name');
  const nodeColumns: ExportColumn[] = [
    { ...name, name: 'label' },
    ...nodes.columns.filter((c) => c.name !== 'id'),
  ];
  let rowOf: Map<string, number> | undefined;
  if (!tokens) {
    nodeColumns.unshift({ name: 'company_id', type: 'string', values: ids });
    rowOf = new Map(ids.map((s, i) => [s, i]));
    const bad = ids.find((s) => !isNameToken(s))!;
    notes.push(
      `company id '${bad}' is no XML name token, so GraphML node ids are n0…n${nodes.rows - 1} and the company id is in 'company_id'`,
    );
  }
  const fixedEdge = new Set(['id', 'source', 'target']);
  return {
    nodeKeys: keys('n', nodeColumns, notes, 'company'),
    edgeKeys: keys(
      'e',
      edges.columns.filter((c) => !fixedEdge.has(c.name)),
      notes,
      'relation',
    ),
    nodeIds: tokens ? (row) => ids[row]! : (row) => `n${row}`,
    idOf: rowOf ? (companyId) => `n${rowOf.get(companyId)!}` : (companyId) => companyId,
    notes,
  };
}

/** What the GraphML of `graph` renames to satisfy the schema (empty when nothing). */
export function graphmlNotes(graph: ExportGraph): string[] {
  return plan(graph).notes;
}

function data(keyList: Key[], row: number, indent: string, out: string[]): void {
  for (const k of keyList) {
    const v = exportCell(k.column, row);
    if (v !== undefined) out.push(`${indent}<data key="${k.id}">${xmlEscape(v)}</data>`);
  }
}

/** The GraphML document of `graph`. */
export function toGraphml(graph: ExportGraph): string {
  const { nodes, edges } = graph;
  const p = plan(graph);
  const edgeId = column(edges, 'id');
  const source = column(edges, 'source');
  const target = column(edges, 'target');
  const key = (k: Key, cls: 'node' | 'edge') =>
    `  <key id="${k.id}" for="${cls}" attr.name="${xmlEscape(k.name)}" attr.type="${GRAPHML_TYPE[k.column.type]}"/>`;

  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<graphml xmlns="${GRAPHML_NAMESPACE}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${GRAPHML_NAMESPACE} ${GRAPHML_NAMESPACE}/1.0/graphml.xsd">`,
    `  <desc>${xmlEscape(graph.description)}</desc>`,
    ...p.nodeKeys.map((k) => key(k, 'node')),
    ...p.edgeKeys.map((k) => key(k, 'edge')),
    '  <graph id="G" edgedefault="directed">',
  ];
  for (let i = 0; i < nodes.rows; i++) {
    out.push(`    <node id="${xmlEscape(p.nodeIds(i))}">`);
    data(p.nodeKeys, i, '      ', out);
    out.push('    </node>');
  }
  for (let i = 0; i < edges.rows; i++) {
    out.push(
      `    <edge id="${xmlEscape(exportCell(edgeId, i) ?? '')}" source="${xmlEscape(p.idOf(exportCell(source, i) ?? ''))}" target="${xmlEscape(p.idOf(exportCell(target, i) ?? ''))}">`,
    );
    data(p.edgeKeys, i, '      ', out);
    out.push('    </edge>');
  }
  out.push('  </graph>', '</graphml>', '');
  return out.join('\n');
}
