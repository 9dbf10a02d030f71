/**
 * Eigenvector centrality (Bonacich 1972, "Factoring and weighting approaches to status scores
 * and clique identification", J. Math. Sociol. 2(1); Newman 2010, "Networks", §7.2), computed as
 * NetworkX 2.8.8's `eigenvector_centrality` does: power iteration with (A + I)ᵀ from the uniform
 * vector,
 *
 *   x[v] ← x[v] + Σ_{u→v} w_uv · x[u],  then x ← x / ‖x‖₂,
 *
 * stopping when the L1 change ‖x − x_prev‖₁ < n·tol. Iterating with A + I (same eigenvectors,
 * eigenvalues shifted by 1) makes it converge on bipartite / periodic graphs too.
 *
 * - Direction: in-arcs — a node is central when central nodes point at it (the left eigenvector
 *   of A), as NetworkX for directed graphs. `direction: 'undirected'` runs on the undirected
 *   projection instead (NetworkX on the Graph of the view: opposite arcs summed, no self-loops).
 * - Weighting: arc weights (`weighted` [true]; NetworkX's default is unweighted — pass
 *   `weighted: false` to get `nx.eigenvector_centrality(G)`, true gives `weight="weight"`).
 *   Self-loops count (directed only; the undirected projection has none).
 * - Normalisation: Euclidean norm 1.
 * - Convergence: reported, not thrown: `converged` is false when maxIter is reached (NetworkX
 *   raises PowerIterationFailedConvergence there) and `scores` is then the last iterate.
 * - Cost: O(n + m) per iteration, O(n) memory.
 */
import type { MetricGraph } from '../graph/snapshot.js';

export interface EigenvectorOptions {
  /** `weighted` boolean [true]: use arc weights; false counts every distinct arc as 1. */
  weighted?: boolean;
  /** `direction` 'in' | 'undirected' ['in']: follow in-arcs (NetworkX on a DiGraph) or the
   *  undirected projection (NetworkX on a Graph). */
  direction?: 'in' | 'undirected';
  /** `tol` number [1e-6]: stop when the L1 change is below n·tol (NetworkX). */
  tol?: number;
  /** `maxIter` number [100]: iteration cap. */
  maxIter?: number;
  /** `start` ArrayLike<number> [all ones]: initial vector (not all zero), normalised to sum 1. */
  start?: ArrayLike<number>;
}

export interface EigenvectorResult {
  /** Score per node; Euclidean norm 1. */
  scores: Float64Array;
  iterations: number;
  /** L1 change of the last iteration (compare with n·tol). */
  error: number;
  /** Whether error < n·tol was reached within maxIter. */
  converged: boolean;
}

/** Eigenvector centrality of every node; see the module comment. */
export function eigenvectorCentrality(
  graph: MetricGraph,
  options: EigenvectorOptions = {},
): EigenvectorResult {
  const weighted = options.weighted ?? true;
  const tol = options.tol ?? 1e-6;
  const maxIter = options.maxIter ?? 100;
  const { n } = graph;
  if (n === 0) return { scores: new Float64Array(0), iterations: 0, error: 0, converged: true };
  const adj = (options.direction ?? 'in') === 'in' ? graph.in : graph.undirected;
  const { offsets, nodes } = adj;
  const weights = weighted ? adj.weights : null;

  let x = new Float64Array(n);
  if (options.start === undefined) {
    x.fill(1 / n);
  } else {
    const s = options.start;
    if (s.length !== n)
      throw new RangeError(`eigenvector: start has ${s.length} values, need ${n}`);
    let sum = 0;
    for (let i = 0; i < n; i++) sum += s[i]!;
    if (sum === 0) throw new RangeError('eigenvector: start vector sums to 0');
    for (let i = 0; i < n; i++) x[i] = s[i]! / sum;
  }
  let next = new Float64Array(n);
  let iterations = 0;
  let error = Infinity;
  while (iterations < maxIter) {
    iterations++;
    let squares = 0;
    for (let v = 0; v < n; v++) {
      let s = x[v]!;
      const end = offsets[v + 1]!;
      if (weights !== null) {
        for (let k = offsets[v]!; k < end; k++) s += weights[k]! * x[nodes[k]!]!;
      } else {
        for (let k = offsets[v]!; k < end; k++) s += x[nodes[k]!]!;
      }
      next[v] = s;
      squares += s * s;
    }
    const norm = Math.sqrt(squares) || 1;
    const f = 1 / norm;
    error = 0;
    for (let v = 0; v < n; v++) {
      const value = next[v]! * f;
      next[v] = value;
      error += Math.abs(value - x[v]!);
    }
    const t = x;
    x = next;
    next = t;
    if (error < n * tol) return { scores: x, iterations, error, converged: true };
  }
  return { scores: x, iterations, error, converged: false };
}
