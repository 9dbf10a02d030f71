/**
 * `chainlens analyze --template` and `chainlens compare` as a user runs them on cn-listed:
 * the printed summary, the report files, and errors with their exit codes.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

describe('chainlens analyze --template', () => {
  it('prints the chain summary and writes report.json/md/html that agree with it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-analyze-'));
    const r = await cli(
      'analyze',
      'cn-listed',
      '--region',
      '广东',
      '--template',
      'lithium-battery',
      '--out',
      dir,
      '--quiet',
    );
    expect(r.code).toBe(0);
    for (const heading of [
      'Completeness',
      'Segments',
      'Missing roles',
      'Weak links',
      'Leading firms',
      'Targets to attract',
      'If a firm fails',
      'Parameters:',
    ]) {
      expect(r.stdout).toContain(heading);
    }
    for (const f of ['report.json', 'report.md', 'report.html'])
      expect(existsSync(join(dir, f))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.cluster.id).toBe('region:广东');
    // the printed coverage is the report's, to two decimals.
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('coverage'))!;
    expect(line).toContain(report.completeness.coverage.toFixed(2));
    // the first target's explanation is printed as is.
    expect(r.stdout).toContain(report.targets[0].explanation);
    // the terminal says that the supply edges are inferred.
    expect(r.stdout).toMatch(/inferred from products/);
  });

  it('refuses an unknown template (exit 2, nearest id) and an unknown region (exit 1)', async () => {
    const t = await cli('analyze', 'cn-listed', '--region', '广东', '--template', 'lithium-batery');
    expect(t.code).toBe(2);
    expect(t.stderr).toContain("unknown template 'lithium-batery' (did you mean 'lithium-battery'");
    const g = await cli(
      'analyze',
      'cn-listed',
      '--region',
      '广州省',
      '--template',
      'lithium-battery',
    );
    expect(g.code).toBe(1);
    expect(g.stderr).toContain("region '广州省' has no companies");
    const o = await cli('analyze', 'cn-listed', '--out', '/tmp/x');
    expect(o.code).toBe(2);
    const th = await cli('analyze', 'cn-listed', '--template', 'photovoltaic', '--theta', '2');
    expect(th.code).toBe(2);
    expect(th.stderr).toContain('--theta must be');
  });
});

describe('errors a person can act on', () => {
  it('names a missing dataset and an empty one, one line each', async () => {
    const missing = await cli('analyze', 'no/such/folder', '--template', 'photovoltaic');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no/such/folder: no such file, folder or bundled dataset');
    expect(missing.stderr.split('\n')).toHaveLength(1);
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-empty-'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name: 'empty', companies: 'companies.csv' }),
    );
    writeFileSync(join(dir, 'companies.csv'), 'id,name,region\n');
    const empty = await cli('analyze', dir, '--template', 'photovoltaic');
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('the dataset has no companies');
  });
});

describe('chainlens compare', () => {
  it('ranks provinces on a chain, best first, and a region across chains', async () => {
    const r = await cli('compare', 'cn-listed', '--template', 'photovoltaic', '--top', '3');
    expect(r.code).toBe(0);
    const rows = r.stdout.split('\n').filter((l) => /^\s+\d+\s/.test(l));
    expect(rows).toHaveLength(3);
    // 江苏 is China's photovoltaic province: ranked 1st (on redundancy 0.75 tied with 浙江, which
    // also covers more segments).
    expect(rows.find((l) => /\s江苏\s/.test(l))).toMatch(/^\s+1\s+江苏/);
    const chains = await cli('compare', 'cn-listed', '--region', '浙江');
    expect(chains.code).toBe(0);
    expect(chains.stdout).toContain('textile-apparel');
    expect(chains.stdout).toMatch(/of 31/);
  });

  it('needs a template or a region, and rejects a bad --sort', async () => {
    expect((await cli('compare', 'cn-listed')).code).toBe(2);
    const s = await cli('compare', 'cn-listed', '--template', 'photovoltaic', '--sort', 'size');
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('--sort must be one of');
    expect((await cli('compare', 'cn-listed', '--region', '火星')).code).toBe(1);
  });
});

describe('national tables: analyze and compare stream them (@chainlens/scale)', () => {
  /** Runs the CLI with every dataset above `threshold` bytes streamed. */
  async function streamed(threshold: string, ...args: string[]) {
    const before = process.env.CHAINLENS_STREAM_THRESHOLD;
    process.env.CHAINLENS_STREAM_THRESHOLD = threshold;
    try {
      return await cli(...args);
    } finally {
      if (before === undefined) delete process.env.CHAINLENS_STREAM_THRESHOLD;
      else process.env.CHAINLENS_STREAM_THRESHOLD = before;
    }
  }

  it('gives the same report.json and ranking streamed as read in memory', async () => {
    const args = ['--region', '广东', '--template', 'lithium-battery', '--quiet'];
    const a = mkdtempSync(join(tmpdir(), 'chainlens-mem-'));
    const b = mkdtempSync(join(tmpdir(), 'chainlens-stream-'));
    expect((await cli('analyze', 'cn-listed', ...args, '--out', a)).code).toBe(0);
    expect((await streamed('0', 'analyze', 'cn-listed', ...args, '--out', b)).code).toBe(0);
    // cn-listed is ~10 MB: with threshold 0 it goes through the streaming ingest.
    expect(readFileSync(join(b, 'report.json'))).toEqual(readFileSync(join(a, 'report.json')));
    const compare = ['compare', 'cn-listed', '--template', 'photovoltaic', '--level', '2'];
    const memory = await cli(...compare, '--quiet');
    const stream = await streamed('0', ...compare, '--quiet');
    const rows = (s: string) => s.split('\n').filter((l) => /^\s+\d+\s/.test(l));
    expect(rows(stream.stdout)).toEqual(rows(memory.stdout));
    expect(rows(memory.stdout).length).toBeGreaterThan(10);
  });

  it('rejects a threshold that is not a number of bytes (exit 2)', async () => {
    const r = await streamed('lots', 'analyze', 'cn-listed', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CHAINLENS_STREAM_THRESHOLD');
  });
});
