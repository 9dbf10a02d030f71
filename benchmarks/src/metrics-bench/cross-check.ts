/**
 * metrics-bench: cross-checks of the tools' values, from the first run's dumps (same top 5,
 * same values within tolerance, two workers equal to one).
 */
import { existsSync, readFileSync } from 'node:fs';
import { type Metric } from '../metrics-child.js';
import type { GraphCase, Tool } from './config.js';
import { LABELS, dumpFile } from './config.js';

interface Dump {
  ids: string[];
  vectors: Record<string, number[]>;
  info: Record<string, unknown>;
  /** Ids of the sampled nodes that the `sampled_*` vectors hold, in their order. */
  sample?: string[];
}

function readDump(g: GraphCase, metric: Metric, tool: Tool): Dump | undefined {
  const file = dumpFile({ graph: g, metric, tool, runs: 1 });
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Dump) : undefined;
}

/** Vector `k` of a dump by node id: the whole vector, or its `sampled_k` part. */
function byId(d: Dump, k: string): { values: Map<string, number>; full: boolean } | undefined {
  const whole = d.vectors[k];
  if (whole) return { values: new Map(d.ids.map((id, i) => [id, whole[i]!])), full: true };
  const part = d.vectors[`sampled_${k}`];
  if (part && d.sample) {
    return { values: new Map(d.sample.map((id, i) => [id, part[i]!])), full: false };
  }
  return undefined;
}

/** Max |a − b| over the nodes both dumps have vector `k` for, matched by node id. */
function compare(ours: Dump, peer: Dump, k: string) {
  const a = byId(ours, k);
  const b = byId(peer, k);
  if (!a || !b) return undefined;
  let max = 0;
  let nodes = 0;
  for (const [id, x] of a.values) {
    const y = b.values.get(id);
    if (y === undefined) continue;
    max = Math.max(max, Math.abs(x - y));
    if (Number.isNaN(x) || Number.isNaN(y)) max = NaN;
    nodes++;
  }
  return { max, nodes, full: a.full && b.full };
}

function top5(ids: string[], v: number[]): string[] {
  return Array.from(v.keys())
    .sort((a, b) => v[b]! - v[a]! || (ids[a]! < ids[b]! ? -1 : 1))
    .slice(0, 5)
    .map((i) => ids[i]!);
}

const VECTOR_KEYS: Partial<Record<Metric, string[]>> = {
  degree: ['in', 'out', 'strength_in', 'strength_out'],
  pagerank: ['scores'],
  pagerank_reverse: ['scores'],
  hits: ['hubs', 'authorities'],
  eigenvector: ['scores'],
  closeness: ['closeness', 'harmonic'],
  kcore: ['core'],
  betweenness: ['values'],
  betweenness_sampled: ['values'],
};

const RANKED = new Set<Metric>([
  'pagerank',
  'pagerank_reverse',
  'hits',
  'eigenvector',
  'betweenness',
  'betweenness_sampled',
]);

const sci = (x: number) => (x === 0 ? '0' : x.toExponential(1));

const sameSet = (a: unknown, b: unknown) => {
  const key = (x: unknown) =>
    (x as Array<string | string[]>)
      .map((e) => (Array.isArray(e) ? [...e].sort().join('–') : e))
      .sort()
      .join(',');
  return key(a) === key(b);
};

export function crossCheck(g: GraphCase, metric: Metric): string[] {
  const ours = readDump(g, metric, 'chainlens');
  if (!ours) return [];
  const out: string[] = [];
  if (metric.endsWith('_2w')) {
    // The worker-thread runner against the single-threaded function: bit for bit.
    const one = readDump(g, metric.replace('_2w', '') as Metric, 'chainlens');
    if (!one) return out;
    const names = Object.keys(ours.vectors);
    const same = names.every((name) => {
      const a = ours.vectors[name]!;
      const b = one.vectors[name];
      return b !== undefined && a.length === b.length && a.every((x, i) => Object.is(x, b[i]));
    });
    out.push(`${LABELS[metric]} vs one thread: ${same ? 'bit-identical values' : 'values DIFFER'}`);
    return out;
  }
  for (const tool of ['igraph', 'networkx'] as const) {
    const peer = readDump(g, metric, tool);
    if (!peer) continue;
    const name = tool === 'igraph' ? 'igraph' : 'NetworkX';
    const facts: string[] = [];
    for (const k of VECTOR_KEYS[metric] ?? []) {
      const d = compare(ours, peer, k);
      if (!d) continue;
      let fact = `${k}: max |Δ| ${Number.isNaN(d.max) ? 'NaN' : sci(d.max)}`;
      if (!d.full) fact += ` (on ${d.nodes.toLocaleString('en-US')} sampled nodes)`;
      if (RANKED.has(metric) && d.full) {
        const a = ours.vectors[k]!;
        const index = new Map(peer.ids.map((id, i) => [id, i]));
        const b = ours.ids.map((id) => peer.vectors[k]![index.get(id)!]!);
        const same = top5(ours.ids, a).join() === top5(ours.ids, b).join();
        fact += `, top-5 ${same ? 'identical' : `differ (${top5(ours.ids, a).join(' ')} vs ${top5(ours.ids, b).join(' ')})`}`;
      }
      facts.push(fact);
    }
    if (metric === 'wcc' || metric === 'scc') {
      const same =
        ours.info.count === peer.info.count &&
        JSON.stringify(ours.info.sizes) === JSON.stringify(peer.info.sizes);
      facts.push(
        `${String(ours.info.count)} components, largest ${String((ours.info.sizes as number[])[0])}: ${same ? 'same count and sizes' : `differ (${String(peer.info.count)}, ${JSON.stringify(peer.info.sizes)})`}`,
      );
    }
    if (metric === 'cutpoints') {
      const ap = ours.info.articulation as string[];
      const br = ours.info.bridges as string[][];
      facts.push(
        `${ap.length} articulation points ${sameSet(ap, peer.info.articulation) ? 'identical' : `differ (${(peer.info.articulation as string[]).length})`}; ` +
          `${br.length} bridges ${sameSet(br, peer.info.bridges) ? 'identical' : `differ (${(peer.info.bridges as string[][]).length})`}`,
      );
    }
    if (metric === 'louvain') {
      const q = ours.info.modularity as number;
      const p = peer.info.modularity as number;
      facts.push(
        `modularity ${q.toFixed(4)} (${String(ours.info.count)} communities, ${String(ours.info.split)} split) vs ${p.toFixed(4)} (${String(peer.info.count)}): Δ ${(q - p).toFixed(4)}`,
      );
    }
    if (metric === 'eigenvector' && peer.info.converged === false) {
      facts.push('NetworkX did not converge');
    }
    if (facts.length > 0) out.push(`${LABELS[metric]} vs ${name}: ${facts.join('; ')}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Targets (issue 4, on the 1M-arc graph unless said)
