/**
 * The CLI in Chinese and English (`--lang`, `CHAINLENS_LANG`, the locale): the same figures in
 * either language, Chinese framing around the data, English unchanged, and one-line errors
 * that name the option in both.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTranslator } from '@chainlens/core';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../src/program.js';
import { createProgress } from '../src/progress.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/dist/bin.js');

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout, stderr, text: stdout.join('\n') };
}

/** The built CLI with `env` as its whole language environment (no inherited CHAINLENS_LANG). */
function spawn(args: string[], env: Record<string, string>) {
  const base = { ...process.env };
  for (const k of ['CHAINLENS_LANG', 'LANG', 'LC_ALL', 'LC_MESSAGES']) delete base[k];
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...base, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The rows of an aligned table: the lines after the ─── rule, split on runs of 2+ spaces. */
/**
 * A Chinese issue line against the English message it stands for: every value the English
 * quotes ('…') is in it, and once those (“…”) and column names are out, no run of three English
 * words is left.
 */
function expectChineseMessage(zh: string, en: string) {
  for (const [, quoted] of en.matchAll(/'([^']*)'/g)) expect(zh, en).toContain(`“${quoted}”`);
  const rest = zh.replace(/“[^”]*”/g, ' ').replace(/\b(id|weight|share|U\+[0-9A-F]+)\b/g, ' ');
  expect(rest.match(/[A-Za-z][A-Za-z'-]*(?:[\s,;:]+[A-Za-z][A-Za-z'-]*){2,}/g), zh).toBeNull();
}

function tableRows(lines: string[], after = 0): string[][] {
  const start = lines.findIndex((l, i) => i >= after && /^\s*─/.test(l));
  const rows: string[][] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() === '' || !/^\s{2,}\S/.test(l)) break;
    rows.push(l.trim().split(/\s{2,}/));
  }
  return rows;
}

const CJK = /[\u4e00-\u9fff\uff08\uff09\uff1a\uff0c\uff1b]/;

describe('--lang zh-CN', () => {
  it('validate: Chinese framing, the same counts, issues keep file:row:column and the data', async () => {
    const en = await cli('validate', 'cn-listed', '--lang', 'en');
    const zh = await cli('validate', 'cn-listed', '--lang', 'zh-CN');
    expect(zh.code).toBe(en.code);
    expect(zh.stdout[0]).toMatch(
      /^校验数据集 cn-listed（.*cn-listed）：所有行均已接收（\d+ 条警告）$/,
    );
    expect(zh.stdout[1]).toMatch(/^\s+数据表\s+文件\s+读取\s+接收\s+拒收\s+警告$/);
    // The same numbers per table, the table names in Chinese.
    const enRows = tableRows(en.stdout);
    const zhRows = tableRows(zh.stdout);
    expect(zhRows.map((r) => r.slice(1))).toEqual(enRows.map((r) => r.slice(1)));
    expect(zhRows.find((r) => r[1] === 'companies.csv')?.[0]).toBe('企业');
    expect(zhRows.find((r) => r[1] === 'relations.csv')?.[0]).toBe('企业关系');
    // Every issue: where it is unchanged, the kind of problem and io's message in Chinese, the
    // data it quotes kept.
    const issues = en.stdout.filter((l) => /: warning: /.test(l));
    expect(issues.length).toBeGreaterThan(0);
    const seen = new Map<string, number>(); // a row with two warnings: in the same order
    for (const line of issues) {
      const [, where, message] = /^(.*?): warning: (.*)$/.exec(line)!;
      const mine = zh.stdout.filter((l) => l.startsWith(`${where}: 警告（`));
      const i = seen.get(where!) ?? 0;
      seen.set(where!, i + 1);
      expect(mine.length, line).toBe(issues.filter((l) => l.startsWith(`${where}: `)).length);
      expectChineseMessage(mine[i]!, message!);
    }
    expect(zh.text).toMatch(/警告（疑似重复 ID）/);
    expect(zh.stdout.at(-1)).toMatch(/^通过：所有行均已接收（\d+ 条警告）。$/);
    expect(zh.text).not.toMatch(/Validation|every row|accepted|rejected|warnings/);
  });

  it('metrics: Chinese summary and headers over the same companies and figures', async () => {
    const args = ['metrics', 'cn-listed', '--top', '5', '--quiet', '--workers', '1'];
    const en = await cli(...args, '--lang', 'en');
    const zh = await cli(...args, '--lang', 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.stdout[0]).toMatch(
      /^cn-listed（.*）的网络指标，基于推断供应关系：4,689 家企业，[\d,]+ 条有向边（平行边已合并）；所有行均已接收/,
    );
    expect(zh.text).toContain('PageRank 前 5 名（对下游的拉动力）');
    expect(zh.text).toMatch(
      /Louvain 社区划分（种子 1，按无向图计算）：[\d,]+ 个社区，模块度 0\.\d{4}/,
    );
    const top = (r: typeof en) => {
      const i = r.stdout.findIndex((l) => /PageRank/.test(l) && !/α/.test(l));
      return tableRows(r.stdout, i);
    };
    const enTop = top(en);
    const zhTop = top(zh);
    expect(enTop).toHaveLength(5);
    // Same ids, names and figures; only "yes" in the cut-point column becomes 是.
    expect(zhTop.map((r) => r.slice(0, 9))).toEqual(enTop.map((r) => r.slice(0, 9)));
    const header = zh.stdout[zh.stdout.findIndex((l) => l.includes('PageRank 前')) + 1]!;
    expect(header.trim().split(/\s{2,}/)).toEqual([
      '代码',
      '企业名称',
      '入度',
      '出度',
      'PageRank',
      '反向 PageRank',
      '介数',
      'k 核',
      '社区',
      '割点',
    ]);
    // The modularity of the English run, said in Chinese.
    const q = /modularity (0\.\d{4})/.exec(en.text)![1]!;
    expect(zh.text).toContain(`模块度 ${q}`);
  });

  it('compare: the ranking table in Chinese with the same ranks and figures', async () => {
    const args = ['compare', '--template', 'photovoltaic', '--top', '8', '--quiet'];
    const en = await cli(...args, '--lang', 'en');
    const zh = await cli(...args, '--lang', 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.text).toMatch(/^光伏产业链（photovoltaic，18 个环节）：31 个省级地区的产业链完整度/m);
    expect(zh.text).toContain('不参与任何排名');
    // --top 8: eight rows, then the line that says how many more.
    const enRows = tableRows(en.stdout).slice(0, 8);
    const zhRows = tableRows(zh.stdout).slice(0, 8);
    expect(zhRows.map((r) => r.length)).toEqual(Array(8).fill(11));
    expect(zhRows).toEqual(enRows);
    const more = /… (\d+) more regions \(--top N shows more\)/.exec(en.text)![1];
    expect(zh.text).toContain(`……另有 ${more} 个地区（用 --top N 显示更多）`);
    const header = zh.stdout[zh.stdout.findIndex((l) => /^\s*─/.test(l)) - 1]!;
    expect(
      header
        .trim()
        .split(/\s{2,}/)
        .slice(0, 5),
    ).toEqual(['排名', '地区', '企业数', '链上企业', '覆盖度']);
    // JSON keeps its machine names in any language.
    const json = await cli(...args, '--format', 'json', '--lang', 'zh-CN');
    const doc = JSON.parse(json.text) as { rows: Record<string, unknown>[] };
    expect(Object.keys(doc.rows[0]!).slice(0, 3)).toEqual(['rank', 'region', 'coverage']);
    expect(json.stderr[0]).toMatch(/^数据集 cn-listed（.*）：所有行均已接收/);
  });

  it('template list: Chinese headers and sources, the same templates and counts', async () => {
    const en = await cli('template', 'list', '--lang', 'en');
    const zh = await cli('template', 'list', '--lang', 'zh-CN');
    const n = Number(/: (\d+)$/.exec(en.stdout[0]!)![1]);
    expect(n).toBeGreaterThan(0);
    expect(zh.stdout[0]).toBe(
      en.stdout[0]!.replace(
        /^Chain templates for dataset (\S+) \((.*)\): (\d+)$/,
        '数据集 $1（$2）可用的产业链模板：$3 个',
      ),
    );
    const zhRows = tableRows(zh.stdout).slice(0, n);
    expect(zhRows.map((r) => [r[0], ...r.slice(3)])).toEqual(
      tableRows(en.stdout)
        .slice(0, n)
        .map((r) => [r[0], ...r.slice(3)]),
    );
    expect(zh.stdout.at(-1)).toMatch(/^\s+有企业：数据集中至少有一家企业的环节数/);
    expect(new Set(zhRows.map((r) => r[2]))).toEqual(new Set(['内置']));
    expect(
      zh.stdout[1]!.trim()
        .split(/\s{2,}/)
        .slice(0, 4),
    ).toEqual(['ID', '名称', '来源', '环节数']);
  });

  it('help: commands, options, headings and defaults in Chinese; English as before', async () => {
    const zh = await cli('analyze', '--help', '--lang', 'zh-CN');
    expect(zh.code).toBe(0);
    expect(zh.text).toMatch(/^用法： chainlens analyze/);
    expect(zh.text).toContain('概览数据集（及其中的一个集群），附数据校验结果');
    expect(zh.text).toContain('选项：');
    expect(zh.text).toContain('全局选项：');
    expect(zh.text).toMatch(/--top <n>\s+每个排名列表显示的行数（默认：10）/);
    expect(zh.text).toMatch(/--region <path>\s+分析某地区的企业/);
    expect(zh.text).not.toMatch(/Usage:|Options:|default:|display help/);
    const top = await cli('--help', '--lang', 'zh-CN');
    expect(top.text).toContain('产业链与产业集群的网络分析');
    expect(top.text).toMatch(/命令：[\s\S]*validate \[options\] <dataset>\s+检查数据集/);
    const en = await cli('analyze', '--help', '--lang', 'en');
    expect(en.text).toMatch(/^Usage: chainlens analyze/);
    expect(en.text).toMatch(/--top <n>\s+rows of each ranked list printed \(default: "10"\)/);
    // Chinese only in the examples of region paths (浙江 or 江苏/苏州).
    expect(en.text.replace(/浙江|江苏\/苏州/g, '')).not.toMatch(CJK);
  });

  it('errors: one line, naming the option or the input, in Chinese', async () => {
    const bad = await cli('metrics', '--top', 'x', '--lang', 'zh-CN');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toEqual(["chainlens: --top 须为 ≥ 0 的整数，收到 'x'"]);
    const noValue = await cli('compare', '--lang', 'zh-CN', '--template');
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toEqual(["错误：选项 '--template <id>' 缺少取值"]);
    const unknown = await cli('analyze', '--regoin', '浙江', '--lang', 'zh-CN');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toEqual(["错误：未知选项 '--regoin'（是否想输入 --region？）"]);
    const enUnknown = await cli('analyze', '--regoin', '浙江', '--lang', 'en');
    expect(enUnknown.stderr).toEqual(["error: unknown option '--regoin' (Did you mean --region?)"]);
    const region = await cli('analyze', '--region', '广州省', '--lang', 'zh-CN');
    expect(region.code).toBe(1);
    expect(region.stderr).toHaveLength(1);
    expect(region.stderr[0]).toMatch(
      /^chainlens: 地区 '广州省' 在 cn-listed 中没有企业（是否想输入 '/,
    );
    const sort = await cli(
      'compare',
      '--template',
      'photovoltaic',
      '--sort',
      'x',
      '--lang',
      'zh-CN',
    );
    expect(sort.stderr).toEqual([
      "chainlens: --sort 只能是 redundancy, coverage, link, path 之一，收到 'x'",
    ]);
    const out = await cli(
      'metrics',
      'eto-semiconductors',
      '--out',
      '/proc/m.csv',
      '--lang',
      'zh-CN',
    );
    expect(out.code).toBe(2);
    expect(out.stderr).toEqual([
      'chainlens: 无法写入 /proc/m.csv：/proc 是系统文件夹，不能存放文件',
    ]);
    const template = await cli('analyze', '--template', 'lithium-batery', '--lang', 'zh-CN');
    expect(template.stderr[0]).toMatch(
      /^chainlens: 未知的产业链模板 'lithium-batery'（是否想输入 'lithium-battery'/,
    );
    const port = await cli('serve', 'cn-listed', '--port', 'abc', '--lang', 'zh-CN');
    expect(port.code).toBe(2);
    expect(port.stderr).toEqual(["chainlens: --port：'abc' 不是有效端口号（0-65535）"]);
    // The same errors in English are the English sentences.
    const enOut = await cli(
      'metrics',
      'eto-semiconductors',
      '--out',
      '/proc/m.csv',
      '--lang',
      'en',
    );
    expect(enOut.stderr).toEqual([
      'chainlens: cannot write /proc/m.csv: /proc is a system folder, not a place for files',
    ]);
  });
});

describe('the language of a run without --lang', () => {
  it('is Chinese under a Chinese locale, English when CHAINLENS_LANG=en says so', () => {
    const args = ['validate', 'eto-semiconductors'];
    const zh = spawn(args, { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^校验数据集 eto-semiconductors（.*）：所有行均已接收/);
    const en = spawn(args, { LANG: 'zh_CN.UTF-8', CHAINLENS_LANG: 'en' });
    expect(en.stdout).toMatch(/^Validation of eto-semiconductors \(.*\): every row accepted/);
    const plain = spawn(args, { LANG: 'en_US.UTF-8' });
    expect(plain.stdout).toMatch(/^Validation of eto-semiconductors/);
    const help = spawn(['validate', '--help'], { LC_ALL: 'zh_CN.UTF-8' });
    expect(help.stdout).toMatch(/^用法： chainlens validate/);
  }, 180_000);

  it('--lang fr: exit 2 and one line, nothing on stdout, in the language the locale asks for', () => {
    const en = spawn(['validate', 'cn-listed', '--lang', 'fr'], { LANG: 'en_US.UTF-8' });
    expect(en.code).toBe(2);
    expect(en.stdout).toBe('');
    expect(en.stderr).toBe('chainlens: --lang must be one of zh-CN, en (got "fr")\n');
    const zh = spawn(['validate', 'cn-listed', '--lang', 'fr'], { LANG: 'zh_CN.UTF-8' });
    expect(zh.code).toBe(2);
    expect(zh.stdout).toBe('');
    expect(zh.stderr).toBe('chainlens: --lang 只能是 zh-CN、en（收到 "fr"）\n');
    const env = spawn(['validate', 'cn-listed'], { CHAINLENS_LANG: 'de' });
    expect(env.code).toBe(2);
    expect(env.stderr).toBe('chainlens: CHAINLENS_LANG must be one of zh-CN, en (got "de")\n');
  }, 180_000);
});

describe('rejected rows and progress in Chinese', () => {
  it('validate and analyze: the rejected rows counted and listed, where and what as in English', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-lang-'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name: 'bad', companies: 'companies.csv', relations: 'relations.csv' }),
    );
    writeFileSync(
      join(dir, 'companies.csv'),
      'id,name,region\nA,甲,浙江/宁波\nB,乙,浙江/杭州\nA,重复,\n',
    );
    writeFileSync(
      join(dir, 'relations.csv'),
      'source,target,type,weight\nA,B,supply,1\nB,C,supply,1\nA,B,supply,-3\n',
    );
    const en = await cli('validate', dir, '--lang', 'en');
    const zh = await cli('validate', dir, '--lang', 'zh-CN');
    expect(zh.code).toBe(1);
    expect(en.code).toBe(1);
    const rejected = /FAILED: (\d+) rows rejected; (\d+) errors, (\d+) warnings\./.exec(en.text)!;
    expect(zh.stdout.at(-1)).toBe(
      `未通过：拒收 ${rejected[1]} 行；错误 ${rejected[2]} 个，警告 ${rejected[3]} 条。`,
    );
    expect(zh.stdout[0]).toMatch(
      new RegExp(`：拒收 ${rejected[1]} 行：明细见 chainlens validate$`),
    );
    // Each error line: file:row:column and io's message as in English, the kind in Chinese.
    const errors = en.stdout.filter((l) => l.startsWith(dir) && !/: warning: /.test(l));
    expect(errors).toHaveLength(Number(rejected[2]));
    for (const line of errors) {
      const [, where, message] = /^(.*?:\d+(?::[^:]+)?): (.*)$/.exec(line)!;
      const mine = zh.stdout.filter((l) => l.startsWith(`${where}: 错误（`));
      expect(mine, line).toHaveLength(1);
      expectChineseMessage(mine[0]!, message!);
    }
    expect(zh.text).toContain(
      `${dir}/companies.csv:4:id: 错误（ID 重复）：企业 ID “A” 重复（首次出现在第 2 行）`,
    );
    expect(zh.text).toContain(
      `${dir}/relations.csv:4:weight: 错误（超出取值范围）：weight 为 -3，不能为负数`,
    );
    expect(zh.text).toContain('错误（ID 重复）');
    const analyzed = await cli('analyze', dir, '--lang', 'zh-CN');
    expect(analyzed.code).toBe(1);
    expect(analyzed.stdout).toContain(`  拒收 ${rejected[1]} 行；以上数字只基于已接收的行`);
    expect(analyzed.stderr).toEqual([
      `chainlens: 结果未包含部分输入：拒收 ${rejected[1]} 行：明细见 chainlens validate；如可接受，请加 --allow-rejected（退出码为 0）`,
    ]);
  });

  it('progress lines name the step and the time in Chinese', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => (lines.push(s), true) };
    const p = createProgress({
      stream: stream as unknown as NodeJS.WriteStream,
      interval: 0,
      tr: createTranslator('zh-CN'),
    });
    p.start('relations (relations.csv)', 2000);
    p.update(500);
    p.update(2500);
    p.stop();
    expect(lines[0]).toBe('读取企业关系 (relations.csv)：开始（共 2,000 行）\n');
    expect(lines[1]).toMatch(
      /^读取企业关系 \(relations\.csv\)：25%（500\/2,000），已用 [\d.]+ 秒，约剩 [\d.]+ 秒\n$/,
    );
    expect(lines[2]).toMatch(
      /^读取企业关系 \(relations\.csv\)：已完成 2,500（预估 2,000），已用 [\d.]+ 秒\n$/,
    );
    expect(lines[3]).toMatch(/^读取企业关系 \(relations\.csv\)：完成，用时 [\d.]+ 秒\n$/);
  });
});
