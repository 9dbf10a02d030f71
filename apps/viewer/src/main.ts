/**
 * Chainlens viewer: the page. It loads a dataset (from the server's `data/index.json` or from
 * dropped files), lets the user choose a region, relation types and a chain template, draws the
 * network with sigma, and explores it. Parsing and every computation run in the analysis worker
 * (worker.ts, through @chainlens/io and @chainlens/core); the page only draws and wires: the
 * parts live in app/ (state, url, loading, controls, view, exploring, chain, export).
 */
import './style.css';
import { ANALYZE_DEFAULTS } from '@chainlens/core';
import { el, replace } from './dom.js';
import type { ChainLayout } from './graph/chain-layout.js';
import type { ViewGraph } from './graph/model.js';
import type { Layout } from './graph/layout.js';
import type { GraphRenderer } from './graph/renderer.js';
import { renderEmptyDetails } from './panel/details.js';
import type { ChainAnalysis } from './protocol.js';
import { applyLayoutMode, showChainPanel } from './app/chain.js';
import { installLaneControls } from './app/lanes.js';
import { applyStaticTexts, installLangSwitch } from './app/lang.js';
import { initialLang, lang, setLang, t } from './i18n.js';
import { installControls } from './app/controls.js';
import { renderFilters } from './app/filters.js';
import { installSearch } from './app/exploring.js';
import { installExport } from './app/export.js';
import { fetchIndex, fillPicker, installLoading, loadEntry } from './app/loading.js';
import { app, labelLayout, layout, state, ui } from './app/state.js';
import { restyle } from './app/view.js';
import { installTabs, setStatus } from './app/status.js';
import { readHash } from './app/url.js';

/** Handles for tests and the benchmark (read-only use). */
declare global {
  interface Window {
    chainlens?: {
      graph: () => ViewGraph | null;
      renderer: () => GraphRenderer | null;
      layout: Layout;
      /** The chain analysis shown (core's report and the page's extras), or null. */
      chain: () => ChainAnalysis | null;
      /** The chain layout's lanes, or null in the force layout. */
      lanes: () => ChainLayout | null;
    };
  }
}
window.chainlens = {
  graph: () => state.graph,
  renderer: () => app.renderer,
  layout,
  chain: () => state.chain,
  lanes: () => state.chainLayout,
};

async function start(): Promise<void> {
  setLang(readHash().lang ?? initialLang(location.search, navigator.language));
  applyStaticTexts();
  document.body.dataset.lang = lang();
  state.minShare = readHash().minShare ?? ANALYZE_DEFAULTS.minShare;
  labelLayout(false);
  installLangSwitch();
  installTabs();
  installControls();
  renderFilters();
  installLoading();
  installSearch();
  installExport();
  installLaneControls(
    () => applyLayoutMode(false),
    () => void restyle(),
  );
  renderEmptyDetails(ui.panels.company);
  showChainPanel({ status: 'no-template' });
  replace(ui.panels.data, el('p', { class: 'muted' }, t('viewer:load.noDataset')));
  state.index = await fetchIndex();
  fillPicker(state.index);
  document.body.dataset.state = 'idle';
  const wanted = readHash().dataset ?? state.index?.open;
  // A link naming a dataset the server does not have opens the default one.
  const entry =
    state.index?.datasets.find((d) => d.id === wanted) ??
    state.index?.datasets.find((d) => d.id === state.index?.open);
  if (entry) {
    ui.picker.value = entry.id;
    await loadEntry(entry);
  } else if (state.index) {
    setStatus(() => t('viewer:status.pick'));
  } else {
    setStatus(() => t('viewer:status.noServer'));
  }
}

void start();
