/**
 * The viewer in Chinese and English, in a real browser (chromium, the real `chainlens serve` on
 * cn-listed): `?lang=zh-CN` opens it in Chinese with no English word of the interface left in
 * the panels; the header's switch turns it into English in place (same graph, same chain report,
 * the URL says lang=en) and a reload keeps English. Screenshots go to $CHAINLENS_SHOTS (default
 * /tmp/viewer-shots) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import { launch, requireBuilt, serve, stopLayout, views, waitForView } from './browser.js';

const SHOTS = process.env.CHAINLENS_SHOTS ?? join(tmpdir(), 'viewer-shots');
mkdirSync(SHOTS, { recursive: true });

/**
 * Words of the English interface (labels, headings, units, status words). None may be left in
 * the Chinese page once the report data (company and segment names) is set aside.
 */
const ENGLISH_UI = [
  'Company',
  'Chain',
  'Data',
  'Dataset',
  'Open',
  'Region',
  'Date',
  'All dates',
  'Relations',
  'Display',
  'Legend',
  'Size',
  'Colour',
  'Layout',
  'Completeness',
  'Coverage',
  'Redundancy',
  'redundancy',
  'Link',
  'Path',
  'Local supply',
  'Gaps',
  'missing',
  'Weak',
  'weak',
  'Segments',
  'segments',
  'Leading',
  'Targets',
  'critical',
  'Resilience',
  'present',
  'absent',
  'upstream',
  'Upstream',
  'midstream',
  'Midstream',
  'downstream',
  'Downstream',
  'company',
  'companies',
  'firm',
  'firms',
  'links',
  'score',
  'supply',
  'communities',
  'Community',
  'Click',
  'none',
  'what if',
  'What if',
  'cut',
  'feeds',
  'stage',
  'Suppliers',
  'Customers',
  'Neighbours',
  'round',
  'before',
  'after',
  'random',
  'targeted',
  'seed',
  'modularity',
  'Loaded',
];

/** Where the words are in `text`, for a failure's message. */
function around(words: string[], text: string): string {
  return words
    .map((w) => {
      const i = text.search(new RegExp(`\\b${w}\\b`));
      return `${w}: …${text.slice(Math.max(0, i - 60), i + 60)}…`;
    })
    .join('\n');
}

/** English interface words found in `text` (whole words). */
function englishIn(text: string): string[] {
  return ENGLISH_UI.filter((w) => new RegExp(`\\b${w}\\b`).test(text));
}

/**
 * The interface text of the page: header, left column, legend, view summary and the side panel,
 * without the sentences the chain report brings as data (weak-link details, target
 * explanations), which another part of Chainlens renders.
 */
function interfaceText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const parts: string[] = [];
    for (const sel of ['header.topbar', 'aside.left', '#view-summary', 'nav.tabs', '.panel']) {
      for (const node of document.querySelectorAll<HTMLElement>(sel)) {
        if (node.hidden) continue;
        const copy = node.cloneNode(true) as HTMLElement;
        for (const data of copy.querySelectorAll(
          '[data-testid=targets] li > .muted, [data-testid=weak-links] li > .muted, .weak-note, select',
        )) {
          data.remove();
        }
        // Text nodes one by one: two labels side by side stay two words.
        const walker = document.createTreeWalker(copy, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) parts.push(n.nodeValue ?? '');
      }
    }
    // Choices in the drop-downs: only the selected one shows.
    for (const s of document.querySelectorAll<HTMLSelectElement>('aside.left select')) {
      parts.push(s.selectedOptions[0]?.textContent ?? '');
    }
    return parts.join('\n');
  });
}

const texts = (page: Page, selector: string) =>
  page.$$eval(selector, (es) => es.map((e) => (e.textContent ?? '').trim()));

let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilt();
  served = await serve('cn-listed');
  browser = await launch();
  // An English browser: the URL's lang must win over it.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    locale: 'en-US',
  });
  page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('viewer language (?lang=zh-CN, the 中文 / English switch)', () => {
  it('opens in Chinese with ?lang=zh-CN: tabs, headings and chain report in Chinese', async () => {
    await page.goto(`${served.url}?lang=zh-CN#region=${encodeURIComponent('广东')}`);
    await waitForView(page, 0);
    await stopLayout(page);
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
    expect(await page.getAttribute('.lang-switch [data-lang="zh-CN"]', 'aria-pressed')).toBe(
      'true',
    );
    expect(await texts(page, 'nav.tabs [data-i18n]')).toEqual(['企业', '产业链', '数据']);
    expect(await texts(page, 'aside.left h2')).toEqual([
      '地区',
      '日期',
      '关系类型',
      '产业链模板',
      '显示',
      '筛选',
      '图例',
    ]);
    expect(await page.textContent('#layout-toggle')).toBe('运行布局');
    // Texts outside the panels' text: placeholders and hover titles.
    expect(await page.getAttribute('#search', 'placeholder')).toBe('按企业名称或代码搜索…');
    expect(await page.getAttribute('#region-tree input.filter', 'placeholder')).toBe('筛选地区…');
    expect(await page.getAttribute('#open-folder', 'title')).toBe(
      '打开数据集文件夹（含 chainlens.json）',
    );
    expect(await page.textContent('#view-summary')).toMatch(/广东 · .*家企业/);

    await page.selectOption('#template-picker', 'lithium-battery');
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 90_000,
    });
    expect(await page.isVisible('#panel-chain')).toBe(true);
    const sections = await texts(page, '#panel-chain details.chain-section > summary');
    expect(sections[0]).toBe('产业链完整度');
    for (const heading of [
      /^缺失环节（\d+）$/,
      /^薄弱环节（\d+）$/,
      /^环节（\d+ 个中已覆盖 \d+ 个）$/,
      /^链主企业（\d+）$/,
      /^补链招商目标（\d+）$/,
      /^关键企业$/,
      /^产业链韧性$/,
    ]) {
      expect(
        sections.some((s) => heading.test(s)),
        String(heading),
      ).toBe(true);
    }
    expect(await texts(page, '[data-testid=completeness] th .figure-label')).toEqual([
      '环节覆盖度',
      '冗余调整完整度',
      '衔接完整度',
      '路径完整度',
      '本地配套率',
    ]);
    expect(await texts(page, '[data-testid=by-stage] tbody th')).toEqual(['上游', '中游', '下游']);
    // Every figure label carries its glossary key (its hover text comes with the glossary).
    expect(
      await page.$$eval('#panel-chain [data-hint]', (es) =>
        es.map((e) => e.getAttribute('data-hint')),
      ),
    ).toEqual(
      expect.arrayContaining(['coverage', 'redundancy', 'localSupply', 'leader', 'target']),
    );
    const ghosts = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      return g
        .filterNodes((_, a) => a.ghost !== undefined)
        .map((n) => g.getNodeAttribute(n, 'label'));
    });
    expect(ghosts.length).toBeGreaterThan(0);
    for (const label of ghosts) expect(label).toMatch(/（缺失）$/);
    await page.screenshot({ path: join(SHOTS, 'zh-CN-chain.png') });
    await page.locator('aside.right').screenshot({ path: join(SHOTS, 'zh-CN-chain-panel.png') });
    const text = await interfaceText(page);
    expect(englishIn(text), around(englishIn(text), text)).toEqual([]);
  });

  it('shows a company in Chinese, with the worker’s metric names in Chinese', async () => {
    await page.fill('#search', '比亚迪');
    await page.waitForSelector('#search-results li[data-id]');
    await page.press('#search', 'Enter');
    await page.waitForSelector('[data-testid=company-name]');
    await page.waitForFunction(() =>
      document.querySelector('#panel-company table.kv')?.textContent?.includes('视图内供应商'),
    );
    expect(await page.textContent('[data-testid=suppliers] h4')).toMatch(/^供应商（/);
    expect(await page.textContent('[data-testid=customers] h4')).toMatch(/^客户（/);
    expect(await page.textContent('[data-testid=company-chain] h4')).toBe('在产业链中的位置');
    expect(await page.textContent('[data-testid=what-if]')).toBe('假如该企业退出？');
    await page.click('[data-testid=what-if]');
    await page.waitForSelector('[data-testid=what-if-result]', { timeout: 30_000 });
    expect(await texts(page, '[data-testid=what-if-completeness] thead th')).toEqual([
      '完整度',
      '退出前',
      '退出后',
      '变化',
    ]);
    expect(await page.textContent('[data-testid=what-if-result] p')).toMatch(/^假如比亚迪退出，/);
    expect(await page.textContent('#focus-note')).toMatch(/^假如比亚迪退出：\d+ 家企业断供/);
    await page.screenshot({ path: join(SHOTS, 'zh-CN-company.png') });
    const text = await interfaceText(page);
    expect(englishIn(text), around(englishIn(text), text)).toEqual([]);
  });

  it('switches to English with the header control, in place, and writes lang=en in the URL', async () => {
    const drawnBefore = await views(page);
    const chainViews = await page.evaluate(() => document.body.dataset.chainViews);
    await page.evaluate(() => {
      (window as unknown as { graphBefore: unknown }).graphBefore = window.chainlens!.graph();
    });
    await page.click('.lang-switch [data-lang="en"]');
    await page.waitForFunction(() => document.body.dataset.lang === 'en');
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await texts(page, 'nav.tabs [data-i18n]')).toEqual(['Company', 'Chain', 'Data']);
    expect(await texts(page, 'aside.left h2')).toEqual([
      'Region',
      'Date',
      'Relations',
      'Chain template',
      'Display',
      'Filters',
      'Legend',
    ]);
    // The company's details come again from the worker, now in English.
    await page.waitForFunction(() =>
      document.querySelector('#panel-company table.kv')?.textContent?.includes('Suppliers in view'),
    );
    expect(await page.textContent('[data-testid=suppliers] h4')).toMatch(/^Suppliers \(/);
    await page.click('nav.tabs [data-tab=chain]');
    const sections = await texts(page, '#panel-chain details.chain-section > summary');
    expect(sections[0]).toBe('Completeness');
    expect(sections.some((s) => /^Weak links \(\d+\)$/.test(s))).toBe(true);
    expect(sections.some((s) => /^Targets to attract \(\d+\)$/.test(s))).toBe(true);
    expect(await texts(page, '[data-testid=by-stage] tbody th')).toEqual([
      'Upstream',
      'Midstream',
      'Downstream',
    ]);
    // Nothing was loaded or computed again: same graph object, same view and chain counters.
    expect(
      await page.evaluate(
        () =>
          window.chainlens!.graph() === (window as unknown as { graphBefore: unknown }).graphBefore,
      ),
    ).toBe(true);
    expect(await views(page)).toBe(drawnBefore);
    expect(await page.evaluate(() => document.body.dataset.chainViews)).toBe(chainViews);
    // No Chinese interface word is left (names of companies and segments are data).
    const ui = await page.evaluate(() =>
      [...document.querySelectorAll('nav.tabs, aside.left h2, #panel-chain summary')]
        .map((e) => e.textContent)
        .join(' '),
    );
    expect(ui).not.toMatch(/产业链完整度|薄弱环节|链主企业|补链招商目标|企业|地区/);
    // The check that found no English word in Chinese finds them in English.
    expect(englishIn(await interfaceText(page))).toEqual(
      expect.arrayContaining(['Completeness', 'Region', 'Legend', 'Weak']),
    );
    expect(await page.getAttribute('#region-tree input.filter', 'placeholder')).toBe(
      'Filter regions…',
    );
    // The ghost node of a missing segment is relabelled on the graph.
    const ghosts = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      return g
        .filterNodes((_, a) => a.ghost !== undefined)
        .map((n) => g.getNodeAttribute(n, 'label'));
    });
    expect(ghosts.length).toBeGreaterThan(0);
    for (const label of ghosts) expect(label).toMatch(/ \(missing\)$/);
    await page.screenshot({ path: join(SHOTS, 'en-chain.png') });
  });

  it('keeps English on reload (the URL remembers it)', async () => {
    await page.reload();
    await waitForView(page, 0);
    expect(new URL(page.url()).searchParams.get('lang')).toBe('en');
    expect(await texts(page, 'nav.tabs [data-i18n]')).toEqual(['Company', 'Chain', 'Data']);
    expect(await page.getAttribute('.lang-switch [data-lang="en"]', 'aria-pressed')).toBe('true');
    expect(pageErrors).toEqual([]);
  });
});
