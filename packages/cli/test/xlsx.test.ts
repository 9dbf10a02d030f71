/**
 * The CLI's Excel outputs on the shipped cn-listed data, read back with exceljs: report.xlsx of
 * `analyze --out` (Chinese and English, figures equal to report.json, ids as text, a hostile
 * company name as text), `compare --format xlsx --out` (every row and figure of --format json)
 * and `metrics --out FILE.xlsx` on one region (every cell equal to --out FILE.csv).
 */
import { mkdirSync, mkdtempSync, readFileSync, copyFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CN = join(ROOT, 'datasets', 'cn-listed');
const dir = mkdtempSync(join(tmpdir(), 'chainlens-xlsx-'));

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

async function load(path: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  return wb;
}

/** The header texts of a sheet's first row. */
const headers = (s: ExcelJS.Worksheet) => (s.getRow(1).values as unknown[]).slice(1).map(String);

/** The value of column `header` in data row `i` (0-based). */
function cell(s: ExcelJS.Worksheet, header: string, i: number): ExcelJS.Cell {
  const c = headers(s).indexOf(header);
  if (c < 0) throw new Error(`${s.name}: no column '${header}' in ${headers(s).join(', ')}`);
  return s.getRow(i + 2).getCell(c + 1);
}

/** companies.csv of cn-listed as records. */
const companies = parse(readFileSync(join(CN, 'companies.csv')), {
  columns: true,
}) as Array<Record<string, string>>;

const HOSTILE = '=HYPERLINK("x")';

describe('analyze --out writes report.xlsx', () => {
  const base = ['--region', '广东', '--template', 'lithium-battery', '--quiet'];

  it('in Chinese: the eight sheets, figures equal to report.json, ids as text', async () => {
    const out = join(dir, 'zh');
    const r = await cli('analyze', CN, ...base, '--out', out, '--lang', 'zh-CN');
    expect(r.stderr).toEqual([]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    const wb = await load(join(out, 'report.xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      '概览',
      '环节',
      '缺失环节',
      '薄弱环节',
      '链主企业',
      '招商目标',
      '关键企业',
      '参数与数据说明',
    ]);
    for (const s of wb.worksheets) {
      expect(s.views[0], s.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(s.getRow(1).font?.bold ?? s.getRow(1).getCell(1).font?.bold, s.name).toBe(true);
    }
    const overview = wb.getWorksheet('概览')!;
    const values = new Map<string, ExcelJS.Cell>();
    overview.eachRow((row) => values.set(String(row.getCell(1).value), row.getCell(2)));
    expect(values.get('产业链完整度（冗余调整）')!.value).toBe(report.completeness.redundancy);
    expect(values.get('环节覆盖度')!.value).toBe(report.completeness.coverage);
    expect(values.get('本地配套率（按金额）')!.value).toBe(report.completeness.localSupplyRatio);
    expect(values.get('本地配套率（按金额）')!.numFmt).toBe('0.0%');
    const targets = wb.getWorksheet('招商目标')!;
    report.targets.forEach(
      (t: { company: string; components: Record<string, number> }, i: number) => {
        expect(cell(targets, '企业代码', i).value).toBe(t.company);
        expect(cell(targets, '引进前完整度', i).value).toBe(t.components['before']);
        expect(cell(targets, '引进后完整度', i).value).toBe(t.components['after']);
      },
    );
    const leaders = wb.getWorksheet('链主企业')!;
    const ids = report.leaders.map((l: { company: string }) => l.company) as string[];
    expect(ids.some((id) => /^0/.test(id))).toBe(true);
    ids.forEach((id, i) => {
      expect(cell(leaders, '企业代码', i).type).toBe(ExcelJS.ValueType.String);
      expect(cell(leaders, '企业代码', i).value).toBe(id);
    });
    // The terminal names the workbook among the files written.
    expect(r.stdout).toContain(join(out, 'report.xlsx'));
  });

  it('in English, with a company named like a formula: that name comes back as text', async () => {
    // cn-listed with the first 广东 lithium leader renamed; the other tables copied (a dataset
    // folder refuses symbolic links to files outside it).
    const data = join(dir, 'hostile');
    mkdirSync(data);
    for (const f of [
      'chainlens.json',
      'memberships.csv',
      'relations.csv',
      'products.csv',
      'product-links.csv',
    ]) {
      copyFileSync(join(CN, f), join(data, f));
    }
    const first = JSON.parse(readFileSync(join(dir, 'zh', 'report.json'), 'utf8')).leaders[0]
      .company as string;
    writeFileSync(
      join(data, 'companies.csv'),
      stringify(
        companies.map((c) => (c['id'] === first ? { ...c, name: HOSTILE } : c)),
        { header: true },
      ),
    );
    const out = join(dir, 'en');
    const r = await cli('analyze', data, ...base, '--out', out, '--lang', 'en');
    expect(r.code).toBe(0);
    const wb = await load(join(out, 'report.xlsx'));
    expect(wb.worksheets.map((s) => s.name)).toEqual([
      'Overview',
      'Segments',
      'Missing segments',
      'Weak links',
      'Chain leaders',
      'Investment targets',
      'Critical companies',
      'Parameters and notes',
    ]);
    const leaders = wb.getWorksheet('Chain leaders')!;
    expect(cell(leaders, 'Company id', 0).value).toBe(first);
    expect(cell(leaders, 'Company', 0).value).toBe(`'${HOSTILE}`);
    expect(cell(leaders, 'Company', 0).type).toBe(ExcelJS.ValueType.String);
    for (const s of wb.worksheets) {
      s.eachRow((row) =>
        row.eachCell((c) => expect(c.type, c.address).not.toBe(ExcelJS.ValueType.Formula)),
      );
    }
  });
});

describe('compare --format xlsx', () => {
  it('holds every row and figure of --format json, with a notes sheet', async () => {
    const file = join(dir, 'compare', 'lithium.xlsx');
    const args = ['compare', CN, '--template', 'lithium-battery', '--quiet'];
    const x = await cli(...args, '--format', 'xlsx', '--out', file, '--lang', 'zh-CN');
    expect(x.code).toBe(0);
    const jsonFile = join(dir, 'compare', 'lithium.json');
    expect((await cli(...args, '--format', 'json', '--out', jsonFile)).code).toBe(0);
    const json = JSON.parse(readFileSync(jsonFile, 'utf8')) as {
      rows: Array<Record<string, string | number | null>>;
    };
    const wb = await load(file);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['地区比较', '说明']);
    const s = wb.worksheets[0]!;
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.rowCount).toBe(json.rows.length + 1);
    const keys = Object.keys(json.rows[0]!);
    expect(headers(s)).toHaveLength(keys.length);
    expect(headers(s).slice(0, 3)).toEqual(['排名', '地区', '环节覆盖度']);
    json.rows.forEach((row, i) => {
      keys.forEach((k, c) => {
        const got = s.getRow(i + 2).getCell(c + 1);
        expect(got.value, `${k} of ${row['region']}`).toBe(row[k]);
      });
    });
    expect(s.getRow(2).getCell(keys.indexOf('redundancy') + 1).numFmt).toBe('0.00');
  });

  it('is refused without --out (exit 2, one line)', async () => {
    const r = await cli('compare', CN, '--template', 'lithium-battery', '--format', 'xlsx');
    expect(r.code).toBe(2);
    expect(r.stderr).toEqual([
      'chainlens: --format xlsx writes a workbook: give --out FILE.xlsx too',
    ]);
  });
});

describe('metrics --out FILE.xlsx', () => {
  it('on 广东: every cell equal to the CSV table, ids as text, a formula-like name as text', async () => {
    // The 广东 companies of cn-listed and the relations among them, plus one hostile name.
    const data = join(dir, 'guangdong');
    mkdirSync(data);
    const gd = companies.filter((c) => c['region']!.startsWith('广东'));
    const ids = new Set(gd.map((c) => c['id']!));
    const rel = (
      parse(readFileSync(join(CN, 'relations.csv')), { columns: true }) as Array<
        Record<string, string>
      >
    ).filter((r) => ids.has(r['source']!) && ids.has(r['target']!));
    writeFileSync(
      join(data, 'companies.csv'),
      stringify(
        [...gd, { id: '0000ZZ', name: HOSTILE, region: '广东/深圳' }].map((c) => ({
          id: c['id'],
          name: c['name'],
          region: c['region'],
        })),
        { header: true },
      ),
    );
    writeFileSync(
      join(data, 'relations.csv'),
      stringify(
        [...rel, { source: '000001', target: '0000ZZ', type: 'inferred-supply', weight: '1' }].map(
          (r) => ({
            source: r['source'],
            target: r['target'],
            type: r['type'],
            weight: r['weight'],
          }),
        ),
        { header: true },
      ),
    );
    writeFileSync(
      join(data, 'chainlens.json'),
      JSON.stringify({ name: 'gd', companies: 'companies.csv', relations: 'relations.csv' }),
    );
    const xlsx = join(dir, 'gd.xlsx');
    const csv = join(dir, 'gd.csv');
    const rx = await cli('metrics', data, '--out', xlsx, '--quiet', '--lang', 'zh-CN');
    expect(rx.code).toBe(0);
    expect((await cli('metrics', data, '--out', csv, '--quiet')).code).toBe(0);
    const table = parse(readFileSync(csv), { columns: true }) as Array<Record<string, string>>;
    expect(table).toHaveLength(gd.length + 1);
    const wb = await load(xlsx);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['企业指标']);
    const s = wb.worksheets[0]!;
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.rowCount).toBe(table.length + 1);
    const cols = Object.keys(table[0]!);
    expect(headers(s)).toEqual(['企业代码', '企业', ...cols.slice(2)]);
    table.forEach((row, i) => {
      const r = s.getRow(i + 2);
      expect(r.getCell(1).value).toBe(row['id']);
      expect(r.getCell(1).type).toBe(ExcelJS.ValueType.String);
      // The CSV guards text the same way: a hostile name is `'=…` in both.
      expect(r.getCell(2).value).toBe(row['name']);
      cols.slice(2).forEach((k, c) => {
        const want = row[k] === '' ? null : Number(row[k]);
        expect(r.getCell(c + 3).value, `${k} of ${row['id']}`).toBe(want);
      });
    });
    expect(table.map((t) => t['id'])).toContain('000001');
    expect(table.find((t) => t['id'] === '0000ZZ')!['name']).toBe(`'${HOSTILE}`);
  });
});
