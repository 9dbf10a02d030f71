/**
 * One measurement process of the metrics benchmark (started by metrics-bench.js): loads one
 * graph, builds the metric snapshot, runs one metric once, cold (the first call in a fresh
 * process, as one `chainlens metrics` command does), and prints one JSON line (`ChildResult`).
 *
 *   node benchmarks/dist/metrics-child.js --graph edges:benchmarks/out/edges-10000-100000-s42.csv \
 *     --metric pagerank [--dump FILE] [--sources FILE]
 *
 * Graphs: `edges:FILE` (a bare edge list, loadEdgeList) or `dataset:DIR[:TYPE]` (a dataset
 * folder, readDataset; the view of relation type TYPE when given). `--dump` writes the result
 * vectors keyed by node id (for the runner's cross-checks against igraph and NetworkX);
 * `--sources` writes the ids of the sampled betweenness sources, or of the nodes sampled for
 * closeness (the peers then use the same).
 *
 * `--limit N` (closeness only): compute closeness and harmonic for N nodes drawn with
 * `createRng(seed)` (`--seed`, default 1) instead of all n, one slice call per node, and report
 * `sampled` / `of` for the runner to extrapolate (closeness is O(n·m): all 100k nodes of the
 * 1M-arc graph would take minutes).
 *
 * `--repeat`: after the cold call, time further calls with tinybench (at least 3 and 0.5 s in
 * all; only when the cold call took under 1.5 s) and report their median as `warmMs`. The
 * reported peak RSS is taken after the cold call, before the repeats.
 *
 * The two-worker cases (`_2w`) call `betweennessParallel` / `pagerankParallel` of
 * `@chainlens/scale/parallel`, the runner the CLI uses (imported, so a missing build fails the
 * run instead of skipping), worker start-up included in the time, as a command pays it.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  betweenness,
  buildCompactGraph,
  closenessCentrality,
  coreNumber,
  createRng,
  cutPoints,
  degree,
  eigenvectorCentrality,
  hits,
  louvain,
  metricGraphFromCompact,
  pagerank,
  pagerankReverse,
  sampleWithoutReplacement,
  stronglyConnectedComponents,
  weaklyConnectedComponents,
  type BetweennessOptions,
  type Dataset,
  type MetricGraph,
  type RelationType,
} from '@chainlens/core';
import { loadEdgeList } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { betweennessParallel, pagerankParallel } from '@chainlens/scale/parallel';
import { Bench } from 'tinybench';

/** Every metric the benchmark knows, in table order. */
export const METRICS = [
  'load',
  'degree',
  'pagerank',
  'pagerank_2w',
  'pagerank_reverse',
  'hits',
  'eigenvector',
  'closeness',
  'kcore',
  'wcc',
  'scc',
  'cutpoints',
  'louvain',
  'betweenness_sampled',
  'betweenness_sampled_2w',
  'betweenness',
  'betweenness_2w',
] as const;
export type Metric = (typeof METRICS)[number];

/** PageRank: stop when the L1 change is below this (PRPACK's tolerance in igraph). */
export const PAGERANK_L1_TOL = 1e-10;
/** Sampled betweenness: sources and seed. */
export const BETWEENNESS_K = 256;
export const BETWEENNESS_SEED = 1;
export const LOUVAIN_SEED = 0;
/**
 * Eigenvector: stop when the L1 change is below this (`tol` = this / n), far tighter than
 * NetworkX's default n·1e-6 (an L1 change of 0.1 on the 1M-arc graph), so that the result is
 * comparable with ARPACK's (igraph, `nx.eigenvector_centrality_numpy`); the cap leaves room
 * for the slow convergence of the 10k graph (about 1,000 iterations).
 */
export const EIGENVECTOR_L1_TOL = 1e-10;
export const EIGENVECTOR_MAX_ITER = 5000;
/** Repeat timing: only metrics whose cold call is faster than this. */
export const REPEAT_BELOW_MS = 1500;

export interface ChildResult {
  tool: 'chainlens';
  n: number;
  arcs: number;
  edges: number;
  /** File(s) → validated dataset tables, ms. */
  loadMs: number;
  /** Dataset → metric snapshot (compact graph, out/in CSR, undirected projection), ms. */
  buildMs: number;
  /**
   * The part of `buildMs` after the compact graph (`metricGraphFromCompact`: parallel arcs
   * merged, transpose, undirected projection), ms: what Louvain's time "including the
   * projection" adds (the compact graph, like igraph's `Graph`, is the loaded graph).
   */
  snapshotMs: number;
  /** The metric alone, ms (the cold, first call). */
  metricMs: number;
  /** Median of the repeated (warm) calls, ms, with `--repeat`. */
  warmMs?: number;
  /** Number of repeated calls behind `warmMs`. */
  warmRuns?: number;
  /** Peak RSS (bytes) once the snapshot is built, before the metric. */
  peakRssLoaded: number;
  /** Peak RSS (bytes) of the process after the cold call (before any repeats). */
  peakRss: number;
  /** Small facts about the result (iterations, counts, modularity, ...). */
  info: Record<string, unknown>;
}

const peakRss = () => process.resourceUsage().maxRSS * 1024;

function load(spec: string): Dataset {
  const [kind, ...rest] = spec.split(':');
  if (kind === 'edges') {
    const file = rest.join(':');
    return loadEdgeList(readFileSync(file), file).dataset;
  }
  if (kind === 'dataset') return readDataset(rest[0]!).dataset;
  throw new Error(`unknown graph spec '${spec}' (edges:FILE or dataset:DIR[:TYPE])`);
}

function viewOf(spec: string): { types?: RelationType[] } {
  const parts = spec.split(':');
  return parts[0] === 'dataset' && parts[2] ? { types: [parts[2] as RelationType] } : {};
}

interface Outcome {
  vectors: Record<string, ArrayLike<number>>;
  info: Record<string, unknown>;
}

/** Closeness and harmonic of the given nodes only (one slice call per node). */
function closenessOf(g: MetricGraph, nodes: Int32Array) {
  const closeness = new Float64Array(nodes.length);
  const harmonic = new Float64Array(nodes.length);
  nodes.forEach((u, i) => {
    const r = closenessCentrality(g, { start: u, end: u + 1 });
    closeness[i] = r.closeness[u]!;
    harmonic[i] = r.harmonic[u]!;
  });
  return { closeness, harmonic };
}

async function run(
  metric: Metric,
  g: MetricGraph,
  parallel: boolean,
  sample: Int32Array | null,
): Promise<Outcome> {
  switch (metric) {
    case 'load':
      return { vectors: {}, info: {} };
    case 'degree': {
      const d = degree(g);
      return {
        vectors: { in: d.in, out: d.out, strength_in: d.strengthIn, strength_out: d.strengthOut },
        info: {},
      };
    }
    case 'pagerank':
    case 'pagerank_2w':
    case 'pagerank_reverse': {
      const options = { alpha: 0.85, tol: PAGERANK_L1_TOL / g.n, maxIter: 1000 };
      const r = parallel
        ? await pagerankParallel(g, { ...options, workers: 2 })
        : metric === 'pagerank'
          ? pagerank(g, options)
          : pagerankReverse(g, options);
      return {
        vectors: { scores: r.scores },
        info: { iterations: r.iterations, error: r.error, converged: r.converged },
      };
    }
    case 'hits': {
      const r = hits(g);
      return {
        vectors: { hubs: r.hubs, authorities: r.authorities },
        info: { iterations: r.iterations, error: r.error, converged: r.converged },
      };
    }
    case 'eigenvector': {
      const r = eigenvectorCentrality(g, {
        tol: EIGENVECTOR_L1_TOL / g.n,
        maxIter: EIGENVECTOR_MAX_ITER,
      });
      return {
        vectors: { scores: r.scores },
        info: { iterations: r.iterations, error: r.error, converged: r.converged },
      };
    }
    case 'closeness': {
      if (sample) {
        const r = closenessOf(g, sample);
        return {
          vectors: { sampled_closeness: r.closeness, sampled_harmonic: r.harmonic },
          info: { sampled: sample.length, of: g.n },
        };
      }
      const r = closenessCentrality(g);
      return { vectors: { closeness: r.closeness, harmonic: r.harmonic }, info: {} };
    }
    case 'kcore': {
      const core = coreNumber(g);
      let max = 0;
      for (const c of core) if (c > max) max = c;
      return { vectors: { core }, info: { maxCore: max } };
    }
    case 'wcc':
    case 'scc': {
      const r = metric === 'wcc' ? weaklyConnectedComponents(g) : stronglyConnectedComponents(g);
      const sizes = Array.from(r.sizes).sort((a, b) => b - a);
      return { vectors: {}, info: { count: r.count, sizes: sizes.slice(0, 5) } };
    }
    case 'cutpoints': {
      const r = cutPoints(g);
      const bridges: Array<[number, number]> = [];
      for (let i = 0; i < r.bridgeSources.length; i++) {
        bridges.push([r.bridgeSources[i]!, r.bridgeTargets[i]!]);
      }
      return {
        vectors: {},
        info: { articulation: Array.from(r.articulationPoints), bridges },
      };
    }
    case 'louvain': {
      const r = louvain(g, { seed: LOUVAIN_SEED });
      return {
        vectors: { community: r.community },
        info: { modularity: r.modularity, count: r.count, split: r.split },
      };
    }
    case 'betweenness':
    case 'betweenness_2w':
    case 'betweenness_sampled':
    case 'betweenness_sampled_2w': {
      const options: BetweennessOptions = metric.startsWith('betweenness_sampled')
        ? { k: Math.min(BETWEENNESS_K, g.n), seed: BETWEENNESS_SEED }
        : {};
      const r = parallel
        ? await betweennessParallel(g, { ...options, workers: 2 })
        : betweenness(g, options);
      return { vectors: { values: r.values }, info: { k: r.k, sources: r.sources } };
    }
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      graph: { type: 'string' },
      metric: { type: 'string' },
      dump: { type: 'string' },
      sources: { type: 'string' },
      limit: { type: 'string' },
      seed: { type: 'string', default: '1' },
      repeat: { type: 'boolean', default: false },
    },
  });
  const metric = values.metric as Metric;
  if (!values.graph || !METRICS.includes(metric)) {
    throw new Error(
      `usage: metrics-child.js --graph SPEC --metric (${METRICS.join('|')}) [--dump FILE]`,
    );
  }
  // Load the worker runner before the clock starts (module loading is not the metric).
  const parallel = metric.endsWith('_2w');

  let t = performance.now();
  const dataset = load(values.graph);
  const loadMs = performance.now() - t;
  t = performance.now();
  // buildMetricGraph in its two steps, timed apart.
  const compact = buildCompactGraph(dataset, viewOf(values.graph));
  const compactMs = performance.now() - t;
  t = performance.now();
  const g = metricGraphFromCompact(compact);
  const snapshotMs = performance.now() - t;
  const buildMs = compactMs + snapshotMs;
  const peakRssLoaded = peakRss();
  const limit = values.limit === undefined ? 0 : Number(values.limit);
  const sample =
    metric === 'closeness' && limit > 0 && limit < g.n
      ? sampleWithoutReplacement(g.n, limit, createRng(Number(values.seed)))
      : null;

  t = performance.now();
  const outcome = await run(metric, g, parallel, sample);
  const metricMs = performance.now() - t;
  const peakRssCold = peakRss();

  let warm: { warmMs: number; warmRuns: number } | undefined;
  if (values.repeat && metricMs < REPEAT_BELOW_MS && metric !== 'load') {
    const bench = new Bench({ time: 500, iterations: 3, warmup: false, throws: true });
    bench.add(metric, async () => {
      await run(metric, g, parallel, sample);
    });
    await bench.run();
    const r = bench.tasks[0]!.result;
    if (r.state !== 'completed') throw new Error(`tinybench: ${metric} ended '${r.state}'`);
    warm = { warmMs: r.latency.p50, warmRuns: r.latency.samplesCount };
  }

  const ids = dataset.companies.ids;
  const idOf = (u: number) => ids[g.companyOf[u]!]!;
  const info = { ...outcome.info };
  const sources = (info.sources as Int32Array | undefined) ?? sample ?? undefined;
  delete info.sources;
  if (sources && values.sources) {
    writeFileSync(values.sources, JSON.stringify(Array.from(sources, idOf)));
  }
  if (info.articulation) info.articulation = (info.articulation as number[]).map(idOf);
  if (info.bridges) {
    info.bridges = (info.bridges as Array<[number, number]>).map(([a, b]) => [idOf(a), idOf(b)]);
  }
  if (values.dump) {
    const vectors: Record<string, number[]> = {};
    for (const [key, v] of Object.entries(outcome.vectors)) vectors[key] = Array.from(v);
    const nodeIds = Array.from({ length: g.n }, (_, u) => idOf(u));
    const sampleIds = sample ? Array.from(sample, idOf) : undefined;
    writeFileSync(values.dump, JSON.stringify({ ids: nodeIds, vectors, info, sample: sampleIds }));
  }
  // Keep the dumps' id lists out of the timing line.
  const small = { ...info };
  delete small.articulation;
  delete small.bridges;
  if (info.articulation) small.articulationCount = (info.articulation as string[]).length;
  if (info.bridges) small.bridgeCount = (info.bridges as unknown[]).length;
  const result: ChildResult = {
    tool: 'chainlens',
    n: g.n,
    arcs: g.arcs,
    edges: g.edges,
    loadMs,
    buildMs,
    snapshotMs,
    metricMs,
    ...warm,
    peakRssLoaded,
    peakRss: peakRssCold,
    info: small,
  };
  console.log(JSON.stringify(result));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((e: unknown) => {
    console.error(`metrics-child: ${(e as Error).stack ?? String(e)}`);
    process.exitCode = 1;
  });
}
