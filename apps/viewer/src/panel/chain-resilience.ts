/** The chain panel's resilience curves, drawn as SVG. */
import { el } from '../dom.js';
import type { ChainReport } from './report-types.js';
import { section } from './chain-parts.js';
import { figureLabel, measureWord } from './chain-sections.js';
import { t } from '../i18n.js';

export const SVG = 'http://www.w3.org/2000/svg';

export function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The resilience curves (redundancy-adjusted completeness as firms are removed). */
export function resilienceSection(report: ChainReport): HTMLElement {
  const { random, targeted, R } = report.resilience;
  const w = 300;
  const h = 110;
  const pad = { l: 30, r: 6, t: 6, b: 20 };
  const n = Math.max(random.length, targeted.length);
  const line = (values: number[], color: string, dash = '') => {
    const points = values
      .map((v, i) => {
        const x = pad.l + (n > 1 ? i / (n - 1) : 0) * (w - pad.l - pad.r);
        const y = pad.t + (1 - v) * (h - pad.t - pad.b);
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
    return svg('polyline', {
      points,
      fill: 'none',
      stroke: color,
      'stroke-width': 1.8,
      ...(dash ? { 'stroke-dasharray': dash } : {}),
    });
  };
  const chart = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img' });
  chart.append(
    svg('line', { x1: pad.l, y1: h - pad.b, x2: w - pad.r, y2: h - pad.b, stroke: '#c9d0d8' }),
    svg('line', { x1: pad.l, y1: pad.t, x2: pad.l, y2: h - pad.b, stroke: '#c9d0d8' }),
    line(random, '#3a7dc9'),
    line(targeted, '#c2312f', '4 3'),
  );
  const label = (x: number, y: number, text: string, anchor = 'start') => {
    const t = svg('text', { x, y, 'font-size': 9, fill: '#66717f', 'text-anchor': anchor });
    t.textContent = text;
    return t;
  };
  chart.append(
    label(pad.l - 3, pad.t + 7, '100%', 'end'),
    label(pad.l - 3, h - pad.b, '0', 'end'),
    label(pad.l, h - 6, t('viewer:resilience.axis')),
    label(w - pad.r, h - 6, String(n - 1), 'end'),
  );
  return section(
    figureLabel('resilience', t('viewer:resilience.title')),
    'resilience',
    chart,
    el(
      'p',
      { class: 'small' },
      el('span', { class: 'key random' }),
      `${t('viewer:resilience.random', { r: R.random.toFixed(3) })}  `,
      el('span', { class: 'key targeted' }),
      t('viewer:resilience.targeted', {
        by: measureWord(String(report.resilience.centrality ?? 'degree')),
        r: R.targeted.toFixed(3),
      }),
    ),
    el('p', { class: 'muted small' }, t('viewer:resilience.note')),
  );
}

/** The provenance warning when supply figures rest on inferred relations. */
