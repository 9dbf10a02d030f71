/**
 * The worker's modules run in Node too (they are pure): loading dropped files through
 * @chainlens/io, the region tree, the view (full and aggregated), company details, search, and
 * the up/downstream steps of the page. Expected figures come from the CSV files (csv-parse) or
 * from counts made here, not from the code under test.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { loadEdgeList } from '@chainlens/io';
import { describe, expect, it } from 'vitest';
import { stepsFrom } from '../src/graph/steps.js';
import {
  companyDetails,
  indexDataset,
  regionTree,
  searchCompanies,
} from '../src/worker/explore.js';
import { loadFromFiles, normalizePath } from '../src/worker/load.js';
import { MAX_COMMUNITY_NODES } from '../src/worker/grouping.js';
import { COMMUNITY_ARCS, MAX_DRAWN_NODES, buildView, expandCommunity } from '../src/worker/view.js';
import { ROOT } from './browser.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parseCsv(readFileSync(join(ROOT, path)), { columns: true, skip_empty_lines: true, bom: true });

const file = (path: string, from: string) => ({
  path,
  file: new Blob([readFileSync(join(ROOT, from))]),
});
const text = (path: string, content: string) => ({ path, file: new Blob([content]) });
const quiet = () => {};

describe('loading files the user dropped', () => {
  it('reads a dataset folder (manifest, tables, templates) at any depth', async () => {
    const dir = 'datasets/eto-semiconductors';
    const files = [
      file('drop/eto/chainlens.json', `${dir}/chainlens.json`),
      file('drop/eto/companies.csv', `${dir}/companies.csv`),
      file('drop/eto/memberships.csv', `${dir}/memberships.csv`),
      file('drop/eto/relations.csv', `${dir}/relations.csv`),
      ...readdirSync(join(ROOT, dir, 'templates')).map((t) =>
        file(`drop/eto/templates/${t}`, `${dir}/templates/${t}`),
      ),
      text('drop/eto/README.md', 'not a table'),
    ];
    const { dataset, report } = await loadFromFiles(files, quiet);
    expect(dataset.companies.ids.length).toBe(csv(`${dir}/companies.csv`).length);
    expect(dataset.memberships.company.length).toBe(csv(`${dir}/memberships.csv`).length);
    expect(dataset.templates.map((t) => t.id).sort()).toEqual([
      'eto-advanced-logic-chips',
      'eto-advanced-logic-chips-provided',
    ]);
    expect(report.errors).toBe(0);
  });

  it('makes up a manifest for loose tables named companies / relations and reports bad rows', async () => {
    const { dataset, report } = await loadFromFiles(
      [
        text('companies.csv', 'id,name,region\nA,甲,浙江/宁波\nB,乙,浙江/杭州\n'),
        text('relations.csv', 'source,target,type\nA,B,supply\nA,Z,supply\n'),
      ],
      quiet,
    );
    expect(dataset.companies.names).toEqual(['甲', '乙']);
    expect(dataset.relations.source.length).toBe(1);
    expect(report.errors).toBe(1);
    expect(report.issues[0]).toMatchObject({ file: 'relations.csv', row: 3, column: 'target' });
  });

  it('reads a single edge list, and says what it expected for files it cannot place', async () => {
    const { dataset } = await loadFromFiles(
      [text('edges.csv', 'source,target\n1,2\n2,3\n')],
      quiet,
    );
    expect(dataset.companies.ids).toEqual(['1', '2', '3']);
    await expect(
      loadFromFiles([text('notes.txt', 'x'), text('a.json', '[]')], quiet),
    ).rejects.toThrow(/drop a dataset folder with chainlens.json/);
    expect(normalizePath('./a/./b/../c.csv')).toBe('a/c.csv');
  });
});

describe('the view of cn-listed', async () => {
  const dir = 'datasets/cn-listed';
  const names = [
    'chainlens.json',
    'companies.csv',
    'memberships.csv',
    'relations.csv',
    'products.csv',
    'product-links.csv',
  ];
  const { dataset } = await loadFromFiles(
    names.map((n) => file(n, `${dir}/${n}`)),
    quiet,
  );
  const companies = csv(`${dir}/companies.csv`);
  const relations = csv(`${dir}/relations.csv`);

  it('counts companies per region in the tree', () => {
    const tree = regionTree(dataset);
    expect(tree.count).toBe(companies.length);
    const jiangsu = tree.children.find((c) => c.name === '江苏')!;
    expect(jiangsu.count).toBe(companies.filter((c) => c.region!.split('/')[0] === '江苏').length);
    const suzhou = jiangsu.children.find((c) => c.name === '苏州')!;
    expect(suzhou.count).toBe(
      companies.filter((c) => c.region!.split('/').slice(0, 2).join('/') === '江苏/苏州').length,
    );
    expect(suzhou.path).toBe('江苏/苏州');
    // Biggest first.
    const counts = tree.children.map((c) => c.count);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
  });

  it('draws a region with its internal arcs merged, and details a company over the whole data', () => {
    const inRegion = new Set(
      companies.filter((c) => c.region!.startsWith('江苏')).map((c) => c.id!),
    );
    const { state, data } = buildView(dataset, {
      cluster: { kind: 'region', path: '江苏' },
      types: ['inferred-supply'],
      showIsolated: true,
      seed: 1,
    });
    expect(data.mode).toBe('full');
    expect(data.nodes.keys.length).toBe(inRegion.size);
    const pairs = new Set(
      relations
        .filter((r) => r.source !== r.target && inRegion.has(r.source!) && inRegion.has(r.target!))
        .map((r) => `${r.source}>${r.target}`),
    );
    expect(data.edges.source.length).toBe(pairs.size);
    const relationsInRegion = relations.filter(
      (r) => r.source !== r.target && inRegion.has(r.source!) && inRegion.has(r.target!),
    ).length;
    expect(data.edges.count.reduce((a, b) => a + b, 0)).toBe(relationsInRegion);
    expect(data.edges.types.every((t) => t === 1 << 3)).toBe(true); // inferred-supply only

    const index = indexDataset(dataset);
    const d = companyDetails(dataset, index, state, '000698');
    const suppliers = new Set(relations.filter((r) => r.target === '000698').map((r) => r.source));
    expect(d.suppliers.map((s) => s.id).sort()).toEqual([...suppliers].sort());
    // 沈阳化工 is in 辽宁: outside this view, and so are its partners outside 江苏.
    expect(d.metrics).toEqual([
      { label: 'In the view', value: 'no (outside the cluster under study)' },
    ]);
    for (const s of d.suppliers) expect(s.inView).toBe(inRegion.has(s.id));

    const hits = searchCompanies(dataset, index, state, '化工', 50);
    expect(hits.length).toBe(
      Math.min(50, companies.filter((c) => c.name!.includes('化工')).length),
    );
    expect(searchCompanies(dataset, index, state, '000698', 5)[0]!.name).toBe('沈阳化工');
  });
});

describe('large views start from the community graph', () => {
  // 25 groups of 1,000 companies (25,000 > MAX_DRAWN_NODES), each a ring with chords, plus
  // one arc from each group to the next: Louvain finds the groups.
  const groups = 25;
  const size = 1_000;
  const lines = ['source,target'];
  for (let g = 0; g < groups; g++) {
    for (let i = 0; i < size; i++) {
      const u = g * size + i;
      lines.push(
        `n${u},n${g * size + ((i + 1) % size)}`,
        `n${u},n${g * size + ((i * 7 + 3) % size)}`,
      );
    }
    lines.push(`n${g * size},n${((g + 1) % groups) * size + 1}`);
  }
  const { dataset } = loadEdgeList(new TextEncoder().encode(lines.join('\n')), 'big.csv');

  it('aggregates, then expands one community into its companies', () => {
    expect(groups * size).toBeGreaterThan(MAX_DRAWN_NODES);
    const { state, data } = buildView(dataset, {
      cluster: { kind: 'all' },
      types: ['supply'],
      showIsolated: false,
      seed: 1,
    });
    expect(data.mode).toBe('aggregated');
    expect(data.nodes.keys.every((k) => k.startsWith('community:'))).toBe(true);
    expect(data.nodes.keys.length).toBeLessThanOrEqual(MAX_COMMUNITY_NODES + 1);
    expect(data.nodes.weight.reduce((a, b) => a + b, 0)).toBe(groups * size);
    // Arcs between community nodes carry every relation that crosses communities.
    let crossing = 0;
    for (let r = 0; r < dataset.relations.source.length; r++) {
      const a = state.community[dataset.relations.source[r]!]!;
      const b = state.community[dataset.relations.target[r]!]!;
      if (a !== b) crossing++;
    }
    expect(data.edges.count.reduce((a, b) => a + b, 0) + data.prunedRelations).toBe(crossing);
    // Each community node keeps at most COMMUNITY_ARCS of its own strongest arcs (an arc kept
    // for its other end may add to that).
    expect(data.edges.source.length).toBeLessThanOrEqual(data.nodes.keys.length * COMMUNITY_ARCS);

    const first = data.nodes.community[0]!;
    const expanded = expandCommunity(dataset, state, first);
    const members = [...state.community].filter((c) => c === first).length;
    expect(expanded.nodes.company.filter((c) => c >= 0).length).toBe(members);
    expect(expanded.nodes.keys).not.toContain(`community:${first}`);
    expect(expanded.nodes.keys.length).toBe(data.nodes.keys.length - 1 + members);
    // Still every relation accounted for: inside the expanded community arc by arc (merged
    // pairs), across communities summed.
    let inside = 0;
    let other = 0;
    for (let r = 0; r < dataset.relations.source.length; r++) {
      const a = state.community[dataset.relations.source[r]!]!;
      const b = state.community[dataset.relations.target[r]!]!;
      if (a === first && b === first) inside++;
      else if (a !== b) other++;
    }
    expect(expanded.edges.count.reduce((a, b) => a + b, 0) + expanded.prunedRelations).toBe(
      inside + other,
    );
    // Expanding everything would draw more than the limit.
    for (const c of new Set(state.community))
      if (c !== first) {
        try {
          expandCommunity(dataset, state, c);
        } catch (e) {
          expect((e as Error).message).toMatch(/the viewer draws at most 20,000/);
          return;
        }
      }
    throw new Error('expanding every community should have been refused');
  });
});

describe('steps up- and downstream', () => {
  it('follows arcs backwards (upstream) or forwards (downstream), n steps or to the end', () => {
    const g = new Graph({ type: 'directed' });
    for (const [s, t] of [
      ['ore', 'steel'],
      ['steel', 'parts'],
      ['parts', 'car'],
      ['paint', 'car'],
      ['car', 'dealer'],
    ])
      g.mergeEdge(s, t);
    const up = stepsFrom(g, 'car', 'upstream', 1);
    expect(Object.fromEntries(up)).toEqual({ car: 0, parts: 1, paint: 1 });
    expect(Object.fromEntries(stepsFrom(g, 'car', 'upstream', Infinity))).toEqual({
      car: 0,
      parts: 1,
      paint: 1,
      steel: 2,
      ore: 3,
    });
    expect([...stepsFrom(g, 'steel', 'downstream', 2).keys()].sort()).toEqual([
      'car',
      'parts',
      'steel',
    ]);
    expect([...stepsFrom(g, 'parts', 'both', 1).keys()].sort()).toEqual(['car', 'parts', 'steel']);
  });
});
