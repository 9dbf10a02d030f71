/**
 * A seeded generator of directed, weighted edge lists (`source,target,weight`) that look like
 * supply networks: "community-structured preferential attachment".
 *
 * - Nodes `n0 … n{N-1}` arrive in order, spread evenly over the edge stream. Every node's
 *   arrival edge goes from it to an earlier node, so every node appears in the file: the file
 *   names exactly N distinct ids and holds exactly M rows (M ≥ N ≥ 2 is required).
 * - Each arriving node joins a community by a Chinese-restaurant process: an existing
 *   community in proportion to its size, or a new one with probability θ/(i+θ). Sizes come
 *   out skewed (a few large clusters, a long tail of small ones).
 * - Every other edge picks its source in proportion to out-degree (with a `uniform` share of
 *   uniform picks, so fresh nodes get edges too), and its target inside the source's community
 *   with probability `intra`, else anywhere, in proportion to in-degree. Degrees come out
 *   heavy-tailed. Self-loops are never generated; a parallel edge is redrawn up to 8 times, so
 *   only a small share remains (mostly among the first few nodes; the loader keeps them).
 * - Weights are positive decimals with two places, heavy-tailed between 0.50 and 500.00.
 *
 * Deterministic: only integer arithmetic and exact IEEE operations on the output of a
 * mulberry32 PRNG (no Math.random, no transcendental functions), so the same options give a
 * byte-identical file on any machine.
 */

export interface EdgeListOptions {
  /** Number of nodes N (≥ 2). */
  nodes: number;
  /** Number of edges M (≥ N). */
  edges: number;
  /** PRNG seed (any 32-bit integer). */
  seed: number;
  /** Probability that a target lies in the source's community. Default 0.8. */
  intra?: number;
  /** Share of endpoint picks that are uniform instead of degree-proportional. Default 0.2. */
  uniform?: number;
  /** Chinese-restaurant concentration θ (more ⇒ more communities). Default 8. */
  theta?: number;
}

/** mulberry32: a small, fast, well-mixed 32-bit PRNG; returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** An int list that grows by doubling (keeps the 1M-edge generator at a few MB). */
class IntList {
  data = new Int32Array(16);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  pick(rand: () => number): number {
    return this.data[Math.floor(rand() * this.length)]!;
  }
}

export const EDGE_LIST_HEADER = 'source,target,weight\n';

function checkOptions(o: EdgeListOptions): void {
  const int = (v: number) => Number.isSafeInteger(v);
  if (!int(o.nodes) || o.nodes < 2) throw new RangeError(`nodes must be an integer ≥ 2`);
  if (!int(o.edges) || o.edges < o.nodes)
    throw new RangeError(`edges must be an integer ≥ nodes (${o.nodes})`);
  if (o.nodes > 2 ** 31 - 1 || o.edges > 2 ** 31 - 1) throw new RangeError('too large');
  if (!int(o.seed)) throw new RangeError('seed must be an integer');
}

/**
 * Yields the CSV (header first) in chunks of about `chunkSize` characters, so a large file can
 * be streamed to disk. Pure: the same options always yield the same text.
 */
export function* edgeListChunks(options: EdgeListOptions, chunkSize = 1 << 16): Generator<string> {
  checkOptions(options);
  const { nodes: n, edges: m } = options;
  const intra = options.intra ?? 0.8;
  const uniform = options.uniform ?? 0.2;
  const theta = options.theta ?? 8;
  const rand = mulberry32(options.seed);

  const community = new Int32Array(n);
  const members: IntList[] = []; // nodes of each community
  const inEnds: IntList[] = []; // targets of edges into each community (one per edge)
  const outEnds = new IntList(); // sources of all edges (one per edge)
  const allInEnds = new IntList(); // targets of all edges (one per edge)
  let arrived = 0;
  // Edges so far as s·N + t (exact below 2^53): parallel edges are redrawn a few times.
  const seen = new Set<number>();

  const join = (v: number) => {
    // Chinese restaurant: node v (v nodes already seated) opens a new table w.p. θ/(v+θ).
    let c: number;
    if (members.length === 0 || rand() * (v + theta) < theta) {
      c = members.length;
      members.push(new IntList());
      inEnds.push(new IntList());
    } else {
      c = community[Math.floor(rand() * v)]!; // a uniform seated node ⇒ size-proportional
    }
    community[v] = c;
    members[c]!.push(v);
    arrived = v + 1;
  };
  const pickSource = () =>
    outEnds.length === 0 || rand() < uniform ? Math.floor(rand() * arrived) : outEnds.pick(rand);
  const pickTarget = (s: number) => {
    const c = community[s]!;
    for (let attempt = 0; attempt < 4; attempt++) {
      let t: number;
      if (rand() < intra && members[c]!.length > 1) {
        t =
          inEnds[c]!.length === 0 || rand() < uniform
            ? members[c]!.pick(rand)
            : inEnds[c]!.pick(rand);
      } else {
        t =
          allInEnds.length === 0 || rand() < uniform
            ? Math.floor(rand() * arrived)
            : allInEnds.pick(rand);
      }
      if (t !== s) return t;
    }
    // Unlucky draws: any other arrived node (there are at least two).
    const t = Math.floor(rand() * (arrived - 1));
    return t >= s ? t + 1 : t;
  };
  const weight = () => {
    // Pareto-like: 0.5 / (1 − 0.999u) lies in [0.5, 500); as cents ≥ 50.
    const cents = Math.floor(50 / (1 - 0.999 * rand()));
    return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  };

  let chunk = EDGE_LIST_HEADER;
  join(0);
  join(1);
  // Node i ≥ 2 arrives at edge ⌊i·M/N⌋ (distinct and ≥ 2 because M ≥ N); edge 0 is n1 → n0.
  let next = 2;
  let nextAt = n > 2 ? Math.floor((2 * m) / n) : m;
  for (let k = 0; k < m; k++) {
    let s: number;
    let t: number;
    if (k === 0) {
      s = 1;
      t = 0;
    } else if (k === nextAt) {
      // Seat the newcomer, then link it to an earlier node (its community first).
      s = next;
      join(s);
      t = pickTarget(s);
      for (let retry = 0; retry < 8 && seen.has(s * n + t); retry++) t = pickTarget(s);
      next++;
      nextAt = next < n ? Math.floor((next * m) / n) : m;
    } else {
      s = pickSource();
      t = pickTarget(s);
      for (let retry = 0; retry < 8 && seen.has(s * n + t); retry++) {
        s = pickSource();
        t = pickTarget(s);
      }
    }
    seen.add(s * n + t);
    outEnds.push(s);
    allInEnds.push(t);
    inEnds[community[t]!]!.push(t);
    chunk += `n${s},n${t},${weight()}\n`;
    if (chunk.length >= chunkSize) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}

/** The whole CSV as one string (for tests and small sizes). */
export function generateEdgeList(options: EdgeListOptions): string {
  let text = '';
  for (const chunk of edgeListChunks(options)) text += chunk;
  return text;
}
