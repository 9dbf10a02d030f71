/**
 * What-if on the hand-built `tiers` chain (cascade-fixture.ts).
 */
import { describe, expect, it } from 'vitest';
import {
  chainContext,
  clusterByIds,
  clusterByRegion,
  completeness,
  concentration,
  whatIf,
} from '../../src/index.js';
import { tiersDataset, TIERS, TIER_IDS } from './cascade-fixture.js';

const ds = tiersDataset();
const ctx = chainContext(ds, TIERS, clusterByRegion(ds.companies, '甲'));

describe('what-if on the tiers chain', () => {
  it('nothing changed: after equals before, and before is what the report computes', () => {
    const r = whatIf(ctx, {});
    expect(r.completeness.before).toEqual(completeness(ctx));
    expect(r.completeness.after).toEqual(r.completeness.before);
    expect(r).toMatchObject({
      removed: [],
      added: [],
      segments: [],
      cutOff: [],
      filled: [],
      emptied: [],
    });
  });

  it('remove O2: M2 is cut off; ore and metal concentrate', () => {
    const r = whatIf(ctx, { remove: ['O2'] });
    expect(r.removed).toEqual([{ company: 'O2', inCluster: true }]);
    expect(r.cutOff).toEqual([{ company: 'M2', round: 1, segment: 'ore' }]);
    // K_red 5.5/6 → (½ + 1 + ½ + 2 + 1)/6 = 5/6; coverage stays 1.
    expect(r.completeness.before.redundancy).toBeCloseTo(5.5 / 6, 12);
    expect(r.completeness.after.redundancy).toBeCloseTo(5 / 6, 12);
    expect(r.completeness.after.coverage).toBe(1);
    // ore: O1 0.6, O2 0.4 → HHI 0.36 + 0.16 = 0.52; after O1 alone → 1.
    // metal: M1 0.5, M2 0.3, V 0.2 → 0.25 + 0.09 + 0.04 = 0.38; after M1 0.5, V 0.2 of 0.7
    // → (25 + 4)/49 = 29/49.
    expect(r.segments.map((s) => s.segment)).toEqual(['ore', 'metal']);
    const [ore, metal] = r.segments;
    expect(ore!.before.companies).toBe(2);
    expect(ore!.before.hhi).toBeCloseTo(0.52, 12);
    expect(ore!.after).toEqual({ companies: 1, hhi: 1, effective: 1 });
    expect(metal!.before.hhi).toBeCloseTo(0.38, 12);
    expect(metal!.after.companies).toBe(2);
    expect(metal!.after.hhi).toBeCloseTo(29 / 49, 12);
    expect(metal!.after.effective).toBeCloseTo(49 / 29, 12);
    // before-HHI is concentration() of the cluster's local shares, as in the report.
    expect(metal!.before.hhi).toBe(concentration(ctx.localShares[1]!).hhi);
    expect(r.filled).toEqual([]);
    expect(r.emptied).toEqual([]);
  });

  it('remove C1: coating is emptied, P1 P2 Q1 are cut off', () => {
    const r = whatIf(ctx, { remove: ['C1'] });
    expect(r.cutOff.map((f) => `${f.company}@${f.round}`)).toEqual(['P1@1', 'P2@1', 'Q1@2']);
    expect(r.emptied).toEqual(['coating']);
    expect(r.segments.map((s) => s.segment)).toEqual(['coating', 'part', 'product']);
    // part after: V alone (share unknown) → HHI 1; before P1 0.7, P2 0.3, V unknown (takes the
    // known mean 0.5): total 1.5 → (0.49 + 0.09 + 0.25)/2.25 = 0.83/2.25.
    const part = r.segments[1]!;
    expect(part.before.hhi).toBeCloseTo(0.83 / 2.25, 12);
    expect(part.after).toEqual({ companies: 1, hhi: 1, effective: 1 });
    expect(r.completeness.after.coverage).toBeCloseTo(5 / 6, 12);
    // non-essential coating: nobody is cut off.
    expect(whatIf(ctx, { remove: ['C1'] }, { nonEssential: ['coating→part'] }).cutOff).toEqual([]);
  });

  it('add Y (coating, outside): coating doubles; in a cluster without C1 it is filled', () => {
    // coating before C1 1.0 → HHI 1; after C1 1.0, Y 0.8 of 1.8 → (1 + 0.64)/3.24.
    const r = whatIf(ctx, { add: [{ company: 'Y' }] });
    expect(r.added).toEqual([{ company: 'Y', segments: ['coating'] }]);
    expect(r.segments).toHaveLength(1);
    expect(r.segments[0]!.after.companies).toBe(2);
    expect(r.segments[0]!.after.hhi).toBeCloseTo(1.64 / 3.24, 12);
    // K_red: coating ½ → 1: 6/6.
    expect(r.completeness.after.redundancy).toBeCloseTo(1, 12);

    const noC1 = chainContext(
      ds,
      TIERS,
      clusterByIds(
        ds.companies,
        TIER_IDS.filter((id) => !['C1', 'X', 'Y'].includes(id)),
      ),
    );
    const f = whatIf(noC1, { add: [{ company: 'Y', segments: ['coating'] }] });
    // before: coating 0 → coverage 5/6, K_red (1 + 1 + 0 + 2 + 1)/6 = 5/6, link 3/4, path 1/2;
    // after: coverage 1, K_red 5.5/6, link 1, path 1.
    expect(f.filled).toEqual(['coating']);
    expect(f.completeness.before.coverage).toBeCloseTo(5 / 6, 12);
    expect(f.completeness.before.link).toBeCloseTo(0.75, 12);
    expect(f.completeness.before.path).toBeCloseTo(0.5, 12);
    expect(f.completeness.after.coverage).toBe(1);
    expect(f.completeness.after.redundancy).toBeCloseTo(5.5 / 6, 12);
    expect(f.completeness.after.path).toBe(1);
    expect(f.segments[0]).toEqual({
      segment: 'coating',
      name: '涂层',
      before: { companies: 0, hhi: null, effective: 0 },
      after: { companies: 1, hhi: 1, effective: 1 },
    });
  });

  it('removing an outside supplier with M2 cuts P2 off; additions and removals combine', () => {
    const r = whatIf(ctx, { remove: ['X', 'M2'], add: [{ company: 'Y' }] });
    expect(r.removed).toEqual([
      { company: 'M2', inCluster: true },
      { company: 'X', inCluster: false },
    ]);
    expect(r.cutOff).toEqual([{ company: 'P2', round: 1, segment: 'metal' }]);
    expect(r.segments.map((s) => s.segment)).toEqual(['metal', 'coating', 'part']);
  });

  it('rejects what cannot be done, in one line', () => {
    expect(() => whatIf(ctx, { remove: ['ZZ'] })).toThrow(
      /what-if remove: unknown company id 'ZZ'/,
    );
    expect(() => whatIf(ctx, { add: [{ company: 'P1' }] })).toThrow(
      /'P1' is already in the cluster/,
    );
    expect(() => whatIf(ctx, { remove: ['X'], add: [{ company: 'X' }] })).toThrow(
      /'X' is both removed and added/,
    );
    expect(() => whatIf(ctx, { add: [{ company: 'X', segments: ['part'] }] })).toThrow(
      /'X' holds no segment 'part'/,
    );
    expect(() => whatIf(ctx, { add: [{ company: 'X', segments: ['gold'] }] })).toThrow(
      /unknown segment 'gold' of template 'tiers'/,
    );
  });
});
