/**
 * The chain over time from the command line (docs/time.md): `--at` on cn-listed gives the same
 * report as the tables filtered by hand (listing date on or before the day), a bad date is a
 * usage error, and `chainlens diff` gives the same bytes for the same data.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CN = join(ROOT, 'datasets/cn-listed');

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

type Row = Record<string, string>;
const read = (file: string): Row[] =>
  parse(readFileSync(join(CN, file)), { columns: true, bom: true }) as Row[];
const write = (dir: string, file: string, rows: Row[], columns: string[]) =>
  writeFileSync(join(dir, file), stringify(rows, { header: true, columns }));

/** cn-listed with only the companies listed on or before `day` (or undated), by hand. */
function filteredByHand(day: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-at-hand-'));
  const companies = read('companies.csv');
  // ISO dates compare as strings; an empty `listed` is undated and kept.
  const kept = companies.filter((c) => c.listed === '' || c.listed! <= day);
  const ids = new Set(kept.map((c) => c.id));
  write(dir, 'companies.csv', kept, Object.keys(companies[0]!));
  const memberships = read('memberships.csv');
  write(
    dir,
    'memberships.csv',
    memberships.filter((m) => ids.has(m.company!)),
    Object.keys(memberships[0]!),
  );
  const relations = read('relations.csv');
  write(
    dir,
    'relations.csv',
    relations.filter((r) => ids.has(r.source!) && ids.has(r.target!)),
    Object.keys(relations[0]!),
  );
  for (const f of ['chainlens.json', 'products.csv', 'product-links.csv'])
    copyFileSync(join(CN, f), join(dir, f));
  return dir;
}

describe('--at', () => {
  it('analyze --at gives the report of the tables filtered by hand, with the date recorded', async () => {
    const hand = filteredByHand('2015-12-31');
    const a = mkdtempSync(join(tmpdir(), 'chainlens-at-'));
    const b = mkdtempSync(join(tmpdir(), 'chainlens-at-'));
    const common = ['--region', '福建', '--template', 'lithium-battery', '--quiet'];
    const r1 = await cli('analyze', 'cn-listed', '--at', '2015', ...common, '--out', a);
    const r2 = await cli('analyze', hand, ...common, '--out', b);
    expect([r1.code, r2.code]).toEqual([0, 0]);
    const at = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    const byHand = JSON.parse(readFileSync(join(b, 'report.json'), 'utf8'));
    expect(at.dataset.asOf.date).toBe('2015-12-31');
    expect(at.dataset.asOf.total.companies).toBe(read('companies.csv').length);
    expect(byHand.dataset.asOf).toBeUndefined();
    delete at.dataset.asOf;
    expect(at).toEqual(byHand);
    expect(r1.stdout).toMatch(/As of 2015-12-31 .*: [\d,]+ companies then/);
    expect(readFileSync(join(a, 'report.html'), 'utf8')).toContain('as of 2015-12-31');
  }, 240_000);

  it('compare --at and metrics --at use the same tables', async () => {
    const hand = filteredByHand('2010-12-31');
    const args = ['--template', 'lithium-battery', '--format', 'json', '--quiet'];
    const at = await cli('compare', 'cn-listed', '--at', '2010', ...args);
    const byHand = await cli('compare', hand, ...args);
    const docAt = JSON.parse(at.stdout);
    expect(docAt.asOf.date).toBe('2010-12-31');
    expect(docAt.rows).toEqual(JSON.parse(byHand.stdout).rows);
    const m = await cli('metrics', 'cn-listed', '--at', '2010', '--out', '-', '--quiet');
    const mHand = await cli('metrics', hand, '--out', '-', '--quiet');
    expect(m.stdout).toBe(mHand.stdout);
    expect(m.stderr).toMatch(/As of 2010-12-31/);
  }, 240_000);

  it('refuses a date that is not one, before reading the data', async () => {
    const r = await cli('analyze', 'cn-listed', '--at', '2015-02-30');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      "--at must be a date (YYYY-MM-DD, YYYYMMDD, YYYY-MM or YYYY), got '2015-02-30'",
    );
  });
});

describe('chainlens diff', () => {
  it('says what changed, writes json/csv/xlsx, and gives the same bytes for the same data', async () => {
    const args = [
      '--region',
      '福建',
      '--template',
      'lithium-battery',
      '--from',
      '2015',
      '--to',
      '2021',
      '--quiet',
    ];
    const a = mkdtempSync(join(tmpdir(), 'chainlens-diff-'));
    const b = mkdtempSync(join(tmpdir(), 'chainlens-diff-'));
    const r1 = await cli('diff', 'cn-listed', ...args, '--out', a);
    const r2 = await cli('diff', 'cn-listed', ...args, '--out', b);
    expect([r1.code, r2.code]).toEqual([0, 0]);
    for (const f of ['diff.json', 'diff.csv', 'diff.xlsx'])
      expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    const diff = JSON.parse(readFileSync(join(a, 'diff.json'), 'utf8'));
    expect([diff.from, diff.to]).toEqual(['2015-12-31', '2021-12-31']);
    // 宁德时代 (300750, 福建/宁德) was listed on 2018-06-11: in the chain in 2021, not in 2015.
    expect(diff.chain.entered.map((f: { company: string }) => f.company)).toContain('300750');
    const companies = read('companies.csv');
    const fj = (day: string) =>
      companies.filter(
        (c) =>
          (c.region === '福建' || c.region!.startsWith('福建/')) &&
          (c.listed === '' || c.listed! <= day),
      ).length;
    expect([diff.cluster.before, diff.cluster.after]).toEqual([fj('2015-12-31'), fj('2021-12-31')]);
    // One figure per line with both values.
    expect(r1.stdout).toMatch(/^ {2}coverage K_cov: \d\.\d\d → \d\.\d\d \(/m);
    expect(r1.stdout).toContain('宁德时代 (300750, 福建/宁德)');
    const csvRows = parse(readFileSync(join(a, 'diff.csv')), { columns: true }) as Row[];
    const cov = csvRows.find((r) => r.section === 'completeness' && r.item === 'coverage')!;
    expect(Number(cov.before)).toBe(diff.completeness[0].before);
  }, 240_000);

  it('speaks Chinese with --lang zh-CN and refuses dates in the wrong order', async () => {
    const zh = await cli(
      'diff',
      'cn-listed',
      '--lang',
      'zh-CN',
      '--region',
      '福建',
      '--template',
      'lithium-battery',
      '--from',
      '2010',
      '--to',
      '2015',
      '--quiet',
    );
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^ {2}环节覆盖度 K_cov：\d\.\d\d → \d\.\d\d（/m);
    expect(zh.stdout).toContain('产业链企业：');
    const bad = await cli(
      'diff',
      'cn-listed',
      '--region',
      '福建',
      '--template',
      'lithium-battery',
      '--from',
      '2021',
      '--to',
      '2015',
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--from (2021-12-31) must be before --to (2015-12-31)');
  }, 240_000);
});
