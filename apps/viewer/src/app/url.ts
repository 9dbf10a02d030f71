/**
 * The shareable link: the URL's hash holds dataset, region, template, revenue-share threshold,
 * selected company, range filters, label density and language, so that the same URL opened in
 * another browser shows the same view. Every value read from a hash is checked against what
 * the page knows (a dataset of the index, a region of the tree, a template of the dataset, a
 * drawn node, a known filter key with numeric bounds, a language); anything else is ignored.
 */
import type { Lang } from '@chainlens/core';
import { ANALYZE_DEFAULTS, parseLang } from '@chainlens/core';
import { formatFilters } from '../graph/filters.js';
import { lang } from '../i18n.js';
import type { RegionNode } from '../protocol.js';
import { state, ui } from './state.js';
import { dateState } from './time.js';

/** The longest value read from a hash (a longer one is ignored). */
const MAX_VALUE = 500;

export interface HashView {
  dataset?: string;
  region?: string;
  minShare?: number;
  template?: string;
  /** The selected node's key. */
  selected?: string;
  /** Range filters as graph/filters.ts formats them (parsed once the keys are known). */
  filters?: string;
  labels?: number;
  lang?: Lang;
  /** The year studied (app/time.ts). */
  at?: number;
}

export function readHash(): HashView {
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(location.hash.slice(1));
  } catch {
    return {};
  }
  const get = (name: string): string | undefined => {
    const v = params.get(name);
    return v !== null && v !== '' && v.length <= MAX_VALUE ? v : undefined;
  };
  const minShare = Number(get('minShare') ?? NaN);
  const labels = Number(get('labels') ?? NaN);
  const at = Number(get('at') ?? NaN);
  const language = parseLang(get('lang') ?? null);
  const out: HashView = {};
  const dataset = get('dataset');
  const region = get('region');
  const template = get('template');
  const selected = get('sel');
  const filters = get('f');
  if (dataset) out.dataset = dataset;
  if (region) out.region = region;
  if (minShare >= 0 && minShare <= 1) out.minShare = minShare;
  if (template) out.template = template;
  if (selected) out.selected = selected;
  if (filters) out.filters = filters;
  if (Number.isInteger(labels) && labels >= 0 && labels <= 4) out.labels = labels;
  if (language) out.lang = language;
  if (Number.isInteger(at) && at >= 1000 && at <= 9999) out.at = at;
  return out;
}

export function writeHash(): void {
  const params = new URLSearchParams();
  const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
  if (entry) params.set('dataset', entry.id);
  if (state.cluster.kind === 'region') params.set('region', state.cluster.path);
  else if (state.cluster.kind === 'no-region') params.set('region', ':none');
  if (state.template) params.set('template', state.template);
  if (state.minShare !== ANALYZE_DEFAULTS.minShare) params.set('minShare', String(state.minShare));
  if (state.selected) params.set('sel', state.selected);
  const filters = formatFilters(state.filters);
  if (filters) params.set('f', filters);
  if (state.labelLevel !== 2) params.set('labels', String(state.labelLevel));
  if (dateState.year !== null) params.set('at', String(dateState.year));
  params.set('lang', lang());
  history.replaceState(null, '', `${location.pathname}${location.search}#${params.toString()}`);
}

/** Whether `path` is a region of the tree (a hash may name one that is not). */
export function hasRegion(tree: RegionNode, path: string): boolean {
  if (tree.path === path) return true;
  return tree.children.some(
    (c) => (path === c.path || path.startsWith(`${c.path}/`)) && hasRegion(c, path),
  );
}
