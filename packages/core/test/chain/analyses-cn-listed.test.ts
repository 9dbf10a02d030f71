/**
 * Weak links, missing roles, input gaps, leaders, targets and related segments on the shipped
 * cn-listed data (4,689 listed companies, inferred supply only), checked against naive
 * re-computations from the raw tables, and for determinism. The template is a small lithium
 * battery chain written here against cn-listed product names, so the test does not depend on
 * any shipped template; the shipped ones (datasets/templates) get the same invariant checks
 * when they are there.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { templateSchema } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import type { ChainContext, ChainTemplate, Dataset } from '../../src/index.js';
import {
  chainContext,
  clusterByRegion,
  completeness,
  criticality,
  inputGaps,
  localSupplyRatio,
  matchesInclude,
  resilience,
  supplyDominators,
  wholeSupply,
  leaders,
  missingRoles,
  portfolio,
  relatedSegments,
  relationTypeCode,
  segmentTable,
  targets,
  weakLinks,
} from '../../src/index.js';

const ROOT = new URL('../../../../datasets/', import.meta.url);

const LITHIUM: ChainTemplate = {
  id: 'test-lithium',
  name: '锂电池 (test)',
  segments: [
    {
      id: 'lithium',
      name: '锂资源',
      stage: 'upstream',
      weight: 1,
      includes: ['碳酸锂', '氢氧化锂', '锂盐', '锂', '锂矿*'],
    },
    {
      id: 'cathode',
      name: '正极材料',
      stage: 'midstream',
      weight: 2,
      includes: ['*正极材料', '磷酸铁锂', '钴酸锂', '锰酸锂', '三元*'],
    },
    {
      id: 'anode',
      name: '负极材料',
      stage: 'midstream',
      weight: 1,
      includes: ['负极*', '*负极材料', '人造石墨'],
    },
    {
      id: 'electrolyte',
      name: '电解液',
      stage: 'midstream',
      weight: 1,
      includes: ['电解液', '六氟磷酸锂'],
    },
    { id: 'separator', name: '隔膜', stage: 'midstream', weight: 1, includes: ['*隔膜'] },
    {
      id: 'cells',
      name: '锂电池',
      stage: 'midstream',
      weight: 2,
      includes: ['*锂电池', '锂离子电池', '动力电池', '锂离子电芯', '电芯'],
    },
    {
      id: 'nev',
      name: '新能源汽车',
      stage: 'downstream',
      weight: 2,
      includes: ['新能源汽车*', '整车'],
    },
    { id: 'storage', name: '储能', stage: 'downstream', weight: 1, includes: ['储能*'] },
  ],
  feeds: [
    ['lithium', 'cathode'],
    ['lithium', 'electrolyte'],
    ['cathode', 'cells'],
    ['anode', 'cells'],
    ['electrolyte', 'cells'],
    ['separator', 'cells'],
    ['cells', 'nev'],
    ['cells', 'storage'],
  ],
};

let ds: Dataset;
beforeAll(() => {
  ds = readDataset(new URL('cn-listed/', ROOT).pathname).dataset;
});

/**
 * Naive membership: which segment ids company c holds, straight from the membership rows: the
 * known shares of its matched rows summed per segment must reach 5 % (the default minShare),
 * unless a matched row has no share (then it holds the segment whatever the known part).
 */
function naiveHolds(template: ChainTemplate, data: Dataset): Map<number, Set<string>> {
  // Glob: `*` is any run of characters, every other character stands for itself.
  const compiled = new Map<string, RegExp>();
  const like = (p: string, name: string) => {
    let re = compiled.get(p);
    if (re === undefined) {
      re = new RegExp(
        `^${p
          .split('*')
          .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        's',
      );
      compiled.set(p, re);
    }
    return re.test(name);
  };
  const sums = new Map<string, { known: number; unknown: boolean }>();
  const m = data.memberships;
  for (let r = 0; r < m.company.length; r++) {
    for (const s of template.segments) {
      if (m.segment[r] === s.id || s.includes.some((p) => like(p, m.segment[r]!))) {
        const key = `${m.company[r]}|${s.id}`;
        const acc = sums.get(key) ?? { known: 0, unknown: false };
        if (Number.isNaN(m.share[r])) acc.unknown = true;
        else acc.known += m.share[r]!;
        sums.set(key, acc);
      }
    }
  }
  // A segment's `industries` filter: a company filed under industries (rows of kind industry),
  // none of them matching, does not hold it.
  const kinds = m.attributes.kind;
  const filed = new Map<number, string[]>();
  for (let r = 0; r < m.company.length; r++) {
    if (kinds?.[r] !== 'industry') continue;
    filed.set(m.company[r]!, [...(filed.get(m.company[r]!) ?? []), m.segment[r]!]);
  }
  const out = new Map<number, Set<string>>();
  for (const [key, acc] of sums) {
    if (!acc.unknown && acc.known < 0.05) continue;
    const [c, s] = key.split('|') as [string, string];
    const patterns = template.segments.find((x) => x.id === s)!.industries;
    const own = filed.get(Number(c));
    if (patterns && own && !own.some((i) => patterns.some((p) => like(p, i)))) continue;
    if (!out.has(Number(c))) out.set(Number(c), new Set());
    out.get(Number(c))!.add(s);
  }
  return out;
}

/** The invariants every analysis must keep on real data, whatever the template. */
function checkInvariants(ctx: ChainContext, template: ChainTemplate, prefix: string) {
  const data = ctx.dataset;
  const holds = naiveHolds(template, data);
  const inside = (c: number) =>
    data.companies.regions[c] !== '' && (data.companies.regions[c] + '/').startsWith(prefix + '/');
  const ids = data.companies.ids;
  const index = new Map(ids.map((id, i) => [id, i]));
  const supplyCodes = new Set([relationTypeCode('supply'), relationTypeCode('inferred-supply')]);

  // Input gaps, naive: for each local chain firm c, own segment t, input s of t: a gap when c
  // does not hold s and no supply row u → c has u local and holding s.
  const inputsOf = new Map<string, string[]>();
  for (const [a, b] of template.feeds) inputsOf.set(b, [...(inputsOf.get(b) ?? []), a]);
  const localSupplierSegments = new Map<number, Set<string>>();
  const rel = data.relations;
  for (let r = 0; r < rel.source.length; r++) {
    const u = rel.source[r]!;
    const v = rel.target[r]!;
    if (!supplyCodes.has(rel.type[r]!) || u === v || !inside(u) || !inside(v)) continue;
    if (!localSupplierSegments.has(v)) localSupplierSegments.set(v, new Set());
    for (const s of holds.get(u) ?? []) localSupplierSegments.get(v)!.add(s);
  }
  const order = new Map(template.segments.map((s, i) => [s.id, i]));
  const naiveGaps: string[] = [];
  for (const [c, own] of holds) {
    if (!inside(c)) continue;
    for (const t of own) {
      const missing = (inputsOf.get(t) ?? [])
        .filter((s) => !own.has(s) && !localSupplierSegments.get(c)?.has(s))
        .sort((a, b) => order.get(a)! - order.get(b)!);
      if (missing.length > 0) naiveGaps.push(`${ids[c]}|${t}|${missing.join(',')}`);
    }
  }
  const gaps = inputGaps(ctx);
  expect(gaps.map((g) => `${g.company}|${g.segment}|${g.missingInputs.join(',')}`).sort()).toEqual(
    naiveGaps.sort(),
  );

  // Targets: outside the cluster, holding the (weak or missing) segment of their row; links
  // counted straight from the relation rows.
  const status = new Map(segmentTable(ctx).map((r) => [r.id, r.status]));
  const list = targets(ctx, { limit: 50 });
  // Known revenue share per (company, segment), summed from the rows (a target's must be real).
  const knownShare = (c: number, segment: string) => {
    const seg = template.segments.find((s) => s.id === segment)!;
    let sum = 0;
    for (let r = 0; r < data.memberships.company.length; r++) {
      if (data.memberships.company[r] !== c) continue;
      const item = data.memberships.segment[r]!;
      if (item === seg.id || seg.includes.some((p) => matchesInclude(p, item))) {
        if (!Number.isNaN(data.memberships.share[r])) sum += data.memberships.share[r]!;
      }
    }
    return Math.min(1, sum);
  };
  for (const t of list) {
    const c = index.get(t.company)!;
    expect(inside(c)).toBe(false);
    // Never a firm of unknown region (it may already be local), never a side line.
    expect(data.companies.regions[c]).not.toBe('');
    expect(t.location).toBe('outside');
    expect(t.share).toBeGreaterThanOrEqual(0.05);
    expect(t.share).toBeCloseTo(knownShare(c, t.segment), 9);
    expect(holds.get(c)!.has(t.segment)).toBe(true);
    expect(status.get(t.segment)).not.toBe('present');
    for (const s of t.segments) expect(status.get(s)).not.toBe('present');
    let links = 0;
    for (let r = 0; r < rel.source.length; r++) {
      const a = rel.source[r]!;
      const b = rel.target[r]!;
      if ((a === c && inside(b)) || (b === c && inside(a))) links++;
    }
    expect(t.components.links).toBe(links);
    expect(t.components.tie).toBe(links + 1);
    // cn-listed has no observed supply: every supply link is inferred.
    expect(t.components.inferredLinks).toBe(t.components.links);
    // The facts its sentence is made of: its share in each gap segment it holds, links by type.
    expect(t.shares).toHaveLength(t.segments.length);
    expect(t.shares[t.segments.indexOf(t.segment)]).toBe(t.share);
    t.segments.forEach((s, i) => expect(t.shares[i]).toBeCloseTo(knownShare(c, s), 9));
    expect(Object.values(t.linksByType).reduce((a, b) => a + b, 0)).toBe(links);
  }
  for (let i = 1; i < list.length; i++)
    expect(list[i - 1]!.score).toBeGreaterThanOrEqual(list[i]!.score - 1e-12);
  return { gaps, list };
}

describe('chain analyses on cn-listed, 广东, test lithium template', () => {
  it('a company with no local supplier for a needed input shows up in inputGaps (naive check)', () => {
    const ctx = chainContext(ds, LITHIUM, clusterByRegion(ds.companies, '广东'));
    const { gaps, list } = checkInvariants(ctx, LITHIUM, '广东');
    expect(gaps.length).toBeGreaterThan(0);
    expect(list.length).toBeGreaterThan(0);
    // Missing roles name local firms that hold the segments next to the missing one.
    for (const m of missingRoles(ctx)) {
      expect(ctx.counts[ctx.structure.index.get(m.segment)!]).toBe(0);
      for (const id of m.neededBy) {
        const c = ds.companies.ids.indexOf(id);
        expect(ctx.inCluster[c]).toBe(1);
      }
    }
    // Weak links on inferred-only data: every edge-based finding rests only on inferred edges.
    for (const w of weakLinks(ctx))
      if (w.edges !== undefined) expect(w.inferredEdges).toBe(w.edges);
  });

  it('is deterministic: two independent runs give identical JSON', () => {
    const run = () => {
      const ctx = chainContext(ds, LITHIUM, clusterByRegion(ds.companies, '浙江'));
      return JSON.stringify({
        segments: segmentTable(ctx),
        weakLinks: weakLinks(ctx),
        missingRoles: missingRoles(ctx),
        inputGaps: inputGaps(ctx),
        leaders: leaders(ctx),
        targets: targets(ctx),
        portfolio: portfolio(ctx, 5),
        related: relatedSegments(ctx),
      });
    };
    const a = run();
    expect(run()).toBe(a);
    expect(a).not.toContain('NaN');
  });
});

const TEMPLATES = new URL('templates/', ROOT);
const shipped = existsSync(TEMPLATES)
  ? readdirSync(TEMPLATES)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];

describe.skipIf(shipped.length === 0)('shipped templates on cn-listed (浙江)', () => {
  it.each(shipped)('%s: input gaps match the naive check, targets are outside and open', (file) => {
    const template = templateSchema.parse(
      JSON.parse(readFileSync(new URL(file, TEMPLATES), 'utf8')),
    ) as ChainTemplate;
    const ctx = chainContext(ds, template, clusterByRegion(ds.companies, '浙江'));
    checkInvariants(ctx, template, '浙江');
  });
});

describe.skipIf(shipped.length === 0)(
  'the context keeps only the supply relations that touch the cluster',
  () => {
    it.each(shipped)(
      '%s: every chain analysis equals the one on the whole supply graph (广东, 浙江, 甘肃/兰州)',
      (file) => {
        const template = templateSchema.parse(
          JSON.parse(readFileSync(new URL(file, TEMPLATES), 'utf8')),
        ) as ChainTemplate;
        for (const region of ['广东', '浙江', '甘肃/兰州']) {
          const ctx = chainContext(ds, template, clusterByRegion(ds.companies, region));
          const whole = wholeSupply(ctx);
          // Relations with an end in the cluster, and only those.
          const members = new Set(Array.from(ctx.cluster.members));
          let touching = 0;
          for (let r = 0; r < ds.relations.source.length; r++) {
            const code = ds.relations.type[r]!;
            if (code !== relationTypeCode('supply') && code !== relationTypeCode('inferred-supply'))
              continue;
            if (members.has(ds.relations.source[r]!) || members.has(ds.relations.target[r]!))
              touching++;
          }
          expect(ctx.supply.m).toBe(touching);
          expect(whole.m).toBeGreaterThan(touching);
          const onWhole: ChainContext = { ...ctx, supply: whole };
          const all = (c: ChainContext) =>
            JSON.stringify([
              completeness(c),
              localSupplyRatio(c),
              segmentTable(c),
              weakLinks(c),
              missingRoles(c),
              inputGaps(c),
              leaders(c),
              targets(c),
              portfolio(c, 3),
              criticality(c),
              resilience(c, { seed: 3, runs: 2 }),
              supplyDominators(c),
            ]);
          expect(all(ctx)).toBe(all(onWhole));
        }
      },
    );
  },
);
