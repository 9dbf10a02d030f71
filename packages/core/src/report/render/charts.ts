/**
 * The two charts of report.html as inline SVG: completeness by stage (horizontal bars) and the
 * resilience curves (lines). Both have fixed [0, 1] domains, so the axes are a few fixed ticks;
 * drawing them directly keeps report.html free of script (it renders with JavaScript off, in
 * mail previews and when printed) and adds no bytes of charting library.
 */
import { STAGES } from '../../graph/types.js';
import type { ChainReport } from '../types.js';
import { escapeHtml as h } from './escape.js';
import type { Translator } from '../../i18n/translator.js';
import { fixed, measureText, orderName, pct, resilienceX, stageTitle } from './model.js';
import { EN } from './words.js';

/** Series colours (Tableau 10 blue and orange-red, distinguishable in print and for most colour vision). */
export const SERIES = {
  coverage: '#4c78a8',
  redundancy: '#9ecae9',
  random: '#4c78a8',
  targeted: '#e45756',
};

const r1 = (x: number) => Math.round(x * 10) / 10;

/** The completeness bar chart: coverage and redundancy for the whole chain and each stage, then link and path. */
export function completenessChart(report: ChainReport, tr: Translator = EN): string {
  const k = report.completeness;
  type Row = {
    label: string;
    note: string;
    bars: Array<{ key: 'coverage' | 'redundancy'; value: number | null }>;
  };
  const rows: Row[] = [
    {
      label: tr.t('report:chart.wholeChain'),
      note: tr.t('report:chart.segments', { present: k.segments.present, all: k.segments.all }),
      bars: [
        { key: 'coverage', value: k.coverage },
        { key: 'redundancy', value: k.redundancy },
      ],
    },
  ];
  for (const stage of STAGES) {
    const f = k.byStage?.[stage];
    if (!f || f.segments === 0) continue;
    rows.push({
      label: stageTitle(stage, tr),
      note: tr.t('report:chart.segments', { present: f.present, all: f.segments }),
      bars: [
        { key: 'coverage', value: f.coverage },
        { key: 'redundancy', value: f.redundancy },
      ],
    });
  }
  const singles = [
    {
      label: tr.t('report:chart.link'),
      note: `K_link · ${k.feeds.present}/${k.feeds.all}`,
      value: k.link,
    },
    {
      label: tr.t('report:chart.path'),
      note: `K_path · ${k.paths.present}/${k.paths.all}`,
      value: k.path,
    },
  ];
  const W = 560;
  const left = 128;
  const right = 56;
  const plot = W - left - right;
  const barH = 13;
  const groupH = 2 * barH + 20;
  const top = 34;
  const H = top + rows.length * groupH + 10 + singles.length * (barH + 20) + 24;
  const x = (v: number) => left + Math.max(0, Math.min(1, v)) * plot;
  const out: string[] = [
    `<svg class="chart chart-completeness" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${h(tr.t('report:h.completenessByStage'))}">`,
  ];
  // Legend.
  out.push(
    `<g class="legend-svg"><rect x="${left}" y="6" width="12" height="12" fill="${SERIES.coverage}"/><text x="${left + 17}" y="16.5">${h(measureText('coverage', tr))}</text>` +
      `<rect x="${left + 130}" y="6" width="12" height="12" fill="${SERIES.redundancy}"/><text x="${left + 147}" y="16.5">${h(measureText('redundancy', tr))} (r = ${h(report.parameters.redundancy)})</text></g>`,
  );
  const bottom = H - 22;
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(
      `<line class="grid" x1="${r1(x(t))}" y1="${top - 6}" x2="${r1(x(t))}" y2="${bottom}" stroke="${t === 0 ? '#8c959f' : '#e3e6ea'}"/>` +
        `<text class="tick" x="${r1(x(t))}" y="${bottom + 15}" text-anchor="middle">${t * 100}%</text>`,
    );
  }
  let y = top;
  const bar = (key: string, value: number | null, fill: string, yy: number, label: string) => {
    const v = value ?? 0;
    out.push(
      `<rect class="bar" data-series="${h(key)}" data-value="${value ?? ''}" x="${left}" y="${r1(yy)}" width="${r1(Math.max(value == null ? 0 : 1.5, x(v) - left))}" height="${barH}" fill="${fill}"><title>${h(label)}: ${pct(value)}</title></rect>` +
        `<text class="value" x="${r1(x(v) + 5)}" y="${r1(yy + barH - 2.5)}">${pct(value, 0)}</text>`,
    );
  };
  for (const row of rows) {
    out.push(
      `<text class="row-label" x="${left - 10}" y="${y + barH}" text-anchor="end">${h(row.label)}</text>` +
        `<text class="row-note" x="${left - 10}" y="${y + barH + 14}" text-anchor="end">${h(row.note)}</text>`,
    );
    row.bars.forEach((b, i) =>
      bar(b.key, b.value, SERIES[b.key], y + i * barH, `${row.label} ${b.key}`),
    );
    y += groupH;
  }
  y += 10;
  out.push(
    `<line x1="${left - 100}" y1="${y - 14}" x2="${W - right}" y2="${y - 14}" stroke="#eaeef2"/>`,
  );
  for (const s of singles) {
    out.push(
      `<text class="row-label" x="${left - 10}" y="${y + barH - 2}" text-anchor="end">${h(s.label)}</text>` +
        `<text class="row-note" x="${left - 10}" y="${y + barH + 12}" text-anchor="end">${h(s.note)}</text>`,
    );
    bar(s.label, s.value, '#59a14f', y, s.label);
    y += barH + 20;
  }
  out.push('</svg>');
  return out.join('');
}

/** The resilience chart: completeness against the share of chain firms removed, random and targeted. */
export function resilienceChart(report: ChainReport, tr: Translator = EN): string {
  const r = report.resilience;
  const xs = resilienceX(report);
  const W = 560;
  const H = 300;
  const m = { left: 52, right: 18, top: 40, bottom: 44 };
  const pw = W - m.left - m.right;
  const ph = H - m.top - m.bottom;
  const all = [...r.random, ...r.targeted].filter((v) => Number.isFinite(v));
  const yMax = Math.max(1, ...all);
  const X = (v: number) => m.left + v * pw;
  const Y = (v: number) => m.top + ph - (v / yMax) * ph;
  const out: string[] = [
    `<svg class="chart chart-resilience" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${h(tr.t('report:chart.resilienceAria'))}">`,
  ];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(
      `<line class="grid" x1="${m.left}" y1="${r1(Y(t * yMax))}" x2="${W - m.right}" y2="${r1(Y(t * yMax))}" stroke="${t === 0 ? '#8c959f' : '#e3e6ea'}"/>` +
        `<text class="tick" x="${m.left - 8}" y="${r1(Y(t * yMax) + 4)}" text-anchor="end">${pct(t * yMax, 0)}</text>` +
        `<line x1="${r1(X(t))}" y1="${m.top + ph}" x2="${r1(X(t))}" y2="${m.top + ph + 5}" stroke="#8c959f"/>` +
        `<text class="tick" x="${r1(X(t))}" y="${m.top + ph + 19}" text-anchor="middle">${t * 100}%</text>`,
    );
  }
  out.push(
    `<text class="axis-title" x="${m.left + pw / 2}" y="${H - 6}" text-anchor="middle">${h(tr.t('report:chart.removed'))}</text>` +
      `<text class="axis-title" transform="translate(13 ${m.top + ph / 2}) rotate(-90)" text-anchor="middle">${h(tr.t('report:chart.completeness'))}</text>`,
  );
  const series: Array<['random' | 'targeted', number[], string]> = [
    ['random', r.random, tr.t('report:chart.random', { r: fixed(r.R.random) })],
    [
      'targeted',
      r.targeted,
      tr.t('report:chart.targeted', {
        order: orderName(report.parameters.resilienceOrder, tr),
        r: fixed(r.R.targeted),
      }),
    ],
  ];
  series.forEach(([key, ys, label], i) => {
    const pts = ys
      .map((v, j) =>
        Number.isFinite(v) && xs[j] !== undefined ? `${r1(X(xs[j]!))},${r1(Y(v))}` : '',
      )
      .filter(Boolean);
    if (pts.length > 0) {
      const area = `M${pts[0]!.split(',')[0]},${r1(Y(0))} L${pts.join(' L')} L${pts[pts.length - 1]!.split(',')[0]},${r1(Y(0))} Z`;
      out.push(
        `<path class="area" d="${area}" fill="${SERIES[key]}" fill-opacity="0.08"/>` +
          `<polyline class="line" data-series="${key}" data-points="${ys.length}" points="${pts.join(' ')}" fill="none" stroke="${SERIES[key]}" stroke-width="2.2" stroke-linejoin="round"/>`,
      );
    }
    const lx = m.left + i * 250;
    out.push(
      `<g class="legend-svg"><line x1="${lx}" y1="16" x2="${lx + 20}" y2="16" stroke="${SERIES[key]}" stroke-width="3"/><text x="${lx + 26}" y="20">${h(label)}</text></g>`,
    );
  });
  out.push('</svg>');
  return out.join('');
}
