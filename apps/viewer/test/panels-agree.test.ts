/**
 * Issue 17 part 1, one source of truth per company: the details panel shows the segments a
 * company holds in the whole dataset (with revenue shares) and whether it lies inside the chosen
 * cluster, and "what if this company fails" on a firm outside the cluster says what its loss does
 * to the cluster's inputs. Expected figures: the shipped CSV files (csv-parse) for the relations
 * and regions, core's segmentMembership for the holdings, core's whatIf for the cascade.
 * Screenshots go to $CHAINLENS_SHOTS (default /tmp/v17-shots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  chainContext,
  chainStructure,
  clusterByRegion,
  heldShare,
  segmentMembership,
  segmentsOf,
  whatIf,
} from '@chainlens/core';
import { IssueLog, readTemplate } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import { ROOT, launch, requireBuilt, serve, views, waitForView } from './browser.js';

const SHOTS = process.env.CHAINLENS_SHOTS ?? '/tmp/v17-shots';
mkdirSync(SHOTS, { recursive: true });

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parseCsv(readFileSync(join(ROOT, path)), { columns: true, skip_empty_lines: true, bom: true });
const companies = csv('datasets/cn-listed/companies.csv');
const relations = csv('datasets/cn-listed/relations.csv');
const province = new Map(companies.map((c) => [c.id!, c.region!.split('/')[0]!]));
const idOf = (name: string) => companies.find((c) => c.name === name)!.id!;

const CLUSTER = '广东';
const { dataset } = readDataset(join(ROOT, 'datasets/cn-listed'));
const file = join(ROOT, 'datasets/templates/lithium-battery.json');
const template = readTemplate({ file, bytes: readFileSync(file) }, new IssueLog())!;
const structure = chainStructure(template);
const membership = segmentMembership(dataset, structure);
const index = new Map(dataset.companies.ids.map((id, i) => [id, i]));

/** The segments a company holds anywhere (core's membership), with "12.3%" shares. */
function holdings(id: string): Map<string, string> {
  const c = index.get(id)!;
  const out = new Map<string, string>();
  for (const s of segmentsOf(membership, c)) {
    const share = heldShare(membership, s, c)!.share;
    out.set(structure.ids[s]!, share === null ? '' : `${(100 * share).toFixed(1)}%`);
  }
  return out;
}

/** Firms of the cluster that buy from `id`: supply rows of the shipped relations file. */
function localBuyers(id: string): Set<string> {
  const out = new Set<string>();
  for (const r of relations) {
    if (r.source !== id || r.target === id) continue;
    if (r.type !== 'supply' && r.type !== 'inferred-supply') continue;
    if (province.get(r.target!) === CLUSTER) out.add(r.target!);
  }
  return out;
}

let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilt();
  served = await serve('cn-listed');
  browser = await launch();
  page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
  ).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function open(id: string, name: string): Promise<void> {
  await page.fill('#search', name);
  await page.click(`#search-results li[data-id="${id}"]`);
  await page.waitForFunction(
    (n) => document.querySelector('[data-testid=company-name]')?.textContent === n,
    name,
  );
  await page.waitForSelector('[data-testid=company-in-cluster]');
}

async function shownSegments(): Promise<Map<string, string>> {
  const items = await page.$$eval('[data-testid=company-segments] li', (lis) =>
    lis.map((li) => [li.getAttribute('data-segment')!, li.textContent ?? '']),
  );
  return new Map(items.map(([k, text]) => [k!, text!]));
}

describe('the details panel and the chain agree on a company', () => {
  it('judges 广东 against the lithium-battery chain', async () => {
    await page.goto(served.url);
    await waitForView(page, 0);
    let before = await views(page);
    await page.click(`.tree li[data-path="${CLUSTER}"]`);
    await waitForView(page, before);
    before = await views(page);
    await page.selectOption('#template-picker', 'lithium-battery');
    await waitForView(page, before);
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
  }, 120_000);

  it('shows 宁德时代 (福建) as outside 广东, with the segments it holds in the whole dataset', async () => {
    const id = idOf('宁德时代');
    expect(province.get(id)).toBe('福建');
    await open(id, '宁德时代');
    expect(await page.getAttribute('[data-testid=company-in-cluster]', 'data-in-cluster')).toBe(
      'false',
    );
    expect(await page.textContent('[data-testid=company-in-cluster]')).toContain('Outside');
    const expected = holdings(id);
    expect(expected.size).toBeGreaterThan(0);
    const shown = await shownSegments();
    expect([...shown.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [segment, share] of expected) expect(shown.get(segment)).toContain(share);
    const panel = (await page.textContent('#panel-company')) ?? '';
    expect(panel).not.toContain('Holds no segment');
    const buyers = localBuyers(id);
    expect(await page.textContent('[data-testid=company-buyers]')).toContain(
      buyers.size > 0 ? `${buyers.size.toLocaleString('en')} firm` : 'No firm of the cluster',
    );
    await page.screenshot({ path: join(SHOTS, 'p1-catl-details.png') });
  });

  // 宁德时代: no firm of 广东 buys from it; 鹏欣资源 (上海) and 石大胜华 (山东) sell to 广东 firms,
  // and the loss of 石大胜华 cuts one off in the cascade.
  for (const name of ['宁德时代', '鹏欣资源', '石大胜华']) {
    it(`says what the loss of ${name} (outside) does to the cluster, never a bare "no other company is cut off"`, async () => {
      const id = idOf(name);
      await open(id, name);
      await page.click('#panel-company [data-testid=what-if]');
      await page.waitForSelector('[data-testid=what-if-headline]', { timeout: 30_000 });
      const headline = (await page.textContent('[data-testid=what-if-headline]')) ?? '';
      const ctx = chainContext(dataset, template, clusterByRegion(dataset.companies, CLUSTER));
      const result = whatIf(ctx, { remove: [id] }, { theta: 1, redundancy: 2 });
      expect(result.removed[0]!.inCluster).toBe(false);
      const buyers = localBuyers(id);
      expect(headline).toContain(`outside ${CLUSTER}`);
      expect(headline).not.toMatch(/^If .* fails, no other company is cut off/);
      if (result.cutOff.length > 0) {
        expect(headline).toContain(`supplies ${buyers.size.toLocaleString('en')} local firm`);
        expect(headline).toMatch(
          new RegExp(`${result.cutOff.length} compan(y is|ies are) cut off`),
        );
      } else if (buyers.size > 0) {
        expect(headline).toContain(`${buyers.size.toLocaleString('en')} local firm`);
        expect(headline).toContain('lose a supplier');
      } else {
        expect(headline).toContain('changes nothing');
      }
      await page
        .locator('#panel-company')
        .screenshot({ path: join(SHOTS, `p1-what-if-${id}.png`) });
    });
  }

  it('shows 格林美 (广东/深圳) as inside, with its segments and shares', async () => {
    const id = idOf('格林美');
    await open(id, '格林美');
    expect(await page.getAttribute('[data-testid=company-in-cluster]', 'data-in-cluster')).toBe(
      'true',
    );
    const expected = holdings(id);
    expect(expected.size).toBeGreaterThan(0);
    const shown = await shownSegments();
    expect([...shown.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [segment, share] of expected) expect(shown.get(segment)).toContain(share);
    // The chain tab names the same company as a chain firm of these segments.
    const chainSegments = await page.evaluate(
      (c) => window.chainlens!.chain()!.companySegments[c] ?? [],
      id,
    );
    expect([...chainSegments].sort()).toEqual([...expected.keys()].sort());
    await page.locator('#panel-company').screenshot({ path: join(SHOTS, 'p1-gem-details.png') });
  });

  it('shows the same in Chinese', async () => {
    const id = idOf('宁德时代');
    await page.click('button[data-lang="zh-CN"]');
    await page.waitForFunction(() => document.body.dataset.lang === 'zh-CN');
    await open(id, '宁德时代');
    await page.waitForFunction(() =>
      document
        .querySelector('[data-testid=company-in-cluster]')
        ?.textContent?.includes('不在本集群'),
    );
    const panel = (await page.textContent('#panel-company')) ?? '';
    expect(panel).toContain('在全数据集中所属');
    expect(panel).not.toContain('不属于');
    await page.locator('#panel-company').screenshot({ path: join(SHOTS, 'p1-catl-zh.png') });
    expect(pageErrors).toEqual([]);
  });
});
