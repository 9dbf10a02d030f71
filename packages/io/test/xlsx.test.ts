/**
 * The Excel workbooks of @chainlens/io/node, read back with exceljs (and once with Python's
 * openpyxl, a second reader): report.xlsx of a real chain report (cn-listed, 广东,
 * lithium-battery) in both languages, the compare workbook, and the streamed metrics sheet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChainReport, ChainTemplate } from '@chainlens/core';
import { analyze, clusterByRegion, createTranslator } from '@chainlens/core';
import {
  MAX_DATA_ROWS,
  compareWorkbook,
  displayWidth,
  readDataset,
  reportWorkbook,
  writeStreamedWorkbook,
} from '../src/node.js';

const ROOT = join(import.meta.dirname, '../../..');
const zh = createTranslator('zh-CN');
const en = createTranslator('en');

const ZH_SHEETS = [
  '概览',
  '环节',
  '缺失环节',
  '薄弱环节',
  '链主企业',
  '招商目标',
  '关键企业',
  '参数与数据说明',
];
const EN_SHEETS = [
  'Overview',
  'Segments',
  'Missing segments',
  'Weak links',
  'Chain leaders',
  'Investment targets',
  'Critical companies',
  'Parameters and notes',
];

function realReport(): ChainReport {
  const { dataset } = readDataset(join(ROOT, 'datasets', 'cn-listed'));
  const template = JSON.parse(
    readFileSync(join(ROOT, 'datasets', 'templates', 'lithium-battery.json'), 'utf8'),
  ) as ChainTemplate;
  return analyze(dataset, { cluster: clusterByRegion(dataset.companies, '广东'), template });
}

async function load(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

/** The data rows of a sheet as cells, by header text. */
function rows(sheet: ExcelJS.Worksheet): Array<Map<string, ExcelJS.Cell>> {
  const headers = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
  const out: Array<Map<string, ExcelJS.Cell>> = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    out.push(new Map(headers.map((h, i) => [h, row.getCell(i + 1)])));
  }
  return out;
}

/** The value cell of an item row of a two/three-column item sheet. */
function itemCell(sheet: ExcelJS.Worksheet, label: string): ExcelJS.Cell {
  for (let r = 2; r <= sheet.rowCount; r++) {
    if (sheet.getRow(r).getCell(1).value === label) return sheet.getRow(r).getCell(2);
  }
  throw new Error(`${sheet.name}: no row '${label}'`);
}

const report = realReport();

describe('report.xlsx', async () => {
  const bytes = await reportWorkbook(report, zh);
  const wb = await load(bytes);

  it('has the eight sheets in Chinese (and in English with an English translator)', async () => {
    expect(wb.worksheets.map((s) => s.name)).toEqual(ZH_SHEETS);
    const wbEn = await load(await reportWorkbook(report, en));
    expect(wbEn.worksheets.map((s) => s.name)).toEqual(EN_SHEETS);
    expect(wbEn.getWorksheet('Segments')!.getRow(1).getCell(3).value).toBe('Segment');
  });

  it('freezes a bold header row on every sheet and sizes columns from content (CJK double)', () => {
    for (const sheet of wb.worksheets) {
      expect(sheet.views[0], sheet.name).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).getCell(1).font?.bold, sheet.name).toBe(true);
      expect(sheet.rowCount, sheet.name).toBeGreaterThan(1);
    }
    const seg = wb.getWorksheet('环节')!;
    const longest = Math.max(...report.segments.map((s) => displayWidth(s.name)));
    expect(longest).toBeGreaterThan(Math.max(...report.segments.map((s) => s.name.length)));
    expect(seg.getColumn(3).width).toBe(Math.min(60, longest + 2));
  });

  it('overview: completeness figures and the local supply ratio are the report’s numbers, formatted', () => {
    const o = wb.getWorksheet('概览')!;
    const c = report.completeness;
    for (const [label, value] of [
      ['环节覆盖度', c.coverage],
      ['产业链完整度（冗余调整）', c.redundancy],
      ['衔接完整度', c.link],
      ['路径完整度', c.path],
      ['上游环节覆盖度', c.byStage.upstream.coverage],
      ['下游完整度（冗余调整）', c.byStage.downstream.redundancy],
    ] as const) {
      const cell = itemCell(o, label);
      expect(cell.value, label).toBe(value);
      expect(cell.numFmt, label).toBe('0.00');
    }
    const local = itemCell(o, '本地配套率（按金额）');
    expect(local.value).toBe(c.localSupply.byValue);
    expect(local.numFmt).toBe('0.0%');
    expect(itemCell(o, '集群企业数').value).toBe(report.cluster.companies);
    expect(itemCell(o, '地区（集群）').value).toBe('广东');
  });

  it('segments: status in Chinese, HHI and firm counts as numbers, member ids as text', () => {
    const seg = rows(wb.getWorksheet('环节')!);
    expect(seg).toHaveLength(report.segments.length);
    report.segments.forEach((s, i) => {
      const row = seg[i]!;
      expect(row.get('环节代码')!.value).toBe(s.id);
      expect(row.get('本地企业数')!.value).toBe(s.companies);
      expect(row.get('集中度（HHI）')!.value).toBe(s.hhi);
      expect(row.get('企业代码')!.value).toBe(s.members.map((m) => m.company).join(', ') || null);
    });
    const weak = report.segments.findIndex((s) => s.status === 'weak');
    expect(seg[weak]!.get('状态')!.value).toBe('薄弱');
  });

  it('company ids are text and keep their leading zeros', () => {
    const leaders = rows(wb.getWorksheet('链主企业')!);
    expect(leaders).toHaveLength(report.leaders.length);
    const zeros = report.leaders.filter((l) => l.company.startsWith('0'));
    expect(zeros.length).toBeGreaterThan(0);
    report.leaders.forEach((l, i) => {
      const id = leaders[i]!.get('企业代码')!;
      expect(id.type).toBe(ExcelJS.ValueType.String);
      expect(id.value).toBe(l.company);
      expect(id.numFmt).toBe('@');
      expect(leaders[i]!.get('得分')!.value).toBe(l.score);
    });
  });

  it('targets: share as 0.0 %, completeness before and after as 0.00, equal to the report', () => {
    const t = rows(wb.getWorksheet('招商目标')!);
    expect(report.targets.length).toBeGreaterThan(0);
    report.targets.forEach((target, i) => {
      const row = t[i]!;
      expect(row.get('企业代码')!.value).toBe(target.company);
      expect(row.get('该环节营收占比')!.value).toBe(target.share);
      expect(row.get('该环节营收占比')!.numFmt).toBe('0.0%');
      expect(row.get('引进前完整度')!.value).toBe(target.components['before']);
      expect(row.get('引进后完整度')!.value).toBe(target.components['after']);
      expect(row.get('引进后完整度')!.numFmt).toBe('0.00');
      expect(row.get('所在地')!.value).toBe(target.location === 'outside' ? '区外' : '地区不详');
    });
  });

  it('weak links, missing segments and critical companies carry the report’s facts', () => {
    const w = rows(wb.getWorksheet('薄弱环节')!);
    expect(w).toHaveLength(report.weakLinks.length);
    const conc = report.weakLinks.findIndex((x) => x.kind === 'concentrated');
    expect(w[conc]!.get('类型')!.value).toBe('集中度过高');
    expect(w[conc]!.get('集中度（HHI）')!.value).toBe(report.weakLinks[conc]!['hhi']);
    expect(rows(wb.getWorksheet('缺失环节')!).map((r) => r.get('环节代码')!.value)).toEqual(
      report.missingRoles.map((m) => m.segment),
    );
    const crit = rows(wb.getWorksheet('关键企业')!);
    report.critical.forEach((c, i) => {
      expect(crit[i]!.get('企业代码')!.value).toBe(c.company);
      expect(crit[i]!.get('退出后完整度下降')!.value).toBe(c.completenessDrop);
      expect(crit[i]!.get('受牵连企业数')!.value).toBe(c.cutOff.length);
    });
  });

  it('the same report gives the same bytes', async () => {
    expect(Buffer.from(await reportWorkbook(report, zh)).equals(Buffer.from(bytes))).toBe(true);
  });

  it('no cell starts a formula from the data: hostile names come back as quoted text', async () => {
    const hostile = structuredClone(report);
    const names = ['=HYPERLINK("x")', '+cmd|calc', '@SUM(1)', '-1+2', '\tTAB'];
    hostile.leaders.forEach((l, i) => (l.name = names[i % names.length]!));
    hostile.targets[0]!.region = '=1+1';
    const wbh = await load(await reportWorkbook(hostile, en));
    for (const sheet of wbh.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => {
          expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          if (typeof cell.value === 'string') expect(cell.value).not.toMatch(/^[=+@\t\r]/);
        }),
      );
    }
    const leaders = rows(wbh.getWorksheet('Chain leaders')!);
    expect(leaders.slice(0, 5).map((r) => r.get('Company')!.value)).toEqual(
      names.map((n) => `'${n}`),
    );
    expect(rows(wbh.getWorksheet('Investment targets')!)[0]!.get('Region')!.value).toBe("'=1+1");
  });
});

/** A python3 that has openpyxl (Debian's python3-openpyxl), if any. */
const PYTHON = ['python3', '/usr/bin/python3'].find(
  (p) => spawnSync(p, ['-c', 'import openpyxl'], { encoding: 'utf8' }).status === 0,
);

// Under CI (.ci/run installs python3-openpyxl) a missing openpyxl fails; elsewhere it skips.
describe.skipIf(!PYTHON && !process.env.CI)('report.xlsx read by openpyxl', () => {
  it('opens in openpyxl with the same sheets, frozen headers, formats and values', async () => {
    expect(PYTHON, 'python3 with openpyxl (apt-get install python3-openpyxl)').toBeDefined();
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-xlsx-'));
    const file = join(dir, 'report.xlsx');
    writeFileSync(file, await reportWorkbook(report, zh));
    const script = `
import json, sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
out = {"sheets": wb.sheetnames, "frozen": [ws.freeze_panes for ws in wb.worksheets]}
t = wb["招商目标"]
out["target"] = [[c.value, c.number_format, c.data_type] for c in t[2]]
l = wb["链主企业"]
out["leaderIds"] = [[r[1].value, r[1].data_type] for r in l.iter_rows(min_row=2)]
print(json.dumps(out, ensure_ascii=False))
`;
    const r = spawnSync(PYTHON!, ['-c', script, file], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const got = JSON.parse(r.stdout) as {
      sheets: string[];
      frozen: string[];
      target: Array<[unknown, string, string]>;
      leaderIds: Array<[string, string]>;
    };
    expect(got.sheets).toEqual(ZH_SHEETS);
    expect(got.frozen).toEqual(ZH_SHEETS.map(() => 'A2'));
    const t = report.targets[0]!;
    expect(got.target[1]).toEqual([t.company, '@', 's']);
    expect(got.target[7]).toEqual([t.share, '0.0%', 'n']);
    expect(got.target[9]).toEqual([t.components['before'], '0.00', 'n']);
    expect(got.leaderIds).toEqual(report.leaders.map((l) => [l.company, 's']));
  });
});

describe('compare and metrics workbooks', () => {
  it('compare: one sheet of every row and a notes sheet, regions as text, figures as 0.00', async () => {
    const rowsIn = [
      { rank: 1, region: '000001', coverage: 0.5, redundancy: 0.25, companies: 1234 },
      { rank: 2, region: '=A1', coverage: null, redundancy: 0, companies: 0 },
    ];
    const wb = await load(
      await compareWorkbook(
        {
          rows: rowsIn,
          columns: ['rank', 'region', 'coverage', 'redundancy', 'companies'],
          notes: [
            ['level', 1, 'int'],
            ['minShare', 0.05, 'pct'],
          ],
        },
        zh,
      ),
    );
    expect(wb.worksheets.map((s) => s.name)).toEqual(['地区比较', '说明']);
    const s = wb.worksheets[0]!;
    expect((s.getRow(1).values as unknown[]).slice(1)).toEqual([
      '排名',
      '地区',
      '环节覆盖度',
      '产业链完整度（冗余调整）',
      '企业数',
    ]);
    expect(s.getCell('B2').value).toBe('000001');
    expect(s.getCell('B3').value).toBe("'=A1");
    expect(s.getCell('C2').value).toBe(0.5);
    expect(s.getCell('C2').numFmt).toBe('0.00');
    expect(s.getCell('C3').value).toBe(null);
    expect(s.getCell('E2').numFmt).toBe('#,##0');
    expect(wb.worksheets[1]!.getCell('B3').numFmt).toBe('0.0%');
  });

  it('metrics: streamed rows come back whole; more rows than Excel holds are refused', async () => {
    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const n = 2500;
    await writeStreamedWorkbook(stream, {
      name: 'm',
      columns: [
        { header: 'id', format: 'id' },
        { header: 'x', format: 'num' },
        { header: 'k', format: 'int' },
      ],
      rowCount: n,
      row: (i) => [String(i).padStart(6, '0'), i / 7, i % 3 === 0 ? NaN : i],
    });
    const wb = await load(Buffer.concat(chunks));
    const s = wb.worksheets[0]!;
    expect(s.rowCount).toBe(n + 1);
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.getCell('A2').value).toBe('000000');
    expect(s.getCell(`A${n + 1}`).value).toBe(String(n - 1).padStart(6, '0'));
    expect(s.getCell('B9').value).toBe(7 / 7);
    expect(s.getCell('C2').value).toBe(null);
    expect(s.getCell('C3').value).toBe(1);
    await expect(
      writeStreamedWorkbook(new PassThrough(), {
        name: 'm',
        columns: [{ header: 'id', format: 'id' }],
        rowCount: MAX_DATA_ROWS + 1,
        row: () => ['x'],
      }),
    ).rejects.toThrow(/1048576 rows do not fit in one Excel sheet/);
  });
});

describe('io entries', () => {
  it('the main entry (bundled by the viewer) reaches no exceljs; the Node entry does', () => {
    /** Every module file reached from `entry` by relative imports, and the packages imported. */
    function reach(entry: string): { files: Set<string>; packages: Set<string> } {
      const files = new Set<string>();
      const packages = new Set<string>();
      const visit = (file: string) => {
        if (files.has(file)) return;
        files.add(file);
        const text = readFileSync(file, 'utf8');
        for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/g)) {
          const spec = m[1]!;
          if (!spec.startsWith('.')) packages.add(spec);
          else {
            const ts = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
            if (existsSync(ts)) visit(ts);
          }
        }
      };
      visit(entry);
      return { files, packages };
    }
    const src = join(ROOT, 'packages/io/src');
    const main = reach(join(src, 'index.ts'));
    expect(main.files.size).toBeGreaterThan(10);
    expect([...main.packages]).not.toContain('exceljs');
    expect([...main.files].map((f) => relative(src, f)).filter((f) => f.includes('xlsx'))).toEqual(
      [],
    );
    expect([...reach(join(src, 'node.ts')).packages]).toContain('exceljs');
  });
});
