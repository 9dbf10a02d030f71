/**
 * The language switch (中文 / English) in the header: it sets the translator, writes `?lang=` in
 * the URL (a reload keeps it) and redraws every text of the page in place — the graph, the
 * chain report and the choices stay as they are (nothing is loaded or computed again, but the
 * selected company's details, whose metric names the worker writes).
 */
import type { Lang } from '@chainlens/core';
import { el, replace } from '../dom.js';
import { lang, setLang, t } from '../i18n.js';
import { ghostLabel } from '../graph/chain.js';
import { renderEmptyDetails } from '../panel/details.js';
import { renderValidation } from '../panel/validation.js';
import { relabelChainPanel, showMissingRole } from './chain.js';
import { regionTree, relabelControls } from './controls.js';
import { selectNode, showCompany } from './exploring.js';
import { fillPicker } from './loading.js';
import { app, labelLayout, layout, state, ui } from './state.js';
import { renderFilters } from './filters.js';
import { relabelStatus } from './status.js';
import { renderDate } from './time.js';
import { writeHash } from './url.js';
import { renderSummary, styleNodes } from './view.js';

/** Puts the catalogue's words into the page's static elements (index.html's data-i18n…). */
export function applyStaticTexts(): void {
  document.documentElement.lang = lang();
  document.title = t('viewer:html.title');
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n]')) {
    e.textContent = t(`viewer:${e.dataset.i18n!}`);
  }
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n-title]')) {
    e.title = t(`viewer:${e.dataset.i18nTitle!}`);
  }
  for (const e of document.querySelectorAll<HTMLElement>('[data-i18n-aria]')) {
    e.setAttribute('aria-label', t(`viewer:${e.dataset.i18nAria!}`));
  }
  for (const e of document.querySelectorAll<HTMLInputElement>('[data-i18n-placeholder]')) {
    e.placeholder = t(`viewer:${e.dataset.i18nPlaceholder!}`);
  }
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  }
}

/** The URL with `lang` set (the hash, which holds the view, is kept). */
function writeLang(value: Lang): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', value);
  history.replaceState(null, '', url.href);
}

/** Switches the page to `value` and redraws its texts. */
export function switchLang(value: Lang): void {
  if (value === lang()) return;
  setLang(value);
  writeLang(value);
  writeHash();
  relabelPage();
}

function relabelPage(): void {
  applyStaticTexts();
  relabelStatus();
  labelLayout(layout.running);
  const picked = ui.picker.value;
  const dropped = ui.picker.querySelector('option[value=":dropped"]');
  fillPicker(state.index);
  if (dropped) ui.picker.append(dropped);
  ui.picker.value = picked;
  relabelControls();
  renderDate();
  renderFilters();
  if (state.data && state.graph) {
    const graph = state.graph;
    const segments = new Map(state.chain?.report.segments.map((s) => [s.id, s.name]));
    graph.forEachNode((node, a) => {
      if (a.ghost !== undefined) {
        graph.setNodeAttribute(node, 'label', ghostLabel(segments.get(a.ghost) ?? a.ghost));
      }
    });
    renderSummary(state.data);
    styleNodes();
    app.renderer?.sigma.refresh();
  }
  relabelChainPanel();
  ui.tooltip.hidden = true;
  const selected = state.selected;
  const ghost = selected && state.graph?.getNodeAttribute(selected, 'ghost');
  if (ghost !== undefined && ghost !== null && ghost !== '') showMissingRole(ghost);
  else if (selected) void selectNode(selected);
  else if (state.companySlot) void showCompany(state.companySlot.company);
  else renderEmptyDetails(ui.panels.company);
  if (state.summary) renderValidation(ui.panels.data, state.summary);
  else replace(ui.panels.data, el('p', { class: 'muted' }, t('viewer:load.noDataset')));
  document.body.dataset.lang = lang();
}

export function installLangSwitch(): void {
  // Built before the language was known.
  regionTree.relabel();
  for (const b of document.querySelectorAll<HTMLButtonElement>('.lang-switch button')) {
    b.addEventListener('click', () => switchLang(b.dataset.lang === 'zh-CN' ? 'zh-CN' : 'en'));
  }
}
