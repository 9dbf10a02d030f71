import { loadEdgeList } from '@chainlens/io';
import { describe, expect, it } from 'vitest';
import { EDGE_LIST_HEADER, edgeListChunks, generateEdgeList, mulberry32 } from '../src/gen.js';

const small = { nodes: 500, edges: 3000, seed: 42 };

function rows(csv: string): string[][] {
  return csv
    .split('\n')
    .slice(1, -1)
    .map((line) => line.split(','));
}

describe('generateEdgeList', () => {
  it('is deterministic: same seed ⇒ identical text, other seed ⇒ different text', () => {
    const a = generateEdgeList(small);
    expect(generateEdgeList(small)).toBe(a);
    expect(generateEdgeList({ ...small, seed: 43 })).not.toBe(a);
    // Chunking does not change the text.
    expect([...edgeListChunks(small, 100)].join('')).toBe(a);
  });

  it('meets the requested counts exactly: N distinct ids, M rows, no self-loop', () => {
    const csv = generateEdgeList(small);
    expect(csv.startsWith(EDGE_LIST_HEADER)).toBe(true);
    expect(csv.endsWith('\n')).toBe(true);
    const edges = rows(csv);
    expect(edges).toHaveLength(small.edges);
    const ids = new Set(edges.flatMap(([s, t]) => [s, t]));
    expect(ids.size).toBe(small.nodes);
    for (let i = 0; i < small.nodes; i++) expect(ids.has(`n${i}`)).toBe(true);
    for (const [s, t, w] of edges) {
      expect(s).not.toBe(t);
      expect(w).toMatch(/^\d+\.\d\d$/);
      expect(Number(w)).toBeGreaterThan(0);
    }
  });

  it('has skewed degrees and few parallel edges', () => {
    const edges = rows(generateEdgeList({ nodes: 2000, edges: 20000, seed: 7 }));
    const degree = new Map<string, number>();
    for (const [s, t] of edges) for (const v of [s!, t!]) degree.set(v, (degree.get(v) ?? 0) + 1);
    const max = Math.max(...degree.values());
    expect(max).toBeGreaterThan((10 * (2 * 20000)) / 2000); // a hub of > 10× the mean degree
    const pairs = new Set(edges.map(([s, t]) => `${s}>${t}`));
    expect(pairs.size).toBeGreaterThan(0.99 * edges.length);
  });

  it('refuses impossible sizes', () => {
    expect(() => generateEdgeList({ nodes: 10, edges: 9, seed: 1 })).toThrow(RangeError);
    expect(() => generateEdgeList({ nodes: 1, edges: 9, seed: 1 })).toThrow(RangeError);
  });

  it('works at the smallest size (2 nodes, 2 edges)', () => {
    expect(generateEdgeList({ nodes: 2, edges: 2, seed: 1 })).toMatch(
      /^source,target,weight\nn1,n0,\d+\.\d\d\nn[01],n[01],\d+\.\d\d\n$/,
    );
  });

  it('loads through loadEdgeList with every row accepted', () => {
    const csv = generateEdgeList(small);
    const { dataset, report } = loadEdgeList(new TextEncoder().encode(csv), 'g.csv');
    const table = report.tables[0]!;
    expect(table.read).toBe(small.edges);
    expect(table.accepted).toBe(small.edges);
    expect(table.rejected).toBe(0);
    expect(report.issues).toEqual([]);
    expect(dataset.relations.source).toHaveLength(small.edges);
    expect(dataset.companies.ids).toHaveLength(small.nodes);
    // Companies come by id (n0, n1, n10, …); row 1 (n1 → n0) is one of the relations.
    expect(dataset.companies.ids.slice(0, 3)).toEqual(['n0', 'n1', 'n10']);
    const { source, target } = dataset.relations;
    expect(source.some((s, i) => s === 1 && target[i] === 0)).toBe(true);
  });
});

describe('mulberry32', () => {
  it('gives floats in [0, 1), reproducibly', () => {
    const a = mulberry32(1);
    const b = mulberry32(1);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x >= 0 && x < 1).toBe(true);
    }
  });
});
