/**
 * canonicalDataset: the same data in any row order gives the same tables, and so the same
 * results. A hand-made dataset with every tie-break (parallel relations, −0 and +0, NaN shares,
 * rows equal but for an extra column), then cn-listed with every table shuffled in memory, run
 * through analyze() and the metrics table.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '../src/index.js';
import {
  analyze,
  buildMetricGraph,
  canonicalDataset,
  clusterByRegion,
  createRng,
  isCanonical,
  metricsTable,
  relationTypeCode,
  reportJson,
} from '../src/index.js';
import { readDataset } from '@chainlens/io/node';

/** A seeded permutation of 0..n−1 (Fisher–Yates). */
function permutation(n: number, rng: () => number): Int32Array {
  const p = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [p[i], p[j]] = [p[j]!, p[i]!];
  }
  return p;
}

function pick<T>(column: readonly T[], order: Int32Array): T[] {
  return Array.from(order, (k) => column[k]!);
}

function pickAttributes(attributes: Record<string, string[]>, order: Int32Array) {
  return Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, pick(v, order)]));
}

/**
 * The same data with every table in another row order: companies and products renumbered,
 * the index columns of memberships, relations and product links following them.
 */
function shuffled(dataset: Dataset, seed: number): Dataset {
  const rng = createRng(seed);
  const c = dataset.companies;
  const order = permutation(c.ids.length, rng); // new position i holds old company order[i]
  const rank = new Int32Array(order.length);
  order.forEach((old, i) => (rank[old] = i));
  const m = dataset.memberships;
  const mo = permutation(m.company.length, rng);
  const r = dataset.relations;
  const ro = permutation(r.source.length, rng);
  const out: Dataset = {
    ...dataset,
    companies: {
      ids: pick(c.ids, order),
      names: pick(c.names, order),
      regions: pick(c.regions, order),
      attributes: pickAttributes(c.attributes, order),
    },
    memberships: {
      company: Int32Array.from(mo, (k) => rank[m.company[k]!]!),
      segment: pick(m.segment, mo),
      share: Float64Array.from(mo, (k) => m.share[k]!),
      attributes: pickAttributes(m.attributes, mo),
    },
    relations: {
      source: Int32Array.from(ro, (k) => rank[r.source[k]!]!),
      target: Int32Array.from(ro, (k) => rank[r.target[k]!]!),
      type: Uint8Array.from(ro, (k) => r.type[k]!),
      weight: Float64Array.from(ro, (k) => r.weight[k]!),
      attributes: pickAttributes(r.attributes, ro),
    },
  };
  if (dataset.products) {
    const p = dataset.products;
    const po = permutation(p.ids.length, rng);
    const prank = new Int32Array(po.length);
    po.forEach((old, i) => (prank[old] = i));
    out.products = {
      ids: pick(p.ids, po),
      names: pick(p.names, po),
      kinds: pick(p.kinds, po),
      attributes: pickAttributes(p.attributes, po),
    };
    if (dataset.productLinks) {
      const l = dataset.productLinks;
      const lo = permutation(l.source.length, rng);
      out.productLinks = {
        source: Int32Array.from(lo, (k) => prank[l.source[k]!]!),
        target: Int32Array.from(lo, (k) => prank[l.target[k]!]!),
        type: pick(l.type, lo),
        weight: Float64Array.from(lo, (k) => l.weight[k]!),
      };
    }
  }
  return out;
}

const supply = relationTypeCode('supply');
const collaboration = relationTypeCode('collaboration');

/** Ids out of order, and every tie the canonical order has to break. */
function fixture(): Dataset {
  return {
    name: 'ties',
    companies: {
      // code-unit order: '0' < '000001' < '10' < '9' < 'B' < 'a' < '宁德'
      ids: ['9', '000001', 'a', '宁德', 'B', '10', '0'],
      names: ['九', '平安', 'a', '宁德时代', 'B', '十', '零'],
      regions: ['浙江', '广东', '', '福建', '浙江', '浙江', ''],
      attributes: { note: ['n9', 'n1', 'na', 'nn', 'nb', 'n10', 'n0'] },
    },
    memberships: {
      company: Int32Array.from([0, 0, 0, 3, 1, 1, 4]),
      segment: ['cell', 'cell', 'anode', '电芯', 'cell', 'cell', 'x'],
      share: Float64Array.from([NaN, 0.5, 1, 0, 0.2, 0.2, -0]),
      attributes: { source: ['b', 'a', '', '', 'y', 'x', ''] },
    },
    relations: {
      source: Int32Array.from([0, 0, 0, 0, 1, 5, 5, 2, 6]),
      target: Int32Array.from([1, 1, 1, 1, 0, 6, 6, 3, 6]),
      type: Uint8Array.from([supply, collaboration, supply, supply, supply, supply, supply, 0, 0]),
      weight: Float64Array.from([2, 1, 0, -0, 1, 3, 3, 1, 1]),
      attributes: { via: ['', '', '', '', '', 'q', 'p', '', ''] },
    },
    templates: [],
    products: {
      ids: ['p2', 'p10', 'p1'],
      names: ['二', '十', '一'],
      kinds: ['product', 'product', 'industry'],
      attributes: {},
    },
    productLinks: {
      source: Int32Array.from([0, 2, 2, 1]),
      target: Int32Array.from([1, 0, 0, 0]),
      type: ['input_of', 'subcategory_of', 'input_of', 'input_of'],
      weight: Float64Array.from([1, 1, 1, 0.5]),
    },
  };
}

describe('canonicalDataset on a hand-made dataset', () => {
  const canonical = canonicalDataset(fixture());

  it('sorts companies by id in code-unit order, with their columns', () => {
    const c = canonical.companies;
    expect(c.ids).toEqual(['0', '000001', '10', '9', 'B', 'a', '宁德']);
    expect(c.names).toEqual(['零', '平安', '十', '九', 'B', 'a', '宁德时代']);
    expect(c.regions).toEqual(['', '广东', '浙江', '浙江', '浙江', '', '福建']);
    expect(c.attributes.note).toEqual(['n0', 'n1', 'n10', 'n9', 'nb', 'na', 'nn']);
  });

  it('sorts memberships by company, segment, share (NaN last, −0 before 0), extra columns', () => {
    const m = canonical.memberships;
    const rows = Array.from(m.company, (c, k) => [
      canonical.companies.ids[c],
      m.segment[k],
      Object.is(m.share[k], -0) ? '-0' : String(m.share[k]),
      m.attributes.source![k],
    ]);
    expect(rows).toEqual([
      ['000001', 'cell', '0.2', 'x'],
      ['000001', 'cell', '0.2', 'y'],
      ['9', 'anode', '1', ''],
      ['9', 'cell', '0.5', 'a'],
      ['9', 'cell', 'NaN', 'b'],
      ['B', 'x', '-0', ''],
      ['宁德', '电芯', '0', ''],
    ]);
  });

  it('sorts relations by source, target, type, weight (−0 before 0), extra columns', () => {
    const r = canonical.relations;
    const id = (i: number) => canonical.companies.ids[i];
    const rows = Array.from(r.source, (s, k) => [
      id(s),
      id(r.target[k]!),
      r.type[k],
      Object.is(r.weight[k], -0) ? '-0' : String(r.weight[k]),
      r.attributes.via![k],
    ]);
    expect(rows).toEqual([
      ['0', '0', 0, '1', ''],
      ['000001', '9', supply, '1', ''],
      ['10', '0', supply, '3', 'p'],
      ['10', '0', supply, '3', 'q'],
      ['9', '000001', supply, '-0', ''],
      ['9', '000001', supply, '0', ''],
      ['9', '000001', supply, '2', ''],
      ['9', '000001', collaboration, '1', ''],
      ['a', '宁德', 0, '1', ''],
    ]);
  });

  it('sorts products by id and product links by source, target, type, weight', () => {
    expect(canonical.products!.ids).toEqual(['p1', 'p10', 'p2']);
    expect(canonical.products!.names).toEqual(['一', '十', '二']);
    const l = canonical.productLinks!;
    const ids = canonical.products!.ids;
    expect(
      Array.from(l.source, (s, k) => [ids[s], ids[l.target[k]!], l.type[k], l.weight[k]]),
    ).toEqual([
      ['p1', 'p2', 'input_of', 1],
      ['p1', 'p2', 'subcategory_of', 1],
      ['p10', 'p2', 'input_of', 0.5],
      ['p2', 'p10', 'input_of', 1],
    ]);
  });

  it('gives the same tables for the data in any row order', () => {
    for (let seed = 1; seed <= 20; seed++) {
      expect(canonicalDataset(shuffled(fixture(), seed)), `seed ${seed}`).toEqual(canonical);
    }
  });

  it('leaves its input alone and keeps tables already in order', () => {
    const input = fixture();
    const copy = structuredClone(input);
    canonicalDataset(input);
    expect(input).toEqual(copy);
    expect(isCanonical(input)).toBe(false);
    expect(isCanonical(canonical)).toBe(true);
    const again = canonicalDataset(canonical);
    expect(again.companies).toBe(canonical.companies);
    expect(again.memberships).toBe(canonical.memberships);
    expect(again.relations).toBe(canonical.relations);
    expect(again.products).toBe(canonical.products);
    expect(again.productLinks).toBe(canonical.productLinks);
  });
});

describe('cn-listed with every table shuffled', () => {
  const { dataset } = readDataset('datasets/cn-listed');
  const template = (id: string) =>
    JSON.parse(readFileSync(`datasets/templates/${id}.json`, 'utf8')) as ChainTemplate;

  it('is loaded in canonical order, and a shuffled copy comes back to it', () => {
    expect(isCanonical(dataset)).toBe(true);
    const mixed = shuffled(dataset, 7);
    expect(mixed.companies.ids).not.toEqual(dataset.companies.ids);
    expect(canonicalDataset(mixed)).toEqual(dataset);
  });

  it('gives a byte-identical analyze() report and metrics table', () => {
    const again = canonicalDataset(shuffled(dataset, 11));
    const lithium = template('lithium-battery');
    const report = (d: Dataset) =>
      reportJson(analyze(d, { cluster: clusterByRegion(d.companies, '广东'), template: lithium }));
    expect(report(again)).toBe(report(dataset));
    const table = (d: Dataset) =>
      metricsTable(buildMetricGraph(d, { types: ['inferred-supply'] }), { seed: 1 }).columns;
    const a = table(dataset);
    const b = table(again);
    for (const name of ['pagerank', 'betweenness', 'community', 'core'] as const) {
      expect(Array.from(b[name] as ArrayLike<number>), name).toEqual(
        Array.from(a[name] as ArrayLike<number>),
      );
    }
  });
});
