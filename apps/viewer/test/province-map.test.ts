/**
 * The chain panel's province map in a real browser (Debian's chromium, the real `chainlens
 * serve` serving the built viewer): for 广东 and the lithium-battery template, the panel shows
 * the 34 province tiles, each with the figure core's `compareRegions` gives that province (the
 * worker computes it in `analyze()`), 广东 outlined, and each tile on screen in the colour of
 * its figure. Screenshots go to /tmp/map-shots for a person to look at.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareRegions, provinceColour } from '@chainlens/core';
import { IssueLog, readTemplate } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import { ROOT, launch, requireBuilt, serve, stopLayout, waitForView } from './browser.js';

const SHOTS = '/tmp/map-shots';

let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilt();
  mkdirSync(SHOTS, { recursive: true });
  served = await serve('cn-listed');
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

describe('the chain panel among provinces', () => {
  it("maps every province's completeness in the chosen chain, 广东 outlined", async () => {
    const { dataset } = readDataset(join(ROOT, 'datasets/cn-listed'));
    const file = join(ROOT, 'datasets/templates/lithium-battery.json');
    const template = readTemplate({ file, bytes: readFileSync(file) }, new IssueLog())!;
    const expected = new Map(
      compareRegions(dataset, template, { level: 1 }).map((r) => [
        r.region,
        r.completeness.redundancy,
      ]),
    );

    await page.goto(`${served.url}#dataset=cn-listed&region=${encodeURIComponent('广东')}`);
    await waitForView(page, 0);
    await stopLayout(page);
    await page.selectOption('#template-picker', 'lithium-battery');
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 90_000,
    });
    const section = page.locator('[data-testid=province-map]');
    await section.scrollIntoViewIfNeeded();
    const tiles = await section.locator('g.tile').evaluateAll((gs) =>
      gs.map((g) => {
        const rect = g.querySelector('rect')!;
        const box = rect.getBoundingClientRect();
        return {
          region: g.getAttribute('data-region')!,
          value: g.getAttribute('data-value')!,
          highlight: g.classList.contains('highlight'),
          x: Math.round(box.left + 7),
          y: Math.round(box.top + 7),
          width: box.width,
        };
      }),
    );
    expect(tiles).toHaveLength(34);
    expect(tiles.filter((t) => t.highlight).map((t) => t.region)).toEqual(['广东']);
    for (const t of tiles) {
      const figure = expected.get(t.region);
      expect(t.value, t.region).toBe(figure === undefined ? '' : String(figure));
    }

    await section.screenshot({ path: join(SHOTS, 'viewer-province-map.png') });
    const png = (await page.screenshot()).toString('base64');
    const visible = tiles.filter((t) => t.y > 0 && t.y < 1000 && t.width > 20);
    expect(visible.length).toBeGreaterThan(20);
    const pixels = await page.evaluate(
      async ({ b64, at }) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
        const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
        const ctx = canvas.getContext('2d')!;
        ctx.drawImage(bitmap, 0, 0);
        return at.map(({ x, y }) => Array.from(ctx.getImageData(x, y, 1, 1).data.slice(0, 3)));
      },
      { b64: png, at: visible },
    );
    const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    visible.forEach((t, i) => {
      const want = rgb(provinceColour(expected.get(t.region) ?? null, [0, 1]));
      const got = pixels[i]!;
      for (let k = 0; k < 3; k++)
        expect(
          Math.abs(got[k]! - want[k]!),
          `${t.region}: ${String(got)} vs ${String(want)}`,
        ).toBeLessThanOrEqual(2);
    });
    expect(pageErrors).toEqual([]);
  });
});
