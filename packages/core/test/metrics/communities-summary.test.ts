/**
 * Per-community summary: a hand-worked dataset (ties, unknown regions, NaN shares, a view
 * that leaves a company out) and a smoke test on the shipped cn-listed data.
 */
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import { buildMetricGraph } from '../../src/graph/snapshot.js';
import type { Dataset } from '../../src/graph/types.js';
import { emptyMemberships } from '../../src/graph/types.js';
import { summarizeCommunities } from '../../src/metrics/communities.js';
import { louvain } from '../../src/metrics/louvain.js';
import {
  adjustedRandIndex,
  normalizedMutualInformation,
} from '../../src/metrics/partition-agreement.js';
import { pagerank } from '../../src/metrics/pagerank.js';

const regions = [
  '浙江/杭州',
  '浙江/宁波',
  '浙江/杭州/萧山',
  '',
  '江苏/苏州',
  '江苏/南京',
  '江苏',
  '浙江/温州',
];
const rows: [number, string, number][] = [
  [0, '电芯', 0.7],
  [0, '正极', 0.3],
  [1, '电芯', 1],
  [2, '电芯', NaN],
  [3, '正极', 0.5],
  [3, '正极', 0.5], // the same segment twice: one company by count, 1.0 by share
  [4, '隔膜', 1],
  [5, '隔膜', 0.4],
  [5, '电芯', 0.6],
  [7, '电芯', 0.2],
];
const dataset: Dataset = {
  name: 'hand',
  companies: {
    ids: regions.map((_, i) => `c${i}`),
    names: regions.map((_, i) => `公司${i}`),
    regions,
    attributes: {},
  },
  memberships: {
    company: Int32Array.from(rows, (r) => r[0]),
    segment: rows.map((r) => r[1]),
    share: Float64Array.from(rows, (r) => r[2]),
    attributes: {},
  },
  relations: {
    source: new Int32Array(0),
    target: new Int32Array(0),
    type: new Uint8Array(0),
    weight: new Float64Array(0),
    attributes: {},
  },
  templates: [],
};
// A view without company 1: nodes 0..6 are companies 0, 2, 3, 4, 5, 6, 7.
const graph = buildMetricGraph(dataset, { nodes: [0, 2, 3, 4, 5, 6, 7] });
const community = Int32Array.from([0, 0, 0, 1, 1, 1, 0]);
const score = Float64Array.from([0.1, 0.3, 0.3, 0.5, 0.2, 0.2, 0.05]);

describe('summarizeCommunities: hand-worked', () => {
  it('sizes, top companies (ties by id), regions at level 1, segments by count', () => {
    const s = summarizeCommunities(graph, dataset, community, score, { top: 3 });
    const [a, b] = s.communities;
    expect(s.communities).toHaveLength(2);
    // Community 0 = c0, c2, c3, c7; c2 and c3 tie at 0.3 and come in id order.
    expect(a!.size).toBe(4);
    expect(a!.top.map((t) => [t.node, t.company, t.id, t.score])).toEqual([
      [1, 2, 'c2', 0.3],
      [2, 3, 'c3', 0.3],
      [0, 0, 'c0', 0.1],
    ]);
    expect(a!.top[0]!.name).toBe('公司2');
    // c3 has no region: 3 of 4 are in 浙江.
    expect(a!.regionKnown).toBe(3);
    expect(a!.regions).toEqual([{ label: '浙江', weight: 3, share: 0.75 }]);
    // 电芯: c0, c2, c7; 正极: c0, c3 (twice, counted once). Company 1 is outside the view.
    expect(a!.segments).toEqual([
      { label: '电芯', weight: 3, share: 0.75 },
      { label: '正极', weight: 2, share: 0.5 },
    ]);
    expect(b!.top.map((t) => t.id)).toEqual(['c4', 'c5', 'c6']);
    expect(b!.regions).toEqual([{ label: '江苏', weight: 3, share: 1 }]);
    expect(b!.segments).toEqual([
      { label: '隔膜', weight: 2, share: 2 / 3 },
      { label: '电芯', weight: 1, share: 1 / 3 },
    ]);
  });

  it('regions at level 2 (shorter paths as they are, ties in code-unit order)', () => {
    const s = summarizeCommunities(graph, dataset, community, score, { regionLevel: 2 });
    expect(s.communities[0]!.regions).toEqual([
      { label: '浙江/杭州', weight: 2, share: 0.5 },
      { label: '浙江/温州', weight: 1, share: 0.25 },
    ]);
    expect(s.communities[1]!.regions.map((r) => r.label)).toEqual([
      '江苏',
      '江苏/南京',
      '江苏/苏州',
    ]);
    expect(s.communities[1]!.regions.length).toBe(3);
    expect(
      summarizeCommunities(graph, dataset, community, score, { topRegions: 1, regionLevel: 2 })
        .communities[1]!.regions,
    ).toHaveLength(1);
  });

  it('segments by share: NaN counts 1, repeated rows add up', () => {
    const s = summarizeCommunities(graph, dataset, community, score, { segmentWeight: 'share' });
    const [a, b] = s.communities;
    expect(a!.segments[0]!.label).toBe('电芯');
    expect(a!.segments[0]!.weight).toBeCloseTo(0.7 + 1 + 0.2, 15);
    expect(a!.segments[1]!.label).toBe('正极');
    expect(a!.segments[1]!.weight).toBeCloseTo(0.3 + 0.5 + 0.5, 15);
    expect(a!.segments[1]!.share).toBeCloseTo(1.3 / 4, 15);
    expect(b!.segments[0]!.weight).toBeCloseTo(1.4, 15);
    expect(b!.segments[1]!.weight).toBeCloseTo(0.6, 15);
  });

  it('agreement with regions and with main segments', () => {
    const s = summarizeCommunities(graph, dataset, community, score);
    // Nodes with a region (all but c3): communities and provinces coincide.
    expect(s.regionAgreement).toEqual({ nodes: 6, nmi: 1, ari: 1 });
    // Nodes with a membership (all but c6), main segment = largest share (NaN as 0):
    // c0 电芯, c2 电芯, c3 正极, c4 隔膜, c5 电芯 (0.6 > 0.4), c7 电芯.
    const a = [0, 0, 0, 1, 1, 0];
    const b = ['电芯', '电芯', '正极', '隔膜', '电芯', '电芯'];
    expect(s.segmentAgreement).toEqual({
      nodes: 6,
      nmi: normalizedMutualInformation(a, b),
      ari: adjustedRandIndex(a, b),
    });
  });

  it('checks its input; works without memberships', () => {
    expect(() => summarizeCommunities(graph, dataset, community, new Float64Array(3))).toThrow();
    expect(() =>
      summarizeCommunities(graph, dataset, Int32Array.from([0, 0, 0, -1, 1, 1, 0]), score),
    ).toThrow(/label/);
    const bare = { ...dataset, memberships: emptyMemberships() };
    const s = summarizeCommunities(graph, bare, community, score);
    expect(s.communities[0]!.segments).toEqual([]);
    expect(s.segmentAgreement.nodes).toBe(0);
  });
});

describe('summarizeCommunities: cn-listed', () => {
  it('covers every company once, with shares in [0, 1]', () => {
    const { dataset: cn } = readDataset(
      new URL('../../../../datasets/cn-listed/', import.meta.url).pathname,
    );
    const g = buildMetricGraph(cn, { types: ['inferred-supply'] });
    const parts = louvain(g, { seed: 1 });
    const pr = pagerank(g).scores;
    const s = summarizeCommunities(g, cn, parts.community, pr);
    expect(s.communities).toHaveLength(parts.count);
    expect(s.communities.reduce((sum, c) => sum + c.size, 0)).toBe(g.n);
    for (const c of s.communities) {
      expect(c.top.length).toBe(Math.min(5, c.size));
      for (let i = 1; i < c.top.length; i++) {
        expect(c.top[i - 1]!.score).toBeGreaterThanOrEqual(c.top[i]!.score);
      }
      for (const r of [...c.regions, ...c.segments]) {
        expect(r.share).toBeGreaterThan(0);
        expect(r.share).toBeLessThanOrEqual(1);
      }
    }
    expect(s.regionAgreement.nodes).toBeGreaterThan(0);
    expect(s.regionAgreement.nmi).toBeGreaterThanOrEqual(0);
    expect(s.regionAgreement.nmi).toBeLessThanOrEqual(1);
  });
});
