/**
 * Exports (GEXF, GraphML, CSV, Arrow) read back with independent readers — graphology-gexf's
 * and graphology-graphml's parsers, csv-parse, apache-arrow — give the same nodes, edges
 * (parallel ones included), attribute values and types; the GEXF and GraphML validate against
 * their published schemas (xmllint). On a hand-made dataset of awkward names and on cn-listed.
 */
import { fileURLToPath } from 'node:url';
import { Type } from 'apache-arrow';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Dataset } from '@chainlens/core';
import {
  METRIC_COLUMNS,
  RELATION_TYPES,
  buildMetricGraph,
  clusterByRegion,
  metricsTable,
} from '@chainlens/core';
import type { ExportColumn, ExportGraph, ExportType } from '@chainlens/io';
import {
  buildExportGraph,
  exportArrowMetadata,
  exportTableArrow,
  exportTableCsv,
  guardCsvCell,
  graphmlNotes,
  loadDataset,
  loadEdgeList,
  toGexf,
  toGraphml,
} from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import {
  gexfDeclaredTypes,
  graphmlEdgeDefault,
  graphmlKeyTypes,
  readArrow,
  readGexf,
  readGraphml,
  validateXml,
} from './export-readers.js';
import { bytes, memory } from './helpers.js';

const CN_LISTED = fileURLToPath(new URL('../../../datasets/cn-listed', import.meta.url));

const validate = (text: string, schema: 'gexf.xsd' | 'graphml.xsd', _name: string) =>
  validateXml({ text }, schema);

// Characters XML 1.0 forbids, which the XML writers replace by U+FFFD.
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const asXml = (s: string) => s.replace(XML_INVALID, '\uFFFD');

type Value = string | number | boolean | null | undefined;

/** The value a typed reader gives back for a cell (`undefined` = no value). */
function typedValue(c: ExportColumn, row: number, xml: boolean): Value {
  switch (c.type) {
    case 'string': {
      const s = c.values[row]!;
      return s === '' ? undefined : xml ? asXml(s) : s;
    }
    case 'boolean':
      return c.values[row] !== 0;
    default: {
      const x = c.values[row]!;
      return Number.isFinite(x) ? x : undefined;
    }
  }
}

/** Expected attributes of every node (by company id) and edge (by relation id). */
function expected(graph: ExportGraph, xml: boolean, skipNode: string[], skipEdge: string[]) {
  const nodes = new Map<string, Record<string, Value>>();
  const id = graph.nodes.columns[0]!;
  for (let i = 0; i < graph.nodes.rows; i++) {
    const attrs: Record<string, Value> = {};
    for (const c of graph.nodes.columns) {
      if (skipNode.includes(c.name)) continue;
      const v = typedValue(c, i, xml);
      if (v !== undefined) attrs[c.name] = v;
    }
    nodes.set(id.values[i] as string, attrs);
  }
  const edges = new Map<string, Record<string, Value>>();
  const eid = graph.edges.columns[0]!;
  for (let i = 0; i < graph.edges.rows; i++) {
    const attrs: Record<string, Value> = {};
    for (const c of graph.edges.columns) {
      if (skipEdge.includes(c.name)) continue;
      const v = typedValue(c, i, xml);
      if (v !== undefined) attrs[c.name] = v;
    }
    edges.set(eid.values[i] as string, attrs);
  }
  return { nodes, edges };
}

function columnTypes(graph: ExportGraph, table: 'nodes' | 'edges'): Record<string, ExportType> {
  return Object.fromEntries(graph[table].columns.map((c) => [c.name, c.type]));
}

/** GEXF read back with graphology-gexf; declared attribute types read with xmldom. */
function checkGexf(graph: ExportGraph, text: string) {
  const g = readGexf(text);
  const want = expected(graph, true, ['id', 'name'], ['id', 'source', 'target']);
  expect(g.order).toBe(graph.nodes.rows);
  expect(g.size).toBe(graph.edges.rows);
  const name = graph.nodes.columns.find((c) => c.name === 'name')!;
  (graph.nodes.columns[0]!.values as readonly string[]).forEach((id, i) => {
    const attrs = { ...want.nodes.get(id as string)! };
    const label = typedValue(name, i, true);
    if (label !== undefined) attrs.label = label;
    expect(g.getNodeAttributes(id), `node ${id}`).toEqual(attrs);
  });
  const source = graph.edges.columns.find((c) => c.name === 'source')!.values;
  const target = graph.edges.columns.find((c) => c.name === 'target')!.values;
  (graph.edges.columns[0]!.values as readonly string[]).forEach((id, i) => {
    expect(g.source(id), `edge ${id} source`).toBe(source[i]);
    expect(g.target(id), `edge ${id} target`).toBe(target[i]);
    expect(g.getEdgeAttributes(id), `edge ${id}`).toEqual(want.edges.get(id as string));
  });

  // Declared types: every column but the ones GEXF carries natively (id, label, weight).
  const declared = (cls: 'node' | 'edge') => gexfDeclaredTypes(text, cls);
  const nodeTypes = columnTypes(graph, 'nodes');
  delete (nodeTypes as Record<string, unknown>).id;
  delete (nodeTypes as Record<string, unknown>).name;
  expect(declared('node')).toEqual(nodeTypes);
  const edgeTypes = columnTypes(graph, 'edges');
  for (const k of ['id', 'source', 'target', 'weight']) delete edgeTypes[k];
  expect(declared('edge')).toEqual(edgeTypes);
}

/** GraphML read back with graphology-graphml; key types read with xmldom. */
function checkGraphml(graph: ExportGraph, text: string) {
  const g = readGraphml(text);
  const want = expected(graph, true, ['id'], ['id', 'source', 'target']);
  expect(g.order).toBe(graph.nodes.rows);
  expect(g.size).toBe(graph.edges.rows);
  for (const [id, attrs] of want.nodes) {
    const withLabel = attrs.name === undefined ? attrs : { ...attrs, label: attrs.name };
    expect(g.getNodeAttributes(id), `node ${id}`).toEqual(withLabel);
  }
  const source = graph.edges.columns.find((c) => c.name === 'source')!.values;
  const target = graph.edges.columns.find((c) => c.name === 'target')!.values;
  (graph.edges.columns[0]!.values as readonly string[]).forEach((id, i) => {
    expect(g.source(id), `edge ${id} source`).toBe(source[i]);
    expect(g.target(id), `edge ${id} target`).toBe(target[i]);
    expect(g.getEdgeAttributes(id), `edge ${id}`).toEqual(want.edges.get(id as string));
  });
  const keyTypes = (cls: 'node' | 'edge') => graphmlKeyTypes(text, cls);
  const graphmlType = (t: ExportType) => (t === 'integer' ? 'int' : t);
  const nodeTypes = Object.fromEntries(
    graph.nodes.columns.filter((c) => c.name !== 'id').map((c) => [c.name, graphmlType(c.type)]),
  );
  expect(keyTypes('node')).toEqual({ ...nodeTypes, label: 'string' });
  const edgeTypes = Object.fromEntries(
    graph.edges.columns
      .filter((c) => !['id', 'source', 'target'].includes(c.name))
      .map((c) => [c.name, graphmlType(c.type)]),
  );
  expect(keyTypes('edge')).toEqual(edgeTypes);
  expect(graphmlEdgeDefault(text)).toBe('directed');
}

/**
 * CSV read back with csv-parse: the text of every cell, with text cells that start like a
 * formula guarded (`guardCsvCell`), or exactly as they are with `raw`.
 */
function checkCsv(graph: ExportGraph) {
  checkCsvAs(graph, false);
  checkCsvAs(graph, true);
}

function checkCsvAs(graph: ExportGraph, raw: boolean) {
  for (const table of ['nodes', 'edges'] as const) {
    const t = graph[table];
    const rows = parseCsv(exportTableCsv(t, { raw }), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows).toHaveLength(t.rows);
    expect(Object.keys(rows[0] ?? {})).toEqual(t.columns.map((c) => c.name));
    rows.forEach((row, i) => {
      for (const c of t.columns) {
        const v = typedValue(c, i, false);
        const text =
          v === undefined
            ? ''
            : typeof v === 'boolean'
              ? String(v)
              : c.type === 'string' && !raw
                ? guardCsvCell(String(v))
                : String(v as string | number);
        if (row[c.name] !== text) expect(row[c.name], `${table}[${i}].${c.name}`).toBe(text);
      }
      // numbers read back exactly.
      for (const c of t.columns)
        if ((c.type === 'double' || c.type === 'integer') && row[c.name] !== '')
          expect(Number(row[c.name])).toBe(c.values[i]);
    });
  }
}

const ARROW_TYPE: Record<ExportType, Type> = {
  string: Type.Utf8,
  double: Type.Float,
  integer: Type.Int,
  boolean: Type.Bool,
};

/** Arrow read back with apache-arrow: typed columns, nulls for no value, schema metadata. */
function checkArrow(graph: ExportGraph) {
  for (const table of ['nodes', 'edges'] as const) {
    const t = graph[table];
    const read = readArrow(exportTableArrow(t, exportArrowMetadata(graph, table)));
    expect(read.numRows).toBe(t.rows);
    expect(read.schema.fields.map((f) => f.name)).toEqual(t.columns.map((c) => c.name));
    expect(read.schema.metadata.get('chainlens.table')).toBe(table);
    expect(read.schema.metadata.get('description')).toBe(graph.description);
    t.columns.forEach((c, j) => {
      const field = read.schema.fields[j]!;
      expect(field.type.typeId, `${table}.${c.name} type`).toBe(ARROW_TYPE[c.type]);
      if (c.type === 'double') expect(field.type.precision).toBe(2); // DOUBLE
      if (c.type === 'integer') expect(field.type.bitWidth).toBe(32);
      const col = read.getChildAt(j)!;
      for (let i = 0; i < t.rows; i++) {
        const want = typedValue(c, i, false) ?? null;
        const got = col.get(i) as Value;
        if (got !== want) expect(got, `${table}[${i}].${c.name}`).toBe(want);
      }
    });
  }
}

/** Distinct arcs into and out of each company over `types`, counted from the relation rows. */
function distinctDegrees(dataset: Dataset, keep: (c: number) => boolean) {
  const pairs = new Set<string>();
  const din = new Map<number, number>();
  const dout = new Map<number, number>();
  const r = dataset.relations;
  for (let i = 0; i < r.source.length; i++) {
    const s = r.source[i]!;
    const t = r.target[i]!;
    if (!keep(s) || !keep(t) || pairs.has(`${s}>${t}`)) continue;
    pairs.add(`${s}>${t}`);
    dout.set(s, (dout.get(s) ?? 0) + 1);
    din.set(t, (din.get(t) ?? 0) + 1);
  }
  return { din, dout };
}

const AWKWARD = {
  'chainlens.json': {
    name: 'awkward',
    companies: 'companies.csv',
    memberships: 'memberships.csv',
    relations: 'relations.csv',
    templates: [],
    allowSelfLoops: true,
  },
  'companies.csv': [
    'id,name,region,ticker,size,label',
    '000001,<script>alert(1)</script>,广东/深圳,000001.SZ,big,L1',
    '000002,&amp;,浙江/宁波,,small,',
    '600519,"He said ""hi"" & \'bye\' <b>",浙江/宁波/余姚,600519.SH,,',
    '000004,宁德时代新能源,福建/宁德,,,',
    '000005,"tab\there, line\nbreak and CR\r\nend",,,,',
    '',
  ].join('\n'),
  'memberships.csv': [
    'company,segment,share',
    '000001,正极材料,0.4',
    '000001,电池,0.6',
    '000002,<b>bold</b>,',
    '000002,a & b,',
    '600519,白酒,1',
    '',
  ].join('\n'),
  'relations.csv': [
    'source,target,type,weight,paths,via',
    '000001,000002,supply,2,1,电池>汽车',
    '000001,000002,supply,3,,',
    '000002,600519,inferred-supply,0.25,2,a>b',
    '600519,000001,ownership,1,,',
    '000004,000004,collaboration,1,,',
    '000004,000001,supply,0.5,,"x<y & ""z"" \'q\'"',
    '',
  ].join('\n'),
};

function awkwardGraph() {
  const { dataset, report } = loadDataset(memory(AWKWARD));
  expect(report.errors).toBe(0);
  // The CSV reader reads CRLF inside a quoted cell as LF; a carriage return can still come
  // from other formats (JSON, Arrow), so put one in.
  // (Companies come by id: 000001, 000002, 000004, 000005, 600519.)
  expect(dataset.companies.names[3]).toBe('tab\there, line\nbreak and CR\nend');
  dataset.companies.names[3] = 'tab\there, line\nbreak and CR\r\nend';
  // The readers refuse control characters; a dataset built in code may still hold one.
  dataset.companies.names[2] = '宁德时代\u0001新能源';
  const graph = buildMetricGraph(dataset);
  const table = metricsTable(graph);
  return { dataset, graph: buildExportGraph(dataset, { metrics: { graph, table } }), table };
}

describe('the schema check', () => {
  it('rejects documents the schemas forbid', () => {
    const gexf = (type: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph defaultedgetype="directed"><attributes class="node"><attribute id="a" title="a" type="${type}"/></attributes><nodes><node id="x"/></nodes><edges/></graph></gexf>`;
    expect(validate(gexf('double'), 'gexf.xsd', 'ok.gexf')).toBe('');
    expect(() => validate(gexf('number'), 'gexf.xsd', 'bad.gexf')).toThrow(/does not validate/);
    const graphml = (target: string) =>
      `<?xml version="1.0" encoding="UTF-8"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed"><node id="a"/><node id="b"/><edge source="a" target="${target}"/></graph></graphml>`;
    expect(validate(graphml('b'), 'graphml.xsd', 'ok.graphml')).toBe('');
    // an edge to a node that does not exist, a node id that is no name token.
    expect(() => validate(graphml('c'), 'graphml.xsd', 'bad.graphml')).toThrow(/does not validate/);
    expect(() =>
      validate(graphml('b').replaceAll('"a"', '"a b"'), 'graphml.xsd', 'bad2.graphml'),
    ).toThrow(/does not validate/);
  });
});

describe('export tables', () => {
  it('hold every company and relation of the view with the dataset values', () => {
    const { dataset, graph, table } = awkwardGraph();
    const col = (name: string) => graph.nodes.columns.find((c) => c.name === name)!.values;
    // companies by id, relations by (source, target, type, weight): the canonical order.
    expect(col('id')).toEqual(['000001', '000002', '000004', '000005', '600519']);
    expect(col('name')).toEqual(dataset.companies.names);
    expect(col('name')[2]).toBe('宁德时代\u0001新能源');
    expect(col('name')[3]).toBe('tab\there, line\nbreak and CR\r\nend');
    // the data's `label` column keeps its values under a free name.
    expect(col('label_data')).toEqual(['L1', '', '', '', '']);
    expect(graph.notes).toEqual([
      "company column 'label' is written as 'label_data' (the export computes 'label')",
    ]);
    // main segment: largest share, unknown shares as 0 and ties to the smaller name.
    expect(col('main_segment')).toEqual(['电池', '<b>bold</b>', '', '', '白酒']);
    expect(Array.from(col('main_share') as Float64Array)).toEqual([0.6, NaN, NaN, NaN, 1]);
    expect(Array.from(col('memberships') as Int32Array)).toEqual([2, 2, 0, 0, 1]);
    // every metric column, with the types of its values.
    const types = Object.fromEntries(graph.nodes.columns.map((c) => [c.name, c.type]));
    for (const m of METRIC_COLUMNS) expect(types[m], m).toBeDefined();
    expect(types.pagerank).toBe('double');
    expect(types.betweenness).toBe('double');
    expect(types.core).toBe('integer');
    expect(types.community).toBe('integer');
    expect(types.articulation).toBe('boolean');
    expect(col('community')).toBe(table.columns.community);
    // degrees agree with distinct arcs counted from the relation rows (alignment of the rows).
    const { din, dout } = distinctDegrees(dataset, () => true);
    dataset.companies.ids.forEach((_, c) => {
      expect(col('degree_in')[c], `in ${c}`).toBe(din.get(c) ?? 0);
      expect(col('degree_out')[c], `out ${c}`).toBe(dout.get(c) ?? 0);
    });

    const e = (name: string) => graph.edges.columns.find((c) => c.name === name)!.values;
    expect(graph.edges.rows).toBe(6);
    expect(e('id')).toEqual(['r0', 'r1', 'r2', 'r3', 'r4', 'r5']);
    expect(e('source')).toEqual(['000001', '000001', '000002', '000004', '000004', '600519']);
    expect(e('target')).toEqual(['000002', '000002', '600519', '000001', '000004', '000001']);
    expect(e('type')).toEqual([
      'supply',
      'supply',
      'inferred-supply',
      'supply',
      'collaboration',
      'ownership',
    ]);
    expect(Array.from(e('weight') as ArrayLike<number>)).toEqual([2, 3, 0.25, 0.5, 1, 1]);
    expect(e('via')[3]).toBe('x<y & "z" \'q\'');
    expect(graph.description).toContain('6 relations');
  });

  it('keep only the relation types and companies of the view', () => {
    const { dataset } = loadDataset(memory(AWKWARD));
    const cluster = clusterByRegion(dataset.companies, '浙江');
    const graph = buildExportGraph(dataset, {
      types: ['supply', 'inferred-supply'],
      nodes: cluster.members,
      region: '浙江',
    });
    expect(graph.nodes.columns[0]!.values).toEqual(['000002', '600519']);
    expect(graph.edges.columns[0]!.values).toEqual(['r2']);
    expect(graph.title).toBe('awkward (浙江): supply + inferred-supply relations');
    expect(graph.nodes.columns.map((c) => c.name)).not.toContain('pagerank');
  });

  it('refuse metrics computed on another view', () => {
    const { dataset } = loadDataset(memory(AWKWARD));
    const g = buildMetricGraph(dataset, { types: ['supply'], nodes: [0, 1] });
    expect(() =>
      buildExportGraph(dataset, { metrics: { graph: g, table: metricsTable(g) } }),
    ).toThrow(/another view/);
  });
});

describe('GEXF', () => {
  it('reads back the awkward dataset with typed attributes, and validates', () => {
    const { graph } = awkwardGraph();
    const text = toGexf(graph);
    checkGexf(graph, text);
    expect(validate(text, 'gexf.xsd', 'awkward.gexf')).toBe('');
    // markup in names is text, never markup; the control character is U+FFFD.
    expect(text).toContain('label="&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(text).not.toContain('<script>');
    expect(text).toContain('label="&amp;amp;"');
    expect(text).toContain('label="宁德时代\uFFFD新能源"');
    expect(text).toContain('label="tab&#9;here, line&#10;break and CR&#13;&#10;end"');
    // parallel edges stay two edges with their own ids.
    expect(text.match(/source="000001" target="000002"/g)).toHaveLength(2);
    // data columns named like viz properties stay attributes.
    expect(text).toContain('<attvalue for="size" value="big"/>');
    expect(text).not.toContain('viz:');
  });
});

describe('GraphML', () => {
  it('reads back the awkward dataset with typed keys, and validates', () => {
    const { graph } = awkwardGraph();
    const text = toGraphml(graph);
    checkGraphml(graph, text);
    expect(validate(text, 'graphml.xsd', 'awkward.graphml')).toBe('');
    expect(graphmlNotes(graph)).toEqual([]);
    expect(text).toContain('<node id="000001">');
    expect(text).not.toContain('<script>');
    expect(text.match(/source="000001" target="000002"/g)).toHaveLength(2);
  });

  it('writes n0… node ids and company_id when a company id is no XML name token', () => {
    const { dataset } = loadEdgeList(
      bytes('source,target\na b,x&y\nx&y,"q""uote"\na b,x&y\n"q""uote",z/1\n'),
      'odd.csv',
    );
    const graph = buildExportGraph(dataset);
    const text = toGraphml(graph);
    expect(validate(text, 'graphml.xsd', 'odd.graphml')).toBe('');
    expect(graphmlNotes(graph)).toEqual([
      "company id 'a b' is no XML name token, so GraphML node ids are n0…n3 and the company id is in 'company_id'",
    ]);
    const g = readGraphml(text);
    expect(g.nodes()).toEqual(['n0', 'n1', 'n2', 'n3']);
    // companies by id (code units), relations by (source, target): the canonical order.
    expect(g.nodes().map((n) => g.getNodeAttribute(n, 'company_id'))).toEqual([
      'a b',
      'q"uote',
      'x&y',
      'z/1',
    ]);
    expect(g.size).toBe(4);
    expect(g.source('r0')).toBe('n0');
    expect(g.target('r0')).toBe('n2');
    expect(g.target('r1')).toBe('n2');
    expect(g.source('r3')).toBe('n2');
    expect(g.target('r3')).toBe('n1');
    // the same file as GEXF keeps the ids as they are.
    const gexf = toGexf(graph);
    expect(validate(gexf, 'gexf.xsd', 'odd.gexf')).toBe('');
    expect(readGexf(gexf).nodes()).toEqual(['a b', 'q"uote', 'x&y', 'z/1']);
  });

  it('writes the viewer’s drawing (viz) that validates and reads back as colours, sizes, positions', () => {
    const { graph } = awkwardGraph();
    const colors = ['#e6194b', '#3cb44b', 'rgba(10, 20, 30, 0.5)', 'not a colour'];
    const viz = {
      nodes: colors.map((color, i) => ({ color, size: 2 + i, x: i * 1.5, y: -i })),
      edges: Array.from({ length: graph.edges.rows }, (_, i) => ({
        color: '#abc',
        thickness: i + 1,
      })),
    };
    const text = toGexf({ ...graph, viz });
    expect(validate(text, 'gexf.xsd', 'viz.gexf')).toBe('');
    const g = readGexf(text);
    const ids = graph.nodes.columns[0]!.values as readonly string[];
    expect(g.getNodeAttributes(ids[0]!)).toMatchObject({
      color: 'rgb(230,25,75)',
      size: 2,
      x: 0,
      y: 0,
    });
    expect(g.getNodeAttributes(ids[1]!)).toMatchObject({
      color: 'rgb(60,180,75)',
      size: 3,
      x: 1.5,
      y: -1,
    });
    expect(g.getNodeAttribute(ids[2]!, 'color')).toBe('rgba(10,20,30,0.5)');
    expect(g.getNodeAttribute(ids[3]!, 'color')).toBeUndefined();
    const edge = graph.edges.columns[0]!.values[1] as string;
    expect(g.getEdgeAttributes(edge)).toMatchObject({ color: 'rgb(170,187,204)', thickness: 2 });
    // Without viz, no drawing elements.
    expect(toGexf(graph)).not.toMatch(/<(color|position|size|thickness) /);
  });
});

describe('CSV and Arrow', () => {
  it('read back the awkward dataset cell for cell, with Arrow types and nulls', () => {
    const { graph } = awkwardGraph();
    checkCsv(graph);
    checkArrow(graph);
    // CSV keeps the control character (CSV has no such restriction).
    expect(exportTableCsv(graph.nodes)).toContain('宁德时代\u0001新能源');
  });
});

describe('cn-listed', () => {
  const { dataset } = readDataset(CN_LISTED);

  it('a region with its metrics reads back the same in all four formats, and validates', () => {
    const cluster = clusterByRegion(dataset.companies, '浙江');
    const types = [...RELATION_TYPES];
    const mg = buildMetricGraph(dataset, { types, nodes: cluster.members });
    const table = metricsTable(mg, { seed: 1 });
    const graph = buildExportGraph(dataset, {
      types,
      nodes: cluster.members,
      region: '浙江',
      metrics: { graph: mg, table },
    });
    // Independently: the companies whose region starts with 浙江, the relations among them.
    const inside = new Set<number>();
    dataset.companies.regions.forEach((r, c) => {
      if (r === '浙江' || r.startsWith('浙江/')) inside.add(c);
    });
    expect(graph.nodes.rows).toBe(inside.size);
    expect(graph.nodes.rows).toBe(582);
    const rel = dataset.relations;
    const rows: number[] = [];
    for (let r = 0; r < rel.source.length; r++)
      if (inside.has(rel.source[r]!) && inside.has(rel.target[r]!)) rows.push(r);
    expect(graph.edges.rows).toBe(rows.length);
    expect(rows.length).toBeGreaterThan(10);
    const e = (name: string) => graph.edges.columns.find((c) => c.name === name)!.values;
    rows.forEach((r, i) => {
      expect(e('id')[i]).toBe(`r${r}`);
      expect(e('source')[i]).toBe(dataset.companies.ids[rel.source[r]!]);
      expect(e('type')[i]).toBe('inferred-supply');
      expect(e('weight')[i]).toBe(rel.weight[r]);
      expect(e('paths')[i]).toBe(rel.attributes.paths![r]);
      expect(e('via')[i]).toBe(rel.attributes.via![r]);
    });
    const { din } = distinctDegrees(dataset, (c) => inside.has(c));
    const ids = graph.nodes.columns[0]!.values as string[];
    const degIn = graph.nodes.columns.find((c) => c.name === 'degree_in')!.values;
    ids.forEach((id, v) => {
      const c = dataset.companies.ids.indexOf(id);
      expect(degIn[v], id).toBe(din.get(c) ?? 0);
    });

    const gexf = toGexf(graph);
    checkGexf(graph, gexf);
    expect(validate(gexf, 'gexf.xsd', 'zhejiang.gexf')).toBe('');
    const graphml = toGraphml(graph);
    checkGraphml(graph, graphml);
    expect(validate(graphml, 'graphml.xsd', 'zhejiang.graphml')).toBe('');
    checkCsv(graph);
    checkArrow(graph);
  });

  it('the whole dataset validates as GEXF and GraphML', () => {
    const graph = buildExportGraph(dataset);
    expect(graph.nodes.rows).toBe(4689);
    expect(graph.edges.rows).toBe(11751);
    expect(validate(toGexf(graph), 'gexf.xsd', 'cn-listed.gexf')).toBe('');
    expect(validate(toGraphml(graph), 'graphml.xsd', 'cn-listed.graphml')).toBe('');
  });
});
