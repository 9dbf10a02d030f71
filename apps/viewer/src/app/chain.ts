/** Chain analysis: the report on the graph and in the panel, the chain layout, what-if. */
import { count, el, percent, replace } from '../dom.js';
import { GHOST_PREFIX, decorateChain } from '../graph/chain.js';
import { chainLayout } from '../graph/chain-layout.js';
import { applyEdgeStyle } from '../graph/style.js';
import type { ChainPanelState } from '../panel/chain.js';
import { renderChainPanel, renderMissingRole } from '../panel/chain.js';
import { indexReport, weakLinkText } from '@chainlens/core';
import { t, tr } from '../i18n.js';
import type { CompanyChainInfo, WhatIfState } from '../panel/what-if.js';
import { renderCompanyChain } from '../panel/what-if.js';
import type { ChainAnalysis, CompanyHoldings } from '../protocol.js';
import { clearWhatIf, openCompany } from './exploring.js';
import { setStatus } from './status.js';
import { app, client, labelLayout, layout, state, ui } from './state.js';
import { applyHidden, clusterName, drawLegend, renderSummary, styleNodes } from './view.js';
import { laneTemplate, laneView, showArcNote } from './lanes.js';

export function companyName(id: string): string {
  const names = state.chain?.names;
  if (names?.[id]) return names[id];
  for (const s of state.chain?.report.segments ?? []) {
    const m = s.members.find((x) => x.company === id);
    if (m) return m.name;
  }
  return state.graph?.hasNode(id) ? state.graph.getNodeAttribute(id, 'label') : id;
}

/** Focuses the graph on some companies (and other node keys: ghosts); clears what-if marks. */
export function focusNodes(ids: string[], label: string, extra: string[] = []): void {
  const graph = state.graph;
  if (!graph || !app.renderer) return;
  clearWhatIf();
  const drawn = ids.filter((id) => graph.hasNode(id));
  const keys = [...new Set([...drawn, ...extra.filter((k) => graph.hasNode(k))])];
  state.selected = null;
  app.renderer.setFocus(null, new Map(keys.map((k) => [k, 0])));
  app.renderer.fitNodes(keys);
  ui.focusNote.hidden = false;
  const distinct = new Set(ids).size;
  replace(
    ui.focusNote,
    t('viewer:focus.drawn', {
      label,
      drawn: count(new Set(drawn).size),
      count: distinct,
      n: count(distinct),
    }) + ' ',
    el('button', { class: 'link', on: { click: () => clearFocus() } }, t('viewer:focus.clear')),
  );
  ui.focusNote.dataset.size = String(keys.length);
}

export function clearFocus(): void {
  clearWhatIf();
  app.renderer?.setFocus(null, null);
  ui.focusNote.hidden = true;
}

export const chainActions = {
  focusCompanies: (ids: string[], label: string, extra?: string[]) => focusNodes(ids, label, extra),
  companyName,
  whatIf: (id: string) => {
    void openCompany(id).then(() => runWhatIf(id));
  },
};

/** Segment/stage colours, the chain layout option and the weak-link flag need a report. */
export function setChainControls(ready: boolean): void {
  for (const o of ui.colorBy.options) {
    if (o.value === 'segment' || o.value === 'stage') o.disabled = !ready;
  }
  const chainOption = ui.layoutMode.querySelector<HTMLOptionElement>('option[value="chain"]');
  if (chainOption) chainOption.disabled = !ready;
  ui.flagWeak.disabled = !ready;
}

export async function runChainAnalysis(): Promise<void> {
  const templateId = state.template;
  const graph = state.graph;
  if (!templateId || !graph) return;
  const seq = ++state.chainSeq;
  const template = state.summary?.templates.find((t) => t.id === templateId)?.name ?? templateId;
  showChainPanel({ status: 'running', template });
  document.body.dataset.chain = 'running';
  try {
    const analysis = await client.call(
      { type: 'analyze', templateId, cluster: state.cluster, minShare: state.minShare },
      (step) => {
        if (seq !== state.chainSeq) return;
        setStatus(() => t('viewer:status.chainStep', { step }));
        showChainPanel({ status: 'running', template, step });
      },
    );
    if (seq !== state.chainSeq || graph !== state.graph) return;
    applyAnalysis(analysis);
    setStatus(() =>
      t('viewer:status.chain', { dataset: state.datasetLabel, cluster: clusterName(), template }),
    );
  } catch (e) {
    if (seq !== state.chainSeq) return;
    const message = e instanceof Error ? e.message : String(e);
    showChainPanel({ status: 'error', message });
    document.body.dataset.chain = 'error';
  }
}

/** Puts a chain report on the graph and in the panel. */
export function applyAnalysis(analysis: ChainAnalysis): void {
  const graph = state.graph!;
  const restart = layout.running;
  layout.kill();
  state.chain = analysis;
  state.chainDecoration = decorateChain(graph, analysis);
  // Index the added ghost nodes and links now: sigma repaints restyled items in place, which
  // it cannot do for items it has not processed yet.
  app.renderer?.sigma.refresh();
  setChainControls(true);
  state.hidden.clear();
  styleNodes();
  applyHidden();
  applyLayoutMode(restart);
  if (state.data) renderSummary(state.data);
  showChainPanel({ status: 'ready', analysis, clusterLabel: '', notes: [] });
  if (state.companySlot) renderCompanySlot();
  document.body.dataset.chain = 'ready';
  document.body.dataset.chainViews = String(Number(document.body.dataset.chainViews ?? 0) + 1);
}

/** Applies the layout mode: the chain layout (with a report) or ForceAtlas2. */
export function applyLayoutMode(restartForce = true): void {
  const graph = state.graph;
  if (!graph || !app.renderer) return;
  const chain = state.layoutMode === 'chain' && state.chain;
  ui.layoutToggle.disabled = !!chain || graph.order < 2;
  if (chain) {
    layout.kill();
    laneTemplate(state.template);
    state.chainLayout = chainLayout(
      graph,
      state.chain!,
      true,
      laneView.grouping,
      laneView.expanded,
    );
    app.renderer.setChainLayout(state.chainLayout);
    styleNodes();
    app.renderer.sigma.refresh();
    document.body.dataset.layout = 'chain';
    labelLayout(false);
  } else {
    const wasChain = state.chainLayout !== null;
    state.chainLayout = null;
    app.renderer.setChainLayout(null);
    if (wasChain) {
      applyEdgeStyle(graph);
      styleNodes();
    }
    if (wasChain || restartForce) layout.start(graph);
    else app.renderer.sigma.refresh();
    showArcNote();
  }
}

export function segmentName(id: string): string {
  return state.chain?.report.segments.find((s) => s.id === id)?.name ?? id;
}

export function companyChainInfo(
  id: string,
  holdings: CompanyHoldings | null | undefined,
): CompanyChainInfo | null {
  const report = state.chain?.report;
  if (!report) return null;
  const byId = new Map(report.segments.map((s) => [s.id, s]));
  // The segments it holds in the whole dataset (with shares) once the worker answered; until
  // then, the chain firms' segments of the report's view (empty outside the cluster).
  const segments = holdings
    ? holdings.segments.map((s) => ({ ...s, local: holdings.inCluster }))
    : (state.chain!.companySegments[id] ?? []).map((s) => ({
        id: s,
        name: byId.get(s)?.name ?? s,
        stage: byId.get(s)!.stage,
        share: null,
        shareUnknown: false,
        local: true,
      }));
  const index = indexReport(report);
  const weak = report.weakLinks
    .filter((w) => w.company === id || w.source === id || w.target === id)
    .map((w) => weakLinkText(w, index, tr()));
  const rank = report.critical.findIndex((c) => c.company === id);
  return {
    template: report.template.name,
    cluster: clusterName(),
    segments,
    weak,
    ...(holdings
      ? {
          inCluster: holdings.inCluster,
          localCustomers: holdings.localCustomers,
          localChainCustomers: holdings.localChainCustomers,
        }
      : {}),
    ...(rank >= 0 ? { criticalRank: rank + 1 } : {}),
  };
}

/** The (template, cluster, threshold) a company's holdings were asked for. */
const holdingsKey = (company: string) =>
  JSON.stringify([company, state.template, state.cluster, state.minShare, state.chain !== null]);

/** Asks the worker for the selected company's holdings (once per key), then redraws its slot. */
async function fetchHoldings(): Promise<void> {
  const slot = state.companySlot;
  if (!slot || !state.chain || !state.template) return;
  const key = holdingsKey(slot.company);
  if (slot.holdings?.key === key) return;
  slot.holdings = { key, data: null };
  try {
    const data = await client.call({
      type: 'company-chain',
      templateId: state.template,
      cluster: state.cluster,
      minShare: state.minShare,
      company: slot.company,
    });
    if (state.companySlot !== slot || slot.holdings?.key !== key) return;
    slot.holdings = { key, data };
    renderCompanySlot();
  } catch (e) {
    if (state.companySlot === slot) slot.holdings = undefined;
    setStatus(() => (e instanceof Error ? e.message : String(e)));
  }
}

/** Draws the selected company's chain section (segments, weak links, what-if). */
export function renderCompanySlot(): void {
  const slot = state.companySlot;
  if (!slot || !slot.root.isConnected) return;
  const key = holdingsKey(slot.company);
  const holdings = slot.holdings?.key === key ? slot.holdings.data : null;
  if (state.chain && slot.holdings?.key !== key) void fetchHoldings();
  const info = companyChainInfo(slot.company, holdings);
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
export async function runWhatIf(id: string): Promise<void> {
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
    app.renderer?.setFocus(id, new Map(keys.map((k) => [k, 0])));
    app.renderer?.setMarks(marks);
    app.renderer?.lanes.setEmptied(result.emptied);
    if (keys.length > 1) app.renderer?.fitNodes(keys);
    const { before, after } = result.completeness;
    ui.focusNote.hidden = false;
    replace(
      ui.focusNote,
      t('viewer:focus.whatIf', {
        name: data.names[id] ?? id,
        cut: count(result.cutOff.length),
        before: percent(before.redundancy),
        after: percent(after.redundancy),
      }) + ' ',
      el('button', { class: 'link', on: { click: () => clearFocus() } }, t('viewer:focus.clear')),
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
export function showMissingRole(segment: string): void {
  const report = state.chain?.report;
  const role = report?.missingRoles.find((m) => m.segment === segment);
  if (!report || !role) return;
  const graph = state.graph!;
  const key = `${GHOST_PREFIX}${segment}`;
  const keys = [key, ...role.neededBy.filter((id) => graph.hasNode(id))];
  app.renderer?.setFocus(key, new Map(keys.map((k) => [k, 0])));
  ui.focusNote.hidden = false;
  replace(
    ui.focusNote,
    t('viewer:focus.missing', {
      segment: segmentName(segment),
      count: keys.length - 1,
      n: count(keys.length - 1),
    }) + ' ',
    el('button', { class: 'link', on: { click: () => clearFocus() } }, t('viewer:focus.clear')),
  );
  ui.focusNote.dataset.size = String(keys.length);
  renderMissingRole(ui.panels.company, role, report, {
    openCompany: (id) => void openCompany(id),
    companyName,
    focus: () =>
      focusNodes(role.neededBy, t('viewer:focus.missingLabel', { segment: segmentName(segment) }), [
        key,
      ]),
  });
}

let lastPanel: ChainPanelState = { status: 'no-template' };

/** Draws the chain tab for a state (a report: with the current cluster name and notes). */
export function showChainPanel(panel: ChainPanelState): void {
  lastPanel = panel;
  renderChainPanel(
    ui.panels.chain,
    panel.status === 'ready'
      ? { ...panel, clusterLabel: clusterName(), notes: chainNotes() }
      : panel,
    chainActions,
  );
}

/** The chain tab again, in the current language. */
export function relabelChainPanel(): void {
  showChainPanel(lastPanel);
}

/** What the graph cannot show of the report (links to companies inside group nodes, …). */
function chainNotes(): string[] {
  const d = state.chainDecoration;
  if (!d) return [];
  const notes: string[] = [];
  if (d.ghostLinksNotDrawn > 0) {
    notes.push(
      t('viewer:chain.note.ghostLinksNotDrawn', {
        count: d.ghostLinksNotDrawn,
        n: count(d.ghostLinksNotDrawn),
      }),
    );
  }
  if (d.ghostLinksViaGroup > 0) {
    notes.push(
      t('viewer:chain.note.ghostLinksViaGroup', {
        count: d.ghostLinksViaGroup,
        n: count(d.ghostLinksViaGroup),
      }),
    );
  }
  if (d.bridges > d.bridgesDrawn) {
    notes.push(
      t('viewer:chain.note.bridgesNotDrawn', {
        count: d.bridges,
        hidden: count(d.bridges - d.bridgesDrawn),
        n: count(d.bridges),
      }),
    );
  }
  return notes;
}
