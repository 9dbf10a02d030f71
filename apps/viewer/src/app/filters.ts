/**
 * The Filters section of the left column: range filters (graph/filters.ts) on a metric, a
 * numeric company column or the link weight, each with a dual-handle slider (two range inputs,
 * arrow keys move them) and two number boxes; a reset; the count of what is shown; the label
 * density. Filters combine with the legend's hidden colours (view.ts applyHidden) and are kept
 * in the URL (url.ts).
 */
import { count, el, must, replace } from '../dom.js';
import { t } from '../i18n.js';
import type { RangeFilter } from '../graph/filters.js';
import {
  METRIC_KEYS,
  NUMERIC_PREFIX,
  WEIGHT_KEY,
  countShown,
  filtering,
  valueRange,
} from '../graph/filters.js';
import { setStatus } from './status.js';
import { app, layout, state } from './state.js';
import { writeHash } from './url.js';
import { applyHidden, loadBetweenness, nodeHidden } from './view.js';

const root = must('#filters');
/** Above this many links a slider applies when released, not while it moves. */
const LIVE_LINKS = 30_000;
/** Slider steps between the lowest and the highest value of the view. */
const STEPS = 1000;

/** The keys a filter can use in the current view, with their names. */
export function filterKeys(): { key: string; label: string; group: string }[] {
  const out: { key: string; label: string; group: string }[] = [];
  for (const key of METRIC_KEYS) {
    if (key === 'companies' && state.data?.mode !== 'aggregated') continue;
    out.push({ key, label: keyLabel(key), group: 'metrics' });
  }
  for (const column of state.summary?.numericAttributes ?? []) {
    const key = `${NUMERIC_PREFIX}${column}`;
    out.push({ key, label: keyLabel(key), group: 'attributes' });
  }
  out.push({ key: WEIGHT_KEY, label: keyLabel(WEIGHT_KEY), group: 'links' });
  return out;
}

/** Whether a key names something this dataset has (a URL may carry any text). */
export function knownFilterKey(key: string): boolean {
  if ((METRIC_KEYS as readonly string[]).includes(key) || key === WEIGHT_KEY) return true;
  return (
    key.startsWith(NUMERIC_PREFIX) &&
    (state.summary?.numericAttributes ?? []).includes(key.slice(NUMERIC_PREFIX.length))
  );
}

function keyLabel(key: string): string {
  if (key.startsWith(NUMERIC_PREFIX)) {
    return t('filters:key.attribute', { column: key.slice(NUMERIC_PREFIX.length) });
  }
  return t(`filters:key.${key}`);
}

/**
 * The filters in force: betweenness only once its values are in (until then it would hide
 * every company), and a group node's size only in a grouped view.
 */
export function activeFilters(): RangeFilter[] {
  return state.filters.filter(
    (f) =>
      (f.key !== 'betweenness' || state.betweenness !== null) &&
      (f.key !== 'companies' || state.data?.mode === 'aggregated'),
  );
}

/** Re-applies the filters after a change: graph, count, status, URL. */
function changed(): void {
  applyHidden();
  showCount(true);
  writeHash();
}

let pending = false;
/** `changed` once per frame while a slider moves. */
function changedSoon(): void {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    changed();
  });
}

/** "980 of 1,396 companies shown" and the same for links, in the current language. */
function countTexts(): {
  c: ReturnType<typeof countShown>;
  companies: string;
  links: string;
} | null {
  const graph = state.graph;
  if (!graph) return null;
  const c = countShown(graph, (_, a) => nodeHidden(a), activeFilters());
  return {
    c,
    companies: t('filters:count', { count: c.total, shown: count(c.shown), n: count(c.total) }),
    links: t('filters:count.links', {
      count: c.links,
      shown: count(c.linksShown),
      n: count(c.links),
    }),
  };
}

/** Companies and links shown, in the section (and in the status line when `status`). */
export function showCount(status = false): void {
  const line = root.querySelector<HTMLElement>('[data-testid="filter-count"]');
  const texts = countTexts();
  if (!texts || !line) return;
  const { c, companies, links } = texts;
  replace(line, companies, el('br'), links);
  line.dataset.shown = String(c.shown);
  line.dataset.total = String(c.total);
  line.dataset.linksShown = String(c.linksShown);
  line.dataset.links = String(c.links);
  // Asked again after a language switch: the count in the new language.
  if (status) {
    setStatus(() => {
      const now = countTexts();
      return now ? `${now.companies} · ${now.links}` : '';
    });
  }
  markLists();
}

/** Whether a drawn company is hidden by the filters or the legend. */
export function hiddenInView(id: string): boolean {
  const graph = state.graph;
  return !!graph?.hasNode(id) && nodeHidden(graph.getNodeAttributes(id));
}

/**
 * Marks the companies of the lists (search results, the details panel's suppliers, customers
 * and partners) that the filters hide, so that lists and graph agree.
 */
export function markLists(): void {
  const items = document.querySelectorAll<HTMLElement>(
    '#search-results li[data-id], #panel-company li[data-company]',
  );
  for (const li of items) {
    const id = li.dataset.id ?? li.dataset.company ?? '';
    const hidden = hiddenInView(id);
    li.classList.toggle('filtered', hidden);
    const tag = li.querySelector(':scope > .filtered-tag');
    if (hidden && !tag) li.append(el('span', { class: 'tag filtered-tag' }, t('filters:hidden')));
    else if (!hidden) tag?.remove();
  }
}

/** Value ↔ slider position: linear for counts, cubic (finer near the bottom) for the rest. */
function scale(key: string, lo: number, hi: number) {
  const linear = key === 'degree' || key === 'companies';
  const span = hi - lo || 1;
  return {
    toPos: (v: number) => {
      const x = Math.max(0, Math.min(1, (v - lo) / span));
      return Math.round((linear ? x : Math.cbrt(x)) * STEPS);
    },
    toValue: (p: number) => {
      const x = p / STEPS;
      const v = lo + (linear ? x : x * x * x) * span;
      return linear ? Math.round(v) : Number(v.toPrecision(3));
    },
  };
}

const fmt = (v: number) =>
  Number.isInteger(v) ? count(v) : Math.abs(v) < 0.01 ? v.toExponential(2) : v.toPrecision(3);

function filterRow(f: RangeFilter): HTMLElement {
  const name = keyLabel(f.key);
  const range = state.graph ? valueRange(state.graph, f.key) : null;
  const lo = range?.min ?? 0;
  const hi = range?.max ?? 0;
  const s = scale(f.key, lo, hi);
  const slider = (which: 'min' | 'max') =>
    el('input', {
      class: `dual-${which}`,
      attrs: {
        type: 'range',
        min: '0',
        max: String(STEPS),
        step: '1',
        'data-testid': `filter-slider-${which}`,
        'aria-label': t(`filters:slider.${which}.aria`, { name }),
      },
    });
  const box = (which: 'min' | 'max') =>
    el('input', {
      class: 'bound',
      attrs: {
        type: 'number',
        step: 'any',
        'data-testid': `filter-${which}`,
        'aria-label': t(`filters:${which}.aria`, { name }),
      },
    });
  const sMin = slider('min');
  const sMax = slider('max');
  const bMin = box('min');
  const bMax = box('max');
  const sync = () => {
    sMin.value = String(f.min === null ? 0 : s.toPos(f.min));
    sMax.value = String(f.max === null ? STEPS : s.toPos(f.max));
    bMin.value = f.min === null ? '' : String(f.min);
    bMax.value = f.max === null ? '' : String(f.max);
    bMin.placeholder = fmt(lo);
    bMax.placeholder = fmt(hi);
  };
  sync();
  const fromSlider = (which: 'min' | 'max') => {
    let a = Number(sMin.value);
    let b = Number(sMax.value);
    // The handles do not cross: the one moved pushes the other.
    if (a > b) {
      if (which === 'min') b = a;
      else a = b;
      sMin.value = String(a);
      sMax.value = String(b);
    }
    f.min = a <= 0 ? null : s.toValue(a);
    f.max = b >= STEPS ? null : s.toValue(b);
    bMin.value = f.min === null ? '' : String(f.min);
    bMax.value = f.max === null ? '' : String(f.max);
    // On a large graph a redraw takes a second or more without a GPU: apply on release.
    if ((state.graph?.size ?? 0) <= LIVE_LINKS) changedSoon();
  };
  sMin.addEventListener('input', () => fromSlider('min'));
  sMax.addEventListener('input', () => fromSlider('max'));
  for (const slider of [sMin, sMax]) {
    slider.addEventListener('change', () => {
      if ((state.graph?.size ?? 0) > LIVE_LINKS) changed();
    });
  }
  const fromBox = () => {
    const read = (b: HTMLInputElement) => (b.value.trim() === '' ? null : Number(b.value));
    const a = read(bMin);
    const b = read(bMax);
    if ((a !== null && !Number.isFinite(a)) || (b !== null && !Number.isFinite(b))) {
      sync();
      return;
    }
    f.min = a;
    f.max = a !== null && b !== null && b < a ? a : b;
    sync();
    changed();
  };
  bMin.addEventListener('change', fromBox);
  bMax.addEventListener('change', fromBox);
  const remove = el(
    'button',
    {
      class: 'link remove',
      title: t('filters:remove'),
      attrs: { type: 'button', 'aria-label': t('filters:remove'), 'data-testid': 'filter-remove' },
      on: {
        click: () => {
          state.filters = state.filters.filter((x) => x !== f);
          renderFilters();
          changed();
        },
      },
    },
    '×',
  );
  return el(
    'div',
    { class: 'range-filter', attrs: { 'data-key': f.key, 'data-testid': 'filter' } },
    el('div', { class: 'filter-head' }, el('span', { class: 'filter-name' }, name), remove),
    el('div', { class: 'dual' }, sMin, sMax),
    el('div', { class: 'bounds' }, t('filters:min'), ' ', bMin, ' ', t('filters:max'), ' ', bMax),
    el(
      'p',
      { class: 'muted small' },
      range
        ? t('filters:range', { min: fmt(range.min), max: fmt(range.max) })
        : t('filters:range.none'),
    ),
  );
}

function labelControl(): HTMLElement {
  const input = el('input', {
    attrs: {
      type: 'range',
      min: '0',
      max: '4',
      step: '1',
      'data-testid': 'label-density',
      'aria-label': t('filters:labels.aria'),
    },
  });
  input.value = String(state.labelLevel);
  const value = el('span', { class: 'muted small' }, t(`filters:labels.${state.labelLevel}`));
  input.setAttribute('aria-valuetext', value.textContent ?? '');
  input.addEventListener('input', () => {
    state.labelLevel = Number(input.value);
    value.textContent = t(`filters:labels.${state.labelLevel}`);
    input.setAttribute('aria-valuetext', value.textContent);
    app.renderer?.setLabelLevel(state.labelLevel);
    writeHash();
  });
  return el('label', { class: 'field' }, el('span', null, t('filters:labels')), input, value);
}

/** Draws the section from `state.filters` (after a load, a new view, a language switch). */
export function renderFilters(): void {
  const keys = filterKeys();
  const used = new Set(state.filters.map((f) => f.key));
  const picker = el(
    'select',
    { attrs: { 'data-testid': 'filter-add', 'aria-label': t('filters:add.aria') } },
    el('option', { attrs: { value: '' } }, t('filters:add')),
    ...(['metrics', 'attributes', 'links'] as const)
      .map((group) => {
        const list = keys.filter((k) => k.group === group && !used.has(k.key));
        if (list.length === 0) return null;
        const g = el('optgroup');
        g.label = t(`filters:group.${group}`);
        for (const k of list) g.append(el('option', { attrs: { value: k.key } }, k.label));
        return g;
      })
      .filter((g): g is HTMLOptGroupElement => g !== null),
  );
  picker.disabled = !state.graph;
  picker.addEventListener('change', () => {
    const key = picker.value;
    if (!key) return;
    state.filters.push({ key, min: null, max: null });
    if (key === 'betweenness' && !state.betweenness) {
      void loadBetweenness().then(() => renderFilters());
    }
    renderFilters();
    root.querySelector<HTMLInputElement>(`[data-key="${CSS.escape(key)}"] .dual-min`)?.focus();
  });
  const reset = el(
    'button',
    {
      attrs: { type: 'button', 'data-testid': 'filter-reset' },
      on: {
        click: () => {
          state.filters = [];
          renderFilters();
          changed();
        },
      },
    },
    t('filters:reset'),
  );
  reset.disabled = !filtering(state.filters) && state.filters.length === 0;
  replace(
    root,
    el('h2', null, t('filters:title')),
    el('div', { class: 'row' }, picker, reset),
    ...state.filters.filter((f) => knownFilterKey(f.key)).map(filterRow),
    el('p', { class: 'small filter-count', attrs: { 'data-testid': 'filter-count' } }),
    el('p', { class: 'muted small' }, t('filters:note')),
    labelControl(),
    el('p', { class: 'muted small' }, t('filters:drag')),
  );
  showCount();
}

/** Puts the label density on a new renderer. */
export function applyLabelLevel(): void {
  if (state.labelLevel !== 2) app.renderer?.setLabelLevel(state.labelLevel);
}

/** A drag stops ForceAtlas2 (it would pull the node back). */
export function dragStarted(): void {
  if (layout.running) layout.stop();
}
