/**
 * Betweenness (node and edge, exact and sampled) against the NetworkX 2.8.8 fixtures (to 1e-9),
 * hand-worked cases, and an independent brute-force implementation of the definition
 * c_B(v) = Σ_{s≠v≠t} σ(s,t|v)/σ(s,t) (pair counting, not Brandes' recursion).
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { buildMetricGraph, metricGraphFromArcs } from '../../src/graph/snapshot.js';
import type { RelationType } from '../../src/graph/types.js';
import {
  accumulateBetweenness,
  betweenness,
  betweennessSlices,
  betweennessSources,
  BETWEENNESS_SLICES,
  edgeBetweenness,
} from '../../src/metrics/betweenness.js';

const FIXTURES = new URL('../fixtures/networkx/', import.meta.url);
const DATASETS = new URL('../../../../datasets/', import.meta.url);

interface Fixture {
  name: string;
  n: number;
  arcs?: [number, number, number][];
  dataset?: string;
  nodes?: string[];
  types?: RelationType[];
  results: Record<string, unknown>;
}

interface Loaded {
  fixture: Fixture;
  graph: MetricGraph;
  /** order[u] = index into the fixture's per-node arrays of graph node u. */
  order: Int32Array;
}

function load(file: string): Loaded {
  const fixture = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Fixture;
  if (fixture.arcs) {
    const a = fixture.arcs;
    const graph = metricGraphFromArcs(
      fixture.n,
      a.map((x) => x[0]),
      a.map((x) => x[1]),
      a.map((x) => x[2]),
    );
    return { fixture, graph, order: Int32Array.from({ length: fixture.n }, (_, i) => i) };
  }
  const { dataset } = readDataset(new URL(`${fixture.dataset!}/`, DATASETS).pathname);
  const graph = buildMetricGraph(dataset, fixture.types ? { types: fixture.types } : {});
  const position = new Map(fixture.nodes!.map((id, i) => [id, i]));
  const order = Int32Array.from(graph.companyOf, (c) => position.get(dataset.companies.ids[c]!)!);
  return { fixture, graph, order };
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();
const fixtures = files.map(load);
const withKey = (key: string) =>
  fixtures.filter((f) => f.fixture.results[key] !== undefined).map((f) => [f.fixture.name, f]);

function expectClose({ fixture, order, graph }: Loaded, key: string, actual: ArrayLike<number>) {
  const expected = fixture.results[key] as number[];
  expect(expected.length).toBe(graph.n);
  let worst = 0;
  for (let u = 0; u < graph.n; u++) {
    worst = Math.max(worst, Math.abs(actual[u]! - expected[order[u]!]!));
  }
  expect(worst, `${fixture.name} ${key}`).toBeLessThanOrEqual(1e-9);
}

const arcsGraph = (n: number, arcs: Array<[number, number]>) =>
  metricGraphFromArcs(
    n,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
  );

/** Hop distances and shortest-path counts from s (BFS), for the brute-force reference. */
function paths(g: MetricGraph, directed: boolean, s: number) {
  const adj = directed ? g.out : g.undirected;
  const dist = new Array<number>(g.n).fill(-1);
  const sigma = new Array<number>(g.n).fill(0);
  dist[s] = 0;
  sigma[s] = 1;
  const queue = [s];
  for (let i = 0; i < queue.length; i++) {
    const v = queue[i]!;
    for (let p = adj.offsets[v]!; p < adj.offsets[v + 1]!; p++) {
      const w = adj.nodes[p]!;
      if (dist[w] === -1) {
        dist[w] = dist[v]! + 1;
        queue.push(w);
      }
      if (dist[w] === dist[v]! + 1) sigma[w]! += sigma[v]!;
    }
  }
  return { dist, sigma };
}

/**
 * Unscaled betweenness by definition, summed over ordered pairs (s, t) with s in `sources`:
 * σ(s,t|v) = σ(s,v)·σ(v,t) when d(s,v) + d(v,t) = d(s,t).
 */
function bruteForce(g: MetricGraph, directed: boolean, sources: ArrayLike<number>) {
  const all = Array.from({ length: g.n }, (_, s) => paths(g, directed, s));
  const b = new Array<number>(g.n).fill(0);
  for (const s of Array.from(sources)) {
    for (let t = 0; t < g.n; t++) {
      const dst = all[s]!.dist[t]!;
      if (t === s || dst < 0) continue;
      for (let v = 0; v < g.n; v++) {
        if (v === s || v === t) continue;
        const dsv = all[s]!.dist[v]!;
        const dvt = all[v]!.dist[t]!;
        if (dsv >= 0 && dvt >= 0 && dsv + dvt === dst) {
          b[v]! += (all[s]!.sigma[v]! * all[v]!.sigma[t]!) / all[s]!.sigma[t]!;
        }
      }
    }
  }
  return b;
}

/** Small random multigraphs with self-loops and parallel arcs. */
const multigraphs = fc.integer({ min: 3, max: 12 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
      maxLength: 3 * n,
    }),
  ),
);

describe('betweenness: NetworkX fixtures', () => {
  it('are present', () => {
    expect(withKey('betweenness').length).toBeGreaterThan(0);
  });

  it.each(withKey('betweenness'))('directed and undirected node betweenness (%s)', (_, f) => {
    const l = f as Loaded;
    expectClose(l, 'betweenness', betweenness(l.graph).values);
    expectClose(l, 'betweenness_undirected', betweenness(l.graph, { directed: false }).values);
  });

  it.each(withKey('edge_betweenness'))('directed edge betweenness (%s)', (_, f) => {
    const { fixture, graph, order } = f as Loaded;
    const expected = new Map(
      (fixture.results.edge_betweenness as [number, number, number][]).map(([u, v, x]) => [
        `${u},${v}`,
        x,
      ]),
    );
    const { values } = edgeBetweenness(graph);
    expect(values.length).toBe(expected.size);
    let worst = 0;
    for (let u = 0; u < graph.n; u++) {
      for (let p = graph.out.offsets[u]!; p < graph.out.offsets[u + 1]!; p++) {
        const x = expected.get(`${order[u]!},${order[graph.out.nodes[p]!]!}`);
        expect(x).toBeDefined();
        worst = Math.max(worst, Math.abs(values[p]! - x!));
      }
    }
    expect(worst).toBeLessThanOrEqual(1e-9);
  });
});

describe('betweenness: hand-worked cases', () => {
  it('a directed path 0→1→2→3', () => {
    // Pairs through 1: (0,2), (0,3); through 2: (0,3), (1,3). Normalised by (n−1)(n−2) = 6.
    const g = arcsGraph(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    expect(Array.from(betweenness(g, { normalized: false }).values)).toEqual([0, 2, 2, 0]);
    expect(Array.from(betweenness(g).values)).toEqual([0, 2 / 6, 2 / 6, 0]);
    // Undirected, each unordered pair once: the same counts, normalised by (n−1)(n−2)/2 = 3.
    expect(Array.from(betweenness(g, { directed: false, normalized: false }).values)).toEqual([
      0, 2, 2, 0,
    ]);
    expect(Array.from(betweenness(g, { directed: false }).values)).toEqual([0, 2 / 3, 2 / 3, 0]);
  });

  it('a diamond splits the paths: 0→1→3 and 0→2→3 carry half each', () => {
    // Also a parallel arc and a self-loop, which change nothing.
    const g = arcsGraph(4, [
      [0, 1],
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 3],
    ]);
    expect(Array.from(betweenness(g, { normalized: false }).values)).toEqual([0, 0.5, 0.5, 0]);
    // Edge betweenness: 0→1 lies on (0,1) and half of (0,3): 1.5; 1→3 on (1,3) and half (0,3).
    const e = edgeBetweenness(g, { normalized: false });
    expect(Array.from(g.out.nodes)).toEqual([1, 2, 3, 3, 3]); // 0→1, 0→2, 1→3, 2→3, 3→3
    expect(Array.from(e.values)).toEqual([1.5, 1.5, 1.5, 1.5, 0]);
    // Normalised by n(n−1) = 12.
    expect(Array.from(edgeBetweenness(g).values)).toEqual(
      [1.5, 1.5, 1.5, 1.5, 0].map((x) => x / 12),
    );
  });

  it('undirected edge betweenness is the same at both positions of an edge', () => {
    // Path 0–1–2: edge {0,1} lies on the unordered pairs {0,1}, {0,2}: 2 (NetworkX halves its
    // ordered count 4 when not normalised); normalised: 4 / (n(n−1)) = 4/6.
    const g = arcsGraph(3, [
      [0, 1],
      [2, 1],
    ]);
    expect(Array.from(g.undirected.nodes)).toEqual([1, 0, 2, 1]);
    const raw = edgeBetweenness(g, { directed: false, normalized: false });
    expect(Array.from(raw.values)).toEqual([2, 2, 2, 2]);
    expect(Array.from(edgeBetweenness(g, { directed: false }).values)).toEqual([
      4 / 6,
      4 / 6,
      4 / 6,
      4 / 6,
    ]);
  });

  it('graphs of 0, 1 and 2 nodes', () => {
    expect(betweenness(arcsGraph(0, [])).values.length).toBe(0);
    expect(Array.from(betweenness(arcsGraph(1, [])).values)).toEqual([0]);
    expect(Array.from(betweenness(arcsGraph(2, [[0, 1]])).values)).toEqual([0, 0]);
  });
});

describe('betweenness: sampling', () => {
  const g = fixtures.find((f) => f.fixture.name === 'random-2000')?.graph ?? arcsGraph(3, []);

  it('reports k, seed and sorted distinct sources; same seed, same result', () => {
    const a = betweenness(g, { k: 40, seed: 9 });
    expect(a.k).toBe(40);
    expect(a.seed).toBe(9);
    expect(a.sources.length).toBe(40);
    expect(new Set(a.sources).size).toBe(40);
    for (let i = 1; i < 40; i++) expect(a.sources[i]!).toBeGreaterThan(a.sources[i - 1]!);
    expect(betweenness(g, { k: 40, seed: 9 })).toEqual(a);
    expect(betweenness(g, { k: 40, seed: 10 }).sources).not.toEqual(a.sources);
    const exact = betweenness(g);
    expect(exact.k).toBe(g.n);
    expect(exact.seed).toBeNull();
  });

  it('scales the sum over the k sources by n/k, then normalises as NetworkX', () => {
    const n = g.n;
    const k = 25;
    const r = betweenness(g, { k, seed: 3, directed: false });
    const raw = new Float64Array(n);
    accumulateBetweenness(g, r.sources, raw, { directed: false });
    const scale = (n / k) * (1 / ((n - 1) * (n - 2)));
    for (let v = 0; v < n; v++) expect(r.values[v]).toBeCloseTo(raw[v]! * scale, 12);
    // Unnormalised directed values are n/k times the raw sums.
    const d = betweenness(g, { k, seed: 3, normalized: false });
    const rawD = new Float64Array(n);
    accumulateBetweenness(g, d.sources, rawD);
    for (let v = 0; v < n; v++) expect(d.values[v]).toBeCloseTo((rawD[v]! * n) / k, 9);
  });

  it('rejects k outside 1..n', () => {
    expect(() => betweenness(g, { k: 0 })).toThrow(RangeError);
    expect(() => betweenness(g, { k: g.n + 1 })).toThrow(RangeError);
    expect(() => betweenness(g, { k: 2.5 })).toThrow(RangeError);
  });

  it('slices the sources into at most BETWEENNESS_SLICES contiguous runs', () => {
    expect(betweennessSlices(3)).toEqual([
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const s = betweennessSlices(1000);
    expect(s.length).toBe(BETWEENNESS_SLICES);
    expect(s[0]![0]).toBe(0);
    expect(s.at(-1)![1]).toBe(1000);
    for (let i = 1; i < s.length; i++) expect(s[i]![0]).toBe(s[i - 1]![1]);
    expect(Array.from(betweennessSources(4).sources)).toEqual([0, 1, 2, 3]);
  });
});

describe('betweenness: properties', () => {
  it("a star's leaves have betweenness 0, its centre all of it", () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 30 }), fc.boolean(), (n, outward) => {
        const arcs: Array<[number, number]> = [];
        for (let leaf = 1; leaf < n; leaf++) arcs.push(outward ? [0, leaf] : [leaf, 0]);
        const g = arcsGraph(n, arcs);
        const u = betweenness(g, { directed: false }).values;
        expect(u[0]).toBeCloseTo(1, 12); // every pair of leaves goes through the centre
        for (let leaf = 1; leaf < n; leaf++) expect(u[leaf]).toBe(0);
        // Directed, no path goes through anything: all 0.
        expect(Array.from(betweenness(g).values).every((x) => x === 0)).toBe(true);
      }),
    );
  });

  it('sampled betweenness with k = n equals the exact values (bit for bit)', () => {
    fc.assert(
      fc.property(multigraphs, fc.integer(), fc.boolean(), ([n, arcs], seed, directed) => {
        const g = arcsGraph(n, arcs);
        const sampled = betweenness(g, { k: n, seed, directed });
        const exact = betweenness(g, { directed });
        expect(sampled.values).toEqual(exact.values);
      }),
    );
  });

  it('equals the brute-force pair count, exact and sampled, directed and undirected', () => {
    fc.assert(
      fc.property(
        multigraphs,
        fc.boolean(),
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        ([n, arcs], directed, kk, seed) => {
          const g = arcsGraph(n, arcs);
          const exact = betweenness(g, { directed, normalized: false }).values;
          const half = directed ? 1 : 0.5;
          const all = bruteForce(g, directed, betweennessSources(n).sources);
          for (let v = 0; v < n; v++) expect(exact[v]).toBeCloseTo(all[v]! * half, 9);
          const k = Math.min(kk, n);
          const sampled = betweenness(g, { directed, normalized: false, k, seed });
          const some = bruteForce(g, directed, sampled.sources);
          for (let v = 0; v < n; v++) {
            expect(sampled.values[v]).toBeCloseTo(((some[v]! * n) / k) * half, 9);
          }
        },
      ),
    );
  });

  it('edge betweenness sums to the summed distances of all connected pairs', () => {
    // Every shortest s–t path has d(s,t) arcs, and the path shares of a pair sum to 1 per arc
    // position along the path: Σ_e c(e) = Σ_{s≠t} d(s,t) (unordered pairs when undirected).
    fc.assert(
      fc.property(multigraphs, fc.boolean(), ([n, arcs], directed) => {
        const g = arcsGraph(n, arcs);
        const e = edgeBetweenness(g, { directed, normalized: false }).values;
        let total = 0;
        for (let s = 0; s < n; s++) {
          for (const d of paths(g, directed, s).dist) if (d > 0) total += d;
        }
        let sum = 0;
        for (const x of e) sum += x;
        // Undirected: each edge sits at two positions, and pairs are counted once (½).
        expect(directed ? sum : sum / 2).toBeCloseTo(directed ? total : total / 2, 9);
        if (!directed) {
          const a = g.undirected;
          for (let u = 0; u < n; u++) {
            for (let p = a.offsets[u]!; p < a.offsets[u + 1]!; p++) {
              const v = a.nodes[p]!;
              const q = Array.from(a.nodes.subarray(a.offsets[v]!, a.offsets[v + 1]!)).indexOf(u);
              expect(e[a.offsets[v]! + q]).toBe(e[p]);
            }
          }
        }
      }),
    );
  });
});
