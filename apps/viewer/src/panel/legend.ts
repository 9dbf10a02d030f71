/** The legend: node colours (click to hide or show a category), edge colours, what size means. */
import { RELATION_TYPES } from '@chainlens/core';
import type { RelationType } from '@chainlens/core';
import { count, el, replace } from '../dom.js';
import { t } from '../i18n.js';
import type { LegendEntry } from '../graph/style.js';
import { EDGE_COLORS } from '../graph/style.js';

/** The chain marks on the graph (with a chain report). */
export interface ChainLegend {
  ghosts: number;
  weakCompanies: number;
  bridges: number;
  /** A what-if is shown (removed / cut-off colours). */
  marks: boolean;
  colors: { warn: string; ghostFill: string; ghostRing: string; removed: string; cutOff: string };
}

export function renderLegend(
  root: HTMLElement,
  title: string,
  entries: LegendEntry[],
  hidden: Set<string>,
  toggle: (key: string) => void,
  edgeTypes: RelationType[],
  sizeNote: string,
  chain: ChainLegend | null = null,
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
  const ring = (fill: string, color: string, dashed: boolean) => {
    const s = el('span', { class: 'swatch ring' });
    s.style.background = fill;
    s.style.border = `2px ${dashed ? 'dashed' : 'solid'} ${color}`;
    return s;
  };
  const chainItems: HTMLElement[] = [];
  if (chain) {
    const c = chain.colors;
    if (chain.ghosts) {
      chainItems.push(
        el(
          'li',
          null,
          ring(c.ghostFill, c.ghostRing, true),
          el('span', { class: 'label' }, t('viewer:legend.ghost')),
          el('span', { class: 'count' }, count(chain.ghosts)),
        ),
      );
    }
    if (chain.weakCompanies) {
      chainItems.push(
        el(
          'li',
          null,
          ring('#ffffff', c.warn, false),
          el('span', { class: 'label' }, t('viewer:legend.weakCompany')),
          el('span', { class: 'count' }, count(chain.weakCompanies)),
        ),
      );
    }
    if (chain.bridges) {
      chainItems.push(
        el(
          'li',
          null,
          line(c.warn),
          el('span', { class: 'label' }, t('viewer:legend.bridge')),
          el('span', { class: 'count' }, count(chain.bridges)),
        ),
      );
    }
    if (chain.marks) {
      chainItems.push(
        el(
          'li',
          null,
          ring(c.removed, c.cutOff, false),
          el('span', { class: 'label' }, t('viewer:legend.fails')),
        ),
        el(
          'li',
          null,
          ring(c.cutOff, c.removed, false),
          el('span', { class: 'label' }, t('viewer:legend.cutOff')),
        ),
      );
    }
  }
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
            title: hidden.has(e.key) ? t('viewer:legend.show') : t('viewer:legend.hide'),
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
      ...RELATION_TYPES.filter((type) => edgeTypes.includes(type)).map((type) =>
        el(
          'li',
          null,
          line(EDGE_COLORS[type]),
          el(
            'span',
            { class: 'label' },
            type === 'inferred-supply' ? t('viewer:legend.inferred') : t(`viewer:relation.${type}`),
          ),
        ),
      ),
    ),
    chainItems.length
      ? el('ul', { class: 'legend edges', attrs: { 'data-testid': 'chain-legend' } }, ...chainItems)
      : null,
    el('p', { class: 'muted small' }, sizeNote),
  );
}
