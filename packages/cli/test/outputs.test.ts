/**
 * Output files of the CLI (packages/cli/src/files.ts): bad --out paths refused before any work
 * (exit 2, one line, before the dataset is read), writes that cannot half-happen (a failure
 * midway leaves the old files whole), the report folder's --force rule, and the CSV formula
 * guard of metrics --out, export --to csv and compare --format csv (with --raw-csv to opt out).
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { guardCsvCell } from '@chainlens/io';
import {
  RUN_MARKER,
  checkReportFolder,
  openAtomic,
  writeFileAtomic,
  writeFileSet,
  writeFilesTogether,
} from '../src/files.js';
import { UsageError } from '../src/errors.js';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

const dir = mkdtempSync(join(tmpdir(), 'chainlens-outputs-'));

/** The four OWASP prefixes as company names (and as regions), and a numeric text column. */
const NAMES = ['=HYPERLINK("http://x","y")', "+cmd|' /C calc'!A0", '@SUM(1+1)', '-2+3', 'Plain'];
/** Regions are paths: no '/' and no spaces in a region's name. */
const REGIONS = ['=HYPERLINK("x")', "+cmd|'calc'!A0", '@SUM(1+1)', '-2+3'];
const data = join(dir, 'formulas');
mkdirSync(data);
writeFileSync(
  join(data, 'chainlens.json'),
  JSON.stringify({
    name: 'formulas',
    companies: 'companies.csv',
    memberships: 'memberships.csv',
    relations: 'relations.csv',
  }),
);
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;
writeFileSync(
  join(data, 'companies.csv'),
  `id,name,region,score\n${NAMES.map((n, i) => `${'abcde'[i]},${quote(n)},${i < 4 ? quote(REGIONS[i]!) : '浙江'},${i % 2 ? '-0.5' : '1.5'}`).join('\n')}\n`,
);
writeFileSync(
  join(data, 'memberships.csv'),
  'company,segment,share\na,ore,\nb,ore,0.5\nc,cell,1\nd,ore,\ne,cell,\n',
);
writeFileSync(
  join(data, 'relations.csv'),
  'source,target,weight\na,b,1\nb,c,2\nc,d,1\nd,e,1\na,e,1\n',
);
const template = join(dir, 'mini.json');
writeFileSync(
  template,
  JSON.stringify({
    id: 'mini',
    name: 'mini',
    segments: [
      { id: 'ore', name: 'ore', stage: 'upstream' },
      { id: 'cell', name: 'cell', stage: 'midstream' },
    ],
    feeds: [['ore', 'cell']],
  }),
);
const GUARDED = NAMES.slice(0, 4).map((n) => `'${n}`);

describe('guardCsvCell', () => {
  it('prefixes text that starts with = + - @ tab or CR, and leaves numbers as they are', () => {
    for (const c of ['=1+1', '+cmd', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(guardCsvCell(c)).toBe(`'${c}`);
    for (const c of ['-0.5', '+3', '1e-7', '-.5', '浙江', '', 'a=b'])
      expect(guardCsvCell(c)).toBe(c);
  });
});

describe('CSV outputs guard formula cells', () => {
  it('metrics --out x.csv, with --raw-csv to opt out', async () => {
    const file = join(dir, 'm.csv');
    expect((await cli('metrics', data, '--out', file, '--quiet')).code).toBe(0);
    const rows = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.name)).toEqual([...GUARDED, 'Plain']);
    // Metric cells stay numbers.
    for (const r of rows) expect(Number.isFinite(Number(r.pagerank))).toBe(true);
    expect((await cli('metrics', data, '--out', file, '--quiet', '--raw-csv')).code).toBe(0);
    const raw = parse(readFileSync(file, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(raw.map((r) => r.name)).toEqual(NAMES);
  });

  it('export --to csv, numbers (also a numeric text column) unchanged; --raw-csv', async () => {
    const out = join(dir, 'e.csv');
    expect((await cli('export', data, '--out', out, '--quiet')).code).toBe(0);
    const nodes = parse(readFileSync(join(dir, 'e.nodes.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(nodes.map((r) => r.name)).toEqual([...GUARDED, 'Plain']);
    expect(nodes.map((r) => r.region)).toEqual([...REGIONS.map((n) => `'${n}`), '浙江']);
    expect(nodes.map((r) => r.score)).toEqual(['1.5', '-0.5', '1.5', '-0.5', '1.5']);
    expect((await cli('export', data, '--out', out, '--quiet', '--raw-csv')).code).toBe(0);
    const raw = parse(readFileSync(join(dir, 'e.nodes.csv'), 'utf8'), {
      columns: true,
    }) as Record<string, string>[];
    expect(raw.map((r) => r.name)).toEqual(NAMES);
  });

  it('compare --format csv, with --raw-csv to opt out', async () => {
    const regions = async (...extra: string[]) => {
      const r = await cli('compare', data, '--template', template, '--format', 'csv', ...extra);
      expect(r.code).toBe(0);
      return (parse(r.stdout, { columns: true }) as { region: string }[])
        .map((x) => x.region)
        .sort();
    };
    expect(await regions('--quiet')).toEqual([...REGIONS.map((n) => `'${n}`), '浙江'].sort());
    expect(await regions('--quiet', '--raw-csv')).toEqual([...REGIONS, '浙江'].sort());
  });
});

describe('bad --out paths: exit 2 in one line, before the dataset is read', () => {
  // The dataset does not exist: the --out error must come first.
  const missing = join(dir, 'no-such-dataset');
  const folder = join(dir, 'a-folder');
  mkdirSync(folder);
  const file = join(dir, 'a-file');
  writeFileSync(file, 'x');
  const cases: [string, string[], string][] = [
    [
      'analyze /proc',
      ['analyze', missing, '--region', 'x', '--template', 'mini', '--out', '/proc/x'],
      '/proc is a system folder',
    ],
    [
      'analyze under a file',
      ['analyze', missing, '--region', 'x', '--template', 'mini', '--out', join(file, 'r')],
      'is not a folder',
    ],
    [
      'analyze a file',
      ['analyze', missing, '--region', 'x', '--template', 'mini', '--out', file],
      'it is a file, and a folder is expected',
    ],
    [
      'metrics no folder',
      ['metrics', missing, '--out', join(dir, 'no', 'm.csv')],
      "there is no folder '",
    ],
    ['metrics a folder', ['metrics', missing, '--out', folder], 'it is a folder'],
    ['metrics /dev/null', ['metrics', missing, '--out', '/dev/null'], 'not a regular file'],
    ['metrics /sys', ['metrics', missing, '--out', '/sys/m.csv'], '/sys is a system folder'],
    [
      'template extract no folder',
      ['template', 'extract', missing, '--product', 'x', '--out', join(dir, 'no', 't.json')],
      "there is no folder '",
    ],
    [
      'template extract /proc',
      ['template', 'extract', missing, '--product', 'x', '--out', '/proc/t.json'],
      '/proc is a system folder',
    ],
    ['export /proc', ['export', missing, '--out', '/proc/x.gexf'], '/proc is a system folder'],
    ['export a folder', ['export', missing, '--to', 'gexf', '--out', folder], 'it is a folder'],
    [
      'compare /dev',
      ['compare', missing, '--template', 'mini', '--out', '/dev/x.csv'],
      '/dev is a system folder',
    ],
  ];
  it.each(cases)('%s', async (_, args, message) => {
    const started = performance.now();
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toHaveLength(1);
    expect(r.stderr[0]).toContain(message);
    expect(r.stderr[0]).not.toContain('\n');
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('writes that cannot half-happen', () => {
  const temps = (d: string) => readdirSync(d).filter((e) => e.includes('chainlens-tmp'));

  it('a streamed write that fails midway leaves the old file whole and no temporary file', () => {
    const d = mkdtempSync(join(dir, 'atomic-'));
    const path = join(d, 'm.csv');
    writeFileSync(path, 'old,complete\n');
    const file = openAtomic(path);
    file.write('new,');
    // A reader during the write still sees the old file.
    expect(readFileSync(path, 'utf8')).toBe('old,complete\n');
    file.abort();
    expect(readFileSync(path, 'utf8')).toBe('old,complete\n');
    expect(temps(d)).toEqual([]);
    expect(writeFileAtomic(path, 'new,complete\n')).toBe(13);
    expect(readFileSync(path, 'utf8')).toBe('new,complete\n');
    expect(temps(d)).toEqual([]);
  });

  it('a set whose write fails before the renames leaves every old file as it was', () => {
    const d = mkdtempSync(join(dir, 'set-'));
    writeFileSet(d, { 'report.json': 'old json', 'report.md': 'old md' });
    const marker = readFileSync(join(d, RUN_MARKER), 'utf8');
    expect(() =>
      writeFileSet(d, { 'report.json': 'new json', 'report.md': 'new md' }, () => {
        throw new Error('disk full (injected)');
      }),
    ).toThrow('injected');
    expect(readFileSync(join(d, 'report.json'), 'utf8')).toBe('old json');
    expect(readFileSync(join(d, 'report.md'), 'utf8')).toBe('old md');
    expect(readFileSync(join(d, RUN_MARKER), 'utf8')).toBe(marker);
    expect(temps(d)).toEqual([]);
    expect(() => writeFilesTogether([[join(d, 'missing', 'x'), 'x']])).toThrow(UsageError);
  });
});

describe('the report folder: --force only for files chainlens did not write', () => {
  const names = ['report.json', 'report.md', 'report.html'];

  it('checkReportFolder: new, empty, its own set and a pre-marker set pass; the rest needs --force', () => {
    const d = mkdtempSync(join(dir, 'rule-'));
    expect(() => checkReportFolder(join(d, 'new', 'deeper'), names, false)).not.toThrow();
    expect(() => checkReportFolder(d, names, false)).not.toThrow();
    writeFileSet(d, { 'report.json': '{}\n', 'report.md': 'md', 'report.html': 'html' });
    expect(() => checkReportFolder(d, names, false)).not.toThrow();
    writeFileSync(join(d, 'report.md'), 'edited');
    expect(() => checkReportFolder(d, names, false)).toThrow(/report\.md changed .*--force/);
    expect(() => checkReportFolder(d, names, true)).not.toThrow();
    writeFileSync(join(d, 'notes.txt'), 'mine');
    expect(() => checkReportFolder(d, names, false)).toThrow(
      /holds files that are not a chainlens report \(notes\.txt\).*--force/,
    );
    // Written before the marker existed: report files only, report.json from chainlens.
    const legacy = mkdtempSync(join(dir, 'legacy-'));
    writeFileSync(join(legacy, 'report.json'), '{"generator":{"name":"chainlens"}}');
    writeFileSync(join(legacy, 'report.md'), 'md');
    expect(() => checkReportFolder(legacy, names, false)).not.toThrow();
    writeFileSync(join(legacy, 'report.json'), '{"mine":1}');
    expect(() => checkReportFolder(legacy, names, false)).toThrow(/no chainlens run marked/);
  });

  it('analyze --out: the same command again works, foreign files need --force', async () => {
    const out = join(dir, 'report-out', 'demo');
    const args = ['analyze', data, '--region', '浙江', '--template', template, '--quiet'];
    expect((await cli(...args, '--out', out)).code).toBe(0);
    const json = readFileSync(join(out, 'report.json'), 'utf8');
    expect(existsSync(join(out, RUN_MARKER))).toBe(true);
    expect(json).not.toContain('chainlens-run');
    expect((await cli(...args, '--out', out)).code).toBe(0);
    // Same inputs, byte-identical report.json.
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe(json);
    writeFileSync(join(out, 'keep.txt'), 'mine');
    const refused = await cli(...args, '--out', out);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toHaveLength(1);
    expect(refused.stderr[0]).toContain('--force');
    expect((await cli(...args, '--out', out, '--force')).code).toBe(0);
    expect(readFileSync(join(out, 'keep.txt'), 'utf8')).toBe('mine');
    rmSync(join(out, 'keep.txt'));
    expect((await cli(...args, '--out', out)).code).toBe(0);
  });
});
