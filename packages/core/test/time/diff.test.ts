/**
 * `asOf` and `diffChain` on the dated fixture (fixture-dated.ts), every figure worked by hand.
 * Template weights: ore 1, graphite 1, cathode 2, anode 1, cell 2, pack 1, ev 2 (Σ 10); feeds
 * ore→cathode, graphite→anode, cathode→cell, anode→cell, cell→pack, pack→ev; two source-to-sink
 * paths. hhiThreshold τ = 0.6 here, so that two firms can make a segment present.
 *
 * As of 2015 (2015-12-31): valid A, B, D, E, F, G, J (C 2016-03-31, H 2017-12-31, K 2019-12-31,
 * M 2020-06-30 are later). Cluster 浙江 = {A, B, D, G} (4). Memberships: A cathode 0.6, A cell
 * 0.3, B cell 0.5, D anode 0.5 (D graphite starts 2019). n: ore 0, graphite 0, cathode 1 (A),
 * anode 1 (D), cell 2 (A, B), pack 0, ev 0. Chain firms {A, B, D} (3).
 *   status: ore missing-upstream (feeds cathode, present), graphite missing-upstream, cathode weak
 *   (single source), anode weak (single source), cell present (HHI of 0.3, 0.5 = (0.09 + 0.25) /
 *   0.64 = 0.531 < 0.6), pack missing-downstream (fed by cell), ev absent.
 *   K_cov = (2 + 1 + 2) / 10 = 0.5; K_red = (2·½ + 1·½ + 2·1) / 10 = 0.35; K_link = 2/6
 *   (cathode→cell, anode→cell); K_path = 0/2. By stage: upstream cov 0, red 0; midstream cov
 *   5/5 = 1, red 3.5/5 = 0.7; downstream cov 0, red 0.
 *   Local supply ratio: supply into A, B, D valid then: E→A 1 (outside), A→B 2, D→B 1 → 3/4.
 *   Single points: single-source cathode (A), anode (D); cut point B (A–B–D).
 * As of 2020 (2020-12-31): B closed 2018-06-30, gone; C, H, K, M founded. Cluster 浙江 = {A, C,
 * D, G, H, K, M} (7): entered C, H, K, M; left B. A's cathode line ended 2019-12-31; D's graphite
 * began 2019-12-31. n: ore 1 (H), graphite 1 (D), cathode 0, anode 2 (D, M), cell 1 (A), pack 2
 * (C, K), ev 0. Chain firms {A, C, D, H, K, M} (6): entered C, H, K, M; left B.
 *   status: ore weak, graphite weak, cathode missing-upstream (feeds cell), anode present (0.5,
 *   0.5: HHI 0.5), cell weak, pack present (1, 1: HHI 0.5), ev missing-downstream.
 *   Changes: ore filled, graphite filled, cathode emptied, anode strengthened, cell weakened, pack
 *   filled, ev unchanged.
 *   K_cov = (1 + 1 + 1 + 2 + 1) / 10 = 0.6; K_red = (½ + ½ + 0 + 1 + 2·½ + 1 + 0) / 10 = 0.4;
 *   K_link = 3/6 (graphite→anode, anode→cell, cell→pack); K_path = 0/2 (cathode, ev missing).
 *   By stage: upstream cov 2/2 = 1, red 1/2 = 0.5; midstream cov 3/5 = 0.6, red 2/5 = 0.4;
 *   downstream cov 1/3, red 1/3.
 *   Local supply ratio: into A, C, D, H, K, M: H→A 1, D→A 1, A→C 1 local, E→K 3 outside
 *   (E→A ended 2018-12-31) → 3/6 = 0.5.
 *   Single points: single-source ore (H), graphite (D), cell (A); cut point A (H–A–C, D–A).
 *   New: ore, graphite, cell, cut point A; resolved: cathode, anode, cut point B.
 *   Targets of 2015 now local: J (pack, outside in 2015) owns K, in 浙江 since 2019 → J via K;
 *   E and F have no local presence in 2020.
 */
import { describe, expect, it } from 'vitest';
import type { ChainDiff } from '../../src/index.js';
import { asOf, chainAt, diffChain } from '../../src/index.js';
import { MINI } from '../chain/fixture.js';
import { datedDataset } from './fixture-dated.js';

const OPTIONS = { region: '浙江', template: MINI, hhiThreshold: 0.6 };
const ids = (xs: Array<{ company: string }>) => xs.map((x) => x.company);
const figure = (d: ChainDiff, f: string) => {
  const x = d.completeness.find((c) => c.figure === f)!;
  return [x.before, x.after];
};

describe('asOf', () => {
  it('keeps the rows valid at the date, ends excluded, partial dates at the period end', () => {
    const data = datedDataset();
    expect(asOf(data, '2015').companies.ids).toEqual(['A', 'B', 'D', 'E', 'F', 'G', 'J']);
    // C is founded 2016-03 = 2016-03-31: not there on 2016-03-30, there on 2016-03-31.
    expect(asOf(data, '2016-03-30').companies.ids).not.toContain('C');
    expect(asOf(data, '2016-03-31').companies.ids).toContain('C');
    // B is closed on 2018-06-30: there the day before, gone that day.
    expect(asOf(data, '2018-06-29').companies.ids).toContain('B');
    expect(asOf(data, '2018-06-30').companies.ids).not.toContain('B');
    const at = asOf(data, '2020');
    expect(at.asOf).toEqual({
      date: '2020-12-31',
      dated: { companies: 11, memberships: 2, relations: 8 },
      total: { companies: 11, memberships: 13, relations: 9 },
    });
    // Relations renumbered onto the kept companies: H→A, D→A, A→C, C→F, J→K, E→K, D→B gone.
    const pairs = Array.from(
      at.relations.source,
      (s, e) => `${at.companies.ids[s]}→${at.companies.ids[at.relations.target[e]!]}`,
    );
    expect(pairs).toEqual(['A→C', 'C→F', 'H→A', 'D→A', 'J→K', 'E→K']);
    expect(at.relations.attributes.from).toEqual(['2016', '2017', '2018', '2019', '2019', '2020']);
  });

  it('refuses a date it cannot read', () => {
    expect(() => asOf(datedDataset(), '2015-13')).toThrow(/'2015-13' is not a date/);
  });

  it('changes nothing but the record for data without dates', () => {
    const data = datedDataset();
    data.companies.attributes = {};
    data.memberships.attributes = {};
    data.relations.attributes = {};
    const at = asOf(data, '1990');
    expect(at.companies.ids).toEqual(data.companies.ids);
    expect(at.relations.source).toEqual(data.relations.source);
    expect(at.asOf.dated).toEqual({ companies: 0, memberships: 0, relations: 0 });
  });
});

describe('diffChain', () => {
  const diff = diffChain(datedDataset(), { ...OPTIONS, from: '2015', to: '2020' });

  it('records the dates as full ISO dates', () => {
    expect([diff.from, diff.to]).toEqual(['2015-12-31', '2020-12-31']);
  });

  it('lists the firms that entered and left the cluster and the chain', () => {
    expect([diff.cluster.before, diff.cluster.after]).toEqual([4, 7]);
    expect(ids(diff.cluster.entered)).toEqual(['C', 'H', 'K', 'M']);
    expect(ids(diff.cluster.left)).toEqual(['B']);
    expect([diff.chain.before, diff.chain.after]).toEqual([3, 6]);
    expect(ids(diff.chain.entered)).toEqual(['C', 'H', 'K', 'M']);
    expect(diff.chain.left).toEqual([
      { company: 'B', name: '公司B', region: '浙江/宁波', segments: ['cell'] },
    ]);
  });

  it('says which segments were filled, emptied, weakened or strengthened', () => {
    expect(
      diff.segments.map((s) => [s.id, s.before.companies, s.after.companies, s.change]),
    ).toEqual([
      ['ore', 0, 1, 'filled'],
      ['graphite', 0, 1, 'filled'],
      ['cathode', 1, 0, 'emptied'],
      ['anode', 1, 2, 'strengthened'],
      ['cell', 2, 1, 'weakened'],
      ['pack', 0, 2, 'filled'],
      ['ev', 0, 0, 'unchanged'],
    ]);
    expect(diff.segments.map((s) => [s.before.status, s.after.status])).toEqual([
      ['missing-upstream', 'weak'],
      ['missing-upstream', 'weak'],
      ['weak', 'missing-upstream'],
      ['weak', 'present'],
      ['present', 'weak'],
      ['missing-downstream', 'present'],
      ['absent', 'missing-downstream'],
    ]);
  });

  it('gives every completeness variant, by stage, and the local supply ratio at both dates', () => {
    expect(figure(diff, 'coverage')).toEqual([0.5, 0.6]);
    expect(figure(diff, 'redundancy')[0]).toBeCloseTo(0.35, 12);
    expect(figure(diff, 'redundancy')[1]).toBeCloseTo(0.4, 12);
    expect(figure(diff, 'link')[0]).toBeCloseTo(2 / 6, 12);
    expect(figure(diff, 'link')[1]).toBeCloseTo(3 / 6, 12);
    expect(figure(diff, 'path')).toEqual([0, 0]);
    expect(figure(diff, 'localSupplyRatio')).toEqual([0.75, 0.5]);
    expect(figure(diff, 'upstream.coverage')).toEqual([0, 1]);
    expect(figure(diff, 'upstream.redundancy')).toEqual([0, 0.5]);
    expect(figure(diff, 'midstream.coverage')).toEqual([1, 0.6]);
    expect(figure(diff, 'midstream.redundancy')[0]).toBeCloseTo(0.7, 12);
    expect(figure(diff, 'midstream.redundancy')[1]).toBeCloseTo(0.4, 12);
    expect(figure(diff, 'downstream.coverage')[0]).toBe(0);
    expect(figure(diff, 'downstream.coverage')[1]).toBeCloseTo(1 / 3, 12);
    expect(figure(diff, 'downstream.redundancy')[1]).toBeCloseTo(1 / 3, 12);
  });

  it('finds the targets of the first date that are local at the second (J through K)', () => {
    const before = chainAt(datedDataset(), '2015', OPTIONS).report;
    const rankJ = before.targets.findIndex((t) => t.company === 'J') + 1;
    expect(rankJ).toBeGreaterThan(0);
    expect(diff.targetsNowLocal).toEqual([
      {
        company: 'J',
        name: '公司J',
        region: '江苏/常州',
        segment: 'pack',
        rank: rankJ,
        via: ['K'],
      },
    ]);
  });

  it('lists new and resolved single points of failure', () => {
    const key = (p: { kind: string; segment?: string; company?: string }) =>
      `${p.kind}:${p.segment ?? p.company}`;
    expect(diff.newSinglePoints.map(key).sort()).toEqual([
      'cut-point:A',
      'single-source:cell',
      'single-source:graphite',
      'single-source:ore',
    ]);
    expect(diff.resolvedSinglePoints.map(key).sort()).toEqual([
      'cut-point:B',
      'single-source:anode',
      'single-source:cathode',
    ]);
  });

  it('ranks leaders: firms that came are entered, B dropped, the rest as the reports rank them', () => {
    const a = chainAt(datedDataset(), '2015', OPTIONS).report.leaders.map((l) => l.company);
    const b = chainAt(datedDataset(), '2020', OPTIONS).report.leaders.map((l) => l.company);
    for (const l of diff.leaders) {
      expect(l.before).toBe(a.includes(l.company) ? a.indexOf(l.company) + 1 : null);
      expect(l.after).toBe(b.includes(l.company) ? b.indexOf(l.company) + 1 : null);
    }
    expect(diff.leaders.filter((l) => l.change === 'dropped').map((l) => l.company)).toEqual(['B']);
    expect(
      diff.leaders
        .filter((l) => l.change === 'entered')
        .map((l) => l.company)
        .sort(),
    ).toEqual(['C', 'H', 'K', 'M']);
    expect(diff.topLeader.after?.company).toBe(b[0]);
  });

  it('gives the same result for the same data', () => {
    const again = diffChain(datedDataset(), { ...OPTIONS, from: '2015', to: '2020' });
    expect(JSON.stringify(again)).toBe(JSON.stringify(diff));
  });
});
