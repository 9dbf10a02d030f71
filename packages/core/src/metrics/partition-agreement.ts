/**
 * Agreement between two partitions of the same items: normalised mutual information (NMI) and
 * the adjusted Rand index (ARI), as scikit-learn computes them
 * (`normalized_mutual_info_score` with its default arithmetic-mean normalisation,
 * `adjusted_rand_score`), and the stability of Louvain across seeds (mean pairwise ARI).
 *
 * - NMI = I(A;B) / ((H(A) + H(B)) / 2) (Strehl & Ghosh 2002; Vinh, Epps & Bailey 2010 for the
 *   arithmetic variant), natural logarithms (the ratio does not depend on the base). 1 when
 *   both labelings are a single class (H = 0 on both sides), as scikit-learn returns.
 * - ARI (Hubert & Arabie 1985) = (Σ_ij C(n_ij,2) − E) / (½(Σ_i C(a_i,2) + Σ_j C(b_j,2)) − E),
 *   E = Σ_i C(a_i,2) · Σ_j C(b_j,2) / C(n,2); 1 for identical labelings, about 0 for
 *   independent ones, negative below chance. 1 when the denominator vanishes (both labelings
 *   all-singletons or both one class), as scikit-learn returns.
 *
 * Labels are any numbers or strings; only equality matters. O(n) with a hash map for the
 * contingency table.
 */
import type { MetricGraph } from '../graph/snapshot.js';
import type { LouvainOptions } from './louvain.js';
import { louvain } from './louvain.js';

export type Labels = ArrayLike<number> | readonly string[];

/** Dense ids 0..k-1 of a labeling, in order of first appearance. */
function dense(labels: Labels): { ids: Int32Array; k: number } {
  const n = labels.length;
  const ids = new Int32Array(n);
  const seen = new Map<number | string, number>();
  for (let i = 0; i < n; i++) {
    const label = labels[i]!;
    let id = seen.get(label);
    if (id === undefined) {
      id = seen.size;
      seen.set(label, id);
    }
    ids[i] = id;
  }
  return { ids, k: seen.size };
}

interface Contingency {
  n: number;
  /** Row sums (sizes of the classes of a) and column sums (of b). */
  rows: Float64Array;
  cols: Float64Array;
  /** Non-zero cells n_ij. */
  cells: Float64Array;
  /** Row and column of each cell. */
  cellRow: Int32Array;
  cellCol: Int32Array;
}

function contingency(a: Labels, b: Labels): Contingency {
  if (a.length !== b.length) {
    throw new Error(`labelings differ in length: ${a.length} and ${b.length}`);
  }
  const n = a.length;
  const da = dense(a);
  const db = dense(b);
  const rows = new Float64Array(da.k);
  const cols = new Float64Array(db.k);
  const cell = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const r = da.ids[i]!;
    const c = db.ids[i]!;
    rows[r]!++;
    cols[c]!++;
    const key = r * db.k + c;
    cell.set(key, (cell.get(key) ?? 0) + 1);
  }
  const cells = new Float64Array(cell.size);
  const cellRow = new Int32Array(cell.size);
  const cellCol = new Int32Array(cell.size);
  let p = 0;
  for (const [key, count] of cell) {
    cells[p] = count;
    cellRow[p] = Math.floor(key / db.k);
    cellCol[p] = key % db.k;
    p++;
  }
  return { n, rows, cols, cells, cellRow, cellCol };
}

function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalised mutual information of two labelings of the same items (arithmetic-mean
 * normalisation), in [0, 1]. 1 for empty input or when both are a single class.
 */
export function normalizedMutualInformation(a: Labels, b: Labels): number {
  const t = contingency(a, b);
  const { n } = t;
  if (n === 0 || (t.rows.length === 1 && t.cols.length === 1)) return 1;
  let mi = 0;
  for (let p = 0; p < t.cells.length; p++) {
    const nij = t.cells[p]!;
    const ai = t.rows[t.cellRow[p]!]!;
    const bj = t.cols[t.cellCol[p]!]!;
    mi += (nij / n) * Math.log((nij * n) / (ai * bj));
  }
  mi = Math.max(mi, 0);
  const norm = (entropy(t.rows, n) + entropy(t.cols, n)) / 2;
  if (mi === 0 || norm === 0) return 0;
  return Math.min(mi / norm, 1);
}

const pairs = (x: number): number => (x * (x - 1)) / 2;

/** Adjusted Rand index of two labelings of the same items; 1 when they are identical. */
export function adjustedRandIndex(a: Labels, b: Labels): number {
  const t = contingency(a, b);
  let index = 0;
  for (const c of t.cells) index += pairs(c);
  let sa = 0;
  for (const c of t.rows) sa += pairs(c);
  let sb = 0;
  for (const c of t.cols) sb += pairs(c);
  const total = pairs(t.n);
  if (total === 0) return 1;
  const expected = (sa * sb) / total;
  const max = (sa + sb) / 2;
  if (max === expected) return 1;
  return (index - expected) / (max - expected);
}

export interface StabilityResult {
  seeds: number[];
  /** Mean ARI over all pairs of runs: 1 when every seed gives the same partition. */
  meanAri: number;
  /** The least-agreeing pair's ARI. */
  minAri: number;
  /** Modularity and number of communities of each run, in `seeds` order. */
  modularity: Float64Array;
  count: Int32Array;
}

/**
 * Stability of Louvain on `graph`: the mean adjusted Rand index over all pairs of the
 * partitions found with `seeds` (at least two), other options as in `louvain`.
 * Costs one Louvain run per seed plus O(n) per pair.
 */
export function stability(
  graph: MetricGraph,
  seeds: number[],
  options: Omit<LouvainOptions, 'seed'> = {},
): StabilityResult {
  if (seeds.length < 2) throw new RangeError('stability needs at least two seeds');
  const runs = seeds.map((seed) => louvain(graph, { ...options, seed }));
  let sum = 0;
  let min = Infinity;
  let k = 0;
  for (let i = 0; i < runs.length; i++) {
    for (let j = i + 1; j < runs.length; j++) {
      const ari = adjustedRandIndex(runs[i]!.community, runs[j]!.community);
      sum += ari;
      min = Math.min(min, ari);
      k++;
    }
  }
  return {
    seeds: [...seeds],
    meanAri: sum / k,
    minAri: min,
    modularity: Float64Array.from(runs, (r) => r.modularity),
    count: Int32Array.from(runs, (r) => r.count),
  };
}
