/**
 * Chainlens viewer: the page. It loads a dataset (from the server's `data/index.json` or from
 * dropped files), lets the user choose a region, relation types and a chain template, draws the
 * network with sigma, and explores it. Parsing and every computation run in the analysis worker
 * (worker.ts, through @chainlens/io and @chainlens/core); the page only draws and wires.
 */
import './style.css';
import type { RelationType } from '@chainlens/core';
import { RELATION_TYPES } from '@chainlens/core';
import { AnalysisClient, WorkerError } from './client.js';
import { count, el, must, replace } from './dom.js';
import { download, gexfOf, pngOf } from './export.js';
import { filesFromDrop, filesFromInput } from './files.js';
import type { ViewGraph } from './graph/model.js';
import { buildGraph } from './graph/model.js';
import { Layout } from './graph/layout.js';
import { GraphRenderer } from './graph/renderer.js';
import type { Direction } from './graph/steps.js';
import { stepsFrom } from './graph/steps.js';
import type { ColorBy, LegendEntry, SizeBy } from './graph/style.js';
import { applyColors, applyEdgeStyle, applySizes, isHiddenCategory } from './graph/style.js';
import type { ChainPanelState } from './panel/chain.js';
import { renderChainPanel } from './panel/chain.js';
import { renderCommunity, renderCompany, renderEmptyDetails } from './panel/details.js';
import { renderLegend } from './panel/legend.js';
import { RegionTree, sameCluster } from './panel/region-tree.js';
import { renderValidation } from './panel/validation.js';
import type {
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
  templateNote: must('#template-note'),
  sizeBy: must<HTMLSelectElement>('#size-by'),
  colorBy: must<HTMLSelectElement>('#color-by'),
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
  data: ViewData | null;
  graph: ViewGraph | null;
  legend: LegendEntry[];
  hidden: Set<string>;
  selected: string | null;
  /** Bumped by every view request; answers to older ones are dropped. */
  viewSeq: number;
  betweennessNote: string;
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
  data: null,
  graph: null,
  legend: [],
  hidden: new Set(),
  selected: null,
  viewSeq: 0,
  betweennessNote: '',
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

function readHash(): { dataset?: string; region?: string } {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    dataset: params.get('dataset') ?? undefined,
    region: params.get('region') ?? undefined,
  };
}

function writeHash(): void {
  const params = new URLSearchParams();
  const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
  if (entry) params.set('dataset', entry.id);
  if (state.cluster.kind === 'region') params.set('region', state.cluster.path);
  else if (state.cluster.kind === 'no-region') params.set('region', ':none');
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
    ...summary.attributes.map((a) =>
      el('option', { attrs: { value: `attr:${a.column}` } }, `${a.column} (${a.values})`),
    ),
  );
  ui.colorBy.value = [...ui.colorBy.options].some((o) => o.value === current)
    ? current
    : 'community';
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
ui.templatePicker.addEventListener('change', () => void runChainAnalysis());
ui.layoutToggle.addEventListener('click', () => {
  if (layout.running) layout.stop();
  else layout.resume();
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
        },
      },
      setStatus,
    );
    if (seq !== state.viewSeq) return;
    performance.mark('chainlens:view-data');
    showData(data);
    setStatus(`${state.datasetLabel}: ${data.clusterLabel}`);
    if (state.template) void runChainAnalysis();
  } catch (e) {
    if (seq === state.viewSeq) showError(e);
  }
}

function showData(data: ViewData, previous?: ViewGraph): void {
  const built = performance.now();
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
      // ForceAtlas2 starts once the first picture is up (both compete for the CPU).
      if (graph === state.graph) layout.start(graph);
    });
    // Tests and the benchmark wait for this counter to move after an action.
    document.body.dataset.views = String(Number(document.body.dataset.views ?? 0) + 1);
    document.body.dataset.state = 'ready';
  });
  renderer.sigma.refresh();
  renderSummary(data, performance.now() - built);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
  ui.exportPng.disabled = false;
  ui.exportGexf.disabled = false;
  ui.layoutToggle.disabled = graph.order < 2;
  if (state.sizeBy === 'betweenness') void loadBetweenness();
}

function renderSummary(data: ViewData, _ms: number): void {
  const g = state.graph!;
  const parts = [
    `${state.datasetLabel} · ${data.clusterLabel}`,
    data.mode === 'aggregated'
      ? `${count(g.order)} nodes (communities and expanded companies) of ${count(data.clusterSize - data.hiddenIsolated)} companies`
      : `${count(g.order)} companies drawn`,
    `${count(g.size)} links`,
  ];
  if (data.arcs > 0) {
    parts.push(
      `${count(data.communities.shown)} communities (modularity ${data.communities.modularity.toFixed(2)})`,
    );
  }
  if (data.hiddenIsolated > 0) parts.push(`${count(data.hiddenIsolated)} without links hidden`);
  if (data.prunedArcs > 0) {
    parts.push(`${count(data.prunedArcs)} weaker links between communities not drawn`);
  }
  replace(ui.viewSummary, parts.join(' · '));
  ui.viewSummary.dataset.nodes = String(g.order);
  ui.viewSummary.dataset.edges = String(g.size);
}

/** Sizes and colours from the current choices; redraws the legend. */
function styleNodes(): void {
  const graph = state.graph;
  const data = state.data;
  if (!graph || !data) return;
  applySizes(graph, state.sizeBy);
  state.legend = applyColors(graph, state.colorBy, state.cluster, data.communities.labels);
  drawLegend();
}

function applyHidden(): void {
  renderer?.setHidden(
    (a) => isHiddenCategory(a, state.colorBy, state.cluster, state.hidden, state.legend),
    state.hidden.size > 0,
  );
}

function drawLegend(): void {
  const data = state.data;
  if (!data) return;
  const title =
    state.colorBy === 'community'
      ? `Communities (Louvain, seed ${data.communities.seed})`
      : state.colorBy === 'region'
        ? 'Region'
        : state.colorBy.slice(5);
  const sizeNote =
    state.sizeBy === 'uniform'
      ? 'All companies the same size.'
      : `Size: ${state.sizeBy === 'degree' ? 'distinct partners in the view' : state.sizeBy === 'pagerank' ? 'PageRank (supply direction, damping 0.85)' : `betweenness${state.betweennessNote}`}.${data.mode === 'aggregated' ? ' Community nodes: by companies.' : ''} Click a colour to hide or show it.`;
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
  );
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
  const lines =
    a.company >= 0
      ? [
          el('strong', null, a.label),
          el('div', { class: 'muted' }, `${node} · ${a.region || 'no region'}`),
          el('div', null, `${count(a.degree)} partners · PageRank ${a.pagerank.toExponential(2)}`),
        ]
      : [
          el('strong', null, a.label),
          el(
            'div',
            { class: 'muted' },
            `community of ${count(a.companies)} companies: click to expand`,
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
  renderer?.setFocus(null, null);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
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
  const a = graph.getNodeAttributes(node);
  selectTab('company');
  if (a.company < 0) {
    renderer?.setFocus(node, null);
    renderCommunity(
      ui.panels.company,
      { label: a.label, companies: a.companies, community: a.community },
      () => void expand(a.community),
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
    renderCompany(
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
    renderer?.setFocus(null, null);
    ui.focusNote.hidden = true;
    await showCompany(id);
  }
}

async function expand(community: number): Promise<void> {
  const previous = state.graph ?? undefined;
  try {
    const data = await client.call({ type: 'expand', community }, setStatus);
    showData(data, previous);
    setStatus(`Expanded community #${community + 1}`);
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

const chainActions = {
  focusCompanies: (ids: string[], label: string) => {
    const graph = state.graph;
    if (!graph || !renderer) return;
    const drawn = ids.filter((id) => graph.hasNode(id));
    renderer.setFocus(drawn[0] ?? null, new Map(drawn.map((id) => [id, 0])));
    if (drawn[0]) renderer.centerOn(drawn[0]);
    ui.focusNote.hidden = false;
    replace(
      ui.focusNote,
      `${label}: ${count(drawn.length)} of ${count(ids.length)} companies drawn`,
    );
  },
  companyName: (id: string) =>
    state.graph?.hasNode(id) ? state.graph.getNodeAttribute(id, 'label') : id,
};

async function runChainAnalysis(): Promise<void> {
  state.template = ui.templatePicker.value;
  if (!state.template) {
    renderChainPanel(ui.panels.chain, { status: 'no-template' }, chainActions);
    return;
  }
  selectTab('chain');
  renderChainPanel(ui.panels.chain, { status: 'running', template: state.template }, chainActions);
  let panel: ChainPanelState;
  try {
    const report = await client.call(
      { type: 'analyze', templateId: state.template, cluster: state.cluster },
      setStatus,
    );
    panel = { status: 'ready', report };
  } catch (e) {
    panel =
      e instanceof WorkerError && e.code === 'not-available'
        ? { status: 'unavailable', message: e.message }
        : { status: 'error', message: e instanceof Error ? e.message : String(e) };
  }
  renderChainPanel(ui.panels.chain, panel, chainActions);
}

// ---------------------------------------------------------------- export

ui.exportPng.addEventListener('click', () => {
  if (!renderer) return;
  pngOf(renderer.sigma).then((blob) => download(blob, `${fileStem()}.png`), showError);
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
    };
  }
}
window.chainlens = { graph: () => state.graph, renderer: () => renderer, layout };

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
