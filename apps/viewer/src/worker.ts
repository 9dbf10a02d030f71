/**
 * The analysis worker: parses and validates datasets (`@chainlens/io`), builds views and runs
 * the metrics (`@chainlens/core`), so the page never freezes. Messages: see protocol.ts.
 */
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { summarizeDataset } from '@chainlens/core';
import { DataError, formatIssue, isClean } from '@chainlens/io';
import type { LoadResult } from '@chainlens/io';
import type { Envelope, LoadedSummary, Reply, Request, Results } from './protocol.js';
import type { DatasetIndex } from './worker/explore.js';
import { companyDetails, indexDataset, regionTree, searchCompanies } from './worker/explore.js';
import { ChainSessions, analyzeChain, chainGrouping, whatIfChain } from './worker/chain.js';
import { companyHoldings } from './worker/holdings.js';
import { loadFromFiles, loadFromUrl, loadSharedTemplates } from './worker/load.js';
import type { ChainGroupingInput } from './worker/grouping.js';
import type { ViewState } from './worker/view.js';
import { buildView, categoricalColumns, expandGroup, viewBetweenness } from './worker/view.js';
import { numericColumns, withNumeric } from './worker/numeric.js';
import { setLang, t } from './i18n.js';
import { chainDiffBetween, dateSpan, datasetAt, enteredSince } from './worker/time.js';

interface Loaded {
  /** The dataset as loaded, every date. */
  full: Dataset;
  /** The dataset studied: `full` as of the chosen year (`at`), or `full`. */
  dataset: Dataset;
  index: DatasetIndex;
  /** Shared templates (datasets/templates/*.json) loaded beside the dataset's own. */
  shared: { template: ChainTemplate; file: string }[];
  view?: ViewState;
  /** Numeric company columns (range filters). */
  numeric: string[];
  /** The chain context of the last (cluster, template) studied. */
  chains: ChainSessions;
}

let loaded: Loaded | undefined;

const post = (reply: Reply, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(reply, transfer);

function requireLoaded(): Loaded {
  if (!loaded) throw new Error('no dataset is loaded');
  return loaded;
}

function requireView(): ViewState {
  const view = requireLoaded().view;
  if (!view) throw new Error('no view has been built');
  return view;
}

async function finishLoad(
  result: LoadResult,
  templates: Request & { type: 'load-url' | 'load-files' },
  progress: (m: string) => void,
): Promise<LoadedSummary> {
  progress(t('viewer:worker.indexing'));
  const { dataset, report, manifest } = result;
  const shared = await loadSharedTemplates(templates.templates, self.location.href);
  loaded = {
    full: dataset,
    dataset,
    index: indexDataset(dataset),
    shared: shared.templates,
    chains: new ChainSessions(dataset, shared.templates),
    numeric: numericColumns(dataset),
  };
  const s = summarizeDataset(dataset);
  return {
    name: dataset.name,
    description: manifest.description,
    license: manifest.license,
    companies: s.companies,
    relations: s.relations,
    relationsByType: s.relationsByType,
    memberships: s.memberships,
    companiesWithRegion: s.companiesWithRegion,
    regionTree: regionTree(dataset),
    templates: [
      ...dataset.templates.map((t) => ({
        id: t.id,
        name: t.name,
        segments: t.segments.length,
        source: 'dataset',
      })),
      ...shared.templates.map(({ template: t, file }) => ({
        id: t.id,
        name: t.name,
        segments: t.segments.length,
        source: file,
      })),
    ],
    templateProblems: shared.problems,
    attributes: categoricalColumns(dataset),
    numericAttributes: loaded.numeric,
    report,
    clean: isClean(report),
    issueLines: report.issues.map(formatIssue),
    dates: dateSpan(dataset),
  };
}

async function handle(
  request: Request,
  progress: (m: string) => void,
): Promise<Results[keyof Results]> {
  switch (request.type) {
    case 'load-url': {
      loaded = undefined;
      const result = await loadFromUrl(request.entry, self.location.href, progress);
      return finishLoad(result, request, progress);
    }
    case 'load-files': {
      loaded = undefined;
      const result = await loadFromFiles(request.files, progress);
      return finishLoad(result, request, progress);
    }
    case 'at': {
      const l = requireLoaded();
      const dataset = datasetAt(l.full, request.year);
      l.dataset = dataset;
      l.index = indexDataset(dataset);
      l.chains = new ChainSessions(dataset, l.shared);
      delete l.view;
      return {
        year: request.year,
        companies: dataset.companies.ids.length,
        entered:
          request.year !== null && request.since !== undefined
            ? enteredSince(l.full, dataset, request.since)
            : [],
        regionTree: regionTree(dataset),
        companiesWithRegion: summarizeDataset(dataset).companiesWithRegion,
      };
    }
    case 'diff': {
      const l = requireLoaded();
      progress(t('time:viewer.computing', { from: request.from, to: request.to }));
      return chainDiffBetween(l.full, l.shared, request);
    }
    case 'view': {
      const l = requireLoaded();
      const { chainTemplate, cluster, minShare } = request.view;
      let chain: ChainGroupingInput | undefined;
      if (chainTemplate) {
        progress(t('viewer:worker.chainFirms'));
        chain = chainGrouping(l.chains.get(chainTemplate, cluster, minShare));
      }
      progress(t('viewer:worker.metrics'));
      const { state, data } = buildView(l.dataset, request.view, chain);
      l.view = state;
      return withNumeric(l.dataset, l.numeric, data);
    }
    case 'expand': {
      const l = requireLoaded();
      return withNumeric(
        l.dataset,
        l.numeric,
        expandGroup(l.dataset, requireView(), request.group),
      );
    }
    case 'betweenness':
      progress(t('viewer:worker.betweenness'));
      return viewBetweenness(requireView());
    case 'company': {
      const l = requireLoaded();
      return companyDetails(l.dataset, l.index, l.view, request.company);
    }
    case 'search': {
      const l = requireLoaded();
      return searchCompanies(l.dataset, l.index, l.view, request.query, request.limit);
    }
    case 'analyze': {
      const l = requireLoaded();
      const session = l.chains.get(request.templateId, request.cluster, request.minShare);
      return analyzeChain(l.dataset, session, (step) => progress(stepLabel(step)));
    }
    case 'company-chain': {
      const l = requireLoaded();
      const session = l.chains.get(request.templateId, request.cluster, request.minShare);
      return companyHoldings(session, request.company);
    }
    case 'what-if': {
      const l = requireLoaded();
      const session = l.chains.get(request.templateId, request.cluster, request.minShare);
      return whatIfChain(l.dataset, session, request.remove);
    }
  }
}

/** Typed arrays inside a result, to transfer rather than copy. */
function transferables(value: unknown, out: Transferable[] = [], depth = 0): Transferable[] {
  if (depth > 3 || value === null || typeof value !== 'object') return out;
  if (ArrayBuffer.isView(value)) {
    if (!out.includes(value.buffer as ArrayBuffer)) out.push(value.buffer as ArrayBuffer);
    return out;
  }
  if (Array.isArray(value)) return out;
  for (const v of Object.values(value)) transferables(v, out, depth + 1);
  return out;
}

self.onmessage = (event: MessageEvent<Envelope>) => {
  const { id, lang, ...request } = event.data;
  if (lang) setLang(lang);
  const progress = (message: string) => post({ id, kind: 'progress', message });
  handle(request as Request, progress).then(
    (result) => {
      // Cached results (betweenness, the chain report) stay in the worker: copy those.
      const transfer =
        request.type === 'betweenness' || request.type === 'analyze' ? [] : transferables(result);
      post({ id, kind: 'result', result }, transfer);
    },
    (e: unknown) => {
      const message = e instanceof Error ? e.message : String(e);
      const code = e instanceof DataError ? 'data' : undefined;
      post({ id, kind: 'error', message, ...(code ? { code } : {}) });
    },
  );
};

/** A step of core's analyze() ('weak links', …) as the status line shows it. */
function stepLabel(step: string): string {
  return t(`viewer:step.${step.replace(/ /g, '-')}`, { defaultValue: step });
}
