/**
 * The date control (issue 19 part 4, docs/time.md): a slider over the years the dataset's dates
 * span, plus "all dates"; shown only when the dataset has dated columns. Moving it asks the
 * worker to study the dataset as of that year (core `asOf`) and redraws the view, the lists and
 * the Chain tab; firms that entered since the slider's previous step (the year before) get a
 * ring. "What changed" shows core's `diffChain` for two years, as `chainlens diff` says it (every
 * firm listed: no `--format` to point to here).
 */
import type { ChainDiff } from '@chainlens/core';
import { diffLines } from '@chainlens/core';
import { count, el, must, replace } from '../dom.js';
import type { ViewGraph } from '../graph/model.js';
import { t, tr } from '../i18n.js';
import type { DateSpan } from '../protocol.js';
import { regionTree } from './controls.js';
import { setStatus, showError } from './status.js';
import { client, state } from './state.js';
import { writeHash } from './url.js';
import { refreshView } from './view.js';

/** Ring colour of a firm that entered since the previous step. */
export const ENTERED_COLOR = '#12a150';

const root = must('#date-control');

/** The year studied (its end), or null for all dates; in the URL as `at`. */
export const dateState: {
  span: DateSpan | null;
  year: number | null;
  entered: Set<string>;
  companies: number;
  diff: ChainDiff | null;
} = { span: null, year: null, entered: new Set(), companies: 0, diff: null };

/** Sets the control up for a loaded dataset and studies `year` (from a shared link) if valid. */
export async function setupDate(span: DateSpan | null, year: number | undefined): Promise<void> {
  dateState.span = span;
  dateState.year = null;
  dateState.entered = new Set();
  dateState.diff = null;
  if (span && year !== undefined && year >= span.first && year <= span.last) await studyYear(year);
  else renderDate();
}

/** Asks the worker for the dataset as of `year` (null: all dates); the view follows. */
async function studyYear(year: number | null): Promise<void> {
  const answer = await client.call(
    year === null ? { type: 'at', year } : { type: 'at', year, since: year - 1 },
    setStatus,
  );
  dateState.year = answer.year;
  dateState.entered = new Set(answer.entered);
  dateState.companies = answer.companies;
  dateState.diff = null;
  // The region tree counts the companies there at that year.
  regionTree.setTree(answer.regionTree, answer.companiesWithRegion);
  regionTree.setChosen(state.cluster);
  renderDate();
}

async function choose(year: number | null): Promise<void> {
  try {
    await studyYear(year);
    await refreshView();
    writeHash();
  } catch (e) {
    showError(e);
  }
}

async function showDiff(from: number, to: number): Promise<void> {
  const c = state.cluster;
  if (c.kind !== 'region' || !state.template) return;
  try {
    root.dataset.diff = 'pending';
    dateState.diff = await client.call(
      {
        type: 'diff',
        templateId: state.template,
        region: c.path,
        minShare: state.minShare,
        from,
        to,
      },
      setStatus,
    );
    renderDate();
    root.dataset.diff = 'ready';
  } catch (e) {
    root.dataset.diff = 'error';
    showError(e);
  }
}

/** Draws the control (and the what-changed panel) in the current language. */
export function renderDate(): void {
  const span = dateState.span;
  root.hidden = span === null;
  if (!span) return replace(root);
  const year = dateState.year;
  const all = el('input', { attrs: { type: 'checkbox', 'data-testid': 'date-all' } });
  all.checked = year === null;
  all.addEventListener('change', () => void choose(all.checked ? null : span.last));
  const slider = el('input', {
    attrs: {
      type: 'range',
      min: String(span.first),
      max: String(span.last),
      step: '1',
      value: String(year ?? span.last),
      'aria-label': t('time:viewer.year'),
      'data-testid': 'date-slider',
    },
  });
  slider.disabled = year === null;
  slider.addEventListener('change', () => void choose(Number(slider.value)));
  const parts: HTMLElement[] = [
    el('h2', null, t('time:viewer.title')),
    el('label', { class: 'check' }, all, t('time:viewer.all')),
    slider,
    el(
      'p',
      { class: 'muted small', attrs: { 'data-testid': 'date-note' } },
      year === null
        ? t('time:viewer.allNote', { first: span.first, last: span.last })
        : t('time:viewer.asOf', { year, n: count(dateState.companies) }),
    ),
  ];
  if (year !== null) {
    const from = el('select', { attrs: { 'aria-label': t('time:viewer.from') } });
    for (let y = span.first; y < year; y++)
      from.append(el('option', { attrs: { value: String(y) } }, String(y)));
    from.value = String(year - 1);
    const ready = state.cluster.kind === 'region' && state.template !== '';
    const button = el(
      'button',
      { attrs: { 'data-testid': 'date-diff' } },
      t('time:viewer.diff', { to: year }),
    );
    button.disabled = !ready || year <= span.first;
    button.addEventListener('click', () => void showDiff(Number(from.value), year));
    parts.push(
      el('div', { class: 'date-diff' }, from, button),
      ...(ready ? [] : [el('p', { class: 'muted small' }, t('time:viewer.diffNeeds'))]),
    );
  }
  const diff = dateState.diff;
  const c = state.cluster;
  if (
    diff &&
    c.kind === 'region' &&
    diff.region === c.path &&
    diff.template.id === state.template
  ) {
    parts.push(
      el(
        'div',
        { class: 'date-changes', attrs: { 'data-testid': 'date-changes' } },
        el(
          'button',
          { class: 'link', on: { click: () => ((dateState.diff = null), renderDate()) } },
          t('time:viewer.close'),
        ),
        ...diffLines(diff, { tr: tr(), top: Infinity })
          .filter((line) => line.trim() !== '')
          .map((line) =>
            el('p', { class: line.startsWith('  ') ? 'small indent' : 'small' }, line.trim()),
          ),
      ),
    );
  }
  replace(root, ...parts);
}

/** Rings the firms that entered since the previous step (after the other styles). */
export function markEntered(graph: ViewGraph): number {
  let n = 0;
  for (const id of dateState.entered) {
    if (!graph.hasNode(id)) continue;
    graph.mergeNodeAttributes(id, { ring: 2, ringColor: ENTERED_COLOR });
    n++;
  }
  return n;
}

/** The legend line of the ring (none when no drawn firm has one). */
export function enteredLegend(graph: ViewGraph | null): HTMLElement | null {
  const year = dateState.year;
  if (year === null || !graph) return null;
  const ids = [...dateState.entered].filter((id) => graph.hasNode(id));
  const drawn = ids.length;
  if (drawn === 0) return null;
  const ring = el('span', { class: 'swatch ring' });
  ring.style.background = '#ffffff';
  ring.style.border = `2px solid ${ENTERED_COLOR}`;
  return el(
    'ul',
    {
      class: 'legend',
      attrs: { 'data-testid': 'legend-entered', 'data-companies': ids.join(' ') },
    },
    el(
      'li',
      null,
      ring,
      el('span', { class: 'label' }, t('time:viewer.entered', { since: year - 1 })),
      el('span', { class: 'count' }, count(drawn)),
    ),
  );
}
