/// <reference lib="dom" />
/**
 * The issue-15 demo's report.html in Chinese as a reader sees it (issue 15 part 5): `analyze
 * cn-listed --region 浙江 --template textile-apparel --lang zh-CN --out DIR` opened in headless
 * Chromium. What the page shows (`document.body.innerText`) holds no run of three English
 * words once the report's names and ids are out (the rule of report-zh.test.ts); the headings
 * are Chinese; the province map's tiles are drawn in the colours of their figures. A full-page
 * screenshot goes to /tmp/map-shots/report-zh-zhejiang.png for a person to look at.
 *
 * Runs when Chromium is installed (.ci/run installs it; CI=true makes a missing browser fail).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '@chainlens/core';
import { provinceColour } from '@chainlens/core';
import { run } from '../src/program.js';
import { englishRuns, rgb, tileColours } from './zh-text.js';

const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SHOTS = '/tmp/map-shots';

describe.skipIf(!CHROMIUM && !process.env.CI)('zh-CN report.html in Chromium', () => {
  let browser: Browser;
  let dir: string;
  let report: ChainReport;
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
      );
    dir = mkdtempSync(join(tmpdir(), 'chainlens-zh-browser-'));
    const args = ['analyze', 'cn-listed', '--region', '浙江', '--template', 'textile-apparel'];
    const code = await run([...args, '--lang', 'zh-CN', '--out', dir, '--quiet'], {
      out: () => {},
      err: () => {},
    });
    expect(code).toBe(0);
    report = JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as ChainReport;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--enable-unsafe-swiftshader'],
    });
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('shows Chinese only (ids, names and units aside), Chinese headings, map tiles in their colours', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(dir, 'report.html')).href);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'report-zh-zhejiang.png'), fullPage: true });

    const text = await page.evaluate(() => document.body.innerText);
    expect(text.length).toBeGreaterThan(2000);
    // Units and symbols the figures are given in (N_eff, HHI, K_cov…) are in englishRuns' list.
    expect(englishRuns(text, report)).toEqual([]);

    const headings = await page.$$eval('h1, h2', (hs) =>
      hs.map((h) => (h as HTMLElement).innerText),
    );
    expect(headings.length).toBeGreaterThan(10);
    for (const h of headings) expect(h, h).toMatch(/[\u4e00-\u9fff]/);
    expect(headings[0]).toBe('纺织服装产业链 — 浙江');
    for (const h of [
      '产业链全景（逐环节）',
      '链主企业',
      '补链招商目标',
      '缺失环节',
      '薄弱环节',
      '术语说明',
    ])
      expect(
        headings.some((x) => x.startsWith(h)),
        h,
      ).toBe(true);

    // The map of provinces: every tile's value is the region's K_red and its colour on screen.
    const rows = new Map(report.regions!.rows.map((row) => [row.region, row]));
    const section = page.locator('section#regions');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(SHOTS, 'report-zh-zhejiang-regions.png') });
    const seen = await tileColours(browser, page, 'section#regions svg.province-map');
    expect(seen).toHaveLength(34);
    for (const t of seen) {
      const row = rows.get(t.region);
      expect(t.value, t.region).toBe(row ? String(row.redundancy) : '');
      const want = rgb(provinceColour(row ? row.redundancy : null, [0, 1]));
      for (let k = 0; k < 3; k++)
        expect(Math.abs(t.rgb[k]! - want[k]!), `${t.region} ${String(t.rgb)}`).toBeLessThanOrEqual(
          2,
        );
    }
    expect(rows.get('浙江')!.redundancy).toBe(report.completeness.redundancy);
    await page.close();
  }, 120_000);
});
