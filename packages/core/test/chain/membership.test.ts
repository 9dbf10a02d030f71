import { describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '../../src/index.js';
import { ANALYZE_DEFAULTS, chainStructure, heldShare, segmentMembership } from '../../src/index.js';

/*
 * One segment-pair template and six companies, worked by hand:
 *   P  电芯 0.30 + 锂电池 0.25 (two lines of one business)      → cell 0.55
 *   Q  电芯 0.02 (a side line)                                    → out (under 5 %)
 *   R  电芯 ? (no figure)                                          → cell, unknown
 *   S  电芯 0.01 + 锂电池 ? (small known part, rest without figure) → cell 0.01, unknown
 *   T  电芯 0.70 + 电芯贸易 0.5, filed under 贸易 (industry row)   → cell out by the industry filter;
 *      pack 0.6 (no filter)
 *   U  电池包 ?, filed under 电池 (industry row matching pack)     → pack, unknown, classified
 */
const TEMPLATE: ChainTemplate = {
  id: 't',
  name: 't',
  segments: [
    {
      id: 'cell',
      name: '电芯',
      stage: 'midstream',
      weight: 1,
      includes: ['电芯*', '锂电池'],
      industries: ['电池', '*电子*'],
    },
    { id: 'pack', name: '电池包', stage: 'downstream', weight: 1, includes: ['电池包', '电池'] },
  ],
  feeds: [['cell', 'pack']],
};

function dataset(): Dataset {
  const ids = ['P', 'Q', 'R', 'S', 'T', 'U'];
  const rows: Array<[string, string, number, string]> = [
    ['P', '电芯', 0.3, 'product'],
    ['P', '锂电池', 0.25, 'product'],
    ['Q', '电芯', 0.02, 'product'],
    ['R', '电芯', NaN, 'product'],
    ['S', '电芯', 0.01, 'product'],
    ['S', '锂电池', NaN, 'product'],
    ['T', '电芯', 0.7, 'product'],
    ['T', '电芯贸易', 0.5, 'product'],
    ['T', '电池包', 0.6, 'product'],
    ['T', '贸易', NaN, 'industry'],
    ['U', '电池包', NaN, 'product'],
    ['U', '电池', NaN, 'industry'],
  ];
  return {
    name: 'm',
    companies: { ids, names: ids, regions: ids.map(() => 'X'), attributes: {} },
    memberships: {
      company: Int32Array.from(rows, (r) => ids.indexOf(r[0])),
      segment: rows.map((r) => r[1]),
      share: Float64Array.from(rows, (r) => r[2]),
      attributes: { kind: rows.map((r) => r[3]) },
    },
    relations: {
      source: new Int32Array(0),
      target: new Int32Array(0),
      type: new Uint8Array(0),
      weight: new Float64Array(0),
      attributes: {},
    },
    templates: [TEMPLATE],
  };
}

describe('segment membership with a revenue threshold and an industry filter', () => {
  const ds = dataset();
  const structure = chainStructure(TEMPLATE);
  const m = segmentMembership(ds, structure);
  const at = (id: string) => ds.companies.ids.indexOf(id);
  const names = (s: number) => [...m.members[s]!].map((c) => ds.companies.ids[c]);

  it('holds a segment with a known share ≥ 5 % or lines without a figure, and counts the rest', () => {
    expect(m.minShare).toBe(ANALYZE_DEFAULTS.minShare);
    expect(names(0)).toEqual(['P', 'R', 'S']);
    expect(names(1)).toEqual(['T', 'U']);
    // Q's 2 % side line is left out by the threshold; T's cell lines by the industry filter.
    expect(m.belowThreshold).toBe(1);
    expect(m.outsideIndustry).toBe(1);
  });

  it('states each holding with its share, and whether it rests on lines without a figure', () => {
    expect(heldShare(m, 0, at('P'))).toEqual({
      share: expect.closeTo(0.55, 12),
      shareUnknown: false,
      classified: false,
    });
    expect(heldShare(m, 0, at('R'))).toEqual({
      share: null,
      shareUnknown: true,
      classified: false,
    });
    // S: 1 % known, the rest without a figure: held, marked, its share a lower bound.
    expect(heldShare(m, 0, at('S'))).toEqual({
      share: 0.01,
      shareUnknown: true,
      classified: false,
    });
    expect(heldShare(m, 1, at('T'))).toEqual({
      share: 0.6,
      shareUnknown: false,
      classified: false,
    });
    // U is filed under 电池, an item pack includes: a classification row.
    expect(heldShare(m, 1, at('U'))).toEqual({ share: null, shareUnknown: true, classified: true });
    expect(heldShare(m, 0, at('Q'))).toBeNull();
  });

  it('minShare is a parameter: 0 keeps every line, 0.5 only the main businesses', () => {
    const all = segmentMembership(ds, structure, { minShare: 0 });
    expect([...all.members[0]!].map((c) => ds.companies.ids[c])).toEqual(['P', 'Q', 'R', 'S']);
    expect(all.belowThreshold).toBe(0);
    const main = segmentMembership(ds, structure, { minShare: 0.5 });
    // P 0.55 stays; R and S stay on their lines without a figure; T's pack 0.6 stays.
    expect([...main.members[0]!].map((c) => ds.companies.ids[c])).toEqual(['P', 'R', 'S']);
    expect(main.belowThreshold).toBe(1);
    expect(() => segmentMembership(ds, structure, { minShare: 1.5 })).toThrow(/minShare/);
    expect(() => segmentMembership(ds, structure, { minShare: Number.NaN })).toThrow(/minShare/);
  });

  it('without a kind column, the industry filter does not apply', () => {
    const plain = dataset();
    plain.memberships.attributes = {};
    const p = segmentMembership(plain, structure);
    // T holds cell (0.7 + 0.5 capped at 1) once nothing says it is a trader.
    expect([...p.members[0]!].map((c) => plain.companies.ids[c])).toContain('T');
    expect(p.outsideIndustry).toBe(0);
  });
});
