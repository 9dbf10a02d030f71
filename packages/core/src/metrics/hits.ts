/**
 * HITS hubs and authorities (Kleinberg 1999, "Authoritative sources in a hyperlinked
 * environment", J. ACM 46(5)) on the CSR snapshot.
 *
 * NetworkX 2.8.8's `nx.hits` takes the leading singular vectors of the weighted adjacency matrix A
 * (`scipy.sparse.linalg.svds` of `nx.adjacency_matrix(G)`, which uses the `weight` attribute):
 * authorities a = the leading eigenvector of AᵀA, hubs h = A·a, both normalised to sum 1.
 * This module computes that eigenvector with the Lanczos method (Lanczos 1950; explicitly
 * restarted, with full reorthogonalisation: Golub & Van Loan, "Matrix Computations", §10.1),
 * which needs several times fewer products with A and Aᵀ than the plain power iteration:
 * Krylov space of AᵀA started from Aᵀ·1 (NetworkX's power iteration `_hits_python` starts from
 * the uniform hub vector, so its first authority vector is Aᵀ·1 too).
 *
 * - Direction: a hub points at (supplies) good authorities; an authority is pointed at by good
 *   hubs. In a supply view: hubs = suppliers of many important buyers, authorities = buyers of
 *   many important suppliers.
 * - Weighting: arc weights (parallel arcs summed), as NetworkX; `weighted: false` counts each
 *   distinct arc as 1. Self-loops count as arcs.
 * - Normalisation: hubs and authorities each sum to 1 (all zeros when the graph has no arcs of
 *   positive weight).
 * - Convergence: stops when the relative residual ‖AᵀA·a − θa‖₂ / θ (a of norm 1, θ the Ritz
 *   value) is below `tol`, or after `maxIter` products with AᵀA, and reports it instead of
 *   throwing. The error of the vector is about residual / (θ − θ₂) (θ₂ the second eigenvalue).
 *   When the leading singular value is not simple (e.g. a directed path), the answer is the
 *   projection of the start Aᵀ·1 on the leading eigenspace, as NetworkX's power iteration from
 *   the uniform start gives (its ARPACK-based `nx.hits` may give another vector of that space).
 * - Cost: O(n + m) per product (two sparse products, both pulled over the CSR), plus
 *   O(k·n) per step for reorthogonalisation; memory O(k·n) with k = min(n, 20) Lanczos vectors.
 */
import type { MetricGraph } from '../graph/snapshot.js';

export interface HitsOptions {
  /** `weighted` boolean [true]: use arc weights; false counts every distinct arc as 1. */
  weighted?: boolean;
  /** `tol` number [1e-10]: stop when the relative residual of the authority vector is below. */
  tol?: number;
  /** `maxIter` number [1000]: cap on products with AᵀA (each is one with A and one with Aᵀ). */
  maxIter?: number;
}

export interface HitsResult {
  /** Hub score per node; sums to 1. */
  hubs: Float64Array;
  /** Authority score per node; sums to 1. */
  authorities: Float64Array;
  /** Products with AᵀA made. */
  iterations: number;
  /** Relative residual ‖AᵀA·a − θa‖₂ / θ of the returned authority vector (a of norm 1). */
  error: number;
  /** Whether error < tol was reached within maxIter. */
  converged: boolean;
}

/** Lanczos vectors kept per restart cycle. */
const KRYLOV = 20;

/** y = B·x pulled over a CSR: y[u] = Σ_k w_k x[nodes_k] over u's list. */
function multiply(
  n: number,
  offsets: Int32Array,
  nodes: Int32Array,
  weights: Float64Array | null,
  x: Float64Array,
  y: Float64Array,
): void {
  for (let u = 0; u < n; u++) {
    let s = 0;
    const end = offsets[u + 1]!;
    if (weights !== null) {
      for (let k = offsets[u]!; k < end; k++) s += weights[k]! * x[nodes[k]!]!;
    } else {
      for (let k = offsets[u]!; k < end; k++) s += x[nodes[k]!]!;
    }
    y[u] = s;
  }
}

function dot(x: Float64Array, y: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * y[i]!;
  return s;
}

/** x ← x · f. */
function scale(x: Float64Array, f: number): void {
  for (let i = 0; i < x.length; i++) x[i]! *= f;
}

/**
 * The largest eigenvalue of the symmetric tridiagonal matrix (diagonal `alpha`, off-diagonal
 * `beta`) of size k and its unit eigenvector, by the cyclic Jacobi method (k ≤ 20: negligible).
 */
function topEigenpair(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
): { value: number; vector: Float64Array } {
  const a = new Float64Array(k * k);
  const v = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    a[i * k + i] = alpha[i]!;
    v[i * k + i] = 1;
    if (i + 1 < k) a[i * k + i + 1] = a[(i + 1) * k + i] = beta[i]!;
  }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let norm = 0;
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const x = a[i * k + j]! * a[i * k + j]!;
        norm += x;
        if (i !== j) off += x;
      }
    }
    if (off <= 1e-32 * norm) break;
    for (let p = 0; p < k - 1; p++) {
      for (let q = p + 1; q < k; q++) {
        const apq = a[p * k + q]!;
        if (apq === 0) continue;
        const theta = (a[q * k + q]! - a[p * k + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let r = 0; r < k; r++) {
          const arp = a[r * k + p]!;
          const arq = a[r * k + q]!;
          a[r * k + p] = c * arp - s * arq;
          a[r * k + q] = s * arp + c * arq;
        }
        for (let r = 0; r < k; r++) {
          const apr = a[p * k + r]!;
          const aqr = a[q * k + r]!;
          a[p * k + r] = c * apr - s * aqr;
          a[q * k + r] = s * apr + c * aqr;
        }
        for (let r = 0; r < k; r++) {
          const vrp = v[r * k + p]!;
          const vrq = v[r * k + q]!;
          v[r * k + p] = c * vrp - s * vrq;
          v[r * k + q] = s * vrp + c * vrq;
        }
      }
    }
  }
  let best = 0;
  for (let i = 1; i < k; i++) if (a[i * k + i]! > a[best * k + best]!) best = i;
  const vector = new Float64Array(k);
  for (let i = 0; i < k; i++) vector[i] = v[i * k + best]!;
  return { value: a[best * k + best]!, vector };
}

/** HITS hubs and authorities of every node; see the module comment. Matches `nx.hits(G)`. */
export function hits(graph: MetricGraph, options: HitsOptions = {}): HitsResult {
  const weighted = options.weighted ?? true;
  const tol = options.tol ?? 1e-10;
  const maxIter = options.maxIter ?? 1000;
  const { n } = graph;
  const out = graph.out;
  const inn = graph.in;
  const outW = weighted ? out.weights : null;
  const inW = weighted ? inn.weights : null;
  const hubs = new Float64Array(n);
  /** y = AᵀA·x (hubs used as scratch). */
  const product = (x: Float64Array, y: Float64Array) => {
    multiply(n, out.offsets, out.nodes, outW, x, hubs);
    multiply(n, inn.offsets, inn.nodes, inW, hubs, y);
  };

  // Start: a₀ = Aᵀ·1, zero exactly where a node has no in-arc (so are all Krylov vectors).
  let current = new Float64Array(n);
  hubs.fill(1);
  multiply(n, inn.offsets, inn.nodes, inW, hubs, current);
  const startNorm = Math.sqrt(dot(current, current));
  if (!(startNorm > 0)) {
    hubs.fill(0);
    return { hubs, authorities: current, iterations: 0, error: 0, converged: true };
  }
  scale(current, 1 / startNorm);

  const k = Math.min(KRYLOV, n);
  const basis = Array.from({ length: k }, () => new Float64Array(n));
  const w = new Float64Array(n);
  const alpha = new Float64Array(k);
  const beta = new Float64Array(k);
  let iterations = 0;
  let error = Infinity;
  let converged = false;
  while (!converged && iterations < maxIter) {
    basis[0]!.set(current);
    let size = 0;
    let value = 0;
    let vector: Float64Array = new Float64Array(1);
    for (let j = 0; j < k && iterations < maxIter; j++) {
      const vj = basis[j]!;
      product(vj, w);
      iterations++;
      size = j + 1;
      // Three-term recurrence, then one full reorthogonalisation pass (classical Gram–Schmidt
      // against every Lanczos vector), its corrections folded into alpha.
      let a = dot(w, vj);
      const b = j > 0 ? beta[j - 1]! : 0;
      const vPrev = j > 0 ? basis[j - 1]! : vj;
      for (let r = 0; r < n; r++) w[r]! -= a * vj[r]! + b * vPrev[r]!;
      for (let i = 0; i <= j; i++) {
        const vi = basis[i]!;
        const c = dot(w, vi);
        if (i === j) a += c;
        for (let r = 0; r < n; r++) w[r]! -= c * vi[r]!;
      }
      alpha[j] = a;
      const bj = Math.sqrt(dot(w, w));
      beta[j] = bj;
      // Ritz pair of the tridiagonal matrix so far; its residual norm is |β_j · s_j|.
      ({ value, vector } = topEigenpair(alpha, beta, size));
      error = value > 0 ? Math.abs(bj * vector[j]!) / value : 0;
      // Converged, or an invariant subspace (tiny β): the Ritz pair is exact.
      if (error < tol || bj <= 1e-14 * value) {
        converged = true;
        break;
      }
      if (j + 1 === k) break;
      basis[j + 1]!.set(w);
      scale(basis[j + 1]!, 1 / bj);
    }
    // Ritz vector: the restart vector, or the answer.
    const next = new Float64Array(n);
    for (let i = 0; i < size; i++) {
      const vi = basis[i]!;
      const c = vector[i]!;
      for (let r = 0; r < n; r++) next[r]! += c * vi[r]!;
    }
    scale(next, 1 / Math.sqrt(dot(next, next)));
    current = next;
  }

  // Sign (a Perron vector is non-negative), clip round-off below 0, normalise to sum 1.
  let total = 0;
  for (let i = 0; i < n; i++) total += current[i]!;
  const sign = total < 0 ? -1 : 1;
  total = 0;
  for (let i = 0; i < n; i++) {
    const x = Math.max(0, sign * current[i]!);
    current[i] = x;
    total += x;
  }
  scale(current, 1 / total);
  multiply(n, out.offsets, out.nodes, outW, current, hubs);
  let hubTotal = 0;
  for (let i = 0; i < n; i++) hubTotal += hubs[i]!;
  if (hubTotal > 0) scale(hubs, 1 / hubTotal);
  return { hubs, authorities: current, iterations, error, converged };
}
