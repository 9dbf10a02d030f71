/**
 * The viewer follows the date (issue 19 part 4) in a real browser (Debian's chromium, the real
 * `chainlens serve` serving the built viewer) on cn-listed, whose `listed` dates give a history:
 * the Chain tab's chain firms of 广东 × lithium-battery at 2010 and 2021 are core `chainAt`'s,
 * 宁德时代 (300750, listed 2018-06-11) cannot be found in 福建 as of 2017 and is there, ringed as
 * new, as of 2018, and "what changed 2017 → 2018" lists it with core `diffChain`'s chain figures.
 * Screenshots go to /tmp/date-shots for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chainAt, createTranslator, diffChain } from '@chainlens/core';
import type { ChainTemplate } from '@chainlens/core';
import { IssueLog, readTemplate } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import { ROOT, launch, requireBuilt, serve } from './browser.js';
import { nonBackgroundPixels, stopLayout, views, waitForView } from './browser.js';

const SHOTS = '/tmp/date-shots';
const CATL = '300750';
const en = createTranslator('en');

let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const { dataset } = readDataset(join(ROOT, 'datasets/cn-listed'));
const file = join(ROOT, 'datasets/templates/lithium-battery.json');
const template = readTemplate({ file, bytes: readFileSync(file) }, new IssueLog()) as ChainTemplate;

beforeAll(async () => {
  requireBuilt();
  mkdirSync(SHOTS, { recursive: true });
  served = await serve('cn-listed');
  browser = await launch();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

const chainViews = () => page.evaluate(() => Number(document.body.dataset.chainViews ?? 0));

async function chainReady(before: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      Number(document.body.dataset.chainViews ?? 0) > n && document.body.dataset.chain === 'ready',
    before,
    { timeout: 120_000 },
  );
}

async function open(region: string, year: number): Promise<void> {
  const hash = new URLSearchParams({
    dataset: 'cn-listed',
    region,
    template: 'lithium-battery',
    at: String(year),
    lang: 'en',
  });
  // A fresh page: the same URL with another hash would not load the page again.
  await page?.close();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(`${served.url}#${hash.toString()}`);
  await waitForView(page, 0, 120_000);
  await chainReady(0);
  await stopLayout(page);
}

/** Moves the slider to `year` and waits for the view and the Chain tab to follow. */
async function slide(year: number): Promise<void> {
  const v = await views(page);
  const c = await chainViews();
  await page.locator('[data-testid=date-slider]').evaluate((input, y) => {
    (input as HTMLInputElement).value = String(y);
    input.dispatchEvent(new Event('change'));
  }, year);
  await waitForView(page, v, 120_000);
  await chainReady(c);
  await stopLayout(page);
}

const chainHead = () => page.locator('[data-testid=chain-report]').innerText();

async function search(query: string): Promise<string[]> {
  // Cleared first, so that the list read is the answer to this query.
  await page.fill('#search', '');
  await page.waitForSelector('#search-results', { state: 'hidden' });
  await page.fill('#search', query);
  await page.waitForSelector('#search-results:not([hidden]) li');
  return page
    .locator('#search-results li[data-id]')
    .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-id')!));
}

async function canvasInk(name: string): Promise<number> {
  const png = await page.locator('#graph').screenshot();
  await page.screenshot({ path: join(SHOTS, name) });
  return (await nonBackgroundPixels(page, png)).ink;
}

describe('the viewer follows the date (cn-listed)', () => {
  it('广东 × lithium-battery: the Chain tab has fewer chain firms at 2010 than at 2021', async () => {
    const snapshot = (date: string) =>
      chainAt(dataset, date, { region: '广东', template, seed: 1 });
    const [then, now] = [snapshot('2010'), snapshot('2021')];
    const [before, after] = [then.report.cluster.chainCompanies, now.report.cluster.chainCompanies];
    expect(before).toBeLessThan(after);
    const treeCount = async () =>
      Number(
        (await page.locator('li.region[data-path="广东"] .count').innerText()).replace(/\D/g, ''),
      );

    await open('广东', 2010);
    expect(await page.locator('[data-testid=date-note]').innerText()).toContain('2010');
    expect(await chainHead()).toContain(en.firms(before));
    // The region tree counts the companies there at the year.
    expect(await treeCount()).toBe(then.cluster.length);
    expect(await canvasInk('guangdong-2010.png')).toBeGreaterThan(500);
    expect(new URL(page.url()).hash).toContain('at=2010');

    await slide(2021);
    expect(await chainHead()).toContain(en.firms(after));
    expect(await treeCount()).toBe(now.cluster.length);
    expect(then.cluster.length).toBeLessThan(now.cluster.length);
    expect(await canvasInk('guangdong-2021.png')).toBeGreaterThan(500);
    expect(new URL(page.url()).hash).toContain('at=2021');
  }, 300_000);

  it('福建: 宁德时代 absent before 2018, present and ringed as new at 2018, listed as entered', async () => {
    await open('福建', 2017);
    expect(await search('宁德时代')).not.toContain(CATL);
    const ringedBefore = page.locator('[data-testid=legend-entered]');
    if ((await ringedBefore.count()) > 0)
      expect((await ringedBefore.getAttribute('data-companies'))?.split(' ')).not.toContain(CATL);

    await slide(2018);
    expect(await search('宁德时代')).toContain(CATL);
    await page.fill('#search', '');
    const ringed = await page
      .locator('[data-testid=legend-entered]')
      .getAttribute('data-companies');
    expect(ringed?.split(' ')).toContain(CATL);
    expect(await canvasInk('fujian-2018.png')).toBeGreaterThan(500);

    const diff = diffChain(dataset, {
      region: '福建',
      template,
      seed: 1,
      from: '2017',
      to: '2018',
    });
    expect(diff.chain.entered.map((f) => f.company)).toContain(CATL);
    await page.locator('[data-testid=date-diff]').click();
    const panel = page.locator('[data-testid=date-changes]');
    await panel.waitFor({ timeout: 120_000 });
    const text = await panel.innerText();
    const catl = diff.chain.entered.find((f) => f.company === CATL)!;
    const segments = new Map(diff.segments.map((s) => [s.id, s.name]));
    // The entered firm's line as core's diffLines says it (chainlens diff prints the same).
    expect(text).toContain(
      en.t('time:line.firm', {
        name: catl.name,
        id: catl.company,
        region: catl.region,
        segments: en.list(catl.segments.map((s) => segments.get(s) ?? s)),
      }),
    );
    expect(text).toContain(`${diff.chain.before} → ${diff.chain.after}`);
    await page.screenshot({ path: join(SHOTS, 'fujian-2017-2018-changes.png') });
    await page.locator('#legend').screenshot({ path: join(SHOTS, 'fujian-2018-legend.png') });
    // 宁德时代 up close, for a person to see its ring.
    await search('宁德时代');
    await page.locator(`#search-results li[data-id="${CATL}"]`).dispatchEvent('mousedown');
    await page.locator('#zoom-in').click();
    await page.locator('#zoom-in').click();
    await page.waitForTimeout(500);
    await page.locator('#graph').screenshot({ path: join(SHOTS, 'fujian-2018-catl.png') });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
