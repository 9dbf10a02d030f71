/**
 * The viewer in a real browser: Debian's chromium (WebGL through SwiftShader) drives the page
 * that the real `chainlens serve` serves from the built viewer. Expected figures come from the
 * shipped CSV files, read here with csv-parse (not with the viewer's or the engine's code).
 * Screenshots go to $CHAINLENS_SHOTS (default: the OS temp folder) for a person to look at.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainReport } from '@chainlens/core';
import { analyze, chainContext, clusterByRegion, whatIf } from '@chainlens/core';
import { IssueLog, readTemplate } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { parse as parseCsv } from 'csv-parse/sync';
import Graph from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Served } from './browser.js';
import {
  ROOT,
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

type Row = Record<string, string>;
const csv = (path: string): Row[] =>
  parseCsv(readFileSync(join(ROOT, path)), { columns: true, skip_empty_lines: true, bom: true });

// Independent expectations from the shipped files.
const companies = csv('datasets/cn-listed/companies.csv');
const relations = csv('datasets/cn-listed/relations.csv');
const regionOf = new Map(companies.map((c) => [c.id!, c.region!]));
const province = (id: string) => (regionOf.get(id) ?? '').split('/')[0];
/** Companies with at least one relation to another company, inside `keep`. */
function linked(keep: (id: string) => boolean): Set<string> {
  const out = new Set<string>();
  for (const r of relations) {
    if (r.source === r.target || !keep(r.source!) || !keep(r.target!)) continue;
    out.add(r.source!);
    out.add(r.target!);
  }
  return out;
}

/** "12.3%", as the page prints a share (apps/viewer/src/dom.ts). */
const percent = (x: number | null) =>
  x !== null && Number.isFinite(x) ? `${(100 * x).toFixed(1)}%` : '–';

// The chain figures the panel must show: core analyze() on the shipped files, with the
// viewer's parameters (those of `chainlens analyze`: seed 1, θ = 1, r = 2).
let guangdongCache: { ctx: ReturnType<typeof chainContext>; report: ChainReport } | undefined;
function guangdongInputs() {
  const { dataset } = readDataset(join(ROOT, 'datasets/cn-listed'));
  const file = join(ROOT, 'datasets/templates/lithium-battery.json');
  const template = readTemplate({ file, bytes: readFileSync(file) }, new IssueLog())!;
  return { dataset, template, cluster: clusterByRegion(dataset.companies, '广东') };
}
function guangdongContext() {
  if (!guangdongCache) {
    const { dataset, template, cluster } = guangdongInputs();
    const report = analyze(dataset, { cluster, template, seed: 1 });
    guangdongCache = { ctx: chainContext(dataset, template, cluster), report };
  }
  return guangdongCache;
}
const guangdong = () => guangdongContext().report;

let served: Served;
let browser: Browser;
let page: Page;
const dialogs: string[] = [];
/** Requests that left the machine (the page must work offline: no CDN, no web fonts). */
const external: string[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilt();
  served = await serve('cn-listed');
  browser = await launch();
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
    // The page follows the browser's language when the URL names none: English here.
    locale: 'en-US',
    acceptDownloads: true,
  });
  page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.on('request', (r) => {
    const url = new URL(r.url());
    if (!['blob:', 'data:'].includes(url.protocol) && url.hostname !== '127.0.0.1') {
      external.push(r.url());
    }
  });
});

afterAll(async () => {
  await browser?.close();
  await served?.stop();
});

async function graphInk(name: string) {
  const png = await page.locator('#graph').screenshot({ path: join(SHOTS, `${name}-graph.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  return nonBackgroundPixels(page, png);
}

const drawn = async () => ({
  nodes: Number(await page.getAttribute('#view-summary', 'data-nodes')),
  edges: Number(await page.getAttribute('#view-summary', 'data-edges')),
});

describe('viewer on cn-listed, served by chainlens serve', () => {
  it('opens the served dataset and draws every company that has a relation', async () => {
    await page.goto(served.url);
    await waitForView(page, 0);
    // ForceAtlas2 runs in its worker until the Stop button; then positions stay put.
    expect(await page.getAttribute('body', 'data-layout')).toBe('running');
    await stopLayout(page);
    const position = () =>
      page.evaluate(() => {
        const g = window.chainlens!.graph()!;
        return g
          .nodes()
          .slice(0, 50)
          .map((n) => [g.getNodeAttribute(n, 'x'), g.getNodeAttribute(n, 'y')]);
      });
    const stopped = await position();
    await page.waitForTimeout(300);
    expect(await position()).toEqual(stopped);
    expect(await page.textContent('#layout-toggle')).toBe('Run layout');
    const expected = linked(() => true);
    expect((await drawn()).nodes).toBe(expected.size);
    expect(await page.inputValue('#dataset-picker')).toBe('cn-listed');
    const { width, height, ink } = await graphInk('01-cn-listed');
    // Not blank: a few percent of the canvas carry nodes, edges and labels.
    expect(ink / (width * height)).toBeGreaterThan(0.02);
    // The legend lists communities with their company counts.
    expect(await page.locator('[data-testid=legend] li').count()).toBeGreaterThan(3);
  });

  it('colours by region and hides a region from its legend entry', async () => {
    await page.selectOption('#color-by', 'region');
    await page.waitForFunction(
      () => document.querySelector('.legend-title')?.textContent === 'Region',
    );
    const zhejiang = [...linked(() => true)].find((id) => province(id) === '浙江')!;
    const other = [...linked(() => true)].find((id) => province(id) === '广东')!;
    const hidden = (id: string) =>
      page.evaluate((n) => window.chainlens!.renderer()!.sigma.getNodeDisplayData(n)!.hidden, id);
    expect(await hidden(zhejiang)).toBe(false);
    await page.click('[data-testid=legend] li:has(.label:text-is("浙江"))');
    await page.waitForFunction(
      (n) => window.chainlens!.renderer()!.sigma.getNodeDisplayData(n)!.hidden,
      zhejiang,
    );
    expect(await hidden(other)).toBe(false);
    // The legend counts the drawn companies of each province.
    const count = await page.textContent(
      '[data-testid=legend] li:has(.label:text-is("广东")) .count',
    );
    expect(count).toBe(
      String([...linked(() => true)].filter((id) => province(id) === '广东').length),
    );
    await page.click('[data-testid=legend] li:has(.label:text-is("浙江"))');
    await page.selectOption('#color-by', 'community');
  });

  it('studies a region picked in the tree', async () => {
    const before = await views(page);
    await page.click('.tree li[data-path="浙江"]');
    await waitForView(page, before);
    await stopLayout(page);
    const expected = linked((id) => province(id) === '浙江');
    expect((await drawn()).nodes).toBe(expected.size);
    expect(await page.textContent('#view-summary')).toContain('浙江');
    // The tree count is the number of companies in the province.
    const inProvince = companies.filter((c) => c.region!.split('/')[0] === '浙江').length;
    expect(await page.textContent('.tree li[data-path="浙江"] .count')).toBe(
      inProvince.toLocaleString('en'),
    );
    const { ink } = await graphInk('02-zhejiang');
    expect(ink).toBeGreaterThan(500);
    expect(page.url()).toContain(`region=${encodeURIComponent('浙江')}`);
  });

  it('finds a company by name and shows its details, suppliers and customers', async () => {
    const before = await views(page);
    await page.click('.tree li[data-path=":all"]');
    await waitForView(page, before);
    await stopLayout(page);
    await page.fill('#search', '沈阳化工');
    await page.waitForSelector('#search-results li[data-id="000698"]');
    await page.click('#search-results li[data-id="000698"]');
    await page.waitForFunction(
      () => document.querySelector('[data-testid=company-name]')?.textContent === '沈阳化工',
    );
    const suppliers = new Set(relations.filter((r) => r.target === '000698').map((r) => r.source));
    const customers = new Set(relations.filter((r) => r.source === '000698').map((r) => r.target));
    expect(await page.textContent('[data-testid=suppliers] h4')).toMatch(
      new RegExp(`^Suppliers \\(${suppliers.size}[,)]`),
    );
    expect(await page.textContent('[data-testid=customers] h4')).toMatch(
      new RegExp(`^Customers \\(${customers.size}[,)]`),
    );
    expect(await page.locator('[data-testid=suppliers] li').count()).toBe(suppliers.size);
    expect(await page.textContent('#panel-company')).toContain('辽宁/沈阳');
    // Selecting focuses the neighbours: the company and its distinct partners.
    const partners = new Set([...suppliers, ...customers]);
    partners.delete('000698');
    expect(Number(await page.getAttribute('#focus-note', 'data-size'))).toBe(partners.size + 1);
    await graphInk('03-details');
  });

  it('follows the chain 1, 2 and n steps upstream', async () => {
    const sizes: number[] = [];
    for (const s of ['1', '2', 'n']) {
      await page.click(`[data-steps="upstream-${s}"]`);
      sizes.push(Number(await page.getAttribute('#focus-note', 'data-size')));
    }
    const direct = new Set(relations.filter((r) => r.target === '000698').map((r) => r.source));
    direct.delete('000698');
    expect(sizes[0]).toBe(direct.size + 1);
    expect(sizes[1]).toBeGreaterThanOrEqual(sizes[0]!);
    expect(sizes[2]).toBeGreaterThanOrEqual(sizes[1]!);
    // n steps upstream = everyone with a supply path to the company (BFS on the CSV here).
    const into = new Map<string, string[]>();
    for (const r of relations) into.set(r.target!, [...(into.get(r.target!) ?? []), r.source!]);
    const seen = new Set(['000698']);
    const queue = ['000698'];
    while (queue.length)
      for (const s of into.get(queue.shift()!) ?? [])
        if (!seen.has(s) && seen.add(s)) queue.push(s);
    expect(sizes[2]).toBe(seen.size);
    await page.screenshot({ path: join(SHOTS, '04-upstream.png') });
  });

  it('exports the view as a PNG', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-png'),
    ]);
    const path = join(SHOTS, '05-export.png');
    await download.saveAs(path);
    const png = readFileSync(path);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
    const box = (await page.locator('#graph').boundingBox())!;
    const { width, height, ink } = await nonBackgroundPixels(page, png);
    // the view at twice its size, framed: title above, legend beside, data note below
    // (export-views.test.ts checks what the frame says)
    expect(width).toBeGreaterThan(Math.round(box.width) * 2);
    expect(height).toBeGreaterThan(Math.round(box.height) * 2);
    expect(ink / (width * height)).toBeGreaterThan(0.005);
  });

  it('exports the drawn graph as GEXF that graphology reads back', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.click('#export-gexf'),
    ]);
    const path = join(SHOTS, '06-export.gexf');
    await download.saveAs(path);
    const graph = parseGexf(Graph, readFileSync(path, 'utf8'));
    const { nodes, edges } = await drawn();
    expect(graph.order).toBe(nodes);
    expect(graph.size).toBe(edges);
    expect(graph.getNodeAttribute('000698', 'label')).toBe('沈阳化工');
    expect(graph.getNodeAttribute('000698', 'region')).toBe('辽宁/沈阳');
    // Every CSV relation between drawn companies is an arc of the export.
    const sample = relations.filter((r) => r.source !== r.target).slice(0, 200);
    for (const r of sample) expect(graph.hasDirectedEdge(r.source!, r.target!)).toBe(true);
  });

  it('sizes by sampled or exact betweenness on request', async () => {
    await page.selectOption('#size-by', 'betweenness');
    await page.waitForFunction(() =>
      /betweenness \((exact|sampled)/.test(document.querySelector('#legend')?.textContent ?? ''),
    );
    expect(await page.textContent('#legend')).toContain('exact, directed');
    await page.selectOption('#size-by', 'degree');
  });

  it('judges 广东 against the lithium-battery chain with the figures of core analyze()', async () => {
    const before = await views(page);
    await page.click('.tree li[data-path="广东"]');
    await waitForView(page, before);
    await page.selectOption('#template-picker', 'lithium-battery');
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
    const report = guangdong();
    const c = report.completeness;
    const figure = (key: string) =>
      page.textContent(`[data-testid=completeness] [data-figure=${key}]`);
    expect(await figure('coverage')).toBe(percent(c.coverage));
    expect(await figure('redundancy')).toBe(percent(c.redundancy));
    expect(await figure('link')).toBe(percent(c.link));
    expect(await figure('path')).toBe(percent(c.path));
    expect(await figure('localSupplyRatio')).toBe(percent(c.localSupplyRatio));
    for (const s of ['upstream', 'midstream', 'downstream'] as const) {
      expect(
        await page.textContent(`[data-testid=by-stage] tr[data-stage=${s}] [data-figure=coverage]`),
      ).toBe(percent(c.byStage[s].coverage));
    }
    // One gap entry and one ghost node per missing role of the report.
    expect(report.missingRoles.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=gaps] > li').count()).toBe(report.missingRoles.length);
    expect(Number(await page.getAttribute('#view-summary', 'data-ghosts'))).toBe(
      report.missingRoles.length,
    );
    expect(await page.textContent('[data-testid=provenance]')).toContain('inferred');
    // The chain layout: upstream lanes left of downstream lanes.
    expect(await page.getAttribute('body', 'data-layout')).toBe('chain');
    const { width, height, ink } = await graphInk('07-chain-guangdong');
    expect(ink / (width * height)).toBeGreaterThan(0.02);
    await page.locator('#panel-chain').screenshot({ path: join(SHOTS, '07-chain-panel.png') });

    // Clicking a gap focuses the graph on its ghost node and the companies that need it.
    const gap = report.missingRoles.find((m) => m.neededBy.length > 0)!;
    await page.click(`[data-testid="gap-${gap.segment}"] button`);
    await page.waitForSelector('#focus-note:not([hidden])');
    expect(Number(await page.getAttribute('#focus-note', 'data-size'))).toBe(
      new Set(gap.neededBy).size + 1,
    );
    await graphInk('08-gap-focus');
  });

  it('runs "what if this company fails" with the figures of core whatIf()', async () => {
    const report = guangdong();
    const company = report.critical[0]!.company;
    await page.click('.tabs button[data-tab=chain]');
    await page.click(`[data-what-if="${company}"]`);
    await page.waitForSelector('[data-testid=what-if-result]', { timeout: 30_000 });
    const { ctx } = guangdongContext();
    const result = whatIf(ctx, { remove: [company] }, { theta: 1, redundancy: 2 });
    for (const key of ['coverage', 'redundancy', 'link', 'path'] as const) {
      const row = `[data-testid=what-if-completeness] tr[data-variant=${key}]`;
      expect(await page.textContent(`${row} [data-when=before]`)).toBe(
        percent(result.completeness.before[key]),
      );
      expect(await page.textContent(`${row} [data-when=after]`)).toBe(
        percent(result.completeness.after[key]),
      );
    }
    // The report's criticality and the what-if agree on the drop.
    expect(
      result.completeness.before.redundancy - result.completeness.after.redundancy,
    ).toBeCloseTo(report.critical[0]!.completenessDrop, 12);
    const cut = result.cutOff.length;
    expect(await page.textContent('[data-testid=what-if-result] p')).toContain(
      cut ? `${cut} compan` : 'no other company is cut off',
    );
    await page.screenshot({ path: join(SHOTS, '09-what-if.png') });
  });

  it('applies the revenue-share threshold (min share) to the chain, as core analyze() does, and keeps it in the URL', async () => {
    const { dataset, template, cluster } = guangdongInputs();
    const strict = analyze(dataset, { cluster, template, seed: 1, minShare: 0.2 });
    const before = await views(page);
    await page.fill('#min-share', '20');
    await page.dispatchEvent('#min-share', 'change');
    await waitForView(page, before);
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
    expect(await page.evaluate(() => location.hash)).toContain('minShare=0.2');
    const figure = (key: string) =>
      page.textContent(`[data-testid=completeness] [data-figure=${key}]`);
    expect(await figure('coverage')).toBe(percent(strict.completeness.coverage));
    expect(await figure('redundancy')).toBe(percent(strict.completeness.redundancy));
    // A stricter threshold holds fewer firms than the default one.
    expect(strict.cluster.chainCompanies).toBeLessThan(guangdong().cluster.chainCompanies);
    // Each segment lists its firms with their shares.
    const seg = strict.segments.find((s) => s.members.some((m) => m.share !== null))!;
    const listed = await page.textContent(`li[data-segment="${seg.id}"] .members`);
    expect(listed).toContain(`${seg.members[0]!.name} (`);
    expect(listed).toMatch(/\d%\)/);
    const back = await views(page);
    await page.fill('#min-share', '5');
    await page.dispatchEvent('#min-share', 'change');
    await waitForView(page, back);
    await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
      timeout: 60_000,
    });
    expect(await figure('coverage')).toBe(percent(guangdong().completeness.coverage));
  });

  it('judges a dataset without relations against its own template', async () => {
    const before = await views(page);
    await page.selectOption('#dataset-picker', 'eto-semiconductors');
    await waitForView(page, before);
    await stopLayout(page);
    const eto = csv('datasets/eto-semiconductors/companies.csv');
    // No relations in this dataset: every company is drawn, unlinked.
    expect((await drawn()).nodes).toBe(eto.length);
    const shared = readdirSync(join(ROOT, 'datasets/templates')).filter((f) => f.endsWith('.json'));
    const options = await page.locator('#template-picker option').allTextContents();
    expect(options.length).toBe(1 + 2 + shared.length);
    expect(options.some((o) => o.startsWith('Advanced logic chip supply chain'))).toBe(true);
    const chains = Number((await page.evaluate(() => document.body.dataset.chainViews)) ?? 0);
    await page.selectOption('#template-picker', 'eto-advanced-logic-chips');
    await page.waitForFunction(
      (n) =>
        document.body.dataset.chain === 'ready' && Number(document.body.dataset.chainViews) > n,
      chains,
      { timeout: 60_000 },
    );
    const { dataset } = readDataset(join(ROOT, 'datasets/eto-semiconductors'));
    const template = dataset.templates.find((t) => t.id === 'eto-advanced-logic-chips')!;
    const cluster = { id: 'all', members: Int32Array.from(dataset.companies.ids, (_, i) => i) };
    const report = analyze(dataset, { cluster, template, seed: 1 });
    expect(await page.textContent('[data-testid=completeness] [data-figure=coverage]')).toBe(
      percent(report.completeness.coverage),
    );
    // Without relations nothing is local supply: the ratio cannot be computed.
    expect(
      await page.textContent('[data-testid=completeness] [data-figure=localSupplyRatio]'),
    ).toBe(percent(report.completeness.localSupplyRatio));
    await graphInk('10-eto');
  });
});

describe("viewer with the user's own files", () => {
  const evil = '<img src=x onerror=alert(1)>';
  it('loads dropped tables, shows the rejected rows, and shows names as text, never HTML', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-viewer-'));
    writeFileSync(
      join(dir, 'companies.csv'),
      `id,name,region\nX1,"${evil}",浙江/杭州\nX2,<script>alert(2)</script>,浙江/宁波\nX3,正常公司,江苏/苏州\n`,
    );
    writeFileSync(
      join(dir, 'relations.csv'),
      'source,target,type,weight\nX1,X2,supply,1\nX2,X3,supply,2\nX3,X9,supply,1\n',
    );
    const before = await views(page);
    await page.setInputFiles('#file-input', [
      join(dir, 'companies.csv'),
      join(dir, 'relations.csv'),
    ]);
    await waitForView(page, before);
    await stopLayout(page);
    expect((await drawn()).nodes).toBe(3);
    // The validation report names the rejected row.
    expect(await page.isVisible('#panel-data')).toBe(true);
    expect(await page.textContent('[data-testid=validation-summary]')).toContain(
      '1 row was rejected',
    );
    expect(await page.textContent('[data-testid=validation-issues]')).toContain(
      "relations.csv:4:target: unknown company 'X9'",
    );
    await page.fill('#search', '<img');
    await page.waitForSelector('#search-results li[data-id="X1"]');
    expect(await page.textContent('#search-results li[data-id="X1"] .name')).toBe(evil);
    await page.click('#search-results li[data-id="X1"]');
    await page.waitForFunction(
      (name) => document.querySelector('[data-testid=company-name]')?.textContent === name,
      evil,
    );
    expect(await page.textContent('[data-testid=customers] li')).toContain(
      '<script>alert(2)</script>',
    );
    // Nothing was parsed as HTML: no <img> or injected <script> in the page, no alert.
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.evaluate(() => [...document.scripts].every((s) => s.src !== ''))).toBe(true);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    await graphInk('08-xss');
    expect(pageErrors).toEqual([]);
    expect(external).toEqual([]);
  });
});
