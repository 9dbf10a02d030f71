// The worker-thread betweenness must give exactly (bit for bit) the single-threaded values.
// The CLI runs @chainlens/scale's runner; its workers run the compiled worker under
// packages/scale/dist (the test command builds first).
import { existsSync } from 'node:fs';
import { betweenness, metricGraphFromArcs } from '@chainlens/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { betweennessParallel } from '@chainlens/scale/parallel';

/** A seeded random directed multigraph (LCG), with a few hubs so paths are shared. */
function randomGraph(n: number, m: number, seed: number) {
  let x = seed >>> 0;
  const next = () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 4294967296;
  const s = new Int32Array(m);
  const t = new Int32Array(m);
  for (let i = 0; i < m; i++) {
    s[i] = Math.floor(next() * n);
    t[i] = next() < 0.3 ? Math.floor(next() * 20) : Math.floor(next() * n);
  }
  return metricGraphFromArcs(n, s, t);
}

describe('betweennessParallel', () => {
  beforeAll(() => {
    const worker = new URL('../../scale/dist/parallel/betweenness.worker.js', import.meta.url);
    if (!existsSync(worker)) throw new Error(`${worker.pathname} is missing: run pnpm build first`);
  });

  const graph = randomGraph(2000, 6000, 7);

  it('exact directed betweenness on 2 and 3 workers equals the single-threaded run', async () => {
    const single = betweenness(graph);
    const two = await betweennessParallel(graph, { workers: 2 });
    expect(two).toEqual(single);
    const three = await betweennessParallel(graph, { workers: 3 });
    expect(three.values).toEqual(single.values);
    expect(single.values.some((v) => v > 0)).toBe(true);
  });

  it('sampled undirected betweenness keeps k, seed, sources and values', async () => {
    const options = { k: 500, seed: 11, directed: false, normalized: false };
    const single = betweenness(graph, options);
    let calls = 0;
    const parallel = await betweennessParallel(graph, {
      ...options,
      workers: 2,
      onSlice: () => calls++,
    });
    expect(parallel).toEqual(single);
    expect(parallel.k).toBe(500);
    expect(parallel.seed).toBe(11);
    expect(calls).toBe(16);
  });

  it('runs on the calling thread with one worker, and rejects a bad worker count', async () => {
    expect(await betweennessParallel(graph, { workers: 1, k: 50 })).toEqual(
      betweenness(graph, { k: 50 }),
    );
    await expect(betweennessParallel(graph, { workers: 0 })).rejects.toThrow(RangeError);
  });
});
