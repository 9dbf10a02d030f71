/**
 * Table cells shared by the sections of report.html: company and name-list cells, status chips,
 * numeric cells and the table frame.
 */
import type { CompanyRef } from '../types.js';
import { STATUS_STYLE } from './chain-map.js';
import { dataHtml as dh, escapeHtml as h } from './escape.js';
import type { ReportIndex } from './model.js';
import type { Translator } from '../../i18n/translator.js';
import { companyName, count, statusLabel } from './model.js';
import { EN } from './words.js';

export function companyCell(c: CompanyRef): string {
  return `<td data-col="company"><span class="co">${dh(c.name)}</span><span class="id">${dh(c.company)}</span></td>`;
}

export function nameList(
  index: ReportIndex,
  ids: readonly string[],
  limit: number,
  label: (id: string, i: number) => string = (id) => companyName(index, id),
  tr: Translator = EN,
): string {
  if (ids.length === 0) return '<span class="dim">—</span>';
  const shown = ids.slice(0, limit).map((id, i) => dh(label(id, i)));
  const rest = ids.slice(limit).map((id, i) => dh(label(id, i + limit)));
  return (
    shown.join('、') +
    (rest.length > 0
      ? ` <details><summary>${h(tr.t('report:more', { n: count(rest.length) }))}</summary>${rest.join('、')}</details>`
      : '')
  );
}

export function statusChip(status: string, tr: Translator): string {
  const st = STATUS_STYLE[status as keyof typeof STATUS_STYLE] ?? STATUS_STYLE.absent;
  const label = statusLabel(status, tr);
  return `<span class="chip" style="background:${st.fill};border-color:${st.stroke}">${h(label)}</span>`;
}

export function tableHtml(
  id: string,
  head: Array<[string, boolean?]>,
  rows: string[],
  cls = '',
): string {
  return `<table id="${id}"${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map(([t, num]) => `<th${num ? ' class="num"' : ''}>${t}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

export const num = (text: string, col?: string) =>
  `<td class="num"${col ? ` data-col="${h(col)}"` : ''}>${text}</td>`;

/** The glossary entry of each weak-link kind (its label's tooltip). */
export const KIND_GLOSSARY: Record<string, string> = {
  'single-source': 'singleSource',
  concentrated: 'concentrated',
  'cut-point': 'cutPoint',
  bridge: 'bridge',
  'external-only': 'externalOnly',
};
