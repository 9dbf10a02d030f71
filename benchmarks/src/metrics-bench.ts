/**
 * Metrics benchmark: every chainlens metric beside python-igraph and NetworkX on the same graphs,
 * each (tool, graph, metric) in fresh processes (graphology/V8 timings are bimodal across
 * processes), timing the metric alone (file load and snapshot build are their own rows), with
 * peak RSS per process, cross-checks of the results between tools, and the targets of issue 4.
 * Writes the "Metrics beside igraph and NetworkX" section of benchmarks/RESULTS.md.
 *
 *   npx -y pnpm@10.34.9 run bench:metrics
 *
 * Graphs: seeded synthetic edge lists (gen.ts; 10k nodes / 100k arcs and 100k nodes / 1M arcs,
 * written to benchmarks/out/ when missing) and the shipped cn-listed dataset (inferred-supply).
 * Peers run with Debian's /usr/bin/python3 (python3-igraph, python3-networkx) and
 * OMP_NUM_THREADS=1 (benchmarks/peers/peer_metrics.py).
 *
 * Options: --runs N (chainlens processes per case, default 5: V8's timings are bimodal across
 * processes), --peer-runs N (igraph, default 3), --nx-runs N (NetworkX, default 1: pure Python,
 * slow, and no target depends on it), --only LABEL[,LABEL] (graphs: 10k, 1M, cn-listed),
 * --metrics a,b (metric names of metrics-child.ts), --tools a,b (chainlens, igraph, networkx),
 * --timeout S (per process, default 300; NetworkX on the 1M graph: --nx-timeout, default 180:
 * a case that would take longer is cut and reported as such), --busy (say in RESULTS.md that
 * other jobs shared the machine), --no-write (leave RESULTS.md alone), --report (no runs:
 * rewrite the section from the stored results), --python PATH.
 *
 * Every child also times warm repeated calls (tinybench in the Node child, a loop in the
 * Python peer: at least 3 calls and 0.5 s, for metrics whose cold call is under 1.5 s); the
 * tables give both, the targets are judged on the cold call (what one command pays).
 *
 * Results accumulate in benchmarks/out/metrics/results.json (a rerun of some cases replaces
 * only those), so the full table can be built from several partial runs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEdgeList } from './gen-edge-list.js';
import {
  BETWEENNESS_K,
  BETWEENNESS_SEED,
  EIGENVECTOR_L1_TOL,
  LOUVAIN_SEED,
  METRICS,
  PAGERANK_L1_TOL,
  type Metric,
} from './metrics-child.js';

type Tool = 'chainlens' | 'igraph' | 'networkx';
const TOOLS: Tool[] = ['chainlens', 'igraph', 'networkx'];

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const ROOT = here('../../');
const OUT = here('../out/');
const STORE_DIR = `${OUT}metrics/`;
const STORE = `${STORE_DIR}results.json`;
const RESULTS = here('../RESULTS.md');
const CHILD = here('./metrics-child.js');
const PEER = here('../peers/peer_metrics.py');
/** Closeness on the 1M graph: nodes timed per tool, then extrapolated to all n. */
const CLOSENESS_SAMPLE_1M = { chainlens: 200, igraph: 200, networkx: 10 };
const SECTION = '## Metrics beside igraph and NetworkX';
const COMMAND = 'npx -y pnpm@10.34.9 run bench:metrics';
const SEED = 42;

interface GraphCase {
  label: string;
  title: string;
  spec: string;
  gen?: { nodes: number; edges: number };
}

function graphs(): GraphCase[] {
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

const LABELS: Record<Metric, string> = {
  load: 'load',
  degree: 'degree + strength (in, out)',
  pagerank: 'PageRank',
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
interface Plan {
  graph: GraphCase;
  metric: Metric;
  tool: Tool;
  runs: number;
  /** Peers: time only this many sources / nodes and extrapolate. */
  limit?: number;
  /** Why the case is not run (shown instead of a time). */
  skip?: string;
}

interface Runs {
  chainlens: number;
  igraph: number;
  networkx: number;
}

function plans(g: GraphCase, runs: Runs): Plan[] {
  const big = g.label === '1M';
  const out: Plan[] = [];
  for (const metric of METRICS) {
    for (const tool of TOOLS) {
      const p: Plan = { graph: g, metric, tool, runs: runs[tool] };
      // Exact betweenness is O(n·m): the 10k graph and the real data only; sampled on 1M.
      if ((metric === 'betweenness' || metric === 'betweenness_2w') && big) continue;
      if (metric.startsWith('betweenness_sampled') && !big) continue;
      if (metric.endsWith('_2w') && tool !== 'chainlens') continue;
      if (metric.startsWith('betweenness_sampled') && tool === 'igraph') {
        p.skip = 'python-igraph 0.10 has no source-sampled betweenness';
      }
      // Closeness is O(n·m) too: on the 1M graph every tool times a seeded sample of nodes
      // (the same nodes: chainlens draws them, the peers read them) and is extrapolated.
      if (metric === 'closeness' && big) p.limit = CLOSENESS_SAMPLE_1M[tool];
      if (tool === 'networkx') {
        // Pure-Python BFS per node (~40 ms per node and direction on the 10k graph, ~0.5 s
        // on 1M): time a seeded sample of nodes / sources and extrapolate.
        if (metric === 'closeness' && g.label === '10k') p.limit = 50;
        if (metric === 'betweenness' && g.label === '10k') p.limit = 100;
        if (metric === 'betweenness_sampled') p.limit = 16;
      }
      out.push(p);
    }
  }
  return out;
}

/** What one process reported (both the Node child and the Python peer print this shape). */
interface Run {
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

interface CaseResult {
  graph: string;
  metric: Metric;
  tool: Tool;
  runs: Run[];
  /** Metric time to report per run: extrapolated, or with the snapshot build for Louvain. */
  times: number[];
  /** The same for the warm repeated calls, for the runs that have them. */
  warm?: number[];
  note?: string;
  skip?: string;
  timedOut?: number;
  error?: string;
  date: string;
}

type Store = Record<string, CaseResult>;
const key = (graph: string, metric: string, tool: string) => `${graph}|${metric}|${tool}`;

function loadStore(): Store {
  return existsSync(STORE) ? (JSON.parse(readFileSync(STORE, 'utf8')) as Store) : {};
}

function dumpFile(p: Plan): string {
  return `${STORE_DIR}${p.graph.label}-${p.metric}-${p.tool}.json`;
}

/** The node ids chainlens sampled (betweenness sources, closeness nodes), for the peers. */
function sourcesFile(g: GraphCase, metric: Metric): string {
  return metric === 'closeness'
    ? `${STORE_DIR}${g.label}-closeness-nodes.json`
    : `${STORE_DIR}${g.label}-sources-k${BETWEENNESS_K}.json`;
}

/** Whether the peers of this case use the nodes chainlens sampled. */
const sharedSample = (p: Plan) =>
  p.metric === 'betweenness_sampled' || (p.metric === 'closeness' && p.graph.label === '1M');

function command(p: Plan, first: boolean, python: string): { cmd: string; args: string[] } {
  const dump = first ? ['--dump', dumpFile(p)] : [];
  const seed = String(p.metric === 'louvain' ? LOUVAIN_SEED : BETWEENNESS_SEED);
  if (p.tool === 'chainlens') {
    const args = [CHILD, '--graph', p.graph.spec, '--metric', p.metric, '--repeat', ...dump];
    // The first run writes the sample the peers then read (same seed: same sample every run).
    if (first && sharedSample(p)) args.push('--sources', sourcesFile(p.graph, p.metric));
    if (p.limit) args.push('--limit', String(p.limit), '--seed', seed);
    return { cmd: process.execPath, args };
  }
  const args = [PEER, '--tool', p.tool, '--graph', p.graph.spec, '--metric', p.metric];
  args.push('--seed', seed, '--repeat');
  if (sharedSample(p)) args.push('--sources', sourcesFile(p.graph, p.metric));
  if (p.limit) args.push('--limit', String(p.limit));
  return { cmd: python, args: [...args, ...dump] };
}

/** A case before its first process (or for good, when skipped). */
function newCase(p: Plan): CaseResult {
  const result: CaseResult = {
    graph: p.graph.label,
    metric: p.metric,
    tool: p.tool,
    runs: [],
    times: [],
    date: new Date().toISOString(),
  };
  if (p.skip) return { ...result, skip: p.skip };
  rmSync(dumpFile(p), { force: true }); // no stale cross-check if this case fails
  return result;
}

/** Runs process `i` of a case and records it in `result` (or its error / timeout). */
function runOnce(p: Plan, i: number, result: CaseResult, python: string, timeoutS: number) {
  const { cmd, args } = command(p, i === 0, python);
  const child = spawnSync(cmd, args, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    timeout: timeoutS * 1000,
    killSignal: 'SIGKILL',
    env: { ...process.env, OMP_NUM_THREADS: '1', OPENBLAS_NUM_THREADS: '1' },
  });
  const where = `  ${p.graph.label} ${p.metric} ${p.tool}`;
  if (child.error || child.signal) {
    if (child.signal === 'SIGKILL' || /ETIMEDOUT/.test(String(child.error))) {
      result.timedOut = timeoutS;
      console.log(`${where}: cut after ${timeoutS} s`);
    } else {
      result.error = String(child.error ?? child.signal);
      console.log(`${where}: ${result.error}`);
    }
    return;
  }
  if (child.status !== 0) {
    result.error = child.stderr.trim().split('\n').slice(-6).join(' / ');
    console.log(`${where}: ${result.error}`);
    return;
  }
  const run = JSON.parse(child.stdout.trim().split('\n').pop()!) as Run;
  result.runs.push(run);
  // Extrapolate a sampled run (closeness nodes, betweenness sources) to the whole work.
  let factor = 1;
  const sampled = run.info.sampled as number | undefined;
  const of = (run.info.of as number | undefined) ?? run.n;
  if (sampled && sampled < of) {
    factor = of / sampled;
    result.note = `extrapolated from ${sampled.toLocaleString('en-US')} of ${of.toLocaleString('en-US')} ${p.metric === 'closeness' ? 'nodes' : 'sources'}`;
  }
  // Louvain "including the projection": chainlens adds its snapshot build (see the notes).
  const extra =
    p.metric === 'louvain' && p.tool === 'chainlens' ? (run.snapshotMs ?? run.buildMs) : 0;
  const t = run.metricMs * factor + extra;
  result.times.push(t);
  if (run.warmMs !== undefined) (result.warm ??= []).push(run.warmMs * factor + extra);
  process.stdout.write(
    `${where} ${i + 1}/${p.runs}: ${fmtMs(t)}` +
      `${result.note ? ' (≈)' : ''}${run.warmMs === undefined ? '' : `, warm ${fmtMs(run.warmMs * factor + extra)}`}` +
      `, peak RSS ${fmtMiB(run.peakRss)}\n`,
  );
}

/**
 * Runs the cases of one metric with their processes interleaved (chainlens 1, igraph 1,
 * NetworkX 1, chainlens 2, ...), so that a change of the machine's load during the run
 * touches every tool alike instead of biasing one tool's cases. Chainlens comes first in each
 * round: its first process writes the sample the peers read.
 */
function runInterleaved(ps: Plan[], python: string, timeoutOf: (p: Plan) => number): CaseResult[] {
  const results = ps.map(newCase);
  const rounds = Math.max(0, ...ps.map((p) => p.runs));
  for (let i = 0; i < rounds; i++) {
    ps.forEach((p, j) => {
      const r = results[j]!;
      if (i >= p.runs || r.skip || r.error || r.timedOut) return;
      runOnce(p, i, r, python, timeoutOf(p));
    });
  }
  return results;
}

// ---------------------------------------------------------------------------------------------
// Formatting

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function fmtMs(v: number): string {
  if (v >= 60_000) return `${(v / 60_000).toFixed(1)} min`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ms`;
}
const fmtMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const fmtRatio = (r: number) => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

function cell(c: CaseResult | undefined, pick: (r: CaseResult) => number[] = (r) => r.times) {
  if (!c) return '—';
  if (c.skip) return 'n/a';
  if (c.timedOut) return `> ${Math.round(c.timedOut / 60)} min, cut`;
  if (c.error) return 'failed';
  const xs = pick(c);
  if (xs.length === 0) return '—';
  const m = fmtMs(median(xs));
  const approx = c.note ? '≈ ' : '';
  return xs.length > 1
    ? `${approx}${m} (${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))})`
    : `${approx}${m}`;
}

function medianOf(c: CaseResult | undefined): number | undefined {
  if (!c || c.skip || c.error || c.timedOut || c.times.length === 0) return undefined;
  return median(c.times);
}

function ratio(a: CaseResult | undefined, b: CaseResult | undefined): string {
  const x = medianOf(a);
  const y = medianOf(b);
  if (x === undefined) return '—';
  if (b?.timedOut) return `< ${fmtRatio(x / (b.timedOut * 1000))}`;
  if (y === undefined) return '—';
  return `${b?.note ? '≈ ' : ''}${fmtRatio(x / y)}`;
}

/** Median of the warm repeated calls (over the processes that made them). */
function warmOf(c: CaseResult | undefined): number | undefined {
  if (!c || c.skip || c.error || c.timedOut || !c.warm || c.warm.length === 0) return undefined;
  return median(c.warm);
}

/** "chainlens / igraph (ratio)" of the warm medians. */
function warmCell(a: CaseResult | undefined, b: CaseResult | undefined): string {
  const x = warmOf(a);
  const y = warmOf(b);
  if (x === undefined && y === undefined) return '—';
  const show = (v: number | undefined) => (v === undefined ? '—' : fmtMs(v));
  const r = x !== undefined && y !== undefined ? ` (${fmtRatio(x / y)})` : '';
  return `${show(x)} / ${show(y)}${r}`;
}

function rss(c: CaseResult | undefined): string {
  if (!c || c.runs.length === 0) return '—';
  return fmtMiB(median(c.runs.map((r) => r.peakRss)));
}

function table(store: Store, g: GraphCase): string {
  const lines = [
    '| metric | chainlens | igraph | NetworkX | ours/igraph | ours/NX | warm: chainlens / igraph | peak RSS ours / igraph / NX |',
    '| ------ | --------: | -----: | -------: | ----------: | ------: | -----------------------: | --------------------------: |',
  ];
  const get = (m: Metric, t: Tool) => store[key(g.label, m, t)];
  // The load rows come from the `load` processes: file → tables, then → graph structure.
  const loadRow = (name: string, pick: (r: Run) => number) => {
    const cells = TOOLS.map((t) => cell(get('load', t), (c) => c.runs.map(pick)));
    lines.push(`| ${name} | ${cells.join(' | ')} | | | | |`);
  };
  loadRow('load file (parse, ids)', (r) => r.loadMs);
  loadRow('build graph (snapshot / Graph / DiGraph)', (r) => r.buildMs);
  {
    const cells = TOOLS.map((t) => rss(get('load', t)));
    lines.push(`| peak RSS, graph loaded | ${cells.join(' | ')} | | | | |`);
  }
  for (const m of METRICS) {
    if (m === 'load') continue;
    const [a, b, c] = TOOLS.map((t) => get(m, t));
    if (!a && !b && !c) continue;
    lines.push(
      `| ${LABELS[m]} | ${cell(a)} | ${cell(b)} | ${cell(c)} | ${ratio(a, b)} | ${ratio(a, c)} | ${warmCell(a, b)} | ${rss(a)} / ${rss(b)} / ${rss(c)} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Cross-checks (from the first run's dumps)

interface Dump {
  ids: string[];
  vectors: Record<string, number[]>;
  info: Record<string, unknown>;
  /** Ids of the sampled nodes that the `sampled_*` vectors hold, in their order. */
  sample?: string[];
}

function readDump(g: GraphCase, metric: Metric, tool: Tool): Dump | undefined {
  const file = dumpFile({ graph: g, metric, tool, runs: 1 });
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Dump) : undefined;
}

/** Vector `k` of a dump by node id: the whole vector, or its `sampled_k` part. */
function byId(d: Dump, k: string): { values: Map<string, number>; full: boolean } | undefined {
  const whole = d.vectors[k];
  if (whole) return { values: new Map(d.ids.map((id, i) => [id, whole[i]!])), full: true };
  const part = d.vectors[`sampled_${k}`];
  if (part && d.sample) {
    return { values: new Map(d.sample.map((id, i) => [id, part[i]!])), full: false };
  }
  return undefined;
}

/** Max |a − b| over the nodes both dumps have vector `k` for, matched by node id. */
function compare(ours: Dump, peer: Dump, k: string) {
  const a = byId(ours, k);
  const b = byId(peer, k);
  if (!a || !b) return undefined;
  let max = 0;
  let nodes = 0;
  for (const [id, x] of a.values) {
    const y = b.values.get(id);
    if (y === undefined) continue;
    max = Math.max(max, Math.abs(x - y));
    if (Number.isNaN(x) || Number.isNaN(y)) max = NaN;
    nodes++;
  }
  return { max, nodes, full: a.full && b.full };
}

function top5(ids: string[], v: number[]): string[] {
  return Array.from(v.keys())
    .sort((a, b) => v[b]! - v[a]! || (ids[a]! < ids[b]! ? -1 : 1))
    .slice(0, 5)
    .map((i) => ids[i]!);
}

const VECTOR_KEYS: Partial<Record<Metric, string[]>> = {
  degree: ['in', 'out', 'strength_in', 'strength_out'],
  pagerank: ['scores'],
  pagerank_reverse: ['scores'],
  hits: ['hubs', 'authorities'],
  eigenvector: ['scores'],
  closeness: ['closeness', 'harmonic'],
  kcore: ['core'],
  betweenness: ['values'],
  betweenness_sampled: ['values'],
};
const RANKED = new Set<Metric>([
  'pagerank',
  'pagerank_reverse',
  'hits',
  'eigenvector',
  'betweenness',
  'betweenness_sampled',
]);

const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));
const sameSet = (a: unknown, b: unknown) => {
  const key = (x: unknown) =>
    (x as Array<string | string[]>)
      .map((e) => (Array.isArray(e) ? [...e].sort().join('–') : e))
      .sort()
      .join(',');
  return key(a) === key(b);
};

function crossCheck(g: GraphCase, metric: Metric): string[] {
  const ours = readDump(g, metric, 'chainlens');
  if (!ours) return [];
  const out: string[] = [];
  if (metric.endsWith('_2w')) {
    // The worker-thread runner against the single-threaded function: bit for bit.
    const one = readDump(g, metric.replace('_2w', '') as Metric, 'chainlens');
    const a = ours.vectors.values;
    const b = one?.vectors.values;
    if (a && b) {
      const same = a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
      out.push(
        `${LABELS[metric]} vs one thread: ${same ? 'bit-identical values' : 'values DIFFER'}`,
      );
    }
    return out;
  }
  for (const tool of ['igraph', 'networkx'] as const) {
    const peer = readDump(g, metric, tool);
    if (!peer) continue;
    const name = tool === 'igraph' ? 'igraph' : 'NetworkX';
    const facts: string[] = [];
    for (const k of VECTOR_KEYS[metric] ?? []) {
      const d = compare(ours, peer, k);
      if (!d) continue;
      let fact = `${k}: max |Δ| ${Number.isNaN(d.max) ? 'NaN' : sci(d.max)}`;
      if (!d.full) fact += ` (on ${d.nodes.toLocaleString('en-US')} sampled nodes)`;
      if (RANKED.has(metric) && d.full) {
        const a = ours.vectors[k]!;
        const index = new Map(peer.ids.map((id, i) => [id, i]));
        const b = ours.ids.map((id) => peer.vectors[k]![index.get(id)!]!);
        const same = top5(ours.ids, a).join() === top5(ours.ids, b).join();
        fact += `, top-5 ${same ? 'identical' : `differ (${top5(ours.ids, a).join(' ')} vs ${top5(ours.ids, b).join(' ')})`}`;
      }
      facts.push(fact);
    }
    if (metric === 'wcc' || metric === 'scc') {
      const same =
        ours.info.count === peer.info.count &&
        JSON.stringify(ours.info.sizes) === JSON.stringify(peer.info.sizes);
      facts.push(
        `${String(ours.info.count)} components, largest ${String((ours.info.sizes as number[])[0])}: ${same ? 'same count and sizes' : `differ (${String(peer.info.count)}, ${JSON.stringify(peer.info.sizes)})`}`,
      );
    }
    if (metric === 'cutpoints') {
      const ap = ours.info.articulation as string[];
      const br = ours.info.bridges as string[][];
      facts.push(
        `${ap.length} articulation points ${sameSet(ap, peer.info.articulation) ? 'identical' : `differ (${(peer.info.articulation as string[]).length})`}; ` +
          `${br.length} bridges ${sameSet(br, peer.info.bridges) ? 'identical' : `differ (${(peer.info.bridges as string[][]).length})`}`,
      );
    }
    if (metric === 'louvain') {
      const q = ours.info.modularity as number;
      const p = peer.info.modularity as number;
      facts.push(
        `modularity ${q.toFixed(4)} (${String(ours.info.count)} communities, ${String(ours.info.split)} split) vs ${p.toFixed(4)} (${String(peer.info.count)}): Δ ${(q - p).toFixed(4)}`,
      );
    }
    if (metric === 'eigenvector' && peer.info.converged === false) {
      facts.push('NetworkX did not converge');
    }
    if (facts.length > 0) out.push(`${LABELS[metric]} vs ${name}: ${facts.join('; ')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Targets (issue 4, on the 1M-arc graph unless said)

interface Target {
  what: string;
  value: string;
  met: boolean | undefined;
}

function targets(store: Store): Target[] {
  const get = (g: string, m: Metric, t: Tool) => store[key(g, m, t)];
  const out: Target[] = [];
  /** "r× (ours vs theirs); warm r×": judged on the cold medians. */
  const versus = (g: string, m: Metric, ours: Metric = m) => {
    const a = get(g, ours, 'chainlens');
    const b = get(g, m, 'igraph');
    const x = medianOf(a);
    const y = medianOf(b);
    if (x === undefined || y === undefined) return { text: '—', r: undefined };
    const wx = warmOf(a);
    const wy = warmOf(b);
    const warm = wx !== undefined && wy !== undefined ? `; warm ${fmtRatio(wx / wy)}` : '';
    return { text: `${fmtRatio(x / y)} (${fmtMs(x)} vs ${fmtMs(y)}${warm})`, r: x / y };
  };
  for (const m of ['pagerank', 'wcc', 'scc', 'kcore', 'hits'] as const) {
    const { text, r } = versus('1M', m);
    out.push({
      what: `${LABELS[m]} ≤ 2× igraph (1M)`,
      value: text,
      met: r === undefined ? undefined : r <= 2,
    });
  }
  {
    const { text, r } = versus('1M', 'louvain');
    const c = get('1M', 'louvain', 'chainlens');
    const y = medianOf(get('1M', 'louvain', 'igraph'));
    const alone = c && c.runs.length ? median(c.runs.map((x) => x.metricMs)) : undefined;
    out.push({
      what: 'Louvain incl. projection ≤ igraph (1M)',
      value:
        alone !== undefined && y !== undefined
          ? `${text}; Louvain alone ${fmtMs(alone)} = ${fmtRatio(alone / y)}`
          : text,
      met: r === undefined ? undefined : r <= 1,
    });
    const q = get('1M', 'louvain', 'chainlens')?.runs[0]?.info.modularity as number | undefined;
    const p = get('1M', 'louvain', 'igraph')?.runs[0]?.info.modularity as number | undefined;
    out.push({
      what: 'Louvain modularity within 0.005 of igraph (1M; higher is better)',
      value:
        q === undefined || p === undefined
          ? '—'
          : `${q.toFixed(4)} vs ${p.toFixed(4)} (Δ ${(q - p).toFixed(4)})`,
      met: q === undefined || p === undefined ? undefined : q >= p - 0.005,
    });
  }
  {
    const c = get('1M', 'betweenness_sampled', 'chainlens');
    const x = medianOf(c);
    const w = warmOf(c);
    out.push({
      what: `sampled betweenness k = ${BETWEENNESS_K} ≤ 10 s (1M, one thread)`,
      value:
        x === undefined
          ? '—'
          : `${fmtMs(x)}${w === undefined ? '' : ` (warm ${fmtMs(w)})`}; 2 workers ${cell(get('1M', 'betweenness_sampled_2w', 'chainlens'))}`,
      met: x === undefined ? undefined : x <= 10_000,
    });
  }
  for (const [m, limit, what] of [
    ['betweenness', 1.5, 'exact betweenness ≤ 1.5× igraph (10k, one thread)'],
    ['betweenness_2w', 1, 'exact betweenness ≤ 1× igraph (10k, two workers)'],
  ] as const) {
    const { text, r } = versus('10k', 'betweenness', m);
    out.push({ what, value: text, met: r === undefined ? undefined : r <= limit });
  }
  {
    let peak = 0;
    let which = '';
    for (const m of METRICS) {
      const c = get('1M', m, 'chainlens');
      for (const r of c?.runs ?? []) {
        if (r.peakRss > peak) {
          peak = r.peakRss;
          which = LABELS[m];
        }
      }
    }
    const loaded = get('1M', 'load', 'chainlens');
    out.push({
      what: 'peak RSS with the graph loaded ≤ 600 MB (1M, any metric)',
      value:
        peak === 0
          ? '—'
          : `${(peak / 1e6).toFixed(0)} MB (${fmtMiB(peak)}, ${which}); graph loaded, no metric: ${loaded && loaded.runs.length ? `${(median(loaded.runs.map((r) => r.peakRss)) / 1e6).toFixed(0)} MB` : '—'}`,
      met: peak === 0 ? undefined : peak <= 600e6,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The RESULTS.md section

function versions(python: string): string {
  const r = spawnSync(
    python,
    [
      '-c',
      'import sys, igraph, networkx, scipy, numpy; print(f"Python {sys.version.split()[0]}, python-igraph {igraph.__version__}, NetworkX {networkx.__version__}, SciPy {scipy.__version__}, NumPy {numpy.__version__}")',
    ],
    { encoding: 'utf8' },
  );
  return r.status === 0 ? r.stdout.trim() : 'python peers unavailable';
}

function commit(): string {
  const r = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : 'unknown';
}

/** One invocation of the runner: when, how loaded the machine was, what it ran. */
interface Session {
  start: string;
  end: string;
  /** os.loadavg() (1, 5, 15 min) before the first and after the last case. */
  loadBefore: number[];
  loadAfter: number[];
  args: string;
  minutes: number;
}

const SESSIONS = `${STORE_DIR}sessions.json`;

function loadSessions(): Session[] {
  return existsSync(SESSIONS) ? (JSON.parse(readFileSync(SESSIONS, 'utf8')) as Session[]) : [];
}

/** "5" or "3–5": the process counts behind a tool's cells. */
function runCounts(store: Store, tool: Tool): string {
  const counts = Object.values(store)
    .filter((c) => c.tool === tool && c.runs.length > 0)
    .map((c) => c.runs.length);
  if (counts.length === 0) return '—';
  const lo = Math.min(...counts);
  const hi = Math.max(...counts);
  return lo === hi ? String(lo) : `${lo}–${hi}`;
}

function section(store: Store, opts: { python: string; busy: boolean; sessions: Session[] }) {
  const cpu = cpus();
  const dates = Object.values(store).map((c) => c.date.slice(0, 10));
  const date = dates.length ? [...new Set(dates)].sort().join(', ') : '—';
  const load = (xs: number[]) => xs.map((x) => x.toFixed(2)).join(' / ');
  const lines = [
    SECTION,
    '',
    [
      `Each (tool, graph, metric) ran in fresh processes: chainlens in ${runCounts(store, 'chainlens')},`,
      `igraph in ${runCounts(store, 'igraph')}, NetworkX in ${runCounts(store, 'networkx')} (pure Python,`,
      'slow, and no target depends on it). Each process loads the file, builds its graph and',
      'times the metric alone, cold (the first call, JIT not warm, as one `chainlens` command',
      'runs it), on one thread unless said; a cell gives the median over the processes (min–max).',
      '"warm" is the median of repeated calls in the same processes after the cold one (tinybench',
      'in the Node child, the same loop in Python: at least 3 calls and 0.5 s), for metrics whose',
      'cold call took under 1.5 s. The targets are judged on the cold medians.',
      '"load file" reads the file into tables (chainlens reads and validates a whole dataset',
      'folder: on cn-listed also its 96k products, 115k product links and 56k memberships, which',
      'the peers skip); "build graph" makes the structure the metrics run on: chainlens\' metric',
      "snapshot (compact graph, out/in CSR and undirected projection), igraph's simplified",
      "`Graph` (parallel arcs merged, weights summed), NetworkX's `DiGraph`. Peak RSS is the whole",
      "process's after the cold call (`process.resourceUsage().maxRSS`, `resource.getrusage`),",
      'Python interpreter included. Peers: `benchmarks/peers/peer_metrics.py` with',
      "`OMP_NUM_THREADS=1`, Debian's `/usr/bin/python3` (`apt-get install -y python3-igraph",
      'python3-networkx python3-scipy`).',
    ].join(' '),
    '',
    [
      '**Same definitions in every tool.** PageRank α = 0.85, weighted, run to an L1 change below',
      `${PAGERANK_L1_TOL} (chainlens and NetworkX \`tol = ${PAGERANK_L1_TOL}/n\`, \`max_iter\` 1000; igraph PRPACK,`,
      'whose tolerance is 1e-10); reverse PageRank is PageRank of the transposed graph (igraph: a',
      'reversed `Graph` built outside the timer). HITS, weighted: chainlens Lanczos on AᵀA to a',
      'relative residual of 1e-10, NetworkX `hits` (SciPy `svds`), igraph `hub_score` +',
      '`authority_score` (ARPACK, two solves); all normalised to sum 1 here. Eigenvector: in-arcs,',
      `weighted, Euclidean norm 1; chainlens power iteration on (A + I)ᵀ to an L1 change below ${EIGENVECTOR_L1_TOL}`,
      "(NetworkX's default n·1e-6 would stop at an L1 change of 0.1 on the 1M graph),",
      'NetworkX `eigenvector_centrality_numpy` (ARPACK through SciPy; its pure-Python power',
      'iteration takes minutes here), igraph ARPACK. Closeness / harmonic: incoming hop',
      'distances (Wasserman–Faust closeness; igraph has no Wasserman–Faust variant, so only its',
      'harmonic values are compared). Closeness is O(n·m): on the 1M graph every tool times the',
      `same seeded sample of nodes (chainlens and igraph ${CLOSENESS_SAMPLE_1M.chainlens}, NetworkX ${CLOSENESS_SAMPLE_1M.networkx}) and the`,
      'time is extrapolated to all 100,000 (chainlens calls the node-slice form of',
      '`closenessCentrality` once per node); a full run takes minutes (NetworkX: hours).',
      'k-core, articulation points, bridges and Louvain run on the undirected projection',
      '(opposite and parallel arcs merged, weights summed, no self-loops; bridges of the',
      'multigraph: a doubled edge is no bridge; igraph: `articulation_points` / `bridges` of the',
      "multigraph itself). Louvain: chainlens `louvain` (graphology-communities-louvain's algorithm in",
      `typed arrays on the CSR, seed ${LOUVAIN_SEED}, disconnected communities split) vs igraph \`community_multilevel\` and NetworkX`,
      '`louvain_communities`, resolution 1, weighted. Its time includes the projection: for igraph',
      'and NetworkX the projection itself (`as_undirected`, a `Graph` of the `DiGraph`), for',
      'chainlens the snapshot build after the compact graph (`metricGraphFromCompact`: parallel',
      'arcs merged, transpose and projection; an upper bound, as only the projection is the',
      "peers' counterpart; the compact graph, like igraph's `Graph`, counts as the loaded graph).",
      'Betweenness: directed, unweighted, normalised',
      `by 1/((n−1)(n−2)); exact on the 10k graph and cn-listed only (O(n·m)); sampled with k = ${BETWEENNESS_K} sources`,
      `(seed ${BETWEENNESS_SEED}), scaled by n/k, and NetworkX runs its own per-source Brandes routines on the`,
      'very sources chainlens drew; "2 workers" is `betweennessParallel` of packages/cli (worker',
      'threads, bit-identical values, checked below). Cells marked ≈ are extrapolated linearly',
      'from a sample of sources or nodes (see the notes under each table); "n/a" = not available',
      'in that tool.',
    ].join(' '),
    '',
  ];
  if (opts.busy) {
    lines.push(
      "> **Caution:** these figures were taken while other engineers' builds and tests ran on the",
      '> same 2-core machine (load averages below); they are noisier, and slower, than on a quiet',
      '> machine. Ratios of cold single calls in the tens of milliseconds are mostly JIT and noise.',
      '',
    );
  }
  for (const g of graphs()) {
    if (!Object.values(store).some((c) => c.graph === g.label)) continue;
    const n = Object.values(store).find((c) => c.graph === g.label && c.runs[0])?.runs[0];
    lines.push(`### ${g.label}: ${g.title}`, '');
    if (n) lines.push(`n = ${n.n.toLocaleString('en-US')} nodes.`, '');
    lines.push(table(store, g), '');
    const checks = METRICS.flatMap((m) => crossCheck(g, m));
    const notes = Object.values(store)
      .filter((c) => c.graph === g.label && (c.note || c.skip || c.error || c.timedOut))
      .map(
        (c) =>
          `${LABELS[c.metric]}, ${c.tool}: ${c.note ?? c.skip ?? (c.timedOut ? `cut after ${c.timedOut} s` : `failed: ${c.error}`)}`,
      );
    const info = Object.values(store)
      .filter((c) => c.graph === g.label && c.tool === 'chainlens' && c.runs[0])
      .flatMap((c) => {
        const i = c.runs[0]!.info;
        if (i.iterations !== undefined)
          return [
            `${LABELS[c.metric]}: ${String(i.iterations)} iterations, converged ${String(i.converged)}`,
          ];
        if (c.metric === 'louvain') {
          const alone = median(c.runs.map((r) => r.metricMs));
          const build = median(c.runs.map((r) => r.snapshotMs ?? r.buildMs));
          return [
            `Louvain alone: ${fmtMs(alone)}; snapshot build added to it (merge, transpose, projection): ${fmtMs(build)}`,
          ];
        }
        return [];
      });
    if (checks.length + notes.length + info.length > 0) {
      lines.push(...[...info, ...checks, ...notes].map((x) => `- ${x}`), '');
    }
  }
  lines.push('### Targets (issue 4)', '', '| target | measured | |', '| ------ | -------: | - |');
  for (const t of targets(store)) {
    lines.push(
      `| ${t.what} | ${t.value} | ${t.met === undefined ? '—' : t.met ? 'met' : '**missed**'} |`,
    );
  }
  lines.push(
    '',
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${osType()} ${release()}`,
    `- Node ${process.version}; ${versions(opts.python)}; chainlens ${commit()}; ${date}`,
    ...opts.sessions.map(
      (x) =>
        `- Run ${x.start.slice(0, 16).replace('T', ' ')}–${x.end.slice(11, 16)} UTC (${x.minutes.toFixed(1)} min, \`${x.args || 'all cases'}\`): load average (1 / 5 / 15 min) ${load(x.loadBefore)} before, ${load(x.loadAfter)} after`,
    ),
    `- Rerun: \`${COMMAND}\` (builds packages/core, io, cli and the benchmarks first; about 20 min; \`--only 1M --metrics pagerank\` and the like rerun a few cases and keep the others)`,
    '',
  );
  return lines.join('\n');
}

async function prettify(text: string): Promise<string> {
  try {
    const prettier = await import('prettier');
    const config = (await prettier.resolveConfig(RESULTS)) ?? {};
    return await prettier.format(text, { ...config, filepath: RESULTS });
  } catch (e) {
    console.warn(`prettier not available (${(e as Error).message}); RESULTS.md left unformatted`);
    return text;
  }
}

/** Replaces this section (up to the next `## ` heading) in RESULTS.md, or appends it. */
async function writeResults(text: string): Promise<void> {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf(`${SECTION}\n`);
  let next: string;
  if (start === -1) {
    next = `${old.trimEnd()}\n\n${text}`;
  } else {
    const after = old.indexOf('\n## ', start + SECTION.length);
    next = old.slice(0, start) + text + (after === -1 ? '' : `\n${old.slice(after + 1)}`);
  }
  writeFileSync(RESULTS, await prettify(next));
}

function list<T extends string>(text: string | undefined, all: readonly T[], what: string): T[] {
  if (text === undefined) return [...all];
  const items = text.split(',').map((s) => s.trim()) as T[];
  for (const x of items) {
    if (!all.includes(x)) throw new Error(`--${what}: no '${x}' (${all.join(', ')})`);
  }
  return items;
}

async function main(): Promise<void> {
  // The two-worker cases run scale's runner in the child: fail here, not case by case, when it
  // is not built (they used to be skipped silently when a path moved).
  await import('@chainlens/scale/parallel').catch((e: unknown) => {
    throw new Error(`@chainlens/scale/parallel does not load (build packages/scale): ${String(e)}`);
  });
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '5' },
      'peer-runs': { type: 'string', default: '3' },
      'nx-runs': { type: 'string', default: '1' },
      only: { type: 'string' },
      metrics: { type: 'string' },
      tools: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      'nx-timeout': { type: 'string', default: '180' },
      python: { type: 'string', default: '/usr/bin/python3' },
      busy: { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const positive = (name: string, text: string) => {
    const v = Number(text);
    if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
    return v;
  };
  const runs: Runs = {
    chainlens: positive('runs', values.runs),
    igraph: positive('peer-runs', values['peer-runs']),
    networkx: positive('nx-runs', values['nx-runs']),
  };
  const timeout = positive('timeout', values.timeout);
  const nxTimeout = positive('nx-timeout', values['nx-timeout']);
  const all = graphs();
  const labels = list(
    values.only,
    all.map((g) => g.label),
    'only',
  );
  const metrics = list(values.metrics, METRICS, 'metrics');
  const tools = list(values.tools, TOOLS, 'tools');
  const python = values.python;

  mkdirSync(STORE_DIR, { recursive: true });
  const store = loadStore();
  const sessions = loadSessions();
  if (!values.report) {
    const started = new Date();
    const loadBefore = loadavg();
    for (const g of all.filter((x) => labels.includes(x.label))) {
      if (g.gen) {
        const file = g.spec.slice('edges:'.length);
        if (!existsSync(file)) {
          console.log(`generating ${file}`);
          writeEdgeList({ ...g.gen, seed: SEED }, file);
        }
      }
      console.log(`${g.label}: ${g.title}`);
      // One group per metric, the two-worker variant with its single-threaded one.
      const groups = new Map<string, Plan[]>();
      for (const p of plans(g, runs)) {
        if (!metrics.includes(p.metric) || !tools.includes(p.tool)) continue;
        const base = p.metric.replace(/_2w$/, '');
        groups.set(base, [...(groups.get(base) ?? []), p]);
      }
      const timeoutOf = (p: Plan) =>
        p.tool === 'networkx' && g.label === '1M' ? nxTimeout : timeout;
      for (const group of groups.values()) {
        const results = runInterleaved(group, python, timeoutOf);
        group.forEach((p, j) => {
          const r = results[j]!;
          if (r.skip) console.log(`  ${g.label} ${p.metric} ${p.tool}: ${r.skip}`);
          store[key(g.label, p.metric, p.tool)] = r;
        });
        writeFileSync(STORE, JSON.stringify(store));
      }
    }
    const ended = new Date();
    sessions.push({
      start: started.toISOString(),
      end: ended.toISOString(),
      loadBefore,
      loadAfter: loadavg(),
      args: process.argv.slice(2).join(' '),
      minutes: (ended.getTime() - started.getTime()) / 60_000,
    });
    writeFileSync(SESSIONS, JSON.stringify(sessions, null, 1));
  }
  const text = section(store, { python, busy: values.busy, sessions });
  console.log(`\n${text}`);
  if (!values['no-write']) {
    await writeResults(text);
    console.log(`updated ${RESULTS}`);
  }
}

main().catch((e: unknown) => {
  console.error(`\nbench:metrics: ${(e as Error).message}`);
  process.exitCode = 1;
});
