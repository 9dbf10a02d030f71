/**
 * Issue 17 part 3, chain lanes readable at 26, 60 and 126 segments and 1,000+ chain firms:
 * lane names inside their lanes and apart (wrapped or cut, the full name on hover), company
 * labels apart and inside their lanes, lanes collapsed into process groups above 40 segments
 * (a click on a group's name expands it), arcs thinned to the strongest by weight (drawn arcs ≤
 * the budget, a control for all), and the canvas not blank. Cases: cn-listed 广东 with
 * lithium-battery (26 segments); the first 60 segments of the ETO template, in its file order
 * with the feeds among them, on the ETO companies (composed here); the ETO template (126);
 * 3,000 generated companies (benchmarks' seeded national generator) with lithium-battery and
 * photovoltaic, of which 1,000+ are lithium-battery chain firms. Expected counts come from the
 * files (csv-parse, the template JSON), never from the viewer. Screenshots go to
 * $CHAINLENS_SHOTS (default /tmp/v17-shots).
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainTemplate } from '@chainlens/core';
import { chainStructure, segmentMembership } from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateShape } from '../../../benchmarks/src/national.js';
import { NationalGenerator } from '../../../benchmarks/src/national.js';
import { AUTO_ARCS } from '../src/graph/arc-thinning.js';
import { LANE_COLLAPSE_ABOVE, processGroups } from '../src/graph/lane-groups.js';
import type { Served } from './browser.js';
import {
  ROOT,
  launch,
  nonBackgroundPixels,
  requireBuilt,
  serve,
  views,
  waitForView,
} from './browser.js';

const SHOTS = process.env.CHAINLENS_SHOTS ?? '/tmp/v17-shots';
mkdirSync(SHOTS, { recursive: true });

interface Template {
  id: string;
  name: string;
  segments: { id: string; name: string; stage: 'upstream' | 'midstream' | 'downstream' }[];
  feeds: [string, string][];
}
const readJson = (path: string) => JSON.parse(readFileSync(join(ROOT, path), 'utf8')) as Template;
const lithium = readJson('datasets/templates/lithium-battery.json');
const photovoltaic = readJson('datasets/templates/photovoltaic.json');
const eto = readJson('datasets/eto-semiconductors/templates/eto-advanced-logic-chips.json');
const ETO_DIR = join(ROOT, 'datasets/eto-semiconductors');

/** The first 60 segments of the ETO template (file order) and the feeds among them. */
const first60: Template = (() => {
  const segments = eto.segments.slice(0, 60);
  const ids = new Set(segments.map((s) => s.id));
  return {
    ...eto,
    id: 'eto-first-60',
    name: 'ETO advanced logic chips, first 60 segments',
    segments,
    feeds: eto.feeds.filter(([a, b]) => ids.has(a) && ids.has(b)),
  };
})();

/** Lanes once every process group of two or more segments is one lane. */
function collapsedCount(t: Template): number {
  return new Set(processGroups(t.segments, t.feeds).values()).size;
}

let dir60: string;
let dirGen: string;
/** Generated companies whose only lithium-battery segment is one of its segments. */
let lithiumFirms = 0;
let browser: Browser;
const pageErrors: string[] = [];
/** The servers, started before the browser (a start under a loaded machine is slow). */
const servers = new Map<string, Served>();

beforeAll(async () => {
  requireBuilt();
  dir60 = mkdtempSync(join(tmpdir(), 'chainlens-lanes-60-'));
  for (const f of ['companies.csv', 'memberships.csv', 'relations.csv']) {
    copyFileSync(join(ETO_DIR, f), join(dir60, f));
  }
  writeFileSync(join(dir60, 'first-60.json'), JSON.stringify(first60));
  writeFileSync(
    join(dir60, 'chainlens.json'),
    JSON.stringify({
      name: 'eto-first-60',
      companies: 'companies.csv',
      memberships: 'memberships.csv',
      relations: 'relations.csv',
      templates: ['first-60.json'],
    }),
  );

  dirGen = mkdtempSync(join(tmpdir(), 'chainlens-lanes-gen-'));
  const gen = new NationalGenerator({
    companies: 3_000,
    seed: 17,
    regions: [
      { code: '440305', path: '广东/深圳/南山区' },
      { code: '320571', path: '江苏/苏州/工业园区' },
    ],
    templates: [lithium as unknown as TemplateShape, photovoltaic as unknown as TemplateShape],
    relationsPerCompany: 4,
  });
  writeFileSync(join(dirGen, 'companies.csv'), [...gen.companiesCsv()].join(''));
  writeFileSync(join(dirGen, 'memberships.csv'), [...gen.membershipsCsv()].join(''));
  writeFileSync(join(dirGen, 'relations.csv'), [...gen.relationsCsv()].join(''));
  writeFileSync(
    join(dirGen, 'chainlens.json'),
    JSON.stringify({
      name: 'lanes-generated',
      companies: 'companies.csv',
      memberships: 'memberships.csv',
      relations: 'relations.csv',
    }),
  );
  // The chain firms as core places them (the template's segments matched against each
  // membership's item, as the viewer's worker does), read back from the written files.
  const membership = segmentMembership(
    readDataset(dirGen).dataset,
    chainStructure(lithium as unknown as ChainTemplate),
  );
  lithiumFirms = new Set(membership.members.flatMap((m) => [...m])).size;
  for (const source of ['cn-listed', dir60, 'eto-semiconductors', dirGen]) {
    servers.set(source, await serve(source));
  }
  browser = await launch();
}, 400_000);

afterAll(async () => {
  await browser?.close();
  for (const s of servers.values()) await s.stop();
  for (const d of [dir60, dirGen]) if (d) rmSync(d, { recursive: true, force: true });
});

async function open(source: string): Promise<Page> {
  const served = servers.get(source)!;
  const page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
  ).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto(served.url);
  await waitForView(page, 0, 120_000);
  return page;
}

async function chooseTemplate(page: Page, id: string): Promise<void> {
  const before = Number((await page.evaluate(() => document.body.dataset.chainViews)) ?? 0);
  await page.selectOption('#template-picker', id);
  await page.waitForFunction(
    (n) => document.body.dataset.chain === 'ready' && Number(document.body.dataset.chainViews) > n,
    before,
    { timeout: 180_000 },
  );
  await page.waitForFunction(() => document.body.dataset.layout === 'chain');
  // One frame drawn after the layout.
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
}

interface Seen {
  lanes: { segment: string; segments: string[]; group: boolean; box: Box }[];
  headers: ({ full: string; lines: string[]; cut: boolean } & Box)[];
  unnamed: number;
  labels: ({ key: string; text: string; within: Box } & Box)[];
  arcs: number;
  ghostArcs: number;
  note: string;
  budget: { shown: number; total: number };
}
interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** What the page draws now: lanes, names, labels (viewport pixels) and arcs. */
async function seen(page: Page): Promise<Seen> {
  await page.evaluate(() => {
    window.chainlens!.renderer()!.sigma.refresh();
    return new Promise((r) => requestAnimationFrame(() => r(null)));
  });
  return page.evaluate(() => {
    const r = window.chainlens!.renderer()!;
    const g = window.chainlens!.graph()!;
    const headers = r.lanes.headers();
    const note = document.querySelector('#arc-note') as HTMLElement;
    return {
      lanes: r.lanes.laneBoxes().map((l) => ({
        segment: l.segment,
        segments: l.segments,
        group: l.group,
        box: l.box,
      })),
      headers: headers.filter((h) => h !== null),
      unnamed: headers.filter((h) => h === null).length,
      labels: r.labels.drawn,
      arcs: g.filterEdges((_, a) => !a.hidden).length,
      ghostArcs: g.filterEdges((_, a) => !a.hidden && a.ghost === true).length,
      note: note.textContent ?? '',
      budget: { shown: Number(note.dataset.shown), total: Number(note.dataset.total) },
    };
  });
}

const inside = (a: Box, b: Box, slack = 0.5) =>
  a.x >= b.x - slack &&
  a.y >= b.y - slack &&
  a.x + a.w <= b.x + b.w + slack &&
  a.y + a.h <= b.y + b.h + slack;
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Every name inside its lane, no two names or labels overlapping, labels inside their lane. */
function expectReadable(s: Seen, name: string): void {
  expect(s.unnamed, `${name}: lanes without a name`).toBe(0);
  s.headers.forEach((h, i) => {
    expect(inside(h, s.lanes[i]!.box), `${name}: name of ${h.full} in its lane`).toBe(true);
  });
  for (let i = 0; i < s.headers.length; i++) {
    for (let j = i + 1; j < s.headers.length; j++) {
      expect(overlap(s.headers[i]!, s.headers[j]!), `${name}: names ${i} and ${j}`).toBe(false);
    }
  }
  for (let i = 0; i < s.labels.length; i++) {
    const l = s.labels[i]!;
    expect(inside(l, l.within), `${name}: label ${l.text} in its lane`).toBe(true);
    for (const h of s.headers) expect(overlap(l, h), `${name}: ${l.text} on ${h.full}`).toBe(false);
    for (let j = i + 1; j < s.labels.length; j++) {
      expect(overlap(l, s.labels[j]!), `${name}: ${l.text} on ${s.labels[j]!.text}`).toBe(false);
    }
  }
  expect(s.arcs).toBe(s.budget.shown);
}

/** Hovers a lane's name and reads the tooltip. */
async function hoverName(page: Page, h: Box): Promise<string> {
  const graph = await page.locator('#graph').boundingBox();
  await page.mouse.move(graph!.x + h.x + Math.min(h.w / 2, 12), graph!.y + h.y + 3);
  await page.waitForFunction(() => !(document.querySelector('#tooltip') as HTMLElement).hidden);
  return (await page.textContent('#tooltip')) ?? '';
}

async function shot(page: Page, name: string): Promise<number> {
  await page.mouse.move(5, 5);
  const png = await page.locator('#graph').screenshot({ path: join(SHOTS, `${name}-graph.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const { width, height, ink } = await nonBackgroundPixels(page, png);
  return ink / (width * height);
}

describe('chain lanes stay readable', () => {
  it('26 segments: cn-listed 广东, lithium-battery, one lane per segment', async () => {
    const page = await open('cn-listed');
    const before = await views(page);
    await page.click('.tree li[data-path="广东"]');
    await waitForView(page, before, 90_000);
    await chooseTemplate(page, 'lithium-battery');
    const s = await seen(page);
    expect(lithium.segments.length).toBeLessThanOrEqual(LANE_COLLAPSE_ABOVE);
    expect(s.lanes.map((l) => l.segment).sort()).toEqual(lithium.segments.map((x) => x.id).sort());
    expect(s.lanes.every((l) => !l.group)).toBe(true);
    expectReadable(s, '26');
    expect(s.labels.length).toBeGreaterThan(0);
    // The longest name: whole on its lines, or cut and whole on hover.
    const longest = [...s.headers].sort((a, b) => b.full.length - a.full.length)[0]!;
    const full = lithium.segments.find((x) => x.name === longest.full);
    expect(full).toBeDefined();
    if (!longest.cut) expect(longest.lines.join('').replace(/…$/, '')).toBe(longest.full);
    expect(await hoverName(page, longest)).toContain(longest.full);
    expect(await shot(page, '30-lanes-26')).toBeGreaterThan(0.01);
    await page.context().close();
  }, 300_000);

  it('60 segments: the first 60 of the ETO template, collapsed into process groups', async () => {
    const page = await open(dir60);
    await chooseTemplate(page, first60.id);
    const s = await seen(page);
    expect(first60.segments.length).toBe(60);
    expect(s.lanes.length).toBe(collapsedCount(first60));
    expect(s.lanes.length).toBeLessThan(30);
    // Every segment drawn in exactly one lane.
    expect(s.lanes.flatMap((l) => l.segments).sort()).toEqual(
      first60.segments.map((x) => x.id).sort(),
    );
    expectReadable(s, '60');
    const group = s.lanes.findIndex((l) => l.group);
    expect(group).toBeGreaterThanOrEqual(0);
    const tip = await hoverName(page, s.headers[group]!);
    const names = new Map(first60.segments.map((x) => [x.id, x.name]));
    for (const id of s.lanes[group]!.segments) expect(tip).toContain(names.get(id));
    expect(await shot(page, '31-lanes-60')).toBeGreaterThan(0.01);

    // One lane per segment on demand.
    await page.selectOption('#lane-grouping', 'segments');
    const all = await seen(page);
    expect(all.lanes.length).toBe(60);
    await shot(page, '32-lanes-60-segments');
    await page.context().close();
  }, 300_000);

  it('126 segments: the ETO template; a click on a group expands it', async () => {
    const page = await open('eto-semiconductors');
    await chooseTemplate(page, 'eto-advanced-logic-chips');
    const s = await seen(page);
    expect(eto.segments.length).toBe(126);
    expect(s.lanes.length).toBe(collapsedCount(eto));
    expectReadable(s, '126');
    // ETO has no relations: the arcs are ghost links, thinned to the budget.
    expect(s.arcs).toBeLessThanOrEqual(AUTO_ARCS);
    expect(await shot(page, '33-lanes-126')).toBeGreaterThan(0.01);

    const i = s.lanes.findIndex((l) => l.group);
    const members = s.lanes[i]!.segments.length;
    const graph = await page.locator('#graph').boundingBox();
    const h = s.headers[i]!;
    await page.mouse.click(graph!.x + h.x + 6, graph!.y + h.y + 3);
    await page.waitForFunction(
      (n) => window.chainlens!.lanes()!.lanes.length === n,
      s.lanes.length + members - 1,
    );
    const expanded = await seen(page);
    expectReadable(expanded, '126 expanded');
    await shot(page, '34-lanes-126-expanded');
    await page.context().close();
  }, 300_000);

  it('1,000+ chain firms: arcs thinned to the strongest, all on demand', async () => {
    const page = await open(dirGen);
    await chooseTemplate(page, 'lithium-battery');
    expect(lithiumFirms).toBeGreaterThan(1_000);
    const firms = await page.evaluate(
      () => window.chainlens!.graph()!.filterNodes((_, a) => a.company >= 0 && !!a.segment).length,
    );
    expect(firms).toBe(lithiumFirms);
    const s = await seen(page);
    expectReadable(s, '1000+');
    expect(s.budget.total).toBeGreaterThan(AUTO_ARCS);
    expect(s.arcs).toBeLessThanOrEqual(AUTO_ARCS);
    expect(s.note).toContain(`${s.arcs.toLocaleString('en')} of`);
    // The drawn arcs are the strongest: none hidden is heavier than the lightest drawn.
    const weights = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      const shown: number[] = [];
      const hidden: number[] = [];
      // Arcs between chain firms (those of companies outside the chain are hidden in lanes).
      g.forEachEdge((_, a, _s, _t, sa, ta) => {
        if (a.ghost || a.bridge || sa.segment === undefined || ta.segment === undefined) return;
        (a.hidden ? hidden : shown).push(a.weight);
      });
      return { shown: Math.min(...shown), hidden: Math.max(...hidden) };
    });
    expect(weights.hidden).toBeLessThanOrEqual(weights.shown);
    expect(await shot(page, '35-lanes-1000')).toBeGreaterThan(0.01);

    await page.selectOption('#arc-limit', 'all');
    const all = await seen(page);
    expect(all.arcs).toBe(s.budget.total);
    await shot(page, '36-lanes-1000-all-arcs');
    expect(pageErrors).toEqual([]);
    await page.context().close();
  }, 300_000);
});
