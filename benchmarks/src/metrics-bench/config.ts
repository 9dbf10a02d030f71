/**
 * metrics-bench: its paths, graphs, metric labels, the plan and result types, and the result
 * store (benchmarks/out/metrics/results.json) with the dump and sample files of each case.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BETWEENNESS_K, type Metric } from '../metrics-child.js';

export type Tool = 'chainlens' | 'igraph' | 'networkx';

export const TOOLS: Tool[] = ['chainlens', 'igraph', 'networkx'];

export const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

export const ROOT = here('../../../');

const OUT = here('../../out/');

export const STORE_DIR = `${OUT}metrics/`;

export const STORE = `${STORE_DIR}results.json`;

export const RESULTS = here('../../RESULTS.md');

export const CHILD = here('../metrics-child.js');

export const PEER = here('../../peers/peer_metrics.py');

/** Closeness on the 1M graph: nodes timed per tool, then extrapolated to all n. */
export const CLOSENESS_SAMPLE_1M = { chainlens: 200, igraph: 200, networkx: 10 };

export const SECTION = '## Metrics beside igraph and NetworkX';

export const COMMAND = 'npx -y pnpm@10.34.9 run bench:metrics';

export const SEED = 42;

export interface GraphCase {
  label: string;
  title: string;
  spec: string;
  gen?: { nodes: number; edges: number };
}

export function graphs(): GraphCase[] {
  const gen = (nodes: number, edges: number, label: string): GraphCase => ({
    label,
    title: `synthetic ${nodes.toLocaleString('en-US')} nodes / ${edges.toLocaleString('en-US')} arcs (seed ${SEED})`,
    spec: `edges:${OUT}edges-${nodes}-${edges}-s${SEED}.csv`,
    gen: { nodes, edges },
  });
  return [
    gen(10_000, 100_000, '10k'),
    gen(100_000, 1_000_000, '1M'),
    {
      label: 'cn-listed',
      title: 'cn-listed, inferred-supply relations (shipped real data)',
      spec: `dataset:${ROOT}datasets/cn-listed:inferred-supply`,
    },
  ];
}

export const LABELS: Record<Metric, string> = {
  load: 'load',
  degree: 'degree + strength (in, out)',
  pagerank: 'PageRank',
  pagerank_2w: 'PageRank, 2 workers',
  pagerank_reverse: 'reverse PageRank',
  hits: 'HITS (hubs + authorities)',
  eigenvector: 'eigenvector',
  closeness: 'closeness + harmonic',
  kcore: 'k-core',
  wcc: 'WCC',
  scc: 'SCC',
  cutpoints: 'articulation points + bridges',
  louvain: 'Louvain incl. projection',
  betweenness_sampled: `betweenness, k = ${BETWEENNESS_K} sampled`,
  betweenness_sampled_2w: `betweenness, k = ${BETWEENNESS_K} sampled, 2 workers`,
  betweenness: 'betweenness, exact',
  betweenness_2w: 'betweenness, exact, 2 workers',
};

/** One planned (graph, metric, tool) case. */
export interface Plan {
  graph: GraphCase;
  metric: Metric;
  tool: Tool;
  runs: number;
  /** Peers: time only this many sources / nodes and extrapolate. */
  limit?: number;
  /** Why the case is not run (shown instead of a time). */
  skip?: string;
}

export interface Runs {
  chainlens: number;
  igraph: number;
  networkx: number;
}

/** What one process reported (both the Node child and the Python peer print this shape). */
export interface Run {
  n: number;
  loadMs: number;
  buildMs: number;
  /** chainlens: the snapshot build after the compact graph (merge, transpose, projection). */
  snapshotMs?: number;
  metricMs: number;
  /** Median of warm repeated calls in the same process (when the metric is fast enough). */
  warmMs?: number;
  warmRuns?: number;
  projectMs?: number;
  reverseMs?: number;
  peakRssLoaded: number;
  peakRss: number;
  info: Record<string, unknown>;
}

export interface CaseResult {
  graph: string;
  metric: Metric;
  tool: Tool;
  runs: Run[];
  /** Metric time to report per run: extrapolated, or with the snapshot build for Louvain. */
  times: number[];
  /** The same for the warm repeated calls, for the runs that have them. */
  warm?: number[];
  /** 1-minute load average of the machine as each process started. */
  loads?: number[];
  note?: string;
  skip?: string;
  timedOut?: number;
  error?: string;
  date: string;
}

export type Store = Record<string, CaseResult>;

export const key = (graph: string, metric: string, tool: string) => `${graph}|${metric}|${tool}`;

export function loadStore(): Store {
  return existsSync(STORE) ? (JSON.parse(readFileSync(STORE, 'utf8')) as Store) : {};
}

export function dumpFile(p: Plan): string {
  return `${STORE_DIR}${p.graph.label}-${p.metric}-${p.tool}.json`;
}

/** The node ids chainlens sampled (betweenness sources, closeness nodes), for the peers. */
export function sourcesFile(g: GraphCase, metric: Metric): string {
  return metric === 'closeness'
    ? `${STORE_DIR}${g.label}-closeness-nodes.json`
    : `${STORE_DIR}${g.label}-sources-k${BETWEENNESS_K}.json`;
}

/** Whether the peers of this case use the nodes chainlens sampled. */
export const sharedSample = (p: Plan) =>
  p.metric === 'betweenness_sampled' || (p.metric === 'closeness' && p.graph.label === '1M');
