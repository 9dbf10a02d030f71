/**
 * The metric snapshot against a naive construction with Maps, on random multigraphs with
 * parallel arcs, opposite arcs and self-loops.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Adjacency } from '../src/index.js';
import { metricGraphFromArcs } from '../src/index.js';

const arcs = fc
  .integer({ min: 1, max: 12 })
  .chain((n) =>
    fc.tuple(
      fc.constant(n),
      fc.array(
        fc.tuple(
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 0, max: n - 1 }),
          fc.integer({ min: 1, max: 9 }),
        ),
        { maxLength: 40 },
      ),
    ),
  );

function lists(n: number, a: Adjacency): [number, number, number][][] {
  return Array.from({ length: n }, (_, u) => {
    const row: [number, number, number][] = [];
    for (let k = a.offsets[u]!; k < a.offsets[u + 1]!; k++)
      row.push([a.nodes[k]!, a.weights[k]!, a.counts[k]!]);
    return row;
  });
}

function naive(
  n: number,
  list: [number, number, number][],
  key: (s: number, t: number) => [number, number][],
) {
  // Weight and number of arcs merged, per ordered pair.
  const maps = Array.from({ length: n }, () => new Map<number, [number, number]>());
  for (const [s, t, w] of list) {
    for (const [a, b] of key(s, t)) {
      const [w0, c0] = maps[a]!.get(b) ?? [0, 0];
      maps[a]!.set(b, [w0 + w, c0 + 1]);
    }
  }
  return maps.map((m) => [...m].map(([v, [w, c]]) => [v, w, c]).sort((x, y) => x[0]! - y[0]!));
}

describe('metricGraphFromArcs', () => {
  it('merges parallel arcs, keeps self-loops directed, and projects to a simple undirected graph', () => {
    fc.assert(
      fc.property(arcs, ([n, list]) => {
        const g = metricGraphFromArcs(
          n,
          list.map((a) => a[0]),
          list.map((a) => a[1]),
          list.map((a) => a[2]),
        );
        expect(lists(n, g.out)).toEqual(naive(n, list, (s, t) => [[s, t]]));
        expect(lists(n, g.in)).toEqual(naive(n, list, (s, t) => [[t, s]]));
        expect(lists(n, g.undirected)).toEqual(
          naive(n, list, (s, t) =>
            s === t
              ? []
              : [
                  [s, t],
                  [t, s],
                ],
          ),
        );
        const loops = new Float64Array(n);
        for (const [s, t, w] of list) if (s === t) loops[s]! += w;
        expect(Array.from(g.selfLoopWeight)).toEqual(Array.from(loops));
        expect(g.arcs).toBe(g.out.nodes.length);
        expect(g.edges * 2).toBe(g.undirected.nodes.length);
      }),
      { numRuns: 300 },
    );
  });
});
