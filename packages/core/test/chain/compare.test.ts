import { describe, expect, it } from 'vitest';
import {
  chainContext,
  chainsOfRegion,
  clusterByRegion,
  chainStructure,
  compareCoverage,
  compareRegions,
  completeness,
  segmentMembership,
} from '../../src/index.js';
import { MINI, miniDataset } from './fixture.js';

describe('compareRegions', () => {
  const ds = miniDataset();

  it('ranks provinces by redundancy-adjusted completeness (figures by hand)', () => {
    const rows = compareRegions(ds, MINI);
    expect(rows.map((r) => r.region)).toEqual(['浙江', '江苏']);
    // 浙江: K_cov 0.6, K_red 0.4 (completeness.test.ts). 江苏: E in ore (w 1), F in ev (w 2):
    // K_cov = 3/10, K_red = (1·½ + 2·½)/10 = 0.15.
    expect(rows[0]!.completeness.redundancy).toBeCloseTo(0.4, 12);
    expect(rows[1]!.completeness.coverage).toBeCloseTo(0.3, 12);
    expect(rows[1]!.completeness.redundancy).toBeCloseTo(0.15, 12);
    expect(rows.map((r) => [r.companies, r.chainCompanies, r.rank])).toEqual([
      [5, 4, 1],
      [2, 2, 2],
    ]);
    // 浙江: A (cathode, cell), B, C (pack: share unknown), D; 江苏: E, F.
    expect(rows.map((r) => [r.chainMemberships, r.unknownShareMemberships])).toEqual([
      [5, 1],
      [2, 0],
    ]);
  });

  it('gives each city exactly what a cluster analysis of that city gives', () => {
    const rows = compareRegions(ds, MINI, { level: 2 });
    expect(rows.map((r) => r.region).sort()).toEqual([
      '江苏/常州',
      '浙江/宁波',
      '浙江/杭州',
      '浙江/湖州',
    ]);
    for (const row of rows) {
      const ctx = chainContext(ds, MINI, clusterByRegion(ds.companies, row.region));
      expect(row.completeness).toEqual(completeness(ctx));
    }
    // 浙江/宁波 = A, B: cathode (2) and cell (2) present → K_cov 0.4; it ranks first.
    expect(rows[0]!.region).toBe('浙江/宁波');
    expect(rows[0]!.completeness.coverage).toBeCloseTo(0.4, 12);
  });

  it('lists the chains of a region with its rank', () => {
    const other = {
      ...MINI,
      id: 'mini-ore',
      name: 'ore only',
      segments: [MINI.segments[0]!],
      feeds: [],
    };
    const chains = chainsOfRegion(ds, [MINI, other], '江苏');
    // 江苏 holds ore: K_red of the one-segment chain = ½ (one firm), ahead of mini's 0.15;
    // it ranks 1st of 1 region holding ore (浙江 has none: K_red 0, rank 2 of 2).
    expect(chains.map((c) => c.template.id)).toEqual(['mini-ore', 'mini']);
    expect(chains[0]).toMatchObject({ rank: 1, regions: 2, chainCompanies: 1 });
    expect(chains[1]).toMatchObject({ rank: 2, regions: 2 });
  });
});

describe('compareCoverage', () => {
  // F has only a province, G no region at all.
  const base = miniDataset();
  const ds = {
    ...base,
    companies: {
      ...base.companies,
      regions: base.companies.regions.map((r, c) => (c === 5 ? '江苏' : c === 6 ? '' : r)),
    },
  };
  const membership = segmentMembership(ds, chainStructure(MINI));

  it('counts the companies left out at each level, and the supply links by provenance', () => {
    expect(compareCoverage(ds)).toEqual({
      level: 1,
      companies: 7,
      companiesWithoutRegion: 1,
      supplyLinks: { observed: 6, inferred: 1 },
      chain: null,
    });
    expect(compareCoverage(ds, { level: 2 }).companiesWithoutRegion).toBe(2);
    expect(() => compareCoverage(ds, { level: 0 })).toThrow(RangeError);
  });

  it("counts a chain's firms without region, memberships of unknown share, and its links", () => {
    // A–F hold segments (7 memberships, C's share unknown); G→B (inferred) leaves the chain.
    expect(compareCoverage(ds, { level: 2, membership }).chain).toEqual({
      companies: 6,
      companiesWithoutRegion: 1,
      memberships: 7,
      unknownShareMemberships: 1,
      belowThreshold: 0,
      minShare: 0.05,
      outsideIndustry: 0,
      supplyLinks: { observed: 6, inferred: 0 },
    });
    // A threshold of 0.7 leaves out A's cathode 0.6 and cell 0.3 and D's anode 0.5: 3 pairs;
    // C stays (unknown share).
    const strict = segmentMembership(ds, chainStructure(MINI), { minShare: 0.7 });
    expect(compareCoverage(ds, { level: 2, membership: strict }).chain).toMatchObject({
      companies: 4,
      memberships: 4,
      unknownShareMemberships: 1,
      belowThreshold: 3,
      minShare: 0.7,
    });
    expect(compareCoverage(ds, { level: 1, membership }).chain!.companiesWithoutRegion).toBe(0);
    // every located chain firm is in exactly one regional row.
    const rows = compareRegions(ds, MINI, { level: 2, membership });
    expect(rows.reduce((n, r) => n + r.chainCompanies, 0)).toBe(6 - 1);
  });
});
