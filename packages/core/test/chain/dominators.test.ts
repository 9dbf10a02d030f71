/**
 * Dominators: a hand-worked graph, the `tiers` chain (cascade-fixture.ts), a deep path that
 * would overflow a recursive DFS, and brute force on random small graphs (remove d, see who
 * σ no longer reaches).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chainContext, clusterByRegion, dominatorTree, supplyDominators } from '../../src/index.js';
import { tiersDataset, TIERS } from './cascade-fixture.js';

function csr(n: number, arcs: Array<[number, number]>) {
  const offsets = new Int32Array(n + 1);
  for (const [u] of arcs) offsets[u + 1]!++;
  for (let u = 0; u < n; u++) offsets[u + 1]! += offsets[u]!;
  const fill = offsets.slice(0, n);
  const targets = new Int32Array(arcs.length);
  for (const [u, v] of arcs) targets[fill[u]!++] = v;
  return { offsets, targets };
}

/** Nodes σ reaches when `skip` is removed (σ = n; −1 removes nothing). */
function reach(n: number, arcs: Array<[number, number]>, roots: number[], skip: number) {
  const seen = new Uint8Array(n);
  const stack = roots.filter((r) => r !== skip);
  for (const r of stack) seen[r] = 1;
  while (stack.length) {
    const u = stack.pop()!;
    for (const [a, b] of arcs) {
      if (a === u && b !== skip && !seen[b]) {
        seen[b] = 1;
        stack.push(b);
      }
    }
  }
  return seen;
}

/** Brute-force idom and dominated counts. */
function bruteForce(n: number, arcs: Array<[number, number]>, roots: number[]) {
  const base = reach(n, arcs, roots, -1);
  // doms[v] = the nodes (other than v) whose removal cuts v off.
  const doms: number[][] = Array.from({ length: n }, () => []);
  const dominated = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    if (!base[d]) continue;
    const r = reach(n, arcs, roots, d);
    for (let v = 0; v < n; v++) {
      if (v !== d && base[v] && !r[v]) {
        doms[v]!.push(d);
        dominated[d]!++;
      }
    }
  }
  // idom(v): the strict dominator that every other strict dominator of v dominates, i.e. the
  // one with the most dominators itself.
  const idom = Int32Array.from({ length: n }, (_, v) => {
    if (!base[v]) return -2;
    let best = -1;
    for (const d of doms[v]!) if (best === -1 || doms[d]!.length > doms[best]!.length) best = d;
    return best;
  });
  return { idom, dominated };
}

describe('dominatorTree', () => {
  it('a hand-worked graph with a cycle and an unreachable node', () => {
    // σ→r(0); r→a(1), r→b(2); a→c(3), b→c; c→d(4); d→e(5); e→c; d→f(6); g(7)→c, g no root.
    // Every path to c passes r only (via a or b): idom(c) = r. d only through c; e, f through d.
    // r dominates a b c d e f = 6; c dominates d e f = 3; d dominates e f = 2; g unreachable.
    const arcs: Array<[number, number]> = [
      [0, 1],
      [0, 2],
      [1, 3],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 3],
      [4, 6],
      [7, 3],
    ];
    const { offsets, targets } = csr(8, arcs);
    const t = dominatorTree(8, offsets, targets, [0]);
    expect(Array.from(t.idom)).toEqual([-1, 0, 0, 0, 3, 4, 4, -2]);
    expect(Array.from(t.dominated)).toEqual([6, 0, 0, 3, 2, 0, 0, 0]);
    expect(t.order[0]).toBe(0);
    expect(t.order.length).toBe(7);
  });

  it('a path of 200,000 nodes (no recursion on depth)', () => {
    const n = 200_000;
    const arcs: Array<[number, number]> = [];
    for (let i = 0; i + 1 < n; i++) arcs.push([i, i + 1]);
    const { offsets, targets } = csr(n, arcs);
    const t = dominatorTree(n, offsets, targets, [0]);
    expect(t.dominated[0]).toBe(n - 1);
    expect(t.idom[n - 1]).toBe(n - 2);
  });

  it('equals brute force on random small graphs', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }).chain((n) =>
          fc.record({
            n: fc.constant(n),
            arcs: fc.array(
              fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })),
              { maxLength: 3 * n },
            ),
            roots: fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: 3 }),
          }),
        ),
        ({ n, arcs, roots }) => {
          const { offsets, targets } = csr(n, arcs);
          const t = dominatorTree(n, offsets, targets, roots);
          const b = bruteForce(n, arcs, roots);
          expect(Array.from(t.idom)).toEqual(Array.from(b.idom));
          expect(Array.from(t.dominated)).toEqual(Array.from(b.dominated));
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('supplyDominators of the tiers cluster', () => {
  const ds = tiersDataset();
  const ctx = chainContext(ds, TIERS, clusterByRegion(ds.companies, '甲'));

  it('default roots: upstream firms and firms without a local supplier', () => {
    // Edges in 甲 (X is outside): O1→M1, O2→M1, O2→M2, O1→V, M2→V, M1→P1, M2→P1, C1→P1,
    // M2→P2, C1→P2, P1→Q1, B→P1. Upstream-stage or source segments: ore, coating → O1, O2, C1.
    // No supplier in 甲: B, C1, O1, O2, Q2. Roots: B C1 O1 O2 Q2 (5 of 11).
    // M2's only supplier is O2 → idom O2; Q1's only supplier is P1 → idom P1. M1 (O1 or O2),
    // V (O1, or O2→M2), P1 (M1, M2, C1, B), P2 (M2 or C1) have σ as idom.
    const r = supplyDominators(ctx);
    expect(r.size).toBe(11);
    expect(r.rootCount).toBe(5);
    expect(r.unreachable).toEqual([]);
    expect(r.companies.slice(0, 2)).toEqual([
      // chain firms all but B: O2 dominates M2, P1 dominates Q1, both chain firms.
      {
        company: 'O2',
        idom: null,
        dominated: 1,
        chainDominated: 1,
        chainFirm: true,
        root: true,
        reachable: true,
      },
      {
        company: 'P1',
        idom: null,
        dominated: 1,
        chainDominated: 1,
        chainFirm: true,
        root: false,
        reachable: true,
      },
    ]);
    const idom = Object.fromEntries(r.companies.map((c) => [c.company, c.idom]));
    expect(idom).toEqual({
      B: null,
      C1: null,
      M1: null,
      M2: 'O2',
      O1: null,
      O2: null,
      P1: null,
      P2: null,
      Q1: 'P1',
      Q2: null,
      V: null,
    });
    expect(r.companies.slice(2).every((c) => c.dominated === 0)).toBe(true);
    // 12 rows between 甲's companies, inferred O2→M2 and B→P1.
    expect(r.provenance).toEqual({ edges: 12, inferred: 2, observed: 10 });
  });

  it('upstream roots only: B and Q2 are unreachable', () => {
    // Roots O1, O2, C1; B and Q2 have no supplier and are no root; P1 is still reached
    // through M1, M2 and C1, so B's edge does not matter.
    const r = supplyDominators(ctx, { roots: 'upstream' });
    expect(r.rootCount).toBe(3);
    expect(r.unreachable).toEqual(['B', 'Q2']);
    const q2 = r.companies.find((c) => c.company === 'Q2')!;
    expect(q2).toEqual({
      company: 'Q2',
      idom: null,
      dominated: 0,
      chainDominated: 0,
      chainFirm: true,
      root: false,
      reachable: false,
    });
  });

  it('chain firms only drop B (and its inferred edge)', () => {
    const r = supplyDominators(ctx, { nodes: 'chain' });
    expect(r.size).toBe(10);
    expect(r.provenance).toEqual({ edges: 11, inferred: 1, observed: 10 });
  });
});
