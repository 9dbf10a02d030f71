/**
 * The lean snapshot builder must give exactly `buildMetricGraph`'s snapshot (every array, every
 * bit of every weight): on random multigraphs with parallel and opposite arcs, self-loops,
 * mixed relation types, −0 and fractional weights, and views by type and by node list; and on
 * the shipped cn-listed dataset.
 */
import { isDeepStrictEqual } from 'node:util';
import { readDataset } from '@chainlens/io/node';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dataset, MetricGraph, RelationType } from '../src/index.js';
import {
  RELATION_TYPES,
  buildMetricGraph,
  buildMetricGraphLean,
  clusterByRegion,
  emptyMemberships,
} from '../src/index.js';

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

describe('buildMetricGraphLean', () => {
  it('equals buildMetricGraph on random multigraphs and views (property)', () => {
    fc.assert(
      fc.property(graphs, ([n, rows, nodes, types]) => {
        const d = dataset(n, rows);
        const view: { nodes?: number[]; types?: RelationType[] } = {};
        if (nodes) view.nodes = nodes;
        if (types) view.types = types;
        const expected = buildMetricGraph(d, view);
        // Bit for bit: isDeepStrictEqual tells −0 from 0.
        expect(isDeepStrictEqual(buildMetricGraphLean(d, view), expected)).toBe(true);
        expect(plain(buildMetricGraphLean(d, view, { shared: true }))).toEqual(plain(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('equals buildMetricGraph on cn-listed: all relations, inferred supply, a province cluster', () => {
    const { dataset: d } = readDataset(
      new URL('../../../datasets/cn-listed', import.meta.url).pathname,
    );
    const zhejiang = clusterByRegion(d.companies, '浙江');
    expect(zhejiang.members.length).toBeGreaterThan(100);
    for (const view of [{}, { types: ['inferred-supply' as const] }, { nodes: zhejiang.members }]) {
      const lean = buildMetricGraphLean(d, view);
      expect(lean.arcs).toBeGreaterThan(0);
      expect(isDeepStrictEqual(lean, buildMetricGraph(d, view))).toBe(true);
    }
  });

  it('puts every array on shared memory when asked', () => {
    const g = buildMetricGraphLean(
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
