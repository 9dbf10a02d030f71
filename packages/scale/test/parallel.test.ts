/**
 * The parallel metrics give core's values bit for bit, for any number of workers (the worker
 * scripts are the compiled ones under dist/: build first, as `pnpm test` does).
 */
import { isDeepStrictEqual } from 'node:util';
import { readDataset } from '@chainlens/io/node';
import {
  betweenness,
  buildMetricGraph,
  createRng,
  metricGraphFromArcs,
  pagerank,
  pagerankReverse,
} from '@chainlens/core';
import { describe, expect, it } from 'vitest';
import { betweennessParallel } from '../src/parallel/betweenness.js';
import { pagerankParallel } from '../src/parallel/pagerank.js';

const cn = readDataset(new URL('../../../datasets/cn-listed', import.meta.url).pathname).dataset;

function random(n: number, m: number, seed: number) {
  const rng = createRng(seed);
  const s = Int32Array.from({ length: m }, () => Math.floor(rng() * n));
  const t = Int32Array.from({ length: m }, () => Math.floor(rng() * n));
  const w = Float64Array.from({ length: m }, () => 0.5 + Math.floor(rng() * 10) / 4);
  return metricGraphFromArcs(n, s, t, w);
}

describe('pagerankParallel', () => {
  it('equals core pagerank / pagerankReverse bit for bit, for 1 and 3 workers', async () => {
    const graphs = [
      buildMetricGraph(cn, { types: ['inferred-supply'] }),
      buildMetricGraph(cn, {}, { shared: true }),
      random(3000, 12_000, 3),
      random(5, 0, 1), // no arcs: every node dangling
    ];
    for (const g of graphs) {
      const personalization = Float64Array.from({ length: g.n }, (_, i) => 1 + (i % 3));
      for (const options of [
        { tol: 1e-10, maxIter: 1000 },
        { weighted: false, alpha: 0.7 },
        { personalization, maxIter: 5 },
      ]) {
        const forward = pagerank(g, options);
        const reverse = pagerankReverse(g, options);
        for (const workers of [1, 3]) {
          const a = await pagerankParallel(g, { ...options, workers });
          expect(isDeepStrictEqual(a, forward), `forward, ${workers} workers`).toBe(true);
          const b = await pagerankParallel(g, { ...options, workers, reverse: true });
          expect(isDeepStrictEqual(b, reverse), `reverse, ${workers} workers`).toBe(true);
        }
      }
    }
  });
});

describe('betweennessParallel', () => {
  it('equals core betweenness bit for bit (sampled and exact, directed and not)', async () => {
    const g = buildMetricGraph(cn, { types: ['inferred-supply'] }, { shared: true });
    const small = random(400, 1600, 5);
    for (const [graph, options] of [
      [g, { k: 64, seed: 3 }],
      [g, { k: 40, seed: 1, directed: false }],
      [small, {}],
      [small, { normalized: false, directed: false }],
    ] as const) {
      const expected = betweenness(graph, options);
      for (const workers of [1, 2, 3]) {
        const slices: number[] = [];
        const got = await betweennessParallel(graph, {
          ...options,
          workers,
          onSlice: (done) => slices.push(done),
        });
        expect(isDeepStrictEqual(got, expected), `${workers} workers`).toBe(true);
        expect(slices.at(-1)).toBeGreaterThan(0);
      }
    }
  });
});
