/** The view: asking the worker for it, drawing it, sizes, colours, legend, summary. */
import { RELATION_TYPES } from '@chainlens/core';
import { count, replace } from '../dom.js';
import { t } from '../i18n.js';
import {
  CHAIN_COLORS,
  STAGE_COLORS,
  stageLabel,
  applyChainStyle,
  segmentColors,
} from '../graph/chain.js';
import type { ViewGraph } from '../graph/model.js';
import { buildGraph } from '../graph/model.js';
import { GraphRenderer } from '../graph/renderer.js';
import type { ChainColoring, ColorBy } from '../graph/style.js';
import { applyColors, applyEdgeStyle, applySizes, isHiddenCategory } from '../graph/style.js';
import { renderEmptyDetails } from '../panel/details.js';
import { renderLegend } from '../panel/legend.js';
import type { ViewData } from '../protocol.js';
import { installDrag } from '../graph/drag.js';
import type { NodeAttributes } from '../graph/model.js';
import { WEIGHT_KEY, edgePasses, filtering, nodePasses } from '../graph/filters.js';
import {
  activeFilters,
  applyLabelLevel,
  dragStarted,
  renderFilters,
  showCount,
} from './filters.js';
import { runChainAnalysis, setChainControls, showChainPanel } from './chain.js';
import { clearSelection, selectNode, showTooltip } from './exploring.js';
import { thinChainArcs } from './lanes.js';
import { setStatus, showError } from './status.js';
import { app, client, layout, state, ui } from './state.js';
import { enteredLegend, markEntered, renderDate } from './time.js';

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
    renderDate();
    setStatus(() =>
      t('viewer:status.view', { dataset: state.datasetLabel, cluster: clusterName() }),
    );
    if (state.template) void runChainAnalysis();
    else showChainPanel({ status: 'no-template' });
  } catch (e) {
    if (seq === state.viewSeq) showError(e);
  }
}

/** Whether the click being handled ends a node drag (graph/drag.ts). */
let endsDrag = (): boolean => false;

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
  state.betweenness = null;
  state.chain = null;
  state.chainDecoration = null;
  state.chainLayout = null;
  state.whatIf = null;
  state.companySlot = null;
  // The previous view's chain report does not describe this graph.
  document.body.dataset.chain = state.template ? 'pending' : 'none';
  setChainControls(false);
  applyEdgeStyle(graph);
  styleNodes();
  performance.mark('chainlens:graph-built');
  layout.kill();
  if (!app.renderer) {
    app.renderer = new GraphRenderer(ui.graph, graph, {
      click: (node) => {
        if (endsDrag()) return;
        if (node) void selectNode(node);
        else clearSelection();
      },
      hover: showTooltip,
    });
    endsDrag = installDrag(app.renderer.sigma, {
      enabled: () => state.layoutMode !== 'chain' || !state.chainLayout,
      started: dragStarted,
    });
    applyLabelLevel();
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
  for (const b of [ui.exportPng, ui.exportSvg, ui.exportGexf, ui.exportGexf13, ui.exportCsv])
    b.disabled = false;
  ui.layoutToggle.disabled = graph.order < 2;
  renderFilters();
  if (state.sizeBy === 'betweenness' || state.filters.some((f) => f.key === 'betweenness')) {
    void loadBetweenness();
  }
}

export function renderSummary(data: ViewData): void {
  const g = state.graph!;
  const ghosts = state.chainDecoration?.ghosts.length ?? 0;
  const nodes = g.order - ghosts;
  const links = g.size - (state.chainDecoration?.ghostLinks ?? 0);
  const parts = [
    `${state.datasetLabel} · ${clusterName()}`,
    data.mode === 'aggregated'
      ? t(
          data.groups?.kind === 'segment'
            ? 'viewer:summary.aggregatedSegments'
            : 'viewer:summary.aggregatedCommunities',
          {
            count: nodes,
            n: count(nodes),
            companies: count(data.clusterSize - data.hiddenIsolated),
          },
        )
      : t('viewer:summary.drawn', { count: nodes, n: count(nodes) }),
    t('viewer:summary.links', { count: links, n: count(links) }),
  ];
  if (ghosts > 0) parts.push(t('viewer:summary.ghosts', { count: ghosts, n: count(ghosts) }));
  if (data.arcs > 0) {
    parts.push(
      t('viewer:summary.communities', {
        count: data.communities.shown,
        n: count(data.communities.shown),
        modularity: data.communities.modularity.toFixed(2),
      }),
    );
  }
  if (data.hiddenIsolated > 0) {
    parts.push(
      t(state.template ? 'viewer:summary.hiddenChain' : 'viewer:summary.hidden', {
        count: data.hiddenIsolated,
        n: count(data.hiddenIsolated),
      }),
    );
  }
  if (data.prunedArcs > 0) {
    parts.push(t('viewer:summary.pruned', { count: data.prunedArcs, n: count(data.prunedArcs) }));
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
    stageLabels: {
      upstream: stageLabel('upstream'),
      midstream: stageLabel('midstream'),
      downstream: stageLabel('downstream'),
    },
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
      ? {
          floor: Math.max(2, cell * 0.22),
          ceiling: Math.max(3, cell * 0.46),
          outside: 0.5,
          group: Math.max(4, cell * 0.95),
        }
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
    if (cell > 0) thinChainArcs(graph);
  }
  markEntered(graph);
  drawLegend();
}

/** Whether a node is hidden: a legend colour switched off, or outside a range filter. */
export function nodeHidden(a: NodeAttributes): boolean {
  return (
    isHiddenCategory(
      a,
      effectiveColorBy(),
      state.cluster,
      state.hidden,
      state.legend,
      chainColoring(),
    ) || !nodePasses(a, activeFilters())
  );
}

export function applyHidden(): void {
  const chain = chainColoring();
  const colorBy = effectiveColorBy();
  const filters = activeFilters();
  app.renderer?.setEdgeFilter(
    filters.some((f) => f.key === WEIGHT_KEY) ? (e) => edgePasses(e, filters) : null,
  );
  app.renderer?.setHidden(
    (a) =>
      isHiddenCategory(a, colorBy, state.cluster, state.hidden, state.legend, chain) ||
      !nodePasses(a, filters),
    state.hidden.size > 0 || filtering(filters),
  );
  showCount();
}

/** The legend's title: what the colours mean. */
export function legendTitle(data: ViewData): string {
  const colorBy = effectiveColorBy();
  return colorBy === 'community'
    ? t('viewer:legend.communities', { seed: data.communities.seed })
    : colorBy === 'region'
      ? t('viewer:legend.region')
      : colorBy === 'segment'
        ? t('viewer:legend.segment')
        : colorBy === 'stage'
          ? t('viewer:legend.stage')
          : colorBy.slice(5);
}

/** What the sizes mean; with the hint that a colour can be hidden, for the page. */
export function sizeNote(data: ViewData, hint: boolean): string {
  const b = state.betweenness;
  const size =
    state.sizeBy === 'degree'
      ? t('viewer:legend.size.degree')
      : state.sizeBy === 'pagerank'
        ? t('viewer:legend.size.pagerank')
        : !b
          ? t('viewer:legend.size.betweenness')
          : b.exact
            ? t('viewer:legend.size.betweennessExact')
            : t('viewer:legend.size.betweennessSampled', { k: count(b.k), seed: b.seed });
  return state.sizeBy === 'uniform'
    ? t('viewer:legend.size.uniform')
    : [
        t('viewer:legend.size', { size }),
        data.mode === 'aggregated'
          ? t(
              data.groups?.kind === 'segment'
                ? 'viewer:legend.groupSize.segment'
                : 'viewer:legend.groupSize.community',
            )
          : '',
        hint ? t('viewer:legend.clickToHide') : '',
      ]
        .filter((x) => x !== '')
        .join(' ');
}

export function drawLegend(): void {
  const data = state.data;
  if (!data) return;
  const title = legendTitle(data);
  const note = sizeNote(data, true);
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
    RELATION_TYPES.filter((type) => state.types.has(type)),
    note,
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
  const entered = enteredLegend(state.graph);
  if (entered) ui.legend.append(entered);
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
    state.betweenness = { exact: b.exact, k: b.k, seed: b.seed };
    setStatus(() =>
      b.exact
        ? t('viewer:status.betweennessExact')
        : t('viewer:status.betweennessSampled', { k: count(b.k) }),
    );
    styleNodes();
    if (state.filters.some((f) => f.key === 'betweenness')) {
      renderFilters();
      applyHidden();
    }
    app.renderer?.sigma.refresh();
  } catch (e) {
    showError(e);
  }
}

/** The cluster under study as the page names it (a region: its path). */
export function clusterName(): string {
  const c = state.cluster;
  if (c.kind === 'all') return t('viewer:cluster.all');
  if (c.kind === 'no-region') return t('viewer:cluster.noRegion');
  return state.data?.clusterLabel ?? c.path;
}
