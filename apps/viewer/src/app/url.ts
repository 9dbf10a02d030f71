/** What the URL's hash remembers: dataset, region, revenue-share threshold. */
import { ANALYZE_DEFAULTS } from '@chainlens/core';
import { state, ui } from './state.js';

export function readHash(): { dataset?: string; region?: string; minShare?: number } {
  const params = new URLSearchParams(location.hash.slice(1));
  const minShare = Number(params.get('minShare') ?? NaN);
  return {
    dataset: params.get('dataset') ?? undefined,
    region: params.get('region') ?? undefined,
    ...(minShare >= 0 && minShare <= 1 ? { minShare } : {}),
  };
}

export function writeHash(): void {
  const params = new URLSearchParams();
  const entry = state.index?.datasets.find((d) => d.id === ui.picker.value);
  if (entry) params.set('dataset', entry.id);
  if (state.cluster.kind === 'region') params.set('region', state.cluster.path);
  else if (state.cluster.kind === 'no-region') params.set('region', ':none');
  if (state.minShare !== ANALYZE_DEFAULTS.minShare) params.set('minShare', String(state.minShare));
  history.replaceState(null, '', `#${params.toString()}`);
}
