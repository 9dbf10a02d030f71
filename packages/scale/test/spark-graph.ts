/**
 * Seeded generated graphs for the Spark test (packages/scale/test/spark.test.ts): an edge-list
 * CSV (`source,target,weight`) with the cases the Spark job must get right:
 *
 * - several weakly connected components: the nodes fall into `blocks` blocks of different sizes
 *   (block b holds a share proportional to b + 1) and edges stay inside a block; besides, every
 *   50th node of a block only has a self-loop (a component of its own);
 * - dangling nodes: a tenth of the nodes are never a source (sinks: dangling in PageRank), and
 *   in reverse PageRank the nodes no edge points at;
 * - self-loops: about 1 % of the edges besides those;
 * - parallel edges: about 5 % of the edges repeat an earlier edge with another weight;
 * - weights: 0.5 to 5, two decimals.
 */
import { createRng } from '@chainlens/core';

export interface GeneratedGraph {
  csv: string;
  nodes: number;
  edges: number;
}

/** An edge list of about `edges` rows over `nodes` nodes (see the module notes). */
export function generateSparkGraph(
  nodes: number,
  edges: number,
  seed: number,
  blocks = 5,
): GeneratedGraph {
  const rng = createRng(seed);
  const id = (v: number) => `n${v}`;
  // Block boundaries: block b gets a share proportional to b + 1.
  const total = (blocks * (blocks + 1)) / 2;
  const starts: number[] = [0];
  for (let b = 0; b < blocks; b++) starts.push(starts[b]! + Math.round((nodes * (b + 1)) / total));
  starts[blocks] = nodes;
  const lines: string[] = ['source,target,weight'];
  const weight = () => (0.5 + Math.floor(rng() * 451) / 100).toFixed(2);
  const done: Array<[number, number]> = [];
  let rows = 0;
  const push = (s: number, t: number) => {
    lines.push(`${id(s)},${id(t)},${weight()}`);
    done.push([s, t]);
    rows++;
  };
  for (let b = 0; b < blocks; b++) {
    const lo = starts[b]!;
    const size = starts[b + 1]! - lo;
    for (let k = lo; k < lo + size; k += 50) push(k, k); // self-loop-only nodes
  }
  const isLoner = (v: number) => {
    let b = 0;
    while (starts[b + 1]! <= v) b++;
    return (v - starts[b]!) % 50 === 0;
  };
  const isSink = (v: number) => v % 10 === 3;
  while (rows < edges) {
    const r = rng();
    if (r < 0.05 && done.length > 0) {
      const [s, t] = done[Math.floor(rng() * done.length)]!;
      push(s, t); // parallel edge
      continue;
    }
    const b = Math.min(blocks - 1, Math.floor(rng() * blocks));
    const lo = starts[b]!;
    const size = starts[b + 1]! - lo;
    const s = lo + Math.floor(rng() * size);
    if (isLoner(s) || isSink(s)) continue;
    if (r < 0.06) {
      push(s, s); // self-loop
      continue;
    }
    // Skewed targets: low indices of the block are hubs.
    const t = lo + Math.floor(size * rng() ** 2);
    if (isLoner(t) || t === s) continue;
    push(s, t);
  }
  return { csv: `${lines.join('\n')}\n`, nodes, edges: rows };
}
