import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { IssueLog, readTemplate } from '@chainlens/io';
import { describe, expect, it } from 'vitest';
import {
  chainContext,
  chainStructure,
  clusterByRegion,
  completeness,
  completenessFigure,
  completenessFromCounts,
  localSupplyRatio,
  segmentMembership,
} from '../../src/index.js';
import { MINI, miniDataset } from './fixture.js';

describe('chain structure and membership', () => {
  it('numbers segments, orders them topologically and maps products through includes', () => {
    const st = chainStructure(MINI);
    const pos = (id: string) => Array.from(st.order).indexOf(st.index.get(id)!);
    for (const [a, b] of MINI.feeds) expect(pos(a)).toBeLessThan(pos(b));
    const m = segmentMembership(miniDataset(), st);
    const cell = st.index.get('cell')!;
    // A (0.3) and B (0.9) make 电芯.
    expect(Array.from(m.members[cell]!)).toEqual([0, 1]);
    expect(Array.from(m.shares[cell]!)).toEqual([0.3, 0.9]);
    // C's 电池包 share is unknown: C is a member with a NaN share.
    expect(Array.from(m.members[st.index.get('pack')!]!)).toEqual([2]);
    expect(m.shares[st.index.get('pack')!]![0]).toBeNaN();
    // G (银行服务) holds no segment.
    expect(m.segmentOffsets[7]! - m.segmentOffsets[6]!).toBe(0);
  });
});

describe('completeness of the 浙江 cluster of the mini chain', () => {
  const ds = miniDataset();
  const ctx = chainContext(ds, MINI, clusterByRegion(ds.companies, '浙江'));

  it('counts n_s over the cluster', () => {
    // ore graphite cathode anode cell pack ev
    expect(Array.from(ctx.counts)).toEqual([0, 0, 1, 1, 2, 1, 0]);
  });

  it('coverage, redundancy, link and path by hand', () => {
    const k = completeness(ctx);
    // weights: ore 1, graphite 1, cathode 2, anode 1, cell 2, pack 1, ev 2 → Σ = 10.
    // present: cathode 2 + anode 1 + cell 2 + pack 1 = 6 → K_cov = 0.6.
    expect(k.coverage).toBeCloseTo(0.6, 12);
    // K_red (r=2): cathode 2·½ + anode 1·½ + cell 2·1 + pack 1·½ = 1 + 0.5 + 2 + 0.5 = 4 → 0.4.
    expect(k.redundancy).toBeCloseTo(0.4, 12);
    // feeds with both ends present: cathode→cell, anode→cell, cell→pack = 3 of 6.
    expect(k.link).toBeCloseTo(0.5, 12);
    expect(k.feeds).toEqual({ all: 6, present: 3 });
    // both source-to-sink paths start at an absent source and end at absent ev → 0 of 2.
    expect(k.paths).toEqual({ all: 2, present: 0 });
    expect(k.path).toBe(0);
    // upstream: ore, graphite absent → 0; midstream: all three present, K_red = (1+0.5+2)/5 = 0.7;
    // downstream: pack (1) present, ev (2) absent → cov 1/3, red 0.5/3.
    expect(k.byStage.upstream).toEqual({ coverage: 0, redundancy: 0, segments: 2, present: 0 });
    expect(k.byStage.midstream.coverage).toBe(1);
    expect(k.byStage.midstream.redundancy).toBeCloseTo(0.7, 12);
    expect(k.byStage.downstream.coverage).toBeCloseTo(1 / 3, 12);
    expect(k.byStage.downstream.redundancy).toBeCloseTo(0.5 / 3, 12);
  });

  it('path completeness counts paths by DP: adding ore and ev closes one of the two paths', () => {
    const counts = Array.from(ctx.counts);
    counts[ctx.structure.index.get('ore')!] = 1;
    counts[ctx.structure.index.get('ev')!] = 1;
    const k = completenessFromCounts(ctx.structure, counts);
    expect(k.paths).toEqual({ all: 2, present: 1 });
    expect(k.coverage).toBeCloseTo(0.9, 12);
    // r = 1 makes redundancy equal coverage.
    expect(completenessFromCounts(ctx.structure, counts, { redundancy: 1 }).redundancy).toBeCloseTo(
      0.9,
      12,
    );
  });

  it('local supply ratio by value and count, with inferred edges counted', () => {
    // chain firms of 浙江: A, B, C, D (G holds no segment). Supply into them:
    // E→A 1 (external), A→B 2, D→B 1, G→B 0.5 (inferred, local), B→C 3, A→C 1.
    // total 8.5, local 7.5; edges 6, local 5, inferred 1.
    const lsr = localSupplyRatio(ctx);
    expect(lsr.byValue).toBeCloseTo(7.5 / 8.5, 12);
    expect(lsr.byCount).toBeCloseTo(5 / 6, 12);
    expect(lsr).toMatchObject({ edges: 6, localEdges: 5, inferredEdges: 1 });
  });
});

describe('completenessFigure: one figure alone, bit for bit completenessFromCounts', () => {
  it('agrees on every shipped template for random counts and redundancies', () => {
    const dir = new URL('../../../../datasets/templates/', import.meta.url);
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const url = new URL(file, dir);
      const template = readTemplate({ file, bytes: readFileSync(url) }, new IssueLog())!;
      const structure = chainStructure(template);
      fc.assert(
        fc.property(
          fc.array(fc.integer({ min: 0, max: 5 }), {
            minLength: structure.size,
            maxLength: structure.size,
          }),
          fc.constantFrom(1, 2, 3, 2.5),
          (counts, redundancy) => {
            const all = completenessFromCounts(structure, counts, { redundancy });
            for (const f of ['coverage', 'redundancy', 'link', 'path'] as const) {
              expect(
                Object.is(completenessFigure(structure, counts, f, { redundancy }), all[f]),
              ).toBe(true);
            }
          },
        ),
        { numRuns: 200 },
      );
    }
  });
});
