/**
 * The page's shared state: the elements it drives (`ui`), what is loaded and chosen (`state`),
 * the analysis worker's client, the renderer and the ForceAtlas2 layout.
 */
import type { RelationType } from '@chainlens/core';
import { ANALYZE_DEFAULTS } from '@chainlens/core';
import { AnalysisClient } from '../client.js';
import { must } from '../dom.js';
import { t } from '../i18n.js';
import type { ChainDecoration } from '../graph/chain.js';
import type { ChainLayout } from '../graph/chain-layout.js';
import type { RangeFilter } from '../graph/filters.js';
import type { ViewGraph } from '../graph/model.js';
import { Layout } from '../graph/layout.js';
import type { GraphRenderer } from '../graph/renderer.js';
import type { ColorBy, LegendEntry, SizeBy } from '../graph/style.js';
import type { WhatIfState } from '../panel/what-if.js';
import type {
  ChainAnalysis,
  CompanyHoldings,
  ClusterChoice,
  DataIndex,
  LoadedSummary,
  ViewData,
} from '../protocol.js';

const worker = new Worker(new URL('../worker.ts', import.meta.url), { type: 'module' });
export const client = new AnalysisClient(worker);

export const ui = {
  picker: must<HTMLSelectElement>('#dataset-picker'),
  openFolder: must<HTMLButtonElement>('#open-folder'),
  openFiles: must<HTMLButtonElement>('#open-files'),
  folderInput: must<HTMLInputElement>('#folder-input'),
  fileInput: must<HTMLInputElement>('#file-input'),
  status: must('#status'),
  exportPng: must<HTMLButtonElement>('#export-png'),
  exportGexf: must<HTMLButtonElement>('#export-gexf'),
  exportSvg: must<HTMLButtonElement>('#export-svg'),
  exportGexf13: must<HTMLButtonElement>('#export-gexf13'),
  exportCsv: must<HTMLButtonElement>('#export-csv'),
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

export type Tab = keyof typeof ui.panels;

export interface State {
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
  /** How the betweenness sizes were computed, once they are in. */
  betweenness: { exact: boolean; k: number; seed: number | null } | null;
  /** The chain analysis of the current view (cluster × template), once the worker answered. */
  chain: ChainAnalysis | null;
  chainDecoration: ChainDecoration | null;
  chainLayout: ChainLayout | null;
  /** Bumped by every chain request (analyze, what-if); older answers are dropped. */
  chainSeq: number;
  layoutMode: 'force' | 'chain';
  /** Warning colour on weak links (single-source and cut-point companies, bridges). */
  flagWeak: boolean;
  /** Range filters (graph/filters.ts), in the order the user added them; in the URL as `f`. */
  filters: RangeFilter[];
  /** Label density, 0 none … 4 all (renderer LABEL_LEVELS); in the URL as `labels`. */
  labelLevel: number;
  /** The what-if of the selected company, and where its section is drawn. */
  whatIf: { company: string; state: WhatIfState } | null;
  companySlot: {
    company: string;
    root: HTMLElement;
    /** The company against the chain (worker/holdings.ts), for the (template, cluster) `key`. */
    holdings?: { key: string; data: CompanyHoldings | null };
  } | null;
}

export const state: State = {
  index: null,
  datasetLabel: '',
  summary: null,
  cluster: { kind: 'all' },
  types: new Set(),
  sizeBy: 'degree',
  colorBy: 'community',
  template: '',
  minShare: ANALYZE_DEFAULTS.minShare,
  data: null,
  graph: null,
  legend: [],
  hidden: new Set(),
  selected: null,
  viewSeq: 0,
  betweenness: null,
  chain: null,
  chainDecoration: null,
  chainLayout: null,
  chainSeq: 0,
  layoutMode: 'force',
  flagWeak: true,
  filters: [],
  labelLevel: 2,
  whatIf: null,
  companySlot: null,
};

/** The sigma renderer, once a first view is drawn. */
export const app: { renderer: GraphRenderer | null } = { renderer: null };
export const layout = new Layout((running) => {
  // The state first: the note reads it (a chain layout left behind must not name the chain).
  document.body.dataset.layout = running ? 'running' : 'stopped';
  labelLayout(running);
});

/** The layout button and note (in the chain layout: which way the chain runs). */
export function labelLayout(running: boolean): void {
  ui.layoutToggle.textContent = running ? t('viewer:layout.stop') : t('viewer:layout.run');
  ui.layoutState.textContent =
    document.body.dataset.layout === 'chain'
      ? t('viewer:layout.chain')
      : running
        ? t('viewer:layout.running')
        : t('viewer:layout.stopped');
}
