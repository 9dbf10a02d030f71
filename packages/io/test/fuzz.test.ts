/**
 * Fuzz suite (issue 14 part 6): 10,000 generated inputs per reader — the CSV tables of
 * companies, relations and memberships, the JSON manifest and template, and an Arrow companies
 * table — each loaded as part of an otherwise valid dataset. Every load must end within the
 * time limit of a case (a hang fails, naming the reader, seed and case) and either return a
 * report whose rows add up or throw a DataError with a one-line message (anything else is a
 * crash, listed with its input). Inputs: the valid file mutated (bit flips, junk tokens
 * inserted, bytes deleted, cut short, 32-bit fields overwritten), tables of junk tokens, and
 * random bytes (test/fuzz/worker.mjs).
 *
 * The cases run in a worker thread on the built package (packages/io/dist: build it first;
 * the test refuses a dist older than the sources), so that a case that never returns can be
 * stopped. CHAINLENS_FUZZ_RUNS and CHAINLENS_FUZZ_SEED change the run.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

const RUNS = Number(process.env.CHAINLENS_FUZZ_RUNS) || 10_000;
const SEED = Number(process.env.CHAINLENS_FUZZ_SEED) || 20261202;
/** A case that runs longer than this has hung (the slowest normal case takes a few ms). */
const CASE_LIMIT_MS = 5_000;
const WORKER = fileURLToPath(new URL('./fuzz/worker.mjs', import.meta.url));
const PKG = fileURLToPath(new URL('../', import.meta.url));

interface Crash {
  index: number;
  error: string;
  input: string;
}
interface Outcome {
  cases: number;
  crashes: Crash[];
  hang?: number;
  ms: number;
}

/** Sources (src/**.ts) whose built file (dist/**.js) is missing or older. */
function stale(): string[] {
  const src = join(PKG, 'src');
  return (readdirSync(src, { recursive: true }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .filter((f) => {
      const built = join(PKG, 'dist', f.replace(/\.ts$/, '.js'));
      return !existsSync(built) || statSync(built).mtimeMs < statSync(join(src, f)).mtimeMs;
    });
}

function fuzz(reader: string): Promise<Outcome> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { workerData: { reader, seed: SEED, runs: RUNS } });
    let current = -1;
    let since = performance.now();
    const watchdog = setInterval(() => {
      if (current >= 0 && performance.now() - since > CASE_LIMIT_MS) {
        clearInterval(watchdog);
        void worker.terminate();
        resolve({ cases: current, crashes: [], hang: current, ms: performance.now() - t0 });
      }
    }, 250);
    worker.on('message', (m: { start?: number; done?: number; crashes?: Crash[] }) => {
      if (m.start !== undefined) {
        current = m.start;
        since = performance.now();
      } else {
        clearInterval(watchdog);
        resolve({ cases: m.done!, crashes: m.crashes!, ms: performance.now() - t0 });
      }
    });
    worker.on('error', (e) => {
      clearInterval(watchdog);
      reject(e);
    });
  });
}

describe('fuzz: every reader, 10,000 cases each, no crash and no hang', () => {
  it('runs on a current build of packages/io', () => {
    expect(stale(), 'packages/io/dist is older than these sources: npx tsc -b packages/io').toEqual(
      [],
    );
  });

  it.each(['companies', 'relations', 'memberships', 'manifest', 'template', 'arrow'])(
    '%s',
    async (reader) => {
      const r = await fuzz(reader);
      console.log(
        `fuzz ${reader}: ${r.cases} cases, ${r.crashes.length} crashes, ${r.hang === undefined ? 0 : 1} hangs, ${(r.ms / 1000).toFixed(1)} s (seed ${SEED})`,
      );
      expect(
        r.hang,
        `${reader}: case ${r.hang} of seed ${SEED} ran over ${CASE_LIMIT_MS} ms`,
      ).toBeUndefined();
      expect(r.crashes, `${reader}: crashes (seed ${SEED})`).toEqual([]);
      expect(r.cases).toBe(RUNS);
    },
    180_000,
  );
});
