/** metrics-bench: formatting of times, memory, ratios and the per-case tables. */
import { METRICS, type Metric } from '../metrics-child.js';
import type { CaseResult, GraphCase, Run, Store, Tool } from './config.js';
import { LABELS, TOOLS, key } from './config.js';

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

export function fmtMs(v: number): string {
  if (v >= 60_000) return `${(v / 60_000).toFixed(1)} min`;
  if (v >= 1000) return `${(v / 1000).toFixed(2)} s`;
  return `${v.toFixed(v >= 100 ? 0 : v >= 10 ? 1 : 2)} ms`;
}

export const fmtMiB = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

export const fmtRatio = (r: number) => (r >= 10 ? `${r.toFixed(0)}×` : `${r.toFixed(2)}×`);

export function cell(
  c: CaseResult | undefined,
  pick: (r: CaseResult) => number[] = (r) => r.times,
) {
  if (!c) return '—';
  if (c.skip) return 'n/a';
  if (c.timedOut) return `> ${Math.round(c.timedOut / 60)} min, cut`;
  if (c.error) return 'failed';
  const xs = pick(c);
  if (xs.length === 0) return '—';
  const m = fmtMs(median(xs));
  const approx = c.note ? '≈ ' : '';
  return xs.length > 1
    ? `${approx}${m} (${fmtMs(Math.min(...xs))}–${fmtMs(Math.max(...xs))})`
    : `${approx}${m}`;
}

export function medianOf(c: CaseResult | undefined): number | undefined {
  if (!c || c.skip || c.error || c.timedOut || c.times.length === 0) return undefined;
  return median(c.times);
}

function ratio(a: CaseResult | undefined, b: CaseResult | undefined): string {
  const x = medianOf(a);
  const y = medianOf(b);
  if (x === undefined) return '—';
  if (b?.timedOut) return `< ${fmtRatio(x / (b.timedOut * 1000))}`;
  if (y === undefined) return '—';
  return `${b?.note ? '≈ ' : ''}${fmtRatio(x / y)}`;
}

/** Median of the warm repeated calls (over the processes that made them). */
export function warmOf(c: CaseResult | undefined): number | undefined {
  if (!c || c.skip || c.error || c.timedOut || !c.warm || c.warm.length === 0) return undefined;
  return median(c.warm);
}

/** "chainlens / igraph (ratio)" of the warm medians. */
function warmCell(a: CaseResult | undefined, b: CaseResult | undefined): string {
  const x = warmOf(a);
  const y = warmOf(b);
  if (x === undefined && y === undefined) return '—';
  const show = (v: number | undefined) => (v === undefined ? '—' : fmtMs(v));
  const r = x !== undefined && y !== undefined ? ` (${fmtRatio(x / y)})` : '';
  return `${show(x)} / ${show(y)}${r}`;
}

function rss(c: CaseResult | undefined): string {
  if (!c || c.runs.length === 0) return '—';
  return fmtMiB(median(c.runs.map((r) => r.peakRss)));
}

export function table(store: Store, g: GraphCase): string {
  const lines = [
    '| metric | chainlens | igraph | NetworkX | ours/igraph | ours/NX | warm: chainlens / igraph | peak RSS ours / igraph / NX |',
    '| ------ | --------: | -----: | -------: | ----------: | ------: | -----------------------: | --------------------------: |',
  ];
  const get = (m: Metric, t: Tool) => store[key(g.label, m, t)];
  // The load rows come from the `load` processes: file → tables, then → graph structure.
  const loadRow = (name: string, pick: (r: Run) => number) => {
    const cells = TOOLS.map((t) => cell(get('load', t), (c) => c.runs.map(pick)));
    lines.push(`| ${name} | ${cells.join(' | ')} | | | | |`);
  };
  loadRow('load file (parse, ids)', (r) => r.loadMs);
  loadRow('build graph (snapshot / Graph / DiGraph)', (r) => r.buildMs);
  {
    const cells = TOOLS.map((t) => rss(get('load', t)));
    lines.push(`| peak RSS, graph loaded | ${cells.join(' | ')} | | | | |`);
  }
  for (const m of METRICS) {
    if (m === 'load') continue;
    const [a, b, c] = TOOLS.map((t) => get(m, t));
    if (!a && !b && !c) continue;
    lines.push(
      `| ${LABELS[m]} | ${cell(a)} | ${cell(b)} | ${cell(c)} | ${ratio(a, b)} | ${ratio(a, c)} | ${warmCell(a, b)} | ${rss(a)} / ${rss(b)} / ${rss(c)} |`,
    );
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Cross-checks (from the first run's dumps)
