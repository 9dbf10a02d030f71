/**
 * `buildMetricGraph` reads a view (relation types, node list) straight from the relation
 * columns: it must give exactly the snapshot of the view's arcs picked out by hand and handed to
 * `metricGraphFromArcs` (itself checked against a naive construction in snapshot.test.ts), every
 * array, every bit of every weight: on random multigraphs with parallel and opposite arcs,
 * self-loops, mixed relation types, −0 and fractional weights, and views by type and by node
 * list; and on the shipped cn-listed dataset.
 */
import { isDeepStrictEqual } from 'node:util';
import { readDataset } from '@chainlens/io/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset, GraphView, MetricGraph, RelationType } from '../src/index.js';
import {
  RELATION_TYPES,
  buildMetricGraph,
  clusterByRegion,
  emptyMemberships,
  metricGraphFromArcs,
  relationTypeCode,
} from '../src/index.js';

/** The view's arcs picked out row by row, over its nodes in ascending company index. */
function byHand(d: Dataset, view: GraphView) {
  const count = d.companies.ids.length;
  const members = view.nodes
    ? [...new Set(Array.from(view.nodes))].sort((a, b) => a - b)
    : [...Array(count).keys()];
  const local = new Map(members.map((c, i) => [c, i]));
  const codes = new Set((view.types ?? RELATION_TYPES).map(relationTypeCode));
  const s: number[] = [];
  const t: number[] = [];
  const w: number[] = [];
  const r = d.relations;
  for (let i = 0; i < r.source.length; i++) {
    const a = local.get(r.source[i]!);
    const b = local.get(r.target[i]!);
    if (a === undefined || b === undefined || !codes.has(r.type[i]!)) continue;
    if (view.touching && !view.touching[r.source[i]!] && !view.touching[r.target[i]!]) continue;
    s.push(a);
    t.push(b);
    w.push(r.weight[i]!);
  }
  return metricGraphFromArcs(members.length, s, t, w, Int32Array.from(members));
}

function dataset(n: number, rows: [number, number, number, number][]): Dataset {
  return {
    name: 'random',
    companies: {
      ids: Array.from({ length: n }, (_, i) => `c${i}`),
      names: Array.from({ length: n }, (_, i) => `c${i}`),
      regions: Array.from({ length: n }, () => ''),
      attributes: {},
    },
    memberships: emptyMemberships(),
    relations: {
      source: Int32Array.from(rows, (r) => r[0]),
      target: Int32Array.from(rows, (r) => r[1]),
      type: Uint8Array.from(rows, (r) => r[2]),
      weight: Float64Array.from(rows, (r) => r[3]),
      attributes: {},
    },
    templates: [],
  };
}

/** Plain arrays, so that shared and unshared buffers compare by value. */
function plain(g: MetricGraph) {
  const adj = (a: MetricGraph['out']) => ({
    offsets: Array.from(a.offsets),
    nodes: Array.from(a.nodes),
    weights: Array.from(a.weights),
    counts: Array.from(a.counts),
  });
  return {
    n: g.n,
    arcs: g.arcs,
    edges: g.edges,
    companyOf: Array.from(g.companyOf),
    out: adj(g.out),
    in: adj(g.in),
    undirected: adj(g.undirected),
    selfLoopWeight: Array.from(g.selfLoopWeight),
  };
}

const graphs = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: 3 }),
          fc.constantFrom(1, 0.1, 0.2, 0.7, 3, -0, 0, 1e-9, 12.5),
        ),
        { maxLength: 60 },
      ),
      fc.option(fc.array(fc.integer({ min: 0, max: n - 1 }), { maxLength: n + 3 })),
      fc.option(fc.subarray([...RELATION_TYPES], { minLength: 1 })),
    ),
  );

describe('buildMetricGraph', () => {
  it('equals the view’s arcs picked out by hand, on random multigraphs and views (property)', () => {
    fc.assert(
      fc.property(graphs, ([n, rows, nodes, types]) => {
        const d = dataset(n, rows);
        const view: { nodes?: number[]; types?: RelationType[] } = {};
        if (nodes) view.nodes = nodes;
        if (types) view.types = types;
        const expected = byHand(d, view);
        // Bit for bit: isDeepStrictEqual tells −0 from 0.
        expect(isDeepStrictEqual(buildMetricGraph(d, view), expected)).toBe(true);
        expect(plain(buildMetricGraph(d, view, { shared: true }))).toEqual(plain(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('equals the arcs picked out by hand on cn-listed: all relations, inferred supply, a province cluster', () => {
    const { dataset: d } = readDataset(
      new URL('../../../datasets/cn-listed', import.meta.url).pathname,
    );
    const zhejiang = clusterByRegion(d.companies, '浙江');
    expect(zhejiang.members.length).toBeGreaterThan(100);
    const inZhejiang = new Uint8Array(d.companies.ids.length);
    for (const c of zhejiang.members) inZhejiang[c] = 1;
    const views: GraphView[] = [
      {},
      { types: ['inferred-supply'] },
      { nodes: zhejiang.members },
      { types: ['inferred-supply'], touching: inZhejiang },
    ];
    for (const view of views) {
      const g = buildMetricGraph(d, view);
      expect(g.arcs).toBeGreaterThan(0);
      expect(isDeepStrictEqual(g, byHand(d, view))).toBe(true);
    }
  });

  it('puts every array on shared memory when asked', () => {
    const g = buildMetricGraph(
      dataset(3, [
        [0, 1, 0, 1],
        [1, 2, 0, 2],
      ]),
      {},
      { shared: true },
    );
    for (const a of [
      g.companyOf,
      g.out.nodes,
      g.in.weights,
      g.undirected.counts,
      g.selfLoopWeight,
    ]) {
      expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    }
  });
});
