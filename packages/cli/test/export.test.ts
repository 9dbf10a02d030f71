/**
 * `chainlens export`: each format written by the command on cn-listed, read back with an
 * independent reader and checked against the engine run directly (metrics, communities) and
 * against the dataset's own rows; the XML files validated against the published schemas; and
 * the one-line errors with their exit codes.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  METRIC_COLUMNS,
  betweenness,
  buildMetricGraph,
  clusterByRegion,
  metricsTable,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import {
  gexfDeclaredTypes,
  graphmlKeyTypes,
  readArrow,
  readGexf,
  readGraphml,
  validateXml,
} from '../../io/test/export-readers.js';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'chainlens-export-cli-'));
const { dataset } = readDataset('datasets/cn-listed');
const zhejiang = clusterByRegion(dataset.companies, '浙江');

/** The engine's metrics table on the same view, run directly (one thread). */
function engineTable(seed: number) {
  const graph = buildMetricGraph(dataset, { nodes: zhejiang.members });
  return { graph, table: metricsTable(graph, { seed, betweenness: betweenness(graph) }) };
}

describe('chainlens export', () => {
  it('writes a region as GEXF with the metrics and communities of the engine, and it validates', async () => {
    const file = join(dir, 'zhejiang.gexf');
    const r = await cli(
      'export',
      'cn-listed',
      '--to',
      'gexf',
      '--out',
      file,
      '--region',
      '浙江',
      '--seed',
      '7',
      '--workers',
      '2',
      '--quiet',
    );
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'Exported cn-listed (region 浙江) on every relation type as GEXF 1.2: 582 companies, 87 relations (inferred-supply 87; parallel relations kept).',
    );
    expect(r.stdout).toContain('inferred-supply edges are derived');
    const text = readFileSync(file, 'utf8');
    expect(validateXml({ file }, 'gexf.xsd')).toBe('');
    const g = readGexf(text);
    expect(g.order).toBe(582);
    expect(g.size).toBe(87);
    const { graph, table } = engineTable(7);
    for (let v = 0; v < graph.n; v++) {
      const c = graph.companyOf[v]!;
      const a = g.getNodeAttributes(dataset.companies.ids[c]!);
      expect(a.label).toBe(dataset.companies.names[c]);
      for (const m of METRIC_COLUMNS) {
        const want = table.columns[m][v]!;
        expect(a[m], `${dataset.companies.ids[c]} ${m}`).toBe(
          m === 'articulation' ? want !== 0 : want,
        );
      }
    }
    const types = gexfDeclaredTypes(text, 'node');
    expect(types.community).toBe('integer');
    expect(types.pagerank).toBe('double');
    expect(types.articulation).toBe('boolean');
    expect(gexfDeclaredTypes(text, 'edge')).toEqual({
      type: 'string',
      paths: 'string',
      via: 'string',
    });
    // every edge is a relation of the dataset between two companies of the region.
    const rel = dataset.relations;
    g.forEachEdge((edge, attrs, source, target) => {
      const row = Number(edge.slice(1));
      expect(dataset.companies.ids[rel.source[row]!]).toBe(source);
      expect(dataset.companies.ids[rel.target[row]!]).toBe(target);
      expect(attrs.weight).toBe(rel.weight[row]);
      expect(attrs.type).toBe('inferred-supply');
      expect(attrs.via).toBe(rel.attributes.via![row]);
    });
  });

  it('writes the whole dataset as GraphML (format from the file name), and it validates', async () => {
    const file = join(dir, 'cn-listed.graphml');
    const r = await cli('export', 'cn-listed', '--out', file, '--no-metrics');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('4,689 companies, 11,751 relations');
    expect(r.stdout).toContain('no metrics: --no-metrics');
    expect(validateXml({ file }, 'graphml.xsd')).toBe('');
    const text = readFileSync(file, 'utf8');
    // (graphology-graphml needs seconds for 7 MB; the io tests read regions back with it.)
    expect(text.match(/<node id=/g)).toHaveLength(4689);
    expect(text.match(/<edge id=/g)).toHaveLength(11751);
    expect(text).toContain('<node id="000001">\n      <data key="n0">平安银行</data>');
    const keys = (cls: string) =>
      Object.fromEntries(
        [
          ...text.matchAll(
            /<key id="[^"]+" for="(node|edge)" attr.name="([^"]+)" attr.type="([^"]+)"\/>/g,
          ),
        ]
          .filter((m) => m[1] === cls)
          .map((m) => [m[2], m[3]]),
      );
    expect(Object.keys(keys('node'))).not.toContain('pagerank');
    expect(keys('node').name).toBe('string');
    expect(keys('edge')).toEqual({
      type: 'string',
      weight: 'double',
      paths: 'string',
      via: 'string',
    });
  });

  it('writes a region as GraphML that graphology-graphml reads back', async () => {
    const file = join(dir, 'zj.graphml');
    const r = await cli('export', 'cn-listed', '--out', file, '--region', '浙江', '--quiet');
    expect(r.code).toBe(0);
    expect(validateXml({ file }, 'graphml.xsd')).toBe('');
    const text = readFileSync(file, 'utf8');
    const g = readGraphml(text);
    expect(g.order).toBe(582);
    expect(g.size).toBe(87);
    const { graph, table } = engineTable(1);
    for (let v = 0; v < graph.n; v++) {
      const a = g.getNodeAttributes(dataset.companies.ids[graph.companyOf[v]!]!);
      expect(a.community).toBe(table.columns.community[v]);
      expect(a.pagerank).toBe(table.columns.pagerank[v]);
    }
    expect(graphmlKeyTypes(text, 'node').community).toBe('int');
  });

  it('writes CSV node and edge tables into a folder', async () => {
    const folder = join(dir, 'csv');
    mkdirSync(folder);
    const r = await cli('export', 'cn-listed', '--to', 'csv', '--out', folder, '--region', '浙江');
    expect(r.code).toBe(0);
    const nodes = parse(readFileSync(join(folder, 'nodes.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    const edges = parse(readFileSync(join(folder, 'edges.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(nodes.map((n) => n.id)).toEqual(
      Array.from(zhejiang.members, (c) => dataset.companies.ids[c]),
    );
    expect(Object.keys(nodes[0]!)).toEqual([
      'id',
      'name',
      'region',
      ...Object.keys(dataset.companies.attributes),
      'main_segment',
      'main_share',
      'memberships',
      ...METRIC_COLUMNS,
    ]);
    const { table } = engineTable(1);
    nodes.forEach((n, v) => {
      expect(Number(n.community)).toBe(table.columns.community[v]);
      expect(n.articulation).toBe(table.columns.articulation[v] ? 'true' : 'false');
    });
    expect(edges).toHaveLength(87);
    expect(Object.keys(edges[0]!)).toEqual([
      'id',
      'source',
      'target',
      'type',
      'weight',
      'paths',
      'via',
    ]);
  });

  it('writes Arrow node and edge files beside --out, with typed columns', async () => {
    const file = join(dir, 'zj.arrow');
    const r = await cli('export', 'cn-listed', '--out', file, '--region', '浙江', '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('zj.nodes.arrow');
    const nodes = readArrow(readFileSync(join(dir, 'zj.nodes.arrow')));
    const edges = readArrow(readFileSync(join(dir, 'zj.edges.arrow')));
    expect(nodes.numRows).toBe(582);
    expect(edges.numRows).toBe(87);
    const type = (name: string) => String(nodes.schema.fields.find((f) => f.name === name)!.type);
    expect(type('id')).toBe('Utf8');
    expect(type('community')).toBe('Int32');
    expect(type('pagerank')).toBe('Float64');
    expect(type('articulation')).toBe('Bool');
    expect(nodes.getChild('id')!.get(0)).toBe(dataset.companies.ids[zhejiang.members[0]!]);
    expect(edges.schema.metadata.get('chainlens.table')).toBe('edges');
  });

  it('says what it had to change: control characters, a column named like a computed one', async () => {
    const data = join(dir, 'awkward');
    mkdirSync(data);
    writeFileSync(
      join(data, 'chainlens.json'),
      JSON.stringify({ name: 'awkward', companies: 'companies.csv', relations: 'relations.csv' }),
    );
    writeFileSync(
      join(data, 'companies.csv'),
      // U+FFFF: XML 1.0 forbids it, the readers accept it (they refuse C0/C1 controls).
      'id,name,region,community\n000001,<script>alert(1)</script>,,A\n000002,宁德\uFFFF时代,,B\n',
    );
    writeFileSync(join(data, 'relations.csv'), 'source,target\n000001,000002\n000001,000002\n');
    const file = join(dir, 'awkward.graphml');
    const r = await cli('export', data, '--out', file, '--quiet');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('2 companies, 2 relations (supply 2; parallel relations kept)');
    expect(r.stdout).toContain(
      "note: company column 'community' is written as 'community_data' (the export computes 'community')",
    );
    expect(r.stdout).toContain(
      'note: 1 value holds control characters that XML 1.0 does not allow, written as U+FFFD (first: company 000002, name)',
    );
    expect(validateXml({ file }, 'graphml.xsd')).toBe('');
    const g = readGraphml(readFileSync(file, 'utf8'));
    expect(g.getNodeAttribute('000001', 'name')).toBe('<script>alert(1)</script>');
    expect(g.getNodeAttribute('000002', 'name')).toBe('宁德\uFFFD时代');
    expect(g.getNodeAttribute('000001', 'community_data')).toBe('A');
    expect(g.edges()).toEqual(['r0', 'r1']);
  });

  it('answers bad usage with exit 2 and bad data with exit 1, in one line', async () => {
    const out = join(dir, 'x.gexf');
    const cases: [string[], number, string][] = [
      [['--to', 'gefx', '--out', out], 2, "unknown export format 'gefx' (did you mean 'gexf'?)"],
      [['--to', 'gexf'], 2, 'missing --out FILE'],
      [['--out', join(dir, 'x')], 2, 'choose a format with --to gexf|graphml|csv|arrow'],
      [['--to', 'gexf', '--out', join(dir, 'no', 'x.gexf')], 2, "there is no folder '"],
      [['--to', 'gexf', '--out', dir], 2, 'it is a folder'],
      [['--to', 'gexf', '--out', out, '--relation', 'suply'], 2, "(did you mean 'supply'?)"],
      [['--to', 'gexf', '--out', out, '--seed', 'x'], 2, '--seed must be an integer'],
      [
        ['--to', 'gexf', '--out', out, '--region', '浙将'],
        1,
        "region '浙将' has no companies in cn-listed (did you mean '浙江'",
      ],
      [
        ['--to', 'gexf', '--out', out, '--relation', 'supply'],
        1,
        'nothing to export: no supply relation in cn-listed (cn-listed has inferred-supply 11,751)',
      ],
      [
        ['--to', 'gexf', '--out', out, '--region', '浙江/杭州'],
        1,
        'nothing to export: no relation among the companies of 浙江/杭州',
      ],
    ];
    for (const [args, code, message] of cases) {
      const r = await cli('export', 'cn-listed', '--quiet', ...args);
      expect(r.code, args.join(' ')).toBe(code);
      expect(r.stderr, args.join(' ')).toHaveLength(1);
      expect(r.stderr[0], args.join(' ')).toContain(message);
    }
    expect((await cli('export')).code).toBe(2);
  });
});
