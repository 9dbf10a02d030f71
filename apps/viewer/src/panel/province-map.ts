/**
 * The chain panel's "among provinces" section: core's province tile-grid map of every
 * province's completeness in the chosen template (the report's `regions`, which the worker's
 * `analyze()` computes with core's `compareRegions`, as `chainlens compare` does), the studied
 * region's province outlined. A tile grid draws no boundaries, so it needs no boundary data and
 * raises no standard-map (审图号) question (see core report/render/province-map.ts).
 *
 * The SVG is core's string, whose every text went through `escapeHtml`; it enters the page
 * through the XML parser as SVG nodes (never as HTML), so a name cannot add markup.
 */
import type { Translator } from '@chainlens/core';
import {
  createTranslator,
  figureLabel,
  onProvinceGrid,
  provinceMapSvg,
  regionParts,
  regionValues,
} from '@chainlens/core';
import { el } from '../dom.js';
import type { ChainReport } from './report-types.js';

/** The map as SVG nodes of this document (a note instead if it does not parse). */
function svgNode(markup: string, tr: Translator): Node {
  const doc = new DOMParser().parseFromString(markup, 'image/svg+xml');
  const root = doc.documentElement;
  if (root.nodeName !== 'svg' || doc.getElementsByTagName('parsererror').length > 0)
    return el('p', { class: 'error' }, tr.t('map:viewer.error'));
  const node = document.importNode(root, true) as unknown as SVGSVGElement;
  node.style.maxWidth = '100%';
  node.style.height = 'auto';
  return node;
}

/** The province whose tile is outlined: the first part of a region cluster's path. */
function clusterProvince(report: ChainReport): string | undefined {
  const id = report.cluster.id;
  return id.startsWith('region:') ? regionParts(id.slice('region:'.length))[0] : undefined;
}

/** The section, or null when the report carries no figures of China's provinces. */
export function provinceMapSection(
  report: ChainReport,
  tr: Translator = createTranslator('en'),
): HTMLElement | null {
  const regions = report.regions;
  if (!regions || !regions.rows.some((r) => onProvinceGrid(r.region))) return null;
  const figure = figureLabel(tr, regions.figure);
  const province = clusterProvince(report);
  const svg = provinceMapSvg(regionValues(regions, tr), {
    tr,
    title: tr.t('map:compare.title', { chain: report.template.name, figure }),
    format: 'pct',
    domain: [0, 1],
    ...(province ? { highlight: province } : {}),
  });
  return el(
    'details',
    { class: 'chain-section', attrs: { open: '', 'data-testid': 'province-map' } },
    el('summary', null, tr.t('map:viewer.title')),
    el('p', { class: 'muted small' }, tr.t('map:viewer.note')),
    el('div', { class: 'province-map-figure' }, svgNode(svg, tr)),
  );
}
