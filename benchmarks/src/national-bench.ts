/**
 * National-scale benchmark: generated datasets of 50k, 500k and 5M companies (≈10 relations
 * each; gen-national.ts, seed 42, generated under benchmarks/out/ when missing) loaded with the
 * streaming ingest and measured with every metric that makes sense at that size, each size in
 * fresh processes (national-child.ts):
 *
 * - the main run: CSV ingest (DuckDB), the lean snapshot, degree, PageRank (one thread and on
 *   worker threads: same values), reverse PageRank, HITS, WCC, SCC, k-core, sampled betweenness
 *   (k = 256, worker threads), articulation points, Louvain on the CSR;
 * - ingest alone of the same relations through papaparse (the JavaScript path), Arrow IPC and
 *   Parquet.
 *
 * Results are kept per size in benchmarks/out/national/results.json (so that the 5M size can
 * run on its own, later) and rendered into the "National scale" section of RESULTS.md, with
 * the budgets of issue 8 for the 5M size.
 *
 * - the chain run (national-chain.ts): `compare` of lithium-battery across every province and
 *   every city, and `analyze()` of the city with the most chain firms, step by step.
 *
 *   npx -y pnpm@10.34.9 run bench:national [--sizes 50k,500k,5M] [--only main,variants,chain]
 *     [--workers 2] [--no-write]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type as osType } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCount, writeNational } from './gen-national.js';
import type { ChildReport } from './national-child.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OUT = here('../out/');
const STORE = join(OUT, 'national/results.json');
const RESULTS = here('../RESULTS.md');
const CHILD = here('./national-child.js');
const CHAIN_CHILD = here('./national-chain.js');
const SECTION = '## National scale';
const SEED = 42;
const MAIN_STEPS = [
  'snapshot',
  'degree',
  'pagerank',
  'pagerank-parallel',
  'pagerank-reverse',
  'hits',
  'wcc',
  'scc',
  'kcore',
  'betweenness',
  'cutpoints',
  'louvain',
];
/** Steps that make up "the metrics table" of the budget: the snapshot and every metric, PageRank
 * counted once (on worker threads). */
const TABLE_STEPS = MAIN_STEPS.filter((s) => s !== 'pagerank');

interface SizeResult {
  label: string;
  companies: number;
  generatedSeconds?: number;
  files: Record<string, number>;
  main?: ChildReport;
  variants: Record<string, ChildReport | { error: string }>;
  /** national-chain.ts: compare across regions and analyze() of the biggest city. */
  chain?: ChainReport | { error: string };
  date: string;
  load: { before: number[]; after: number[] };
}

function dirOf(label: string): string {
  return join(OUT, `national-${label}-s${SEED}`);
}

async function ensure(label: string, companies: number): Promise<number | undefined> {
  const dir = dirOf(label);
  if (
    existsSync(join(dir, 'relations.csv')) &&
    existsSync(join(dir, 'relations.arrow')) &&
    existsSync(join(dir, 'relations.parquet'))
  ) {
    return undefined;
  }
  console.log(`generating ${dir} …`);
  const t = performance.now();
  await writeNational({
    companies,
    seed: SEED,
    out: dir,
    formats: ['csv', 'arrow', 'parquet'],
    onFile: (file, bytes, seconds) =>
      console.log(
        `  ${file}${bytes ? ` ${(bytes / 1e6).toFixed(0)} MB` : ''} in ${seconds.toFixed(1)} s`,
      ),
  });
  return (performance.now() - t) / 1000;
}

/** Runs a benchmark script in a fresh process; its last stdout line is the JSON report. */
function child<T = ChildReport>(
  args: string[],
  heapMb: number,
  timeoutS: number,
  script = CHILD,
): T | { error: string } {
  const argv = [`--max-old-space-size=${heapMb}`, script, ...args];
  console.log(`  node ${argv.join(' ')}`);
  const run = spawnSync(process.execPath, argv, {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: timeoutS * 1000,
  });
  if (run.status !== 0) {
    const why = run.signal
      ? `killed by ${run.signal}${run.error ? ` (${run.error.message})` : ''}`
      : `exit ${run.status}`;
    return { error: why };
  }
  return JSON.parse(run.stdout.trim().split('\n').pop()!) as T;
}

/** The JSON line of national-chain.ts. */
interface ChainReport {
  ingestSeconds: number;
  compareProvinces: { seconds: number; regions: number };
  compareCities: { seconds: number; regions: number };
  analyzeCity: {
    city: string;
    companies: number;
    chainCompanies: number;
    seconds: number;
    steps: Record<string, number>;
  };
  peakRssGiB: number;
}

const isChain = (x: unknown): x is ChainReport =>
  typeof x === 'object' && x !== null && 'analyzeCity' in x;

const isReport = (x: unknown): x is ChildReport =>
  typeof x === 'object' && x !== null && 'steps' in x;

function seconds(s: number | undefined): string {
  if (s === undefined) return '–';
  if (s >= 60) return `${(s / 60).toFixed(1)} min`;
  return s >= 10
    ? `${s.toFixed(0)} s`
    : s >= 1
      ? `${s.toFixed(1)} s`
      : `${(s * 1000).toFixed(0)} ms`;
}
function gib(b: number | undefined): string {
  return b === undefined ? '–' : `${(b / 2 ** 30).toFixed(2)} GiB`;
}
const int = (x: number) => x.toLocaleString('en-US');

function stepOf(r: ChildReport | undefined, name: string) {
  return r?.steps.find((s) => s.name === name);
}

function render(results: SizeResult[]): string {
  const sizes = results.filter((r) => r.main);
  const head = ['measure', ...sizes.map((r) => r.label)];
  const rows: string[][] = [];
  const row = (name: string, f: (r: SizeResult) => string) => rows.push([name, ...sizes.map(f)]);
  row('companies / relations', (r) => `${int(r.main!.companies)} / ${int(r.main!.relationRows)}`);
  row('memberships', (r) => int(r.main!.memberships));
  row('distinct arcs / undirected edges', (r) => `${int(r.main!.arcs)} / ${int(r.main!.edges)}`);
  row('relations.csv / .arrow / .parquet (MB)', (r) =>
    ['relations.csv', 'relations.arrow', 'relations.parquet']
      .map((f) => (r.files[f] ? (r.files[f] / 1e6).toFixed(0) : '–'))
      .join(' / '),
  );
  row('**ingest, CSV (DuckDB)**', (r) => `**${seconds(r.main!.ingest.total)}**`);
  row('  companies / memberships / relations', (r) =>
    [r.main!.ingest.companies, r.main!.ingest.memberships, r.main!.ingest.relations]
      .map(seconds)
      .join(' / '),
  );
  for (const [key, label] of [
    ['js', 'ingest, CSV (papaparse, JavaScript path)'],
    ['arrow', 'ingest, Arrow IPC'],
    ['parquet', 'ingest, Parquet (DuckDB)'],
  ] as const) {
    row(label, (r) => {
      const v = r.variants[key];
      if (!v) return '–';
      if (!isReport(v)) return v.error;
      return `${seconds(v.ingest.total)} (relations ${seconds(v.ingest.relations)}), peak ${gib(v.peakRss)}`;
    });
  }
  const names: Record<string, string> = {
    snapshot: 'lean metric snapshot (out, in, undirected)',
    degree: 'degree (all variants)',
    pagerank: 'PageRank, 1 thread (tol 1e-10/node)',
    'pagerank-parallel': 'PageRank, worker threads',
    'pagerank-reverse': 'reverse PageRank, 1 thread',
    hits: 'HITS (Lanczos)',
    wcc: 'weakly connected components',
    scc: 'strongly connected components',
    kcore: 'k-core',
    betweenness: 'betweenness, sampled, worker threads',
    'betweenness-1': 'betweenness, sampled, 1 thread',
    cutpoints: 'articulation points and bridges',
    louvain: 'Louvain',
  };
  for (const name of [...MAIN_STEPS, 'betweenness-1']) {
    row(names[name] ?? name, (r) => {
      const s = stepOf(r.main, name);
      if (!s) return '–';
      const info = s.info;
      const extra =
        name === 'pagerank' || name === 'pagerank-reverse' || name === 'hits'
          ? ` (${String(info.iterations)} it.)`
          : name === 'pagerank-parallel'
            ? ` (${String(info.workers)} workers${info.identical === true ? ', identical' : info.identical === false ? ', DIFFERENT' : ''})`
            : name === 'louvain'
              ? ` (Q ${Number(info.modularity).toFixed(3)})`
              : name === 'betweenness'
                ? ` (k = ${String(info.k)}, ${String(info.workers)} workers)`
                : name === 'betweenness-1'
                  ? ` (k = ${String(info.k)})`
                  : '';
      return `${seconds(s.seconds)}${extra}`;
    });
  }
  row('**metrics table (snapshot + every metric; PageRank once, threaded)**', (r) => {
    const total = TABLE_STEPS.reduce((a, n) => a + (stepOf(r.main, n)?.seconds ?? 0), 0);
    return `**${seconds(total)}**`;
  });
  row(
    'RSS after ingest / after snapshot',
    (r) => `${gib(stepOf(r.main, 'ingest')?.rss)} / ${gib(stepOf(r.main, 'snapshot')?.rss)}`,
  );
  row('**peak RSS (main run)**', (r) => `**${gib(r.main!.peakRss)}**`);
  row('peak RSS per relation', (r) => `${(r.main!.peakRss / r.main!.relationRows).toFixed(0)} B`);
  const chainRow = (name: string, f: (c: ChainReport) => string) =>
    row(name, (r) => (isChain(r.chain) ? f(r.chain) : r.chain ? r.chain.error : '–'));
  chainRow(
    '**compare, lithium-battery: every province / every city**',
    (c) =>
      `**${seconds(c.compareProvinces.seconds)} / ${seconds(c.compareCities.seconds)}** (${c.compareProvinces.regions} / ${c.compareCities.regions} regions)`,
  );
  chainRow(
    '**analyze() of the biggest city** (companies, chain firms)',
    (c) =>
      `**${seconds(c.analyzeCity.seconds)}** (${c.analyzeCity.city}: ${int(c.analyzeCity.companies)}, ${int(c.analyzeCity.chainCompanies)})`,
  );
  chainRow('  its steps', (c) =>
    Object.entries(c.analyzeCity.steps)
      .filter(([, v]) => v >= 0.05 * c.analyzeCity.seconds)
      .map(([k, v]) => `${k} ${seconds(v)}`)
      .join(', '),
  );
  chainRow(
    'peak RSS (chain run: ingest, compare, analyze)',
    (c) => `${c.peakRssGiB.toFixed(2)} GiB`,
  );
  row('load average at start (1 min)', (r) => r.load.before[0]!.toFixed(1));
  const table = [
    `| ${head.join(' | ')} |`,
    `| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');

  // Budgets (issue 8) for the largest size measured.
  const big = sizes.find((r) => r.companies >= 5_000_000);
  const budget: string[] = [];
  if (big?.main) {
    const m = big.main;
    const check = (what: string, value: number, limit: number, unit: (x: number) => string) =>
      budget.push(
        `- ${what}: ${unit(value)} (budget ${unit(limit)}): ${value <= limit ? 'met' : '**missed**'}`,
      );
    check('ingest', m.ingest.total!, 120, seconds);
    check('PageRank', stepOf(m, 'pagerank-parallel')?.seconds ?? NaN, 30, seconds);
    check(
      'components (WCC + SCC)',
      (stepOf(m, 'wcc')?.seconds ?? NaN) + (stepOf(m, 'scc')?.seconds ?? NaN),
      30,
      seconds,
    );
    check('k-core', stepOf(m, 'kcore')?.seconds ?? NaN, 30, seconds);
    check(
      'whole metrics table',
      TABLE_STEPS.reduce((a, n) => a + (stepOf(m, n)?.seconds ?? 0), 0),
      600,
      seconds,
    );
    check('peak RSS', m.peakRss, 8e9, (b) => `${(b / 1e9).toFixed(2)} GB`);
  }
  if (big && isChain(big.chain)) {
    const c = big.chain;
    const check = (what: string, value: number, limit: number) =>
      budget.push(
        `- ${what}: ${seconds(value)} (budget ${seconds(limit)}): ${value <= limit ? 'met' : '**missed**'}`,
      );
    check(
      'compare of one chain across every province and city',
      c.compareProvinces.seconds + c.compareCities.seconds,
      30,
    );
    check('analyze of one city inside the national graph', c.analyzeCity.seconds, 30);
  }
  const cpu = cpus();
  return [
    SECTION,
    '',
    [
      'Synthetic national registries (`benchmarks/src/national.ts`, seed 42: companies in the 2,975',
      'county-level regions with city sizes after the listed companies, memberships in the',
      "templates' segments, supply mostly along feeds and within the city or province,",
      'collaboration and ownership; ≈10 relations per company, heavy-tailed degrees), loaded with',
      "`@chainlens/scale`'s streaming ingest and measured in fresh processes",
      "(`benchmarks/src/national-child.ts`). PageRank at the metrics table's tolerance (1e-10 per",
      'node); all relation types in the view; the relation columns are let go once the snapshot',
      'is built (the metrics need only the snapshot and the company table). Times are wall-clock,',
      "one run each, on a machine shared with other engineers' builds (load average in the table).",
    ].join(' '),
    '',
    table,
    '',
    ...(budget.length
      ? ['Budgets of issue 8 (5M companies / 50M relations):', '', ...budget, '']
      : []),
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${osType()} ${release()}`,
    `- Node ${process.version}; ${versions()}; ${sizes.map((r) => `${r.label} ${r.date}`).join(', ')}`,
    '- Rerun: `npx -y pnpm@10.34.9 run bench:national --sizes 50k,500k,5M`',
    '',
  ].join('\n');
}

function versions(): string {
  const version = (pkg: string, from: string) => {
    try {
      const file = fileURLToPath(new URL(`node_modules/${pkg}/package.json`, from));
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
    } catch {
      return '?';
    }
  };
  const scale = new URL('../../packages/scale/', import.meta.url).href;
  return `@duckdb/node-api ${version('@duckdb/node-api', scale)}, apache-arrow ${version('apache-arrow', scale)}, papaparse ${version('papaparse', scale)}`;
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

async function writeSection(text: string): Promise<void> {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf(`${SECTION}\n`);
  let next: string;
  if (start === -1) next = `${old.trimEnd()}\n\n${text}`;
  else {
    const after = old.indexOf('\n## ', start + SECTION.length);
    next = old.slice(0, start) + text + (after === -1 ? '' : old.slice(after + 1));
  }
  writeFileSync(RESULTS, await prettify(next));
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '50k,500k' },
      only: { type: 'string', default: 'main,variants,chain' },
      workers: { type: 'string', default: '2' },
      k: { type: 'string', default: '256' },
      'no-write': { type: 'boolean', default: false },
      'render-only': { type: 'boolean', default: false },
    },
  });
  const store: Record<string, SizeResult> = existsSync(STORE)
    ? (JSON.parse(readFileSync(STORE, 'utf8')) as Record<string, SizeResult>)
    : {};
  const only = new Set(values.only.split(','));
  if (!values['render-only']) {
    for (const label of values.sizes.split(',')) {
      const companies = parseCount(label);
      const generated = await ensure(label, companies);
      const dir = dirOf(label);
      const big = companies >= 5_000_000;
      const heap = big ? 8192 : 4096;
      const timeout = big ? 3600 : 1200;
      const result: SizeResult = store[label] ?? {
        label,
        companies,
        files: {},
        variants: {},
        date: '',
        load: { before: [], after: [] },
      };
      if (generated !== undefined) result.generatedSeconds = generated;
      for (const f of ['relations.csv', 'relations.arrow', 'relations.parquet']) {
        const { size } = await import('node:fs').then((fs) => fs.statSync(join(dir, f)));
        result.files[f] = size;
      }
      result.load.before = loadavg();
      result.date = new Date().toISOString().slice(0, 10);
      console.log(
        `== ${label}: ${dir} (load average ${loadavg()
          .map((x) => x.toFixed(1))
          .join(' ')})`,
      );
      const workers = ['--workers', values.workers, '--k', values.k];
      if (only.has('main')) {
        // Below 5M also betweenness on one thread, to show what the workers bring.
        const steps = big ? MAIN_STEPS : [...MAIN_STEPS, 'betweenness-1'];
        const r = child(['--dir', dir, '--steps', steps.join(','), ...workers], heap, timeout);
        if (!isReport(r)) throw new Error(`${label}: main run failed: ${r.error}`);
        result.main = r;
      }
      if (only.has('variants')) {
        result.variants.js = child(['--dir', dir, '--engine', 'js'], heap, timeout);
        result.variants.arrow = child(
          ['--dir', dir, '--relations', 'relations.arrow'],
          heap,
          timeout,
        );
        result.variants.parquet = child(
          ['--dir', dir, '--relations', 'relations.parquet'],
          heap,
          timeout,
        );
      }
      if (only.has('chain'))
        result.chain = child<ChainReport>([dir], big ? 20000 : 8192, timeout, CHAIN_CHILD);
      result.load.after = loadavg();
      store[label] = result;
      mkdirSync(join(OUT, 'national'), { recursive: true });
      writeFileSync(STORE, JSON.stringify(store, null, 1));
    }
  }
  const order = ['50k', '500k', '5M'];
  const results = Object.values(store).sort(
    (a, b) => order.indexOf(a.label) - order.indexOf(b.label) || a.companies - b.companies,
  );
  const text = render(results);
  console.log(`\n${text}`);
  if (!values['no-write']) await writeSection(text);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((e: unknown) => {
    console.error(`national-bench: ${(e as Error).message}`);
    process.exitCode = 1;
  });
}
