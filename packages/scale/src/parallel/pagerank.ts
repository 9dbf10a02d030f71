/**
 * PageRank on worker threads: `pagerank` / `pagerankReverse` of @chainlens/core (same options,
 * same result bit for bit), with the pull of each iteration — the sum over every node's
 * in-arcs, which is the O(m) part — cut into node ranges computed by worker threads over the
 * shared snapshot. The main thread does what is sequential in core's loop (the dangling mass,
 * the scaled vector, the L1 change summed in node order), so the floating-point operations and
 * their order are exactly core's. Threads meet twice per iteration (Atomics.wait / notify on a
 * shared control word).
 */
import { Worker } from 'node:worker_threads';
import type { MetricGraph, PageRankOptions, PageRankResult } from '@chainlens/core';
import { pagerankScale, pagerankSetup } from '@chainlens/core/internal';
import { defaultWorkers, onShared, ranges, sharedF64, workerUrl } from './workers.js';

export interface ParallelPageRankOptions extends PageRankOptions {
  /** `workers` number [the cores]: worker threads (1 runs the pull on one worker). */
  workers?: number;
  /** `reverse` boolean [false]: reverse PageRank (core's `pagerankReverse`). */
  reverse?: boolean;
  /** `onIteration` (iteration, error) => void [none]: after each iteration. */
  onIteration?: (iteration: number, error: number) => void;
}

/** What a worker receives. */
export interface PageRankWorkerData {
  offsets: Int32Array;
  nodes: Int32Array;
  weights: Float64Array;
  weighted: boolean;
  scaled: Float64Array;
  /** Output vectors, chosen by the parity of the generation. */
  outputs: [Float64Array, Float64Array];
  g: Float64Array;
  p: Float64Array;
  /** [alpha, spread] of the current iteration. */
  params: Float64Array;
  /** [generation (−1 = stop), done count]. */
  control: Int32Array;
  start: number;
  end: number;
}

/** `Atomics.waitAsync` (Node ≥ 16; typed in ES2024's lib, newer than this project's). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      a: Int32Array,
      index: number,
      value: number,
    ): { async: false; value: string } | { async: true; value: Promise<string> };
  }
).waitAsync;

/** PageRank (or reverse PageRank) with the pull on worker threads. */
export async function pagerankParallel(
  graph: MetricGraph,
  options: ParallelPageRankOptions = {},
): Promise<PageRankResult> {
  if (graph.n === 0) {
    return { scores: new Float64Array(0), iterations: 0, error: 0, converged: true };
  }
  const setup = pagerankSetup(graph, options, options.reverse ?? false, sharedF64);
  const { n, back, alpha, weighted, tol, maxIter, p, g, invOut, danglingNodes } = setup;
  const outputs: [Float64Array, Float64Array] = [sharedF64(n), sharedF64(n)];
  let x: Float64Array = setup.start;

  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), n));
  const scaled = sharedF64(n);
  const params = sharedF64(2);
  const control = new Int32Array(new SharedArrayBuffer(8));
  const shared = {
    offsets: onShared(back.offsets),
    nodes: onShared(back.nodes),
    weights: onShared(back.weights),
  };
  const threads: Worker[] = [];
  const failure: { error?: Error } = {};
  for (const [start, end] of ranges(n, workers)) {
    const data: PageRankWorkerData = {
      ...shared,
      weighted,
      scaled,
      outputs,
      g,
      p,
      params,
      control,
      start,
      end,
    };
    const worker = new Worker(workerUrl('pagerank.worker.js'), { workerData: data });
    worker.on('error', (e) => {
      failure.error = e;
      Atomics.store(control, 1, workers); // wake the main thread
      Atomics.notify(control, 1);
    });
    threads.push(worker);
  }
  try {
    let iterations = 0;
    let error = Infinity;
    while (iterations < maxIter) {
      iterations++;
      const danglingSum = pagerankScale(x, invOut, danglingNodes, scaled);
      params[0] = alpha;
      params[1] = alpha * danglingSum;
      Atomics.store(control, 1, 0);
      Atomics.store(control, 0, iterations);
      Atomics.notify(control, 0);
      // Wait without blocking the event loop, so that a worker's 'error' event gets through.
      for (let done = Atomics.load(control, 1); done < workers; done = Atomics.load(control, 1)) {
        const waiting = waitAsync(control, 1, done);
        if (waiting.async) await waiting.value;
      }
      if (failure.error) throw failure.error;
      const next = outputs[iterations & 1]!;
      error = 0;
      for (let v = 0; v < n; v++) error += Math.abs(next[v]! - x[v]!);
      x = next;
      options.onIteration?.(iterations, error);
      if (error < n * tol)
        return { scores: Float64Array.from(x), iterations, error, converged: true };
    }
    return { scores: Float64Array.from(x), iterations, error, converged: false };
  } finally {
    Atomics.store(control, 0, -1);
    Atomics.notify(control, 0);
    await Promise.all(threads.map((t) => t.terminate()));
  }
}
