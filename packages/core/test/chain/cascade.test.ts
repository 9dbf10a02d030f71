/**
 * The failure cascade on the hand-built `tiers` chain (cascade-fixture.ts lists every company,
 * membership, relation and need; every expected figure below is worked out from it).
 */
import { describe, expect, it } from 'vitest';
import type { CascadeOptions } from '../../src/index.js';
import {
  cascade,
  cascadeModel,
  CascadeState,
  chainContext,
  clusterByRegion,
  clusterSupplyProvenance,
} from '../../src/index.js';
import { tiersDataset, TIERS } from './cascade-fixture.js';

function ctxOf(weights: Record<number, number> = {}) {
  const ds = tiersDataset(weights);
  return chainContext(ds, TIERS, clusterByRegion(ds.companies, '甲'));
}

function run(removed: string[], options: CascadeOptions = {}, weights = {}) {
  return cascade(cascadeModel(ctxOf(weights), options), removed);
}

/** failed as "id@round:segment" strings, for compact expectations. */
function failures(removed: string[], options: CascadeOptions = {}, weights = {}) {
  return run(removed, options, weights).failed.map(
    (f) => `${f.company}@${f.round}${f.segment ? `:${f.segment}` : ''}`,
  );
}

describe('cascade model of the tiers chain', () => {
  it('builds the needs and the provenance of the edges it rests on', () => {
    const m = cascadeModel(ctxOf());
    const ids = m.ctx.dataset.companies.ids;
    const seg = m.ctx.structure.ids;
    const needs = Array.from(
      m.needFirm,
      (f, k) => `${ids[f]}:${seg[m.needSegment[k]!]}=${m.needWeight[k]}/${m.needSuppliers[k]}`,
    );
    // cluster members in index order: B C1 M1 M2 O1 O2 P1 P2 Q1 Q2 V; needs per firm in the
    // order of its segments' inputs (part's inputs: metal, coating).
    expect(needs).toEqual([
      'M1:ore=4/2',
      'M2:ore=2/1',
      'P1:metal=2/2',
      'P1:coating=1/1',
      'P2:metal=4/2',
      'P2:coating=1/1',
      'Q1:part=1/1',
      'V:ore=1/1',
    ]);
    // rows 0–3, 5–11 = 11 used; inferred rows 2 (O2→M2) and 9 (X→P2).
    expect(m.provenance).toEqual({ edges: 11, inferred: 2, observed: 9 });
    // the cluster's supply view: every row but 9 (X is outside) = 12; inferred rows 2 and 12.
    expect(clusterSupplyProvenance(m.ctx)).toEqual({ edges: 12, inferred: 2, observed: 10 });
  });

  it('inHouse off: V also needs metal from M2 (row 4 becomes used)', () => {
    const m = cascadeModel(ctxOf(), { inHouse: false });
    expect(m.provenance).toEqual({ edges: 12, inferred: 2, observed: 10 });
  });
});

describe('cascade of the tiers chain', () => {
  it('θ = 1: a firm with two suppliers in one input survives the loss of one', () => {
    // O2 gone: M1 loses 1 of 4 (ore) and survives; M2 loses its only ore supplier → round 1.
    // M2 gone: P1 still has M1 for metal, P2 still has X (outside, never fails) → stop.
    const r = run(['O2']);
    expect(r.failed).toEqual([
      { company: 'O2', round: 0, segment: null },
      { company: 'M2', round: 1, segment: 'ore' },
    ]);
    expect(r.cutOff).toEqual(['M2']);
    // n: ore 2→1, metal 3→2.
    expect(r.counts).toEqual([1, 2, 1, 3, 2]);
    // K_red = (1·½ + 1·1 + 1·½ + 2·1 + 1·1)/6 = 5/6; coverage stays 1.
    expect(r.completeness.redundancy).toBeCloseTo(5 / 6, 12);
    expect(r.completeness.coverage).toBe(1);
    expect(r.provenance.inferred).toBe(2);
  });

  it('θ = 0.5 by weight: losing half of an input is enough', () => {
    // O2 gone: M1 loses 1/4 = 0.25 < 0.5 (survives); M2 loses 2/2 → round 1 (ore).
    // M2 gone: P1 metal 1/2 ≥ 0.5 → round 2; P2 metal 2/4 = 0.5 → round 2.
    // P1 gone: Q1 part 1/1 → round 3. V needs only ore from O1: survives.
    expect(failures(['O2'], { theta: 0.5 })).toEqual([
      'O2@0',
      'M2@1:ore',
      'P1@2:metal',
      'P2@2:metal',
      'Q1@3:part',
    ]);
    // n after: ore 1, metal 2 (M1, V), coating 1, part 1 (V), product 1 (Q2).
    expect(run(['O2'], { theta: 0.5 }).counts).toEqual([1, 2, 1, 1, 1]);
  });

  it('θ = 0.5 by count: M1 loses one of its two ore suppliers and fails too', () => {
    // by count M1 lost 1 of 2 = 0.5 → round 1, with M2. Round 2: P1 (metal 2/2), P2 (1/2).
    expect(failures(['O2'], { theta: 0.5, shareBy: 'count' })).toEqual([
      'O2@0',
      'M1@1:ore',
      'M2@1:ore',
      'P1@2:metal',
      'P2@2:metal',
      'Q1@3:part',
    ]);
  });

  it('three tiers: both ore firms gone take out metal, then P1, then Q1', () => {
    // M1 (ore 4/4) and M2 (2/2) round 1; V (ore 1/1, O1) round 1.
    // P1 metal 2/2 → round 2; P2 keeps X (2 of 4 lost < 1). Q1 part 1/1 → round 3.
    expect(failures(['O1', 'O2'])).toEqual([
      'O1@0',
      'O2@0',
      'M1@1:ore',
      'M2@1:ore',
      'V@1:ore',
      'P1@2:metal',
      'Q1@3:part',
    ]);
  });

  it('a non-essential feed does not propagate', () => {
    // C1 gone: P1 and P2 lose their only coating supplier → round 1; Q1 → round 2.
    expect(failures(['C1'])).toEqual(['C1@0', 'P1@1:coating', 'P2@1:coating', 'Q1@2:part']);
    // With coating → part non-essential, nobody needs coating.
    for (const key of ['coating→part', 'coating->part', ' coating -> part ']) {
      expect(failures(['C1'], { nonEssential: [key] })).toEqual(['C1@0']);
    }
    expect(
      cascadeModel(ctxOf(), { nonEssential: ['coating->part'] }).parameters.nonEssential,
    ).toEqual(['coating→part']);
    expect(() => cascadeModel(ctxOf(), { nonEssential: ['ore→part'] })).toThrow(
      /non-essential feed 'ore→part' is no feed of template 'tiers'/,
    );
  });

  it('a supplier outside the cluster can be removed; inside, it never fails', () => {
    // X alone: P2 loses 2 of 4 (θ = 1) → nothing fails.
    expect(run(['X']).cutOff).toEqual([]);
    // X and M2: P2 loses all its metal → round 1; P1 keeps M1; V needs no metal (in-house).
    expect(failures(['M2', 'X'])).toEqual(['M2@0', 'X@0', 'P2@1:metal']);
    // n: metal 3→2 (X was never counted), part 3→2.
    expect(run(['M2', 'X']).counts).toEqual([2, 2, 1, 2, 2]);
  });

  it('inHouse off: the integrated firm V fails when M2 does', () => {
    // O2 → M2 (round 1) → V's metal 1/1 (round 2).
    expect(failures(['O2'], { inHouse: false })).toEqual(['O2@0', 'M2@1:ore', 'V@2:metal']);
    expect(failures(['O2'])).toEqual(['O2@0', 'M2@1:ore']);
  });

  it('a need whose suppliers all weigh 0 is measured by count', () => {
    // rows 0 and 1 (O1→M1, O2→M1) weigh 0: M1's ore need has total weight 0.
    // θ = 1: O2 is 1 of 2 suppliers → survives; θ = 0.5: 1/2 ≥ 0.5 → fails.
    expect(failures(['O2'], {}, { 0: 0, 1: 0 })).toEqual(['O2@0', 'M2@1:ore']);
    expect(failures(['O2'], { theta: 0.5 }, { 0: 0, 1: 0 }).slice(0, 3)).toEqual([
      'O2@0',
      'M1@1:ore',
      'M2@1:ore',
    ]);
  });

  it('rejects bad parameters and unknown ids in one line', () => {
    expect(() => cascadeModel(ctxOf(), { theta: 0 })).toThrow(/threshold must be in \(0, 1\]/);
    expect(() => cascadeModel(ctxOf(), { theta: 1.5 })).toThrow(RangeError);
    expect(() => run(['ZZ'])).toThrow(/cascade: unknown company id 'ZZ'/);
  });

  it('the incremental state equals a fresh cascade of the union, and resets cleanly', () => {
    const m = cascadeModel(ctxOf(), { theta: 0.5 });
    const ids = m.ctx.dataset.companies.ids;
    const state = new CascadeState(m);
    state.remove([ids.indexOf('C1')]);
    state.remove([ids.indexOf('O1')]);
    const fresh = cascade(m, ['C1', 'O1']);
    const failedIds = state.order.map((c) => ids[c]).sort();
    expect(failedIds).toEqual(fresh.failed.map((f) => f.company).sort());
    expect(Array.from(state.counts)).toEqual(fresh.counts);
    state.reset();
    expect(state.order).toEqual([]);
    expect(Array.from(state.counts)).toEqual(Array.from(m.ctx.counts));
    state.remove([ids.indexOf('O2')]);
    expect(state.order.map((c) => ids[c])).toEqual(cascade(m, ['O2']).failed.map((f) => f.company));
  });
});
