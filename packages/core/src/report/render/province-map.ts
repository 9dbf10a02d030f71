/**
 * A tile-grid map of China's province-level divisions: one square per division at its usual
 * grid position (north-east top right, Hainan, Hong Kong and Macao at the bottom), coloured by a
 * figure, with the value in the square. Pure string functions (inline SVG), so report.html, the
 * `compare --format html` page and the viewer draw the same map.
 *
 * Why a tile grid and not a boundary map: it needs no boundary data (nothing to license, nothing
 * to fetch), draws no border at all (so no disputed or missing border), and is therefore not a
 * map in the sense of the 地图管理条例 / 标准地图 rules: no 审图号 (map review number) is needed
 * to publish it. Every division has the same weight on the page, which suits a ranking of
 * provinces better than an area map where 新疆 and 西藏 dominate. All 34 province-level units are
 * drawn (the 31 of the NBS code list in ../shared/datasets/cn-admin-divisions, plus 台湾, 香港,
 * 澳门), named as the datasets write the first part of a region path (`内蒙古`, `广西`, `新疆`).
 */
import type { Translator } from '../../i18n/translator.js';
import { regionParts } from '../../graph/cluster.js';
import type { ChainReport, ReportRegions } from '../types.js';
import { wrapText } from './chain-map.js';
import { escapeHtml } from './escape.js';
import type { ReportIndex } from './model.js';

/**
 * Escapes text for the SVG and drops what XML 1.0 cannot hold (C0 controls but tab and line
 * breaks, lone surrogates, U+FFFE/FFFF), so the viewer's XML parser always reads the map.
 */
const h = (text: unknown): string =>
  escapeHtml(
    String(text).replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
      '',
    ),
  );

/** A province-level division at its grid position (column 0 = west, row 0 = north). */
export interface GridTile {
  name: string;
  col: number;
  row: number;
}

/** The 34 province-level divisions, row by row (7 columns × 8 rows). */
export const PROVINCE_GRID: readonly GridTile[] = [
  ['黑龙江', 6, 0],
  ['内蒙古', 3, 1],
  ['北京', 4, 1],
  ['辽宁', 5, 1],
  ['吉林', 6, 1],
  ['新疆', 0, 2],
  ['甘肃', 1, 2],
  ['宁夏', 2, 2],
  ['山西', 3, 2],
  ['河北', 4, 2],
  ['天津', 5, 2],
  ['西藏', 0, 3],
  ['青海', 1, 3],
  ['陕西', 2, 3],
  ['河南', 3, 3],
  ['山东', 4, 3],
  ['四川', 1, 4],
  ['重庆', 2, 4],
  ['湖北', 3, 4],
  ['安徽', 4, 4],
  ['江苏', 5, 4],
  ['上海', 6, 4],
  ['云南', 1, 5],
  ['贵州', 2, 5],
  ['湖南', 3, 5],
  ['江西', 4, 5],
  ['浙江', 5, 5],
  ['广西', 2, 6],
  ['广东', 3, 6],
  ['福建', 4, 6],
  ['台湾', 5, 6],
  ['海南', 1, 7],
  ['澳门', 2, 7],
  ['香港', 3, 7],
].map(([name, col, row]) => ({ name, col, row }) as GridTile);

const GRID_NAMES = new Set(PROVINCE_GRID.map((t) => t.name));

/** True when `region`'s first path part is one of the grid's divisions. */
export function onProvinceGrid(region: string): boolean {
  return GRID_NAMES.has(regionParts(region)[0] ?? '');
}

/** One figure of a division; `value` null = no data; `label` adds a detail to the tooltip. */
export interface ProvinceValue {
  region: string;
  value: number | null;
  label?: string;
}

export interface ProvinceMapOptions {
  tr: Translator;
  /** Heading drawn above the grid (also the SVG's accessible name). */
  title: string;
  /** `pct` (84.6%), `num` (0.85) or a function; the values in the squares and the legend. */
  format: 'pct' | 'num' | ((value: number) => string);
  /** `domain` [min, max] [the values' extent]: the values at the two ends of the colour scale. */
  domain?: readonly [number, number];
  /** A division to outline (a region path: its first part). */
  highlight?: string;
}

/**
 * ColorBrewer YlGnBu (9 classes, Cynthia Brewer, Apache-2.0): a sequential scale whose
 * lightness falls from one end to the other, readable in print and for most colour vision.
 */
const STOPS = [
  '#ffffd9',
  '#edf8b1',
  '#c7e9b4',
  '#7fcdbb',
  '#41b6c4',
  '#1d91c0',
  '#225ea8',
  '#253494',
  '#081d58',
].map((c) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) as [number, number, number]);

/** Fill of a tile without a value. */
export const NO_DATA_FILL = '#e6e8eb';

const hex = (rgb: readonly number[]) =>
  `#${rgb.map((x) => Math.round(x).toString(16).padStart(2, '0')).join('')}`;

/** The scale's colour at `t` ∈ [0, 1] (clamped), as `#rrggbb`. */
export function rampColour(t: number): string {
  const x = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0)) * (STOPS.length - 1);
  const i = Math.min(STOPS.length - 2, Math.floor(x));
  const f = x - i;
  const a = STOPS[i]!;
  const b = STOPS[i + 1]!;
  return hex(a.map((v, k) => v + (b[k]! - v) * f));
}

/** The colour of `value` on the scale over `domain`; the no-data grey for null. */
export function provinceColour(value: number | null, domain: readonly [number, number]): string {
  if (value === null || !Number.isFinite(value)) return NO_DATA_FILL;
  const [lo, hi] = domain;
  return rampColour(hi > lo ? (value - lo) / (hi - lo) : 0.5);
}

/** WCAG relative luminance of `#rrggbb` (0 black – 1 white). */
export function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(colour.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The domain a map uses: `options.domain`, else the extent of the finite values ([0, 1] if none). */
export function mapDomain(
  values: readonly ProvinceValue[],
  domain?: readonly [number, number],
): [number, number] {
  if (domain) return [domain[0], domain[1]];
  const xs = values
    .filter((v) => onProvinceGrid(v.region))
    .map((v) => v.value)
    .filter((v): v is number => v !== null && Number.isFinite(v));
  return xs.length === 0 ? [0, 1] : [Math.min(...xs), Math.max(...xs)];
}

function formatter(tr: Translator, format: ProvinceMapOptions['format']): (v: number) => string {
  if (format === 'pct') return (v) => tr.pct(v);
  if (format === 'num') return (v) => tr.num(v, 2);
  return format;
}

const TILE = 58;
const GAP = 4;
const STEP = TILE + GAP;
const PAD = 12;
const TITLE_LINE = 19;
const FONT =
  'system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif';

/**
 * The tile-grid map as an SVG string: one `<g class="tile" data-region data-value>` per division
 * (34), its square filled by the value's colour (grey with '—' when there is no value), the name
 * and the formatted value inside and a `<title>` tooltip; the highlighted division outlined;
 * below, the colour scale from the domain's low to high end, a no-data swatch and the note that
 * this is a tile grid. Values of regions not on the grid are not drawn (callers say which).
 */
export function provinceMapSvg(
  values: readonly ProvinceValue[],
  options: ProvinceMapOptions,
): string {
  const { tr } = options;
  const fmt = formatter(tr, options.format);
  const domain = mapDomain(values, options.domain);
  const byName = new Map<string, ProvinceValue>();
  for (const v of values) {
    const name = regionParts(v.region)[0];
    if (name !== undefined && GRID_NAMES.has(name) && !byName.has(name)) byName.set(name, v);
  }
  const highlight =
    options.highlight === undefined ? '' : (regionParts(options.highlight)[0] ?? '');
  const cols = Math.max(...PROVINCE_GRID.map((t) => t.col)) + 1;
  const rows = Math.max(...PROVINCE_GRID.map((t) => t.row)) + 1;
  const gridW = cols * STEP - GAP;
  const W = Math.max(gridW + 2 * PAD, 440);
  const x0 = (W - gridW) / 2;
  const titleLines = wrapText(options.title, W - 2 * x0, 14, 2);
  const TOP = 14 + TITLE_LINE * titleLines.length;
  const legendY = TOP + rows * STEP + 14;
  const note = wrapText(tr.t('map:grid.note'), W - 2 * x0, 11, 3);
  const H = legendY + 44 + 14 * note.length;

  const tiles = PROVINCE_GRID.map((t) => {
    const v = byName.get(t.name);
    const value = v && v.value !== null && Number.isFinite(v.value) ? v.value : null;
    const fill = provinceColour(value, domain);
    const ink = value !== null && luminance(fill) < 0.3 ? '#ffffff' : '#1f2328';
    const text = value === null ? tr.t('common:unknown') : fmt(value);
    const tip = v?.label
      ? tr.t('map:tile.titleDetail', { name: t.name, value: text, detail: v.label })
      : tr.t('map:tile.title', { name: t.name, value: text });
    const x = x0 + t.col * STEP;
    const y = TOP + t.row * STEP;
    const on = t.name === highlight;
    return (
      `<g class="tile${on ? ' highlight' : ''}" data-region="${h(t.name)}" data-value="${value === null ? '' : String(value)}">` +
      `<title>${h(tip)}</title>` +
      `<rect x="${x}" y="${y}" width="${TILE}" height="${TILE}" rx="4" fill="${fill}" stroke="${on ? '#d62728' : '#ffffff'}" stroke-width="${on ? 3 : 1}"/>` +
      `<text x="${x + TILE / 2}" y="${y + 24}" text-anchor="middle" style="font-size:13px;font-weight:${on ? 700 : 500};fill:${ink}">${h(t.name)}</text>` +
      `<text x="${x + TILE / 2}" y="${y + 43}" text-anchor="middle" style="font-size:12px;font-weight:600;fill:${ink}">${h(text)}</text>` +
      `</g>`
    );
  });

  // Legend: the gradient drawn as 40 steps (no <defs> id that could clash on a page with two maps).
  const barW = 200;
  const steps = 40;
  const lx = x0;
  const ramp = Array.from(
    { length: steps },
    (_, i) =>
      `<rect x="${(lx + (i * barW) / steps).toFixed(1)}" y="${legendY}" width="${(barW / steps + 0.5).toFixed(1)}" height="12" fill="${rampColour(i / (steps - 1))}"/>`,
  ).join('');
  const small = 'font-size:11.5px;fill:#59636e';
  const legend =
    `<g class="legend" data-low="${domain[0]}" data-high="${domain[1]}">${ramp}` +
    `<text x="${lx}" y="${legendY + 27}" style="${small}">${h(fmt(domain[0]))}</text>` +
    `<text x="${lx + barW}" y="${legendY + 27}" text-anchor="end" style="${small}">${h(fmt(domain[1]))}</text>` +
    `<rect x="${lx + barW + 24}" y="${legendY}" width="12" height="12" rx="2" fill="${NO_DATA_FILL}"/>` +
    `<text x="${lx + barW + 42}" y="${legendY + 10}" style="${small}">${h(tr.t('map:legend.noData'))}</text>` +
    (highlight && GRID_NAMES.has(highlight)
      ? `<rect x="${lx + barW + 24}" y="${legendY + 18}" width="12" height="12" rx="2" fill="none" stroke="#d62728" stroke-width="2"/>` +
        `<text x="${lx + barW + 42}" y="${legendY + 28}" style="${small}">${h(tr.t('map:legend.highlight', { name: highlight }))}</text>`
      : '') +
    note
      .map(
        (line, i) =>
          `<text x="${lx}" y="${legendY + 50 + 14 * i}" style="font-size:11px;fill:#59636e">${h(line)}</text>`,
      )
      .join('') +
    `</g>`;
  return (
    `<svg class="province-map" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${h(options.title)}" style="font-family:${h(FONT)}">` +
    titleLines
      .map(
        (line, i) =>
          `<text x="${x0}" y="${20 + TITLE_LINE * i}" style="font-size:14px;font-weight:650;fill:#1f2328">${h(line)}</text>`,
      )
      .join('') +
    tiles.join('') +
    legend +
    `</svg>`
  );
}

/** The figure a report's regional rows are mapped by, as the map's label. */
export function figureLabel(
  tr: Translator,
  figure: 'coverage' | 'redundancy' | 'link' | 'path',
): string {
  return tr.t(`map:figure.${figure}`);
}

/** The map's values from a report's regional rows (one figure), with rank and chain firms as detail. */
export function regionValues(regions: ReportRegions, tr: Translator): ProvinceValue[] {
  return regions.rows.map((r) => ({
    region: r.region,
    value: r[regions.figure],
    label: tr.t('map:tile.detail', { rank: r.rank, firms: tr.firms(r.chainCompanies) }),
  }));
}

/**
 * report.html's section "the cluster among regions": the map of the report's `regions` figure
 * for every province, the cluster's province outlined, its rank in one sentence. '' when the
 * report carries no `regions` (older reports) or none of them is a province on the grid.
 */
export function provinceSection(report: ChainReport, index: ReportIndex, tr: Translator): string {
  void index;
  const regions = report.regions;
  // No section for a dataset whose regions are not China's provinces (countries, say).
  if (!regions || !regions.rows.some((r) => onProvinceGrid(r.region))) return '';
  const figure = figureLabel(tr, regions.figure);
  const clusterPath = report.cluster.id.startsWith('region:')
    ? report.cluster.id.slice('region:'.length)
    : null;
  const parts = clusterPath === null ? [] : regionParts(clusterPath);
  const province = parts[0];
  const row = province === undefined ? undefined : regions.rows.find((r) => r.region === province);
  let where: string;
  if (!row) where = tr.t('map:section.noRegion');
  else {
    const vars = {
      region: province,
      rank: row.rank,
      n: regions.rows.length,
      value: tr.pct(row[regions.figure]),
    };
    where = tr.t(parts.length > 1 ? 'map:section.within' : 'map:section.rank', vars);
  }
  const offGrid = regions.rows.filter((r) => !onProvinceGrid(r.region)).map((r) => r.region);
  const svg = provinceMapSvg(regionValues(regions, tr), {
    tr,
    title: tr.t('map:compare.title', { chain: report.template.name, figure }),
    format: 'pct',
    domain: [0, 1],
    ...(row ? { highlight: row.region } : {}),
  });
  return (
    `<section id="regions"><h2>${h(tr.t('map:section.title'))}</h2>` +
    // Chinese sentences follow one another without a space.
    `<p class="lede">${h(tr.t('map:section.lede', { figure, chain: report.template.name }))}${tr.lang === 'zh-CN' ? '' : ' '}${h(where)}</p>` +
    `<div class="figure">${svg}</div>` +
    (offGrid.length > 0
      ? `<p class="lede">${h(tr.t('map:offGrid', { names: tr.list(offGrid) }))}</p>`
      : '') +
    `</section>`
  );
}
