/**
 * `chainlens prepare` as a user runs it on a copy of cn-listed: later commands print the same
 * results from the prepared form, say that they read it, and read the tables again (saying why)
 * once a file of the folder changes.
 */
import { cpSync, mkdtempSync, rmSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

const DATASETS = fileURLToPath(new URL('../../../datasets/', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'chainlens-prepare-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('chainlens prepare', () => {
  it('makes compare and metrics read the prepared form, with the same results', async () => {
    const dir = join(tmp, 'cn-listed');
    cpSync(join(DATASETS, 'cn-listed'), dir, { recursive: true });
    const compare = ['compare', dir, '--template', 'lithium-battery', '--level', '2', '--quiet'];
    const metrics = ['metrics', dir, '--top', '5', '--quiet'];
    const before = await cli(...compare, '--lang', 'en');
    const metricsBefore = await cli(...metrics, '--lang', 'en');
    expect(before.code).toBe(0);

    const prepared = await cli('prepare', dir, '--quiet', '--lang', 'en');
    expect(prepared.code).toBe(0);
    expect(prepared.stdout).toMatch(
      /^Prepared cn-listed \(.*\): [\d,]+ companies, [\d,]+ relations/,
    );
    expect(prepared.stdout).toContain(join(dir, '.chainlens', 'prepared.bin'));
    expect(statSync(join(dir, '.chainlens', 'prepared.bin')).size).toBeGreaterThan(1e6);

    const after = await cli(...compare.filter((a) => a !== '--quiet'), '--lang', 'en');
    expect(after.code).toBe(0);
    expect(after.stderr).toMatch(/Read the prepared form .*prepared\.bin \([\d.]+ MiB/);
    // Same figures; only the time the computation took may differ.
    const untimed = (s: string) =>
      s.replace(/Computed in \d+ ms/, '').replace(/Finished in [\d.]+ s/, '');
    expect(untimed(after.stdout)).toBe(untimed(before.stdout));
    const metricsAfter = await cli(...metrics, '--lang', 'en');
    expect(untimed(metricsAfter.stdout)).toBe(untimed(metricsBefore.stdout));

    const zh = await cli(...compare.filter((a) => a !== '--quiet'), '--lang', 'zh-CN');
    expect(zh.stderr).toContain('已读取预处理文件');

    // A changed table: read again, and said why.
    const file = join(dir, 'relations.csv');
    const later = new Date(statSync(file).mtimeMs + 10_000);
    utimesSync(file, later, later);
    const stale = await cli(...compare, '--lang', 'en');
    expect(stale.stderr).toContain('is out of date (relations.csv was modified)');
    expect(stale.stderr).toContain(`chainlens prepare ${dir}`);
    expect(untimed(stale.stdout)).toBe(untimed(before.stdout));
  }, 300_000);

  it('takes only a dataset folder', async () => {
    const r = await cli('prepare', join(DATASETS, 'cn-listed', 'relations.csv'), '--lang', 'en');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('is not a dataset folder');
  });
});
