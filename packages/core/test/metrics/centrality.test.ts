/**
 * Centralities (degree, PageRank, HITS, eigenvector, closeness / harmonic, k-core) against the
 * NetworkX 2.8.8 reference fixtures (every fixture file that has the key, to 1e-9), and against
 * small cases worked by hand. Property tests are in centrality-properties.test.ts.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { buildMetricGraph, metricGraphFromArcs } from '../../src/graph/snapshot.js';
import type { RelationType } from '../../src/graph/types.js';
import { closenessCentrality } from '../../src/metrics/closeness.js';
import { degree } from '../../src/metrics/degree.js';
import { eigenvectorCentrality } from '../../src/metrics/eigenvector.js';
import { hits } from '../../src/metrics/hits.js';
import { coreNumber } from '../../src/metrics/kcore.js';
import { pagerank, pagerankReverse } from '../../src/metrics/pagerank.js';

const FIXTURES = new URL('../fixtures/networkx/', import.meta.url);
const DATASETS = new URL('../../../../datasets/', import.meta.url);

interface Fixture {
  name: string;
  n: number;
  arcs?: [number, number, number][];
  dataset?: string;
  nodes?: string[];
  types?: RelationType[];
  personalization?: Record<string, number>;
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

const files = (() => {
  try {
    return readdirSync(FIXTURES)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch {
    return [];
  }
})();
const fixtures = files.map(load);
const withKey = (key: string) =>
  fixtures.filter((f) => f.fixture.results[key] !== undefined).map((f) => [f.fixture.name, f]);

/** Compares a per-node result with the fixture's values (absolute difference ≤ tol). */
function expectClose(
  { fixture, order, graph }: Loaded,
  key: string,
  actual: ArrayLike<number>,
  tol = 1e-9,
) {
  const expected = fixture.results[key] as number[];
  expect(expected.length).toBe(graph.n);
  let worst = 0;
  let at = -1;
  for (let u = 0; u < graph.n; u++) {
    const d = Math.abs(actual[u]! - expected[order[u]!]!);
    if (!(d <= worst)) {
      worst = d;
      at = u;
    }
  }
  expect(worst, `${fixture.name} ${key}: worst at node ${at}`).toBeLessThanOrEqual(tol);
}

/** The personalisation vector of a fixture, in graph order. */
function personalization({ fixture, order, graph }: Loaded): Float64Array {
  const p = new Float64Array(graph.n);
  for (let u = 0; u < graph.n; u++) p[u] = fixture.personalization?.[String(order[u])] ?? 0;
  return p;
}

const tight = { tol: 1e-15, maxIter: 100_000 };

describe('NetworkX fixtures', () => {
  it('are present', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(withKey('degree_in'))('degree (%s)', (_, f) => {
    const l = f as Loaded;
    const d = degree(l.graph);
    expectClose(l, 'degree_in', d.in, 0);
    expectClose(l, 'degree_out', d.out, 0);
    if (l.fixture.results.strength_in) {
      expectClose(l, 'strength_in', d.strengthIn);
      expectClose(l, 'strength_out', d.strengthOut);
    }
  });

  it.each(withKey('pagerank'))('pagerank (%s)', (_, f) => {
    const r = pagerank((f as Loaded).graph, tight);
    expect(r.converged).toBe(true);
    expectClose(f as Loaded, 'pagerank', r.scores);
  });

  it.each(withKey('pagerank_unweighted'))('pagerank unweighted (%s)', (_, f) => {
    const r = pagerank((f as Loaded).graph, { ...tight, weighted: false });
    expectClose(f as Loaded, 'pagerank_unweighted', r.scores);
  });

  it.each(withKey('pagerank_reverse'))('reverse pagerank (%s)', (_, f) => {
    const r = pagerankReverse((f as Loaded).graph, tight);
    expectClose(f as Loaded, 'pagerank_reverse', r.scores);
  });

  it.each(withKey('pagerank_personalized'))('personalised pagerank (%s)', (_, f) => {
    const l = f as Loaded;
    const r = pagerank(l.graph, { ...tight, personalization: personalization(l) });
    expectClose(l, 'pagerank_personalized', r.scores);
  });

  it.each(withKey('hits_hub'))('hits (%s)', (_, f) => {
    // Where the leading singular value is not simple (path.json), the fixture holds NetworkX's
    // power iteration from the uniform hub vector, whose limit is the projection of Aᵀ·1 on the
    // leading eigenspace: the vector our Lanczos iteration, started from Aᵀ·1, also finds.
    const l = f as Loaded;
    const r = hits(l.graph, { tol: 1e-13, maxIter: 20_000 });
    expect(r.converged).toBe(true);
    expectClose(l, 'hits_hub', r.hubs);
    expectClose(l, 'hits_authority', r.authorities);
  });

  it.each(withKey('eigenvector'))('eigenvector (%s)', (_, f) => {
    const l = f as Loaded;
    const expected = l.fixture.results.eigenvector;
    const r = eigenvectorCentrality(l.graph, { tol: 1e-15, maxIter: 100_000 });
    if (expected === null) {
      // NetworkX did not converge within its budget; with the defaults neither do we.
      expect(eigenvectorCentrality(l.graph).converged).toBe(false);
    } else {
      expect(r.converged).toBe(true);
      expectClose(l, 'eigenvector', r.scores);
    }
  });

  it.each(withKey('closeness'))('closeness and harmonic (%s)', (_, f) => {
    const l = f as Loaded;
    const r = closenessCentrality(l.graph);
    expectClose(l, 'closeness', r.closeness);
    if (l.fixture.results.harmonic) expectClose(l, 'harmonic', r.harmonic);
  });

  it.each(withKey('core_number'))('core number (%s)', (_, f) => {
    const l = f as Loaded;
    expectClose(l, 'core_number', coreNumber(l.graph), 0);
  });
});

/** Snapshot of a multigraph given as [source, target, weight?] triples. */
function graphOf(n: number, arcs: [number, number, number?][]): MetricGraph {
  return metricGraphFromArcs(
    n,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
    arcs.map((a) => a[2] ?? 1),
  );
}

describe('hand-checked cases', () => {
  it('degree: simple, weighted and relation counts differ as documented', () => {
    // Arcs: 0→1 twice (weights 2 and 3), 1→0 once (1), a self-loop 2→2 (4), 0→2 (1).
    const d = degree(
      graphOf(3, [
        [0, 1, 2],
        [0, 1, 3],
        [1, 0, 1],
        [2, 2, 4],
        [0, 2, 1],
      ]),
    );
    // Node 0: out-neighbours {1, 2}, in-neighbour {1} → total 3 (the two-way pair counts twice).
    expect(Array.from(d.out)).toEqual([2, 1, 1]);
    expect(Array.from(d.in)).toEqual([1, 1, 2]);
    expect(Array.from(d.total)).toEqual([3, 2, 3]);
    // Strength: node 0 sends 2+3+1 = 6 and receives 1; node 2 receives 1 + 4 (its loop).
    expect(Array.from(d.strengthOut)).toEqual([6, 1, 4]);
    expect(Array.from(d.strengthIn)).toEqual([1, 5, 5]);
    expect(Array.from(d.strengthTotal)).toEqual([7, 6, 9]);
    // Relations: node 0 has three outgoing relations (two parallel to 1, one to 2).
    expect(Array.from(d.relationsOut)).toEqual([3, 1, 1]);
    expect(Array.from(d.relationsIn)).toEqual([1, 2, 2]);
    expect(Array.from(d.relationsTotal)).toEqual([4, 3, 3]);
    // Undirected partners, self excluded: 0–1, 0–2.
    expect(Array.from(d.neighbours)).toEqual([2, 1, 1]);
  });

  it('pagerank of a 2-cycle plus a dangling node', () => {
    // 0 ⇄ 1, 1 → 2, 2 dangling. Stationary equations with α = 0.85, n = 3, uniform teleport
    // and the dangling mass x2 spread uniformly (t = (1−α)/3 + α·x2/3 for everyone):
    //   x0 = t + α·x1/2,  x1 = t + α·x0,  x2 = t + α·x1/2.
    // So x0 = x2, and with x0 + x1 + x2 = 1: x1 = t + α·x0, x0 = t + α·x1/2, t = (0.15 + 0.85·x0)/3.
    // Solve: from x0 = t + 0.425·x1 and x1 = t + 0.85·x0 → x1 = 1 − 2·x0,
    //   x0 = (0.15 + 0.85 x0)/3 + 0.425 (1 − 2 x0) → x0 (1 − 0.85/3 + 0.85) = 0.05 + 0.425
    //   → x0 = 0.475 / 1.5666… = 0.30319148936…, x1 = 0.39361702127…
    const r = pagerank(
      graphOf(3, [
        [0, 1],
        [1, 0],
        [1, 2],
      ]),
      { tol: 1e-15, maxIter: 1000 },
    );
    const x0 = 0.475 / (1 - 0.85 / 3 + 0.85);
    expect(r.scores[0]).toBeCloseTo(x0, 12);
    expect(r.scores[2]).toBeCloseTo(x0, 12);
    expect(r.scores[1]).toBeCloseTo(1 - 2 * x0, 12);
    expect(r.converged).toBe(true);
  });

  it('pagerank reports non-convergence instead of throwing', () => {
    const g = graphOf(3, [
      [0, 1],
      [1, 2],
      [2, 0],
      [0, 2],
    ]);
    const r = pagerank(g, { maxIter: 2, tol: 1e-15 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(2);
    expect(r.error).toBeGreaterThan(3e-15);
  });

  it('personalised pagerank teleports only to the personalised nodes', () => {
    // 0 → 1, 2 isolated (dangling), personalisation on node 0 only: the dangling mass of 1 and 2
    // also goes to 0, so node 2 never receives anything.
    const g = graphOf(3, [[0, 1]]);
    const r = pagerank(g, { personalization: [1, 0, 0], tol: 1e-15, maxIter: 1000 });
    expect(r.scores[2]).toBe(0);
    // x0 = 0.15 + 0.85·(x1 + x2) = 0.15 + 0.85·x1, x1 = 0.85·x0 → x0 = 0.15 / (1 − 0.7225).
    expect(r.scores[0]).toBeCloseTo(0.15 / (1 - 0.85 * 0.85), 12);
    expect(() => pagerank(g, { personalization: [0, 0, 0] })).toThrow(RangeError);
  });

  it('hits of a weighted star: the centre is the only hub', () => {
    // 0 → 1 (weight 1), 0 → 2 (weight 3): A·Aᵀ has a single non-zero entry (hub 0), and the
    // authorities are proportional to the weights: a = (0, 1/4, 3/4).
    const r = hits(
      graphOf(3, [
        [0, 1, 1],
        [0, 2, 3],
      ]),
    );
    expect(Array.from(r.hubs)).toEqual([1, 0, 0]);
    expect(r.authorities[1]).toBeCloseTo(0.25, 15);
    expect(r.authorities[2]).toBeCloseTo(0.75, 15);
    const u = hits(
      graphOf(3, [
        [0, 1, 1],
        [0, 2, 3],
      ]),
      { weighted: false },
    );
    expect(u.authorities[1]).toBeCloseTo(0.5, 15);
  });

  it('hits reports non-convergence instead of throwing', () => {
    // A 5-cycle with a chord and unequal weights: one product with AᵀA cannot reach tol 1e-15.
    const g = graphOf(5, [
      [0, 1, 1],
      [1, 2, 2],
      [2, 3, 3],
      [3, 4, 4],
      [4, 0, 5],
      [0, 3, 1],
    ]);
    const r = hits(g, { maxIter: 1, tol: 1e-15 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(1);
    expect(r.error).toBeGreaterThan(1e-15);
    expect(hits(g).converged).toBe(true);
  });

  it('eigenvector centrality of an undirected triangle is uniform', () => {
    // Every node of K3 has the same score; L2 norm 1 → 1/√3 each.
    const g = graphOf(3, [
      [0, 1],
      [1, 2],
      [2, 0],
      [1, 0],
      [2, 1],
      [0, 2],
    ]);
    const r = eigenvectorCentrality(g);
    for (const x of r.scores) expect(x).toBeCloseTo(1 / Math.sqrt(3), 6);
    expect(r.converged).toBe(true);
    expect(eigenvectorCentrality(g, { direction: 'undirected', tol: 1e-15 }).scores[0]).toBeCloseTo(
      1 / Math.sqrt(3),
      12,
    );
  });

  it('eigenvector centrality reports non-convergence', () => {
    const g = graphOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 0],
      [0, 2],
    ]);
    const r = eigenvectorCentrality(g, { maxIter: 3, tol: 1e-15 });
    expect(r.converged).toBe(false);
    expect(r.iterations).toBe(3);
  });

  it('closeness and harmonic on a directed path use incoming distances', () => {
    // 0 → 1 → 2 → 3. Node 3 is reached by 2 (d 1), 1 (d 2), 0 (d 3): r = 4, Σd = 6,
    //   closeness = 3/6 · 3/3 = 0.5, harmonic = 1 + 1/2 + 1/3.
    // Node 1 is reached by 0 only: r = 2, closeness = 1/1 · 1/3, harmonic = 1. Node 0: 0.
    const g = graphOf(4, [
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
    const r = closenessCentrality(g);
    expect(Array.from(r.closeness)).toEqual([0, 1 / 3, (2 / 3) * (2 / 3), 0.5]);
    expect(Array.from(r.harmonic)).toEqual([0, 1, 1.5, 1 + 0.5 + 1 / 3]);
    // Outgoing distances mirror it; without the Wasserman–Faust factor node 1 scores 1.
    expect(closenessCentrality(g, { direction: 'out' }).closeness[0]).toBe(0.5);
    expect(closenessCentrality(g, { wfImproved: false }).closeness[1]).toBe(1);
    // A slice computes only its nodes, with the same values.
    const slice = closenessCentrality(g, { start: 2, end: 4 });
    expect(Array.from(slice.closeness)).toEqual([0, 0, (2 / 3) * (2 / 3), 0.5]);
    expect(() => closenessCentrality(g, { start: 3, end: 2 })).toThrow(RangeError);
  });

  it('core numbers: a triangle with a pendant and a parallel / opposite pair', () => {
    // Triangle 0-1-2 (given as arcs in both directions and a parallel arc), pendant 3 on 0,
    // isolated 4 with a self-loop (ignored). Cores: triangle 2, pendant 1, isolated 0.
    const g = graphOf(5, [
      [0, 1],
      [1, 0],
      [1, 2],
      [1, 2],
      [2, 0],
      [3, 0],
      [4, 4],
    ]);
    expect(Array.from(coreNumber(g))).toEqual([2, 2, 2, 1, 0]);
  });
});
