/**
 * Edge-list load benchmark: a 10k-node / 100k-edge and a 100k-node / 1M-edge synthetic edge
 * list (gen.ts, generated under benchmarks/out/ when missing), each loaded in several fresh
 * processes under `node --max-old-space-size=1024` (the 1 GB heap bound of the requirement:
 * a process that runs out of heap fails the benchmark). Each process (load-child.js) times
 * loadEdgeList, buildCompactGraph and toGraphology once, cold, and reports heap and peak RSS.
 * Prints median / min / max over the processes and updates the "Edge-list load" section of
 * benchmarks/RESULTS.md.
 *
 *   npx -y pnpm@10.34.9 run bench:load
 *
 * Options: --runs N (processes per case, default 3), --heap MB (default 1024), --only LABEL
 * (10k or 100k), --load-only (skip toGraphology), --no-write (leave RESULTS.md alone).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, type as osType, release } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeEdgeList } from './gen-edge-list.js';
import type { ChildResult } from './load-child.js';

interface Case {
  label: string;
  nodes: number;
  edges: number;
}

const CASES: Case[] = [
  { label: '10k', nodes: 10_000, edges: 100_000 },
  { label: '100k', nodes: 100_000, edges: 1_000_000 },
];
const SEED = 42;
const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const OUT_DIR = here('../out/');
const RESULTS = here('../RESULTS.md');
const CHILD = here('./load-child.js');
const SECTION = '## Edge-list load';
const COMMAND = 'npx -y pnpm@10.34.9 run bench:load';

type Measure = {
  name: string;
  get: (r: ChildResult) => number;
  unit: 'ms' | 'bytes';
  skip?: boolean;
};

function measures(loadOnly: boolean): Measure[] {
  const all: Measure[] = [
    { name: 'readFileSync', get: (r) => r.readMs, unit: 'ms' },
    { name: 'loadEdgeList (bytes → validated tables)', get: (r) => r.loadMs, unit: 'ms' },
    { name: 'buildCompactGraph', get: (r) => r.compactMs, unit: 'ms' },
    { name: 'toGraphology', get: (r) => r.graphologyMs, unit: 'ms', skip: loadOnly },
    { name: 'heapUsed before load (after GC)', get: (r) => r.heapBaseline, unit: 'bytes' },
    { name: 'heapUsed after load (after GC)', get: (r) => r.heapAfterLoad, unit: 'bytes' },
    {
      name: 'arrayBuffers after load (typed columns)',
      get: (r) => r.arrayBuffersAfterLoad,
      unit: 'bytes',
    },
    { name: 'peak RSS up to end of load', get: (r) => r.peakRssLoad, unit: 'bytes' },
    {
      name: 'heapUsed with graphology graph (after GC)',
      get: (r) => r.heapAfterGraphology,
      unit: 'bytes',
      skip: loadOnly,
    },
    { name: 'peak RSS of the process', get: (r) => r.peakRssEnd, unit: 'bytes' },
  ];
  return all.filter((m) => !m.skip);
}

function fileOf(c: Case): string {
  return `${OUT_DIR}edges-${c.nodes}-${c.edges}-s${SEED}.csv`;
}

function ensureFile(c: Case): string {
  const file = fileOf(c);
  if (!existsSync(file)) {
    process.stdout.write(`generating ${file} … `);
    const t = performance.now();
    writeEdgeList({ nodes: c.nodes, edges: c.edges, seed: SEED }, file);
    console.log(`${((performance.now() - t) / 1000).toFixed(1)} s`);
  }
  return file;
}

function runChild(c: Case, file: string, heapMb: number, loadOnly: boolean): ChildResult {
  const args = [
    '--expose-gc',
    `--max-old-space-size=${heapMb}`,
    CHILD,
    file,
    String(c.nodes),
    String(c.edges),
  ];
  if (loadOnly) args.push('--load-only');
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (child.status !== 0) {
    const oom = /heap out of memory|Reached heap limit/i.test(child.stderr);
    throw new Error(
      [
        `FAILED: ${c.label} case (${c.nodes} nodes / ${c.edges} edges) ` +
          (oom
            ? `ran out of heap under --max-old-space-size=${heapMb}`
            : `exited with ${child.status ?? child.signal}`),
        `command: node ${args.join(' ')}`,
        child.stderr.trim().split('\n').slice(-15).join('\n'),
      ].join('\n'),
    );
  }
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ChildResult;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function format(v: number, unit: Measure['unit']): string {
  if (unit === 'bytes') return `${(v / 2 ** 20).toFixed(1)} MiB`;
  return v >= 1000 ? `${(v / 1000).toFixed(2)} s` : `${v.toFixed(v >= 100 ? 0 : 1)} ms`;
}

interface CaseResult {
  c: Case;
  fileBytes: number;
  runs: ChildResult[];
}

function table(results: CaseResult[], loadOnly: boolean): string {
  const lines = [
    '| case | measure | median | min | max |',
    '| ---- | ------- | -----: | --: | --: |',
  ];
  for (const { c, fileBytes, runs } of results) {
    const label = `${c.nodes.toLocaleString('en-US')} nodes / ${c.edges.toLocaleString('en-US')} edges (${(fileBytes / 1e6).toFixed(1)} MB)`;
    for (const m of measures(loadOnly)) {
      const xs = runs.map(m.get);
      lines.push(
        `| ${label} | ${m.name} | ${format(median(xs), m.unit)} | ${format(Math.min(...xs), m.unit)} | ${format(Math.max(...xs), m.unit)} |`,
      );
    }
  }
  return lines.join('\n');
}

function section(results: CaseResult[], opts: { runs: number; heap: number; loadOnly: boolean }) {
  const cpu = cpus();
  const date = new Date().toISOString().slice(0, 10);
  return [
    SECTION,
    '',
    [
      'Synthetic directed edge lists (`source,target,weight`, community-structured preferential',
      `attachment, seed ${SEED}; \`benchmarks/src/gen.ts\`). Each case ran in ${opts.runs} fresh`,
      `process${opts.runs === 1 ? '' : 'es'} under`,
      `\`node --expose-gc --max-old-space-size=${opts.heap}\`; every process loaded the file`,
      'once, cold (first call, JIT not warm), as one `chainlens` command does. A process that',
      'exceeded the heap limit would have failed the benchmark. `heapUsed` is the V8 heap after',
      'a full GC; the typed relation columns live outside it, in `arrayBuffers`. `toGraphology`',
      'includes its own `buildCompactGraph`.',
    ].join(' '),
    '',
    table(results, opts.loadOnly),
    '',
    `- Machine: ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${osType()} ${release()}`,
    `- Node ${process.version}; ${date}`,
    `- Rerun: \`${COMMAND}\``,
    '',
  ].join('\n');
}

/** Formats markdown with the repository's prettier config, so `prettier --check` passes. */
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

/** Replaces the section (up to the next `## ` heading) in RESULTS.md, or appends it. */
async function writeResults(text: string): Promise<void> {
  const old = existsSync(RESULTS) ? readFileSync(RESULTS, 'utf8') : '# Benchmark results\n';
  const start = old.indexOf(`${SECTION}\n`);
  let next: string;
  if (start === -1) {
    next = `${old.trimEnd()}\n\n${text}`;
  } else {
    const after = old.indexOf('\n## ', start + SECTION.length);
    next = old.slice(0, start) + text + (after === -1 ? '' : old.slice(after + 1));
  }
  writeFileSync(RESULTS, await prettify(next));
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '3' },
      heap: { type: 'string', default: '1024' },
      only: { type: 'string' },
      'load-only': { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  const heap = Number(values.heap);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  if (!Number.isInteger(heap) || heap < 16) throw new Error('--heap must be a size in MB');
  const cases = CASES.filter((c) => values.only === undefined || c.label === values.only);
  if (cases.length === 0)
    throw new Error(`--only: no case '${values.only}' (${CASES.map((c) => c.label).join(', ')})`);
  const loadOnly = values['load-only'];

  const results: CaseResult[] = [];
  for (const c of cases) {
    const file = ensureFile(c);
    const result: CaseResult = { c, fileBytes: statSync(file).size, runs: [] };
    for (let i = 0; i < runs; i++) {
      const r = runChild(c, file, heap, loadOnly);
      result.runs.push(r);
      console.log(
        `${c.label} run ${i + 1}/${runs}: load ${format(r.loadMs, 'ms')}, compact ${format(r.compactMs, 'ms')}` +
          (loadOnly ? '' : `, graphology ${format(r.graphologyMs, 'ms')}`) +
          `, heap ${format(r.heapAfterLoad, 'bytes')}, peak RSS ${format(r.peakRssEnd, 'bytes')}`,
      );
    }
    results.push(result);
  }
  const text = section(results, { runs, heap, loadOnly });
  console.log(`\n${text}`);
  if (!values['no-write']) {
    await writeResults(text);
    console.log(`updated ${RESULTS}`);
  }
}

main().catch((e: unknown) => {
  console.error(`\nbench:load: ${(e as Error).message}`);
  process.exitCode = 1;
});
