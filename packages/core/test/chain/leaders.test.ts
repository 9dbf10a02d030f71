import { describe, expect, it } from 'vitest';
import { chainContext, clusterByRegion, leaders } from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';

describe('leading firms of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));
  const list = leaders(ctx);
  const by = (id: string) => list.find((l) => l.company === id)!;

  // PageRank on the chain view (n = 10; arcs r0–r9 merged: F1→B1 2, F1→B2 1, F2→B2 2, the rest
  // 1; dangling: B1, B2, Q1). With uniform teleport and dangling mass every node gets the same
  // base b = (1−α)/n + α·D/n, so with α = 0.85:
  //   sources C1 M1 M2 M3 F1 F2 Q1: b;  M4 = b + α·C1 = b(1+α)
  //   B1 = b + α(M1 + M2/2 + M4 + F1·2/3) = b(1 + α(19/6 + α))
  //   B2 = b + α(M2/2 + M3 + F1/3 + F2) = b(1 + α·17/6)
  //   Σ = b(10 + 7α + α²) = 1.
  const a = 0.85;
  const b = 1 / (10 + 7 * a + a * a);
  const prB1 = b * (1 + a * (19 / 6 + a));
  const prB2 = b * (1 + (a * 17) / 6);
  const prM4 = b * (1 + a);

  it('raw components by hand', () => {
    // The power iteration stops at NetworkX's L1 tolerance n·1e-6; a tight tolerance meets the
    // closed form to 10 digits, the default to 5.
    const tight = leaders(ctx, { pagerank: { tol: 1e-14, maxIter: 1000 } });
    const pull = (id: string) => tight.find((l) => l.company === id)!.raw.pull;
    expect(pull('B1')).toBeCloseTo(prB1, 10);
    expect(pull('B2')).toBeCloseTo(prB2, 10);
    expect(pull('M4')).toBeCloseTo(prM4, 10);
    expect(pull('Q1')).toBeCloseTo(b, 10);
    // B1: local suppliers M1 M2 M4 F1 (X is no chain firm) → 4, holding motor and frame → 2.
    // B2: M2 M3 F1 F2 → 4, motor and frame → 2. M4: C1 → 1, cell → 1. Q1 holds 2 segments.
    expect(by('B1').raw.pull).toBeCloseTo(prB1, 5);
    expect(by('B2').raw.pull).toBeCloseTo(prB2, 5);
    expect(by('F1').raw.pull).toBeCloseTo(b, 5);
    expect(by('B1').raw).toMatchObject({ localSuppliers: 4, breadth: 2, segments: 1 });
    expect(by('B2').raw).toMatchObject({ localSuppliers: 4, breadth: 2, segments: 1 });
    expect(by('M4').raw).toMatchObject({ localSuppliers: 1, breadth: 1, segments: 1 });
    expect(by('Q1').raw).toMatchObject({ localSuppliers: 0, breadth: 0, segments: 2 });
    // Provenance: B1's local supply r0 r1 r4 r6 (none inferred); B2's r2 r3(I) r7 r8 r9(I).
    expect(by('B1')).toMatchObject({ localSupplyEdges: 4, inferredEdges: 0 });
    expect(by('B2')).toMatchObject({ localSupplyEdges: 5, inferredEdges: 2 });
  });

  it('normalised by the maximum, score = mean, order by score then id', () => {
    // maxima: pull B1, suppliers 4, breadth 2, segments 2 (Q1).
    // B1: (1 + 1 + 1 + ½)/4 = 0.875; B2: (prB2/prB1 + 1 + 1 + ½)/4;
    // M4: (prM4/prB1 + ¼ + ½ + ½)/4; Q1: (b/prB1 + 0 + 0 + 1)/4; the other six: (b/prB1 + ½)/4.
    expect(list.map((l) => l.company)).toEqual([
      'B1',
      'B2',
      'M4',
      'Q1',
      'C1',
      'F1',
      'F2',
      'M1',
      'M2',
      'M3',
    ]);
    expect(by('B1').score).toBeCloseTo(0.875, 6);
    expect(by('B1').components).toEqual({ pull: 1, localSuppliers: 1, breadth: 1, segments: 0.5 });
    expect(by('B2').score).toBeCloseTo((prB2 / prB1 + 2.5) / 4, 5);
    expect(by('M4').components.pull).toBeCloseTo(prM4 / prB1, 5);
    expect(by('M4').score).toBeCloseTo((prM4 / prB1 + 1.25) / 4, 5);
    expect(by('Q1').score).toBeCloseTo((b / prB1 + 1) / 4, 5);
    expect(by('M3').score).toBeCloseTo((b / prB1 + 0.5) / 4, 5);
    expect(by('B1')).toMatchObject({ name: '公司B1', region: '浙江/杭州' });
  });

  it('weights and limit are parameters', () => {
    // Only local suppliers count: B1 and B2 tie at 1 (by id), then M4 at ¼.
    const bySuppliers = leaders(ctx, { weights: { pull: 0, breadth: 0, segments: 0 }, limit: 3 });
    expect(bySuppliers.map((l) => [l.company, l.score])).toEqual([
      ['B1', 1],
      ['B2', 1],
      ['M4', 0.25],
    ]);
    expect(() =>
      leaders(ctx, { weights: { pull: 0, localSuppliers: 0, breadth: 0, segments: 0 } }),
    ).toThrow(/all 0/);
    expect(JSON.stringify(leaders(ctx))).toBe(JSON.stringify(list));
  });

  it('cluster scope ranks chain firms only, with the bank as a supplier of B1', () => {
    const wide = leaders(ctx, { scope: 'cluster' });
    expect(wide.some((l) => l.company === 'X')).toBe(false);
    // X adds a fifth local supplier of B1 (holding no segment: breadth stays 2), inferred.
    expect(wide.find((l) => l.company === 'B1')).toMatchObject({
      raw: { localSuppliers: 5, breadth: 2 },
      localSupplyEdges: 5,
      inferredEdges: 1,
    });
  });
});
