import { describe, expect, it } from 'vitest';
import {
  chainContext,
  chainsOfRegion,
  clusterByRegion,
  compareRegions,
  completeness,
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
