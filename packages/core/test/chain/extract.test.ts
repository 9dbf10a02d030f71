/**
 * Template extraction from product links: a hand-built product graph worked out by hand, and
 * the shipped cn-listed data checked against an independent breadth-first search over
 * product-links.csv (read here with csv-parse).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import { templateSchema } from '@chainlens/io';
import type { ChainTemplate, Dataset, ProductLinkType } from '../../src/index.js';
import {
  UnknownProductError,
  chainStructure,
  checkTemplate,
  emptyMemberships,
  extractTemplate,
  segmentMembership,
  suggestProducts,
} from '../../src/index.js';

/**
 * Hand-built products (id, name, kind):
 *
 *   car 整车, ecar 电动整车 (subcategory_of 整车, head-final), parts 整车零件 (subcategory_of
 *   整车, not head-final: it ends with 零件), motor 电机, battery 电池, steel 钢材 (industry),
 *   cathode 正极, anode 负极, ore 锂矿, graphite 石墨, control 电控, screw 螺丝.
 *
 * input_of links, in file order (input → output):
 *   电机→整车, 电池→整车, 钢材→整车, 正极→电池, 负极→电池, 钢材→电机, 锂矿→正极, 石墨→负极,
 *   整车→锂矿 (a recycling back-link), 电控→电动整车, 螺丝→整车零件.
 *
 * From 整车, depth 3, breadth first: d0 整车; d1 电机, 电池, 钢材 (in that order); d2 正极,
 * 负极; d3 锂矿, 石墨. 8 products. Closure links: 电机→整车, 电池→整车, 钢材→整车,
 * 钢材→电机 (found expanding 电机), 正极→电池, 负极→电池, 锂矿→正极, 石墨→负极, 整车→锂矿.
 * Feeds: the 7 links from a greater to a smaller distance; then 钢材→电机 (d1 → d1: 电机 does
 * not reach 钢材, kept) and 整车→锂矿 (锂矿 → 正极 → 电池 → 整车 reaches 整车: a cycle, left
 * out). 8 feeds, 1 left out. Stages (D = 3): 整车 downstream; 电机, 电池, 钢材, 正极, 负极
 * midstream; 锂矿, 石墨 upstream.
 */
function handBuilt(): Dataset {
  const products: Array<[string, string, string]> = [
    ['car', '整车', 'product'],
    ['ecar', '电动整车', 'product'],
    ['parts', '整车零件', 'product'],
    ['motor', '电机', 'product'],
    ['battery', '电池', 'product'],
    ['steel', '钢材', 'industry'],
    ['cathode', '正极', 'product'],
    ['anode', '负极', 'product'],
    ['ore', '锂矿', 'product'],
    ['graphite', '石墨', 'product'],
    ['control', '电控', 'product'],
    ['screw', '螺丝', 'product'],
  ];
  const at = (id: string) => products.findIndex((p) => p[0] === id);
  const links: Array<[string, string, ProductLinkType]> = [
    ['motor', 'car', 'input_of'],
    ['battery', 'car', 'input_of'],
    ['steel', 'car', 'input_of'],
    ['cathode', 'battery', 'input_of'],
    ['anode', 'battery', 'input_of'],
    ['steel', 'motor', 'input_of'],
    ['ore', 'cathode', 'input_of'],
    ['graphite', 'anode', 'input_of'],
    ['car', 'ore', 'input_of'],
    ['control', 'ecar', 'input_of'],
    ['screw', 'parts', 'input_of'],
    ['ecar', 'car', 'subcategory_of'],
    ['parts', 'car', 'subcategory_of'],
  ];
  return {
    name: 'hand',
    companies: { ids: [], names: [], regions: [], attributes: {} },
    memberships: emptyMemberships(),
    relations: {
      source: new Int32Array(0),
      target: new Int32Array(0),
      type: new Uint8Array(0),
      weight: new Float64Array(0),
      attributes: {},
    },
    templates: [],
    products: {
      ids: products.map((p) => p[0]),
      names: products.map((p) => p[1]),
      kinds: products.map((p) => p[2]),
      attributes: {},
    },
    productLinks: {
      source: Int32Array.from(links, (l) => at(l[0])),
      target: Int32Array.from(links, (l) => at(l[1])),
      type: links.map((l) => l[2]),
      weight: new Float64Array(links.length).fill(1),
    },
  };
}

const stages = (t: ChainTemplate) => Object.fromEntries(t.segments.map((s) => [s.id, s.stage]));

describe('extractTemplate on a hand-built product graph', () => {
  const dataset = handBuilt();

  it('takes the upstream closure to depth 3 with feeds that form a DAG', () => {
    const t = extractTemplate(dataset, { product: '整车' });
    expect(t.segments.map((s) => s.id)).toEqual([
      'car',
      'motor',
      'battery',
      'steel',
      'cathode',
      'anode',
      'ore',
      'graphite',
    ]);
    expect(t.segments.map((s) => s.includes)).toEqual(
      ['整车', '电机', '电池', '钢材', '正极', '负极', '锂矿', '石墨'].map((n) => [n]),
    );
    expect(t.segments.map((s) => s.name)).toEqual(t.segments.map((s) => s.includes[0]));
    expect(stages(t)).toEqual({
      car: 'downstream',
      motor: 'midstream',
      battery: 'midstream',
      steel: 'midstream',
      cathode: 'midstream',
      anode: 'midstream',
      ore: 'upstream',
      graphite: 'upstream',
    });
    expect(new Set(t.feeds.map((f) => f.join('>')))).toEqual(
      new Set([
        'motor>car',
        'battery>car',
        'steel>car',
        'cathode>battery',
        'anode>battery',
        'ore>cathode',
        'graphite>anode',
        'steel>motor',
      ]),
    );
    expect(t.feeds).not.toContainEqual(['car', 'ore']);
    expect(checkTemplate(t)).toEqual([]);
    expect(t.id).toBe('car-chain');
    expect(t.description).toContain('8 products reached');
    expect(t.description).toContain('1 input link left out to keep the feeds acyclic');
  });

  it('stops at the depth: depth 1 has no midstream, depth 0 only the end product', () => {
    const t1 = extractTemplate(dataset, { product: 'car', depth: 1 });
    expect(stages(t1)).toEqual({
      car: 'downstream',
      motor: 'upstream',
      battery: 'upstream',
      steel: 'upstream',
    });
    // 钢材→电机 links two segments at distance 1; it closes no cycle.
    expect(t1.feeds).toEqual([
      ['motor', 'car'],
      ['battery', 'car'],
      ['steel', 'car'],
      ['steel', 'motor'],
    ]);
    const t0 = extractTemplate(dataset, { product: 'car', depth: 0 });
    expect(t0.segments).toHaveLength(1);
    expect(t0.segments[0]!.stage).toBe('downstream');
    expect(t0.feeds).toEqual([]);
  });

  it('caps the segments, nearest first and the most linked among equally near', () => {
    // d1 candidates: 电机 (2 closure links: →整车, 钢材→), 电池 (3: →整车, 正极→, 负极→),
    // 钢材 (2). 电池 wins on links although 电机 was found first; then 电机 before 钢材 (tie,
    // found first); then 正极 (d2, found before 负极, both 2 links).
    expect(
      extractTemplate(dataset, { product: 'car', maxSegments: 2 }).segments.map((s) => s.id),
    ).toEqual(['car', 'battery']);
    const t5 = extractTemplate(dataset, { product: 'car', maxSegments: 5 });
    expect(t5.segments.map((s) => s.id)).toEqual(['car', 'motor', 'battery', 'steel', 'cathode']);
    expect(stages(t5).cathode).toBe('upstream');
    expect(t5.feeds).toEqual([
      ['motor', 'car'],
      ['battery', 'car'],
      ['steel', 'car'],
      ['cathode', 'battery'],
      ['steel', 'motor'],
    ]);
    expect(t5.description).toContain('5 kept (maxSegments 5)');
  });

  it('gathers the head-final narrower kinds of the end product with subcategories', () => {
    const t = extractTemplate(dataset, { product: 'car', depth: 1, subcategories: true });
    expect(t.segments[0]!.includes).toEqual(['整车', '电动整车']); // not 整车零件
    // 电控 is an input of 电动整车, now followed; 螺丝 (input of 整车零件) is not.
    expect(t.segments.map((s) => s.id)).toContain('control');
    expect(t.feeds).toContainEqual(['control', 'car']);
    expect(t.segments.map((s) => s.id)).not.toContain('screw');
  });

  it('follows only the listed kinds', () => {
    const t = extractTemplate(dataset, { product: 'car', kinds: ['product'] });
    expect(t.segments.map((s) => s.id)).not.toContain('steel');
    expect(t.segments.map((s) => s.id)).toHaveLength(7);
  });

  it('names unknown products with the nearest names and rejects bad options', () => {
    let error: unknown;
    try {
      extractTemplate(dataset, { product: '电池组' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownProductError);
    expect((error as UnknownProductError).suggestions).toContain('电池');
    expect((error as Error).message).toBe("unknown product '电池组'; did you mean '电池'?");
    expect(suggestProducts(dataset, '正级')).toEqual(['正极']); // one edit away
    expect(() => extractTemplate(dataset, { product: '整车', depth: -1 })).toThrow(/depth/);
    expect(() => extractTemplate(dataset, { product: '整车', maxSegments: 0 })).toThrow(
      /maxSegments/,
    );
    expect(() => extractTemplate({ ...dataset, products: undefined }, { product: '整车' })).toThrow(
      /no products/,
    );
  });
});

describe('extractTemplate on the shipped cn-listed data', () => {
  const CN = new URL('../../../../datasets/cn-listed/', import.meta.url);
  const rows = (file: string) =>
    parse(readFileSync(new URL(file, CN), 'utf8'), { columns: true, bom: true }) as Record<
      string,
      string
    >[];
  let dataset: Dataset;
  let inputsOf: Map<string, string[]>;
  beforeAll(() => {
    dataset = readDataset(fileURLToPath(CN)).dataset;
    inputsOf = new Map();
    for (const l of rows('product-links.csv')) {
      if (l.type !== 'input_of') continue;
      const list = inputsOf.get(l.target!) ?? [];
      list.push(l.source!);
      inputsOf.set(l.target!, list);
    }
  }, 120_000);

  /** Independent breadth-first distances from `product` over the CSV, to `depth`. */
  const distances = (product: string, depth: number) => {
    const dist = new Map([[product, 0]]);
    let frontier = [product];
    for (let d = 1; d <= depth; d++) {
      const next: string[] = [];
      for (const p of frontier) {
        for (const i of inputsOf.get(p) ?? []) {
          if (!dist.has(i)) {
            dist.set(i, d);
            next.push(i);
          }
        }
      }
      frontier = next;
    }
    return dist;
  };

  it('汽车 to depth 3: every product within 3 input_of steps, at its distance, as a DAG', () => {
    const t = extractTemplate(dataset, { product: '汽车', depth: 3, maxSegments: 1000 });
    const dist = distances('汽车', 3);
    expect(dist.size).toBeGreaterThan(30);
    expect(new Set(t.segments.map((s) => s.name))).toEqual(new Set(dist.keys()));
    const deepest = Math.max(...dist.values());
    for (const s of t.segments) {
      const d = dist.get(s.name)!;
      expect(s.stage).toBe(d === 0 ? 'downstream' : d === deepest ? 'upstream' : 'midstream');
    }
    // The direct inputs the file lists for 汽车 (冷轧板, 玻璃, 汽油, …) all feed it.
    const direct = inputsOf.get('汽车')!;
    expect(direct).toEqual(expect.arrayContaining(['冷轧板', '玻璃', '汽油', '电解铝']));
    for (const i of direct) expect(t.feeds).toContainEqual([i, '汽车']);
    expect(checkTemplate(t)).toEqual([]);
    expect(templateSchema.safeParse(t).success).toBe(true);
  });

  it('汽车 with the default cap keeps 30 segments: all direct inputs, each reaching 汽车', () => {
    const t = extractTemplate(dataset, { product: '汽车' });
    expect(t.segments).toHaveLength(30);
    const ids = t.segments.map((s) => s.id);
    for (const i of inputsOf.get('汽车')!) expect(ids).toContain(i);
    const out = new Map<string, string[]>();
    for (const [a, b] of t.feeds) out.set(a, [...(out.get(a) ?? []), b]);
    for (const id of ids) {
      const seen = new Set([id]);
      const stack = [id];
      while (stack.length > 0) {
        for (const v of out.get(stack.pop()!) ?? []) {
          if (!seen.has(v)) {
            seen.add(v);
            stack.push(v);
          }
        }
      }
      expect(seen.has('汽车')).toBe(true);
    }
    expect(checkTemplate(t)).toEqual([]);
  });

  it('碳酸锂 to depth 1: its five listed inputs, and its makers land in its segment', () => {
    const t = extractTemplate(dataset, { product: '碳酸锂', depth: 1 });
    expect(new Set(t.segments.map((s) => s.name))).toEqual(
      new Set(['碳酸锂', ...inputsOf.get('碳酸锂')!]),
    );
    expect(inputsOf.get('碳酸锂')!.sort()).toEqual(
      ['硫酸', '纯碱', '锂云母', '锂辉石', '锂长石'].sort(),
    );
    // Every maker, whatever its share (2021: each under 5 % of revenue): minShare 0.
    const membership = segmentMembership(dataset, chainStructure(t), { minShare: 0 });
    const makers = new Set(
      rows('memberships.csv')
        .filter((m) => m.segment === '碳酸锂')
        .map((m) => m.company),
    );
    const members = [...membership.members[0]!].map((c) => dataset.companies.ids[c]);
    expect(new Set(members)).toEqual(makers);
    expect(makers.size).toBeGreaterThan(0);
  });

  it('新能源汽车 has no input_of link in the file: a one-segment template', () => {
    expect(inputsOf.has('新能源汽车')).toBe(false);
    const t = extractTemplate(dataset, { product: '新能源汽车', depth: 3 });
    expect(t.segments.map((s) => s.id)).toEqual(['新能源汽车']);
    expect(t.feeds).toEqual([]);
  });

  it('suggests near product names for an unknown one', () => {
    expect(() => extractTemplate(dataset, { product: '锂电' })).toThrow(
      /unknown product '锂电'; did you mean '锂电池'/,
    );
  });
});
