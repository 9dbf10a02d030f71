import { describe, expect, it } from 'vitest';
import {
  analyze,
  chainContext,
  clusterByRegion,
  createTranslator,
  indexReport,
  weakLinkText,
  weakLinks,
} from '../../src/index.js';
import { EBIKE, ebikeDataset } from './fixture-ebike.js';

describe('weak links of the 浙江 e-bike cluster (fixture-ebike.ts)', () => {
  const ds = ebikeDataset();
  const ctx = chainContext(ds, EBIKE, clusterByRegion(ds.companies, '浙江'));
  const links = weakLinks(ctx);
  // The sentences are rendered from report.json's facts, names looked up in the report.
  const report = analyze(ds, { cluster: clusterByRegion(ds.companies, '浙江'), template: EBIKE });
  const index = indexReport(report);
  const text = (i: number) => weakLinkText(report.weakLinks[i]!, index);

  it('report.json carries the same findings as facts, without sentences', () => {
    expect(report.weakLinks).toEqual(links);
    for (const w of report.weakLinks) expect(w).not.toHaveProperty('detail');
  });

  it('lists the kinds in DESIGN order: single-source, concentrated, cut-point, bridge, external-only', () => {
    expect(links.map((l) => [l.kind, l.segment ?? l.company ?? `${l.source}→${l.target}`])).toEqual(
      [
        ['single-source', 'cell'],
        ['single-source', 'saddle'],
        ['concentrated', 'frame'],
        ['concentrated', 'bike'],
        ['cut-point', 'B1'],
        ['cut-point', 'B2'],
        ['cut-point', 'M4'],
        ['bridge', 'M4→B1'],
        ['bridge', 'C1→M4'],
        ['bridge', 'M1→B1'],
        ['bridge', 'M3→B2'],
        ['external-only', 'saddle'],
      ],
    );
  });

  it('single-source and concentrated segments with HHI and N_eff', () => {
    expect(links[0]).toMatchObject({
      kind: 'single-source',
      segment: 'cell',
      company: 'C1',
      companies: 1,
    });
    expect(links[1]).toMatchObject({ segment: 'saddle', company: 'Q1' });
    expect(text(0)).toBe('电芯 has a single local company, 公司C1.');
    const zh = createTranslator('zh-CN');
    expect(weakLinkText(report.weakLinks[0]!, index, zh)).toBe(
      '电芯环节本地仅有 1 家企业（公司C1），为单一来源。',
    );
    expect(weakLinkText(report.weakLinks[2]!, index, zh)).toBe(
      '车架环节集中度高：本地 2 家企业的 HHI 为 0.68，相当于 1.5 家同等规模企业（N_eff）。',
    );
    // frame: F1 0.8, F2 0.2 → HHI 0.68, N_eff 1/0.68 = 1.47.
    expect(links[2]!.hhi).toBeCloseTo(0.68, 12);
    expect(links[2]!.effective).toBeCloseTo(1 / 0.68, 12);
    expect(text(2)).toBe(
      '车架 is concentrated: HHI 0.68 over 2 local companies, as if 1.5 equal ones (N_eff).',
    );
    // bike: 0.5, 0.5 → HHI 0.5, N_eff 2.
    expect(links[3]).toMatchObject({ hhi: 0.5, effective: 2, companies: 2 });
  });

  it('cut points of the chain view by hand, with the relations they rest on', () => {
    // The chain view (X, a bank, holds no segment and is left out) is the cycle B1–M2–B2–F1–B1
    // with pendants M1 and M4–C1 on B1, M3 and F2 on B2, plus Q1 alone: a component of 9.
    // Without B1: {M2,B2,F1,M3,F2} 5, {M4,C1} 2, {M1} 1 → 3 cut off the largest part.
    // B1's relations in the view: r0 r1 r4 r6, none inferred.
    expect(links[4]).toMatchObject({
      company: 'B1',
      parts: [5, 2, 1],
      separated: 3,
      edges: 4,
      inferredEdges: 0,
    });
    expect(text(4)).toBe(
      '公司B1 (整车) holds together 9 local companies: without it they fall into 5, 2 and 1, ' +
        'cutting 3 companies off the largest part; rests on 4 supply relations, 0 inferred.',
    );
    expect(weakLinkText(report.weakLinks[4]!, index, createTranslator('zh-CN'))).toBe(
      '公司B1（整车）连接着本地 9 家企业：一旦缺失，将分裂为 5 家、2 家、1 家互不相连的几部分，' +
        '3 家企业与主体断开；依据 4 条供应关系，其中推断 0 条。',
    );
    // Without B2: {B1,M1,M2,M4,C1,F1} 6, {M3} 1, {F2} 1. Relations r2 r3(I) r7 r8 r9(I).
    expect(links[5]).toMatchObject({
      company: 'B2',
      parts: [6, 1, 1],
      separated: 2,
      edges: 5,
      inferredEdges: 2,
    });
    // Without M4: C1 alone. Relations r4, r5(I).
    expect(links[6]).toMatchObject({
      company: 'M4',
      parts: [7, 1],
      separated: 1,
      edges: 2,
      inferredEdges: 1,
    });
  });

  it('bridges by hand: the doubled F2═B2 edge is none; edge betweenness 2ab / (n(n−1))', () => {
    // Bridges: M1–B1 (r0), M4–B1 (r4), C1–M4 (r5, inferred), M3–B2 (r3, inferred). F2–B2 merges
    // r8 and r9, so removing one relation leaves the other: no bridge. Cycle edges are none.
    // Sides: M4→B1 splits {M4,C1} from the other 7; the others cut one firm from 8.
    // Edge betweenness on the view (n = 10 with Q1): shortest paths between the a·b pairs of the
    // two sides all cross, both directions: 2ab / (n(n−1)) = 28/90 and 16/90.
    const bridges = links.filter((l) => l.kind === 'bridge');
    expect(
      bridges.map((b) => [b.source, b.target, b.parts, b.separated, b.edges, b.inferredEdges]),
    ).toEqual([
      ['M4', 'B1', [7, 2], 2, 1, 0],
      ['C1', 'M4', [8, 1], 1, 1, 1],
      ['M1', 'B1', [8, 1], 1, 1, 0],
      ['M3', 'B2', [8, 1], 1, 1, 1],
    ]);
    expect(bridges[0]!.edgeBetweenness).toBeCloseTo(28 / 90, 12);
    for (const b of bridges.slice(1)) expect(b.edgeBetweenness).toBeCloseTo(16 / 90, 12);
    expect(links[8]).toEqual(bridges[1]);
    expect(text(8)).toBe(
      "公司C1 → 公司M4 is the only supply link joining 1 local company on 公司C1's side to 8 on " +
        "公司M4's side; the link is inferred.",
    );
    expect(links.some((l) => l.kind === 'bridge' && (l.source === 'F2' || l.target === 'F2'))).toBe(
      false,
    );
  });

  it('external-only: saddle is bought by B1 and B2 only from Q9', () => {
    expect(links[11]).toMatchObject({
      segment: 'saddle',
      companies: 1,
      buyers: 2,
      externalSuppliers: 1,
      edges: 2,
      inferredEdges: 0,
    });
    expect(text(11)).toBe(
      '坐垫 has 1 local company, but the 2 local buyers of it get it only from 1 company outside ' +
        'the cluster (2 supply relations, 0 inferred).',
    );
  });

  it('cluster scope adds the bank X to the view: B1 now also cuts X off', () => {
    const wide = weakLinks(ctx, { scope: 'cluster', edgeBetweenness: false });
    const b1 = wide.find((l) => l.kind === 'cut-point' && l.company === 'B1')!;
    // Without B1: 5, 2, 1 (M1), 1 (X); relations r0 r1 r4 r6 and r10 (inferred).
    expect(b1).toMatchObject({ parts: [5, 2, 1, 1], separated: 4, edges: 5, inferredEdges: 1 });
    const xb1 = wide.find((l) => l.kind === 'bridge' && l.source === 'X')!;
    expect(xb1).toMatchObject({ target: 'B1', parts: [9, 1], inferredEdges: 1 });
    expect(xb1.edgeBetweenness).toBeUndefined();
  });

  it('τ is passed through and the result is JSON-able and deterministic', () => {
    const loose = weakLinks(ctx, { hhiThreshold: 0.7 });
    expect(loose.filter((l) => l.kind === 'concentrated')).toEqual([]);
    expect(JSON.stringify(weakLinks(ctx))).toBe(JSON.stringify(links));
    expect(JSON.parse(JSON.stringify(links))).toEqual(links);
  });
});
