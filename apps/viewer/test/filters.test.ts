/**
 * Range filters, label density, hover, dragging and the shareable link, in a real browser
 * (chromium, the real `chainlens serve` on cn-listed). What the filters hide is checked on what
 * sigma draws (each node's and link's display data), against the values the drawn graph holds,
 * and against the count the page prints; the link a view writes is opened in a fresh browser
 * context and must give the same view; a hostile hash is ignored. Screenshots go to
 * $CHAINLENS_SHOTS (default: the OS temp folder) for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import {
  launch,
  nonBackgroundPixels,
  requireBuilt,
  serve,
  stopLayout,
  views,
  waitForView,
} from './browser.js';

const SHOTS = process.env.CHAINLENS_SHOTS ?? join(tmpdir(), 'chainlens-viewer-shots');
mkdirSync(SHOTS, { recursive: true });

let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];
const dialogs: string[] = [];

async function open(context: BrowserContext, url: string): Promise<Page> {
  const p = await context.newPage();
  p.on('pageerror', (e) => pageErrors.push(e.message));
  p.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await p.goto(url);
  await waitForView(p, 0);
  await stopLayout(p);
  return p;
}

const newContext = () =>
  browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });

beforeAll(async () => {
  requireBuilt();
  served = await serve('cn-listed');
  browser = await launch();
  page = await open(await newContext(), served.url);
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

/** What sigma draws now: company nodes (with their values) and links, hidden or not. */
function drawn(p: Page = page) {
  return p.evaluate(() => {
    const r = window.chainlens!.renderer()!;
    const g = window.chainlens!.graph()!;
    const nodes: { key: string; degree: number; company: number; hidden: boolean }[] = [];
    g.forEachNode((key, a) => {
      nodes.push({
        key,
        degree: a.degree,
        company: a.company,
        hidden: !!r.sigma.getNodeDisplayData(key)?.hidden,
      });
    });
    const edges: { weight: number; s: string; t: string; hidden: boolean }[] = [];
    g.forEachEdge((e, a, s, t) => {
      edges.push({ weight: a.weight, s, t, hidden: !!r.sigma.getEdgeDisplayData(e)?.hidden });
    });
    return { nodes, edges };
  });
}

const countLine = async (p: Page = page) => {
  const line = p.locator('[data-testid=filter-count]');
  return {
    text: (await line.textContent()) ?? '',
    shown: Number(await line.getAttribute('data-shown')),
    total: Number(await line.getAttribute('data-total')),
    linksShown: Number(await line.getAttribute('data-links-shown')),
    links: Number(await line.getAttribute('data-links')),
  };
};

/** Waits for the frame that applies a slider move. */
const frame = (p: Page = page) =>
  p.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

async function shot(name: string, p: Page = page) {
  const png = await p.locator('#graph').screenshot({ path: join(SHOTS, `${name}-graph.png`) });
  await p.screenshot({ path: join(SHOTS, `${name}.png`) });
  return nonBackgroundPixels(p, png);
}

/** Waits until the camera has stopped moving (a fit animates for a while after a load). */
async function cameraSettled(p: Page = page): Promise<void> {
  await p.waitForFunction(
    () =>
      new Promise<boolean>((done) => {
        const camera = window.chainlens!.renderer()!.sigma.getCamera();
        const before = JSON.stringify(camera.getState());
        setTimeout(
          () => done(!camera.isAnimated() && JSON.stringify(camera.getState()) === before),
          200,
        );
      }),
    null,
    { timeout: 30_000 },
  );
}

/** Each test starts from no filter (a failed one must not leave its filters behind). */
async function resetFilters(): Promise<void> {
  if ((await page.locator('[data-testid=filter]').count()) > 0) {
    await page.click('[data-testid=filter-reset]');
    await frame();
  }
}

describe('viewer filters', () => {
  beforeEach(resetFilters);
  it('a degree range hides the companies outside it, counted, with the keyboard, reversibly', async () => {
    const before = await drawn();
    const companies = before.nodes.filter((n) => n.company >= 0);
    expect(companies.length).toBeGreaterThan(100);
    expect(companies.every((n) => !n.hidden)).toBe(true);
    const all = await countLine();
    expect(all.total).toBe(companies.length);
    expect(all.shown).toBe(companies.length);

    await page.selectOption('[data-testid=filter-add]', 'degree');
    const row = page.locator('[data-testid=filter][data-key=degree]');
    await row.locator('[data-testid=filter-min]').fill('3');
    await row.locator('[data-testid=filter-min]').press('Enter');
    await frame();
    let now = await drawn();
    const kept = (n: { degree: number; company: number }) => n.company < 0 || n.degree >= 3;
    for (const n of now.nodes) expect(n.hidden, n.key).toBe(!kept(n));
    const wanted = now.nodes.filter((n) => n.company >= 0 && n.degree >= 3).length;
    expect(wanted).toBeGreaterThan(0);
    expect(wanted).toBeLessThan(companies.length);
    let c = await countLine();
    expect(c.shown).toBe(wanted);
    expect(c.text).toContain(
      `${wanted.toLocaleString('en')} of ${companies.length.toLocaleString('en')} companies shown`,
    );
    // A link counts as shown when both its companies are.
    const visible = new Set(now.nodes.filter((n) => !n.hidden).map((n) => n.key));
    expect(c.linksShown).toBe(now.edges.filter((e) => visible.has(e.s) && visible.has(e.t)).length);
    expect(await page.textContent('#status')).toContain('companies shown');
    await shot('filters-degree');

    // The upper handle, with the keyboard: Home pulls it to the bottom of the range, pushing
    // the lower one with it; ArrowRight moves it up a step at a time.
    const upper = row.locator('[data-testid=filter-slider-max]');
    await upper.focus();
    await upper.press('End');
    for (let i = 0; i < 5; i++) await upper.press('ArrowLeft');
    await frame();
    const max = Number(await row.locator('[data-testid=filter-max]').inputValue());
    expect(max).toBeGreaterThanOrEqual(3);
    now = await drawn();
    const between = (n: { degree: number; company: number }) =>
      n.company < 0 || (n.degree >= 3 && n.degree <= max);
    for (const n of now.nodes) expect(n.hidden, n.key).toBe(!between(n));
    c = await countLine();
    expect(c.shown).toBe(now.nodes.filter((n) => n.company >= 0 && between(n)).length);

    // With the legend: hiding the largest community hides its companies too.
    await page.click('[data-testid=legend] li >> nth=0');
    await frame();
    const hiddenCommunity = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      const r = window.chainlens!.renderer()!;
      const counts = new Map<number, number>();
      g.forEachNode((k, a) => {
        if (r.sigma.getNodeDisplayData(k)?.hidden)
          counts.set(a.community, (counts.get(a.community) ?? 0) + 1);
      });
      return counts.size;
    });
    expect(hiddenCommunity).toBeGreaterThan(0);
    const both = await countLine();
    expect(both.shown).toBeLessThan(c.shown);
    expect(both.shown).toBe(
      (await drawn()).nodes.filter((n) => n.company >= 0 && !n.hidden).length,
    );
    await page.click('[data-testid=legend] li >> nth=0');

    // Reset: everything is back.
    await page.click('[data-testid=filter-reset]');
    await frame();
    const back = await drawn();
    expect(back.nodes.every((n) => !n.hidden)).toBe(true);
    expect((await countLine()).shown).toBe(companies.length);
    expect(await page.locator('[data-testid=filter]').count()).toBe(0);
    expect(new URL(page.url()).hash).not.toContain('f=');
  }, 240_000);

  it('a link-weight range hides the weaker links only', async () => {
    const { edges } = await drawn();
    const weights = edges.map((e) => e.weight).sort((a, b) => a - b);
    const median = weights[Math.floor(weights.length / 2)]!;
    await page.selectOption('[data-testid=filter-add]', 'weight');
    const row = page.locator('[data-testid=filter][data-key=weight]');
    await row.locator('[data-testid=filter-min]').fill(String(median));
    await row.locator('[data-testid=filter-min]').press('Enter');
    await frame();
    const now = await drawn();
    for (const e of now.edges) expect(e.hidden).toBe(e.weight < median);
    expect(now.nodes.every((n) => !n.hidden)).toBe(true);
    const c = await countLine();
    expect(c.linksShown).toBe(edges.filter((e) => e.weight >= median).length);
    expect(c.linksShown).toBeLessThan(c.links);
    expect((await shot('filters-weight')).ink).toBeGreaterThan(2_000);
    await page.click('[data-testid=filter-reset]');
  }, 240_000);

  it('hovering a company highlights it and its neighbours', async () => {
    const hub = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      let best = '';
      g.forEachNode((k, a) => {
        if (a.company >= 0 && (!best || g.degree(k) > g.degree(best))) best = k;
      });
      return { key: best, neighbours: g.neighbors(best).sort() };
    });
    expect(hub.neighbours.length).toBeGreaterThan(3);
    // The camera may still be moving (a fit after the load): the pointer goes to where the hub is
    // drawn now, again until sigma reports the hover (bounded).
    await cameraSettled();
    const box = (await page.locator('#graph').boundingBox())!;
    // Off the graph first: no hover left from an earlier test.
    await page.mouse.move(1, 1);
    const hubHovered = (key: string) =>
      page.evaluate((k) => window.chainlens!.renderer()!.hoveredNodes().includes(k), key);
    for (let attempt = 0; attempt < 20; attempt++) {
      const p = await page.evaluate((key) => {
        const r = window.chainlens!.renderer()!;
        const d = r.sigma.getNodeDisplayData(key)!;
        return r.sigma.framedGraphToViewport(d);
      }, hub.key);
      await page.mouse.move(box.x + p.x + (attempt % 2), box.y + p.y);
      await frame();
      if (await hubHovered(hub.key)) break;
      await page.waitForTimeout(250);
    }
    const highlighted = await page.evaluate(() =>
      window.chainlens!.renderer()!.hoveredNodes().sort(),
    );
    expect(highlighted).toEqual([hub.key, ...hub.neighbours].sort());
    // Its links are drawn above the others in the hover colour.
    const colours = await page.evaluate((key) => {
      const r = window.chainlens!.renderer()!;
      const g = window.chainlens!.graph()!;
      return g.edges(key).map((e) => r.sigma.getEdgeDisplayData(e)!.color);
    }, hub.key);
    expect(new Set(colours)).toEqual(new Set(['#2f6fd0']));
    await shot('filters-hover');
    // What a hover costs on this graph beside a plain redraw (printed, not asserted: speed
    // lives in benchmarks).
    const ms = await page.evaluate((key) => {
      const r = window.chainlens!.renderer()!;
      const t0 = performance.now();
      for (let i = 0; i < 10; i++) {
        r.hover(null);
        r.hover(key);
      }
      const t1 = performance.now();
      for (let i = 0; i < 10; i++) r.sigma.refresh({ skipIndexation: true });
      const t2 = performance.now();
      return { hover: (t1 - t0) / 20, render: (t2 - t1) / 10 };
    }, hub.key);
    const size = await page.evaluate(() => window.chainlens!.graph()!.size);
    console.log(
      `hover: ${ms.hover.toFixed(1)} ms a change (redraw scheduled), one full redraw ${ms.render.toFixed(1)} ms, ${size} links`,
    );
    await page.mouse.move(box.x + 5, box.y + box.height - 5);
    await page.waitForFunction(() => window.chainlens!.renderer()!.hoveredNodes().length === 0);
  }, 240_000);

  it('drags a company to where it is dropped, without moving the camera', async () => {
    await cameraSettled();
    const target = await page.evaluate(() => {
      const r = window.chainlens!.renderer()!;
      const g = window.chainlens!.graph()!;
      let best = '';
      g.forEachNode((k, a) => {
        if (a.company >= 0 && (!best || g.degree(k) > g.degree(best))) best = k;
      });
      const a = g.getNodeAttributes(best);
      const v = r.sigma.framedGraphToViewport(r.sigma.getNodeDisplayData(best)!);
      return {
        key: best,
        x: a.x,
        y: a.y,
        vx: v.x,
        vy: v.y,
        camera: r.sigma.getCamera().getState(),
      };
    });
    const box = (await page.locator('#graph').boundingBox())!;
    await page.mouse.move(box.x + target.vx, box.y + target.vy);
    await page.mouse.down();
    for (let i = 1; i <= 8; i++) {
      await page.mouse.move(box.x + target.vx + i * 15, box.y + target.vy + i * 10);
    }
    await page.mouse.up();
    await frame();
    const after = await page.evaluate((key) => {
      const r = window.chainlens!.renderer()!;
      const g = window.chainlens!.graph()!;
      const a = g.getNodeAttributes(key);
      const v = r.sigma.framedGraphToViewport(r.sigma.getNodeDisplayData(key)!);
      return { x: a.x, y: a.y, vx: v.x, vy: v.y, camera: r.sigma.getCamera().getState() };
    }, target.key);
    expect(Math.hypot(after.x - target.x, after.y - target.y)).toBeGreaterThan(0);
    expect(Math.abs(after.vx - (target.vx + 120))).toBeLessThan(4);
    expect(Math.abs(after.vy - (target.vy + 80))).toBeLessThan(4);
    expect(after.camera).toEqual(target.camera);
    // The drop is not a click: nothing is selected.
    expect(await page.evaluate(() => window.chainlens!.renderer()!.focusedNodes().length)).toBe(0);
    expect(await page.getAttribute('body', 'data-layout')).toBe('stopped');
    await shot('filters-dragged');
  }, 240_000);

  it('the label density goes from no label to every label that fits', async () => {
    const slider = page.locator('[data-testid=label-density]');
    await slider.focus();
    await slider.press('Home');
    await frame();
    expect(
      await page.evaluate(() => window.chainlens!.renderer()!.sigma.getSetting('renderLabels')),
    ).toBe(false);
    await shot('labels-none');
    const labels = () =>
      page.evaluate(() => window.chainlens!.renderer()!.sigma.getNodeDisplayedLabels().size);
    await slider.press('ArrowRight');
    await frame();
    const few = await labels();
    await shot('labels-few');
    await slider.press('End');
    await frame();
    const all = await labels();
    await shot('labels-all');
    expect(few).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(few * 2);
    expect(new URL(page.url()).hash).toContain('labels=4');
    await slider.press('ArrowLeft');
    await slider.press('ArrowLeft');
    await frame();
    expect(new URL(page.url()).hash).not.toContain('labels=');
  }, 240_000);
});

describe('shareable link', () => {
  beforeEach(resetFilters);
  it('restores dataset, region, template, selection, filters and language in a fresh browser', async () => {
    const before = await views(page);
    await page.click('.tree li[data-path="广东"]');
    await waitForView(page, before);
    await page.selectOption('#template-picker', 'lithium-battery');
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
    await page.selectOption('[data-testid=filter-add]', 'degree');
    const row = page.locator('[data-testid=filter][data-key=degree]');
    await row.locator('[data-testid=filter-min]').fill('2');
    await row.locator('[data-testid=filter-min]').press('Enter');
    await frame();
    const pick = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      let best = '';
      g.forEachNode((k, a) => {
        if (
          a.company >= 0 &&
          a.degree >= 2 &&
          (!best || a.degree > g.getNodeAttribute(best, 'degree'))
        )
          best = k;
      });
      return { key: best, name: g.getNodeAttribute(best, 'label') };
    });
    await page.fill('#search', pick.key);
    await page.click(`#search-results li[data-id="${pick.key}"]`);
    await page.waitForSelector('#panel-company h3');
    await page.click('.lang-switch button[data-lang="zh-CN"]');
    await page.waitForFunction(() => document.body.dataset.lang === 'zh-CN');
    // The status line's count follows the language.
    expect(await page.textContent('#status')).toMatch(/^显示 [\d,]+ \/ [\d,]+ 家 · 显示/);
    const url = page.url();
    const hash = new URLSearchParams(new URL(url).hash.slice(1));
    expect(hash.get('dataset')).toBe('cn-listed');
    expect(hash.get('region')).toBe('广东');
    expect(hash.get('template')).toBe('lithium-battery');
    expect(hash.get('sel')).toBe(pick.key);
    expect(hash.get('f')).toBe('degree~2~');
    expect(hash.get('lang')).toBe('zh-CN');
    const count = await countLine();
    expect(count.text).toContain(
      `显示 ${count.shown.toLocaleString('en')} / ${count.total.toLocaleString('en')} 家`,
    );
    await shot('link-source');

    // A fresh context (no storage, English browser) opening the same URL.
    const other = await open(await newContext(), url);
    await other.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
    await other.waitForFunction(
      (name) => document.querySelector('#panel-company h3')?.textContent?.includes(name),
      pick.name,
    );
    expect(await other.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await other.inputValue('#dataset-picker')).toBe('cn-listed');
    expect(await other.inputValue('#template-picker')).toBe('lithium-battery');
    expect(await other.getAttribute('.tree li[data-path="广东"]', 'aria-selected')).toBe('true');
    expect(
      await other.inputValue('[data-testid=filter][data-key=degree] [data-testid=filter-min]'),
    ).toBe('2');
    expect(
      await other.evaluate(() => window.chainlens!.renderer()!.focusedNodes().length),
    ).toBeGreaterThan(0);
    const restored = await countLine(other);
    expect(restored).toEqual(count);
    const mine = await drawn(page);
    const theirs = await drawn(other);
    expect(
      theirs.nodes
        .filter((n) => !n.hidden)
        .map((n) => n.key)
        .sort(),
    ).toEqual(
      mine.nodes
        .filter((n) => !n.hidden)
        .map((n) => n.key)
        .sort(),
    );
    expect(new URL(other.url()).hash).toBe(new URL(url).hash);
    expect((await shot('link-restored', other)).ink).toBeGreaterThan(2_000);
    await other.close();
  }, 240_000);

  it('ignores hostile and unknown values in the hash', async () => {
    const hostile = new URLSearchParams({
      dataset: '../../../etc/passwd',
      region: '<img src=x onerror=alert(1)>',
      template: '__proto__',
      sel: '<script>alert(2)</script>',
      f: 'constructor~1~2|degree~abc~|degree~1e999~|num:__proto__~1~2|weight~5~1|toString~~',
      labels: '9',
      lang: 'javascript:alert(3)',
      minShare: '-4',
    });
    const p = await open(await newContext(), `${served.url}#${hostile.toString()}`);
    expect(dialogs).toEqual([]);
    expect(await p.evaluate(() => document.body.dataset.state)).toBe('ready');
    expect(await p.inputValue('#dataset-picker')).toBe('cn-listed');
    expect(await p.inputValue('#template-picker')).toBe('');
    expect(await p.locator('[data-testid=filter]').count()).toBe(0);
    expect(await p.locator('img[src=x], script:text("alert")').count()).toBe(0);
    expect(await p.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await p.evaluate(() => window.chainlens!.renderer()!.focusedNodes().length)).toBe(0);
    const c = await countLine(p);
    expect(c.shown).toBe(c.total);
    expect(c.total).toBeGreaterThan(100);
    const hash = new URLSearchParams(new URL(p.url()).hash.slice(1));
    expect([...hash.keys()].sort()).toEqual(['dataset', 'lang']);
    expect((await shot('link-hostile', p)).ink).toBeGreaterThan(2_000);
    expect(pageErrors).toEqual([]);
    await p.close();
  }, 240_000);
});
