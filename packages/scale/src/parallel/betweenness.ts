/**
 * Sampled (or exact) betweenness on worker threads, as `betweenness` of @chainlens/core: the
 * sources are cut into core's fixed slices (`betweennessSlices`), each worker sums the
 * dependencies of a contiguous run of slices into one array per slice, and the main thread
 * adds the slices in order before scaling, which is core's own summation: the values are
 * bit-identical for any number of workers. The snapshot's adjacency is read in place when it
 * lies on shared memory (`buildMetricGraph(…, { shared: true })`), else copied once.
 * `chainlens metrics` runs it through `@chainlens/scale/parallel` (no DuckDB loaded).
 */
import { Worker } from 'node:worker_threads';
import type { BetweennessOptions, BetweennessResult, PathGraph } from '@chainlens/core';
import { betweenness } from '@chainlens/core';
import { betweennessScale, betweennessSlices, betweennessSources } from '@chainlens/core/internal';
import { defaultWorkers, onShared, workerUrl } from './workers.js';

export interface ParallelBetweennessOptions extends BetweennessOptions {
  /** `workers` number [the cores]: worker threads (1 runs core's on the calling thread). */
  workers?: number;
  /** `onSlice` (done, total) => void [none]: as each slice of sources is summed in. */
  onSlice?: (done: number, total: number) => void;
}

/** What a worker receives. */
export interface BetweennessWorkerData {
  n: number;
  offsets: Int32Array;
  nodes: Int32Array;
  sources: Int32Array;
  slices: Array<{ index: number; start: number; end: number }>;
}

/** What a worker posts per slice. */
export interface BetweennessWorkerMessage {
  index: number;
  partial: Float64Array;
}

/** Node betweenness of `graph` with the sources split over worker threads. */
export async function betweennessParallel(
  graph: PathGraph,
  options: ParallelBetweennessOptions = {},
): Promise<BetweennessResult> {
  const n = graph.n;
  const directed = options.directed ?? true;
  const normalized = options.normalized ?? true;
  const { sources, k, seed } = betweennessSources(n, options);
  const slices = betweennessSlices(sources.length);
  const workers = Math.min(options.workers ?? defaultWorkers(), slices.length);
  if (!(workers >= 1) || !Number.isInteger(workers)) {
    throw new RangeError(`betweenness: workers must be a positive integer, got ${workers}`);
  }
  if (workers === 1) {
    const result = betweenness(graph, options);
    options.onSlice?.(slices.length, slices.length);
    return result;
  }
  const adjacency = directed ? graph.out : graph.undirected;
  const offsets = onShared(adjacency.offsets);
  const nodes = onShared(adjacency.nodes);
  const sharedSources = onShared(sources);
  const total = new Float64Array(n);
  const pending = new Map<number, Float64Array>();
  let next = 0;
  const running: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      let exited = 0;
      for (let w = 0; w < workers; w++) {
        const from = Math.floor((w * slices.length) / workers);
        const to = Math.floor(((w + 1) * slices.length) / workers);
        const data: BetweennessWorkerData = {
          n,
          offsets,
          nodes,
          sources: sharedSources,
          slices: slices
            .slice(from, to)
            .map(([start, end], i) => ({ index: from + i, start, end })),
        };
        const worker = new Worker(workerUrl('betweenness.worker.js'), { workerData: data });
        running.push(worker);
        worker.on('message', (message: BetweennessWorkerMessage) => {
          pending.set(message.index, message.partial);
          for (let part = pending.get(next); part; part = pending.get(next)) {
            for (let v = 0; v < n; v++) total[v]! += part[v]!;
            pending.delete(next++);
            options.onSlice?.(next, slices.length);
          }
          if (next === slices.length) resolve();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0) reject(new Error(`betweenness worker exited with code ${code}`));
          else if (++exited === workers && next < slices.length) {
            reject(new Error('betweenness workers ended before every slice was summed'));
          }
        });
      }
    });
  } finally {
    await Promise.all(running.map((worker) => worker.terminate()));
  }
  const scale = betweennessScale(n, k, { directed, normalized });
  if (scale !== 1) for (let v = 0; v < n; v++) total[v]! *= scale;
  return { values: total, directed, normalized, k, seed, sources };
}
