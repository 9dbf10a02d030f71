/**
 * Exporting the view: PNG and SVG pictures that stand alone (title, legend, labels and a data
 * note in the page's language), GEXF 1.2draft and 1.3 of the drawn graph, CSV of the selection
 * (the focused companies) or, with none, of the companies shown.
 */
import { RELATION_TYPES } from '@chainlens/core';
import type { GexfVersion } from '@chainlens/io';
import { count } from '../dom.js';
import type { Frame, FrameItem } from '../export-frame.js';
import { LEGEND_MAX_ITEMS } from '../export-frame.js';
import { csvOf, download, gexfOf, pngOf, svgOf } from '../export.js';
import { CHAIN_COLORS } from '../graph/chain.js';
import { typesOf } from '../graph/model.js';
import { EDGE_COLORS } from '../graph/style.js';
import { t } from '../i18n.js';
import { setStatus, showError } from './status.js';
import { app, state, ui } from './state.js';
import { clusterName, countWeak, legendTitle, sizeNote } from './view.js';

/** The export buttons (index.html's header). */
export function installExport(): void {
  ui.exportPng.addEventListener('click', () => {
    if (!app.renderer) return;
    pngOf(app.renderer.sigma, exportFrame(), state.chainLayout).then(
      (blob) => download(blob, `${fileStem()}.png`),
      showError,
    );
  });
  ui.exportSvg.addEventListener('click', () => {
    if (!app.renderer) return;
    const svg = svgOf(app.renderer.sigma, exportFrame(), !!state.chainLayout);
    download(new Blob([svg], { type: 'image/svg+xml' }), `${fileStem()}.svg`);
  });
  const gexf = (version: GexfVersion, suffix: string) => () => {
    if (!state.graph) return;
    const text = gexfOf(state.graph, version);
    download(new Blob([text], { type: 'application/xml' }), `${fileStem()}${suffix}.gexf`);
  };
  ui.exportGexf.addEventListener('click', gexf('1.2', ''));
  ui.exportGexf13.addEventListener('click', gexf('1.3', '-gexf1.3'));
  ui.exportCsv.addEventListener('click', exportCsv);
}

/** CSV of the focused companies, else of every node shown (legend filters and others applied). */
function exportCsv(): void {
  const graph = state.graph;
  const renderer = app.renderer;
  if (!graph || !renderer) return;
  const focused = renderer.focusedNodes();
  const keys =
    focused.length > 0
      ? focused
      : graph.filterNodes((key) => !renderer.sigma.getNodeDisplayData(key)?.hidden);
  const what = focused.length > 0 ? 'focus' : 'shown';
  if (keys.length === 0) {
    setStatus(() => t('viewerExport:csv.none'), true);
    return;
  }
  const { csv, rows } = csvOf(graph, keys);
  download(
    new Blob([csv], { type: 'text/csv;charset=utf-8' }),
    `${fileStem()}${what === 'focus' ? '-selection' : ''}.csv`,
  );
  setStatus(() =>
    t('viewerExport:status.csv', {
      count: rows,
      n: count(rows),
      what: t(`viewerExport:status.what.${what}`),
    }),
  );
}

/** Arcs drawn and those resting only on inferred relations (not observed). */
function inferredArcs(): { arcs: number; inferred: number } {
  let arcs = 0;
  let inferred = 0;
  state.graph?.forEachEdge((_, a) => {
    if (a.ghost) return;
    arcs++;
    const types = typesOf(a.types);
    if (types.length > 0 && types.every((type) => type === 'inferred-supply')) inferred++;
  });
  return { arcs, inferred };
}

/** Title, legend and data note of a picture of the view, in the page's language now. */
export function exportFrame(): Frame {
  const data = state.data!;
  const dataset = state.summary?.name ?? state.datasetLabel;
  const cluster = clusterName();
  const template = state.chain?.report.template.name;
  const title = template
    ? t('viewerExport:title.chain', { dataset, cluster, template })
    : t('viewerExport:title', { dataset, cluster });
  const renderer = app.renderer;
  const selected = state.selected && state.graph?.hasNode(state.selected) ? state.selected : null;
  const subtitle =
    selected && renderer && renderer.focusSize > 1
      ? t('viewerExport:title.focus', {
          name: state.graph!.getNodeAttribute(selected, 'label'),
          n: count(renderer.focusSize - 1),
        })
      : undefined;

  const shown = state.legend.filter((e) => !state.hidden.has(e.key));
  const nodes: FrameItem[] = shown
    .slice(0, LEGEND_MAX_ITEMS)
    .map((e) => ({ kind: 'swatch', color: e.color, label: e.label, count: count(e.count) }));
  if (shown.length > LEGEND_MAX_ITEMS) {
    const n = shown.length - LEGEND_MAX_ITEMS;
    nodes.push({
      kind: 'swatch',
      color: 'transparent',
      label: t('viewerExport:legend.more', { count: n, n }),
    });
  }
  const edges: FrameItem[] = RELATION_TYPES.filter((type) => state.types.has(type)).map((type) => ({
    kind: 'line',
    color: EDGE_COLORS[type],
    label: type === 'inferred-supply' ? t('viewer:legend.inferred') : t(`viewer:relation.${type}`),
  }));
  const marks: FrameItem[] = [];
  const deco = state.chainDecoration;
  if (deco) {
    const c = CHAIN_COLORS;
    if (deco.ghosts.length)
      marks.push({
        kind: 'ring',
        color: c.ghostRing,
        fill: c.ghostFill,
        dashed: true,
        label: t('viewer:legend.ghost'),
        count: count(deco.ghosts.length),
      });
    const weak = state.flagWeak ? countWeak() : 0;
    if (weak)
      marks.push({
        kind: 'ring',
        color: c.warn,
        label: t('viewer:legend.weakCompany'),
        count: count(weak),
      });
    if (state.flagWeak && deco.bridgesDrawn)
      marks.push({
        kind: 'line',
        color: c.warn,
        label: t('viewer:legend.bridge'),
        count: count(deco.bridgesDrawn),
      });
    if (state.whatIf?.state.status === 'ready')
      marks.push(
        { kind: 'ring', color: c.cutOff, fill: c.removed, label: t('viewer:legend.fails') },
        { kind: 'ring', color: c.removed, fill: c.cutOff, label: t('viewer:legend.cutOff') },
      );
  }

  const { arcs, inferred } = inferredArcs();
  const note = [
    [
      t('viewerExport:note.dataset', { dataset }),
      t('viewerExport:note.cluster', { cluster }),
      template ? t('viewerExport:note.template', { template }) : t('viewerExport:note.noTemplate'),
      t('viewerExport:note.date', { date: new Date().toISOString().slice(0, 10) }),
      t('viewerExport:note.credit'),
    ].join(' · '),
    t('viewerExport:note.drawn', { nodes: count(state.graph?.order ?? 0), edges: count(arcs) }),
  ];
  if (inferred > 0)
    note.push(
      inferred === arcs
        ? t('viewerExport:note.inferredAll', { n: count(arcs) })
        : t('viewerExport:note.inferredSome', { inferred: count(inferred), n: count(arcs) }),
    );
  if (data.mode === 'aggregated') note.push(t('viewerExport:note.grouped'));
  return {
    title,
    subtitle,
    legend: {
      title: legendTitle(data),
      groups: [
        { items: nodes },
        { title: t('viewerExport:legend.relations'), items: edges },
        { title: t('viewerExport:legend.marks'), items: marks },
      ],
      note: sizeNote(data, false),
    },
    note,
  };
}

function fileStem(): string {
  const cluster = state.data?.clusterLabel ?? 'view';
  return `chainlens-${state.summary?.name ?? 'data'}-${cluster}`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
