/** The left column: region tree, relation types, template, display choices. */
import type { RelationType } from '@chainlens/core';
import { RELATION_TYPES, defaultRelationView } from '@chainlens/core';
import { t } from '../i18n.js';
import { count, el, must, replace } from '../dom.js';
import type { SizeBy } from '../graph/style.js';
import { renderEmptyDetails } from '../panel/details.js';
import { RegionTree, sameCluster } from '../panel/region-tree.js';
import { renderValidation } from '../panel/validation.js';
import type { LoadedSummary } from '../protocol.js';
import { applyLayoutMode, setChainControls, showChainPanel } from './chain.js';
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
  // Relation types: those the data has; core's defaultRelationView ticked (as `chainlens metrics`).
  const present = RELATION_TYPES.filter((t) => summary.relationsByType[t] > 0);
  state.types = new Set(defaultRelationView(present));
  fillRelationTypes(summary);
  state.template = '';
  state.chain = null;
  fillTemplates(summary);
  state.layoutMode = 'force';
  ui.layoutMode.value = 'force';
  showChainPanel({ status: 'no-template' });
  const current = ui.colorBy.value;
  fillColorBy(summary);
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

/** Studies a template ('' none): colour by segment and the chain layout when one is chosen. */
export function chooseTemplate(id: string): void {
  const before = state.template;
  state.template = id;
  ui.templatePicker.value = id;
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
    chooseTemplate(ui.templatePicker.value);
    writeHash();
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

/** The relation types the data has, ticked as in `state.types`. */
function fillRelationTypes(summary: LoadedSummary): void {
  const present = RELATION_TYPES.filter((t) => summary.relationsByType[t] > 0);
  replace(
    ui.relationTypes,
    ...(present.length === 0
      ? [el('p', { class: 'muted small' }, t('viewer:controls.noRelations'))]
      : present.map((type) => {
          const box = el('input', { attrs: { type: 'checkbox', value: type } });
          box.checked = state.types.has(type);
          box.addEventListener('change', () => {
            if (box.checked) state.types.add(type);
            else state.types.delete(type);
            void refreshView();
          });
          return el(
            'label',
            { class: 'check' },
            box,
            relationLabel(type),
            el('span', { class: 'count' }, count(summary.relationsByType[type])),
          );
        })),
  );
}

/** Templates: the dataset's own and the shared ones; keeps the chosen one. */
function fillTemplates(summary: LoadedSummary): void {
  replace(
    ui.templatePicker,
    el(
      'option',
      { attrs: { value: '' } },
      summary.templates.length ? t('viewer:controls.noTemplate') : t('viewer:controls.noTemplates'),
    ),
    ...summary.templates.map((x) =>
      el(
        'option',
        { attrs: { value: x.id }, title: x.source },
        t(
          x.source === 'dataset'
            ? 'viewer:controls.templateOption'
            : 'viewer:controls.templateOptionShared',
          {
            name: x.name,
            count: x.segments,
            n: count(x.segments),
          },
        ),
      ),
    ),
  );
  ui.templatePicker.value = state.template;
  ui.templateNote.textContent = summary.templates.length
    ? t('viewer:controls.templateNote', { count: summary.templates.length })
    : t('viewer:controls.templateNoteNone');
}

/** Colour choices: community, region, chain segment / stage and the categorical attributes. */
function fillColorBy(summary: LoadedSummary): void {
  replace(
    ui.colorBy,
    el('option', { attrs: { value: 'community' } }, t('viewer:controls.color.community')),
    el('option', { attrs: { value: 'region' } }, t('viewer:controls.color.region')),
    el('option', { attrs: { value: 'segment' } }, t('viewer:controls.color.segment')),
    el('option', { attrs: { value: 'stage' } }, t('viewer:controls.color.stage')),
    ...summary.attributes.map((a) =>
      el('option', { attrs: { value: `attr:${a.column}` } }, `${a.column} (${a.values})`),
    ),
  );
}

/** Relabels the controls in the current language, keeping every choice. */
export function relabelControls(): void {
  const summary = state.summary;
  if (!summary) return;
  fillRelationTypes(summary);
  fillTemplates(summary);
  fillColorBy(summary);
  ui.colorBy.value = state.colorBy;
  setChainControls(state.chain !== null);
  regionTree.relabel();
}

/** A relation type as the legend and the controls name it. */
export function relationLabel(type: RelationType): string {
  return t(`viewer:relation.${type}`);
}
