/// <reference lib="dom" />
/**
 * `chainlens compare --template lithium-battery --format html` on cn-listed: the page's province
 * tile-grid map has the 34 province-level tiles, each tile's value is the JSON output's figure
 * for that province and its colour the scale's colour for it (darker for higher figures); in
 * Chromium (Debian's `chromium` driven by playwright-core) the colours on screen are those
 * colours. Screenshots go to /tmp/map-shots for a person to look at.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '@chainlens/core';
import { PROVINCE_GRID, luminance, provinceColour } from '@chainlens/core';
import { run } from '../src/program.js';
import { rgb, tileColours } from './zh-text.js';

const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const SHOTS = '/tmp/map-shots';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

interface Tile {
  region: string;
  value: string;
  fill: string;
  stroke: string;
}

function tiles(html: string): Tile[] {
  return [
    ...html.matchAll(
      /<g class="tile[^"]*" data-region="([^"]*)" data-value="([^"]*)">.*?<rect [^>]*fill="(#[0-9a-f]{6})" stroke="(#[0-9a-f]{6})"/g,
    ),
  ].map((m) => ({ region: m[1]!, value: m[2]!, fill: m[3]!, stroke: m[4]! }));
}

const lithium = ['compare', 'cn-listed', '--template', 'lithium-battery', '--quiet'];
let dir: string;
let figures: Map<string, number>;
let pageFile: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'chainlens-compare-map-'));
  const json = await cli(...lithium, '--format', 'json');
  expect(json.code).toBe(0);
  const doc = JSON.parse(json.stdout) as { rows: { region: string; redundancy: number }[] };
  figures = new Map(doc.rows.map((r) => [r.region, r.redundancy]));
  pageFile = join(dir, 'lithium.html');
  const html = await cli(...lithium, '--format', 'html', '--out', pageFile, '--lang', 'zh-CN');
  expect(html.code).toBe(0);
  expect(html.stdout).toContain(pageFile);
}, 120_000);

describe('compare --format html', () => {
  it('maps every province: 34 tiles, each with the JSON figure and its colour, monotone', () => {
    const html = readFileSync(pageFile, 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('<h1>锂电池—新能源汽车产业链：各省产业链完整度</h1>');
    const ts = tiles(html);
    expect(ts).toHaveLength(34);
    expect(new Set(ts.map((t) => t.region))).toEqual(new Set(PROVINCE_GRID.map((t) => t.name)));
    expect(figures.size).toBe(31);
    for (const t of ts) {
      const figure = figures.get(t.region);
      if (figure === undefined) {
        // 台湾, 香港, 澳门: no company of cn-listed.
        expect(t.value, t.region).toBe('');
      } else expect(Number(t.value), t.region).toBe(figure);
      expect(t.fill, t.region).toBe(provinceColour(figure ?? null, [0, 1]));
    }
    // Higher figure, darker tile.
    const valued = ts.filter((t) => t.value !== '').sort((a, b) => +a.value - +b.value);
    for (let i = 1; i < valued.length; i++) {
      const [a, b] = [valued[i - 1]!, valued[i]!];
      if (+a.value < +b.value) expect(luminance(b.fill)).toBeLessThan(luminance(a.fill));
      else expect(b.fill).toBe(a.fill);
    }
    // The ranking table: one row per region, in the JSON's order.
    const rows = [...html.matchAll(/<tr data-region="([^"]*)">/g)].map((m) => m[1]);
    expect(rows).toEqual([...figures.keys()]);
    expect(html).toContain('<th>地区</th>');
  });

  it('needs --template and --level 1 (errors in the chosen language)', async () => {
    const region = await cli('compare', 'cn-listed', '--region', '广东', '--format', 'html');
    expect(region.code).toBe(2);
    expect(region.stderr).toContain('--format html draws one chain across provinces');
    const city = await cli(...lithium, '--format', 'html', '--level', '2', '--lang', 'zh-CN');
    expect(city.code).toBe(2);
    expect(city.stderr).toContain('请用 --level 1（当前为 2）');
  });
});

describe.skipIf(!CHROMIUM && !process.env.CI)('compare --format html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
      );
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--no-sandbox', '--enable-unsafe-swiftshader'],
    });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it("draws each tile in its figure's colour", async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(pathToFileURL(pageFile).href);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, 'compare-lithium-zh.png'), fullPage: true });
    const seen = await tileColours(browser, page, 'svg.province-map');
    expect(seen).toHaveLength(34);
    for (const t of seen) {
      expect(t.size).toBeGreaterThan(40);
      const want = rgb(provinceColour(figures.get(t.region) ?? null, [0, 1]));
      for (let k = 0; k < 3; k++)
        expect(
          Math.abs(t.rgb[k]! - want[k]!),
          `${t.region} ${String(t.rgb)} vs ${String(want)}`,
        ).toBeLessThanOrEqual(2);
    }
    // 广东 (the highest figure) is the darkest tile on screen.
    const lum = (c: number[]) => 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
    const darkest = seen.reduce((a, b) => (lum(b.rgb) < lum(a.rgb) ? b : a));
    expect(darkest.region).toBe('广东');
    await page.locator('svg.province-map').screenshot({ path: join(SHOTS, 'compare-map-zh.png') });
    await page.close();
  });

  it('report.html (analyze 广东 lithium-battery) draws the provinces, 广东 outlined, in their colours', async () => {
    const out = join(dir, 'gd');
    const r = await cli(
      'analyze',
      'cn-listed',
      '--region',
      '广东',
      '--template',
      'lithium-battery',
      '--out',
      out,
      '--quiet',
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as ChainReport;
    const rows = new Map(report.regions!.rows.map((row) => [row.region, row]));
    expect(rows.get('广东')!.redundancy).toBe(report.completeness.redundancy);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
    const section = page.locator('section#regions');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: join(SHOTS, 'report-guangdong-regions.png') });
    const outlined = await section
      .locator('g.tile.highlight')
      .evaluateAll((gs) =>
        gs.map((g) => [
          g.getAttribute('data-region'),
          g.querySelector('rect')!.getAttribute('stroke'),
        ]),
      );
    expect(outlined).toEqual([['广东', '#d62728']]);
    const seen = await tileColours(browser, page, 'section#regions svg.province-map');
    expect(seen).toHaveLength(34);
    for (const t of seen) {
      const row = rows.get(t.region);
      expect(t.value, t.region).toBe(row ? String(row.redundancy) : '');
      const want = rgb(provinceColour(row ? row.redundancy : null, [0, 1]));
      for (let k = 0; k < 3; k++)
        expect(Math.abs(t.rgb[k]! - want[k]!), `${t.region}`).toBeLessThanOrEqual(2);
    }
    await page.close();
  });
});
