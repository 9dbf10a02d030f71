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
    });
  });

  it('counts rows read, imported, excluded and rejected', () => {
    expect(result.counts).toEqual({
      read: 12,
      imported: 6,
      excluded: 3,
      rejected: 2,
      duplicates: 1,
      warnings: 6,
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
    ]);
    const dup = result.problems.find((p) => p.code === 'duplicate-code')!;
    expect(dup.params).toMatchObject({ code: code(1), first: 4 });
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
    expect(result.columns.slice(0, 9)).toEqual([
      'id',
      'name',
      'region',
      'status_group',
      'capital_wan',
      'capital_currency',
      'founded',
      'closed',
      'insured_employees',
    ]);
    for (const h of HEADER.filter((h) => h !== '企业名称' && h !== '统一社会信用代码'))
      expect(result.columns).toContain(h);
    expect(result.rows.map((r) => r[0])).toEqual([1, 2, 6, 9, 11, 12].map(code));
    const first = result.rows[0]!;
    expect(first.slice(0, 9)).toEqual([
      code(1),
      firm(1)[0],
      '浙江/绍兴/柯桥',
      'operating',
      '500',
      'CNY',
      '2015-03-02',
      '',
      '11',
    ]);
    // 200万美元 kept in USD, not converted; 2015-02-30 left empty.
    expect(result.rows[1]!.slice(4, 6)).toEqual(['200', 'USD']);
    expect(result.rows[2]![6]).toBe('');
    expect(first[result.columns.indexOf('注册资本')]).toBe('500万人民币');
    expect(result.rows[4]![3]).toBe('unknown');
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
      [code(20), 'Acme', '浙江/绍兴', 'operating', '', '', '', '', '', 'Active', 'Textiles'],
    ]);
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
    const r = importRows(rows, 'a.csv', 'a.csv', {}, resolve);
    expect(r.rows.map((x) => x[2])).toEqual(['浙江/绍兴/柯桥', '']);
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
