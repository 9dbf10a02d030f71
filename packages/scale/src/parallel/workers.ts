/**
 * Worker-thread plumbing of the parallel metrics: where the compiled worker scripts are, and
 * typed arrays on shared memory (a copy only when the array is not shared already: build the
 * snapshot with `buildMetricGraph(…, { shared: true })` and nothing is copied).
 */
import { availableParallelism, loadavg } from 'node:os';

/**
 * The compiled worker entry `name` (e.g. `pagerank.worker.js`): next to this file once built
 * (`dist/parallel/`); when this module runs from its TypeScript source (vitest), the compiled
 * copy under `dist/` (build first).
 */
export function workerUrl(name: string): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL(`../../dist/parallel/${name}`, import.meta.url)
    : new URL(`./${name}`, import.meta.url);
}

/**
 * Worker threads to use by default: the cores that are idle now, i.e. the cores Node may use
 * less the 1-minute load average, rounded down, at least 1 (all the cores where the load
 * average is not known). Threads beyond the idle cores only fight the other jobs for them:
 * on a 2-core machine shared with other builds, two workers were slower than one (issue 21:
 * sampled betweenness at 1M arcs 9.1 s vs 6.2 s; PageRank 10.8 s vs 5.2 s at a load of 20+;
 * benchmarks/RESULTS.md), and faster when a core was free (exact betweenness on 10k nodes
 * 3.0 s vs 5.0 s). The values do not depend on the number of workers.
 */
export function defaultWorkers(): number {
  const cores = Math.max(1, availableParallelism());
  const idle = Math.floor(cores - loadavg()[0]!);
  return Math.max(1, Math.min(cores, idle));
}

type Typed = Int32Array | Float64Array;

/** The array itself when it is on shared memory, else a copy that is. */
export function onShared<T extends Typed>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = new (a.constructor as new (buffer: SharedArrayBuffer) => T)(
    new SharedArrayBuffer(a.byteLength),
  );
  copy.set(a as never);
  return copy;
}

/** A Float64Array of n zeros on shared memory. */
export function sharedF64(n: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(n * 8));
}

/** Contiguous ranges [start, end) cutting 0..n into `parts` near-equal pieces. */
export function ranges(n: number, parts: number): Array<[number, number]> {
  return Array.from({ length: parts }, (_, i) => [
    Math.floor((i * n) / parts),
    Math.floor(((i + 1) * n) / parts),
  ]);
}
