/**
 * The page of `chainlens compare --template ID --format html`: one self-contained HTML file (no
 * script runs, nothing is fetched, a Content-Security-Policy forbids both) with the province
 * tile-grid map of the ranking figure and the ranking table. The rows are embedded as a JSON
 * data block (`script#chainlens-compare`, never executed) so the page carries its figures.
 */
import type { RegionCompleteness } from '../../chain/compare.js';
import type { Translator } from '../../i18n/translator.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import { figureLabel, onProvinceGrid, provinceMapSvg } from './province-map.js';

export interface CompareHtmlInput {
  dataset: string;
  template: { id: string; name: string; segments: number };
  /** The ranking figure (the map's colour). */
  sortBy: 'coverage' | 'redundancy' | 'link' | 'path';
  minShare: number;
  /** Rows of `compareRegions` at level 1, ranked. */
  rows: readonly RegionCompleteness[];
  /** The generator's version, for the footer. */
  version: string;
}

const CSS = `
body{margin:0;color:#1f2328;font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1100px;margin:0 auto;padding:28px 32px 40px}
h1{font-size:24px;margin:0 0 6px}h2{font-size:17px;margin:28px 0 6px;border-bottom:1px solid #d8dee4;padding-bottom:5px}
.lede{color:#59636e;margin:4px 0 12px}
.figure{border:1px solid #d8dee4;border-radius:8px;padding:12px;display:inline-block}
.figure svg{display:block;max-width:100%;height:auto}
table{border-collapse:collapse;font-size:13px;margin-top:8px}
th,td{padding:5px 10px;border-bottom:1px solid #eaeef2;text-align:left;white-space:nowrap}
th{font-size:12px;color:#59636e;background:#f6f8fa}
td.num,th.num{text-align:right}
footer{margin-top:32px;color:#59636e;font-size:12px}
`;

/** The compare page (see the module comment), in `tr`'s language. */
export function renderCompareHtml(input: CompareHtmlInput, tr: Translator): string {
  const figure = figureLabel(tr, input.sortBy);
  const title = tr.t('map:compare.title', { chain: input.template.name, figure });
  const values = input.rows.map((r) => ({
    region: r.region,
    value: r.completeness[input.sortBy],
    label: tr.t('map:tile.detail', { rank: r.rank, firms: tr.firms(r.chainCompanies) }),
  }));
  const svg = provinceMapSvg(values, { tr, title, format: 'pct', domain: [0, 1] });
  const offGrid = input.rows.filter((r) => !onProvinceGrid(r.region)).map((r) => r.region);
  const head: Array<[string, boolean]> = [
    [tr.t('map:col.rank'), true],
    [tr.t('map:col.region'), false],
    [tr.t('map:col.companies'), true],
    [tr.t('map:col.chainCompanies'), true],
    ...(['coverage', 'redundancy', 'link', 'path'] as const).map((f): [string, boolean] => [
      figureLabel(tr, f),
      true,
    ]),
    [tr.t('map:col.upstream'), true],
    [tr.t('map:col.midstream'), true],
    [tr.t('map:col.downstream'), true],
  ];
  const num = (text: string, key?: string) =>
    `<td class="num"${key ? ` data-col="${key}"` : ''}>${h(text)}</td>`;
  const body = input.rows.map((r) => {
    const k = r.completeness;
    return (
      `<tr data-region="${h(r.region)}">${num(String(r.rank), 'rank')}<td>${h(r.region)}</td>` +
      num(tr.count(r.companies)) +
      num(tr.count(r.chainCompanies)) +
      (['coverage', 'redundancy', 'link', 'path'] as const)
        .map((f) => num(tr.pct(k[f]), f))
        .join('') +
      (['upstream', 'midstream', 'downstream'] as const)
        .map((s) => num(tr.pct(k.byStage[s].coverage)))
        .join('') +
      `</tr>`
    );
  });
  const data = {
    dataset: input.dataset,
    template: input.template,
    sortBy: input.sortBy,
    minShare: input.minShare,
    rows: input.rows.map((r) => ({
      region: r.region,
      rank: r.rank,
      value: r.completeness[input.sortBy],
    })),
  };
  return [
    '<!DOCTYPE html>',
    `<html lang="${tr.lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)} · Chainlens</title>`,
    `<style>${CSS.trim()}</style>`,
    '</head>',
    '<body><main>',
    `<h1>${h(title)}</h1>`,
    `<p class="lede">${h(
      tr.t('map:compare.lede', {
        dataset: input.dataset,
        n: tr.count(input.rows.length),
        figure,
        minShare: tr.pct(input.minShare, 0),
      }),
    )}</p>`,
    offGrid.length < input.rows.length ? `<div class="figure">${svg}</div>` : '',
    offGrid.length > 0
      ? `<p class="lede">${h(tr.t('map:offGrid', { names: tr.list(offGrid) }))}</p>`
      : '',
    `<h2>${h(tr.t('map:compare.ranking'))}</h2>`,
    `<table id="table-ranking"><thead><tr>${head.map(([t, n]) => `<th${n ? ' class="num"' : ''}>${h(t)}</th>`).join('')}</tr></thead><tbody>${body.join('')}</tbody></table>`,
    `<footer>${h(tr.t('map:compare.footer', { version: input.version }))}</footer>`,
    '</main>',
    `<script type="application/json" id="chainlens-compare">${jsonForScript(data)}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
