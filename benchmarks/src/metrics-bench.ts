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
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { writeEdgeList } from './gen-edge-list.js';
import { BETWEENNESS_SEED, LOUVAIN_SEED, METRICS } from './metrics-child.js';
import type { CaseResult, GraphCase, Plan, Run, Runs } from './metrics-bench/config.js';
import {
  CHILD,
  CLOSENESS_SAMPLE_1M,
  PEER,
  RESULTS,
  SEED,
  STORE,
  STORE_DIR,
  TOOLS,
  dumpFile,
  graphs,
  key,
  loadStore,
  sharedSample,
  sourcesFile,
} from './metrics-bench/config.js';
import { fmtMiB, fmtMs } from './metrics-bench/format.js';
import { SESSIONS, loadSessions, section, writeResults } from './metrics-bench/results.js';

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

export function command(p: Plan, first: boolean, python: string): { cmd: string; args: string[] } {
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
  (result.loads ??= []).push(loadavg()[0]!);
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
  let failed: CaseResult[] = [];
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
    failed = Object.values(store).filter(
      (c) =>
        labels.includes(c.graph) &&
        metrics.includes(c.metric) &&
        tools.includes(c.tool) &&
        (c.error !== undefined || (c.timedOut !== undefined && !(c.tool === 'networkx'))),
    );
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
  // A case that failed (or chainlens / igraph cut by the timeout; NetworkX on 1M is cut by
  // design) fails the run, after its error is in RESULTS.md: never a silent gap in the table.
  if (failed.length > 0) {
    throw new Error(
      `${failed.length} case(s) failed:\n${failed
        .map((c) => `  ${c.graph} ${c.metric} ${c.tool}: ${c.error ?? `cut after ${c.timedOut} s`}`)
        .join('\n')}`,
    );
  }
}

main().catch((e: unknown) => {
  console.error(`\nbench:metrics: ${(e as Error).message}`);
  process.exitCode = 1;
});
