/**
 * Issue 17 part 2, nothing stale: switching dataset, template or region leaves nothing of the
 * previous view (lanes, ghost nodes, chain legend and panel, the chain layout's camera and size
 * settings), in every size and colour mode; and the first click after any load selects the node
 * under the pointer. Expected node sets come from the shipped CSV files (csv-parse) and the
 * template files. Screenshots go to $CHAINLENS_SHOTS (default /tmp/v17-shots).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
const etoIds = new Set(csv('datasets/eto-semiconductors/companies.csv').map((c) => c.id!));
const cnRegion = new Map(csv('datasets/cn-listed/companies.csv').map((c) => [c.id!, c.region!]));
const templateFile = (id: string) =>
  JSON.parse(readFileSync(join(ROOT, `datasets/templates/${id}.json`), 'utf8')) as {
    segments: { id: string; name: string }[];
  };
const lithium = templateFile('lithium-battery');
const photovoltaic = templateFile('photovoltaic');

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

/** Runs `action` and waits for the page to draw one more view. */
async function nextView(action: () => Promise<unknown>): Promise<void> {
  const before = await views(page);
  await action();
  await waitForView(page, before, 90_000);
}

async function chainReady(): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
    timeout: 90_000,
  });
}

/** What the page draws and keeps besides the graph's nodes. */
const leftovers = (pixels = true) =>
  page.evaluate((pixels) => {
    const r = window.chainlens!.renderer()!;
    const s = r.sigma;
    const canvas = s.getCanvases().chainLanes!;
    // Read after a presented frame (a screenshot): headless Chromium's 2D canvas read back
    // between frames can answer with the picture before its last clear.
    let laneInk = -1;
    if (pixels) {
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      laneInk = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) laneInk++;
    }
    const g = window.chainlens!.graph()!;
    return {
      laneShown: getComputedStyle(canvas).visibility !== 'hidden',
      laneInk,
      lanes: r.lanes.current !== null,
      pageLanes: window.chainlens!.lanes() !== null,
      bbox: s.getCustomBBox() !== null,
      // sqrt (force layout) or identity (chain layout) of a camera ratio of 4.
      zoomToSize: (s.getSetting('zoomToSizeRatioFunction') as (r: number) => number)(4),
      ghosts: g.filterNodes((_, a) => a.ghost !== undefined && a.ghost !== null).length,
      nodes: g.nodes(),
      layout: document.body.dataset.layout,
      layoutNote: document.querySelector('#layout-state')?.textContent ?? '',
      chain: document.body.dataset.chain ?? '',
      chainPanel: document.querySelector('#panel-chain')?.textContent ?? '',
      legend: document.querySelector('#legend')?.textContent ?? '',
      focusNote: !(document.querySelector('#focus-note') as HTMLElement).hidden,
    };
  }, pixels);

/** Settles pending answers of the previous view (betweenness, the chain report). */
async function settle(): Promise<void> {
  await page.waitForFunction(() => document.body.dataset.state === 'ready');
  await page.waitForTimeout(1_500);
}

describe('switching leaves nothing of the previous view', () => {
  it('opens cn-listed', async () => {
    await page.goto(served.url);
    await waitForView(page, 0);
  });

  // Every size and every colour mode of the page, in pairs (the longer list sets the count).
  it('cn-listed 广东 lithium chain → eto-semiconductors, in every size and colour mode', async () => {
    const sizes = await page.$$eval('#size-by option', (o) =>
      o.map((x) => (x as HTMLOptionElement).value),
    );
    expect(sizes).toContain('betweenness');
    let colours: string[] = [];
    const rounds = async () => Math.max(sizes.length, colours.length);
    for (let i = 0; i === 0 || i < (await rounds()); i++) {
      if (i > 0) {
        await nextView(() => page.selectOption('#dataset-picker', 'cn-listed'));
      }
      await nextView(() => page.click('.tree li[data-path="广东"]'));
      await nextView(() => page.selectOption('#template-picker', 'lithium-battery'));
      await chainReady();
      if (i === 0) {
        colours = await page.$$eval('#color-by option', (o) =>
          o.map((x) => (x as HTMLOptionElement).value),
        );
        expect(colours).toEqual(
          expect.arrayContaining(['community', 'region', 'segment', 'stage']),
        );
      }
      const size = sizes[i % sizes.length]!;
      const colour = colours[i % colours.length]!;
      await page.selectOption('#size-by', size);
      await page.selectOption('#color-by', colour);
      if (size === 'betweenness') {
        await page.waitForFunction(() =>
          /exact|sampled/.test(document.querySelector('#legend')?.textContent ?? ''),
        );
      }
      const chained = await leftovers(false);
      expect(chained.lanes).toBe(true);
      expect(chained.layout).toBe('chain');
      expect(chained.laneShown).toBe(true);
      await nextView(() => page.selectOption('#dataset-picker', 'eto-semiconductors'));
      await settle();
      // A presented frame first (what the user sees), then the lane canvas read back.
      await page.screenshot({ path: join(SHOTS, `p2-eto-after-${size}-${colour}.png`) });
      const after = await leftovers();
      expect(after.lanes, `${size}/${colour}: lanes`).toBe(false);
      expect(after.pageLanes).toBe(false);
      expect(after.bbox).toBe(false);
      expect(after.laneShown).toBe(false);
      expect(after.laneInk, `${size}/${colour}: lane pixels`).toBe(0);
      expect(after.zoomToSize).toBe(2);
      expect(after.ghosts).toBe(0);
      expect(new Set(after.nodes)).toEqual(etoIds);
      expect(after.layout).not.toBe('chain');
      expect(after.layoutNote).not.toContain('upstream → downstream');
      expect(after.chain).not.toBe('ready');
      expect(after.chainPanel).not.toContain(lithium.segments[0]!.name);
      for (const s of lithium.segments) expect(after.legend).not.toContain(s.name);
      expect(after.focusNote).toBe(false);
      expect(await page.inputValue('#size-by')).toBe(size);
    }
  }, 900_000);

  it('switching template draws only the new template: lanes, ghosts and legend', async () => {
    await nextView(() => page.selectOption('#dataset-picker', 'cn-listed'));
    await nextView(() => page.click('.tree li[data-path="广东"]'));
    await nextView(() => page.selectOption('#template-picker', 'lithium-battery'));
    await chainReady();
    await page.selectOption('#color-by', 'segment');
    await nextView(() => page.selectOption('#template-picker', 'photovoltaic'));
    await chainReady();
    await settle();
    const lanes = await page.evaluate(() => window.chainlens!.lanes()!.lanes.map((l) => l.segment));
    const pv = new Set(photovoltaic.segments.map((s) => s.id));
    expect(lanes.filter((s) => s !== undefined && s !== null).every((s) => pv.has(s!))).toBe(true);
    const ghosts = await page.evaluate(() =>
      window
        .chainlens!.graph()!
        .filterNodes((_, a) => !!a.ghost)
        .map((n) => window.chainlens!.graph()!.getNodeAttribute(n, 'ghost')),
    );
    for (const g of ghosts) expect(pv.has(g!)).toBe(true);
    const legend = (await page.textContent('#legend')) ?? '';
    const lithiumOnly = lithium.segments.filter(
      (s) => !photovoltaic.segments.some((p) => p.name === s.name),
    );
    for (const s of lithiumOnly) expect(legend).not.toContain(s.name);
    await page.screenshot({ path: join(SHOTS, 'p2-template-switch.png') });

    // Back to no template: nothing of the chain stays.
    await nextView(() => page.selectOption('#template-picker', ''));
    await settle();
    await page.screenshot({ path: join(SHOTS, 'p2-template-none.png') });
    const none = await leftovers();
    expect(none.laneShown).toBe(false);
    expect(none.laneInk).toBe(0);
    expect(none.lanes).toBe(false);
    expect(none.ghosts).toBe(0);
    expect(none.zoomToSize).toBe(2);
    expect(none.layoutNote).not.toContain('upstream → downstream');
    expect(none.chain).not.toBe('ready');
  }, 300_000);

  it('switching region draws only the new region’s companies', async () => {
    await nextView(() => page.selectOption('#template-picker', 'lithium-battery'));
    await chainReady();
    await nextView(() => page.click('.tree li[data-path="浙江"]'));
    await chainReady();
    await settle();
    const after = await leftovers();
    const companies = after.nodes.filter((n) => cnRegion.has(n));
    expect(companies.length).toBeGreaterThan(0);
    for (const id of companies) expect(cnRegion.get(id)!.split('/')[0]).toBe('浙江');
    // Every node is a 浙江 company or a ghost of the lithium chain (no 广东 leftovers).
    expect(after.nodes.length).toBe(companies.length + after.ghosts);
    await page.screenshot({ path: join(SHOTS, 'p2-region-switch.png') });
    expect(pageErrors).toEqual([]);
  }, 300_000);
});

/**
 * Presses and releases the mouse on the largest company node where it is drawn now, in one task
 * of the page (the layout moves nodes between two round trips of the test), as a user's click
 * reaches sigma: mousedown, mouseup, click on its mouse layer.
 */
const clickLargest = () =>
  page.evaluate(() => {
    const r = window.chainlens!.renderer()!.sigma;
    const g = window.chainlens!.graph()!;
    let best: { n: string; size: number } | null = null;
    g.forEachNode((n, a) => {
      if (a.company >= 0 && (!best || a.size > best.size)) best = { n, size: a.size };
    });
    const key = best!.n;
    const p = r.framedGraphToViewport(r.getNodeDisplayData(key)!);
    const layer = r.getCanvases().mouse!;
    const box = layer.getBoundingClientRect();
    const at = { clientX: box.left + p.x, clientY: box.top + p.y, button: 0, bubbles: true };
    for (const type of ['mousedown', 'mouseup', 'click']) {
      layer.dispatchEvent(new MouseEvent(type, at));
    }
    return { key, label: g.getNodeAttribute(key, 'label') };
  });

describe('the first click after any load selects', () => {
  /** Clicks the largest node at once, layout running, and expects its details. */
  async function firstClick(what: string): Promise<void> {
    await page.evaluate(() => {
      const w = window as unknown as { clicks?: string[] };
      if (!w.clicks) {
        const s = window.chainlens!.renderer()!.sigma;
        for (const e of ['clickNode', 'clickStage', 'downNode', 'downStage'] as const) {
          s.on(e, () => w.clicks!.push(e));
        }
      }
      w.clicks = [];
    });
    const t = await clickLargest();
    try {
      await page.waitForFunction(
        (name) => document.querySelector('[data-testid=company-name]')?.textContent === name,
        t.label,
        { timeout: 15_000 },
      );
    } catch {
      const clicks = await page.evaluate(() => (window as unknown as { clicks: string[] }).clicks);
      const shown = await page.textContent('#panel-company');
      throw new Error(
        `${what}: clicked ${t.key} ${t.label}; sigma: ${clicks.join(', ')}; panel: ${shown}`,
      );
    }
    expect(await page.textContent('[data-testid=company-name]'), what).toBe(t.label);
  }

  it('after opening the page', async () => {
    await page.goto(served.url);
    await waitForView(page, 0);
    await firstClick('page load');
  }, 120_000);

  it('after switching dataset, region and template', async () => {
    await nextView(() => page.selectOption('#dataset-picker', 'eto-semiconductors'));
    await firstClick('dataset switch');
    await nextView(() => page.selectOption('#dataset-picker', 'cn-listed'));
    await firstClick('dataset switch back');
    await nextView(() => page.click('.tree li[data-path="江苏"]'));
    await firstClick('region switch');
    await nextView(() => page.selectOption('#template-picker', 'lithium-battery'));
    await chainReady();
    await firstClick('template switch');
    expect(pageErrors).toEqual([]);
  }, 300_000);
});
