/**
 * `chainlens import`: a generated registry export (.xlsx, title rows, every problem planted) →
 * dataset folder → `validate` → `analyze --region`, in English and Chinese; and its errors.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
      'rows read 17: imported 10, excluded (no longer operating) 3, rejected 2, duplicates left out 2',
    );
    expect(r.stdout).toContain(`row 6: 绍兴柯桥示例纺织3号有限公司 (${code(3)}), 注销`);
    expect(r.stdout).toContain(
      `${xlsx}:企业列表:10:统一社会信用代码: error: credit code '${code(7).slice(0, 17)}`,
    );
    expect(r.stdout).toContain(
      `${xlsx}:企业列表:13:统一社会信用代码: warning: credit code ${code(1)} also on row 4, which is kept`,
    );

    const rows = parse(readFileSync(join(out, 'companies.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(rows.map((x) => x.id)).toEqual([1, 2, 6, 9, 11, 12, 13, 14, 15, 16].map(code));
    expect(rows[0]).toMatchObject({
      region: '浙江/绍兴/柯桥',
      region_code: '330603',
      size: '11',
      注册资本: '500万人民币',
      参保人数: '11',
    });
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(report.counts).toMatchObject({ read: 17, imported: 10, excluded: 3, rejected: 2 });
    expect(report.problems).toHaveLength(9);
    expect(report.size).toBe('employees');

    const { dataset, report: loaded } = readDataset(out);
    expect(dataset.name).toBe('柯桥企业');
    expect(loaded.errors).toBe(0);
    expect((await cli('validate', out)).status).toBe(0);
    const a = await cli('analyze', out, '--region', '浙江/绍兴/柯桥');
    expect(a.status).toBe(0);
    expect(a.stdout).toContain('Cluster 浙江/绍兴/柯桥: 10 companies');
  });

  it('prints the summary in Chinese', async () => {
    const r = await cli('--lang', 'zh-CN', 'import', xlsx, '--out', join(dir, 'zh'));
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      '读取 17 行：导入 10，剔除（已注销、吊销、迁出等）3，不予导入 2，重复 2',
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
    // Problems too are listed up to 50; import-report.json has every one.
    const odd = join(dir, 'odd.xlsx');
    const capital = Array.from({ length: 60 }, (_, i) => {
      const row = firm(200 + i);
      row[5] = '100万美元';
      return row;
    });
    await writeXlsx(odd, [['名单'], HEADER, ...capital]);
    const p = await cli('import', odd, '--out', join(dir, 'odd'));
    expect(p.stdout.split('\n').filter((l) => l.includes('is in USD'))).toHaveLength(50);
    expect(p.stdout).toContain('  … and 10 more problems (every one in import-report.json)');
    const oddReport = JSON.parse(readFileSync(join(dir, 'odd', 'import-report.json'), 'utf8'));
    expect(oddReport.problems).toHaveLength(60);
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

describe('chainlens import --template: segments from 经营范围, then analyze', () => {
  it('writes memberships with unknown shares that analyze keeps and marks, whatever --min-share', async () => {
    const out = join(dir, 'segments');
    const r = await cli('import', xlsx, '--out', out, '--template', 'textile-apparel');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('size (for the leading-firm score): insured employees (参保人数)');
    expect(r.stdout).toContain('segments of 纺织服装产业链: 8 of 10 firms placed, 8 memberships');
    expect(r.stdout).toContain(
      '2 firms placed in no segment (1 only sell, wholesale or serve what they name; 1 name nothing of the chain), by industry: 房地产业 1, 纺织、服装及家庭用品批发 1 (every one in import-report.json)',
    );
    const m = parse(readFileSync(join(out, 'memberships.csv')), { columns: true }) as Record<
      string,
      string
    >[];
    expect(m.find((x) => x.company === code(1))).toEqual({
      company: code(1),
      segment: 'textile-apparel:dyeing-printing',
      share: '',
      kind: 'business-scope',
      flag: 'share-unknown',
      segment_name: '印染',
      evidence: '面料印染',
    });
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    expect(report.placement.unplaced.map((u: { row: number }) => u.row)).toEqual([18, 20]);

    // Round trip: the memberships are read back and the report rests on them.
    for (const minShare of ['0.05', '0.5']) {
      const dirOut = join(dir, `report-${minShare}`);
      const a = await cli(
        'analyze',
        out,
        '--region',
        '浙江/绍兴/柯桥',
        '--template',
        'textile-apparel',
        '--min-share',
        minShare,
        '--out',
        dirOut,
      );
      expect(a.status).toBe(0);
      expect(a.stdout).toContain('Cluster 浙江/绍兴/柯桥: 10 companies, 8 of them in the chain');
      const json = JSON.parse(readFileSync(join(dirOut, 'report.json'), 'utf8'));
      const dyeing = json.segments.find((s: { id: string }) => s.id === 'dyeing-printing');
      expect(dyeing.members.length).toBe(7);
      for (const member of dyeing.members)
        expect(member).toMatchObject({ share: null, shareUnknown: true });
      // The leaders rank by size (参保人数) when shares are unknown: the size is known for each.
      expect(json.leaders[0].basis.sizeKnown).toBe(true);
      expect(readFileSync(join(dirOut, 'report.md'), 'utf8')).toContain('share ?');
    }
  });

  it('prints the placement in Chinese', async () => {
    const r = await cli(
      '--lang',
      'zh-CN',
      'import',
      xlsx,
      '--out',
      join(dir, 'seg-zh'),
      '--template',
      'textile-apparel',
    );
    expect(r.stdout).toContain('纺织服装产业链 环节归属：10 家中 8 家归入环节，共 8 条归属');
    expect(r.stdout).toContain(
      '未归入任何环节 2 家（仅销售、批发或提供服务 1 家，未提及本链产品 1 家）',
    );
    expect(r.stdout).toContain('企业规模（用于链主评分）：参保人数');
  });
});

describe('chainlens import: reader errors in both languages', () => {
  it('names the file and what is wrong with it', async () => {
    const missing = join(dir, 'nowhere.xlsx');
    const xls = join(dir, 'old.xls');
    writeFileSync(xls, 'not really excel');
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, 'not a zip');
    const cases: [string, string, string][] = [
      [missing, `${missing}: no such file`, `${missing}：文件不存在`],
      [
        xls,
        `${xls}: '.xls' (old Excel / WPS format) cannot be read; save it as .xlsx`,
        `${xls}：无法读取「.xls」（旧版 Excel / WPS 格式）`,
      ],
      [broken, `${broken}: not a readable .xlsx workbook`, `${broken}：无法读取的 .xlsx 工作簿`],
    ];
    for (const [file, en, zh] of cases) {
      const e = await cli('import', file, '--out', join(dir, 'err'));
      expect(e.status).toBe(1);
      expect(e.stderr).toContain(en);
      const z = await cli('--lang', 'zh-CN', 'import', file, '--out', join(dir, 'err'));
      expect(z.status).toBe(1);
      expect(z.stderr).toContain(zh);
    }
    const bad = join(dir, 'bad-map.json');
    writeFileSync(bad, '{"columns": ');
    const z = await cli(
      '--lang',
      'zh-CN',
      'import',
      xlsx,
      '--out',
      join(dir, 'err'),
      '--mapping',
      bad,
    );
    expect(z.stderr).toContain(`${bad}：不是 JSON 列名映射文件`);
  });
});

describe('chainlens import again without --template', () => {
  it('leaves no memberships.csv of the earlier import behind', async () => {
    const out = join(dir, 'again');
    expect((await cli('import', xlsx, '--out', out, '--template', 'textile-apparel')).status).toBe(
      0,
    );
    expect(existsSync(join(out, 'memberships.csv'))).toBe(true);
    expect((await cli('import', xlsx, '--out', out)).status).toBe(0);
    expect(existsSync(join(out, 'memberships.csv'))).toBe(false);
    expect(readDataset(out).dataset.memberships.company.length).toBe(0);
  });
});

describe('the shipped example, datasets/registry-sample', () => {
  const sample = new URL('../../../datasets/registry-sample/registry-sample.xlsx', import.meta.url);

  it('imports with the textile template: traders hold no segment, makers hold theirs', async () => {
    const out = join(dir, 'sample');
    const r = await cli(
      'import',
      fileURLToPath(sample),
      '--out',
      out,
      '--template',
      'textile-apparel',
    );
    expect(r.status).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'import-report.json'), 'utf8'));
    const c = report.counts;
    expect(c.read).toBe(c.imported + c.excluded + c.rejected + c.duplicates);
    type Firm = Record<
      'id' | 'name' | 'region_code' | 'size' | '参保人数' | '国标行业' | '登记状态',
      string
    >;
    const firms = parse(readFileSync(join(out, 'companies.csv')), { columns: true }) as Firm[];
    const members = parse(readFileSync(join(out, 'memberships.csv')), {
      columns: true,
    }) as Record<'company' | 'segment', string>[];
    const held = new Map<string, string[]>();
    for (const m of members) held.set(m.company, [...(held.get(m.company) ?? []), m.segment]);
    // The renamed firm: its live (存续) row is kept, under the new name.
    const renamed = firms.filter((f) => f.name.includes('原名变更'));
    expect(renamed.map((f) => f.登记状态)).toEqual(['存续']);
    for (const f of firms) {
      const segs = held.get(f.id) ?? [];
      if (/批发/.test(f.国标行业)) expect(segs, f.name).toEqual([]);
      if (f.name.includes('印染'))
        expect(segs, f.name).toContain('textile-apparel:dyeing-printing');
      if (f.name.includes('纺机')) expect(segs, f.name).toEqual(['textile-apparel:machinery']);
      expect(f.region_code, f.name).toMatch(/^3306\d\d$/);
      expect(f.size).toBe(f.参保人数);
    }
    // Every imported firm is placed or listed as placed nowhere.
    expect(held.size + report.placement.unplaced.length).toBe(c.imported);

    const a = await cli(
      'analyze',
      out,
      '--region',
      '浙江/绍兴/柯桥',
      '--template',
      'textile-apparel',
      '--out',
      join(dir, 'sample-report'),
    );
    expect(a.status).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'sample-report', 'report.json'), 'utf8'));
    // The 链主 at the top is an integrated group (化纤—织造—印染—服装), holding several segments.
    expect(json.leaders[0].name).toContain('集团');
    expect(json.leaders[0].holdings.length).toBeGreaterThan(2);
  });
});
