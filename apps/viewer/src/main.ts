/**
 * Chainlens viewer: the page. It loads a dataset (from the server's `data/index.json` or from
 * dropped files), lets the user choose a region, relation types and a chain template, draws the
 * network with sigma, and explores it. Parsing and every computation run in the analysis worker
 * (worker.ts, through @chainlens/io and @chainlens/core); the page only draws and wires.
 */
import './style.css';
import type { RelationType } from '@chainlens/core';
import { ANALYZE_DEFAULTS, RELATION_TYPES, defaultRelationView } from '@chainlens/core';
import { AnalysisClient, WorkerError } from './client.js';
import { count, el, must, percent, replace } from './dom.js';
import { download, gexfOf, pngOf } from './export.js';
import { filesFromDrop, filesFromInput } from './files.js';
import type { ChainDecoration, ChainLayout } from './graph/chain.js';
import {
  CHAIN_COLORS,
  GHOST_PREFIX,
  STAGE_COLORS,
  STAGE_LABELS,
  applyChainStyle,
  chainLayout,
  decorateChain,
  segmentColors,
} from './graph/chain.js';
import type { ViewGraph } from './graph/model.js';
import { buildGraph } from './graph/model.js';
import { Layout } from './graph/layout.js';
import { GraphRenderer } from './graph/renderer.js';
import type { Direction } from './graph/steps.js';
import { stepsFrom } from './graph/steps.js';
import type { ChainColoring, ColorBy, LegendEntry, SizeBy } from './graph/style.js';
import { applyColors, applyEdgeStyle, applySizes, isHiddenCategory } from './graph/style.js';
import { renderChainPanel, renderMissingRole } from './panel/chain.js';
import { renderGroup, renderCompany, renderEmptyDetails } from './panel/details.js';
import { renderLegend } from './panel/legend.js';
import { RegionTree, sameCluster } from './panel/region-tree.js';
import { renderValidation } from './panel/validation.js';
import type { CompanyChainInfo, WhatIfState } from './panel/what-if.js';
import { renderCompanyChain } from './panel/what-if.js';
import type {
  ChainAnalysis,
  ClusterChoice,
  DataIndex,
  DataIndexEntry,
  DroppedFile,
  LoadedSummary,
  ViewData,
} from './protocol.js';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const client = new AnalysisClient(worker);

const ui = {
  picker: must<HTMLSelectElement>('#dataset-picker'),
  openFolder: must<HTMLButtonElement>('#open-folder'),
  openFiles: must<HTMLButtonElement>('#open-files'),
  folderInput: must<HTMLInputElement>('#folder-input'),
  fileInput: must<HTMLInputElement>('#file-input'),
  status: must('#status'),
  exportPng: must<HTMLButtonElement>('#export-png'),
  exportGexf: must<HTMLButtonElement>('#export-gexf'),
  regionTree: must('#region-tree'),
  relationTypes: must('#relation-types'),
  showIsolated: must<HTMLInputElement>('#show-isolated'),
  templatePicker: must<HTMLSelectElement>('#template-picker'),
  minShare: must<HTMLInputElement>('#min-share'),
  templateNote: must('#template-note'),
  sizeBy: must<HTMLSelectElement>('#size-by'),
  colorBy: must<HTMLSelectElement>('#color-by'),
  layoutMode: must<HTMLSelectElement>('#layout-mode'),
  flagWeak: must<HTMLInputElement>('#flag-weak'),
  layoutToggle: must<HTMLButtonElement>('#layout-toggle'),
  layoutState: must('#layout-state'),
  legend: must('#legend'),
  graph: must('#graph'),
  search: must<HTMLInputElement>('#search'),
  searchResults: must('#search-results'),
  viewSummary: must('#view-summary'),
  focusNote: must('#focus-note'),
  tooltip: must('#tooltip'),
  empty: must('#empty'),
  dropOverlay: must('#drop-overlay'),
  dataBadge: must('#data-badge'),
  panels: {
    company: must('#panel-company'),
    chain: must('#panel-chain'),
    data: must('#panel-data'),
  },
};

type Tab = keyof typeof ui.panels;

interface State {
  index: DataIndex | null;
  datasetLabel: string;
  summary: LoadedSummary | null;
  cluster: ClusterChoice;
  types: Set<RelationType>;
  sizeBy: SizeBy;
  colorBy: ColorBy;
  template: string;
  /** Revenue-share threshold for holding a segment (in the URL as minShare when not the default). */
  minShare: number;
  data: ViewData | null;
  graph: ViewGraph | null;
  legend: LegendEntry[];
  hidden: Set<string>;
  selected: string | null;
  /** Bumped by every view request; answers to older ones are dropped. */
  viewSeq: number;
  betweennessNote: string;
  /** The chain analysis of the current view (cluster × template), once the worker answered. */
  chain: ChainAnalysis | null;
  chainDecoration: ChainDecoration | null;
  chainLayout: ChainLayout | null;
  /** Bumped by every chain request (analyze, what-if); older answers are dropped. */
  chainSeq: number;
  layoutMode: 'force' | 'chain';
  /** Warning colour on weak links (single-source and cut-point companies, bridges). */
  flagWeak: boolean;
  /** The what-if of the selected company, and where its section is drawn. */
  whatIf: { company: string; state: WhatIfState } | null;
  companySlot: { company: string; root: HTMLElement } | null;
}

const state: State = {
  index: null,
  datasetLabel: '',
  summary: null,
  cluster: { kind: 'all' },
  types: new Set(),
  sizeBy: 'degree',
  colorBy: 'community',
  template: '',
  minShare: readHash().minShare ?? ANALYZE_DEFAULTS.minShare,
  data: null,
  graph: null,
  legend: [],
  hidden: new Set(),
  selected: null,
  viewSeq: 0,
  betweennessNote: '',
  chain: null,
  chainDecoration: null,
  chainLayout: null,
  chainSeq: 0,
  layoutMode: 'force',
  flagWeak: true,
  whatIf: null,
  companySlot: null,
};

let renderer: GraphRenderer | null = null;
const layout = new Layout((running) => {
  ui.layoutToggle.textContent = running ? 'Stop layout' : 'Run layout';
  ui.layoutState.textContent = running ? 'ForceAtlas2 running…' : 'layout stopped';
  document.body.dataset.layout = running ? 'running' : 'stopped';
});

// ---------------------------------------------------------------- status and tabs

function setStatus(message: string, error = false): void {
  ui.status.textContent = message;
  ui.status.classList.toggle('error', error);
  ui.status.title = message;
}

function showError(e: unknown): void {
  const message = e instanceof Error ? e.message : String(e);
  setStatus(message, true);
  document.body.dataset.state = 'error';
}

function selectTab(tab: Tab): void {
  for (const [name, panel] of Object.entries(ui.panels)) panel.hidden = name !== tab;
  for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
    b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  }
}

for (const b of document.querySelectorAll<HTMLButtonElement>('.tabs button')) {
  b.addEventListener('click', () => selectTab(b.dataset.tab as Tab));
}

// ---------------------------------------------------------------- URL state

function readHash(): { dataset?: string; region?: string; minShare?: number } {
  const params = new URLSearchParams(location.hash.slice(1));
  const minShare = Number(params.get('minShare') ?? NaN);
  return {
    dataset: params.get('dataset') ?? undefined,
    region: params.get('region') ?? undefined,
    ...(minShare >= 0 && minShare <= 1 ? { minShare } : {}),
  };
}

function writeHash(): void {
  const params = new URLSearchParams();
  const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
  if (entry) params.set('dataset', entry.id);
  if (state.cluster.kind === 'region') params.set('region', state.cluster.path);
  else if (state.cluster.kind === 'no-region') params.set('region', ':none');
  if (state.minShare !== ANALYZE_DEFAULTS.minShare) params.set('minShare', String(state.minShare));
  history.replaceState(null, '', `#${params.toString()}`);
}

// ---------------------------------------------------------------- loading

async function fetchIndex(): Promise<DataIndex | null> {
  try {
    const response = await fetch('data/index.json', { cache: 'no-store' });
    if (!response.ok) return null;
    return (await response.json()) as DataIndex;
  } catch {
    return null;
  }
}

function fillPicker(index: DataIndex | null): void {
  const options: HTMLOptionElement[] = [];
  if (!index || index.datasets.length === 0) {
    options.push(el('option', { attrs: { value: '' } }, 'No served data: open files'));
  } else {
    options.push(el('option', { attrs: { value: '' } }, '— choose —'));
    for (const d of index.datasets) {
      options.push(
        el(
          'option',
          { attrs: { value: d.id }, title: d.description ?? '' },
          d.bundled ? d.name : `${d.name} (given)`,
        ),
      );
    }
  }
  replace(ui.picker, ...options);
}

function addDroppedOption(label: string): void {
  const value = ':dropped';
  ui.picker.querySelector(`option[value="${value}"]`)?.remove();
  ui.picker.append(el('option', { attrs: { value } }, label));
  ui.picker.value = value;
}

/** The shared templates with absolute URLs (the worker resolves against its own URL). */
function sharedTemplates(): DataIndex['templates'] {
  return (state.index?.templates ?? []).map((t) => ({
    ...t,
    url: new URL(t.url, location.href).href,
  }));
}

async function loadEntry(entry: DataIndexEntry): Promise<void> {
  const absolute = { ...entry, url: new URL(entry.url, location.href).href };
  await load(
    () =>
      client.call({ type: 'load-url', entry: absolute, templates: sharedTemplates() }, setStatus),
    entry.name,
  );
}

async function loadFiles(files: DroppedFile[]): Promise<void> {
  if (files.length === 0) return;
  const label =
    files.length === 1 ? files[0]!.path : `${files[0]!.path.split('/')[0]} (${files.length} files)`;
  addDroppedOption(label);
  await load(
    () => client.call({ type: 'load-files', files, templates: sharedTemplates() }, setStatus),
    label,
  );
}

async function load(run: () => Promise<LoadedSummary>, label: string): Promise<void> {
  document.body.dataset.state = 'loading';
  layout.kill();
  state.viewSeq++;
  state.summary = null;
  state.data = null;
  state.graph = null;
  state.selected = null;
  const started = performance.now();
  performance.mark('chainlens:load-start');
  try {
    const summary = await run();
    state.summary = summary;
    state.datasetLabel = label;
    setStatus(`Loaded ${summary.name} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    ui.empty.hidden = true;
    setupControls(summary);
    const hash = readHash();
    state.cluster =
      hash.region === ':none'
        ? { kind: 'no-region' }
        : hash.region
          ? { kind: 'region', path: hash.region }
          : { kind: 'all' };
    regionTree.setChosen(state.cluster);
    await refreshView();
  } catch (e) {
    showError(e);
    if (e instanceof WorkerError && e.code === 'data') {
      replace(ui.panels.data, el('p', { class: 'error' }, e.message));
      selectTab('data');
    }
  }
}

// ---------------------------------------------------------------- controls

const regionTree = new RegionTree(ui.regionTree, (choice) => {
  if (sameCluster(choice, state.cluster)) return;
  state.cluster = choice;
  regionTree.setChosen(choice);
  writeHash();
  void refreshView();
});

function setupControls(summary: LoadedSummary): void {
  regionTree.setTree(summary.regionTree, summary.companiesWithRegion);

  // Relation types: those the data has; core's defaultRelationView ticked (as `chainlens metrics`).
  const present = RELATION_TYPES.filter((t) => summary.relationsByType[t] > 0);
  const view = new Set(defaultRelationView(present));
  state.types = new Set(present.filter((t) => view.has(t)));
  replace(
    ui.relationTypes,
    ...(present.length === 0
      ? [el('p', { class: 'muted small' }, 'This dataset has no relations between companies.')]
      : present.map((t) => {
          const box = el('input', { attrs: { type: 'checkbox', value: t } });
          box.checked = view.has(t);
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
must('#zoom-in').addEventListener('click', () => renderer?.zoom(1.5));
must('#zoom-out').addEventListener('click', () => renderer?.zoom(1 / 1.5));
must('#zoom-fit').addEventListener('click', () => renderer?.fit());

ui.picker.addEventListener('change', () => {
  const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
  if (entry) {
    history.replaceState(null, '', `#dataset=${encodeURIComponent(entry.id)}`);
    void loadEntry(entry);
  }
});
ui.openFolder.addEventListener('click', () => ui.folderInput.click());
ui.openFiles.addEventListener('click', () => ui.fileInput.click());
for (const input of [ui.folderInput, ui.fileInput]) {
  input.addEventListener('change', () => {
    const files = filesFromInput(input);
    input.value = '';
    void loadFiles(files);
  });
}

// Drag and drop anywhere on the page.
let dragDepth = 0;
window.addEventListener('dragenter', (e) => {
  if (!e.dataTransfer?.types.includes('Files')) return;
  dragDepth++;
  ui.dropOverlay.hidden = false;
});
window.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) ui.dropOverlay.hidden = true;
});
window.addEventListener('dragover', (e) => e.preventDefault());
window.addEventListener('drop', (e) => {
  e.preventDefault();
  dragDepth = 0;
  ui.dropOverlay.hidden = true;
  if (!e.dataTransfer) return;
  filesFromDrop(e.dataTransfer).then(loadFiles, showError);
});

// ---------------------------------------------------------------- the view

async function refreshView(): Promise<void> {
  if (!state.summary) return;
  const seq = ++state.viewSeq;
  document.body.dataset.state = 'computing';
  performance.mark('chainlens:view-start');
  try {
    const data = await client.call(
      {
        type: 'view',
        view: {
          cluster: state.cluster,
          types: [...state.types],
          showIsolated: ui.showIsolated.checked,
          seed: 1,
          ...(state.template ? { chainTemplate: state.template, minShare: state.minShare } : {}),
        },
      },
      setStatus,
    );
    if (seq !== state.viewSeq) return;
    performance.mark('chainlens:view-data');
    showData(data);
    setStatus(`${state.datasetLabel}: ${data.clusterLabel}`);
    if (state.template) void runChainAnalysis();
    else renderChainPanel(ui.panels.chain, { status: 'no-template' }, chainActions);
  } catch (e) {
    if (seq === state.viewSeq) showError(e);
  }
}

function showData(data: ViewData, previous?: ViewGraph): void {
  const graph = buildGraph(data, previous);
  // Without links, communities are single companies: colour by region instead.
  if (data.arcs === 0 && state.colorBy === 'community' && !previous) {
    state.colorBy = 'region';
    ui.colorBy.value = 'region';
  }
  state.data = data;
  state.graph = graph;
  state.selected = null;
  state.hidden.clear();
  state.betweennessNote = '';
  state.chain = null;
  state.chainDecoration = null;
  state.chainLayout = null;
  state.whatIf = null;
  state.companySlot = null;
  setChainControls(false);
  applyEdgeStyle(graph);
  styleNodes();
  performance.mark('chainlens:graph-built');
  layout.kill();
  if (!renderer) {
    renderer = new GraphRenderer(ui.graph, graph, {
      click: (node) => (node ? void selectNode(node) : clearSelection()),
      hover: showTooltip,
    });
  } else {
    renderer.setGraph(graph);
  }
  applyHidden();
  renderer.sigma.once('afterRender', () => {
    performance.mark('chainlens:first-render');
    // The frame after: the first picture has reached the screen.
    requestAnimationFrame(() => {
      performance.mark('chainlens:first-frame');
      // ForceAtlas2 starts once the first picture is up (both compete for the CPU); the chain
      // layout waits for the chain report instead.
      if (graph === state.graph && !(state.template && state.layoutMode === 'chain')) {
        layout.start(graph);
      }
    });
    // Tests and the benchmark wait for this counter to move after an action.
    document.body.dataset.views = String(Number(document.body.dataset.views ?? 0) + 1);
    document.body.dataset.state = 'ready';
  });
  renderer.sigma.refresh();
  renderSummary(data);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
  ui.exportPng.disabled = false;
  ui.exportGexf.disabled = false;
  ui.layoutToggle.disabled = graph.order < 2;
  if (state.sizeBy === 'betweenness') void loadBetweenness();
}

function renderSummary(data: ViewData): void {
  const g = state.graph!;
  const ghosts = state.chainDecoration?.ghosts.length ?? 0;
  const nodes = g.order - ghosts;
  const links = g.size - (state.chainDecoration?.ghostLinks ?? 0);
  const parts = [
    `${state.datasetLabel} · ${data.clusterLabel}`,
    data.mode === 'aggregated'
      ? `${count(nodes)} nodes (${data.groups?.kind === 'segment' ? 'chain segments' : 'communities'} and expanded companies) of ${count(data.clusterSize - data.hiddenIsolated)} companies`
      : `${count(nodes)} companies drawn`,
    `${count(links)} links`,
  ];
  if (ghosts > 0) parts.push(`${ghosts} missing role${ghosts === 1 ? '' : 's'} (ghost nodes)`);
  if (data.arcs > 0) {
    parts.push(
      `${count(data.communities.shown)} communities (modularity ${data.communities.modularity.toFixed(2)})`,
    );
  }
  if (data.hiddenIsolated > 0) {
    parts.push(
      `${count(data.hiddenIsolated)} without links hidden${state.template ? ' (chain firms always drawn)' : ''}`,
    );
  }
  if (data.prunedArcs > 0) {
    parts.push(`${count(data.prunedArcs)} weaker links between communities not drawn`);
  }
  replace(ui.viewSummary, parts.join(' · '));
  ui.viewSummary.dataset.nodes = String(nodes);
  ui.viewSummary.dataset.edges = String(links);
  ui.viewSummary.dataset.ghosts = String(ghosts);
}

/** The chain's fixed colours (colour by segment / stage), once a report is in. */
function chainColoring(): ChainColoring | undefined {
  const report = state.chain?.report;
  if (!report) return undefined;
  return {
    segmentColors: segmentColors(report.segments),
    segmentNames: new Map(report.segments.map((s) => [s.id, s.name])),
    order: report.segments.map((s) => s.id),
    stageOf: new Map(report.segments.map((s) => [s.id, s.stage])),
    stageColors: STAGE_COLORS,
    stageLabels: STAGE_LABELS,
  };
}

/** Colour by segment / stage needs a report: community colours until it arrives. */
function effectiveColorBy(): ColorBy {
  return (state.colorBy === 'segment' || state.colorBy === 'stage') && !state.chain
    ? 'community'
    : state.colorBy;
}

/** Sizes and colours from the current choices; redraws the legend. */
function styleNodes(): void {
  const graph = state.graph;
  const data = state.data;
  if (!graph || !data) return;
  // In the chain layout nodes stay inside their lane's cells (one graph unit).
  const cell = state.chainLayout && renderer ? renderer.unitPixels() : 0;
  applySizes(
    graph,
    state.sizeBy,
    cell > 0
      ? { floor: Math.max(2, cell * 0.22), ceiling: Math.max(3, cell * 0.46), outside: 0.5 }
      : undefined,
  );
  const chain = chainColoring();
  state.legend = applyColors(
    graph,
    effectiveColorBy(),
    state.cluster,
    data.communities.labels,
    chain,
  );
  if (state.chain) {
    if (cell > 0) applyEdgeStyle(graph);
    applyChainStyle(graph, state.flagWeak, cell > 0 ? cell * 0.45 : 9, cell > 0);
  }
  drawLegend();
}

function applyHidden(): void {
  const chain = chainColoring();
  const colorBy = effectiveColorBy();
  renderer?.setHidden(
    (a) => isHiddenCategory(a, colorBy, state.cluster, state.hidden, state.legend, chain),
    state.hidden.size > 0,
  );
}

function drawLegend(): void {
  const data = state.data;
  if (!data) return;
  const colorBy = effectiveColorBy();
  const title =
    colorBy === 'community'
      ? `Communities (Louvain, seed ${data.communities.seed})`
      : colorBy === 'region'
        ? 'Region'
        : colorBy === 'segment'
          ? 'Chain segment (main segment of each company)'
          : colorBy === 'stage'
            ? 'Chain stage'
            : colorBy.slice(5);
  const sizeNote =
    state.sizeBy === 'uniform'
      ? 'All companies the same size.'
      : `Size: ${state.sizeBy === 'degree' ? 'distinct partners in the view' : state.sizeBy === 'pagerank' ? 'PageRank (supply direction, damping 0.85)' : `betweenness${state.betweennessNote}`}.${data.mode === 'aggregated' ? ` ${data.groups?.kind === 'segment' ? 'Segment' : 'Community'} nodes: by companies.` : ''} Click a colour to hide or show it.`;
  renderLegend(
    ui.legend,
    title,
    state.legend,
    state.hidden,
    (key) => {
      if (state.hidden.has(key)) state.hidden.delete(key);
      else state.hidden.add(key);
      drawLegend();
      applyHidden();
    },
    RELATION_TYPES.filter((t) => state.types.has(t)),
    sizeNote,
    state.chainDecoration
      ? {
          ghosts: state.chainDecoration.ghosts.length,
          weakCompanies: state.flagWeak ? countWeak() : 0,
          bridges: state.flagWeak ? state.chainDecoration.bridgesDrawn : 0,
          marks: (state.whatIf?.state.status ?? '') === 'ready',
          colors: CHAIN_COLORS,
        }
      : null,
  );
}

function countWeak(): number {
  let n = 0;
  state.graph?.forEachNode((_, a) => {
    if (a.weak?.length) n++;
  });
  return n;
}

async function restyle(): Promise<void> {
  if (state.sizeBy === 'betweenness') await loadBetweenness();
  styleNodes();
  renderer?.sigma.refresh();
}

async function loadBetweenness(): Promise<void> {
  const graph = state.graph;
  if (!graph || !state.data) return;
  const seq = state.viewSeq;
  try {
    const b = await client.call({ type: 'betweenness' }, setStatus);
    if (seq !== state.viewSeq || graph !== state.graph) return;
    const keys = state.data.nodes.keys;
    keys.forEach((key, i) => graph.setNodeAttribute(key, 'betweenness', b.values[i]!));
    state.betweennessNote = b.exact
      ? ' (exact, directed)'
      : ` (sampled from ${count(b.k)} sources, seed ${b.seed})`;
    setStatus(`Betweenness ${b.exact ? 'exact' : `sampled (k = ${count(b.k)})`}`);
    styleNodes();
    renderer?.sigma.refresh();
  } catch (e) {
    showError(e);
  }
}

// ---------------------------------------------------------------- exploring

function showTooltip(node: string | null, x: number, y: number): void {
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
        el('strong', null, `Missing: ${segmentName(role.segment)}`),
        el(
          'div',
          { class: 'muted' },
          role.direction === 'absent'
            ? 'no local company feeds it or needs it'
            : `${role.direction} role needed by ${count(role.neededBy.length)} local compan${role.neededBy.length === 1 ? 'y' : 'ies'}: click for details`,
        ),
      ]
    : a.company >= 0
      ? [
          el('strong', null, a.label),
          el('div', { class: 'muted' }, `${node} · ${a.region || 'no region'}`),
          el('div', null, `${count(a.degree)} partners · PageRank ${a.pagerank.toExponential(2)}`),
          a.segments?.length
            ? el('div', null, a.segments.slice(0, 3).map(segmentName).join(' · '))
            : null,
          a.weak?.length
            ? el('div', { class: 'tip-warn' }, `weak link: ${a.weak.join(', ')}`)
            : null,
        ]
      : [
          el('strong', null, a.label),
          el(
            'div',
            { class: 'muted' },
            `${a.groupSegment !== undefined ? (a.groupSegment ? 'chain segment' : 'outside the chain') : 'community'}: ${count(a.companies)} companies, click to expand`,
          ),
        ];
  replace(ui.tooltip, ...lines);
  ui.tooltip.hidden = false;
  const box = ui.graph.getBoundingClientRect();
  ui.tooltip.style.left = `${Math.min(x + 14, box.width - 290)}px`;
  ui.tooltip.style.top = `${Math.min(y + 14, box.height - 80)}px`;
}

function clearSelection(): void {
  state.selected = null;
  clearWhatIf();
  renderer?.setFocus(null, null);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
}

/** Drops the what-if marks (the result stays in the company's panel until it changes). */
function clearWhatIf(): void {
  state.whatIf = null;
  renderer?.setMarks(new Map());
  renderer?.lanes.setEmptied([]);
}

function focusOn(node: string, direction: Direction, steps: number): void {
  const graph = state.graph;
  if (!graph || !renderer || !graph.hasNode(node)) return;
  const focus = stepsFrom(graph, node, direction, steps);
  renderer.setFocus(node, focus);
  const what =
    direction === 'both'
      ? 'neighbours'
      : `${steps === Infinity ? 'all' : steps} step${steps === 1 ? '' : 's'} ${direction}`;
  ui.focusNote.hidden = false;
  replace(
    ui.focusNote,
    `${graph.getNodeAttribute(node, 'label')}: ${what}, ${count(focus.size - 1)} compan${focus.size === 2 ? 'y' : 'ies'} `,
    el('button', { class: 'link', on: { click: () => renderer?.setFocus(node, null) } }, 'clear'),
  );
  ui.focusNote.dataset.size = String(focus.size);
}

async function selectNode(node: string): Promise<void> {
  const graph = state.graph;
  if (!graph || !graph.hasNode(node)) return;
  state.selected = node;
  if (state.whatIf?.company !== node) clearWhatIf();
  const a = graph.getNodeAttributes(node);
  selectTab('company');
  if (a.ghost !== undefined) {
    showMissingRole(a.ghost);
    return;
  }
  if (a.company < 0) {
    renderer?.setFocus(node, null);
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

async function showCompany(id: string): Promise<void> {
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
          renderer?.setFocus(state.selected, null);
          ui.focusNote.hidden = true;
        },
      },
      drawn,
    );
    state.companySlot = { company: id, root: slot };
    renderCompanySlot();
    selectTab('company');
  } catch (e) {
    showError(e);
  }
}

/** Shows a company: selects and centres it when drawn, details either way. */
async function openCompany(id: string): Promise<void> {
  if (state.graph?.hasNode(id)) {
    renderer?.centerOn(id);
    await selectNode(id);
  } else {
    state.selected = null;
    clearWhatIf();
    renderer?.setFocus(null, null);
    ui.focusNote.hidden = true;
    await showCompany(id);
  }
}

/** Swaps a group node (community or chain segment) for its companies. */
async function expand(group: number, label: string): Promise<void> {
  const previous = state.graph ?? undefined;
  try {
    const data = await client.call({ type: 'expand', group }, setStatus);
    showData(data, previous);
    setStatus(`Expanded ${label}`);
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

async function runSearch(): Promise<void> {
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
      ? [el('li', { class: 'muted' }, 'No company matches.')]
      : hits.map((h) =>
          el(
            'li',
            { attrs: { 'data-id': h.id }, on: { mousedown: () => pickHit(h.id) } },
            el('span', { class: 'name' }, h.name),
            h.inView ? null : el('span', { class: 'tag' }, 'not drawn'),
            el('span', { class: 'meta' }, `${h.id} · ${h.region || 'no region'}`),
          ),
        )),
  );
  ui.searchResults.hidden = false;
}

function pickHit(id: string): void {
  ui.searchResults.hidden = true;
  void openCompany(id);
}

// ---------------------------------------------------------------- chain analysis

/** Names of company ids for the chain panel: the report's, then the graph's labels. */
function companyName(id: string): string {
  const names = state.chain?.names;
  if (names?.[id]) return names[id];
  for (const s of state.chain?.report.segments ?? []) {
    const m = s.members.find((x) => x.company === id);
    if (m) return m.name;
  }
  return state.graph?.hasNode(id) ? state.graph.getNodeAttribute(id, 'label') : id;
}

/** Focuses the graph on some companies (and other node keys: ghosts); clears what-if marks. */
function focusNodes(ids: string[], label: string, extra: string[] = []): void {
  const graph = state.graph;
  if (!graph || !renderer) return;
  clearWhatIf();
  const drawn = ids.filter((id) => graph.hasNode(id));
  const keys = [...new Set([...drawn, ...extra.filter((k) => graph.hasNode(k))])];
  state.selected = null;
  renderer.setFocus(null, new Map(keys.map((k) => [k, 0])));
  renderer.fitNodes(keys);
  ui.focusNote.hidden = false;
  const distinct = new Set(ids).size;
  replace(
    ui.focusNote,
    `${label}: ${count(new Set(drawn).size)} of ${count(distinct)} compan${distinct === 1 ? 'y' : 'ies'} drawn `,
    el('button', { class: 'link', on: { click: () => clearFocus() } }, 'clear'),
  );
  ui.focusNote.dataset.size = String(keys.length);
}

function clearFocus(): void {
  clearWhatIf();
  renderer?.setFocus(null, null);
  ui.focusNote.hidden = true;
}

const chainActions = {
  focusCompanies: (ids: string[], label: string, extra?: string[]) => focusNodes(ids, label, extra),
  companyName,
  whatIf: (id: string) => {
    void openCompany(id).then(() => runWhatIf(id));
  },
};

/** Segment/stage colours, the chain layout option and the weak-link flag need a report. */
function setChainControls(ready: boolean): void {
  for (const o of ui.colorBy.options) {
    if (o.value === 'segment' || o.value === 'stage') o.disabled = !ready;
  }
  const chainOption = ui.layoutMode.querySelector<HTMLOptionElement>('option[value="chain"]');
  if (chainOption) chainOption.disabled = !ready;
  ui.flagWeak.disabled = !ready;
}

async function runChainAnalysis(): Promise<void> {
  const templateId = state.template;
  const graph = state.graph;
  if (!templateId || !graph) return;
  const seq = ++state.chainSeq;
  const template = state.summary?.templates.find((t) => t.id === templateId)?.name ?? templateId;
  renderChainPanel(ui.panels.chain, { status: 'running', template }, chainActions);
  document.body.dataset.chain = 'running';
  try {
    const analysis = await client.call(
      { type: 'analyze', templateId, cluster: state.cluster, minShare: state.minShare },
      (step) => {
        if (seq !== state.chainSeq) return;
        setStatus(`Chain analysis: ${step}`);
        renderChainPanel(ui.panels.chain, { status: 'running', template, step }, chainActions);
      },
    );
    if (seq !== state.chainSeq || graph !== state.graph) return;
    applyAnalysis(analysis);
    setStatus(`${state.datasetLabel}: ${state.data?.clusterLabel ?? ''} × ${template}`);
  } catch (e) {
    if (seq !== state.chainSeq) return;
    const message = e instanceof Error ? e.message : String(e);
    renderChainPanel(ui.panels.chain, { status: 'error', message }, chainActions);
    document.body.dataset.chain = 'error';
  }
}

/** Puts a chain report on the graph and in the panel. */
function applyAnalysis(analysis: ChainAnalysis): void {
  const graph = state.graph!;
  const restart = layout.running;
  layout.kill();
  state.chain = analysis;
  state.chainDecoration = decorateChain(graph, analysis);
  // Index the added ghost nodes and links now: sigma repaints restyled items in place, which
  // it cannot do for items it has not processed yet.
  renderer?.sigma.refresh();
  setChainControls(true);
  state.hidden.clear();
  styleNodes();
  applyHidden();
  applyLayoutMode(restart);
  if (state.data) renderSummary(state.data);
  const d = state.chainDecoration;
  const notes: string[] = [];
  if (d.ghostLinksNotDrawn > 0) {
    notes.push(
      `${count(d.ghostLinksNotDrawn)} links of missing roles lead to companies not drawn (inside community nodes).`,
    );
  }
  if (d.ghostLinksViaGroup > 0) {
    notes.push(
      `${count(d.ghostLinksViaGroup)} companies that need a missing role are inside segment nodes: their ghosts link to those nodes.`,
    );
  }
  if (d.bridges > d.bridgesDrawn) {
    notes.push(
      `${d.bridges - d.bridgesDrawn} of ${d.bridges} bridges are not drawn: their relation type is not shown.`,
    );
  }
  renderChainPanel(
    ui.panels.chain,
    { status: 'ready', analysis, clusterLabel: state.data?.clusterLabel ?? '', notes },
    chainActions,
  );
  if (state.companySlot) renderCompanySlot();
  document.body.dataset.chain = 'ready';
  document.body.dataset.chainViews = String(Number(document.body.dataset.chainViews ?? 0) + 1);
}

/** Applies the layout mode: the chain layout (with a report) or ForceAtlas2. */
function applyLayoutMode(restartForce = true): void {
  const graph = state.graph;
  if (!graph || !renderer) return;
  const chain = state.layoutMode === 'chain' && state.chain;
  ui.layoutToggle.disabled = !!chain || graph.order < 2;
  if (chain) {
    layout.kill();
    state.chainLayout = chainLayout(graph, state.chain!);
    renderer.setChainLayout(state.chainLayout);
    styleNodes();
    renderer.sigma.refresh();
    ui.layoutState.textContent = 'chain layout: upstream → downstream';
    document.body.dataset.layout = 'chain';
  } else {
    const wasChain = state.chainLayout !== null;
    state.chainLayout = null;
    renderer.setChainLayout(null);
    if (wasChain) {
      applyEdgeStyle(graph);
      styleNodes();
    }
    if (wasChain || restartForce) layout.start(graph);
    else renderer.sigma.refresh();
  }
}

function segmentName(id: string): string {
  return state.chain?.report.segments.find((s) => s.id === id)?.name ?? id;
}

function companyChainInfo(id: string): CompanyChainInfo | null {
  const report = state.chain?.report;
  if (!report) return null;
  const byId = new Map(report.segments.map((s) => [s.id, s]));
  const segments = (state.chain!.companySegments[id] ?? []).map((s) => ({
    id: s,
    name: byId.get(s)?.name ?? s,
    stage: byId.get(s)!.stage,
  }));
  const weak = report.weakLinks
    .filter((w) => w.company === id || w.source === id || w.target === id)
    .map((w) => w.detail);
  const rank = report.critical.findIndex((c) => c.company === id);
  return {
    template: report.template.name,
    segments,
    weak,
    ...(rank >= 0 ? { criticalRank: rank + 1 } : {}),
  };
}

/** Draws the selected company's chain section (segments, weak links, what-if). */
function renderCompanySlot(): void {
  const slot = state.companySlot;
  if (!slot || !slot.root.isConnected) return;
  const info = companyChainInfo(slot.company);
  const whatIf: WhatIfState =
    state.whatIf?.company === slot.company
      ? state.whatIf.state
      : state.chain
        ? { status: 'idle' }
        : { status: 'no-chain' };
  renderCompanyChain(slot.root, info, whatIf, {
    run: () => void runWhatIf(slot.company),
    focus: (ids, label) => focusNodes(ids, label),
    openCompany: (other) => void openCompany(other),
    segmentName,
  });
}

/** "What if this company fails": core's whatIf() in the worker, shown and highlighted. */
async function runWhatIf(id: string): Promise<void> {
  const templateId = state.template;
  const graph = state.graph;
  if (!templateId || !state.chain || !graph) return;
  const seq = ++state.chainSeq;
  state.whatIf = { company: id, state: { status: 'running' } };
  renderCompanySlot();
  try {
    const data = await client.call({
      type: 'what-if',
      templateId,
      cluster: state.cluster,
      minShare: state.minShare,
      remove: [id],
    });
    if (seq !== state.chainSeq || graph !== state.graph || state.whatIf?.company !== id) return;
    state.whatIf = { company: id, state: { status: 'ready', data } };
    const { result } = data;
    const marks = new Map<string, 'removed' | 'cut-off'>();
    for (const r of result.removed) marks.set(r.company, 'removed');
    for (const f of result.cutOff) marks.set(f.company, 'cut-off');
    const keys = [...marks.keys()].filter((k) => graph.hasNode(k));
    renderer?.setFocus(id, new Map(keys.map((k) => [k, 0])));
    renderer?.setMarks(marks);
    renderer?.lanes.setEmptied(result.emptied);
    if (keys.length > 1) renderer?.fitNodes(keys);
    const { before, after } = result.completeness;
    ui.focusNote.hidden = false;
    replace(
      ui.focusNote,
      `If ${data.names[id] ?? id} fails: ${count(result.cutOff.length)} cut off · redundancy-adjusted completeness ${percent(before.redundancy)} → ${percent(after.redundancy)} `,
      el('button', { class: 'link', on: { click: () => clearFocus() } }, 'clear'),
    );
    ui.focusNote.dataset.size = String(keys.length);
    drawLegend();
  } catch (e) {
    if (state.whatIf?.company !== id) return;
    state.whatIf = {
      company: id,
      state: { status: 'error', message: e instanceof Error ? e.message : String(e) },
    };
  }
  renderCompanySlot();
}

/** A ghost node's details: the missing role, who needs it, where it could come from. */
function showMissingRole(segment: string): void {
  const report = state.chain?.report;
  const role = report?.missingRoles.find((m) => m.segment === segment);
  if (!report || !role) return;
  const graph = state.graph!;
  const key = `${GHOST_PREFIX}${segment}`;
  const keys = [key, ...role.neededBy.filter((id) => graph.hasNode(id))];
  renderer?.setFocus(key, new Map(keys.map((k) => [k, 0])));
  ui.focusNote.hidden = false;
  replace(
    ui.focusNote,
    `Missing ${segmentName(segment)}: ${count(keys.length - 1)} local compan${keys.length === 2 ? 'y needs' : 'ies need'} it `,
    el('button', { class: 'link', on: { click: () => clearFocus() } }, 'clear'),
  );
  ui.focusNote.dataset.size = String(keys.length);
  renderMissingRole(ui.panels.company, role, report, {
    openCompany: (id) => void openCompany(id),
    companyName,
    focus: () => focusNodes(role.neededBy, `Missing ${segmentName(segment)}`, [key]),
  });
}

// ---------------------------------------------------------------- export

ui.exportPng.addEventListener('click', () => {
  if (!renderer) return;
  pngOf(renderer.sigma, state.chainLayout).then(
    (blob) => download(blob, `${fileStem()}.png`),
    showError,
  );
});
ui.exportGexf.addEventListener('click', () => {
  if (!state.graph) return;
  download(new Blob([gexfOf(state.graph)], { type: 'application/xml' }), `${fileStem()}.gexf`);
});

function fileStem(): string {
  const cluster = state.data?.clusterLabel ?? 'view';
  return `chainlens-${state.summary?.name ?? 'data'}-${cluster}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}

// ---------------------------------------------------------------- start

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
  renderer: () => renderer,
  layout,
  chain: () => state.chain,
  lanes: () => state.chainLayout,
};

async function start(): Promise<void> {
  renderEmptyDetails(ui.panels.company);
  renderChainPanel(ui.panels.chain, { status: 'no-template' }, chainActions);
  replace(ui.panels.data, el('p', { class: 'muted' }, 'No dataset loaded.'));
  state.index = await fetchIndex();
  fillPicker(state.index);
  document.body.dataset.state = 'idle';
  const wanted = readHash().dataset ?? state.index?.open;
  const entry = state.index?.datasets.find((d) => d.id === wanted);
  if (entry) {
    ui.picker.value = entry.id;
    await loadEntry(entry);
  } else if (state.index) {
    setStatus('Pick a dataset, or open your own files.');
  } else {
    setStatus('No data is served here: open a dataset folder or files.');
  }
}

void start();
