/**
 * The range filters' model (graph/filters.ts) and the numeric columns (worker/numeric.ts) in
 * Node, on real data: the 江苏 view of cn-listed, with figures counted here from the shipped
 * relations.csv (csv-parse), not by the code under test; and a URL's filter text, hostile or not.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { readDataset } from '@chainlens/io/node';
import { describe, expect, it } from 'vitest';
import {
  countShown,
  formatFilters,
  nodePasses,
  parseFilters,
  valueRange,
} from '../src/graph/filters.js';
import { buildGraph } from '../src/graph/model.js';
import { loadFromFiles } from '../src/worker/load.js';
import { numericColumns, withNumeric } from '../src/worker/numeric.js';
import { buildView } from '../src/worker/view.js';
import { ROOT } from './browser.js';

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parseCsv(readFileSync(join(ROOT, path)), { columns: true, skip_empty_lines: true, bom: true });

const companies = csv('datasets/cn-listed/companies.csv');
const relations = csv('datasets/cn-listed/relations.csv');
const inJiangsu = new Set(companies.filter((c) => c.region!.startsWith('江苏')).map((c) => c.id!));

/** Distinct partners of each 江苏 company over the inferred-supply relations inside 江苏. */
const partners = new Map<string, Set<string>>();
const arcWeight = new Map<string, number>();
for (const r of relations) {
  const [s, t] = [r.source!, r.target!];
  if (r.type !== 'inferred-supply' || s === t || !inJiangsu.has(s) || !inJiangsu.has(t)) continue;
  for (const [a, b] of [
    [s, t],
    [t, s],
  ] as const) {
    if (!partners.has(a)) partners.set(a, new Set());
    partners.get(a)!.add(b);
  }
  arcWeight.set(`${s}>${t}`, (arcWeight.get(`${s}>${t}`) ?? 0) + Number(r.weight));
}

function jiangsu() {
  const { dataset } = readDataset(join(ROOT, 'datasets/cn-listed'));
  const { data } = buildView(dataset, {
    cluster: { kind: 'region', path: '江苏' },
    types: ['inferred-supply'],
    showIsolated: false,
    seed: 1,
  });
  return buildGraph(data);
}

describe('range filters on a real view', () => {
  const graph = jiangsu();

  it('a degree range keeps the companies with that many distinct partners', () => {
    for (const [min, max] of [
      [3, null],
      [2, 5],
      [null, 1],
    ] as const) {
      const filters = [{ key: 'degree', min, max }];
      const expected = [...partners].filter(
        ([, p]) => (min === null || p.size >= min) && (max === null || p.size <= max),
      ).length;
      let kept = 0;
      graph.forEachNode((_, a) => {
        if (a.company >= 0 && nodePasses(a, filters)) kept++;
      });
      expect(kept, `${min}..${max}`).toBe(expected);
      const c = countShown(graph, (_, a) => !nodePasses(a, filters), filters);
      expect(c.shown).toBe(expected);
      expect(c.total).toBe(partners.size);
    }
    expect(valueRange(graph, 'degree')).toEqual({
      min: Math.min(...[...partners.values()].map((p) => p.size)),
      max: Math.max(...[...partners.values()].map((p) => p.size)),
    });
  });

  it('a link-weight range keeps the arcs at or above it and every company', () => {
    const weights = [...arcWeight.values()].sort((a, b) => a - b);
    const cut = weights[Math.floor(weights.length * 0.75)]!;
    const filters = [{ key: 'weight', min: cut, max: null }];
    const c = countShown(graph, (_, a) => !nodePasses(a, filters), filters);
    expect(c.links).toBe(arcWeight.size);
    // Weights as summed here and in the engine may differ in the last bits: allow a hair.
    const near = weights.filter((w) => Math.abs(w - cut) <= 1e-12 * Math.max(1, cut)).length;
    const above = weights.filter((w) => w >= cut).length;
    expect(Math.abs(c.linksShown - above)).toBeLessThanOrEqual(near);
    expect(c.linksShown).toBeLessThan(c.links);
    expect(c.shown).toBe(c.total);
  });
});

describe('numeric company columns', () => {
  it('finds the columns whose every value is a number (not codes), and puts them on the nodes', async () => {
    const rows = [
      'id,name,region,revenue,code,note,industry_code',
      'a,甲,江苏/苏州,1200.5,001,x,480301',
      'b,乙,江苏/苏州,,002,,430101',
      'c,丙,江苏/无锡,3e3,n/a,y,240302',
      'd,丁,江苏/无锡,-4,004,,240302',
    ].join('\n');
    const links = ['source,target,type,weight', 'a,b,supply,2', 'c,d,supply,1', 'a,c,supply,3'];
    const { dataset } = await loadFromFiles(
      [
        { path: 'companies.csv', file: new Blob([rows]) },
        { path: 'relations.csv', file: new Blob([links.join('\n')]) },
      ],
      () => {},
    );
    expect(numericColumns(dataset)).toEqual(['revenue']);
    const { data } = buildView(dataset, {
      cluster: { kind: 'all' },
      types: ['supply'],
      showIsolated: true,
      seed: 1,
    });
    const graph = buildGraph(withNumeric(dataset, ['revenue'], data));
    expect(graph.getNodeAttribute('a', 'num')).toEqual({ revenue: 1200.5 });
    expect(graph.getNodeAttribute('b', 'num')!.revenue).toBeNaN();
    const filters = [{ key: 'num:revenue', min: 0, max: null }];
    // b has no revenue: hidden under a revenue filter; d's is below the range.
    expect(graph.filterNodes((_, a) => nodePasses(a, filters)).sort()).toEqual(['a', 'c']);
  });
});

describe('filters in a URL', () => {
  const known = (k: string) => ['degree', 'pagerank', 'weight', 'num:营收'].includes(k);

  it('round-trips', () => {
    const filters = [
      { key: 'degree', min: 3, max: null },
      { key: 'num:营收', min: 1.5e8, max: 2e9 },
      { key: 'weight', min: null, max: 0.25 },
    ];
    const text = formatFilters(filters);
    expect(
      parseFilters(new URLSearchParams(`f=${encodeURIComponent(text)}`).get('f')!, known),
    ).toEqual(filters);
  });

  it('drops unknown keys, non-numbers, reversed and empty ranges, repeats and excess', () => {
    const hostile = [
      '__proto__~1~2',
      'constructor~~5',
      'degree~<script>~',
      'degree~1e999~',
      'degree~NaN~',
      'degree~0x10~',
      'pagerank~5~1',
      'weight~~',
      'degree~2',
      'degree~1~2~3',
    ].join('|');
    expect(parseFilters(hostile, known)).toEqual([]);
    expect(parseFilters('degree~1~|degree~5~', known)).toEqual([
      { key: 'degree', min: 1, max: null },
    ]);
    const many = Array.from({ length: 40 }, (_, i) => `num:c${i}~${i}~`).join('|');
    expect(parseFilters(many, () => true).map((f) => f.key)).toEqual(
      Array.from({ length: 12 }, (_, i) => `num:c${i}`),
    );
  });
});
