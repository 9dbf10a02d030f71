/**
 * Criticality on the hand-built `tiers` chain (cascade-fixture.ts). Before any removal
 * (n = ore 2, metal 3, coating 1, part 3, product 2; weights 1 1 1 2 1, Σ 6, r = 2):
 * K_red = (1 + 1 + ½ + 2 + 1)/6 = 5.5/6; coverage, link and path are 1.
 */
import { describe, expect, it } from 'vitest';
import { cascadeModel, chainContext, clusterByRegion, criticality } from '../../src/index.js';
import { tiersDataset, TIERS } from './cascade-fixture.js';

const ds = tiersDataset();
const ctx = chainContext(ds, TIERS, clusterByRegion(ds.companies, '甲'));

describe('criticality of the tiers chain', () => {
  const result = criticality(ctx);
  const by = new Map(result.companies.map((c) => [c.company, c]));

  it('C1 is the most critical: its cascade takes P1, P2 and Q1', () => {
    // C1 gone → P1, P2 (coating, round 1) → Q1 (part, round 2).
    // n after: ore 2, metal 3, coating 0, part 1 (V), product 1 (Q2).
    // K_red = (1 + 1 + 0 + 2·½ + 1·½)/6 = 3.5/6 → drop 2/6.
    // coverage 5/6 (coating gone) → drop 1/6; link: coating→part lost, 3/4 → drop ¼;
    // path: the coating path is broken, 1 of 2 → drop ½.
    const c1 = by.get('C1')!;
    expect(c1.completenessDrop).toBeCloseTo(2 / 6, 12);
    expect(c1.drops.redundancy).toBeCloseTo(2 / 6, 12);
    expect(c1.drops.coverage).toBeCloseTo(1 / 6, 12);
    expect(c1.drops.link).toBeCloseTo(0.25, 12);
    expect(c1.drops.path).toBeCloseTo(0.5, 12);
    expect(c1.cutOff).toEqual(['P1', 'P2', 'Q1']);
  });

  it('every drop by hand, and the order (drop, then cut-off count, then id)', () => {
    // O1 → V (ore): ore 1, metal 2, part 2 → (½ + 1 + ½ + 2 + 1)/6 = 5/6: drop 1/12, cut 1.
    // O2 → M2 (ore): ore 1, metal 2 → 5/6: drop 1/12, cut 1.
    // P1 → Q1 (part): part 2, product 1 → (1 + 1 + ½ + 2 + ½)/6 = 5/6: drop 1/12, cut 1.
    // Q1, Q2: product 1 → 5/6: drop 1/12, cut 0.
    // M1 (P1 keeps M2), M2 (P1 keeps M1, P2 keeps X, V makes metal), P2, V: every n stays ≥ 2
    // → drop 0, cut 0.
    expect(
      result.companies.map((c) => [c.company, +c.completenessDrop.toFixed(12), c.cutOff]),
    ).toEqual([
      ['C1', +(2 / 6).toFixed(12), ['P1', 'P2', 'Q1']],
      ['O1', +(1 / 12).toFixed(12), ['V']],
      ['O2', +(1 / 12).toFixed(12), ['M2']],
      ['P1', +(1 / 12).toFixed(12), ['Q1']],
      ['Q1', +(1 / 12).toFixed(12), []],
      ['Q2', +(1 / 12).toFixed(12), []],
      ['M1', 0, []],
      ['M2', 0, []],
      ['P2', 0, []],
      ['V', 0, []],
    ]);
    // B holds no segment: not a chain firm.
    expect(by.has('B')).toBe(false);
    expect(result.before.redundancy).toBeCloseTo(5.5 / 6, 12);
    expect(result.provenance).toEqual({ edges: 11, inferred: 2, observed: 9 });
  });

  it('coverage as the sort key ranks C1 alone above the rest', () => {
    // coverage drops: C1 1/6 (coating); nobody else empties a segment.
    const cov = criticality(ctx, { measure: 'coverage' });
    expect(cov.companies[0]!.company).toBe('C1');
    expect(cov.companies.slice(1).every((c) => c.completenessDrop === 0)).toBe(true);
    // with drops equal, more cut off first: O1, O2, P1 (1 each), then the rest by id.
    expect(cov.companies.slice(1, 4).map((c) => c.company)).toEqual(['O1', 'O2', 'P1']);
  });

  it('θ = 0.5: O1 rises to the top, O2 ties C1 on the drop and wins on cut-off count', () => {
    // O1 gone at θ = 0.5: M1 loses 3/4 and V 1/1 (round 1); P1 loses M1, 1/2 of its metal
    // (round 2); Q1 (round 3). n: ore 1, metal 1 (M2), coating 1, part 1 (P2), product 1
    // → (½ + ½ + ½ + 2·½ + ½)/6 = 3/6: drop 2.5/6, 4 cut off.
    // O2 gone: M2, P1, P2, Q1 fail (cascade.test.ts); n: ore 1, metal 2 (M1, V), part 1 (V),
    // product 1 → (½ + 1 + ½ + 2·½ + ½)/6 = 3.5/6: drop 2/6, 4 cut off.
    // C1 gone: the same cascade as at θ = 1, drop 2/6, 3 cut off.
    const half = criticality(cascadeModel(ctx, { theta: 0.5 }));
    expect(
      half.companies.slice(0, 3).map((c) => [c.company, +c.completenessDrop.toFixed(12), c.cutOff]),
    ).toEqual([
      ['O1', +(2.5 / 6).toFixed(12), ['M1', 'V', 'P1', 'Q1']],
      ['O2', +(2 / 6).toFixed(12), ['M2', 'P1', 'P2', 'Q1']],
      ['C1', +(2 / 6).toFixed(12), ['P1', 'P2', 'Q1']],
    ]);
    expect(half.parameters.theta).toBe(0.5);
  });

  it('rejects an unknown measure', () => {
    expect(() => criticality(ctx, { measure: 'size' as never })).toThrow(
      /measure must be one of coverage, redundancy, link, path/,
    );
  });
});
