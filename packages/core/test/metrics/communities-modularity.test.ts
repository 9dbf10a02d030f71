/**
 * Modularity against the NetworkX 2.8.8 fixtures (`modularity_partition`: the modularity of
 * NetworkX's Louvain partition on the weighted undirected projection U, to 1e-9), against
 * hand-worked graphs, and property tests (one community ⇒ 0, relabelling, singletons).
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { buildMetricGraph, metricGraphFromArcs } from '../../src/graph/snapshot.js';
import type { RelationType } from '../../src/graph/types.js';
import { modularity } from '../../src/metrics/modularity.js';

const FIXTURES = new URL('../fixtures/networkx/', import.meta.url);
const DATASETS = new URL('../../../../datasets/', import.meta.url);

interface Fixture {
  name: string;
  n: number;
  arcs?: [number, number, number][];
  dataset?: string;
  nodes?: string[];
  types?: RelationType[];
  partition: number[];
  results: Record<string, unknown>;
}

function load(file: string): { fixture: Fixture; graph: MetricGraph; partition: Int32Array } {
  const fixture = JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Fixture;
  if (fixture.arcs) {
    const a = fixture.arcs;
    const graph = metricGraphFromArcs(
      fixture.n,
      a.map((x) => x[0]),
      a.map((x) => x[1]),
      a.map((x) => x[2]),
    );
    return { fixture, graph, partition: Int32Array.from(fixture.partition) };
  }
  const { dataset } = readDataset(new URL(`${fixture.dataset!}/`, DATASETS).pathname);
  const graph = buildMetricGraph(dataset, fixture.types ? { types: fixture.types } : {});
  const position = new Map(fixture.nodes!.map((id, i) => [id, i]));
  const partition = Int32Array.from(
    graph.companyOf,
    (c) => fixture.partition[position.get(dataset.companies.ids[c]!)!]!,
  );
  return { fixture, graph, partition };
}

const files = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** Two triangles {0,1,2} and {3,4,5} joined by the edge 2–3 (weight `bridge`). */
function twoTriangles(bridge = 1, extra: [number, number, number][] = []): MetricGraph {
  const arcs: [number, number, number][] = [
    [0, 1, 1],
    [1, 2, 1],
    [2, 0, 1],
    [3, 4, 1],
    [4, 5, 1],
    [5, 3, 1],
    [2, 3, bridge],
    ...extra,
  ];
  return metricGraphFromArcs(
    6,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
    arcs.map((a) => a[2]),
  );
}
const halves = Int32Array.from([0, 0, 0, 1, 1, 1]);

describe('modularity: NetworkX fixtures', () => {
  it('are present', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s: modularity of the partition = nx.community.modularity(U)', (file) => {
    const { fixture, graph, partition } = load(file);
    const expected = fixture.results.modularity_partition as number;
    expect(Math.abs(modularity(graph, partition) - expected)).toBeLessThanOrEqual(1e-9);
    // One community: 0 (the fixture also checks this on the NetworkX side).
    expect(Math.abs(modularity(graph, new Int32Array(graph.n)))).toBeLessThanOrEqual(1e-12);
  });

  // NetworkX's values for the same partitions with other resolutions, and on U with its
  // self-loops kept (nx.Graph keeps them; our projection moves them to selfLoopWeight):
  //   U = nx.Graph() of the fixture arcs, weights summed; comms from d['partition'];
  //   nx.community.modularity(U, comms, weight='weight', resolution=γ)
  //   before / after U.remove_edges_from(list(nx.selfloop_edges(U))).
  const reference: Record<string, { loops: number; half: number; double: number }> = {
    'multi-selfloop.json': {
      loops: 0.2761139517896275,
      half: 0.4637188208616779,
      double: -0.2879818594104309,
    },
    'random-2000.json': {
      loops: 0.36978178641188053,
      half: 0.39371171814324973,
      double: 0.3190843464249761,
    },
  };
  it.each(Object.keys(reference))('%s: resolution and self-loops as NetworkX', (file) => {
    const { graph, partition } = load(file);
    const r = reference[file]!;
    expect(modularity(graph, partition, { resolution: 0.5 })).toBeCloseTo(r.half, 12);
    expect(modularity(graph, partition, { resolution: 2 })).toBeCloseTo(r.double, 12);
    expect(modularity(graph, partition, { selfLoops: true })).toBeCloseTo(r.loops, 12);
  });
});

describe('modularity: hand-worked', () => {
  it('two triangles joined by an edge', () => {
    // m = 7; each half: L_c = 3, K_c = 2·3 + 1 = 7 ⇒ Q = 2·(3/7 − (7/14)²) = 5/14.
    expect(modularity(twoTriangles(), halves)).toBeCloseTo(5 / 14, 15);
    // γ = 2: 6/7 − 2·(1/4 + 1/4) = −1/7.
    expect(modularity(twoTriangles(), halves, { resolution: 2 })).toBeCloseTo(-1 / 7, 15);
    // Bridge of weight 3: m = 9, K_c = 9 ⇒ Q = 6/9 − 2·(9/18)² = 1/6.
    expect(modularity(twoTriangles(3), halves)).toBeCloseTo(1 / 6, 15);
  });

  it('merges opposite and parallel arcs and ignores self-loops by default', () => {
    // 0→1 and 1→0 become one edge of weight 2 (plus the triangle's own 0→1 of weight 1); a
    // self-loop of weight 2 on 0 is left out unless selfLoops is set.
    const g = twoTriangles(1, [[0, 0, 2]]);
    expect(modularity(g, halves)).toBeCloseTo(5 / 14, 15);
    // With the loop: m = 9, L_A = 3 + 2, K_A = 7 + 2·2 = 11, K_B = 7 ⇒
    // Q = 8/9 − (11/18)² − (7/18)² = 118/324.
    expect(modularity(g, halves, { selfLoops: true })).toBeCloseTo(118 / 324, 15);
    const doubled = twoTriangles(1, [[1, 0, 1]]);
    // m = 8, L_A = 4, K_A = 9, K_B = 7 ⇒ Q = 4/8 + 3/8 − (9/16)² − (7/16)² = 0.875 − 130/256.
    expect(modularity(doubled, halves)).toBeCloseTo(0.875 - 130 / 256, 15);
  });

  it('is NaN without edges, and checks the partition length', () => {
    const g = metricGraphFromArcs(3, [], []);
    expect(modularity(g, new Int32Array(3))).toBeNaN();
    expect(() => modularity(g, new Int32Array(2))).toThrow(/3 nodes/);
    expect(() => modularity(g, [0, 0.5, 1])).toThrow(/integer/);
  });
});

const arbGraph = fc.integer({ min: 2, max: 25 }).chain((n) =>
  fc.record({
    n: fc.constant(n),
    arcs: fc.array(
      fc.tuple(
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 0, max: n - 1 }),
        fc.integer({ min: 1, max: 9 }),
      ),
      { minLength: 1, maxLength: 80 },
    ),
    labels: fc.array(fc.integer({ min: -3, max: 4 }), { minLength: n, maxLength: n }),
  }),
);

function graphOf(n: number, arcs: [number, number, number][]): MetricGraph {
  return metricGraphFromArcs(
    n,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
    arcs.map((a) => a[2]),
  );
}

describe('modularity: properties', () => {
  it('one community ⇒ 0; relabelling changes nothing; singletons ⇒ −γ Σ (k/2m)²', () => {
    fc.assert(
      fc.property(arbGraph, fc.double({ min: 0.1, max: 3, noNaN: true }), (c, gamma) => {
        const g = graphOf(c.n, c.arcs);
        if (g.edges === 0) return;
        const one = modularity(g, new Int32Array(g.n).fill(7), { resolution: 1 });
        expect(Math.abs(one)).toBeLessThan(1e-12);
        const q = modularity(g, c.labels, { resolution: gamma });
        const relabelled = c.labels.map((l) => 1000 - 3 * l);
        expect(modularity(g, relabelled, { resolution: gamma })).toBeCloseTo(q, 12);
        expect(q).toBeLessThanOrEqual(1);
        let twoM = 0;
        const k = new Float64Array(g.n);
        for (let v = 0; v < g.n; v++) {
          for (let p = g.undirected.offsets[v]!; p < g.undirected.offsets[v + 1]!; p++) {
            k[v]! += g.undirected.weights[p]!;
          }
          twoM += k[v]!;
        }
        let expected = 0;
        for (const kv of k) expected -= gamma * (kv / twoM) ** 2;
        const singletons = Int32Array.from({ length: g.n }, (_, v) => v);
        expect(modularity(g, singletons, { resolution: gamma })).toBeCloseTo(expected, 12);
      }),
      { numRuns: 200 },
    );
  });
});
