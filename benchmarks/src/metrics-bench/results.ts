/** metrics-bench: the RESULTS.md section (versions, sessions, tables, targets, notes). */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, release, totalmem, type as osType } from 'node:os';
import {
  BETWEENNESS_K,
  BETWEENNESS_SEED,
  EIGENVECTOR_L1_TOL,
  LOUVAIN_SEED,
  METRICS,
  PAGERANK_L1_TOL,
} from '../metrics-child.js';
import type { Store, Tool } from './config.js';
import {
  CLOSENESS_SAMPLE_1M,
  COMMAND,
  LABELS,
  RESULTS,
  ROOT,
  SECTION,
  STORE_DIR,
  graphs,
} from './config.js';
import { crossCheck } from './cross-check.js';
import { fmtMs, median, table } from './format.js';
import { targets } from './targets.js';

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

export const SESSIONS = `${STORE_DIR}sessions.json`;

export function loadSessions(): Session[] {
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

export function section(
  store: Store,
  opts: { python: string; busy: boolean; sessions: Session[] },
) {
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
      'very sources chainlens drew; "2 workers" is `betweennessParallel` / `pagerankParallel` of',
      '`@chainlens/scale/parallel`, the runner `chainlens metrics` uses (worker threads, start-up',
      'included, bit-identical values, checked below). Cells marked ≈ are extrapolated linearly',
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
    const loads = Object.values(store)
      .filter((c) => c.graph === g.label)
      .flatMap((c) => c.loads ?? []);
    if (loads.length > 0) {
      notes.push(
        `1-minute load average as each process started: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)}; the machine has ${cpus().length} cores)`,
      );
    }
    if (checks.length + notes.length + info.length > 0) {
      lines.push(...[...info, ...checks, ...notes].map((x) => `- ${x}`), '');
    }
  }
  lines.push(
    '### Targets (issues 4 and 21)',
    '',
    '| target | measured | |',
    '| ------ | -------: | - |',
  );
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
    `- Rerun: \`${COMMAND}\` (builds packages/core, io, scale and the benchmarks first; about 20 min; \`--only 1M --metrics pagerank\` and the like rerun a few cases and keep the others)`,
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

/**
 * Replaces the section under `heading` (up to the next `## ` heading) in RESULTS.md, or
 * appends it; by default the metrics section.
 */
export async function writeResults(text: string, heading: string = SECTION): Promise<void> {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf(`${heading}\n`);
  let next: string;
  if (start === -1) {
    next = `${old.trimEnd()}\n\n${text}`;
  } else {
    const after = old.indexOf('\n## ', start + heading.length);
    next = old.slice(0, start) + text + (after === -1 ? '' : `\n${old.slice(after + 1)}`);
  }
  writeFileSync(RESULTS, await prettify(next));
}
