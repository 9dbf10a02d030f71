/** The left column: region tree, relation types, template, display choices. */
import { RELATION_TYPES } from '@chainlens/core';
import { count, el, must, replace } from '../dom.js';
import type { SizeBy } from '../graph/style.js';
import { renderChainPanel } from '../panel/chain.js';
import { renderEmptyDetails } from '../panel/details.js';
import { RegionTree, sameCluster } from '../panel/region-tree.js';
import { renderValidation } from '../panel/validation.js';
import type { LoadedSummary } from '../protocol.js';
import { applyLayoutMode, chainActions, setChainControls } from './chain.js';
import { selectTab } from './status.js';
import { app, layout, state, ui } from './state.js';
import { writeHash } from './url.js';
import { applyHidden, refreshView, restyle } from './view.js';

export const regionTree = new RegionTree(ui.regionTree, (choice) => {
  if (sameCluster(choice, state.cluster)) return;
  state.cluster = choice;
  regionTree.setChosen(choice);
  writeHash();
  void refreshView();
});

export function setupControls(summary: LoadedSummary): void {
  regionTree.setTree(summary.regionTree, summary.companiesWithRegion);

  // Relation types: those the data has, all ticked.
  const present = RELATION_TYPES.filter((t) => summary.relationsByType[t] > 0);
  state.types = new Set(present);
  replace(
    ui.relationTypes,
    ...(present.length === 0
      ? [el('p', { class: 'muted small' }, 'This dataset has no relations between companies.')]
      : present.map((t) => {
          const box = el('input', { attrs: { type: 'checkbox', value: t } });
          box.checked = true;
          box.addEventListener('change', () => {
            if (box.checked) state.types.add(t);
            else state.types.delete(t);
            void refreshView();
          });
          return el(
            'label',
            { class: 'check' },
            box,
            t === 'inferred-supply' ? 'inferred supply' : t,
            el('span', { class: 'count' }, count(summary.relationsByType[t])),
          );
        })),
  );

  // Templates: the dataset's own and the shared ones.
  replace(
    ui.templatePicker,
    el('option', { attrs: { value: '' } }, summary.templates.length ? '— none —' : 'no templates'),
    ...summary.templates.map((t) =>
      el(
        'option',
        { attrs: { value: t.id }, title: t.source },
        `${t.name} (${t.segments} segments${t.source === 'dataset' ? '' : ', shared'})`,
      ),
    ),
  );
  state.template = '';
  state.chain = null;
  state.layoutMode = 'force';
  ui.layoutMode.value = 'force';
  ui.templateNote.textContent = summary.templates.length
    ? `${summary.templates.length} template${summary.templates.length > 1 ? 's' : ''}: the dataset's and datasets/templates.`
    : 'No chain template in this dataset or in datasets/templates.';
  renderChainPanel(ui.panels.chain, { status: 'no-template' }, chainActions);

  // Colour choices: community, region, and the categorical attributes.
  const current = ui.colorBy.value;
  replace(
    ui.colorBy,
    el('option', { attrs: { value: 'community' } }, 'Community (Louvain)'),
    el('option', { attrs: { value: 'region' } }, 'Region'),
    el('option', { attrs: { value: 'segment' } }, 'Chain segment'),
    el('option', { attrs: { value: 'stage' } }, 'Chain stage'),
    ...summary.attributes.map((a) =>
      el('option', { attrs: { value: `attr:${a.column}` } }, `${a.column} (${a.values})`),
    ),
  );
  ui.colorBy.value = [...ui.colorBy.options].some(
    (o) => o.value === current && current !== 'segment' && current !== 'stage',
  )
    ? current
    : 'community';
  setChainControls(false);
  state.colorBy = ui.colorBy.value;

  renderValidation(ui.panels.data, summary);
  const rejected = summary.report.tables.reduce((s, t) => s + t.rejected, 0);
  ui.dataBadge.hidden = summary.clean;
  ui.dataBadge.textContent = rejected ? count(rejected) : '!';
  if (!summary.clean) selectTab('data');
  else selectTab('company');
  renderEmptyDetails(ui.panels.company);
  ui.search.disabled = false;
  ui.search.value = '';
  ui.searchResults.hidden = true;
}

/** The left column's controls. */
export function installControls(): void {
  ui.showIsolated.addEventListener('change', () => void refreshView());
  ui.sizeBy.addEventListener('change', () => {
    state.sizeBy = ui.sizeBy.value as SizeBy;
    void restyle();
  });
  ui.colorBy.addEventListener('change', () => {
    state.colorBy = ui.colorBy.value;
    state.hidden.clear();
    applyHidden();
    void restyle();
  });
  ui.templatePicker.addEventListener('change', () => {
    const before = state.template;
    state.template = ui.templatePicker.value;
    if (state.template && !before) {
      // A chain to study: show it as a chain (the user can switch back).
      state.colorBy = 'segment';
      ui.colorBy.value = 'segment';
      state.layoutMode = 'chain';
      ui.layoutMode.value = 'chain';
    } else if (!state.template) {
      if (state.colorBy === 'segment' || state.colorBy === 'stage') {
        state.colorBy = 'community';
        ui.colorBy.value = 'community';
      }
      state.layoutMode = 'force';
      ui.layoutMode.value = 'force';
    }
    if (state.template) selectTab('chain');
    void refreshView();
  });
  ui.minShare.value = String(Math.round(state.minShare * 1000) / 10);
  ui.minShare.addEventListener('change', () => {
    const pct = Number(ui.minShare.value);
    if (!(pct >= 0 && pct <= 100)) {
      ui.minShare.value = String(Math.round(state.minShare * 1000) / 10);
      return;
    }
    state.minShare = pct / 100;
    writeHash();
    if (state.template) void refreshView();
  });
  ui.layoutToggle.addEventListener('click', () => {
    if (state.layoutMode === 'chain') return;
    if (layout.running) layout.stop();
    else if (layout.hasLayout) layout.resume();
    else if (state.graph) layout.start(state.graph);
  });
  ui.layoutMode.addEventListener('change', () => {
    state.layoutMode = ui.layoutMode.value === 'chain' ? 'chain' : 'force';
    applyLayoutMode();
  });
  ui.flagWeak.addEventListener('change', () => {
    state.flagWeak = ui.flagWeak.checked;
    void restyle();
  });
  must('#zoom-in').addEventListener('click', () => app.renderer?.zoom(1.5));
  must('#zoom-out').addEventListener('click', () => app.renderer?.zoom(1 / 1.5));
  must('#zoom-fit').addEventListener('click', () => app.renderer?.fit());
}
