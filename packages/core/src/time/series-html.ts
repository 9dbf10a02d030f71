/**
 * The chain year by year as one self-contained HTML page (history.html of `chainlens diff
 * --every year --out DIR`): completeness and the local supply ratio drawn as lines over the
 * dates, and the table of every figure. Words from the `time` and `report` catalogues.
 */
import type { Translator } from '../i18n/translator.js';
import { dataHtml, escapeHtml as h } from '../report/render/escape.js';
import type { SeriesPoint } from './series.js';

const LINES = [
  ['coverage', '#1f6feb'],
  ['redundancy', '#8250df'],
  ['link', '#1a7f37'],
  ['path', '#bf8700'],
  ['localSupplyRatio', '#cf222e'],
] as const;

export interface SeriesPage {
  chain: string;
  region: string;
  points: SeriesPoint[];
}

function label(key: string, tr: Translator): string {
  return key === 'localSupplyRatio'
    ? tr.t('report:kpi.localSupply')
    : tr.t(`report:measureLabel.${key}`);
}

/** Width of a legend label in the chart's units (CJK characters count double). */
function textWidth(text: string): number {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0)! >= 0x2e80 ? 11 : 6.2;
  return w;
}

/** One date of the series as table cells (date, counts, the four completeness figures, local supply), for the page and the terminal alike. */
export function seriesCells(p: SeriesPoint, tr: Translator): string[] {
  return [
    p.date,
    tr.count(p.companies),
    tr.count(p.chainFirms),
    tr.count(p.segmentsPresent),
    tr.num(p.coverage),
    tr.num(p.redundancy),
    tr.num(p.link),
    tr.num(p.path),
    tr.pct(p.localSupplyRatio),
  ];
}

function chart(points: SeriesPoint[], tr: Translator): string {
  const [W, H, left, right, top, bottom] = [760, 340, 48, 16, 40, 40];
  const pw = W - left - right;
  const ph = H - top - bottom;
  const X = (i: number) => left + (points.length === 1 ? pw / 2 : (i * pw) / (points.length - 1));
  const Y = (v: number) => top + ph * (1 - v);
  const r1 = (x: number) => Math.round(x * 10) / 10;
  const out = [
    `<svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${h(tr.t('time:series.chartLabel'))}">`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1])
    out.push(
      `<line x1="${left}" y1="${r1(Y(t))}" x2="${W - right}" y2="${r1(Y(t))}" stroke="${t === 0 ? '#8c959f' : '#e3e6ea'}"/>` +
        `<text x="${left - 6}" y="${r1(Y(t) + 4)}" text-anchor="end" font-size="11">${t.toFixed(2)}</text>`,
    );
  points.forEach((p, i) =>
    out.push(
      `<text x="${r1(X(i))}" y="${H - bottom + 18}" text-anchor="middle" font-size="11">${h(p.date.endsWith('-12-31') ? p.date.slice(0, 4) : p.date)}</text>`,
    ),
  );
  let lx = left;
  LINES.forEach(([key, colour]) => {
    const pts = points
      .map((p, i) => (p[key] === null ? '' : `${r1(X(i))},${r1(Y(p[key]!))}`))
      .filter(Boolean);
    out.push(
      `<polyline data-series="${key}" points="${pts.join(' ')}" fill="none" stroke="${colour}" stroke-width="2.2"/>`,
      ...pts.map((xy) => {
        const [x, y] = xy.split(',');
        return `<circle cx="${x}" cy="${y}" r="3" fill="${colour}"/>`;
      }),
      `<g><line x1="${r1(lx)}" y1="14" x2="${r1(lx + 18)}" y2="14" stroke="${colour}" stroke-width="3"/>` +
        `<text x="${r1(lx + 22)}" y="18" font-size="11">${h(label(key, tr))}</text></g>`,
    );
    lx += 22 + textWidth(label(key, tr)) + 16;
  });
  out.push('</svg>');
  return out.join('');
}

/** The page (see the file's comment). */
export function renderSeriesHtml(page: SeriesPage, tr: Translator): string {
  const { points } = page;
  const first = points[0]?.date ?? '';
  const last = points[points.length - 1]?.date ?? '';
  const title = tr.t('time:series.title', {
    chain: page.chain,
    region: page.region,
    from: first,
    to: last,
  });
  const head = [
    tr.t('time:col.date'),
    tr.t('time:col.companies'),
    tr.t('time:col.chainFirms'),
    tr.t('time:col.present'),
    ...LINES.map(([key]) => label(key, tr)),
  ];
  const rows = points.map((p) =>
    seriesCells(p, tr)
      .map((c, i) => `<td${i > 0 ? ' class="n"' : ''}>${dataHtml(c)}</td>`)
      .join(''),
  );
  return [
    '<!doctype html>',
    `<html lang="${tr.lang}"><head><meta charset="utf-8"><title>${h(title)}</title>`,
    '<style>body{font:14px/1.5 system-ui,sans-serif;max-width:820px;margin:24px auto;padding:0 16px;color:#1f2328}' +
      'table{border-collapse:collapse;margin-top:16px}td,th{padding:3px 8px;border-bottom:1px solid #e3e6ea;text-align:left}' +
      'td{white-space:nowrap}.n{text-align:right;font-variant-numeric:tabular-nums}svg{width:100%;height:auto}</style></head><body>',
    `<h1>${h(title)}</h1>`,
    `<p>${h(tr.t('time:series.note'))}</p>`,
    chart(points, tr),
    `<table><thead><tr>${head.map((x) => `<th>${h(x)}</th>`).join('')}</tr></thead><tbody>`,
    ...rows.map((r) => `<tr>${r}</tr>`),
    '</tbody></table></body></html>',
    '',
  ].join('\n');
}
