/**
 * Worker of `pagerankParallel`: for each generation the main thread publishes, pulls the
 * nodes of its range — next[v] = α·Σ scaled[u]·w(u→v) + spread·g[v] + (1 − α)·p[v], the
 * expression of core's power iteration — then counts itself done.
 */
import { workerData } from 'node:worker_threads';
import type { PageRankWorkerData } from './pagerank.js';

const d = workerData as PageRankWorkerData;
const { offsets, nodes, weights, weighted, scaled, outputs, g, p, params, control, start, end } = d;
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  const generation = Atomics.load(control, 0);
  if (generation < 0) break;
  if (generation === seen) continue;
  seen = generation;
  const alpha = params[0]!;
  const spread = params[1]!;
  const teleport = 1 - alpha;
  const next = outputs[generation & 1]!;
  for (let v = start; v < end; v++) {
    let sum = 0;
    const stop = offsets[v + 1]!;
    if (weighted) {
      for (let k = offsets[v]!; k < stop; k++) sum += scaled[nodes[k]!]! * weights[k]!;
    } else {
      for (let k = offsets[v]!; k < stop; k++) sum += scaled[nodes[k]!]!;
    }
    next[v] = alpha * sum + spread * g[v]! + teleport * p[v]!;
  }
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
