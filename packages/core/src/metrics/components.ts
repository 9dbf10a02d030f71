/**
 * Connected components of the snapshot, iteratively (no recursion, so 1M-arc graphs are fine):
 *
 * - weakly connected components: breadth-first search on the undirected projection;
 * - strongly connected components: Tarjan's algorithm (Tarjan 1972, "Depth-first search and
 *   linear graph algorithms", SIAM J. Comput. 1(2)) with an explicit call stack of
 *   (node, next-arc) frames instead of recursion, on the `out` adjacency.
 *
 * Both return a component id per node, numbered deterministically by the smallest node index of
 * each component (the component of node 0 is 0, the next component met scanning nodes in index
 * order is 1, ...), and the component sizes. Direction: WCC ignores it, SCC follows arcs.
 * Weighting: none. Self-loops and parallel arcs change nothing. O(n + m) time, O(n) memory.
 * Matches NetworkX's `weakly_connected_components` / `strongly_connected_components` as sets.
 */
import type { Adjacency } from '../graph/snapshot.js';

export interface ComponentsResult {
  /** Component id per node, 0..count−1, in order of each component's smallest node index. */
  component: Int32Array;
  /** Number of nodes of each component. */
  sizes: Int32Array;
  /** Number of components. */
  count: number;
  /** Id of the largest component (the smallest such id on ties; −1 when n = 0). */
  largest: number;
}

function finish(component: Int32Array, count: number): ComponentsResult {
  const sizes = new Int32Array(count);
  for (let u = 0; u < component.length; u++) sizes[component[u]!]!++;
  let largest = -1;
  for (let c = 0; c < count; c++) if (largest < 0 || sizes[c]! > sizes[largest]!) largest = c;
  return { component, sizes, count, largest };
}

/**
 * Weakly connected components: the connected components of the undirected projection
 * (isolated nodes, self-loop-only nodes included, are components of size 1).
 */
export function weaklyConnectedComponents(graph: {
  n: number;
  undirected: Pick<Adjacency, 'offsets' | 'nodes'>;
}): ComponentsResult {
  const { n } = graph;
  const { offsets, nodes } = graph.undirected;
  const component = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  let count = 0;
  for (let r = 0; r < n; r++) {
    if (component[r]! >= 0) continue;
    const c = count++;
    component[r] = c;
    queue[0] = r;
    let head = 0;
    let tail = 1;
    while (head < tail) {
      const v = queue[head++]!;
      const end = offsets[v + 1]!;
      for (let p = offsets[v]!; p < end; p++) {
        const w = nodes[p]!;
        if (component[w]! < 0) {
          component[w] = c;
          queue[tail++] = w;
        }
      }
    }
  }
  return finish(component, count);
}

/**
 * Strongly connected components of the directed graph (arcs of `out`): maximal sets of nodes
 * that reach each other. A node on no cycle is a component of size 1.
 */
export function stronglyConnectedComponents(graph: {
  n: number;
  out: Pick<Adjacency, 'offsets' | 'nodes'>;
}): ComponentsResult {
  const { n } = graph;
  const { offsets, nodes } = graph.out;
  const index = new Int32Array(n).fill(-1); // discovery time, −1 = unvisited
  const low = new Int32Array(n);
  const raw = new Int32Array(n).fill(-1); // component in completion order, −1 = still open
  const frames = new Int32Array(n); // call stack: node
  const next = new Int32Array(n); // call stack: next arc position to scan
  const stack = new Int32Array(n); // Tarjan's stack of open nodes
  let time = 0;
  let sp = 0;
  let rawCount = 0;
  for (let r = 0; r < n; r++) {
    if (index[r]! >= 0) continue;
    index[r] = low[r] = time++;
    stack[sp++] = r;
    frames[0] = r;
    next[0] = offsets[r]!;
    let depth = 1;
    while (depth > 0) {
      const v = frames[depth - 1]!;
      const end = offsets[v + 1]!;
      let p = next[depth - 1]!;
      let lowV = low[v]!;
      let descended = false;
      for (; p < end; p++) {
        const w = nodes[p]!;
        const iw = index[w]!;
        if (iw < 0) {
          // Descend into w; resume v at the following arc afterwards.
          next[depth - 1] = p + 1;
          low[v] = lowV;
          index[w] = low[w] = time++;
          stack[sp++] = w;
          frames[depth] = w;
          next[depth] = offsets[w]!;
          depth++;
          descended = true;
          break;
        }
        if (raw[w]! < 0 && iw < lowV) lowV = iw; // w is open: on Tarjan's stack
      }
      if (descended) continue;
      low[v] = lowV;
      depth--;
      if (lowV === index[v]) {
        // v is the root of a component: pop it.
        const c = rawCount++;
        let w: number;
        do {
          w = stack[--sp]!;
          raw[w] = c;
        } while (w !== v);
      }
      if (depth > 0) {
        const u = frames[depth - 1]!;
        if (lowV < low[u]!) low[u] = lowV;
      }
    }
  }
  // Renumber by smallest node index.
  const rename = new Int32Array(rawCount).fill(-1);
  const component = raw; // reuse: each slot is read before it is overwritten
  let count = 0;
  for (let u = 0; u < n; u++) {
    const c = raw[u]!;
    if (rename[c]! < 0) rename[c] = count++;
    component[u] = rename[c]!;
  }
  return finish(component, count);
}

/** Components as lists of node indices, each ascending, listed by component id. */
export function componentLists(result: ComponentsResult): Int32Array[] {
  const lists = Array.from(result.sizes, (size) => new Int32Array(size));
  const fill = new Int32Array(result.count);
  for (let u = 0; u < result.component.length; u++) {
    const c = result.component[u]!;
    lists[c]![fill[c]!++] = u;
  }
  return lists;
}
