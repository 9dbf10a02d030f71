/** The legend: node colours (click to hide or show a category), edge colours, what size means. */
import { RELATION_TYPES } from '@chainlens/core';
import type { RelationType } from '@chainlens/core';
import { count, el, replace } from '../dom.js';
import type { LegendEntry } from '../graph/style.js';
import { EDGE_COLORS } from '../graph/style.js';

export function renderLegend(
  root: HTMLElement,
  title: string,
  entries: LegendEntry[],
  hidden: Set<string>,
  toggle: (key: string) => void,
  edgeTypes: RelationType[],
  sizeNote: string,
): void {
  const swatch = (color: string) => {
    const s = el('span', { class: 'swatch' });
    s.style.background = color;
    return s;
  };
  const line = (color: string) => {
    const s = el('span', { class: 'line' });
    s.style.background = color;
    return s;
  };
  replace(
    root,
    el('div', { class: 'legend-title' }, title),
    el(
      'ul',
      { class: 'legend', attrs: { 'data-testid': 'legend' } },
      ...entries.map((e) =>
        el(
          'li',
          {
            class: hidden.has(e.key) ? 'off' : '',
            title: hidden.has(e.key) ? 'click to show' : 'click to hide',
            on: { click: () => toggle(e.key) },
          },
          swatch(e.color),
          el('span', { class: 'label' }, e.label),
          el('span', { class: 'count' }, count(e.count)),
        ),
      ),
    ),
    el(
      'ul',
      { class: 'legend edges' },
      ...RELATION_TYPES.filter((t) => edgeTypes.includes(t)).map((t) =>
        el(
          'li',
          null,
          line(EDGE_COLORS[t]),
          el('span', { class: 'label' }, t === 'inferred-supply' ? 'inferred supply (derived)' : t),
        ),
      ),
    ),
    el('p', { class: 'muted small' }, sizeNote),
  );
}
