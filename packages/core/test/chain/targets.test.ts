import { describe, expect, it } from 'vitest';
import {
  analyze,
  chainContext,
  createTranslator,
  indexReport,
  targetText,
  clusterByRegion,
  inputGaps,
  leaders,
  missingRoles,
  portfolio,
  segmentTable,
  targets,
  targetsMaybeLocal,
  weakLinks,
} from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';

/*
 * Hand computation on fixture-ebike.ts, cluster 浙江 (units of 1/13 for completeness).
 *
 * Open segments (status ≠ present): steel, cell, saddle, paint, frame, battery, coating, bike,
 * rental. Candidates: companies outside 浙江 holding one: S1 S2 C9 Q9 P1 F9 E1 E2 K1 B9 R1 (M9
 * holds only motor, which is present).
 *
 * need (from inputGaps; rental: the local firms feeding it) and needFactor = need + 1:
 *   steel 2 (F1, F2) → 3; saddle 2 (B1, B2) → 3; battery 2 → 3; coating 2 → 3; rental 2 (B1,
 *   B2 sell to it) → 3; cell, frame, bike, paint 0 → 1.
 * strength, degree mode: supplier role (d_out + 1)/(max d_out + 1) with max d_out = 2 (M2, C1,
 *   F1, S1, E1, Q9, K1); buyer role (rental) (d_in + 1)/(max d_in + 1), max d_in = 9 (B2).
 * tie = 1 + relations of any type with 浙江: S1 r11 r12(I) → 3; S2 r13 → 2; C9 0 → 1; Q9 r18
 *   r19 → 3; P1 0 → 1; F9 r27(I) → 2; E1 r14 r15 r21 + r26 (collaboration) → 5; E2 r16(I) → 2;
 *   K1 r28(I) → 2; B9 r20 → 2; R1 r23 r24 → 3.
 * gain = ΔK_red, r = 2. Before: Σ w·min(1, n/2) = cell ½ + motor 1 + saddle ½ + frame 2 +
 *   bike 2 = 6 → 6/13. Adding: S1 steel +½; S2 steel +½ (frame already 2); C9 cell +½; Q9
 *   saddle +½; P1 paint +½, coating +½ = 1; F9 frame 0; E1 battery 2·½ = 1; E2 battery 1 +
 *   cell ½ + rental ½ = 2; K1 coating +½; B9 rental +½ (bike 0); R1 rental +½.
 *
 * The candidates M1–M4 would hold motor with an unknown share only: no real share, no target
 * (and motor is present anyway).
 *
 * Best segment and score = needFactor × share × strength × tie × gain:
 *   E1 battery   3 × 1   × 1   × 5 × 1/13   = 15/13
 *   E2 battery   3 × 0.6 × 2/3 × 2 × 2/13   = 4.8/13 (cell 1·0.3·2/3·2 = 0.4, rental
 *                                              3·0.1·3/10·2 = 0.18 per unit gain: battery is best)
 *   Q9 saddle    3 × 1   × 1   × 3 × ½/13   = 4.5/13
 *   S1 steel     3 × 1   × 1   × 3 × ½/13   = 4.5/13 (tie with Q9 on every factor: by id, Q9 first)
 *   K1 coating   3 × 0.6 × 1   × 2 × ½/13   = 1.8/13 (frame: 1 · 0.4 · 1 · 2 = 0.8 < 3.6)
 *   R1 rental    3 × 1   × 3/10 × 3 × ½/13  = 1.35/13 (buyer: d_in 2)
 *   S2 steel     3 × 0.6 × 2/3 × 2 × ½/13   = 1.2/13
 *   P1 coating   3 × 0.5 × 1/3 × 1 × 1/13   = 0.5/13 (d_out 0; paint 1 · 0.5 · 1/3 = 1/6 < ½)
 *   C9 cell      1 × 1   × 2/3 × 1 × ½/13   = (1/3)/13
 *   B9 bike      1 × 0.8 × 1/3 × 2 × ½/13   = (4/15)/13 (rental 3 · 0.2 · 3/10 · 2 = 0.36 < 0.53)
 *   F9 frame     1 × 1   × 2/3 × 2 × 0      = 0
 */
describe('targets of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));
  const list = targets(ctx);
  const by = (id: string) => list.find((t) => t.company === id)!;

  it('orders the candidates by score, ties by the other factors and id', () => {
    expect(list.map((t) => [t.company, t.segment])).toEqual([
      ['E1', 'battery'],
      ['E2', 'battery'],
      ['Q9', 'saddle'],
      ['S1', 'steel'],
      ['K1', 'coating'],
      ['R1', 'rental'],
      ['S2', 'steel'],
      ['P1', 'coating'],
      ['C9', 'cell'],
      ['B9', 'bike'],
      ['F9', 'frame'],
    ]);
    const expected = [15, 4.8, 4.5, 4.5, 1.8, 1.35, 1.2, 0.5, 1 / 3, 4 / 15, 0];
    expect(list.map((t) => t.share)).toEqual([1, 0.6, 1, 1, 0.6, 1, 0.6, 0.5, 1, 0.8, 1]);
    expect(list.every((t) => t.location === 'outside')).toBe(true);
    list.forEach((t, i) => expect(t.score).toBeCloseTo(expected[i]! / 13, 12));
    for (const t of list) expect(ctx.inCluster[ds.companies.ids.indexOf(t.company)]).toBe(0);
  });

  it('reports every factor', () => {
    expect(by('E1').components).toEqual({
      need: 2,
      needFactor: 3,
      share: 1,
      strength: 1,
      strengthRaw: 2,
      tie: 5,
      links: 4,
      inferredLinks: 0,
      gain: expect.closeTo(1 / 13, 12),
      before: expect.closeTo(6 / 13, 12),
      after: expect.closeTo(7 / 13, 12),
    });
    expect(by('E2')).toMatchObject({
      status: 'missing-upstream',
      role: 'supplier',
      segments: ['cell', 'battery', 'rental'],
      components: { need: 2, strengthRaw: 1, tie: 2, links: 1, inferredLinks: 1 },
    });
    expect(by('E2').components.strength).toBeCloseTo(2 / 3, 12);
    expect(by('R1')).toMatchObject({
      status: 'missing-downstream',
      role: 'buyer',
      components: { need: 2, strengthRaw: 2, tie: 3 },
    });
    expect(by('R1').components.strength).toBeCloseTo(0.3, 12);
    expect(by('F9')).toMatchObject({
      status: 'weak',
      components: { need: 0, needFactor: 1, gain: 0 },
    });
    expect(by('K1').segments).toEqual(['frame', 'coating']);
  });

  it('explains each target in one forwardable sentence: share, where it is, what it changes', () => {
    // The sentence is rendered from report.json's facts (targetText), in either language.
    const report = analyze(ds, { cluster: clusterByRegion(ds.companies, '浙江'), template: EBIKE });
    const index = indexReport(report);
    const row = (id: string) => report.targets.find((t) => t.company === id)!;
    const why = (id: string) => targetText(row(id), index);
    for (const t of report.targets) expect(t).not.toHaveProperty('explanation');
    expect(row('E2')).toMatchObject({
      segments: ['cell', 'battery', 'rental'],
      linksByType: { 'inferred-supply': 1 },
    });
    expect(row('E2').shares).toEqual([0.3, 0.6, 0.1]);
    expect(targetText(row('E1'), index, createTranslator('zh-CN'))).toBe(
      '公司E1（位于江苏/常州）主营电池组（营收占比 100%）。浙江该环节本地无企业（上游缺失）；' +
        '2 家本地企业需要该环节作为投入，却没有本地供应商。已与浙江企业有 4 条关系（供应 3 条、合作 1 条）；' +
        '引进后冗余调整完整度将从 0.46 升至 0.54。',
    );
    expect(why('E1')).toBe(
      '公司E1 (based in 江苏/常州) makes 电池组 (100% of revenue). In 浙江 this segment has no ' +
        'company (a missing upstream role); 2 local firms need it as an input and have no local ' +
        'supplier. It already has 4 links with firms in 浙江 (3 supply, 1 collaboration); ' +
        "bringing it in would raise the chain's completeness (redundancy-adjusted) from 0.46 to 0.54.",
    );
    expect(why('E2')).toBe(
      '公司E2 (based in 江苏/常州) makes 电池组 (60% of revenue), and also 电芯 (30%) and 租赁 (10%). ' +
        'In 浙江 this segment has no company (a missing upstream role); 2 local firms need it as ' +
        'an input and have no local supplier. It already has 1 link with firms in 浙江 (1 inferred ' +
        "supply); bringing it in would raise the chain's completeness (redundancy-adjusted) from " +
        '0.46 to 0.62.',
    );
    expect(why('Q9')).toBe(
      '公司Q9 (based in 江苏/常州) makes 坐垫 (100% of revenue). In 浙江 this segment is weak: only ' +
        '1 company, and local buyers get it only from outside; 2 local firms need it as an input ' +
        'and have no local supplier. It already has 2 links with firms in 浙江 (2 supply); ' +
        "bringing it in would raise the chain's completeness (redundancy-adjusted) from 0.46 to 0.50.",
    );
    expect(why('R1')).toBe(
      '公司R1 (based in 江苏/南京) makes 租赁 (100% of revenue). In 浙江 this segment has no company ' +
        '(a missing downstream role); 2 local firms could supply it. It already has 2 links with ' +
        "firms in 浙江 (2 supply); bringing it in would raise the chain's completeness " +
        '(redundancy-adjusted) from 0.46 to 0.50.',
    );
    expect(why('F9')).toBe(
      '公司F9 (based in 江苏/苏州) makes 车架 (100% of revenue). In 浙江 this segment is weak: ' +
        'concentrated, HHI 0.68 across 2 companies; no local firm lacks it as an input yet. It ' +
        "already has 1 link with firms in 浙江 (1 inferred supply); bringing it in would leave the chain's " +
        'completeness (redundancy-adjusted) at 0.46 (its segments already have 2 local firms).',
    );
    expect(why('P1')).toContain('It has no links with firms in 浙江 yet');
  });

  it('a firm whose region is unknown may already be local: listed apart, never a target', () => {
    const unknown = ebikeDataset();
    unknown.companies.regions[unknown.companies.ids.indexOf('E1')] = '';
    // 浙江/杭州 cluster: a firm known only as 浙江 may be in 杭州 too.
    unknown.companies.regions[unknown.companies.ids.indexOf('Q1')] = '浙江';
    const c1 = chainContext(unknown, EBIKE, clusterByRegion(unknown.companies, '浙江'));
    expect(targets(c1).some((t) => t.company === 'E1')).toBe(false);
    const apart = targetsMaybeLocal(c1);
    expect(apart.map((t) => [t.company, t.location])).toEqual([['E1', 'maybe-local']]);
    const rep = analyze(unknown, {
      cluster: clusterByRegion(unknown.companies, '浙江'),
      template: EBIKE,
    });
    expect(targetText(rep.targetsMaybeLocal![0]!, indexReport(rep))).toContain(
      '(region unknown: may already be local, check before approaching it)',
    );
    expect(portfolio(c1, 20).picks.some((p) => p.company === 'E1')).toBe(false);
    const c2 = chainContext(unknown, EBIKE, clusterByRegion(unknown.companies, '浙江/杭州'));
    expect(targetsMaybeLocal(c2).map((t) => t.company)).toEqual(['E1', 'Q1']);
    // A firm of another province with only its province known is surely outside.
    unknown.companies.regions[unknown.companies.ids.indexOf('S1')] = '江苏';
    const c3 = chainContext(unknown, EBIKE, clusterByRegion(unknown.companies, '浙江/杭州'));
    expect(targets(c3).find((t) => t.company === 'S1')!.location).toBe('outside');
  });

  it('limit, PageRank strength and determinism', () => {
    expect(targets(ctx, { limit: 2 }).map((t) => t.company)).toEqual(['E1', 'E2']);
    const pr = targets(ctx, { strength: 'pagerank' });
    expect(pr).toHaveLength(11);
    for (const t of pr) {
      expect(t.components.strength).toBeGreaterThan(0);
      expect(t.components.strength).toBeLessThanOrEqual(1);
    }
    expect(JSON.stringify(targets(ctx))).toBe(JSON.stringify(list));
    expect(JSON.parse(JSON.stringify(list))).toEqual(list);
  });
});

describe('portfolio of the 浙江 e-bike cluster', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));

  it('greedy by ΔK_red with before/after of every variant', () => {
    // Step 1 gains (×13): E2 2, E1 1, P1 1, the rest ½ or 0 → E2 (battery, cell, rental).
    // Step 2: E1 (battery 1→2) 1 and P1 1 tie; E1 ranks higher as a target → E1.
    // Step 3: P1 1 (paint, coating), the rest ½ or 0 → P1.
    const p = portfolio(ctx, 3);
    expect(p.picks.map((x) => [x.company, x.segments])).toEqual([
      ['E2', ['cell', 'battery', 'rental']],
      ['E1', ['battery']],
      ['P1', ['paint', 'coating']],
    ]);
    p.picks.forEach((x, i) => {
      expect(x.gain).toBeCloseTo([2, 1, 1][i]! / 13, 12);
      expect(x.value).toBeCloseTo([8, 9, 10][i]! / 13, 12);
    });
    // Before: coverage 7/13 (cell 1, motor 1, saddle 1, frame 2, bike 2); link: frame→bike,
    // motor→bike, saddle→bike = 3/9; path 0/5 (rental, the only sink, is absent).
    expect(p.before.coverage).toBeCloseTo(7 / 13, 12);
    expect(p.before.redundancy).toBeCloseTo(6 / 13, 12);
    expect(p.before.link).toBeCloseTo(3 / 9, 12);
    expect(p.before.paths).toEqual({ all: 5, present: 0 });
    // After: only steel missing → coverage 12/13; K_red: steel 0, saddle/paint/coating/rental ½,
    // the rest full → 13 − 1 − 2 = 10 → 10/13; every feed but steel→frame → 8/9; every path but
    // the steel one → 4/5.
    expect(p.after.coverage).toBeCloseTo(12 / 13, 12);
    expect(p.after.redundancy).toBeCloseTo(10 / 13, 12);
    expect(p.after.link).toBeCloseTo(8 / 9, 12);
    expect(p.after.path).toBeCloseTo(4 / 5, 12);
    expect(p.stoppedEarly).toBe(false);
  });

  it('stops when nothing adds anything', () => {
    // After E2 E1 P1, the ½ gains in target order: Q9 (saddle), S1 (steel), K1 (coating), S2
    // (steel 1→2) after R1 (rental 1→2); then B9 adds rental 2→3 and bike 2→3: 0; C9, F9: 0.
    // Final K_red: everything full but paint (n=1): 12.5/13.
    const p = portfolio(ctx, 20);
    expect(p.picks.map((x) => x.company)).toEqual(['E2', 'E1', 'P1', 'Q9', 'S1', 'K1', 'R1', 'S2']);
    expect(p.stoppedEarly).toBe(true);
    expect(p.after.redundancy).toBeCloseTo(12.5 / 13, 12);
  });

  it('other objectives: coverage', () => {
    // Step 1 (weights newly present): E2 battery 2 + rental 1 = 3 → E2. Step 2: P1 paint 1 +
    // coating 1 = 2 → P1. Step 3: S1, S2 steel 1 each → S1 (higher target). Coverage 13/13.
    const p = portfolio(ctx, 3, { objective: 'coverage' });
    expect(p.picks.map((x) => x.company)).toEqual(['E2', 'P1', 'S1']);
    expect(p.picks.map((x) => x.gain * 13)).toEqual([3, 2, 1].map((g) => expect.closeTo(g, 10)));
    expect(p.after.coverage).toBeCloseTo(1, 12);
    expect(() => portfolio(ctx, -1)).toThrow(/k must be/);
  });
});

describe('an empty cluster (no company in 上海)', () => {
  it('has every segment absent, no weak links, leaders or gaps, and every holder as a target', () => {
    const ds = ebikeDataset();
    const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '上海'));
    // No segment is present, so none is missing up- or downstream of a present one.
    expect(new Set(segmentTable(ctx).map((r) => r.status))).toEqual(new Set(['absent']));
    expect(weakLinks(ctx)).toEqual([]);
    expect(
      missingRoles(ctx).every((m) => m.direction === 'absent' && m.neededBy.length === 0),
    ).toBe(true);
    expect(inputGaps(ctx)).toEqual([]);
    expect(leaders(ctx)).toEqual([]);
    // Every company but the bank X holds a segment; M1–M4 only with an unknown share (no
    // target); each of the other 18 adds at least ½·1/13 to K_red = 0.
    const all = targets(ctx, { limit: 100 });
    expect(all).toHaveLength(18);
    for (const t of all) {
      expect(t.components.before).toBe(0);
      expect(t.components.gain).toBeGreaterThanOrEqual(0.5 / 13 - 1e-12);
      expect(t.components.links).toBe(0);
    }
    const p = portfolio(ctx, 2);
    expect(p.before.coverage).toBe(0);
    expect(p.picks).toHaveLength(2);
  });
});

describe('a cluster holding every company', () => {
  it('has no candidates: no targets, and the portfolio stops at once', () => {
    const ds = ebikeDataset();
    const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, ''));
    expect(targets(ctx)).toEqual([]);
    const p = portfolio(ctx, 3);
    expect(p.picks).toEqual([]);
    expect(p.stoppedEarly).toBe(true);
    expect(p.after).toEqual(p.before);
  });
});
