/** Exploring: tooltips, selection, focus on neighbours, company details, expanding groups, search. */
import { count, el, replace } from '../dom.js';
import { t, tr } from '../i18n.js';
import { kindLabel } from '../panel/chain-parts.js';
import type { WeakLinkKind } from '../panel/report-types.js';
import type { Direction } from '../graph/steps.js';
import { stepsFrom } from '../graph/steps.js';
import { renderGroup, renderCompany, renderEmptyDetails } from '../panel/details.js';
import { renderCompanySlot, runChainAnalysis, showMissingRole } from './chain.js';
import { selectTab, setStatus, showError } from './status.js';
import { app, client, state, ui } from './state.js';
import { writeHash } from './url.js';
import { markLists } from './filters.js';
import { showData } from './view.js';

export function showTooltip(node: string | null, x: number, y: number): void {
  const graph = state.graph;
  if (!node || !graph || !graph.hasNode(node)) {
    ui.tooltip.hidden = true;
    return;
  }
  const a = graph.getNodeAttributes(node);
  const segmentName = (id: string) =>
    state.chain?.report.segments.find((s) => s.id === id)?.name ?? id;
  const role = state.chain?.report.missingRoles.find((m) => m.segment === a.ghost);
  const lines = role
    ? [
        el('strong', null, t('viewer:tip.missing', { segment: segmentName(role.segment) })),
        el(
          'div',
          { class: 'muted' },
          role.direction === 'absent'
            ? t('viewer:tip.absent')
            : t(
                role.direction === 'upstream'
                  ? 'viewer:tip.neededUpstream'
                  : 'viewer:tip.neededDownstream',
                { count: role.neededBy.length, n: count(role.neededBy.length) },
              ),
        ),
      ]
    : a.company >= 0
      ? [
          el('strong', null, a.label),
          el('div', { class: 'muted' }, `${node} · ${a.region || t('viewer:noRegion')}`),
          el(
            'div',
            null,
            t('viewer:tip.partners', {
              count: a.degree,
              n: count(a.degree),
              pagerank: a.pagerank.toExponential(2),
            }),
          ),
          a.segments?.length
            ? el('div', null, a.segments.slice(0, 3).map(segmentName).join(' · '))
            : null,
          a.weak?.length
            ? el(
                'div',
                { class: 'tip-warn' },
                t('viewer:tip.weak', {
                  kinds: tr().list(a.weak.map((k) => kindLabel(k as WeakLinkKind))),
                }),
              )
            : null,
        ]
      : [
          el('strong', null, a.label),
          el(
            'div',
            { class: 'muted' },
            t(
              a.groupSegment !== undefined
                ? a.groupSegment
                  ? 'viewer:tip.groupSegment'
                  : 'viewer:tip.groupOutside'
                : 'viewer:tip.groupCommunity',
              { count: a.companies, n: count(a.companies) },
            ),
          ),
        ];
  replace(ui.tooltip, ...lines);
  ui.tooltip.hidden = false;
  const box = ui.graph.getBoundingClientRect();
  ui.tooltip.style.left = `${Math.min(x + 14, box.width - 290)}px`;
  ui.tooltip.style.top = `${Math.min(y + 14, box.height - 80)}px`;
}

export function clearSelection(): void {
  state.selected = null;
  writeHash();
  clearWhatIf();
  app.renderer?.setFocus(null, null);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
}

/** Drops the what-if marks (the result stays in the company's panel until it changes). */
export function clearWhatIf(): void {
  state.whatIf = null;
  app.renderer?.setMarks(new Map());
  app.renderer?.lanes.setEmptied([]);
}

export function focusOn(node: string, direction: Direction, steps: number): void {
  const graph = state.graph;
  if (!graph || !app.renderer || !graph.hasNode(node)) return;
  const focus = stepsFrom(graph, node, direction, steps);
  app.renderer.setFocus(node, focus);
  const what =
    direction === 'both'
      ? t('viewer:focus.neighbours')
      : steps === Infinity
        ? t(direction === 'upstream' ? 'viewer:focus.allUp' : 'viewer:focus.allDown')
        : t(direction === 'upstream' ? 'viewer:focus.stepsUp' : 'viewer:focus.stepsDown', {
            count: steps,
          });
  ui.focusNote.hidden = false;
  replace(
    ui.focusNote,
    t('viewer:focus.note', {
      name: graph.getNodeAttribute(node, 'label'),
      what,
      count: focus.size - 1,
      n: count(focus.size - 1),
    }) + ' ',
    el(
      'button',
      { class: 'link', on: { click: () => app.renderer?.setFocus(node, null) } },
      t('viewer:focus.clear'),
    ),
  );
  ui.focusNote.dataset.size = String(focus.size);
}

export async function selectNode(node: string): Promise<void> {
  const graph = state.graph;
  if (!graph || !graph.hasNode(node)) return;
  state.selected = node;
  writeHash();
  if (state.whatIf?.company !== node) clearWhatIf();
  const a = graph.getNodeAttributes(node);
  selectTab('company');
  if (a.ghost !== undefined) {
    showMissingRole(a.ghost);
    return;
  }
  if (a.company < 0) {
    app.renderer?.setFocus(node, null);
    renderGroup(
      ui.panels.company,
      {
        label: a.label,
        companies: a.companies,
        kind:
          a.groupSegment === undefined ? 'community' : a.groupSegment ? 'segment' : 'not-in-chain',
      },
      () => void expand(a.group, a.label),
    );
    return;
  }
  focusOn(node, 'both', 1);
  await showCompany(node);
}

export async function showCompany(id: string): Promise<void> {
  try {
    const details = await client.call({ type: 'company', company: id });
    const drawn = !!state.graph?.hasNode(id);
    const slot = renderCompany(
      ui.panels.company,
      details,
      {
        openCompany: (other) => void openCompany(other),
        focus: (direction, steps) => state.selected && focusOn(state.selected, direction, steps),
        clearFocus: () => {
          app.renderer?.setFocus(state.selected, null);
          ui.focusNote.hidden = true;
        },
      },
      drawn,
    );
    state.companySlot = { company: id, root: slot };
    markLists();
    renderCompanySlot();
    selectTab('company');
  } catch (e) {
    showError(e);
  }
}

/** Shows a company: selects and centres it when drawn, details either way. */
export async function openCompany(id: string): Promise<void> {
  if (state.graph?.hasNode(id)) {
    app.renderer?.centerOn(id);
    await selectNode(id);
  } else {
    state.selected = null;
    clearWhatIf();
    app.renderer?.setFocus(null, null);
    ui.focusNote.hidden = true;
    await showCompany(id);
  }
}

/** Swaps a group node (community or chain segment) for its companies. */
export async function expand(group: number, label: string): Promise<void> {
  const previous = state.graph ?? undefined;
  try {
    const data = await client.call({ type: 'expand', group }, setStatus);
    showData(data, previous);
    setStatus(() => t('viewer:status.expanded', { label }));
    // The chain decorations go with the old graph: put the (cached) report on the new one.
    if (state.template) void runChainAnalysis();
  } catch (e) {
    showError(e);
  }
}

// Search: as the user types, the worker lists matches over the whole dataset.
let searchTimer: ReturnType<typeof setTimeout> | undefined;
let searchSeq = 0;
let activeHit = -1;
export async function runSearch(): Promise<void> {
  const query = ui.search.value;
  const seq = ++searchSeq;
  if (query.trim() === '' || !state.summary) {
    ui.searchResults.hidden = true;
    return;
  }
  const hits = await client.call({ type: 'search', query, limit: 30 });
  if (seq !== searchSeq) return;
  activeHit = -1;
  replace(
    ui.searchResults,
    ...(hits.length === 0
      ? [el('li', { class: 'muted' }, t('viewer:search.none'))]
      : hits.map((h) =>
          el(
            'li',
            { attrs: { 'data-id': h.id }, on: { mousedown: () => pickHit(h.id) } },
            el('span', { class: 'name' }, h.name),
            h.inView ? null : el('span', { class: 'tag' }, t('viewer:search.notDrawn')),
            el('span', { class: 'meta' }, `${h.id} · ${h.region || t('viewer:noRegion')}`),
          ),
        )),
  );
  ui.searchResults.hidden = false;
  markLists();
}

export function pickHit(id: string): void {
  ui.searchResults.hidden = true;
  void openCompany(id);
}

/** The search box: as the user types, the worker lists matches over the whole dataset. */
export function installSearch(): void {
  ui.search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => void runSearch(), 120);
  });
  ui.search.addEventListener('keydown', (e) => {
    const items = [...ui.searchResults.querySelectorAll<HTMLElement>('li[data-id]')];
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      activeHit = Math.max(
        0,
        Math.min(items.length - 1, activeHit + (e.key === 'ArrowDown' ? 1 : -1)),
      );
      items.forEach((li, i) => li.classList.toggle('active', i === activeHit));
    } else if (e.key === 'Enter') {
      const li = items[Math.max(0, activeHit)];
      if (li?.dataset.id) pickHit(li.dataset.id);
    } else if (e.key === 'Escape') {
      ui.searchResults.hidden = true;
    }
  });
  ui.search.addEventListener('blur', () => setTimeout(() => (ui.searchResults.hidden = true), 200));
}
