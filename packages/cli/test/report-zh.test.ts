/**
 * Chinese-first chain reports: the demo of issue 15 (`analyze cn-listed --region 浙江 --template
 * textile-apparel --lang zh-CN --out DIR`) prints its summary and writes report.md and
 * report.html in Chinese; no English sentence is left once names, ids and units are taken out;
 * report.json is the same bytes in both languages; every report ends with its glossary.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '@chainlens/core';
import {
  GLOSSARY,
  createTranslator,
  indexReport,
  renderHtml,
  renderMarkdown,
  targetText,
  weakLinkText,
} from '@chainlens/core';
import { run } from '../src/program.js';
import { ROOT, realReport } from './report-fixture.js';
import { englishRuns } from './zh-text.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** The text a reader sees in an HTML page: no style, no embedded JSON, tags out, titles in. */
function visibleText(html: string): string {
  const page = html
    .replace(/<style>[\s\S]*?<\/style>/g, '')
    .replace(/<script[\s\S]*?<\/script>/g, '');
  const titles = [...page.matchAll(/(?:title|aria-label)="([^"]*)"/g)].map((m) => m[1]);
  return [page.replace(/<[^>]+>/g, '\n'), ...titles]
    .join('\n')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

describe('analyze --lang zh-CN: the issue-15 demo, 浙江 textile-apparel', () => {
  let zh: { code: number; stdout: string; stderr: string };
  let en: { code: number; stdout: string; stderr: string };
  let zhDir: string;
  let enDir: string;
  let report: ChainReport;
  beforeAll(async () => {
    zhDir = mkdtempSync(join(tmpdir(), 'chainlens-zh-'));
    enDir = mkdtempSync(join(tmpdir(), 'chainlens-en-'));
    const args = ['analyze', 'cn-listed', '--region', '浙江', '--template', 'textile-apparel'];
    zh = await cli(...args, '--lang', 'zh-CN', '--out', zhDir, '--quiet');
    en = await cli(...args, '--lang', 'en', '--out', enDir, '--quiet');
    report = JSON.parse(readFileSync(join(zhDir, 'report.json'), 'utf8')) as ChainReport;
  }, 300_000);

  it('report.json is language-neutral: the same bytes in zh-CN and en, no sentence in it', () => {
    expect(zh.code).toBe(0);
    expect(en.code).toBe(0);
    const a = readFileSync(join(zhDir, 'report.json'), 'utf8');
    expect(a).toBe(readFileSync(join(enDir, 'report.json'), 'utf8'));
    expect(a).not.toMatch(/"(detail|explanation|note)"/);
    // The facts the sentences are made of are there.
    expect(report.weakLinks.length).toBeGreaterThan(0);
    for (const t of report.targets) expect(t.shares).toHaveLength(t.segments!.length);
  });

  it('prints the terminal summary in Chinese, with the same facts as the English one', () => {
    for (const heading of [
      '产业链完整度',
      '环节（上游 → 下游）',
      '缺失环节',
      '薄弱环节',
      '链主企业',
      '补链招商目标',
      '关键企业',
      '韧性 R',
      '本地配套率',
      '分析用时',
      '已写入',
    ])
      expect(zh.stdout).toContain(heading);
    for (const english of ['Completeness', 'Leading firms', 'Targets to attract', 'Analysis took'])
      expect(zh.stdout).not.toContain(english);
    // The first target's sentence, rendered from report.json in Chinese, is the one printed.
    const index = indexReport(report);
    const tr = createTranslator('zh-CN');
    expect(zh.stdout).toContain(targetText(report.targets[0]!, index, tr));
    expect(zh.stdout).toContain(weakLinkText(report.weakLinks[0]!, index, tr));
    // The coverage line carries the report's figure in both languages.
    const cov = report.completeness.coverage.toFixed(2);
    expect(zh.stdout.split('\n').find((l) => l.trim().startsWith('环节覆盖度'))).toContain(cov);
    expect(en.stdout.split('\n').find((l) => l.trim().startsWith('coverage'))).toContain(cov);
  });

  it('writes report.md with Chinese headings, the glossary 术语说明 and no English sentence', () => {
    const md = readFileSync(join(zhDir, 'report.md'), 'utf8');
    expect(md.split('\n')[0]).toBe('# 产业链分析报告：纺织服装产业链 — 浙江');
    const headings = md.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toEqual([
      '## 参数',
      '## 产业链完整度',
      '## 环节',
      '## 薄弱环节',
      '## 缺失环节',
      '## 链主企业',
      '## 补链招商目标',
      '## 招商组合：最佳目标组合',
      '## 延链方向',
      '## 关键企业',
      '## 韧性',
      '## 社群结构',
      '## 数据',
      '## 术语说明',
    ]);
    expect(englishRuns(md, report)).toEqual([]);
    // No message key left untranslated (i18next returns the key when a message is missing).
    for (const text of [md, zh.stdout, readFileSync(join(zhDir, 'report.html'), 'utf8')])
      expect(text).not.toMatch(/\b(report|glossary|common):[\w.-]+/);
    // The check can fail: the English report of the same run is full of such runs.
    const enMd = readFileSync(join(enDir, 'report.md'), 'utf8');
    expect(englishRuns(enMd, report).length).toBeGreaterThan(50);
    expect(
      enMd
        .split('\n')
        .filter((l) => l.startsWith('## '))
        .at(-1),
    ).toBe('## Glossary');
    // Numbers as a Chinese analyst writes them.
    expect(md).toContain(`| 数据集企业数 | 4,689 |`);
    expect(md).toContain('（4,689 家企业，');
  });

  it('writes report.html with <html lang="zh-CN">, Chinese headings, tooltips and no English sentence', () => {
    const html = readFileSync(join(zhDir, 'report.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(readFileSync(join(enDir, 'report.html'), 'utf8')).toContain('<html lang="en">');
    const h2 = [...html.matchAll(/<h2[^>]*>([^<]*)<\/h2>/g)].map((m) => m[1]);
    expect(h2).toEqual(
      expect.arrayContaining([
        '产业链全景（逐环节）',
        '链主企业',
        '关键企业',
        '薄弱环节',
        '缺失环节',
        '补链招商目标',
        '环节',
        '参数',
        '数据',
        '术语说明',
      ]),
    );
    expect(englishRuns(visibleText(html), report)).toEqual([]);
    // Each figure's label carries the glossary's .what sentence as its tooltip.
    const tr = createTranslator('zh-CN');
    expect(html).toContain(
      `<div class="l" title="${tr.t('glossary:coverage.what')}">环节覆盖度</div>`,
    );
    for (const { id, doc } of GLOSSARY) {
      expect(html).toContain(`<dt id="glossary-${id}" title="${tr.t(`glossary:${id}.what`)}">`);
      expect(html).toContain(`<code>${doc}</code>`);
    }
  });
});

describe('renderers in two languages on the 广东 lithium-battery report', () => {
  const { report } = realReport();
  const zh = createTranslator('zh-CN');

  it('every glossary entry names an existing formula page and reads in both languages', () => {
    const md = renderMarkdown(report, { tr: zh });
    for (const { id, doc } of GLOSSARY) {
      expect(readFileSync(join(ROOT, doc), 'utf8').length).toBeGreaterThan(0);
      expect(md).toContain(`- **${zh.t(`glossary:${id}.name`)}**：${zh.t(`glossary:${id}.what`)}`);
    }
    expect(renderMarkdown(report)).toContain(`## Glossary`);
  });

  it('the Chinese report.md and report.html leave no English sentence; English is the default', () => {
    expect(englishRuns(renderMarkdown(report, { tr: zh }), report)).toEqual([]);
    expect(englishRuns(visibleText(renderHtml(report, { tr: zh })), report)).toEqual([]);
    expect(renderMarkdown(report)).toBe(renderMarkdown(report, { tr: createTranslator('en') }));
    expect(renderMarkdown(report).split('\n')[0]).toMatch(/^# Chain report: /);
  });
});
