/**
 * Steps along the supply direction: who supplies a company (upstream, following arcs backwards)
 * or whom it supplies (downstream), up to n steps, over the drawn graph.
 */
import type Graph from 'graphology';

export type Direction = 'upstream' | 'downstream' | 'both';

/**
 * Breadth-first search from `start`: node → number of steps (start = 0). `maxSteps` Infinity
 * follows the chain to its end. `both` takes the neighbours in either direction at each step.
 */
export function stepsFrom(
  graph: Graph,
  start: string,
  direction: Direction,
  maxSteps: number,
): Map<string, number> {
  const dist = new Map<string, number>([[start, 0]]);
  let frontier = [start];
  for (let step = 1; step <= maxSteps && frontier.length > 0; step++) {
    const next: string[] = [];
    for (const u of frontier) {
      const visit = (v: string) => {
        if (!dist.has(v)) {
          dist.set(v, step);
          next.push(v);
        }
      };
      if (direction !== 'downstream') graph.forEachInNeighbor(u, visit);
      if (direction !== 'upstream') graph.forEachOutNeighbor(u, visit);
    }
    frontier = next;
  }
  return dist;
}
