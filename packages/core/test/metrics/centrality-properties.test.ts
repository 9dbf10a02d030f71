/**
 * Property tests of the centralities on random multigraphs (parallel arcs, opposite arcs,
 * self-loops, isolated and dangling nodes), and of the seeded PRNG they share with other metrics.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { metricGraphFromArcs } from '../../src/graph/snapshot.js';
import { closenessCentrality } from '../../src/metrics/closeness.js';
import { degree } from '../../src/metrics/degree.js';
import { eigenvectorCentrality } from '../../src/metrics/eigenvector.js';
import { hits } from '../../src/metrics/hits.js';
import { coreNumber } from '../../src/metrics/kcore.js';
import { pagerank, pagerankReverse } from '../../src/metrics/pagerank.js';
import { createRng, sampleWithoutReplacement } from '../../src/metrics/random.js';

type Arc = [number, number, number];

const multigraphs = fc
  .integer({ min: 1, max: 25 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 1, max: 9 }),
        ),
        { maxLength: 80 },
      ),
    ),
  );

const build = (n: number, arcs: Arc[]) =>
  metricGraphFromArcs(
    n,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
    arcs.map((a) => a[2]),
  );

const sum = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0);

describe('PageRank', () => {
  it('sums to 1 and is positive, weighted, unweighted and personalised', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = build(n, arcs);
        for (const r of [
          pagerank(g),
          pagerank(g, { weighted: false, alpha: 0.5 }),
          pagerankReverse(g),
        ]) {
          expect(Math.abs(sum(r.scores) - 1)).toBeLessThan(1e-12);
          for (const x of r.scores) expect(x).toBeGreaterThan(0);
        }
        const p = Array.from({ length: n }, (_, i) => i % 2);
        if (sum(p) > 0) {
          const r = pagerank(g, { personalization: p });
          expect(Math.abs(sum(r.scores) - 1)).toBeLessThan(1e-12);
        }
      }),
    );
  });

  it('reverse PageRank of G is PageRank of the transposed graph', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = build(n, arcs);
        const t = build(
          n,
          arcs.map(([s, d, w]) => [d, s, w]),
        );
        expect(pagerankReverse(g).scores).toEqual(pagerank(t).scores);
        expect(pagerankReverse(t, { weighted: false }).scores).toEqual(
          pagerank(g, { weighted: false }).scores,
        );
      }),
    );
  });

  it('is the fixed point of the Google matrix (checked densely)', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = build(n, arcs);
        const x = pagerank(g, { tol: 1e-15, maxIter: 10_000 }).scores;
        // Dense x·G with G = α(P + d·1ᵀ/n) + (1−α)/n.
        const out = new Float64Array(n);
        for (const [s, , w] of arcs) out[s]! += w;
        const y = new Float64Array(n).fill(0);
        let dangling = 0;
        for (let u = 0; u < n; u++) if (out[u] === 0) dangling += x[u]!;
        for (const [s, t, w] of arcs) y[t]! += (0.85 * x[s]! * w) / out[s]!;
        for (let v = 0; v < n; v++) {
          const expected = y[v]! + (0.85 * dangling) / n + 0.15 / n;
          expect(Math.abs(x[v]! - expected)).toBeLessThan(1e-12);
        }
      }),
    );
  });
});

describe('HITS', () => {
  it('hubs and authorities are non-negative and each sums to 1 (or are all 0)', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const r = hits(build(n, arcs));
        for (const v of [r.hubs, r.authorities]) {
          for (const x of v) expect(x).toBeGreaterThanOrEqual(0);
          if (arcs.length > 0) expect(Math.abs(sum(v) - 1)).toBeLessThan(1e-12);
          else expect(sum(v)).toBe(0);
        }
      }),
    );
  });
});

describe('eigenvector centrality', () => {
  it('has Euclidean norm 1 and is non-negative', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const r = eigenvectorCentrality(build(n, arcs));
        let s = 0;
        for (const x of r.scores) {
          expect(x).toBeGreaterThanOrEqual(0);
          s += x * x;
        }
        expect(Math.abs(Math.sqrt(s) - 1)).toBeLessThan(1e-12);
      }),
    );
  });
});

describe('degree', () => {
  it('sums to the number of distinct arcs, of relations and to the total weight', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = build(n, arcs);
        const d = degree(g);
        expect(sum(d.in)).toBe(g.arcs);
        expect(sum(d.out)).toBe(g.arcs);
        expect(sum(d.relationsOut)).toBe(arcs.length);
        expect(sum(d.relationsIn)).toBe(arcs.length);
        const w = sum(arcs.map((a) => a[2]));
        expect(sum(d.strengthIn)).toBe(w);
        expect(sum(d.strengthOut)).toBe(w);
        expect(sum(d.neighbours)).toBe(2 * g.edges);
      }),
    );
  });
});

/** Core numbers by repeatedly deleting a node of minimum remaining degree (O(n²)). */
function naiveCores(g: MetricGraph): number[] {
  const { n } = g;
  const deg = Array.from(
    { length: n },
    (_, u) => g.undirected.offsets[u + 1]! - g.undirected.offsets[u]!,
  );
  const gone = new Array<boolean>(n).fill(false);
  const core = new Array<number>(n).fill(0);
  let k = 0;
  for (let step = 0; step < n; step++) {
    let best = -1;
    for (let u = 0; u < n; u++) if (!gone[u] && (best < 0 || deg[u]! < deg[best]!)) best = u;
    k = Math.max(k, deg[best]!);
    core[best] = k;
    gone[best] = true;
    for (let p = g.undirected.offsets[best]!; p < g.undirected.offsets[best + 1]!; p++) {
      const v = g.undirected.nodes[p]!;
      if (!gone[v]) deg[v]!--;
    }
  }
  return core;
}

describe('k-core', () => {
  it('equals naive peeling and never exceeds the degree', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = build(n, arcs);
        const core = coreNumber(g);
        const d = degree(g);
        for (let u = 0; u < n; u++) expect(core[u]).toBeLessThanOrEqual(d.neighbours[u]!);
        expect(Array.from(core)).toEqual(naiveCores(g));
      }),
    );
  });
});

describe('closeness and harmonic', () => {
  it("a star's centre has the highest closeness and harmonic centrality", () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 30 }), fc.boolean(), (leaves, inward) => {
        // Leaves point at the centre (incoming distances reach it) or the star is two-way.
        const arcs: Arc[] = [];
        for (let i = 1; i <= leaves; i++) {
          arcs.push([i, 0, 1]);
          if (!inward) arcs.push([0, i, 1]);
        }
        const r = closenessCentrality(build(leaves + 1, arcs));
        expect(r.closeness[0]).toBe(1);
        expect(r.harmonic[0]).toBe(leaves);
        for (let i = 1; i <= leaves; i++) {
          expect(r.closeness[i]).toBeLessThan(r.closeness[0]!);
          expect(r.harmonic[i]).toBeLessThan(r.harmonic[0]!);
        }
      }),
    );
  });

  it('slices give exactly the values of the full run', () => {
    fc.assert(
      fc.property(multigraphs, fc.nat(), ([n, arcs], cut) => {
        const g = build(n, arcs);
        const mid = cut % (n + 1);
        for (const direction of ['in', 'out', 'undirected'] as const) {
          const full = closenessCentrality(g, { direction });
          const a = closenessCentrality(g, { direction, end: mid });
          const b = closenessCentrality(g, { direction, start: mid });
          for (let u = 0; u < n; u++) {
            const part = u < mid ? a : b;
            expect(part.closeness[u]).toBe(full.closeness[u]);
            expect(part.harmonic[u]).toBe(full.harmonic[u]);
          }
        }
      }),
    );
  });
});

describe('seeded PRNG (random.ts)', () => {
  it('is reproducible, in [0, 1), and pinned (other metrics rely on the sequence)', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    for (const x of xs) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
    // mulberry32(42), first output, computed independently with Python integer arithmetic.
    expect(xs[0]).toBe(0.6011037519201636);
    expect(createRng(43)()).not.toBe(xs[0]);
    // Roughly uniform: mean of 1000 draws within 0.05 of 1/2.
    expect(Math.abs(sum(xs) / 1000 - 0.5)).toBeLessThan(0.05);
  });

  it('samples k distinct values of 0..n-1, all of them when k = n', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 200 }), fc.nat(), fc.nat(), (n, kk, seed) => {
        const k = kk % (n + 1);
        const s = sampleWithoutReplacement(n, k, createRng(seed));
        expect(s.length).toBe(k);
        expect(new Set(s).size).toBe(k);
        for (const x of s) {
          expect(x).toBeGreaterThanOrEqual(0);
          expect(x).toBeLessThan(n);
        }
        expect(Array.from(sampleWithoutReplacement(n, k, createRng(seed)))).toEqual(Array.from(s));
      }),
    );
    expect(() => sampleWithoutReplacement(3, 4, createRng(1))).toThrow(RangeError);
  });

  it('samples uniformly (each value about k/n of the time)', () => {
    const rng = createRng(7);
    const hits = new Array<number>(10).fill(0);
    for (let t = 0; t < 5000; t++) for (const x of sampleWithoutReplacement(10, 3, rng)) hits[x]!++;
    // Expected 1500 each; binomial sd ≈ 32, allow 5 sd.
    for (const h of hits) expect(Math.abs(h - 1500)).toBeLessThan(160);
  });
});
