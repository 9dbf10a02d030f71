/**
 * Worker of `pagerankParallel`: for each generation the main thread publishes, pulls the
 * nodes of its range with core's `pagerankPull` (the kernel of its power iteration), then counts
 * itself done.
 */
import { workerData } from 'node:worker_threads';
import { pagerankPull } from '@chainlens/core/internal';
import type { PageRankWorkerData } from './pagerank.js';

const d = workerData as PageRankWorkerData;
const { offsets, nodes, weights, weighted, scaled, outputs, g, p, params, control, start, end } = d;
const back = { offsets, nodes, weights };
let seen = 0;
for (;;) {
  Atomics.wait(control, 0, seen);
  const generation = Atomics.load(control, 0);
  if (generation < 0) break;
  if (generation === seen) continue;
  seen = generation;
  pagerankPull(
    back,
    weighted,
    scaled,
    g,
    p,
    params[0]!,
    params[1]!,
    outputs[generation & 1]!,
    start,
    end,
  );
  Atomics.add(control, 1, 1);
  Atomics.notify(control, 1);
}
