/**
 * Resilience curves and R on the hand-built `tiers` chain (cascade-fixture.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  cascade,
  cascadeModel,
  chainContext,
  clusterByRegion,
  removalCurve,
  resilience,
  robustness,
  targetedOrder,
} from '../../src/index.js';
import { tiersDataset, TIERS } from './cascade-fixture.js';

const ds = tiersDataset();
const ctx = chainContext(ds, TIERS, clusterByRegion(ds.companies, '甲'));

describe('resilience of the tiers chain', () => {
  it('targeted order: static degree in the cluster supply view, ties by id', () => {
    // distinct partners in 甲: P1 5 (M1 M2 C1 Q1 B), M2 4 (O2 V P1 P2), M1 3 (O1 O2 P1),
    // C1 O1 O2 P2 V 2 each, Q1 1, Q2 0. B (1) holds no segment and is not removed.
    const t = targetedOrder(ctx);
    const ids = ds.companies.ids;
    expect(Array.from(t.order, (c) => ids[c])).toEqual([
      'P1', 'M2', 'M1', 'C1', 'O1', 'O2', 'P2', 'V', 'Q1', 'Q2',
    ]); // prettier-ignore
    expect(Array.from(t.scores)).toEqual([5, 4, 3, 2, 2, 2, 2, 2, 1, 0]);
  });

  it('targeted curve and R by hand', () => {
    // K_red·6 (weights ore 1, metal 1, coating 1, part 2, product 1; term w·min(1, n/2)):
    // Q0: n 2 3 1 3 2                                        → 1 + 1 + ½ + 2 + 1   = 5.5
    // Q1: −P1, Q1 cut off (part 1/1): part 2, product 1      → 1 + 1 + ½ + 2 + ½   = 5
    // Q2: −M2 (P2 keeps X; V makes its own metal): metal 2   → 5
    // Q3: −M1: metal 1 (V)                                   → 1 + ½ + ½ + 2 + ½   = 4.5
    // Q4: −C1, P2 cut off (coating): coating 0, part 1 (V)   → 1 + ½ + 0 + 1 + ½   = 3
    // Q5: −O1, V cut off (ore): ore 1, metal 0, part 0       → ½ + 0 + 0 + 0 + ½   = 1
    // Q6: −O2: ore 0                                         → ½
    // Q7–Q9: P2, V, Q1 already failed                        → ½, ½, ½
    // Q10: −Q2                                               → 0
    // R = (5 + 5 + 4.5 + 3 + 1 + ½·4 + 0)/6/10 = 20.5/60.
    const r = resilience(ctx, { runs: 1 });
    expect(r.firms).toBe(10);
    expect(r.q).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const expected = [5.5, 5, 5, 4.5, 3, 1, 0.5, 0.5, 0.5, 0.5, 0].map((x) => x / 6);
    r.targeted.forEach((k, i) => expect(k).toBeCloseTo(expected[i]!, 12));
    expect(r.R.targeted).toBeCloseTo(20.5 / 60, 12);
    expect(r.order.targeted[0]).toBe('P1');
    expect(r.centrality).toBe('degree');
  });

  it('R by hand: robustness of a curve', () => {
    // (1/N) Σ_{Q=1..N}: (0.5 + 0.25 + 0)/3.
    expect(robustness([1, 0.5, 0.25, 0])).toBeCloseTo(0.25, 12);
    expect(robustness([0.7])).toBe(0);
  });

  it('random: the curve is that of its order; the incremental cascade equals fresh cascades', () => {
    const model = cascadeModel(ctx);
    const r = resilience(model, { runs: 1, seed: 7 });
    // An independent check: K(Q) from a fresh cascade of the first Q firms of the order.
    const fresh = r.order.random.map(
      (_, q) => cascade(model, r.order.random.slice(0, q + 1)).completeness.redundancy,
    );
    const k0 = cascade(model, []).completeness.redundancy;
    expect(r.random[0]).toBe(k0);
    r.random.slice(1).forEach((k, i) => expect(k).toBe(fresh[i]));
    const mean = fresh.reduce((a, b) => a + b, 0) / fresh.length;
    expect(r.R.random).toBeCloseTo(mean, 12);
    expect([...r.order.random].sort()).toEqual([
      'C1',
      'M1',
      'M2',
      'O1',
      'O2',
      'P1',
      'P2',
      'Q1',
      'Q2',
      'V',
    ]);
  });

  it('same seed ⇒ identical result; another seed ⇒ another order', () => {
    const a = resilience(ctx, { seed: 3 });
    const b = resilience(ctx, { seed: 3 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const c = resilience(ctx, { seed: 4 });
    expect(c.order.random).not.toEqual(a.order.random);
    expect(c.targeted).toEqual(a.targeted);
  });

  it('mean over runs: starts at K, ends at 0, never rises, R in [0, K(0)]', () => {
    const r = resilience(ctx, { runs: 25, seed: 1 });
    expect(r.random[0]).toBe(r.targeted[0]);
    expect(r.random.at(-1)).toBe(0);
    for (let i = 1; i < r.random.length; i++) {
      expect(r.random[i]!).toBeLessThanOrEqual(r.random[i - 1]!);
    }
    expect(r.R.random).toBeGreaterThan(0);
    expect(r.R.random).toBeLessThan(r.random[0]!);
  });

  it('downsamples to `points` evenly spread points, R over every step', () => {
    const r = resilience(ctx, { runs: 1, points: 4 });
    // N = 10, 4 points: Q = round(i·10/3) = 0, 3, 7, 10.
    expect(r.q).toEqual([0, 3, 7, 10]);
    expect(r.targeted.map((k) => +(k * 6).toFixed(9))).toEqual([5.5, 4.5, 0.5, 0]);
    expect(r.R.targeted).toBeCloseTo(20.5 / 60, 12);
  });

  it('removalCurve on a given order and the other centralities', () => {
    const model = cascadeModel(ctx);
    const ids = ds.companies.ids;
    // Q2 first: product 1 → 5/6; then Q1: product 0 → 4.5/6.
    const curve = removalCurve(model, [ids.indexOf('Q2'), ids.indexOf('Q1')]);
    expect(Array.from(curve, (k) => +(k * 6).toFixed(9))).toEqual([5.5, 5, 4.5]);
    // out-degree in 甲: M2 3 (V P1 P2); O1 O2 C1 2; M1 P1 1; P2 Q1 Q2 V 0.
    const out = targetedOrder(ctx, 'out-degree');
    expect(Array.from(out.order, (c) => ids[c]).slice(0, 4)).toEqual(['M2', 'C1', 'O1', 'O2']);
    expect(() => resilience(ctx, { centrality: 'size' as never })).toThrow(/centrality must be/);
    expect(() => resilience(ctx, { runs: 0 })).toThrow(/runs must be an integer/);
  });
});
