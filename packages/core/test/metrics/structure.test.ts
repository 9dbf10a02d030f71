/**
 * Structure: weakly / strongly connected components, articulation points and bridges, against
 * the NetworkX 2.8.8 fixtures, hand-worked multiplicity cases, brute force on small random
 * multigraphs, and graphs deep enough to overflow a recursive implementation.
 */
import { readFileSync, readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import type { MetricGraph } from '../../src/graph/snapshot.js';
import { buildMetricGraph, metricGraphFromArcs } from '../../src/graph/snapshot.js';
import type { RelationType } from '../../src/graph/types.js';
import type { ComponentsResult } from '../../src/metrics/components.js';
import {
  componentLists,
  stronglyConnectedComponents,
  weaklyConnectedComponents,
} from '../../src/metrics/components.js';
import { cutPoints } from '../../src/metrics/cutpoints.js';
import { edgeBetweenness } from '../../src/metrics/betweenness.js';

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

const arcsGraph = (n: number, arcs: ReadonlyArray<readonly [number, number]>) =>
  metricGraphFromArcs(
    n,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
  );

/** Components in the fixture's numbering and format: sorted lists of sorted node lists. */
function asFixtureLists(r: ComponentsResult, order: Int32Array): number[][] {
  return componentLists(r)
    .map((c) => Array.from(c, (u) => order[u]!).sort((a, b) => a - b))
    .sort((a, b) => a[0]! - b[0]!);
}

/** Number of connected components of the undirected multigraph `edges` over `alive` nodes. */
function countComponents(n: number, edges: Array<[number, number]>, alive: (u: number) => boolean) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (const [u, v] of edges) if (alive(u) && alive(v)) parent[find(u)] = find(v);
  let count = 0;
  for (let u = 0; u < n; u++) if (alive(u) && find(u) === u) count++;
  return count;
}

/** reach[s][t]: t reachable from s along arcs (BFS from every node). */
function reachability(g: MetricGraph): boolean[][] {
  return Array.from({ length: g.n }, (_, s) => {
    const seen = new Array<boolean>(g.n).fill(false);
    seen[s] = true;
    const queue = [s];
    for (let i = 0; i < queue.length; i++) {
      const v = queue[i]!;
      for (let p = g.out.offsets[v]!; p < g.out.offsets[v + 1]!; p++) {
        const w = g.out.nodes[p]!;
        if (!seen[w]) {
          seen[w] = true;
          queue.push(w);
        }
      }
    }
    return seen;
  });
}

/** Small random multigraphs with self-loops, parallel and opposite arcs. */
const multigraphs = fc.integer({ min: 1, max: 12 }).chain((n) =>
  fc.tuple(
    fc.constant(n),
    fc.array(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), {
      maxLength: 2 * n,
    }),
  ),
);

describe('structure: NetworkX fixtures', () => {
  it('are present', () => {
    expect(withKey('wcc').length).toBeGreaterThan(0);
  });

  it.each(withKey('wcc'))('weakly and strongly connected components (%s)', (_, f) => {
    const { fixture, graph, order } = f as Loaded;
    expect(asFixtureLists(weaklyConnectedComponents(graph), order)).toEqual(fixture.results.wcc);
    expect(asFixtureLists(stronglyConnectedComponents(graph), order)).toEqual(fixture.results.scc);
  });

  it.each(withKey('articulation_points'))('articulation points and bridges (%s)', (_, f) => {
    const { fixture, graph, order } = f as Loaded;
    const r = cutPoints(graph);
    const points = Array.from(r.articulationPoints, (u) => order[u]!).sort((a, b) => a - b);
    expect(points).toEqual(fixture.results.articulation_points);
    const bridges = Array.from(r.bridgeSources, (u, i) => {
      const a = order[u]!;
      const b = order[r.bridgeTargets[i]!]!;
      return a < b ? [a, b] : [b, a];
    }).sort((x, y) => x[0]! - y[0]! || x[1]! - y[1]!);
    expect(bridges).toEqual(fixture.results.bridges);
  });
});

describe('structure: hand-worked cases', () => {
  it('numbers components by their smallest node and reports sizes and the largest', () => {
    // 3→4→3 is a cycle; 0→1, 2 alone, 1→3 joins {0,1} to {3,4} weakly.
    const g = arcsGraph(5, [
      [3, 4],
      [4, 3],
      [0, 1],
      [1, 3],
    ]);
    const w = weaklyConnectedComponents(g);
    expect(Array.from(w.component)).toEqual([0, 0, 1, 0, 0]);
    expect(Array.from(w.sizes)).toEqual([4, 1]);
    expect(w.largest).toBe(0);
    const s = stronglyConnectedComponents(g);
    expect(Array.from(s.component)).toEqual([0, 1, 2, 3, 3]);
    expect(Array.from(s.sizes)).toEqual([1, 1, 1, 2]);
    expect(s.count).toBe(4);
    expect(s.largest).toBe(3);
  });

  it('a pair of parallel edges, or of opposite arcs, is not a bridge; a single arc is', () => {
    // Path 0 – 1 – 2 – 3 where 0→1 is doubled (parallel), 1→2 and 2→1 (opposite), 2→3 single.
    const g = arcsGraph(4, [
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 1],
      [2, 3],
    ]);
    const r = cutPoints(g);
    expect(Array.from(r.bridgeSources)).toEqual([2]);
    expect(Array.from(r.bridgeTargets)).toEqual([3]);
    // Positions in the undirected adjacency: 0:[1] 1:[0,2] 2:[1,3] 3:[2].
    expect(Array.from(r.isBridge)).toEqual([0, 0, 0, 0, 1, 1]);
    // Multiplicity does not matter to cut vertices: 1 and 2 still are.
    expect(Array.from(r.articulationPoints)).toEqual([1, 2]);
    // Undoubled, every edge of the path is a bridge.
    const single = cutPoints(
      arcsGraph(4, [
        [0, 1],
        [1, 2],
        [2, 3],
      ]),
    );
    expect(Array.from(single.bridgeSources)).toEqual([0, 1, 2]);
    expect(Array.from(single.bridgeTargets)).toEqual([1, 2, 3]);
  });

  it('a star: the centre is the only cut vertex, every edge a bridge; a self-loop is none', () => {
    const g = arcsGraph(5, [
      [0, 1],
      [2, 0],
      [0, 3],
      [4, 0],
      [1, 1],
    ]);
    const r = cutPoints(g);
    expect(Array.from(r.articulationPoints)).toEqual([0]);
    expect(Array.from(r.bridgeSources)).toEqual([0, 0, 0, 0]);
    expect(Array.from(r.bridgeTargets)).toEqual([1, 2, 3, 4]);
  });
});

describe('structure: properties (brute force on small random multigraphs)', () => {
  it('components partition the nodes, numbered by smallest node, and match brute force', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const reach = reachability(g);
        for (const r of [weaklyConnectedComponents(g), stronglyConnectedComponents(g)]) {
          expect(r.sizes.reduce((a, b) => a + b, 0)).toBe(n);
          expect(r.sizes.every((s) => s > 0)).toBe(true);
          // First appearances in node order are 0, 1, 2, ...
          let seen = -1;
          for (const c of r.component) {
            expect(c).toBeLessThanOrEqual(seen + 1);
            seen = Math.max(seen, c);
          }
          expect(seen + 1).toBe(r.count);
        }
        const w = weaklyConnectedComponents(g).component;
        const s = stronglyConnectedComponents(g).component;
        const undirectedEdges = arcs.map(([u, v]) => [u, v] as [number, number]);
        expect(weaklyConnectedComponents(g).count).toBe(
          countComponents(n, undirectedEdges, () => true),
        );
        for (let u = 0; u < n; u++) {
          for (let v = 0; v < n; v++) {
            expect(s[u] === s[v]).toBe(reach[u]![v]! && reach[v]![u]!);
            if (reach[u]![v]!) expect(w[u]).toBe(w[v]);
          }
        }
      }),
    );
  });

  it('removing an articulation point (and only one) increases the component count', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const edges = arcs.map(([u, v]) => [u, v] as [number, number]);
        const r = cutPoints(g);
        for (let x = 0; x < n; x++) {
          // (An isolated x takes its own component away: the count drops by one.)
          const without = countComponents(n, edges, (u) => u !== x);
          const withX = countComponents(n, edges, () => true);
          expect(r.isArticulation[x] === 1).toBe(without > withX);
        }
      }),
    );
  });

  it('removing a bridge (one arc of the multigraph) disconnects its ends, and only a bridge', () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const r = cutPoints(g);
        const bridges = new Set(
          Array.from(r.bridgeSources, (u, i) => `${u},${r.bridgeTargets[i]!}`),
        );
        const edges = arcs.map(([u, v]) => [u, v] as [number, number]);
        const expected = new Set<string>();
        edges.forEach(([u, v], i) => {
          if (u === v) return;
          const rest = edges.filter((_, j) => j !== i);
          const parent = Array.from({ length: n }, (_, k) => k);
          const find = (x: number): number => (parent[x] === x ? x : find(parent[x]!));
          for (const [a, b] of rest) parent[find(a)] = find(b);
          if (find(u) !== find(v)) expected.add(u < v ? `${u},${v}` : `${v},${u}`);
        });
        expect([...bridges].sort()).toEqual([...expected].sort());
        // isBridge marks both positions of each bridge and nothing else.
        let marked = 0;
        for (const x of r.isBridge) marked += x;
        expect(marked).toBe(2 * bridges.size);
      }),
    );
  });
});

/** Sizes of the connected pieces among the alive nodes, brute force, largest first. */
function pieceSizes(n: number, edges: Array<[number, number]>, alive: (u: number) => boolean) {
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : find(parent[x]!));
  for (const [a, b] of edges) if (alive(a) && alive(b)) parent[find(a)] = find(b);
  const size = new Map<number, number>();
  for (let u = 0; u < n; u++) if (alive(u)) size.set(find(u), (size.get(find(u)) ?? 0) + 1);
  return [...size.values()].sort((a, b) => b - a);
}

describe('structure: what a cut leaves behind (brute force)', () => {
  it("an articulation point's pieces are those of its component without it", () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const edges = arcs.map(([u, v]) => [u, v] as [number, number]);
        const r = cutPoints(g);
        const whole = new Map<number, number>();
        const all = Array.from({ length: n }, (_, i) => i);
        const parent = all.slice();
        const find = (x: number): number => (parent[x] === x ? x : find(parent[x]!));
        for (const [a, b] of edges) parent[find(a)] = find(b);
        for (const u of all) whole.set(find(u), (whole.get(find(u)) ?? 0) + 1);
        r.articulationPoints.forEach((v, i) => {
          const component = new Set(all.filter((u) => find(u) === find(v)));
          const expected = pieceSizes(n, edges, (u) => u !== v && component.has(u));
          const got = Array.from(r.pieceSizes.subarray(r.pieceOffsets[i]!, r.pieceOffsets[i + 1]!));
          expect(got).toEqual(expected);
          expect(got.reduce((a, b) => a + b, 0) + 1).toBe(whole.get(find(v)));
        });
      }),
    );
  });

  it("a bridge's sides are the pieces of its component without it", () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const r = cutPoints(g);
        r.bridgeSources.forEach((a, i) => {
          const b = r.bridgeTargets[i]!;
          // Remove one arc joining a and b (a bridge merges exactly one).
          const at = arcs.findIndex(([u, v]) => (u === a && v === b) || (u === b && v === a));
          const rest = arcs.filter((_, j) => j !== at).map(([u, v]) => [u, v] as [number, number]);
          const parent = Array.from({ length: n }, (_, k) => k);
          const find = (x: number): number => (parent[x] === x ? x : find(parent[x]!));
          for (const [u, v] of rest) parent[find(u)] = find(v);
          let sa = 0;
          let sb = 0;
          for (let u = 0; u < n; u++) {
            if (find(u) === find(a)) sa++;
            if (find(u) === find(b)) sb++;
          }
          expect([r.bridgeSides[2 * i], r.bridgeSides[2 * i + 1]]).toEqual([sa, sb]);
        });
      }),
    );
  });

  it("a bridge's normalised edge betweenness is 2ab / (n(n − 1)) from its sides (weak links use it)", () => {
    fc.assert(
      fc.property(multigraphs, ([n, arcs]) => {
        const g = arcsGraph(n, arcs);
        const r = cutPoints(g);
        const eb = edgeBetweenness(g, { directed: false });
        const { offsets, nodes } = g.undirected;
        r.bridgeSources.forEach((a, i) => {
          const b = r.bridgeTargets[i]!;
          let p = offsets[a]!;
          while (nodes[p] !== b) p++;
          const [sa, sb] = [r.bridgeSides[2 * i]!, r.bridgeSides[2 * i + 1]!];
          expect(eb.values[p]).toBeCloseTo((2 * sa * sb) / (n * (n - 1)), 12);
        });
      }),
    );
  });

  it('a path 0–1–2–3–4 and a pendant 5 on 2: pieces and sides by hand', () => {
    const r = cutPoints(
      arcsGraph(6, [
        [0, 1],
        [1, 2],
        [2, 3],
        [3, 4],
        [5, 2],
      ]),
    );
    expect(Array.from(r.articulationPoints)).toEqual([1, 2, 3]);
    // Without 1: {0} and {2,3,4,5}; without 2: {0,1}, {3,4}, {5}; without 3: {0,1,2,5}, {4}.
    expect(Array.from(r.pieceOffsets)).toEqual([0, 2, 5, 7]);
    expect(Array.from(r.pieceSizes)).toEqual([4, 1, 2, 2, 1, 4, 1]);
    // Every edge is a bridge: (0,1) 1|5, (1,2) 2|4, (2,3) 4|2, (2,5) 5|1, (3,4) 5|1.
    expect(Array.from(r.bridgeSources)).toEqual([0, 1, 2, 2, 3]);
    expect(Array.from(r.bridgeTargets)).toEqual([1, 2, 3, 5, 4]);
    expect(Array.from(r.bridgeSides)).toEqual([1, 5, 2, 4, 4, 2, 5, 1, 5, 1]);
  });
});

describe('structure: deep graphs (no recursion)', () => {
  const n = 200_000;

  it('a 200k-node directed cycle is one SCC; cut into a path, every node its own', () => {
    const cycle = Array.from({ length: n }, (_, i) => [i, (i + 1) % n] as const);
    const g = arcsGraph(n, cycle);
    const s = stronglyConnectedComponents(g);
    expect(s.count).toBe(1);
    expect(weaklyConnectedComponents(g).count).toBe(1);
    const path = arcsGraph(n, cycle.slice(0, n - 1));
    expect(stronglyConnectedComponents(path).count).toBe(n);
    // A long undirected path: every inner node is a cut vertex, every edge a bridge.
    const r = cutPoints(path);
    expect(r.articulationPoints.length).toBe(n - 2);
    expect(r.bridgeSources.length).toBe(n - 1);
    expect(cutPoints(g).articulationPoints.length).toBe(0);
  });
});
