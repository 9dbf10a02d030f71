/** The view: asking the worker for it, drawing it, sizes, colours, legend, summary. */
import { RELATION_TYPES } from '@chainlens/core';
import { count, replace } from '../dom.js';
import {
  CHAIN_COLORS,
  STAGE_COLORS,
  STAGE_LABELS,
  applyChainStyle,
  segmentColors,
} from '../graph/chain.js';
import type { ViewGraph } from '../graph/model.js';
import { buildGraph } from '../graph/model.js';
import { GraphRenderer } from '../graph/renderer.js';
import type { ChainColoring, ColorBy } from '../graph/style.js';
import { applyColors, applyEdgeStyle, applySizes, isHiddenCategory } from '../graph/style.js';
import { renderChainPanel } from '../panel/chain.js';
import { renderEmptyDetails } from '../panel/details.js';
import { renderLegend } from '../panel/legend.js';
import type { ViewData } from '../protocol.js';
import { chainActions, runChainAnalysis, setChainControls } from './chain.js';
import { clearSelection, selectNode, showTooltip } from './exploring.js';
import { setStatus, showError } from './status.js';
import { app, client, layout, state, ui } from './state.js';

export async function refreshView(): Promise<void> {
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

export function showData(data: ViewData, previous?: ViewGraph): void {
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
  if (!app.renderer) {
    app.renderer = new GraphRenderer(ui.graph, graph, {
      click: (node) => (node ? void selectNode(node) : clearSelection()),
      hover: showTooltip,
    });
  } else {
    app.renderer.setGraph(graph);
  }
  applyHidden();
  app.renderer.sigma.once('afterRender', () => {
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
  app.renderer.sigma.refresh();
  renderSummary(data);
  ui.focusNote.hidden = true;
  renderEmptyDetails(ui.panels.company);
  ui.exportPng.disabled = false;
  ui.exportGexf.disabled = false;
  ui.layoutToggle.disabled = graph.order < 2;
  if (state.sizeBy === 'betweenness') void loadBetweenness();
}

export function renderSummary(data: ViewData): void {
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
export function chainColoring(): ChainColoring | undefined {
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
export function effectiveColorBy(): ColorBy {
  return (state.colorBy === 'segment' || state.colorBy === 'stage') && !state.chain
    ? 'community'
    : state.colorBy;
}

/** Sizes and colours from the current choices; redraws the legend. */
export function styleNodes(): void {
  const graph = state.graph;
  const data = state.data;
  if (!graph || !data) return;
  // In the chain layout nodes stay inside their lane's cells (one graph unit).
  const cell = state.chainLayout && app.renderer ? app.renderer.unitPixels() : 0;
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

export function applyHidden(): void {
  const chain = chainColoring();
  const colorBy = effectiveColorBy();
  app.renderer?.setHidden(
    (a) => isHiddenCategory(a, colorBy, state.cluster, state.hidden, state.legend, chain),
    state.hidden.size > 0,
  );
}

export function drawLegend(): void {
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

export function countWeak(): number {
  let n = 0;
  state.graph?.forEachNode((_, a) => {
    if (a.weak?.length) n++;
  });
  return n;
}

export async function restyle(): Promise<void> {
  if (state.sizeBy === 'betweenness') await loadBetweenness();
  styleNodes();
  app.renderer?.sigma.refresh();
}

export async function loadBetweenness(): Promise<void> {
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
    app.renderer?.sigma.refresh();
  } catch (e) {
    showError(e);
  }
}
