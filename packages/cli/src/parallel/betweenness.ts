/**
 * Betweenness on worker threads (Node only): the sources are cut into the fixed slices of
 * `betweennessSlices` (at most BETWEENNESS_SLICES, independent of the number of workers), each
 * worker owns a contiguous run of slices and posts one partial array per slice, and the main
 * thread adds the partials in slice order before scaling — exactly what the single-threaded
 * `betweenness` of @chainlens/core does, so the values are bit-identical to it for any number
 * of workers. The adjacency is copied once into SharedArrayBuffers that every worker reads.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  betweenness,
  betweennessScale,
  betweennessSlices,
  betweennessSources,
  BETWEENNESS_SLICES,
  type BetweennessOptions,
  type BetweennessResult,
  type PathGraph,
} from '@chainlens/core';

export interface ParallelBetweennessOptions extends BetweennessOptions {
  /**
   * `workers` number [min(os.availableParallelism(), 16)]: worker threads; at most one per
   * slice; 1 (or a single slice) runs on the calling thread instead.
   */
  workers?: number;
  /** `onSlice` (done, total) => void [none]: called as each slice of sources is summed in. */
  onSlice?: (done: number, total: number) => void;
}

/** What a worker receives (workerData). */
export interface BetweennessWorkerData {
  n: number;
  offsets: Int32Array;
  nodes: Int32Array;
  sources: Int32Array;
  /** [start, end) of each slice this worker owns, in order, with its slice index. */
  slices: Array<{ index: number; start: number; end: number }>;
}

/** What a worker posts per slice. */
export interface BetweennessWorkerMessage {
  index: number;
  partial: Float64Array;
}

/** Default worker count: the cores Node may use, at most one per slice. */
export function defaultWorkers(): number {
  return Math.max(1, Math.min(availableParallelism(), BETWEENNESS_SLICES));
}

/**
 * The compiled worker entry. Next to this file once built (`dist/parallel/`); when this module
 * runs from its TypeScript source (vitest), the compiled copy under `dist/` (build first).
 */
function workerUrl(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/parallel/betweenness.worker.js', import.meta.url)
    : new URL('./betweenness.worker.js', import.meta.url);
}

function shared(a: Int32Array): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(a.byteLength));
  copy.set(a);
  return copy;
}

/**
 * Node betweenness as `betweenness(graph, options)` of @chainlens/core (exact, or sampled with
 * `k` and `seed`; same options, same result, same values bit for bit), with the sources split
 * over worker threads.
 */
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
  const offsets = shared(adjacency.offsets);
  const nodes = shared(adjacency.nodes);
  const sharedSources = shared(sources);

  const total = new Float64Array(n);
  const pending = new Map<number, Float64Array>();
  let nextSlice = 0;
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
        const worker = new Worker(workerUrl(), { workerData: data });
        running.push(worker);
        worker.on('message', (message: BetweennessWorkerMessage) => {
          pending.set(message.index, message.partial);
          // Add the partials strictly in slice order (the single-threaded summation order).
          for (let part = pending.get(nextSlice); part; part = pending.get(nextSlice)) {
            for (let v = 0; v < n; v++) total[v]! += part[v]!;
            pending.delete(nextSlice++);
            options.onSlice?.(nextSlice, slices.length);
          }
          if (nextSlice === slices.length) resolve();
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          // Harmless once every slice is in (the promise is settled); otherwise a failure.
          // A worker's messages are all delivered before its 'exit' event.
          if (code !== 0) reject(new Error(`betweenness worker exited with code ${code}`));
          else if (++exited === workers && nextSlice < slices.length) {
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
