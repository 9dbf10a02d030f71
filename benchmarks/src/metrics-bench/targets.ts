/** metrics-bench: the targets of issues 4 and 21, on the 1M-arc graph unless said. */
import { BETWEENNESS_K, METRICS, type Metric } from '../metrics-child.js';
import type { Store, Tool } from './config.js';
import { LABELS, key } from './config.js';
import { cell, fmtMiB, fmtMs, fmtRatio, median, medianOf, warmOf } from './format.js';

interface Target {
  what: string;
  value: string;
  met: boolean | undefined;
}

export function targets(store: Store): Target[] {
  const get = (g: string, m: Metric, t: Tool) => store[key(g, m, t)];
  const out: Target[] = [];
  /** "r× (ours vs theirs); warm r×": judged on the cold medians. */
  const versus = (g: string, m: Metric, ours: Metric = m) => {
    const a = get(g, ours, 'chainlens');
    const b = get(g, m, 'igraph');
    const x = medianOf(a);
    const y = medianOf(b);
    if (x === undefined || y === undefined) return { text: '—', r: undefined };
    const wx = warmOf(a);
    const wy = warmOf(b);
    const warm = wx !== undefined && wy !== undefined ? `; warm ${fmtRatio(wx / wy)}` : '';
    return { text: `${fmtRatio(x / y)} (${fmtMs(x)} vs ${fmtMs(y)}${warm})`, r: x / y };
  };
  for (const m of ['pagerank', 'wcc', 'scc', 'kcore', 'hits'] as const) {
    const { text, r } = versus('1M', m);
    out.push({
      what: `${LABELS[m]} ≤ 2× igraph (1M)`,
      value: text,
      met: r === undefined ? undefined : r <= 2,
    });
  }
  {
    const { text, r } = versus('1M', 'louvain');
    const c = get('1M', 'louvain', 'chainlens');
    const y = medianOf(get('1M', 'louvain', 'igraph'));
    const alone = c && c.runs.length ? median(c.runs.map((x) => x.metricMs)) : undefined;
    out.push({
      what: 'Louvain incl. projection ≤ igraph (1M)',
      value:
        alone !== undefined && y !== undefined
          ? `${text}; Louvain alone ${fmtMs(alone)} = ${fmtRatio(alone / y)}`
          : text,
      met: r === undefined ? undefined : r <= 1,
    });
    const q = get('1M', 'louvain', 'chainlens')?.runs[0]?.info.modularity as number | undefined;
    const p = get('1M', 'louvain', 'igraph')?.runs[0]?.info.modularity as number | undefined;
    out.push({
      what: 'Louvain modularity within 0.005 of igraph (1M; higher is better)',
      value:
        q === undefined || p === undefined
          ? '—'
          : `${q.toFixed(4)} vs ${p.toFixed(4)} (Δ ${(q - p).toFixed(4)})`,
      met: q === undefined || p === undefined ? undefined : q >= p - 0.005,
    });
  }
  {
    const c = get('1M', 'betweenness_sampled', 'chainlens');
    const x = medianOf(c);
    const w = warmOf(c);
    out.push({
      what: `sampled betweenness k = ${BETWEENNESS_K} ≤ 10 s (1M, one thread)`,
      value:
        x === undefined
          ? '—'
          : `${fmtMs(x)}${w === undefined ? '' : ` (warm ${fmtMs(w)})`}; 2 workers ${cell(get('1M', 'betweenness_sampled_2w', 'chainlens'))}`,
      met: x === undefined ? undefined : x <= 10_000,
    });
  }
  for (const [m, limit, what] of [
    ['betweenness', 1.5, 'exact betweenness ≤ 1.5× igraph (10k, one thread)'],
    ['betweenness_2w', 1, 'exact betweenness ≤ 1× igraph (10k, two workers)'],
  ] as const) {
    const { text, r } = versus('10k', 'betweenness', m);
    out.push({ what, value: text, met: r === undefined ? undefined : r <= limit });
  }
  // Issue 21: two workers measurably faster than one (cold medians, worker start-up included).
  for (const [g, m] of [
    ['1M', 'pagerank'],
    ['1M', 'betweenness_sampled'],
    ['10k', 'betweenness'],
  ] as const) {
    const one = medianOf(get(g, m, 'chainlens'));
    const two = medianOf(get(g, `${m}_2w`, 'chainlens'));
    out.push({
      what: `${LABELS[`${m}_2w`]} faster than one thread (${g})`,
      value:
        one === undefined || two === undefined
          ? '—'
          : `${fmtRatio(two / one)} (${fmtMs(two)} vs ${fmtMs(one)})`,
      met: one === undefined || two === undefined ? undefined : two < one,
    });
  }
  {
    let peak = 0;
    let which = '';
    for (const m of METRICS) {
      const c = get('1M', m, 'chainlens');
      for (const r of c?.runs ?? []) {
        if (r.peakRss > peak) {
          peak = r.peakRss;
          which = LABELS[m];
        }
      }
    }
    const loaded = get('1M', 'load', 'chainlens');
    out.push({
      what: 'peak RSS with the graph loaded ≤ 600 MB (1M, any metric)',
      value:
        peak === 0
          ? '—'
          : `${(peak / 1e6).toFixed(0)} MB (${fmtMiB(peak)}, ${which}); graph loaded, no metric: ${loaded && loaded.runs.length ? `${(median(loaded.runs.map((r) => r.peakRss)) / 1e6).toFixed(0)} MB` : '—'}`,
      met: peak === 0 ? undefined : peak <= 600e6,
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The RESULTS.md section
