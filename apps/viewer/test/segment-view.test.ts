/**
 * A chain view too large to draw company by company: with a chain template chosen on more than
 * 20,000 companies, the viewer groups them by main chain segment (one node per segment, one for
 * the companies outside the chain) instead of by community, and a segment node expands into its
 * companies. The dataset is generated here (benchmarks' seeded national generator, 30,000
 * companies) without one segment of the lithium-battery template, so that the report has a
 * missing role whose ghost must link to segment nodes. Expected figures come from the written
 * files, read back with `@chainlens/io/node` and core's `segmentMembership` (not the viewer).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChainTemplate, Dataset } from '@chainlens/core';
import {
  RELATION_TYPES,
  chainStructure,
  defaultRelationView,
  relationTypesPresent,
  segmentMembership,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TemplateShape } from '../../../benchmarks/src/national.js';
import { NationalGenerator } from '../../../benchmarks/src/national.js';
import { AUTO_ARCS_PER_GROUP } from '../src/graph/arc-thinning.js';
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

const COMPANIES = 30_000;
/** The lithium-battery segment left out of the generated data: a missing upstream role. */
const LEFT_OUT = 'lithium-ore';

const template = JSON.parse(
  readFileSync(join(ROOT, 'datasets/templates/lithium-battery.json'), 'utf8'),
) as ChainTemplate;
const photovoltaic = JSON.parse(
  readFileSync(join(ROOT, 'datasets/templates/photovoltaic.json'), 'utf8'),
) as TemplateShape;
/** The template as the generator sees it, without LEFT_OUT (and its feeds). */
const generated: TemplateShape = {
  id: template.id,
  segments: template.segments.filter((s) => s.id !== LEFT_OUT),
  feeds: (template.feeds ?? []).filter(
    ([a, b]) => a !== LEFT_OUT && b !== LEFT_OUT,
  ) as TemplateShape['feeds'],
};

let dir: string;
let dataset: Dataset;
/** Company id → main lithium-battery segment (largest share, unknown last, template order). */
const mainSegment = new Map<string, string>();
/** Companies that are not chain firms and have a relation (of the first view's types) to another company. */
let linkedOutside = 0;
let served: Served;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

beforeAll(async () => {
  requireBuilt();
  dir = mkdtempSync(join(tmpdir(), 'chainlens-segment-view-'));
  const gen = new NationalGenerator({
    companies: COMPANIES,
    seed: 42,
    regions: [
      { code: '440305', path: '广东/深圳/南山区' },
      { code: '440106', path: '广东/广州/天河区' },
      { code: '320571', path: '江苏/苏州/工业园区' },
      { code: '330110', path: '浙江/杭州/余杭区' },
    ],
    templates: [generated, photovoltaic],
    relationsPerCompany: 4,
  });
  writeFileSync(join(dir, 'companies.csv'), [...gen.companiesCsv()].join(''));
  writeFileSync(join(dir, 'memberships.csv'), [...gen.membershipsCsv()].join(''));
  writeFileSync(join(dir, 'relations.csv'), [...gen.relationsCsv()].join(''));
  writeFileSync(
    join(dir, 'chainlens.json'),
    JSON.stringify({
      name: 'segment-view-30k',
      companies: 'companies.csv',
      memberships: 'memberships.csv',
      relations: 'relations.csv',
    }),
  );

  // Expectations from the files: main segment by core's membership table.
  dataset = readDataset(dir).dataset;
  const structure = chainStructure(template);
  const membership = segmentMembership(dataset, structure);
  const best = new Map<number, { s: number; share: number }>();
  for (let s = 0; s < structure.size; s++) {
    const members = membership.members[s]!;
    members.forEach((c, i) => {
      const share = Number.isNaN(membership.shares[s]![i]!) ? -1 : membership.shares[s]![i]!;
      const b = best.get(c);
      if (!b || share > b.share) best.set(c, { s, share });
    });
  }
  for (const [c, { s }] of best) mainSegment.set(dataset.companies.ids[c]!, structure.ids[s]!);
  // Linked through the relation types the viewer ticks at first: core's defaultRelationView.
  const ticked = new Set(
    defaultRelationView(relationTypesPresent(dataset.relations.type)).map((t) =>
      RELATION_TYPES.indexOf(t),
    ),
  );
  const linked = new Set<number>();
  const { source, target, type } = dataset.relations;
  for (let r = 0; r < source.length; r++) {
    if (source[r] === target[r] || !ticked.has(type[r]!)) continue;
    linked.add(source[r]!);
    linked.add(target[r]!);
  }
  for (const c of linked) if (!mainSegment.has(dataset.companies.ids[c]!)) linkedOutside++;

  served = await serve(dir);
  browser = await launch();
  page = await (
    await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' })
  ).newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await served?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

interface NodeInfo {
  key: string;
  label: string;
  company: number;
  companies: number;
  ghost: string | null;
  segment: string | null;
}

const nodes = (): Promise<NodeInfo[]> =>
  page.evaluate(() => {
    const g = window.chainlens!.graph()!;
    return g.mapNodes((key, a) => ({
      key,
      label: a.label,
      company: a.company,
      companies: a.companies,
      ghost: a.ghost ?? null,
      segment: a.segment ?? null,
    }));
  });

const neighbours = (key: string): Promise<string[]> =>
  page.evaluate((k) => window.chainlens!.graph()!.neighbors(k), key);

async function chainReady(before: number): Promise<void> {
  await page.waitForFunction(
    (n) => document.body.dataset.chain === 'ready' && Number(document.body.dataset.chainViews) > n,
    before,
    { timeout: 120_000 },
  );
}
const chainViews = async () =>
  Number((await page.evaluate(() => document.body.dataset.chainViews)) ?? 0);

async function graphInk(name: string) {
  const png = await page.locator('#graph').screenshot({ path: join(SHOTS, `${name}-graph.png`) });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
  return nonBackgroundPixels(page, png);
}

/** Segment id → companies whose main segment it is. */
function expectedSizes(): Map<string, number> {
  const sizes = new Map<string, number>();
  for (const s of mainSegment.values()) sizes.set(s, (sizes.get(s) ?? 0) + 1);
  return sizes;
}

describe('a chain view of more than 20,000 companies, grouped by segment', () => {
  it('starts from the community graph without a template', async () => {
    expect(dataset.companies.ids.length).toBe(COMPANIES);
    expect(linkedOutside + mainSegment.size).toBeGreaterThan(20_000);
    await page.goto(served.url);
    await waitForView(page, 0, 120_000);
    await stopLayout(page);
    const list = await nodes();
    expect(list.length).toBeGreaterThan(1);
    expect(list.every((n) => n.company < 0 && n.key.startsWith('community:'))).toBe(true);
  });

  it('groups by main segment with the lithium-battery template', async () => {
    const before = await chainViews();
    await page.selectOption('#template-picker', 'lithium-battery');
    await chainReady(before);
    const list = await nodes();
    const groups = list.filter((n) => n.company < 0 && n.ghost === null);
    const sizes = expectedSizes();
    expect(sizes.has(LEFT_OUT)).toBe(false);
    // One node per segment holding companies, plus the companies outside the chain.
    expect(groups.length).toBe(sizes.size + 1);
    for (const [segment, n] of sizes) {
      const node = groups.find((g) => g.key === `segment:${segment}`);
      expect(node, segment).toBeDefined();
      expect(node!.companies, segment).toBe(n);
      expect(node!.label, segment).toContain(`(${n.toLocaleString('en')})`);
      expect(node!.label).toContain(template.segments.find((s) => s.id === segment)!.name);
      // Placed in its own lane, coloured by it.
      expect(node!.segment).toBe(segment);
    }
    const outside = groups.find((g) => g.key === 'not-in-chain')!;
    expect(outside.companies).toBe(linkedOutside);
    expect(outside.label).toContain('Not in this chain');
    expect(list.filter((n) => n.company >= 0)).toEqual([]);
    expect(await page.getAttribute('body', 'data-layout')).toBe('chain');
    expect(await page.textContent('#view-summary')).toContain('chain segments');

    // The missing role's ghost links to the segment nodes of the companies that need it.
    const ghost = list.find((n) => n.ghost === LEFT_OUT);
    expect(ghost).toBeDefined();
    const report = await page.evaluate(() => window.chainlens!.chain()!.report);
    const role = report.missingRoles.find((m) => m.segment === LEFT_OUT)!;
    expect(role.neededBy.length).toBeGreaterThan(0);
    const needing = new Set(role.neededBy.map((id) => `segment:${mainSegment.get(id)}`));
    expect(new Set(await neighbours(ghost!.key))).toEqual(needing);

    // Lanes: every segment node inside its lane.
    const lanes = await page.evaluate(() => window.chainlens!.lanes()!.lanes);
    const positions = await page.evaluate(() => {
      const g = window.chainlens!.graph()!;
      return g.mapNodes((key, a) => ({ key, x: a.x, y: a.y }));
    });
    for (const [segment] of sizes) {
      const lane = lanes.find((l) => l.segment === segment)!;
      const p = positions.find((q) => q.key === `segment:${segment}`)!;
      expect(p.x).toBeGreaterThan(lane.x0);
      expect(p.x).toBeLessThan(lane.x1);
      expect(p.y).toBeGreaterThan(lane.y0);
      expect(p.y).toBeLessThan(lane.y1);
    }

    // Bigger group nodes: the largest is drawn larger than a company node can be in a lane
    // (0.46 of a cell), and only the strongest summed arcs are drawn (the budget is 1.5 per
    // segment node; ghost links rank last).
    const drawn = await page.evaluate(() => {
      const r = window.chainlens!.renderer()!;
      const g = window.chainlens!.graph()!;
      const sizes = g
        .filterNodes((_, a) => a.groupSegment !== undefined && a.groupSegment !== '')
        .map((k) => r.sigma.scaleSize(r.sigma.getNodeDisplayData(k)!.size));
      return {
        largest: Math.max(...sizes),
        cell: r.unitPixels(),
        arcs: g.filterEdges((_, a) => !a.hidden).length,
        total: Number(document.querySelector<HTMLElement>('#arc-note')!.dataset.total),
      };
    });
    expect(drawn.largest).toBeGreaterThan(drawn.cell * 0.46);
    const budget = Math.max(12, Math.round(sizes.size * AUTO_ARCS_PER_GROUP));
    expect(drawn.total).toBeGreaterThan(budget);
    expect(drawn.arcs).toBeLessThanOrEqual(budget);

    const { width, height, ink } = await graphInk('20-segment-view');
    expect(ink).toBeGreaterThan(width * height * 0.005);
  }, 240_000);

  it('expands one segment node into exactly its companies', async () => {
    const sizes = expectedSizes();
    // The segments that need the missing role: lithium salts (fed by lithium ore).
    const segment = 'lithium-salts';
    expect(sizes.get(segment)).toBeGreaterThan(0);
    const key = `segment:${segment}`;
    // Click the node on the canvas, then "Expand into companies".
    const at = await page.evaluate((k) => {
      const sigma = window.chainlens!.renderer()!.sigma;
      const a = window.chainlens!.graph()!.getNodeAttributes(k);
      return sigma.graphToViewport({ x: a.x, y: a.y });
    }, key);
    await page.locator('#graph').click({ position: { x: at.x, y: at.y } });
    await page.locator('[data-testid=expand]').waitFor();
    expect(await page.textContent('#panel-company')).toContain(
      `${sizes.get(segment)!.toLocaleString('en')} companies whose main segment it is`,
    );
    const before = await chainViews();
    const drawnBefore = await views(page);
    await page.click('[data-testid=expand]');
    await waitForView(page, drawnBefore, 120_000);
    await chainReady(before);

    const list = await nodes();
    const companies = list.filter((n) => n.company >= 0).map((n) => n.key);
    const expected = [...mainSegment].filter(([, s]) => s === segment).map(([id]) => id);
    expect(companies.sort()).toEqual(expected.sort());
    expect(list.some((n) => n.key === key)).toBe(false);
    // The other groups stay.
    const groups = list.filter((n) => n.company < 0 && n.ghost === null);
    expect(groups.length).toBe(sizes.size);
    // Every expanded company is in its lane, coloured by its segment.
    expect(list.filter((n) => n.company >= 0).every((n) => n.segment === segment)).toBe(true);

    // The ghost now links to the drawn companies that need it and to the segment nodes of the rest.
    const report = await page.evaluate(() => window.chainlens!.chain()!.report);
    const role = report.missingRoles.find((m) => m.segment === LEFT_OUT)!;
    const drawn = new Set(companies);
    const linked = new Set(
      role.neededBy.map((id) => (drawn.has(id) ? id : `segment:${mainSegment.get(id)}`)),
    );
    expect(new Set(await neighbours(`ghost:${LEFT_OUT}`))).toEqual(linked);

    const { width, height, ink } = await graphInk('21-segment-expanded');
    expect(ink).toBeGreaterThan(width * height * 0.005);
    expect(pageErrors).toEqual([]);
  }, 240_000);
});
