/**
 * Chain completeness (产业链完整度) of a cluster against a template, DESIGN §3 and
 * anchors.md §3.1. No standard formula exists in the literature (Chinese studies use composite
 * indicator systems); these definitions are Chainlens's own and documented in
 * docs/chain-analysis/completeness.md.
 *
 * Notation: segments s with weights w_s, feeds F, n_s = companies of the cluster in s.
 * - coverage      K_cov  = Σ_{s: n_s ≥ 1} w_s / Σ_s w_s
 * - redundancy    K_red  = Σ_s w_s · min(1, n_s / r) / Σ_s w_s   (r = 2: one firm = half covered)
 * - link          K_link = |{(s,t) ∈ F : n_s ≥ 1 ∧ n_t ≥ 1}| / |F|
 * - path          K_path = P_present / P_all, source-to-sink paths of the template DAG counted by
 *                 dynamic programming in topological order (P(t) = Σ_{s→t} P(s), P(source) = 1),
 *                 P_present with absent segments removed.
 * Every figure is computed from the counts n_s alone, so what-if, portfolio and resilience
 * recompute it in O(S + F) after changing counts.
 */
import type { Stage } from '../graph/types.js';
import { STAGES } from '../graph/types.js';
import type { ChainContext } from './context.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import { chainFirms, isInferredRelation } from './context.js';
import type { ChainStructure } from './structure.js';

export interface CompletenessOptions {
  /** `redundancy` number [2]: firms a segment needs to count as fully covered in K_red. */
  redundancy?: number;
}

export interface StageCompleteness {
  /** K_cov over the segments of this stage; null when the template has none. */
  coverage: number | null;
  /** K_red over the segments of this stage; null when the template has none. */
  redundancy: number | null;
  /** Segments of this stage, and how many of them have a local company. */
  segments: number;
  present: number;
}

export interface Completeness {
  coverage: number;
  redundancy: number;
  /** K_link; 1 when the template has no feeds. */
  link: number;
  /** K_path; 1 when the template has no feeds (every segment is its own path). */
  path: number;
  /** P_all and P_present: source-to-sink paths of the template, all and all-present. */
  paths: { all: number; present: number };
  /** Feeds of the template, and how many have both ends present. */
  feeds: { all: number; present: number };
  /** Segments of the template, and how many have a local company. */
  segments: { all: number; present: number };
  byStage: Record<Stage, StageCompleteness>;
}

/** Completeness from per-segment counts n_s (any numbers ≥ 0; present means n_s ≥ 1). */
export function completenessFromCounts(
  structure: ChainStructure,
  counts: ArrayLike<number>,
  options: CompletenessOptions = {},
): Completeness {
  const r = options.redundancy ?? ANALYZE_DEFAULTS.redundancy;
  if (!(r > 0)) throw new RangeError(`redundancy must be > 0, got ${r}`);
  const S = structure.size;
  const w = structure.weights;
  const present = (s: number) => counts[s]! >= 1;

  let wAll = 0;
  let wCov = 0;
  let wRed = 0;
  let nPresent = 0;
  const stageAcc = new Map<Stage, { w: number; cov: number; red: number; n: number; p: number }>();
  for (const stage of STAGES) stageAcc.set(stage, { w: 0, cov: 0, red: 0, n: 0, p: 0 });
  for (let s = 0; s < S; s++) {
    const ws = w[s]!;
    const red = ws * Math.min(1, counts[s]! / r);
    const acc = stageAcc.get(structure.stages[s]!)!;
    wAll += ws;
    acc.w += ws;
    acc.n++;
    wRed += red;
    acc.red += red;
    if (present(s)) {
      wCov += ws;
      acc.cov += ws;
      acc.p++;
      nPresent++;
    }
  }

  let feedsPresent = 0;
  for (const [a, b] of structure.feeds) if (present(a) && present(b)) feedsPresent++;

  const { all: pathsAll, present: pathsPresent } = countPaths(structure, counts);

  const ratio = (a: number, b: number, empty: number) => (b > 0 ? a / b : empty);
  const byStage = {} as Record<Stage, StageCompleteness>;
  for (const stage of STAGES) {
    const acc = stageAcc.get(stage)!;
    byStage[stage] = {
      coverage: acc.n === 0 ? null : ratio(acc.cov, acc.w, 0),
      redundancy: acc.n === 0 ? null : ratio(acc.red, acc.w, 0),
      segments: acc.n,
      present: acc.p,
    };
  }
  return {
    coverage: ratio(wCov, wAll, 0),
    redundancy: ratio(wRed, wAll, 0),
    link: ratio(feedsPresent, structure.feeds.length, 1),
    path: ratio(pathsPresent, pathsAll, 0),
    paths: { all: pathsAll, present: pathsPresent },
    feeds: { all: structure.feeds.length, present: feedsPresent },
    segments: { all: S, present: nPresent },
    byStage,
  };
}

/**
 * One figure of {@link completenessFromCounts} — `coverage`, `redundancy`, `link` or `path` —
 * computed alone with the same operations in the same order, so bit-identical to it, without
 * the per-stage figures and the objects: for curves that evaluate it after every removal
 * (resilience: 125,000 evaluations per curve for a city of the national registry).
 */
export function completenessFigure(
  structure: ChainStructure,
  counts: ArrayLike<number>,
  figure: 'coverage' | 'redundancy' | 'link' | 'path',
  options: CompletenessOptions = {},
): number {
  const r = options.redundancy ?? ANALYZE_DEFAULTS.redundancy;
  if (!(r > 0)) throw new RangeError(`redundancy must be > 0, got ${r}`);
  const S = structure.size;
  const w = structure.weights;
  if (figure === 'coverage' || figure === 'redundancy') {
    let wAll = 0;
    let wFigure = 0;
    for (let s = 0; s < S; s++) {
      const ws = w[s]!;
      wAll += ws;
      if (figure === 'redundancy') wFigure += ws * Math.min(1, counts[s]! / r);
      else if (counts[s]! >= 1) wFigure += ws;
    }
    return wAll > 0 ? wFigure / wAll : 0;
  }
  if (figure === 'link') {
    let feedsPresent = 0;
    for (const [a, b] of structure.feeds) if (counts[a]! >= 1 && counts[b]! >= 1) feedsPresent++;
    return structure.feeds.length > 0 ? feedsPresent / structure.feeds.length : 1;
  }
  if (figure !== 'path') throw new RangeError(`unknown completeness figure '${String(figure)}'`);
  const paths = countPaths(structure, counts);
  return paths.all > 0 ? paths.present / paths.all : 0;
}

/**
 * Source-to-end paths of the template, all and those through present segments only (n_s ≥ 1):
 * counted in topological order (dynamic programming, no enumeration); a segment with no inputs
 * starts one path, a segment with no outputs ends them.
 */
function countPaths(
  structure: ChainStructure,
  counts: ArrayLike<number>,
): { all: number; present: number } {
  const all = new Float64Array(structure.size);
  const live = new Float64Array(structure.size);
  let pathsAll = 0;
  let pathsPresent = 0;
  for (const s of structure.order) {
    const inputs = structure.inputs[s]!;
    const present = counts[s]! >= 1;
    if (inputs.length === 0) {
      all[s] = 1;
      live[s] = present ? 1 : 0;
    } else {
      let a = 0;
      let l = 0;
      for (const t of inputs) {
        a += all[t]!;
        l += live[t]!;
      }
      all[s] = a;
      live[s] = present ? l : 0;
    }
    if (structure.outputs[s]!.length === 0) {
      pathsAll += all[s]!;
      pathsPresent += live[s]!;
    }
  }
  return { all: pathsAll, present: pathsPresent };
}

/** Completeness of the context's cluster. */
export function completeness(ctx: ChainContext, options: CompletenessOptions = {}): Completeness {
  return completenessFromCounts(ctx.structure, ctx.counts, options);
}

export interface LocalSupplyRatio {
  /** Σ weight of supply bought by the chain's local firms from local suppliers / Σ bought; null when they buy nothing. */
  byValue: number | null;
  /** Share of the chain's local firms' supplier links that come from local suppliers; null when none. */
  byCount: number | null;
  /** Supply edges into the chain's local firms, and how many of them are local. */
  edges: number;
  localEdges: number;
  /** How many of those edges are inferred (not observed) supply. */
  inferredEdges: number;
}

/**
 * Local supply ratio (本地配套率), by value and by count: of the supply bought by the cluster's
 * chain firms (cluster companies holding a segment of the template), the share bought from
 * suppliers inside the cluster. Buyers are restricted to chain firms so that a bank's
 * electricity bill does not dilute a battery chain's figure; suppliers may be any company.
 */
export function localSupplyRatio(ctx: ChainContext): LocalSupplyRatio {
  const g = ctx.supply;
  let total = 0;
  let local = 0;
  let edges = 0;
  let localEdges = 0;
  let inferredEdges = 0;
  for (const buyer of chainFirms(ctx)) {
    for (let e = g.inOffsets[buyer]!; e < g.inOffsets[buyer + 1]!; e++) {
      const supplier = g.inSources[e]!;
      if (supplier === buyer) continue;
      const w = g.inWeights[e]!;
      edges++;
      total += w;
      if (isInferredRelation(ctx, g.inRelations[e]!)) inferredEdges++;
      if (ctx.inCluster[supplier]) {
        local += w;
        localEdges++;
      }
    }
  }
  return {
    byValue: total > 0 ? local / total : null,
    byCount: edges > 0 ? localEdges / edges : null,
    edges,
    localEdges,
    inferredEdges,
  };
}
