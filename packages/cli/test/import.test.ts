/**
 * `chainlens import`: a generated registry export (.xlsx, title rows, every problem planted) →
 * dataset folder → `validate` → `analyze --region`, in English and Chinese; and its errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { readDataset } from '@chainlens/io/node';
import { HEADER, code, firm, plantedRows, writeXlsx } from '../../io/test/registry-export.js';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const status = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { status, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

const dir = mkdtempSync(join(tmpdir(), 'chainlens-import-cli-'));
const xlsx = join(dir, '柯桥企业.xlsx');

beforeAll(async () => {
  await writeXlsx(xlsx, plantedRows());
});

describe('chainlens import', () => {
  it('imports, and the folder validates and analyses by region', async () => {
    const out = join(dir, 'keqiao');
    const r = await cli('import', xlsx, '--out', out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sheet 企业列表: header on row 3');
    expect(r.stdout).toContain(
      'rows read 12: imported 6, excluded (no longer operating) 3, rejected 2, duplicates left out 1',
    );
    expect(r.stdout).toContain(`row 6: 绍兴柯桥示例纺织3号有限公司 (${code(3)}), 注销`);
    expect(r.stdout).toContain(
      `${xlsx}:企业列表:10:统一社会信用代码: error: credit code '${code(7).slice(0, 17)}`,
    );
    expect(r.stdout).toContain(
      `${xlsx}:企业列表:13:统一社会信用代码: warning: credit code ${code(1)} already on row 4`,
    );

    const rows = parse(readFileSync(join(out, 'companies.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((x) => x.id)).toEqual([1, 2, 6, 9, 11, 12].map(code));
    expect(rows[0]).toMatchObject({
      region: '浙江/绍兴/柯桥',
      注册资本: '500万人民币',
      参保人数: '11',
    });
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 12, imported: 6, excluded: 3, rejected: 2 });
    expect(report.problems).toHaveLength(8);

    const { dataset, report: loaded } = readDataset(out);
    expect(dataset.name).toBe('柯桥企业');
    expect(loaded.errors).toBe(0);
    expect((await cli('validate', out)).status).toBe(0);
    const a = await cli('analyze', out, '--region', '浙江/绍兴/柯桥');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('Cluster 浙江/绍兴/柯桥: 6 companies');
  });

  it('prints the summary in Chinese', async () => {
    const r = await cli('--lang', 'zh-CN', 'import', xlsx, '--out', join(dir, 'zh'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '读取 12 行：导入 6，剔除（已注销、吊销、迁出等）3，不予导入 2，重复 1',
    );
    expect(r.stdout).toContain('不计入集群（已不在营）：');
    expect(r.stdout).toContain(
      `:企业列表:11:统一社会信用代码: 错误: 统一社会信用代码「${code(8).slice(0, 16)}」为 16 位，应为 18 位`,
    );
  });

  it('prints the first 20 excluded firms and counts the rest', async () => {
    const many = join(dir, 'many.xlsx');
    const closed = Array.from({ length: 25 }, (_, i) => firm(100 + i, '注销'));
    await writeXlsx(many, [['名单'], HEADER, firm(1), ...closed]);
    const r = await cli('import', many, '--out', join(dir, 'many'));
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').filter((l) => / {2}row \d+: .*注销$/.test(l))).toHaveLength(20);
    expect(r.stdout).toContain('  … and 5 more (every one in import-report.json)');
    const report = JSON.parse(readFileSync(join(dir, 'many', 'import-report.json'), 'utf8'));
    expect(report.excluded).toHaveLength(25);
  });

  it('reads other headers through a mapping file', async () => {
    const csv = join(dir, 'other.csv');
    writeFileSync(csv, `单位,代码,地区\n甲纺织有限公司,${code(40)},浙江/绍兴\n`);
    const map = join(dir, 'map.json');
    writeFileSync(map, JSON.stringify({ columns: { name: '单位', id: '代码', region: '地区' } }));
    const r = await cli('import', csv, '--out', join(dir, 'mapped'), '--mapping', map);
    expect(r.status).toBe(0);
    expect(readDataset(join(dir, 'mapped')).dataset.companies.ids).toEqual([code(40)]);
  });

  it('fails with one line when nothing can be imported or the folder holds other files', async () => {
    const csv = join(dir, 'noheader.csv');
    writeFileSync(csv, '甲,乙\n1,2\n');
    const r = await cli('import', csv, '--out', join(dir, 'none'));
    expect(r.status).toBe(1);
    expect(r.stdout).toContain(`${csv}:noheader.csv: error: no header row`);
    expect(r.stderr).toContain('no company imported');
    const busy = join(dir, 'busy');
    await cli('import', xlsx, '--out', busy);
    writeFileSync(join(busy, 'notes.txt'), 'mine');
    expect((await cli('import', xlsx, '--out', busy)).status).toBe(2);
    expect((await cli('import', xlsx, '--out', busy, '--force')).status).toBe(0);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"columns": {"nmae": "单位"}}');
    const m = await cli('import', xlsx, '--out', join(dir, 'bad'), '--mapping', bad);
    expect(m.status).toBe(1);
    expect(m.stderr).toContain('bad.json: columns');
  });
});
