/**
 * The per-company metrics table of DESIGN §6 (`chainlens metrics`, GEXF/GraphML exports, the
 * viewer's node sizes): every centrality, the k-core, the Louvain community and articulation
 * points of one view, in one place so that every consumer agrees.
 *
 * Conventions (those of packages/core/README.md for each metric): degrees count distinct
 * arcs of the simple view; PageRank weighted, α = 0.85, tolerance tight enough (1e-10 per node)
 * that the table does not move between runs; reverse PageRank = PageRank on the reversed view
 * (upstream influence); betweenness directed and normalised as NetworkX, exact up to
 * `exactBetweennessLimit` nodes, else sampled from `betweennessK` seeded sources; closeness and
 * harmonic on incoming distances, exact, up to `exactClosenessLimit` nodes (a BFS from every
 * node: O(n·(n + m)); above, the two columns are NaN — not computed — and `info.closeness` says
 * so); eigenvector on in-arcs (NetworkX); HITS hubs/authorities; core number of the undirected
 * projection; Louvain on the undirected projection, seeded; articulation points of the undirected projection.
 */
import type { MetricGraph } from '../graph/snapshot.js';
import type { BetweennessResult } from '../metrics/betweenness.js';
import { betweenness } from '../metrics/betweenness.js';
import { closenessCentrality } from '../metrics/closeness.js';
import { cutPoints } from '../metrics/cutpoints.js';
import { degree } from '../metrics/degree.js';
import { eigenvectorCentrality } from '../metrics/eigenvector.js';
import { hits } from '../metrics/hits.js';
import { coreNumber } from '../metrics/kcore.js';
import { louvain } from '../metrics/louvain.js';
import { pagerank, pagerankReverse } from '../metrics/pagerank.js';

/**
 * The PageRank parameters of the table (both directions): α, the per-node tolerance (stop when
 * the L1 change is below n·tol) and the iteration cap. `chainlens export --to bundle` writes them
 * into job.json so that the Spark job computes the same columns.
 */
export const METRICS_TABLE_PAGERANK = { alpha: 0.85, tol: 1e-10, maxIter: 1000 } as const;

/** Column order of the table (DESIGN §6). */
export const METRIC_COLUMNS = [
  'degree_in',
  'degree_out',
  'pagerank',
  'pagerank_reverse',
  'betweenness',
  'closeness',
  'harmonic',
  'eigenvector',
  'hub',
  'authority',
  'core',
  'community',
  'articulation',
] as const;
export type MetricColumn = (typeof METRIC_COLUMNS)[number];

export interface MetricsTableOptions {
  /** `seed` number [1]: seed of Louvain and of the betweenness source sample. */
  seed?: number;
  /** `exactBetweennessLimit` number [5000]: nodes up to which betweenness is exact. */
  exactBetweennessLimit?: number;
  /** `betweennessK` number [256]: sampled sources above the limit (Brandes & Pich 2007). */
  betweennessK?: number;
  /**
   * `betweenness` BetweennessResult [computed here]: a result computed elsewhere with the same
   * k and seed (e.g. on worker threads), used as is.
   */
  betweenness?: BetweennessResult;
  /**
   * `exactClosenessLimit` number [20000]: nodes up to which closeness and harmonic are computed
   * (one BFS per node, O(n·(n + m)): minutes at 20k nodes / 100k arcs, days at a million); above,
   * their columns are NaN.
   */
  exactClosenessLimit?: number;
  /** `resolution` number [1]: Louvain resolution γ. */
  resolution?: number;
  /** `onStep` (step, done, total) => void [none]: called before each metric runs. */
  onStep?: (step: string, done: number, total: number) => void;
}

export interface MetricsTable {
  n: number;
  columns: Record<MetricColumn, Float64Array | Int32Array | Uint8Array>;
  /** How each figure was computed, for the report and the CSV's readers. */
  info: {
    pagerank: { iterations: number; converged: boolean };
    pagerankReverse: { iterations: number; converged: boolean };
    betweenness: { exact: boolean; k: number; seed: number | null };
    /** Whether closeness and harmonic were computed (n ≤ `limit`), else their columns are NaN. */
    closeness: { computed: boolean; limit: number };
    eigenvector: { iterations: number; converged: boolean };
    hits: { iterations: number; converged: boolean };
    communities: { count: number; modularity: number; seed: number; split: number };
  };
}

/** The betweenness the table uses for `graph`: its k (n when exact) and seed. */
export function metricsTableBetweennessPlan(
  graph: MetricGraph,
  options: Pick<MetricsTableOptions, 'seed' | 'exactBetweennessLimit' | 'betweennessK'> = {},
): { k: number | undefined; seed: number } {
  const limit = options.exactBetweennessLimit ?? 5000;
  const k = Math.min(options.betweennessK ?? 256, graph.n);
  return { k: graph.n <= limit ? undefined : k, seed: options.seed ?? 1 };
}

/** Computes every column of the metrics table on one view. */
export function metricsTable(graph: MetricGraph, options: MetricsTableOptions = {}): MetricsTable {
  const steps = [
    'degree',
    'pagerank',
    'betweenness',
    'closeness',
    'eigenvector',
    'hits',
    'k-core',
    'communities',
    'cut points',
  ];
  let done = 0;
  const step = (name: string) => options.onStep?.(name, done++, steps.length);
  const seed = options.seed ?? 1;

  step('degree');
  const deg = degree(graph);
  step('pagerank');
  const pr = pagerank(graph, METRICS_TABLE_PAGERANK);
  const prr = pagerankReverse(graph, METRICS_TABLE_PAGERANK);
  step('betweenness');
  const plan = metricsTableBetweennessPlan(graph, options);
  const bc =
    options.betweenness ??
    betweenness(graph, plan.k === undefined ? {} : { k: plan.k, seed: plan.seed });
  step('closeness');
  const closenessLimit = options.exactClosenessLimit ?? 20_000;
  const cl = graph.n <= closenessLimit ? closenessCentrality(graph) : null;
  step('eigenvector');
  const ev = eigenvectorCentrality(graph);
  step('hits');
  const h = hits(graph);
  step('k-core');
  const core = coreNumber(graph);
  step('communities');
  const lv = louvain(graph, { seed, resolution: options.resolution ?? 1 });
  step('cut points');
  const cut = cutPoints(graph);
  options.onStep?.('done', steps.length, steps.length);

  return {
    n: graph.n,
    columns: {
      degree_in: deg.in,
      degree_out: deg.out,
      pagerank: pr.scores,
      pagerank_reverse: prr.scores,
      betweenness: bc.values,
      closeness: cl ? cl.closeness : new Float64Array(graph.n).fill(NaN),
      harmonic: cl ? cl.harmonic : new Float64Array(graph.n).fill(NaN),
      eigenvector: ev.scores,
      hub: h.hubs,
      authority: h.authorities,
      core,
      community: lv.community,
      articulation: cut.isArticulation,
    },
    info: {
      pagerank: { iterations: pr.iterations, converged: pr.converged },
      pagerankReverse: { iterations: prr.iterations, converged: prr.converged },
      betweenness: { exact: bc.k === graph.n, k: bc.k, seed: bc.seed },
      closeness: { computed: cl !== null, limit: closenessLimit },
      eigenvector: { iterations: ev.iterations, converged: ev.converged },
      hits: { iterations: h.iterations, converged: h.converged },
      communities: { count: lv.count, modularity: lv.modularity, seed: lv.seed, split: lv.split },
    },
  };
}
