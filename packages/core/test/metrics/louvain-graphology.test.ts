/**
 * `louvain` (typed arrays) must give exactly the partition of graphology-communities-louvain
 * run on a graphology graph (`louvainGraphology`, louvain-reference.ts): same labels, modularity, split count) for every seed, resolution and self-loop option: on
 * the NetworkX fixtures, the shipped datasets, random multigraphs with self-loops, and graphs
 * at the sizes where graphology's pointer arrays change width (256 nodes, 128 edges).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { buildMetricGraph, metricGraphFromArcs } from '../../src/graph/snapshot.js';
import { louvain } from '../../src/metrics/louvain.js';
import { createRng } from '../../src/metrics/random.js';
import { louvainGraphology } from './louvain-reference.js';

const FIXTURES = new URL('../fixtures/networkx/', import.meta.url);
const DATASETS = new URL('../../../../datasets/', import.meta.url);

function fixture(file: string): MetricGraph {
  const f = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as {
    n: number;
    arcs?: [number, number, number][];
  };
  const a = f.arcs ?? [];
  return metricGraphFromArcs(
    f.n,
    a.map((x) => x[0]),
    a.map((x) => x[1]),
    a.map((x) => x[2]),
  );
}

/** A random graph: n nodes, m arcs (self-loops and parallel arcs allowed), weights 1–5. */
function random(n: number, m: number, seed: number): MetricGraph {
  const rng = createRng(seed);
  const s: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  for (let k = 0; k < m; k++) {
    s.push(Math.floor(rng() * n));
    t.push(Math.floor(rng() * n));
    w.push(1 + Math.floor(rng() * 5) / 2);
  }
  return metricGraphFromArcs(n, s, t, w);
}

function same(graph: MetricGraph, options: Parameters<typeof louvain>[1], label: string) {
  const a = louvainGraphology(graph, options);
  const b = louvain(graph, options);
  if (!isDeepStrictEqual(a, b)) expect(b, label).toEqual(a);
  expect(isDeepStrictEqual(a, b), label).toBe(true);
  return a;
}

describe('louvain gives graphology-communities-louvain’s partition', () => {
  it('on the NetworkX fixtures, for several seeds and resolutions', () => {
    const files = readdirSync(FIXTURES).filter(
      (f) => f.endsWith('.json') && f !== 'cn-listed.json',
    );
    expect(files.length).toBeGreaterThan(4);
    for (const file of files) {
      const graph = fixture(file);
      for (const seed of [0, 1, 7]) {
        for (const resolution of [1, 0.5, 2]) {
          for (const selfLoops of [false, true]) {
            same(graph, { seed, resolution, selfLoops }, `${file} seed ${seed} γ ${resolution}`);
          }
        }
      }
    }
  });

  it('on cn-listed (inferred supply) and eto-semiconductors (all relations)', () => {
    const cn = readDataset(new URL('cn-listed', DATASETS).pathname).dataset;
    const g = buildMetricGraph(cn, { types: ['inferred-supply'] });
    const result = same(g, { seed: 1 }, 'cn-listed');
    expect(result.count).toBeGreaterThan(10);
    expect(result.modularity).toBeGreaterThan(0.5);
    same(g, { seed: 3, resolution: 1.5 }, 'cn-listed γ 1.5');
    const eto = readDataset(new URL('eto-semiconductors', DATASETS).pathname).dataset;
    same(buildMetricGraph(eto), { seed: 2 }, 'eto');
  });

  it('on random multigraphs with self-loops (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.boolean(),
        fc.constantFrom(0.5, 1, 1.7),
        (n, m, seed, selfLoops, resolution) => {
          same(random(n, m, seed), { seed, selfLoops, resolution }, `n ${n} m ${m}`);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('at the array-width boundaries of graphology (256 nodes; 128 and 32,768 edges)', () => {
    same(random(256, 900, 5), { seed: 1 }, '256 nodes');
    same(random(257, 900, 5), { seed: 1 }, '257 nodes');
    // 128 distinct undirected edges: a ring of 128 nodes.
    const ring = (k: number) =>
      metricGraphFromArcs(
        k,
        Array.from({ length: k }, (_, i) => i),
        Array.from({ length: k }, (_, i) => (i + 1) % k),
      );
    expect(ring(128).edges).toBe(128);
    same(ring(128), { seed: 4 }, 'ring 128');
    expect(ring(32768).edges).toBe(32768);
    same(ring(32768), { seed: 4 }, 'ring 32768');
    same(random(3000, 20_000, 9), { seed: 9 }, '3000 nodes');
  });
});
