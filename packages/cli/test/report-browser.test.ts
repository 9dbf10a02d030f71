/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * report.html as a person opens it: headless Chromium (Debian's `chromium`, driven by
 * playwright-core) loads the file from a file:// URL with the network cut off. The page must
 * make no request but its own file, draw the chain map and both charts (marks in the DOM that
 * match the report's figures, and non-background pixels on screen), show the report's figures
 * in its tables, and show hostile company names as text with no dialog ever opening, even with
 * the page's Content-Security-Policy bypassed (so escaping alone is what is tested). A
 * full-page screenshot goes to the temp folder for a person to look at.
 *
 * Runs when Chromium is installed (.ci/run installs it; CI=true makes a missing browser fail).
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainReport } from '@chainlens/core';
import { indexReport, targetText, weakLinkText } from '@chainlens/core';
import { writeReportFiles } from '../src/report/write.js';
import { realReport } from './report-fixture.js';

const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Writes the report's files to a fresh folder and returns report.html's file:// URL. */
async function htmlUrl(report: ChainReport): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'chainlens-html-'));
  await writeReportFiles(report, dir);
  return pathToFileURL(join(dir, 'report.html')).href;
}

interface Watch {
  requests: string[];
  blocked: string[];
  dialogs: string[];
  errors: string[];
}

/** A context with every http(s) request aborted and recorded, and a page that records dialogs. */
async function offlinePage(
  browser: Browser,
  bypassCSP = false,
): Promise<{ context: BrowserContext; page: Page; watch: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP });
  const watch: Watch = { requests: [], blocked: [], dialogs: [], errors: [] };
  await context.route(/^(https?|wss?|ftp):/i, (route) => {
    watch.blocked.push(route.request().url());
    return route.abort();
  });
  const page = await context.newPage();
  page.on('request', (r) => watch.requests.push(r.url()));
  page.on('dialog', (d) => {
    watch.dialogs.push(`${d.type()}: ${d.message()}`);
    return d.dismiss();
  });
  page.on('pageerror', (e) => watch.errors.push(e.message));
  return { context, page, watch };
}

/** Share of an element's on-screen pixels that are not (near) white, decoded in a blank page. */
async function inkShare(page: Page, decoder: Page, selector: string): Promise<number> {
  const png = await page.locator(selector).first().screenshot();
  return decoder.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.width;
    canvas.height = img.height;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const d = g.getImageData(0, 0, img.width, img.height).data;
    let ink = 0;
    for (let i = 0; i < d.length; i += 4)
      if (d[i]! < 230 || d[i + 1]! < 230 || d[i + 2]! < 230) ink++;
    return ink / (d.length / 4);
  }, png.toString('base64'));
}

const num = (s: string | null) => Number((s ?? '').replace(/[,%\s]/g, ''));

describe.skipIf(!CHROMIUM && !process.env.CI)('report.html in Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    if (!CHROMIUM)
      throw new Error(
        'chromium not found: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
      );
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  it('opens offline, draws the chain map and the charts, and its tables hold the report', async () => {
    const { report } = realReport();
    const url = await htmlUrl(report);
    const { context, page, watch } = await offlinePage(browser);
    await page.goto(url);

    // Nothing but the file itself was requested; nothing was blocked because nothing was tried.
    expect(watch.requests).toEqual([url]);
    expect(watch.blocked).toEqual([]);
    expect(watch.errors).toEqual([]);

    // Chain map: one box per segment with its status and count, one arrow per feed.
    const boxes = await page.$$eval('svg.chain-map g.seg', (gs) =>
      gs.map((g) => ({
        id: g.getAttribute('data-segment'),
        status: g.getAttribute('data-status'),
        text: g.textContent,
        width: (g as SVGGElement).getBBox().width,
      })),
    );
    expect(boxes).toHaveLength(report.segments.length);
    for (const s of report.segments) {
      const b = boxes.find((x) => x.id === s.id)!;
      expect(b.status).toBe(s.status);
      expect(b.width).toBeGreaterThan(50);
      expect(b.text).toContain(s.companies > 0 ? `${s.companies} firm` : 'no local firm');
      expect(b.text!.startsWith(s.name.slice(0, 2))).toBe(true);
    }
    const feeds = report.template as unknown as { feedList?: [string, string][] };
    const arrows = await page.$$eval('svg.chain-map path.feed', (ps) =>
      ps.map((p) => ({
        from: p.getAttribute('data-from'),
        to: p.getAttribute('data-to'),
        live: p.classList.contains('live'),
        len: (p as SVGPathElement).getTotalLength(),
      })),
    );
    if (feeds.feedList) {
      expect(arrows).toHaveLength(feeds.feedList.length);
      const companies = new Map(report.segments.map((s) => [s.id, s.companies]));
      for (const a of arrows) {
        expect(a.len).toBeGreaterThan(10);
        expect(a.live).toBe(companies.get(a.from!)! > 0 && companies.get(a.to!)! > 0);
      }
    }

    // Completeness chart: bar lengths on the chart's own axis (the 0% and 100% ticks).
    const bars = await page.$$eval('svg.chart-completeness', ([svg]) => {
      const tick = (t: string) =>
        [...svg!.querySelectorAll('text.tick')].find((e) => e.textContent === t)!;
      const x0 = Number(tick('0%').getAttribute('x'));
      const x1 = Number(tick('100%').getAttribute('x'));
      return [...svg!.querySelectorAll('rect.bar')].map((r) => ({
        series: r.getAttribute('data-series'),
        share: (r as SVGRectElement).getBBox().width / (x1 - x0),
      }));
    });
    const k = report.completeness;
    const stages = (['upstream', 'midstream', 'downstream'] as const).filter(
      (s) => k.byStage[s].segments > 0,
    );
    const expected = [
      k.coverage,
      k.redundancy,
      ...stages.flatMap((s) => [k.byStage[s].coverage!, k.byStage[s].redundancy!]),
      k.link,
      k.path,
    ];
    expect(bars.map((b) => b.share)).toHaveLength(expected.length);
    bars.forEach((b, i) =>
      expect(Math.abs(b.share - expected[i]!)).toBeLessThan(
        0.005 + (expected[i] === 0 ? 0.005 : 0),
      ),
    );

    // Resilience chart: two curves with every point, starting at K(0) on the chart's own y axis.
    const curves = await page.$$eval('svg.chart-resilience', ([svg]) => {
      const tick = (t: string) =>
        [...svg!.querySelectorAll('text.tick')].filter((e) => e.textContent === t);
      const yOf = (t: string) => Number(tick(t)[0]!.getAttribute('y')) - 4;
      const y0 = yOf('0%');
      const y1 = yOf('100%');
      return [...svg!.querySelectorAll('polyline.line')].map((p) => ({
        series: p.getAttribute('data-series'),
        ys: (p.getAttribute('points') ?? '')
          .trim()
          .split(/\s+/)
          .map((xy) => (Number(xy.split(',')[1]) - y0) / (y1 - y0)),
      }));
    });
    expect(curves.map((c) => c.series)).toEqual(['random', 'targeted']);
    const r = report.resilience;
    expect(curves[0]!.ys).toHaveLength(r.random.length);
    expect(curves[1]!.ys).toHaveLength(r.targeted.length);
    curves[0]!.ys.forEach((y, i) => expect(Math.abs(y - r.random[i]!)).toBeLessThan(0.01));
    curves[1]!.ys.forEach((y, i) => expect(Math.abs(y - r.targeted[i]!)).toBeLessThan(0.01));

    // On screen, not only in the DOM: each figure has ink.
    const decoder = await context.newPage();
    const ink: Record<string, number> = {};
    for (const sel of ['svg.chain-map', 'svg.chart-completeness', 'svg.chart-resilience']) {
      ink[sel] = await inkShare(page, decoder, sel);
    }
    // A blank figure has no ink; measured on 广东: map 0.22, bars 0.28, lines with shaded areas 0.05.
    expect(ink['svg.chain-map']).toBeGreaterThan(0.1);
    expect(ink['svg.chart-completeness']).toBeGreaterThan(0.1);
    expect(ink['svg.chart-resilience']).toBeGreaterThan(0.02);
    console.log('ink shares', ink);

    // Headline figures and tables hold the report's numbers and names.
    const kpi = async (key: string) =>
      num(await page.locator(`[data-kpi="${key}"] .v`).textContent());
    expect(await kpi('coverage')).toBeCloseTo(100 * k.coverage, 1);
    expect(await kpi('path')).toBeCloseTo(100 * k.path, 1);
    const rows = (id: string) =>
      page.$$eval(`#${id} tbody tr:not(.why-row)`, (trs) =>
        trs.map((tr) => ({
          co: tr.querySelector('.co')?.textContent ?? null,
          id: tr.querySelector('.id')?.textContent ?? null,
          cells: Object.fromEntries(
            [...tr.querySelectorAll('td[data-col]')].map((td) => [
              td.getAttribute('data-col'),
              td.textContent,
            ]),
          ),
        })),
      );
    const leaders = await rows('table-leaders');
    expect(leaders).toHaveLength(report.leaders.length);
    report.leaders.forEach((l, i) => {
      expect(leaders[i]!.co).toBe(l.name);
      expect(leaders[i]!.id).toBe(l.company);
      expect(num(leaders[i]!.cells.score!)).toBeCloseTo(l.score, 3);
      for (const [key, v] of Object.entries(l.components))
        expect(num(leaders[i]!.cells[key]!)).toBeCloseTo(v, 3);
    });
    const targets = await rows('table-targets');
    expect(targets).toHaveLength(report.targets.length);
    const segName = new Map(report.segments.map((s) => [s.id, s.name]));
    const why = await page.$$eval('#table-targets tr.why-row td[data-col="explanation"]', (tds) =>
      tds.map((td) => td.textContent),
    );
    const index = indexReport(report);
    expect(why).toEqual(report.targets.map((t) => targetText(t, index)));
    report.targets.forEach((t, i) => {
      expect(targets[i]!.co).toBe(t.name);
      // The segment with the firm's share of revenue in it.
      expect(targets[i]!.cells.segment).toBe(
        `${segName.get(t.segment)} ${Math.round(t.share * 100) >= 10 ? Math.round(t.share * 100) : Number((t.share * 100).toFixed(1))}%`,
      );
      expect(num(targets[i]!.cells.score!)).toBeCloseTo(t.score, 3);
    });
    const weak = await rows('table-weak-links');
    expect(weak.map((w) => w.cells.detail)).toEqual(
      report.weakLinks.map((w) => weakLinkText(w, index)),
    );
    const missing = await rows('table-missing-roles');
    expect(missing.map((m) => [m.cells.segment, num(m.cells.needed!)])).toEqual(
      report.missingRoles.map((m) => [segName.get(m.segment), m.neededBy.length]),
    );
    const critical = await rows('table-critical');
    expect(critical.map((c) => c.id)).toEqual(report.critical.map((c) => c.company));
    critical.forEach((c, i) => {
      expect(num(c.cells.drop!)).toBeCloseTo(100 * report.critical[i]!.completenessDrop, 1);
      expect(num(c.cells.cutoff!)).toBe(report.critical[i]!.cutOff.length);
    });
    const portfolio = report.portfolio as {
      picks: Array<{ company: string; gain: number; value: number }>;
    };
    const picks = await rows('table-portfolio');
    expect(picks.map((p) => p.id)).toEqual(portfolio.picks.map((p) => p.company));
    picks.forEach((p, i) => {
      expect(num(p.cells.gain!.replace('+', ''))).toBeCloseTo(100 * portfolio.picks[i]!.gain, 1);
      expect(num(p.cells.value!)).toBeCloseTo(100 * portfolio.picks[i]!.value, 1);
    });
    const data = await page.$$eval('#table-data tr', (trs) =>
      trs.map((tr) => [...tr.children].map((td) => td.textContent)),
    );
    expect(num(data.find((d) => d[0] === 'companies in the dataset')![1]!)).toBe(
      report.dataset.companies,
    );
    expect(num(data.find((d) => d[0] === 'companies in the cluster')![1]!)).toBe(
      report.cluster.companies,
    );

    const shot = join(tmpdir(), 'chainlens-report.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`report.html screenshot: ${shot}`);
    expect(watch.requests).toEqual([url]);
    expect(watch.dialogs).toEqual([]);
    await context.close();
  }, 60_000);

  it('shows hostile company names as text and runs nothing, even with its CSP bypassed', async () => {
    const { report } = realReport({ hostile: true });
    const url = await htmlUrl(report);
    const { context, page, watch } = await offlinePage(browser, true);
    await page.goto(url);
    await page.waitForLoadState('load');
    expect(watch.dialogs).toEqual([]);
    expect(watch.blocked).toEqual([]);
    expect(watch.requests).toEqual([url]);
    const dom = await page.evaluate(() => ({
      scripts: [...document.querySelectorAll('script')].map((s) => s.type),
      imgs: document.querySelectorAll('img').length,
      handlers: [...document.querySelectorAll('*')].filter((e) =>
        [...e.attributes].some((a) => a.name.startsWith('on')),
      ).length,
      leaders: [...document.querySelectorAll('#table-leaders tbody tr .co')].map(
        (e) => e.textContent,
      ),
      tips: [...document.querySelectorAll('svg.chain-map g.seg > title')].map(
        (e) => e.textContent ?? '',
      ),
    }));
    expect(dom.scripts).toEqual(['application/json']);
    expect(dom.imgs).toBe(0);
    expect(dom.handlers).toBe(0);
    // The HTML parser turns CR LF into LF in text; otherwise the names are exactly the data's.
    expect(dom.leaders).toEqual(report.leaders.map((l) => l.name.replace(/\r\n?/g, '\n')));
    expect(dom.tips.join('\n')).toContain('<script>alert(1)</script>');
    const embedded = await page.locator('#chainlens-report').textContent();
    expect(JSON.parse(embedded!)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(watch.dialogs).toEqual([]);
    await context.close();
  }, 60_000);
});
