/**
 * NMI and ARI on hand-worked cases, scikit-learn's documented examples, and values computed
 * once with /usr/bin/python3 (own formulas on scipy.special.comb / scipy.stats.entropy; the
 * script is quoted below); Louvain stability across seeds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { metricGraphFromArcs } from '../../src/graph/snapshot.js';
import { louvain } from '../../src/metrics/louvain.js';
import {
  adjustedRandIndex,
  normalizedMutualInformation,
  stability,
} from '../../src/metrics/partition-agreement.js';

const nmi = normalizedMutualInformation;
const ari = adjustedRandIndex;

describe('adjusted Rand index', () => {
  it('scikit-learn’s documented examples', () => {
    expect(ari([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(ari([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    // Contingency {(0,0): 2, (1,1): 1, (2,1): 1}: index = C(2,2) = 1; rows 2,1,1 ⇒ 1;
    // columns 2,2 ⇒ 2; E = 1·2/C(4,2) = 1/3; max = 3/2 ⇒ (1 − 1/3)/(3/2 − 1/3) = 4/7.
    expect(ari([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 15);
    // Index 0, E = 2·2/6 = 2/3, max = 2 ⇒ (0 − 2/3)/(2 − 2/3) = −1/2.
    expect(ari([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 15);
    // Every item alone against one class: E = 0 = index, max = C(4,2)/2 ⇒ 0.
    expect(ari([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it('degenerate cases are 1, as in scikit-learn', () => {
    expect(ari([], [])).toBe(1);
    expect(ari([5], [3])).toBe(1);
    expect(ari([1, 1, 1], [2, 2, 2])).toBe(1);
    expect(ari([1, 2, 3], [3, 4, 5])).toBe(1);
    expect(() => ari([1, 2], [1])).toThrow(/length/);
  });

  it('accepts strings and numbers alike', () => {
    expect(ari(['a', 'a', 'b', 'c'], [0, 0, 1, 1])).toBeCloseTo(4 / 7, 15);
  });
});

describe('normalised mutual information', () => {
  it('scikit-learn’s documented examples and a hand-worked case', () => {
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 1])).toBeCloseTo(1, 15);
    expect(nmi([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 15);
    expect(nmi([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    // B is a function of A: I = H(B) = ln 2; H(A) = 1.5 ln 2 ⇒ NMI = ln 2 / (1.25 ln 2) = 0.8.
    expect(nmi([0, 0, 1, 2], [0, 0, 1, 1])).toBeCloseTo(0.8, 15);
    expect(nmi([], [])).toBe(1);
    expect(nmi([7, 7], ['x', 'x'])).toBe(1);
  });
});

describe('against Python', () => {
  // /usr/bin/python3 (scipy):
  //   def ari(a, b):  # Hubert & Arabie with scipy.special.comb(v, 2) over Counter tables
  //   def nmi(a, b):  # Σ n_ij/n · log(n_ij n / (a_i b_j)) / ((entropy(A) + entropy(B)) / 2)
  //   a = [(i*7 + (i*i) % 5) % 6 for i in range(1000)]; b = [(3*i*i + i) % 4 ...]
  //   c = [(i // 10) % 9 ...]; d = [(i // 13) % 9 ...]
  const n = 1000;
  const a = Array.from({ length: n }, (_, i) => (i * 7 + ((i * i) % 5)) % 6);
  const b = Array.from({ length: n }, (_, i) => (3 * i * i + i) % 4);
  const c = Array.from({ length: n }, (_, i) => Math.floor(i / 10) % 9);
  const d = Array.from({ length: n }, (_, i) => Math.floor(i / 13) % 9);
  it.each([
    ['a,b', a, b, 3.3943871914447906e-5, -0.0016430614731635298],
    ['a,c', a, c, 0.14388570823713684, 0.06194517675786283],
    ['c,d', c, d, 0.018978869049456403, 0.0008085283754330027],
  ] as const)('%s', (_, x, y, expectedNmi, expectedAri) => {
    expect(Math.abs(nmi(x, y) - expectedNmi)).toBeLessThan(1e-12);
    expect(Math.abs(ari(x, y) - expectedAri)).toBeLessThan(1e-12);
  });
});

describe('properties', () => {
  const labeling = (n: number) =>
    fc.array(fc.integer({ min: 0, max: 5 }), { minLength: n, maxLength: n });
  const pair = fc.integer({ min: 2, max: 60 }).chain((n) => fc.tuple(labeling(n), labeling(n)));

  it('symmetric, invariant under relabelling, 1 against itself, NMI in [0, 1], ARI ≤ 1', () => {
    fc.assert(
      fc.property(pair, ([x, y]) => {
        expect(nmi(x, y)).toBeCloseTo(nmi(y, x), 12);
        expect(ari(x, y)).toBeCloseTo(ari(y, x), 12);
        const renamed = x.map((l) => `c${l * 3}`);
        expect(nmi(renamed, y)).toBeCloseTo(nmi(x, y), 12);
        expect(ari(renamed, y)).toBeCloseTo(ari(x, y), 12);
        expect(ari(x, x)).toBeCloseTo(1, 12);
        expect(nmi(x, x)).toBeCloseTo(1, 12);
        expect(nmi(x, y)).toBeGreaterThanOrEqual(0);
        expect(nmi(x, y)).toBeLessThanOrEqual(1);
        expect(ari(x, y)).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 300 },
    );
  });

  it('independent random labelings: ARI near 0', () => {
    // Two labelings of 20 000 items drawn independently (a fixed LCG), 10 classes each: the
    // expected ARI is 0 and its spread about 1e-4 here.
    let s = 12345;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 16) % 10;
    const x = Array.from({ length: 20_000 }, next);
    const y = Array.from({ length: 20_000 }, next);
    expect(Math.abs(ari(x, y))).toBeLessThan(2e-3);
    expect(nmi(x, y)).toBeLessThan(5e-3);
  });
});

describe('stability', () => {
  // Four 8-cliques joined in a ring by single edges: every seed finds the four cliques.
  const arcs: [number, number][] = [];
  for (let k = 0; k < 4; k++) {
    for (let i = 0; i < 8; i++) for (let j = i + 1; j < 8; j++) arcs.push([8 * k + i, 8 * k + j]);
    arcs.push([8 * k, 8 * ((k + 1) % 4) + 1]);
  }
  const cliques = metricGraphFromArcs(
    32,
    arcs.map((a) => a[0]),
    arcs.map((a) => a[1]),
  );

  it('is 1 on a graph with a clear structure', () => {
    const s = stability(cliques, [1, 2, 3, 4]);
    expect(s.meanAri).toBe(1);
    expect(s.minAri).toBe(1);
    expect(Array.from(s.count)).toEqual([4, 4, 4, 4]);
    expect(s.seeds).toEqual([1, 2, 3, 4]);
  });

  it('is the mean pairwise ARI of the runs', () => {
    // A sparse random graph: runs differ.
    let s = 99;
    const next = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 8) % 300;
    const src = Array.from({ length: 600 }, next);
    const dst = Array.from({ length: 600 }, next);
    const g = metricGraphFromArcs(300, src, dst);
    const seeds = [1, 2, 3];
    const runs = seeds.map((seed) => louvain(g, { seed }).community);
    const pairs = [ari(runs[0]!, runs[1]!), ari(runs[0]!, runs[2]!), ari(runs[1]!, runs[2]!)];
    const result = stability(g, seeds);
    expect(result.meanAri).toBeCloseTo((pairs[0]! + pairs[1]! + pairs[2]!) / 3, 15);
    expect(result.minAri).toBe(Math.min(...pairs));
    expect(result.meanAri).toBeLessThan(1);
    expect(() => stability(g, [1])).toThrow(RangeError);
  });
});
