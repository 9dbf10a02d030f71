/**
 * Worker of `betweennessParallel`: sums the dependencies of each slice of sources it owns into
 * a fresh array and posts it (transferred) with the slice index.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { BrandesWorkspace, accumulateBetweenness } from '@chainlens/core/internal';
import type { BetweennessWorkerData, BetweennessWorkerMessage } from './betweenness.js';

const data = workerData as BetweennessWorkerData;
// The shared adjacency serves as `out` and `undirected` alike: the runner sent the chosen one.
const adjacency = { offsets: data.offsets, nodes: data.nodes };
const graph = { n: data.n, out: adjacency, undirected: adjacency };
const workspace = new BrandesWorkspace(data.n);
for (const { index, start, end } of data.slices) {
  const partial = new Float64Array(data.n);
  accumulateBetweenness(graph, data.sources.subarray(start, end), partial, { workspace });
  const message: BetweennessWorkerMessage = { index, partial };
  parentPort!.postMessage(message, [partial.buffer]);
}
