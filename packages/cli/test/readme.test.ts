/**
 * The README's command lines run as written. Every line of the README's ```sh blocks is run with
 * bash from the repository root, in the README's order (a later line may read what an earlier one
 * wrote), and must exit 0. The few left out are listed below with the reason; the list is checked
 * against the README, so it cannot name a line that is no longer there.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const PNPM = 'npx -y pnpm@10.34.9';

/** Lines left out, by their start, and why. */
const LEFT_OUT: ReadonlyMap<string, string> = new Map([
  [`${PNPM} install && ${PNPM} test`, 'the test command: it runs this test (CI runs it, .ci/run)'],
  [`${PNPM} test `, 'the test command: it runs this test (CI runs it, .ci/run)'],
  [
    `${PNPM} install && ${PNPM} build`,
    'run by the test command before vitest starts; again here, it would rebuild apps/viewer/dist under the viewer tests',
  ],
  [
    `${PNPM} build `,
    'run by the test command before vitest starts; again here, it would rebuild apps/viewer/dist under the viewer tests',
  ],
  [`${PNPM} typecheck `, 'run by the test command before vitest starts (about 2 min)'],
  [`${PNPM} bench:load `, 'long-running: a benchmark (1M edges in fresh processes)'],
  [`${PNPM} bench:metrics `, 'long-running: a benchmark (and needs python3-igraph, networkx)'],
  [`${PNPM} bench:national `, 'long-running: a benchmark up to 5M companies (hours)'],
  [`${PNPM} bench:gen-national --companies 5M`, 'long-running: writes a 5M-company registry'],
  ['node packages/cli/dist/bin.js prepare out/national-5M', 'long-running: needs the 5M registry'],
  ['node packages/cli/dist/bin.js compare out/national-5M', 'long-running: needs the 5M registry'],
  ['node packages/cli/dist/bin.js analyze out/national-5M', 'long-running: needs the 5M registry'],
  ['node packages/cli/dist/bin.js serve ', 'a server that runs until stopped (serve.test.ts)'],
]);

/** Every command line of the README's ```sh blocks, in order. */
function commandLines(markdown: string): string[] {
  const lines: string[] = [];
  for (const block of markdown.matchAll(/^```sh\n([\s\S]*?)^```/gm))
    for (const line of block[1]!.split('\n'))
      if (line.trim() !== '' && !line.trim().startsWith('#')) lines.push(line.trim());
  return lines;
}

const reason = (line: string) =>
  [...LEFT_OUT].find(([start]) => line.startsWith(start) || line === start.trim())?.[1];

/** The environment of a fresh shell: none of the npm_* variables of the pnpm run around us. */
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')),
);

describe('README', () => {
  const lines = commandLines(README);

  it('has command lines, and every line left out is in it', () => {
    expect(lines.length).toBeGreaterThan(20);
    for (const start of LEFT_OUT.keys())
      expect(
        lines.some((l) => l.startsWith(start) || l === start.trim()),
        start,
      ).toBe(true);
  });

  // The lines left out (LEFT_OUT, with their reasons) get no test at all rather than a skipped
  // one, so that CI's "N skipped" stays 0; the test above keeps that list honest.
  for (const line of lines.filter((l) => reason(l) === undefined)) {
    it(
      line,
      () => {
        const r = spawnSync('bash', ['-c', line], {
          cwd: ROOT,
          env,
          encoding: 'utf8',
          timeout: 280_000,
          maxBuffer: 256 * 1024 * 1024,
        });
        const output = `${r.stdout}\n${r.stderr}`;
        expect(r.status, `${line}\n${output.slice(-4000)}`).toBe(0);
        // No build noise (vite's [PLUGIN_TIMINGS], a bundler's output) in what a user sees.
        expect(output).not.toMatch(/PLUGIN_TIMINGS|vite v\d/);
        if (line.includes(`${PNPM} demo`)) {
          expect(existsSync(join(ROOT, 'out/demo/report.json'))).toBe(true);
          expect(r.stdout).toContain('lithium-battery');
        }
      },
      300_000,
    );
  }
});
