/**
 * `chainlens analyze --template` and `chainlens compare` as a user runs them on cn-listed:
 * the printed summary, the report files, and errors with their exit codes.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { indexReport, matchesInclude, relationTypeCode, targetText } from '@chainlens/core';
import { loadDataset, resolveDataset } from '../src/datasets.js';
import { run } from '../src/program.js';
import { resolveTemplate } from '../src/templates.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Runs the built `chainlens` (packages/cli/dist/bin.js) as a user would. */
function bin(...args: string[]) {
  const r = spawnSync(process.execPath, [join(ROOT, 'packages/cli/dist/bin.js'), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

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
    for (const f of ['report.json', 'report.md', 'report.html', 'report.xlsx'])
      expect(existsSync(join(dir, f))).toBe(true);
    const report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8'));
    expect(report.schemaVersion).toBe(1);
    expect(report.cluster.id).toBe('region:广东');
    // the printed coverage is the report's, to two decimals.
    const line = r.stdout.split('\n').find((l) => l.trim().startsWith('coverage'))!;
    expect(line).toContain(report.completeness.coverage.toFixed(2));
    // the first target's explanation is printed as is.
    expect(r.stdout).toContain(targetText(report.targets[0], indexReport(report)));
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

describe('chainlens compare --format', () => {
  const pv = ['compare', 'cn-listed', '--template', 'photovoltaic', '--quiet'];
  /** The (rank, region) pairs of the printed table. */
  const ranking = (text: string) =>
    text
      .split('\n')
      .filter((l) => /^\s+\d+\s/.test(l))
      .map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));

  it('json and csv give every row of the text ranking, unrounded, with the same columns', () => {
    const text = bin(...pv, '--top', '1000');
    const json = bin(...pv, '--format', 'json');
    const csv = bin(...pv, '--format', 'csv');
    for (const r of [text, json, csv]) expect(r.code).toBe(0);
    const doc = JSON.parse(json.stdout);
    expect(Object.keys(doc)).toEqual(['dataset', 'compare', 'parameters', 'coverage', 'rows']);
    expect(doc.parameters).toMatchObject({ level: 1, sortBy: 'redundancy' });
    expect(doc.parameters.template.id).toBe('photovoltaic');
    const rows = doc.rows as Record<string, number | string | null>[];
    expect(rows.map((r) => `${r.rank} ${r.region}`)).toEqual(ranking(text.stdout));
    expect(rows).toHaveLength(31);
    // the text's two decimals are the JSON's figures rounded.
    const first = text.stdout.split('\n').find((l) => /^\s+1\s/.test(l))!;
    expect(first).toContain((rows[0]!.redundancy as number).toFixed(2));
    // the CSV is the JSON rows, column for column (empty cell = null).
    const records = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(Object.keys(records[0]!)).toEqual(Object.keys(rows[0]!));
    expect(records).toEqual(
      rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, String(v ?? '')]))),
    );
    // nothing but the document on stdout.
    expect(csv.stdout.split('\n')[0]).toMatch(/^rank,region,coverage,redundancy,link,path,/);
  });

  it('prints and carries coverage counts that a recount of the dataset tables gives', async () => {
    const { dataset } = await loadDataset(resolveDataset('cn-listed'));
    const template = resolveTemplate(dataset, 'photovoltaic');
    const level = 2;
    const { regions } = dataset.companies;
    const parts = (r: string) => r.split('/').filter((p) => p.trim() !== '').length;
    // (company, segment) → known share sum and whether a matched line has no share; held when
    // the known sum reaches 5 % (the default --min-share) or a line has no share, marked
    // unknown when held only thanks to such lines.
    const sums = new Map<string, { known: number; someUnknown: boolean }>();
    const m = dataset.memberships;
    for (let i = 0; i < m.company.length; i++) {
      template.segments.forEach((s) => {
        if (s.id !== m.segment[i] && !s.includes.some((p) => matchesInclude(p, m.segment[i]!)))
          return;
        const key = `${m.company[i]}:${s.id}`;
        const acc = sums.get(key) ?? { known: 0, someUnknown: false };
        if (Number.isNaN(m.share[i])) acc.someUnknown = true;
        else acc.known += m.share[i]!;
        sums.set(key, acc);
      });
    }
    const unknown = new Map<string, boolean>();
    let belowThreshold = 0;
    for (const [key, acc] of sums) {
      if (acc.known >= 0.05) unknown.set(key, false);
      else if (acc.someUnknown) unknown.set(key, true);
      else belowThreshold++;
    }
    const chain = new Set([...unknown.keys()].map((k) => Number(k.split(':')[0])));
    const types = [...dataset.relations.type];
    const expected = {
      level,
      companies: regions.length,
      companiesWithoutRegion: regions.filter((r) => parts(r) < level).length,
      supplyLinks: {
        observed: types.filter((t) => t === relationTypeCode('supply')).length,
        inferred: types.filter((t) => t === relationTypeCode('inferred-supply')).length,
      },
      chain: {
        companies: chain.size,
        companiesWithoutRegion: [...chain].filter((c) => parts(regions[c]!) < level).length,
        memberships: unknown.size,
        unknownShareMemberships: [...unknown.values()].filter(Boolean).length,
        belowThreshold,
        minShare: 0.05,
        // photovoltaic has no industry filter.
        outsideIndustry: 0,
        supplyLinks: {
          observed: types.filter(
            (t, e) =>
              t === relationTypeCode('supply') &&
              chain.has(dataset.relations.source[e]!) &&
              chain.has(dataset.relations.target[e]!),
          ).length,
          inferred: types.filter(
            (t, e) =>
              t === relationTypeCode('inferred-supply') &&
              chain.has(dataset.relations.source[e]!) &&
              chain.has(dataset.relations.target[e]!),
          ).length,
        },
      },
    };
    const json = await cli(...pv, '--level', '2', '--format', 'json');
    const doc = JSON.parse(json.stdout);
    expect(doc.coverage).toEqual(expected);
    // cn-listed: many firms without a city, shares often missing, every link inferred.
    expect(expected.companiesWithoutRegion).toBeGreaterThan(0);
    expect(expected.chain.unknownShareMemberships).toBeGreaterThan(0);
    expect(expected.supplyLinks).toMatchObject({ observed: 0 });
    // the text says the same numbers.
    const text = await cli(...pv, '--level', '2');
    const n = (x: number) => x.toLocaleString('en-US');
    expect(text.stdout).toContain(
      `Left out: ${n(expected.companiesWithoutRegion)} of ${n(expected.companies)} companies have no region at level 2 (${n(expected.chain.companiesWithoutRegion)} of ${n(expected.chain.companies)} chain firms)`,
    );
    expect(text.stdout).toContain(
      `Shares: a firm holds a segment with at least 5% of its revenue in it (${n(belowThreshold)} smaller lines left out); ${n(expected.chain.unknownShareMemberships)} of ${n(expected.chain.memberships)} chain memberships rest on lines without a revenue figure.`,
    );
    expect(belowThreshold).toBeGreaterThan(0);
    expect(text.stdout).toContain(
      `Supply links: 0 observed, ${n(expected.supplyLinks.inferred)} inferred from products`,
    );
    // --level 2: one row per city; the located companies are exactly those in the rows.
    const rows = doc.rows as { region: string; companies: number; rank: number }[];
    expect(rows.length).toBeGreaterThan(10);
    for (const r of rows) expect(r.region.split('/')).toHaveLength(2);
    expect(new Set(rows.map((r) => r.region)).size).toBe(rows.length);
    expect(rows.reduce((a, r) => a + r.companies, 0)).toBe(
      expected.companies - expected.companiesWithoutRegion,
    );
    expect(rows.map((r) => r.rank)).toEqual([...rows.map((r) => r.rank)].sort((a, b) => a - b));
    const csv = await cli(...pv, '--level', '2', '--format', 'csv');
    const records = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.region)).toEqual(rows.map((r) => r.region));
  });

  it('gives the chains of a region as rows, in the printed order', async () => {
    const args = ['compare', 'cn-listed', '--region', '浙江', '--quiet'];
    const text = await cli(...args);
    const doc = JSON.parse((await cli(...args, '--format', 'json')).stdout);
    expect(doc.compare).toBe('chains');
    expect(doc.parameters).toMatchObject({ region: '浙江', level: 1 });
    expect(doc.coverage.chain).toBeNull();
    const rows = doc.rows as { chain: string; rank: number; regions: number }[];
    const printed = text.stdout
      .split('\n')
      .filter((l) => / \d+ of \d+ /.test(l))
      .map((l) => l.trim().split(/\s+/)[0]);
    expect(rows.map((r) => r.chain)).toEqual(printed);
    expect(rows[0]).toMatchObject({ chain: 'textile-apparel', regions: 31 });
    const csv = await cli(...args, '--format', 'csv');
    const records = parse(csv.stdout, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.chain)).toEqual(printed);
  });

  it('quotes region names a spreadsheet would run as formulas, and refuses an unknown format', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-formula-'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name: 'f', companies: 'companies.csv', memberships: 'memberships.csv' }),
    );
    writeFileSync(
      join(dir, 'companies.csv'),
      'id,name,region\na,A,"=HYPERLINK(""x"")"\nb,B,+1\nc,C,-2\nd,D,@SUM(1)\ne,E,浙江\n',
    );
    writeFileSync(
      join(dir, 'memberships.csv'),
      'company,segment,share\na,ore,\nb,ore,0.5\nc,cell,1\nd,ore,\ne,cell,\n',
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
    const r = await cli('compare', dir, '--template', template, '--format', 'csv', '--quiet');
    expect(r.code).toBe(0);
    const regions = (parse(r.stdout, { columns: true }) as { region: string }[])
      .map((x) => x.region)
      .sort();
    // +1 and -2 are plain numbers a spreadsheet reads as numbers, not formulas: left as they are.
    expect(regions).toEqual(['+1', '-2', '\'=HYPERLINK("x")', "'@SUM(1)", '浙江'].sort());
    // JSON keeps the names as they are.
    const json = JSON.parse(
      (await cli('compare', dir, '--template', template, '--format', 'json')).stdout,
    );
    expect(json.rows.map((x: { region: string }) => x.region)).toContain('=HYPERLINK("x")');
    expect(json.coverage.chain).toMatchObject({ memberships: 5, unknownShareMemberships: 3 });
    // --out writes the same document to a file.
    const file = join(dir, 'sub', 'rows.csv');
    const o = await cli('compare', dir, '--template', template, '--format', 'csv', '--out', file);
    expect(o.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(`${r.stdout}\n`);
    const bad = await cli('compare', 'cn-listed', '--template', 'photovoltaic', '--format', 'xml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      "chainlens: --format must be one of text, json, csv, html, xlsx, got 'xml'",
    );
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
    // the machine-readable rows and coverage counts too.
    const json = [...compare, '--quiet', '--format', 'json'];
    expect((await streamed('0', ...json)).stdout).toBe((await cli(...json)).stdout);
  });

  it('rejects a threshold that is not a number of bytes (exit 2)', async () => {
    const r = await streamed('lots', 'analyze', 'cn-listed', '--quiet');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('CHAINLENS_STREAM_THRESHOLD');
  });
});
