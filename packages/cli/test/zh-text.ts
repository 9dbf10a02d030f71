/**
 * Helpers shared by the tests of Chinese output: what is left of a text once the report's
 * names and ids are taken out (runs of English words), and the on-screen colour of the
 * province map's tiles.
 */
/// <reference lib="dom" />
import type { Browser, Page } from 'playwright-core';
import type { ChainReport } from '@chainlens/core';

/** Every name and id the report carries (companies, segments, template, cluster, dataset). */
export function dataWords(report: ChainReport): string[] {
  const words = new Set<string>([
    report.template.id,
    report.template.name,
    report.cluster.id,
    report.dataset.name,
  ]);
  for (const s of report.segments) {
    words.add(s.id).add(s.name);
    for (const m of s.members) words.add(m.company).add(m.name).add(m.region);
  }
  for (const list of [
    report.leaders,
    report.targets,
    report.targetsMaybeLocal ?? [],
    report.critical,
  ])
    for (const c of list) words.add(c.company).add(c.name).add(c.region);
  const more = report as unknown as { portfolio?: { picks: Array<{ name: string }> } };
  for (const p of more.portfolio?.picks ?? []) words.add(p.name);
  return [...words].filter((w) => w.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * Runs of three or more English words left in `text` once the report's names and ids, the
 * glossary's doc paths, the Latin symbols of the figures (K_cov, HHI, N_eff, R, θ) and the
 * format names (report.json, schemaVersion, Chainlens, Louvain, PageRank) are taken out.
 */
export function englishRuns(text: string, report: ChainReport): string[] {
  let t = text;
  for (const w of dataWords(report)) t = t.split(w).join(' ');
  t = t
    .replace(/docs\/chain-analysis\/[\w-]+\.md/g, ' ')
    .replace(/script#chainlens-report/g, ' ')
    .replace(
      /\b(K_(cov|red|link|path)|HHI|N_eff|R|r|θ|schemaVersion|report\.json|Chainlens|chainlens|Louvain|PageRank|Schneider|Hidalgo|et al)\b/g,
      ' ',
    );
  return [...t.matchAll(/[A-Za-z][A-Za-z'-]*(?:[\s,;:]+[A-Za-z][A-Za-z'-]*){2,}/g)].map(
    (m) => m[0],
  );
}

export const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/**
 * The on-screen colour of each tile of the map `svg` on `page`: a viewport screenshot decoded
 * in a blank page, read 7 px inside each tile's corner (clear of the rounding, outline and text).
 */
export async function tileColours(browser: Browser, page: Page, svg: string) {
  const points = await page.$$eval(`${svg} g.tile`, (gs) =>
    gs.map((g) => {
      const r = g.querySelector('rect')!.getBoundingClientRect();
      return {
        region: g.getAttribute('data-region')!,
        value: g.getAttribute('data-value')!,
        x: Math.round(r.left + 7),
        y: Math.round(r.top + 7),
        size: r.width,
      };
    }),
  );
  const png = (await page.screenshot()).toString('base64');
  const decoder = await browser.newPage();
  const pixels = await decoder.evaluate(
    async ({ b64, at }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.width;
      canvas.height = img.height;
      const g = canvas.getContext('2d')!;
      g.drawImage(img, 0, 0);
      return at.map(({ x, y }) => Array.from(g.getImageData(x, y, 1, 1).data.slice(0, 3)));
    },
    { b64: png, at: points },
  );
  await decoder.close();
  return points.map((p, i) => ({ ...p, rgb: pixels[i]! }));
}
