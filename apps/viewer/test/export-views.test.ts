/**
 * The viewer's exports stand alone, in the page's language (issue 17 part 5): on cn-listed's
 * 广东 judged against the lithium-battery chain, the PNG and SVG carry the title (dataset,
 * region, template), the legend as the page shows it, the labels sigma drew and the data note
 * (dataset, region, template, date, all links inferred); in Chinese and, after the switch, in
 * English. On a generated dataset with formula-like names: the CSV of the selection (the
 * focused companies) or of the companies shown (a hidden legend category left out) goes
 * through io's formula guard; GEXF 1.2draft reads back in NetworkX and GEXF 1.3 in
 * graphology-gexf.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGexf, readGexfNetworkx } from '../../../packages/io/test/export-readers.js';
// The browser helpers as one object: the page, the server and what the page has drawn.
import * as kit from './browser.js';
import type { Served } from './browser.js';

const SHOTS = process.env.CHAINLENS_SHOTS ?? join(tmpdir(), 'chainlens-viewer-shots');
mkdirSync(SHOTS, { recursive: true });

let browser: Browser;
beforeAll(async () => {
  kit.requireBuilt();
  browser = await kit.launch();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

async function download(page: Page, button: string, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  const path = join(SHOTS, name);
  await d.saveAs(path);
  return path;
}

/** An SVG document read by the browser's XML parser: its texts, circles and labels. */
function readSvg(page: Page, text: string) {
  return page.evaluate((svg) => {
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    const texts = (sel: string) => [...doc.querySelectorAll(sel)].map((e) => e.textContent ?? '');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      title: doc.querySelector('svg > title')?.textContent ?? '',
      frame: texts('#frame text').join('\n'),
      circles: doc.querySelectorAll('#nodes circle').length,
      lines: doc.querySelectorAll('#edges line').length,
      labels: texts('#labels text'),
      underlay: doc.querySelector('#graph > image') !== null,
    };
  }, text);
}

describe('PNG and SVG of cn-listed 广东 × lithium-battery', () => {
  let served: Served;
  let page: Page;
  beforeAll(async () => {
    served = await kit.serve('cn-listed');
    const context = await browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    page = await context.newPage();
  }, 60_000);
  afterAll(async () => {
    await served?.stop();
  });

  it('frames the picture with title, legend, labels and data note, in Chinese then English', async () => {
    await page.goto(`${served.url}?lang=zh-CN`);
    await kit.waitForView(page, 0);
    await kit.stopLayout(page);
    await kit.studyChain(page, '广东', 'lithium-battery');
    const template = JSON.parse(
      readFileSync(join(kit.ROOT, 'datasets/templates/lithium-battery.json'), 'utf8'),
    ) as { name: string };
    const edges = Number(await page.getAttribute('#view-summary', 'data-edges'));
    const nodes = await page.evaluate(() => window.chainlens!.graph()!.order);
    const legend = await page.locator('#legend ul.legend:not(.edges) li .label').allTextContents();
    expect(legend.length).toBeGreaterThan(1);
    const today = new Date().toISOString().slice(0, 10);

    const svgPath = await download(page, '#export-svg', '10-export-zh.svg');
    const zh = await readSvg(page, readFileSync(svgPath, 'utf8'));
    expect(zh.error).toBeNull();
    expect(zh.title).toBe(`cn-listed · 广东 · ${template.name}`);
    for (const label of legend.slice(0, 24)) expect(zh.frame).toContain(label);
    expect(zh.frame).toContain('数据：cn-listed');
    expect(zh.frame).toContain('地区：广东');
    expect(zh.frame).toContain(`产业链模板：${template.name}`);
    expect(zh.frame).toContain(today);
    // every relation of cn-listed is inferred (relations.csv: type inferred-supply)
    expect(zh.frame).toContain(`所绘 ${edges.toLocaleString('en')} 条关联均为推断`);
    // the chain layout fits everything in view: every node drawn, with its lanes under it
    expect(zh.circles).toBe(nodes);
    expect(zh.lines).toBeGreaterThan(0);
    expect(zh.underlay).toBe(true);
    const names = await page.evaluate(() => window.chainlens!.graph()!.mapNodes((_, a) => a.label));
    expect(zh.labels.length).toBeGreaterThan(5);
    for (const l of zh.labels) expect(names).toContain(l);

    const pngPath = await download(page, '#export-png', '10-export-zh.png');
    const box = (await page.locator('#graph').boundingBox())!;
    const png = await kit.nonBackgroundPixels(page, readFileSync(pngPath));
    // the graph at twice the screen's size, with the legend beside it and the note below
    expect(png.width).toBeGreaterThan(2 * Math.round(box.width) + 400);
    expect(png.height).toBeGreaterThan(2 * Math.round(box.height) + 100);
    expect(png.ink / (png.width * png.height)).toBeGreaterThan(0.02);

    await page.click('.lang-switch button[data-lang="en"]');
    await page.waitForFunction(() => document.body.dataset.lang === 'en');
    const en = await readSvg(
      page,
      readFileSync(await download(page, '#export-svg', '10-export-en.svg'), 'utf8'),
    );
    expect(en.frame).toContain('Data: cn-listed');
    expect(en.frame).toContain(`All ${edges.toLocaleString('en')} links drawn are inferred`);
    expect(en.frame).toContain(`Exported ${today}`);
    expect(en.frame).not.toMatch(/数据|地区|推断/);
    await download(page, '#export-png', '10-export-en.png');
  }, 180_000);
});

describe('CSV and GEXF of a generated dataset with formula-like names', () => {
  let served: Served;
  let page: Page;
  const N = 40;
  const nameOf = (i: number) =>
    i === 0 ? '=HYPERLINK("http://x.invalid","点我")' : i === 1 ? '@SUM(1+1)' : `测试企业${i}`;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-export-'));
    const companies = ['id,name,region,industry'];
    for (let i = 0; i < N; i++)
      companies.push(
        `c${i},"${nameOf(i).replace(/"/g, '""')}",浙江/杭州,${i % 2 ? '材料' : '设备'}`,
      );
    const relations = ['source,target,type,weight'];
    // two rings of 20 joined by one arc: two communities
    for (let i = 0; i < N; i++) {
      const ring = i < 20 ? 0 : 20;
      relations.push(`c${i},c${ring + ((i - ring + 1) % 20)},supply,${1 + (i % 3)}`);
    }
    relations.push('c0,c20,supply,2');
    writeFileSync(join(dir, 'companies.csv'), companies.join('\n'));
    writeFileSync(join(dir, 'relations.csv'), relations.join('\n'));
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({
        name: 'formula-names',
        companies: 'companies.csv',
        relations: 'relations.csv',
      }),
    );
    served = await kit.serve(dir);
    const context = await browser.newContext({
      viewport: { width: 1280, height: 800 },
      acceptDownloads: true,
    });
    page = await context.newPage();
    await page.goto(`${served.url}?lang=en`);
    await kit.waitForView(page, 0);
    await kit.stopLayout(page);
  }, 120_000);
  afterAll(async () => {
    await served?.stop();
  });

  const readCsv = (path: string) => {
    const text = readFileSync(path, 'utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    return parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
  };

  it('CSV of the companies shown, a hidden legend category left out, formulas guarded', async () => {
    const all = readCsv(await download(page, '#export-csv', '11-shown.csv'));
    expect(all.map((r) => r.id).sort()).toEqual(
      Array.from({ length: N }, (_, i) => `c${i}`).sort(),
    );
    const row = (id: string, rows: typeof all) => rows.find((r) => r.id === id)!;
    expect(row('c0', all).name).toBe(`'${nameOf(0)}`);
    expect(row('c1', all).name).toBe(`'${nameOf(1)}`);
    expect(row('c2', all).name).toBe('测试企业2');
    expect(row('c3', all).industry).toBe('材料');
    // hide the first legend category: its companies leave the CSV
    const first = page.locator('#legend ul.legend:not(.edges) li').first();
    const hidden = Number((await first.locator('.count').textContent())!.replace(/,/g, ''));
    await first.click();
    const shown = readCsv(await download(page, '#export-csv', '11-shown-filtered.csv'));
    expect(shown.length).toBe(N - hidden);
    expect(hidden).toBeGreaterThan(0);
    await first.click();
  });

  it('CSV of the selection: the selected company and its partners', async () => {
    await page.fill('#search', '测试企业5');
    await page.click('#search-results li[data-id="c5"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=company-name]')?.textContent === '测试企业5',
    );
    const rows = readCsv(await download(page, '#export-csv', '11-selection.csv'));
    // c5 supplies c6 and buys from c4 (the ring)
    expect(rows.map((r) => r.id).sort()).toEqual(['c4', 'c5', 'c6']);
    expect(await page.textContent('#status')).toContain('CSV of 3 companies (the selection)');
  });

  it('GEXF 1.2draft read by NetworkX, GEXF 1.3 by graphology-gexf', async () => {
    const v12 = readFileSync(await download(page, '#export-gexf', '11-export.gexf'), 'utf8');
    const nx = readGexfNetworkx(v12);
    expect(Object.keys(nx.nodes).length).toBe(N);
    expect(nx.edges.length).toBe(N + 1);
    expect(nx.nodes.c0!.label).toBe(nameOf(0));
    expect(nx.nodes.c3!.industry).toBe('材料');
    const v13 = readFileSync(await download(page, '#export-gexf13', '11-export-1.3.gexf'), 'utf8');
    expect(v13).toContain('xmlns="http://gexf.net/1.3"');
    const g = readGexf(v13);
    expect(g.order).toBe(N);
    expect(g.size).toBe(N + 1);
    expect(g.getNodeAttribute('c1', 'label')).toBe(nameOf(1));
    expect(typeof g.getNodeAttribute('c1', 'x')).toBe('number');
  });
});
