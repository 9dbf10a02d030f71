import { describe, expect, it } from 'vitest';
import { chainContext, clusterByRegion, leaders } from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';

describe('leading firms of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));
  const list = leaders(ctx);
  const by = (id: string) => list.find((l) => l.company === id)!;

  // presence = Σ w_s · stage(s) · share, stage ½ upstream, 1 midstream/downstream, an unknown
  // share counting minShare (0.05):
  //   C1 cell 1 → ½; M1 M2 M3 M4 motor ? → ½ · 0.05 = 0.025; Q1 saddle 0.7 + motor 0.3 → ½;
  //   F1 frame (w 2) 0.8 → 1.6; F2 frame 0.2 → 0.4; B1, B2 bike (w 2) 0.5 → 1.
  // partners on the chain view (r0–r9; X is no chain firm), observed 1, inferred-only ½:
  //   B1: M1 M2 M4 F1 observed → 4; B2: M2 F1 F2 observed (F2 also inferred), M3 inferred → 3.5;
  //   M1 1; M2 2; M3 ½; M4: B1 observed, C1 inferred → 1.5; C1 ½; F1 2; F2 1; Q1 0.
  it('raw components and what each row rests on, by hand', () => {
    expect(by('F1').raw).toEqual({ presence: 1.6, breadth: 1, partners: 2 });
    expect(by('B1').raw).toEqual({ presence: 1, breadth: 1, partners: 4 });
    expect(by('B2').raw).toEqual({ presence: 1, breadth: 1, partners: 3.5 });
    expect(by('Q1').raw.presence).toBeCloseTo(0.5, 12);
    expect(by('Q1').raw).toMatchObject({ breadth: 2, partners: 0 });
    expect(by('M4').raw.presence).toBeCloseTo(0.025, 12);
    expect(by('M4').raw).toMatchObject({ breadth: 1, partners: 1.5 });
    expect(by('C1').raw).toEqual({ presence: 0.5, breadth: 1, partners: 0.5 });
    expect(by('B2').basis).toEqual({
      observedPartners: 3,
      inferredPartners: 1,
      sizeKnown: false,
      unknownShares: 0,
    });
    expect(by('M4').basis).toEqual({
      observedPartners: 1,
      inferredPartners: 1,
      sizeKnown: false,
      unknownShares: 1,
    });
    expect(by('Q1').holdings).toEqual([
      { segment: 'saddle', share: 0.7, shareUnknown: false },
      { segment: 'motor', share: 0.3, shareUnknown: false },
    ]);
    expect(by('M1').holdings).toEqual([{ segment: 'motor', share: null, shareUnknown: true }]);
    // Provenance: B1's local supply r0 r1 r4 r6 (none inferred); B2's r2 r3(I) r7 r8 r9(I).
    expect(by('B1')).toMatchObject({ localSupplyEdges: 4, inferredEdges: 0 });
    expect(by('B2')).toMatchObject({ localSupplyEdges: 5, inferredEdges: 2 });
  });

  it('normalised by the maxima, weighted mean (2, 1, 1), order by score then id', () => {
    // maxima: presence 1.6 (F1), breadth 2 (Q1), partners 4 (B1, as if all observed: B2 has 4).
    // F1: (2·1 + ½ + ½)/4 = 0.75; B1: (2·0.625 + ½ + 1)/4 = 0.6875; B2: (1.25 + ½ + 0.875)/4;
    // Q1: (2·0.3125 + 1 + 0)/4; C1: (0.625 + ½ + 0.125)/4 = F2: (0.5 + ½ + ¼)/4 = 0.3125 (by id).
    expect(list.map((l) => l.company)).toEqual([
      'F1',
      'B1',
      'B2',
      'Q1',
      'C1',
      'F2',
      'M2',
      'M4',
      'M1',
      'M3',
    ]);
    expect(by('F1').score).toBeCloseTo(0.75, 12);
    expect(by('B1').components).toEqual({ presence: 0.625, breadth: 0.5, partners: 1 });
    expect(by('B1').score).toBeCloseTo(0.6875, 12);
    expect(by('B2').score).toBeCloseTo(2.625 / 4, 12);
    expect(by('Q1').score).toBeCloseTo(1.625 / 4, 12);
    expect(by('C1').score).toBeCloseTo(0.3125, 12);
    expect(by('F2').score).toBeCloseTo(0.3125, 12);
    expect(by('M3').score).toBeCloseTo((0.03125 + 0.5 + 0.125) / 4, 12);
    expect(by('B1')).toMatchObject({ name: '公司B1', region: '浙江/杭州' });
  });

  it('inferred links weigh half even when every link is inferred', () => {
    // Every relation turned inferred: B1's 4 partners count 2, normalised by 4, not by 2.
    const all = ebikeDataset();
    all.relations.type.fill(all.relations.type[3]!); // r3 is inferred-supply
    const only = leaders(chainContext(all, EBIKE, clusterByRegion(all.companies, '浙江')));
    const b1 = only.find((l) => l.company === 'B1')!;
    expect(b1.raw.partners).toBe(2);
    expect(b1.components.partners).toBe(0.5);
    expect(b1.basis).toMatchObject({ observedPartners: 0, inferredPartners: 4 });
  });

  it('a size column, where the data has one, is a component (log 1 + size)', () => {
    const sized = ebikeDataset();
    sized.companies.attributes.size = sized.companies.ids.map((id) =>
      id === 'B1' ? '999' : id === 'F1' ? '9' : '',
    );
    const withSize = leaders(chainContext(sized, EBIKE, clusterByRegion(sized.companies, '浙江')));
    const b1 = withSize.find((l) => l.company === 'B1')!;
    const f1 = withSize.find((l) => l.company === 'F1')!;
    expect(b1.raw.size).toBeCloseTo(Math.log(1000), 12);
    expect(b1.components.size).toBe(1);
    expect(f1.components.size).toBeCloseTo(Math.log(10) / Math.log(1000), 12);
    expect(b1.basis.sizeKnown).toBe(true);
    expect(withSize.find((l) => l.company === 'B2')!.basis.sizeKnown).toBe(false);
    // weights 2, 1, 1, 2: B1 (1.25 + ½ + 1 + 2)/6 overtakes F1 (2 + ½ + ½ + 2/3)/6.
    expect(b1.score).toBeCloseTo(4.75 / 6, 12);
    expect(f1.score).toBeCloseTo((3 + 2 / 3) / 6, 12);
    expect(withSize[0]!.company).toBe('B1');
  });

  it('weights and limit are parameters', () => {
    // Only partners count: B1 (1), then B2 (0.875), then F1 and M2 (0.5, by id).
    const byPartners = leaders(ctx, { weights: { presence: 0, breadth: 0 }, limit: 4 });
    expect(byPartners.map((l) => [l.company, l.score])).toEqual([
      ['B1', 1],
      ['B2', 0.875],
      ['F1', 0.5],
      ['M2', 0.5],
    ]);
    expect(() => leaders(ctx, { weights: { presence: 0, breadth: 0, partners: 0 } })).toThrow(
      /all 0/,
    );
    expect(() => leaders(ctx, { inferredWeight: 2 })).toThrow(/inferredWeight/);
    expect(JSON.stringify(leaders(ctx))).toBe(JSON.stringify(list));
  });

  it('cluster scope ranks chain firms only, with the bank as a partner of B1', () => {
    const wide = leaders(ctx, { scope: 'cluster' });
    expect(wide.some((l) => l.company === 'X')).toBe(false);
    // X adds a fifth local partner of B1 (inferred: ½).
    expect(wide.find((l) => l.company === 'B1')).toMatchObject({
      raw: { partners: 4.5 },
      basis: { observedPartners: 4, inferredPartners: 1 },
      localSupplyEdges: 5,
      inferredEdges: 1,
    });
  });
});
