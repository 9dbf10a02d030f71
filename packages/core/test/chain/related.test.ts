import { describe, expect, it } from 'vitest';
import {
  chainContext,
  chainStructure,
  clusterByRegion,
  relatedSegments,
  segmentMembership,
  segmentProximity,
} from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';
import { MINI, miniDataset } from './fixture.js';

/*
 * fixture-ebike.ts, every company of the dataset:
 *   k_s: steel 2 (S1 S2), cell 3 (C1 C9 E2), motor 6 (M1–M4 M9 Q1), saddle 2 (Q1 Q9), paint 1
 *   (P1), frame 5 (F1 F2 S2 F9 K1), battery 2 (E1 E2), coating 2 (P1 K1), bike 3 (B1 B2 B9),
 *   rental 3 (R1 B9 E2).
 *   Companies holding two or more: S2 steel+frame, K1 coating+frame, P1 paint+coating,
 *   E2 battery+cell+rental, B9 bike+rental, Q1 saddle+motor.
 *   φ = co-holders / max(k_s, k_t): steel–frame 1/5, coating–frame 1/5, paint–coating 1/2,
 *   battery–cell 1/3, battery–rental 1/3, cell–rental 1/3, bike–rental 1/3, saddle–motor 1/6.
 * Absent from 浙江 (n = 0): steel, paint, battery, coating, rental. Present: cell, motor, saddle,
 * frame, bike.
 *   steel:   frame 1/5 (present) / 1/5                          = 1
 *   rental:  (bike 1/3 + cell 1/3) / (bike + cell + battery 1/3) = 2/3
 *   battery: cell 1/3 / (cell 1/3 + rental 1/3)                 = 1/2
 *   coating: frame 1/5 / (frame 1/5 + paint 1/2)                = 2/7
 *   paint:   0 / (coating 1/2)                                  = 0
 */
describe('related segments (延链) of the 浙江 e-bike cluster', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));

  it('proximity by hand', () => {
    const st = chainStructure(EBIKE);
    const phi = segmentProximity(st, segmentMembership(ds, st));
    const at = (a: string, b: string) => phi[st.index.get(a)! * st.size + st.index.get(b)!]!;
    expect(at('steel', 'frame')).toBeCloseTo(1 / 5, 12);
    expect(at('frame', 'steel')).toBeCloseTo(1 / 5, 12);
    expect(at('paint', 'coating')).toBeCloseTo(1 / 2, 12);
    expect(at('battery', 'rental')).toBeCloseTo(1 / 3, 12);
    expect(at('saddle', 'motor')).toBeCloseTo(1 / 6, 12);
    expect(at('steel', 'cell')).toBe(0);
    expect(at('frame', 'frame')).toBe(0);
  });

  it('densities of the absent segments, ranked, with the nearest present ones', () => {
    const rel = relatedSegments(ctx);
    expect(rel.map((r) => [r.segment, r.status])).toEqual([
      ['steel', 'missing-upstream'],
      ['rental', 'missing-downstream'],
      ['battery', 'missing-upstream'],
      ['coating', 'missing-upstream'],
      ['paint', 'absent'],
    ]);
    const expected = [1, 2 / 3, 1 / 2, 2 / 7, 0];
    rel.forEach((r, i) => expect(r.density).toBeCloseTo(expected[i]!, 12));
    expect(rel[1]!.proximitySum).toBeCloseTo(1, 12);
    // rental: cell and bike both at 1/3, ties in template order (cell first).
    expect(rel[1]!.nearestPresent.map((n) => n.segment)).toEqual(['cell', 'bike']);
    expect(rel[0]!.nearestPresent).toEqual([
      { segment: 'frame', name: '车架', proximity: expect.closeTo(0.2, 12) },
    ]);
    expect(rel[4]!.nearestPresent).toEqual([]);
    expect(relatedSegments(ctx, { top: 1 })[1]!.nearestPresent.map((n) => n.segment)).toEqual([
      'cell',
    ]);
  });

  it('density is null without co-occurrence evidence (mini chain: only A holds two segments)', () => {
    const mini = miniDataset();
    const c = chainContext(mini, MINI, clusterByRegion(mini.companies, '浙江'));
    // Absent: ore, graphite, ev; the only co-holding is A's cathode + cell.
    expect(relatedSegments(c).map((r) => [r.segment, r.density, r.proximitySum])).toEqual([
      ['ore', null, 0],
      ['graphite', null, 0],
      ['ev', null, 0],
    ]);
  });
});
