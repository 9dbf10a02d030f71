import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  addressResolver,
  importRows,
  parseCapital,
  parseCount,
  parseDate,
  readExport,
  readMapping,
  statusGroup,
} from '../src/node.js';
import type { ImportResult } from '../src/node.js';
import { IssueLog, readTemplate } from '../src/index.js';
import { HEADER, code, firm, plantedRows, writeXlsx } from './registry-export.js';

const dir = mkdtempSync(join(tmpdir(), 'chainlens-import-'));
const where = (r: ImportResult) =>
  r.problems.map((p) => `${p.sheet}:${p.row}:${p.column}:${p.severity}:${p.code}`);

describe('registry export (.xlsx) with every problem planted', () => {
  let result: ImportResult;
  beforeAll(async () => {
    const path = join(dir, 'export.xlsx');
    await writeXlsx(path, plantedRows());
    const sheet = await readExport(path);
    result = importRows(sheet.rows, path, sheet.name);
  });

  it('finds the header below the title rows and maps the Chinese headers', () => {
    expect(result.headerRow).toBe(3);
    expect(result.mapped).toEqual({
      id: '统一社会信用代码',
      name: '企业名称',
      status: '登记状态',
      province: '所属省份',
      city: '所属城市',
      county: '所属区县',
      capital: '注册资本',
      established: '成立日期',
      employees: '参保人数',
      address: '注册地址',
      industry: '国标行业',
      scope: '经营范围',
    });
  });

  it('counts rows read, imported, excluded and rejected', () => {
    expect(result.counts).toEqual({
      read: 17,
      imported: 10,
      excluded: 3,
      rejected: 2,
      duplicates: 2,
      warnings: 7,
    });
  });

  it('names each problem by sheet, row and column', () => {
    expect(where(result)).toEqual([
      '企业列表:5:注册资本:warning:capital-foreign',
      '企业列表:9:成立日期:warning:date-invalid',
      '企业列表:10:统一社会信用代码:error:code-check',
      '企业列表:11:统一社会信用代码:error:code-length',
      '企业列表:12:统一社会信用代码:warning:code-normalised',
      '企业列表:13:统一社会信用代码:warning:duplicate-code',
      '企业列表:14:登记状态:warning:status-unknown',
      '企业列表:15:统一社会信用代码:warning:code-normalised',
      '企业列表:16:统一社会信用代码:warning:duplicate-code',
    ]);
    const dup = result.problems.find((p) => p.code === 'duplicate-code')!;
    expect(dup.params).toMatchObject({ code: code(1), kept: 4 });
    const check = result.problems.find((p) => p.code === 'code-check')!;
    expect(check.params.detail).toBe(code(7)[17]);
    expect(result.problems.find((p) => p.code === 'code-length')!.params.detail).toBe('16');
  });

  it('lists the firms no longer operating, left out of the companies', () => {
    expect(result.excluded.map((e) => [e.row, e.status])).toEqual([
      [6, '注销'],
      [7, '吊销，未注销'],
      [8, '迁出'],
    ]);
    expect(result.rows.map((r) => r[0])).not.toContain(code(3));
  });

  it('writes id = normalised credit code, name, region and keeps every other column', () => {
    expect(result.columns.slice(0, 11)).toEqual([
      'id',
      'name',
      'region',
      'region_code',
      'status_group',
      'capital_wan',
      'capital_currency',
      'founded',
      'closed',
      'insured_employees',
      'size',
    ]);
    for (const h of HEADER.filter((h) => h !== '企业名称' && h !== '统一社会信用代码'))
      expect(result.columns).toContain(h);
    expect(result.rows.map((r) => r[0])).toEqual([1, 2, 6, 9, 11, 12, 13, 14, 15, 16].map(code));
    const first = result.rows[0]!;
    // No address resolver given: no region code. Size = 参保人数 (the export has the column).
    expect(result.sizeFrom).toBe('employees');
    expect(first.slice(0, 11)).toEqual([
      code(1),
      firm(1)[0],
      '浙江/绍兴/柯桥',
      '',
      'operating',
      '500',
      'CNY',
      '2015-03-02',
      '',
      '11',
      '11',
    ]);
    // 200万美元 kept in USD, not converted; 2015-02-30 left empty.
    expect(result.rows[1]!.slice(5, 7)).toEqual(['200', 'USD']);
    expect(result.rows[2]![7]).toBe('');
    expect(first[result.columns.indexOf('注册资本')]).toBe('500万人民币');
    expect(result.rows[4]![4]).toBe('unknown');
  });

  it('keeps the live row of a renamed firm whose earlier row moved out (迁出)', () => {
    const kept = result.rows.find((r) => r[0] === code(13))!;
    expect(kept[1]).toBe('绍兴柯桥示例纺织13号（新名）有限公司');
    expect(kept[4]).toBe('operating');
    expect(result.excluded.map((e) => e.id)).not.toContain(code(13));
    const dup = result.problems.find((p) => p.code === 'duplicate-code' && p.row === 16)!;
    expect(dup.params).toMatchObject({ code: code(13), kept: 17, status: '迁出' });
  });
});

describe('registered capital, dates and head counts', () => {
  it('reads capital in 万 of its currency', () => {
    expect(parseCapital('5000万人民币')).toEqual({ kind: 'amount', wan: 5000, currency: 'CNY' });
    expect(parseCapital('1.2亿元人民币')).toEqual({ kind: 'amount', wan: 12000, currency: 'CNY' });
    expect(parseCapital('300万元')).toEqual({ kind: 'amount', wan: 300, currency: 'CNY' });
    expect(parseCapital('50000元')).toEqual({ kind: 'amount', wan: 5, currency: 'CNY' });
    expect(parseCapital('200万美元')).toEqual({ kind: 'amount', wan: 200, currency: 'USD' });
    expect(parseCapital('1,000万港元')).toEqual({ kind: 'amount', wan: 1000, currency: 'HKD' });
    expect(parseCapital('80万欧元')).toEqual({ kind: 'amount', wan: 80, currency: 'EUR' });
    expect(parseCapital('-')).toEqual({ kind: 'none' });
    expect(parseCapital('若干')).toEqual({ kind: 'bad' });
  });

  it('reads dates in the usual forms and refuses impossible ones', () => {
    for (const d of ['2015-03-02', '2015/3/2', '2015年3月2日', '2015.3.2', '20150302'])
      expect(parseDate(d)).toBe('2015-03-02');
    expect(parseDate('2016-02-29')).toBe('2016-02-29');
    for (const d of ['2015-02-29', '2015-13-01', '2015年4月31日', '去年'])
      expect(parseDate(d)).toBeUndefined();
    expect(parseDate('-')).toBe('');
    expect(parseCount('1,234')).toBe('1234');
    expect(parseCount('约50')).toBeUndefined();
  });
});

describe('headers, statuses and mapping files', () => {
  it('maps English headers and a CSV export', async () => {
    const path = join(dir, 'english.csv');
    writeFileSync(
      path,
      `Exported 2026-11-30\nCompany name,Credit code,Status,Region,Industry\nAcme,${code(20)},Active,浙江/绍兴,Textiles\n`,
    );
    const sheet = await readExport(path);
    const r = importRows(sheet.rows, path, sheet.name);
    expect(r.headerRow).toBe(2);
    expect(r.rows).toEqual([
      [
        code(20),
        'Acme',
        '浙江/绍兴',
        '',
        'operating',
        '',
        '',
        '',
        '',
        '',
        '',
        'Active',
        'Textiles',
      ],
    ]);
    expect(r.sizeFrom).toBe('none');
  });

  it('uses a mapping file for other headers, and reports a sheet without a header', () => {
    const map = join(dir, 'mapping.json');
    writeFileSync(map, JSON.stringify({ columns: { name: '单位', id: '代码' } }));
    const rows = [
      { row: 1, cells: ['单位', '代码'] },
      { row: 2, cells: ['甲公司', code(30)] },
    ];
    expect(importRows(rows, 'x.csv', 'x.csv', readMapping(map)).rows).toHaveLength(1);
    const none = importRows(rows, 'x.csv', 'x.csv');
    expect(none.problems.map((p) => p.code)).toEqual(['no-header']);
    writeFileSync(map, JSON.stringify({ columns: { nmae: 'x' } }));
    expect(() => readMapping(map)).toThrow(/mapping\.json: columns/);
  });

  it('joins province, city and county into the short region path of the bundled datasets', () => {
    const rows = [
      { row: 1, cells: ['企业名称', '统一社会信用代码', '所属省份', '所属城市', '所属区县'] },
      { row: 2, cells: ['甲', code(50), '江苏省', '苏州市', '昆山市'] },
      { row: 3, cells: ['乙', code(51), '广西壮族自治区', '南宁市', '武鸣区'] },
      { row: 4, cells: ['丙', code(52), '山西省', '长治市', '城区'] },
      { row: 5, cells: ['丁', code(53), '上海市', '上海市', '-'] },
    ];
    expect(importRows(rows, 'r.csv', 'r.csv').rows.map((r) => r[2])).toEqual([
      '江苏/苏州/昆山',
      '广西/南宁/武鸣',
      '山西/长治/城区',
      '上海/上海',
    ]);
  });

  it('resolves a registered address through the NBS division list', () => {
    const resolve = addressResolver(
      readFileSync(
        new URL('../../../datasets/cn-admin-divisions/divisions.csv', import.meta.url),
        'utf8',
      ),
    );
    expect(resolve('浙江省绍兴市柯桥区华舍街道示例路1号')).toEqual({
      path: '浙江/绍兴/柯桥',
      code: '330603',
    });
    expect(resolve('柯桥区华舍街道示例路1号')).toEqual({ path: '浙江/绍兴/柯桥', code: '330603' });
    expect(resolve('江苏省昆山市玉山镇')).toEqual({ path: '江苏/苏州/昆山', code: '320583' });
    expect(resolve('北京市朝阳区建国路1号')?.path).toBe('北京/北京/朝阳');
    expect(resolve('某某工业园区')).toBeUndefined();
    const rows = [
      { row: 1, cells: ['企业名称', '统一社会信用代码', '注册地址'] },
      { row: 2, cells: ['甲', code(60), '柯桥区齐贤街道1号'] },
      { row: 3, cells: ['乙', code(61), '某某工业园区'] },
    ];
    const r = importRows(rows, 'a.csv', 'a.csv', {}, { resolveAddress: resolve });
    expect(r.rows.map((x) => x.slice(2, 4))).toEqual([
      ['浙江/绍兴/柯桥', '330603'],
      ['', ''],
    ]);
    expect(where(r)).toEqual(['a.csv:3:注册地址:warning:region-unresolved']);
  });

  it('groups statuses', () => {
    for (const s of ['存续', '在业', '开业', '存续（在营、开业、在册）'])
      expect(statusGroup(s)).toBe('operating');
    for (const s of ['注销', '吊销', '迁出', '停业', '清算', '撤销'])
      expect(statusGroup(s)).toBe('closed');
    expect(statusGroup('筹建')).toBe('unknown');
  });
});

describe('region codes, sizes, live rows and segments', () => {
  const divisions = readFileSync(
    new URL('../../../datasets/cn-admin-divisions/divisions.csv', import.meta.url),
    'utf8',
  );
  const templateFile = (id: string) =>
    readFileSync(new URL(`../../../datasets/templates/${id}.json`, import.meta.url));
  const textile = readTemplate(
    { file: 'textile', bytes: templateFile('textile-apparel') },
    new IssueLog(),
  )!;
  const sheet = () =>
    plantedRows().map((cells, i) => ({ row: i + 1, cells: cells.map((c) => String(c)) }));

  it('gives the NBS code of a region read from the province/city/county columns', () => {
    const r = importRows(
      sheet(),
      'e.xlsx',
      's',
      {},
      { resolveAddress: addressResolver(divisions) },
    );
    expect(new Set(r.rows.map((x) => `${x[2]} ${x[3]}`))).toEqual(
      new Set(['浙江/绍兴/柯桥 330603']),
    );
  });

  it('keeps the live row whatever the order, and the first of two live rows', () => {
    const head = { row: 1, cells: ['企业名称', '统一社会信用代码', '登记状态'] };
    const rows = (a: string, b: string) => [
      head,
      { row: 2, cells: ['旧名', code(70), a] },
      { row: 3, cells: ['新名', code(70), b] },
    ];
    const names = (a: string, b: string) => {
      const r = importRows(rows(a, b), 'd.csv', 'd.csv');
      return [r.rows.map((x) => x[1]), r.excluded.map((x) => x.name), r.counts.duplicates];
    };
    expect(names('迁出', '存续')).toEqual([['新名'], [], 1]);
    expect(names('存续', '迁出')).toEqual([['旧名'], [], 1]);
    expect(names('在业', '存续')).toEqual([['旧名'], [], 1]);
    expect(names('筹建', '注销')).toEqual([['旧名'], [], 1]);
    // Both closed: the first is listed as excluded, the other is the duplicate.
    expect(names('注销', '迁出')).toEqual([[], ['旧名'], 1]);
  });

  it('takes registered capital in 万元 CNY as size when there is no 参保人数 column', () => {
    const rows = [
      { row: 1, cells: ['企业名称', '统一社会信用代码', '注册资本'] },
      { row: 2, cells: ['甲', code(80), '1.2亿元人民币'] },
      { row: 3, cells: ['乙', code(81), '200万美元'] },
      { row: 4, cells: ['丙', code(82), '-'] },
    ];
    const r = importRows(rows, 'c.csv', 'c.csv');
    expect(r.sizeFrom).toBe('capital');
    const at = r.columns.indexOf('size');
    // Foreign capital is not converted, so it gives no size.
    expect(r.rows.map((x) => x[at])).toEqual(['12000', '', '']);
  });

  it('places firms in segments from 经营范围, then 国标行业, and reports the rest', () => {
    const r = importRows(sheet(), 'e.xlsx', 's', {}, { templates: [textile] });
    const by = (id: string) => r.memberships.filter((m) => m.company === id);
    expect(by(code(1))).toEqual([
      {
        company: code(1),
        segment: 'textile-apparel:dyeing-printing',
        segmentName: '印染',
        kind: 'business-scope',
        evidence: '面料印染',
      },
    ]);
    expect(by(code(15)).map((m) => [m.segment, m.kind, m.evidence])).toEqual([
      ['textile-apparel:synthetic-fibres', 'registry-industry', '化学纤维'],
    ]);
    expect(r.unplaced.map((u) => [u.row, u.reason, u.industry])).toEqual([
      [18, 'trade-only', '纺织、服装及家庭用品批发'],
      [20, 'no-match', '房地产业'],
    ]);
    expect(r.unplaced[0]!.words.sort()).toEqual(['服装', '纺织品', '鞋帽'].sort());
    // Every imported firm is either placed or listed as unplaced.
    expect(new Set(r.memberships.map((m) => m.company)).size + r.unplaced.length).toBe(
      r.counts.imported,
    );
  });

  it('warns once when a template is given but there is no scope or industry column', () => {
    const rows = [
      { row: 1, cells: ['企业名称', '统一社会信用代码'] },
      { row: 2, cells: ['甲', code(90)] },
    ];
    const r = importRows(rows, 'n.csv', 'n.csv', {}, { templates: [textile] });
    expect(where(r)).toEqual(['n.csv:0::warning:no-scope-column']);
    expect(r.unplaced.map((u) => u.reason)).toEqual(['no-match']);
  });
});
