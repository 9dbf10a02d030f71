/**
 * Start-up benchmark (issue 21 part 2): what one `chainlens` command costs before and around
 * its work, beside a bare `node -e 0`, each case in fresh processes, the cases interleaved
 * (round 1 of every case, then round 2, …) so that a change of the machine's load touches all
 * alike; wall time per process (spawn to exit) with the 1-minute load average as it starts.
 * Writes the "Start-up" section of benchmarks/RESULTS.md.
 *
 *   npx -y pnpm@10.34.9 run bench:startup [-- --runs 7] [--busy] [--no-write]
 *
 * Cases: `node -e 0`; `chainlens --version`; `chainlens validate` of the small shipped dataset
 * datasets/eto-semiconductors; `readDataset` of datasets/cn-listed in a child that times the
 * read alone (startup-child.js); `chainlens analyze cn-listed --region 广东 --template
 * lithium-battery` (the README's demo) into a temporary folder. Targets: --version and
 * validate within 2× of `node -e 0`; analyze ≤ 1.5 s; cn-listed read ≤ 0.5 s.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, here } from './metrics-bench/config.js';
import { fmtMs, fmtRatio, median } from './metrics-bench/format.js';
import { writeResults } from './metrics-bench/results.js';

const SECTION = '## Start-up';
const CLI = `${ROOT}packages/cli/dist/bin.js`;
const CHILD = here('../startup-child.js');
/** Preloaded into every measured process: prints its CPU time at exit (cpu-report.ts). */
const CPU_REPORT = new URL('./cpu-report.js', import.meta.url).href;

interface Case {
  label: string;
  args: (out: string) => string[];
  /** Read the time the child printed (ms) instead of the process's wall time. */
  inner?: boolean;
}

const CASES: Case[] = [
  { label: '`node -e 0`', args: () => ['-e', '0'] },
  { label: '`chainlens --version`', args: () => [CLI, '--version'] },
  {
    label: '`chainlens validate datasets/eto-semiconductors`',
    args: () => [CLI, 'validate', `${ROOT}datasets/eto-semiconductors`],
  },
  {
    label: '`readDataset(datasets/cn-listed)` (the read alone, in-process)',
    args: () => [CHILD, `${ROOT}datasets/cn-listed`],
    inner: true,
  },
  {
    label: '`chainlens analyze cn-listed --region 广东 --template lithium-battery`',
    args: (out) => [
      CLI,
      'analyze',
      'cn-listed',
      '--region',
      '广东',
      '--template',
      'lithium-battery',
      '--quiet',
      '--force',
      '--out',
      out,
    ],
  },
];

interface Sample {
  ms: number;
  /** CPU time of the process (user + system), ms. */
  cpu: number;
  load: number;
}

function once(c: Case, out: string): Sample {
  const load = loadavg()[0]!;
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--import', CPU_REPORT, ...c.args(out)], {
    encoding: 'utf8',
    env: { ...process.env, CHAINLENS_LANG: 'zh-CN' },
    maxBuffer: 1 << 26,
  });
  const wall = performance.now() - t;
  if (r.status !== 0) {
    throw new Error(`${c.label} failed (exit ${r.status}): ${r.stderr.trim().slice(-500)}`);
  }
  const ms = c.inner ? Number(r.stdout.trim().split('\n').pop()) : wall;
  if (!Number.isFinite(ms)) throw new Error(`${c.label}: no time printed (${r.stdout})`);
  const cpu = Number(/CHAINLENS_CPU_MS ([\d.]+)/.exec(r.stderr)?.[1]);
  if (!Number.isFinite(cpu)) throw new Error(`${c.label}: no CPU time reported`);
  return { ms, cpu, load };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      runs: { type: 'string', default: '7' },
      busy: { type: 'boolean', default: false },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const out = mkdtempSync(join(tmpdir(), 'chainlens-startup-'));
  const samples = CASES.map((): Sample[] => []);
  const started = new Date();
  try {
    // One unmeasured round first: the file cache, as a user's second command finds it.
    for (const c of CASES) once(c, out);
    for (let i = 0; i < runs; i++) {
      CASES.forEach((c, j) => {
        const s = once(c, out);
        samples[j]!.push(s);
        console.log(
          `${c.label} ${i + 1}/${runs}: ${fmtMs(s.ms)}, CPU ${fmtMs(s.cpu)} (load ${s.load.toFixed(2)})`,
        );
      });
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  const med = samples.map((xs) => median(xs.map((s) => s.ms)));
  const cpu = samples.map((xs) => median(xs.map((s) => s.cpu)));
  const loads = samples.flat().map((s) => s.load);
  const node = med[0]!;
  const rows = CASES.map((c, j) => {
    const xs = samples[j]!.map((s) => s.ms);
    const range = `${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))}`;
    const ratio = c.inner ? '' : fmtRatio(med[j]! / node);
    const cpuRatio = fmtRatio(cpu[j]! / cpu[0]!);
    return `| ${c.label} | ${fmtMs(med[j]!)} | ${range} | ${ratio} | ${fmtMs(cpu[j]!)} | ${cpuRatio} |`;
  });
  // [what, value, limit, ratio (×) or seconds]
  const targets: Array<[string, number, number, boolean]> = [
    ['`chainlens --version` ≤ 2× `node -e 0`', med[1]! / node, 2, true],
    ['the same in CPU time', cpu[1]! / cpu[0]!, 2, true],
    ['`chainlens validate` (small dataset) ≤ 2× `node -e 0`', med[2]! / node, 2, true],
    ['the same in CPU time', cpu[2]! / cpu[0]!, 2, true],
    ['cn-listed dataset read ≤ 0.5 s', med[3]! / 1000, 0.5, false],
    ['`analyze` on cn-listed ≤ 1.5 s wall', med[4]! / 1000, 1.5, false],
    ['the same in CPU time', cpu[4]! / 1000, 1.5, false],
  ];
  const text = [
    SECTION,
    '',
    [
      `Each case ran in ${runs} fresh processes after one unmeasured round, the cases interleaved`,
      '(`benchmarks/src/startup-bench.ts`); a cell is the median wall time from spawn to exit',
      '(the read: the time `readDataset` took inside its process), with min–max, and the median',
      'CPU time of the whole process (user + system, worker threads included; on a shared machine',
      'wall time mostly measures the other jobs, CPU time much less). Output in Chinese',
      '(`CHAINLENS_LANG=zh-CN`, the default).',
    ].join(' '),
    '',
    ...(values.busy
      ? [
          "> **Caution:** taken while other engineers' builds and tests ran on the same machine",
          '> (load averages below); absolute times are inflated, the ratios to `node -e 0` less so.',
          '',
        ]
      : []),
    '| case | wall, median | min–max | × `node -e 0` | CPU, median | CPU × `node -e 0` |',
    '| ---- | -----------: | ------: | ------------: | ----------: | ----------------: |',
    ...rows,
    '',
    '| target | measured | |',
    '| ------ | -------: | - |',
    ...targets.map(
      ([what, v, limit, ratio]) =>
        `| ${what} | ${ratio ? fmtRatio(v) : `${v.toFixed(2)} s`} | ${v <= limit ? 'met' : '**missed**'} |`,
    ),
    '',
    `- ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores; Node ${process.version}; ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC`,
    `- 1-minute load average as each process started: ${Math.min(...loads).toFixed(2)}–${Math.max(...loads).toFixed(2)} (median ${median(loads).toFixed(2)})`,
    '- Rerun: `npx -y pnpm@10.34.9 run bench:startup` (builds the CLI and the benchmarks first)',
    '',
  ].join('\n');
  console.log(`\n${text}`);
  if (!values['no-write']) await writeResults(text, SECTION);
}

main().catch((e: unknown) => {
  console.error(`\nbench:startup: ${(e as Error).message}`);
  process.exitCode = 1;
});
