/**
 * Template extraction: a chain template built from a dataset's product links (DESIGN §6
 * template format), for an end product that no hand-made template covers.
 *
 * The template is the upstream closure of the end product through `input_of` links (input →
 * output), breadth first, to a given depth:
 * - one segment per product reached, at its shortest link distance d from the end product
 *   (d = 0 for the end product); its `includes` is the product's name, exact;
 * - with `subcategories`, the end product's segment also gathers its narrower kinds (direct
 *   `subcategory_of` sources whose name ends with the end product's name, the "head-final"
 *   links the cn-listed README recommends: 磷酸铁锂正极材料 → 正极材料, not 柴油机 → 柴油), and
 *   their inputs are followed as the end product's own. Only the end product's: doing it for
 *   every product reached floods the closure with recipe links (in cn-listed, 服装 at depth 3
 *   then reaches 鸡蛋 with its 307 narrower kinds);
 * - feeds are the `input_of` links between kept segments. Links from a greater to a smaller
 *   distance are always kept (they cannot close a cycle); the others (between segments at the
 *   same distance, or toward a greater one) are kept only when they close no cycle, in the
 *   order they were found, so the feeds are always a DAG. The description says how many were left out;
 * - stages by distance: the end product (d = 0) is downstream, the deepest distance reached
 *   (d = D) is upstream, everything between midstream (with D = 1 there is no midstream);
 * - `maxSegments` caps the size: starting from the end product, the template grows one
 *   segment at a time, always adding, among the products that feed a segment already kept,
 *   the nearest one (smallest distance), the most linked first among equally near ones (most
 *   `input_of` links to other products of the closure; ties: the order they were found). So the direct
 *   inputs come first and every kept segment reaches the end product.
 *
 * Segment ids are the products' ids (unique in a valid dataset, and stable as long as the
 * product list is). Pure: no I/O.
 */
import type { ChainSegment, ChainTemplate, Dataset, Stage } from '../graph/types.js';

export interface ExtractOptions {
  /** `product` string: the end product, by id or by name (exact). */
  product: string;
  /** `depth` number [3]: how many `input_of` steps upstream to follow (≥ 0). */
  depth?: number;
  /**
   * `subcategories` boolean [false]: gather into the end product's segment its narrower kinds
   * (head-final `subcategory_of` sources) and follow their inputs too.
   */
  subcategories?: boolean;
  /** `maxSegments` number [30]: at most this many segments (≥ 1); the nearest are kept. */
  maxSegments?: number;
  /**
   * `kinds` string[] [every kind]: follow only input products whose kind (the product table's
   * `kind` column, compared whole) is one of these. The end product is always kept. In
   * cn-listed, `['product']` follows only the source's product links and leaves out the
   * industry names (kinds `industry` and `product|industry`) whose upstream links are noisy.
   */
  kinds?: readonly string[];
  /** `id` string [`<product id>-chain`]: the template id. */
  id?: string;
  /** `name` string [`<product name>产业链（上游 d 层）`]: the template name. */
  name?: string;
}

/** Thrown when the end product is not in the dataset's product table. */
export class UnknownProductError extends RangeError {
  constructor(
    readonly product: string,
    /** The nearest product names (see `suggestProducts`), best first. */
    readonly suggestions: string[],
  ) {
    super(
      `unknown product '${product}'${suggestions.length ? `; did you mean ${suggestions.map((s) => `'${s}'`).join(', ')}?` : ''}`,
    );
    this.name = 'UnknownProductError';
  }
}

/** Levenshtein distance of two strings by UTF-16 code unit, stopping early above `max`. */
function distance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(
        prev[j]! + 1,
        cur[j - 1]! + 1,
        prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      cur.push(v);
      if (v < best) best = v;
    }
    if (best > max) return max + 1;
    prev = cur;
  }
  return prev[b.length]!;
}

/** Number of `input_of` links touching each product (in or out). */
function inputLinkCounts(dataset: Dataset): Int32Array {
  const n = dataset.products?.names.length ?? 0;
  const counts = new Int32Array(n);
  const links = dataset.productLinks;
  if (!links) return counts;
  for (let k = 0; k < links.source.length; k++) {
    if (links.type[k] !== 'input_of') continue;
    counts[links.source[k]!]!++;
    counts[links.target[k]!]!++;
  }
  return counts;
}

/**
 * Product names close to `query`, best first: names that contain the query or that the query
 * contains (at least two characters), most `input_of` links first; then names within a small
 * edit distance (at most max(1, ⌊length/3⌋)), nearest first. An exact id or name comes first.
 * `limit` number [5]: how many to return.
 */
export function suggestProducts(dataset: Dataset, query: string, limit = 5): string[] {
  const products = dataset.products;
  if (!products) return [];
  const q = query.trim();
  if (q === '') return [];
  const links = inputLinkCounts(dataset);
  const max = Math.max(1, Math.floor(q.length / 3));
  const contain: Array<{ name: string; links: number; gap: number; i: number }> = [];
  const near: Array<{ name: string; d: number; links: number; i: number }> = [];
  const exact: string[] = [];
  products.names.forEach((name, i) => {
    if (name === q || products.ids[i] === q) {
      exact.push(name);
      return;
    }
    if (name.includes(q) || (name.length >= 2 && q.includes(name))) {
      contain.push({ name, links: links[i]!, gap: Math.abs(name.length - q.length), i });
      return;
    }
    const d = distance(q, name, max);
    if (d <= max) near.push({ name, d, links: links[i]!, i });
  });
  contain.sort((a, b) => b.links - a.links || a.gap - b.gap || a.i - b.i);
  near.sort((a, b) => a.d - b.d || b.links - a.links || a.i - b.i);
  const out: string[] = [];
  for (const name of [...exact, ...contain.map((c) => c.name), ...near.map((c) => c.name)]) {
    if (!out.includes(name)) out.push(name);
    if (out.length >= limit) break;
  }
  return out;
}

/** The index of a product by id, else by name; -1 when unknown. */
function findProduct(dataset: Dataset, product: string): number {
  const products = dataset.products!;
  const byId = products.ids.indexOf(product);
  return byId >= 0 ? byId : products.names.indexOf(product);
}

/** Builds per-target lists (CSR) of the sources of the links of one type. */
function linksInto(dataset: Dataset, type: 'input_of' | 'subcategory_of') {
  const n = dataset.products!.names.length;
  const links = dataset.productLinks!;
  const offsets = new Int32Array(n + 1);
  for (let k = 0; k < links.source.length; k++) {
    if (links.type[k] === type) offsets[links.target[k]! + 1]!++;
  }
  for (let i = 0; i < n; i++) offsets[i + 1]! += offsets[i]!;
  const sources = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < links.source.length; k++) {
    if (links.type[k] === type) sources[fill[links.target[k]!]!++] = links.source[k]!;
  }
  return { offsets, sources };
}

/**
 * Extracts the chain template of an end product from the dataset's product links (see the
 * module comment for the rules). Throws `UnknownProductError` (with the nearest names) for an
 * unknown product and a RangeError for bad options or a dataset without products.
 */
export function extractTemplate(dataset: Dataset, options: ExtractOptions): ChainTemplate {
  const depth = options.depth ?? 3;
  const maxSegments = options.maxSegments ?? 30;
  if (!Number.isInteger(depth) || depth < 0) {
    throw new RangeError(`depth must be a whole number ≥ 0, got ${depth}`);
  }
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new RangeError(`maxSegments must be a whole number ≥ 1, got ${maxSegments}`);
  }
  const products = dataset.products;
  if (!products || !dataset.productLinks) {
    throw new RangeError(
      `dataset '${dataset.name}' has no products and product links to extract from`,
    );
  }
  const end = findProduct(dataset, options.product);
  if (end < 0) {
    throw new UnknownProductError(options.product, suggestProducts(dataset, options.product));
  }

  const inputs = linksInto(dataset, 'input_of');
  const narrower = options.subcategories ? linksInto(dataset, 'subcategory_of') : undefined;
  const kinds = options.kinds ? new Set(options.kinds) : undefined;
  const follows = (p: number) => !kinds || kinds.has(products.kinds[p]!);

  // Breadth-first closure. owner[p] = the closure segment (number) a product belongs to.
  const owner = new Map<number, number>();
  const members: number[][] = [];
  const dist: number[] = [];
  const addSegment = (head: number, d: number): number => {
    const s = members.length;
    const family = [head];
    owner.set(head, s);
    if (narrower && head === end) {
      const name = products.names[head]!;
      for (let k = narrower.offsets[head]!; k < narrower.offsets[head + 1]!; k++) {
        const c = narrower.sources[k]!;
        if (!owner.has(c) && products.names[c]!.endsWith(name) && products.names[c] !== name) {
          owner.set(c, s);
          family.push(c);
        }
      }
    }
    members.push(family);
    dist.push(d);
    return s;
  };
  addSegment(end, 0);
  // Closure links between segments (input segment → output segment), in discovery order.
  const pairs: Array<[number, number]> = [];
  const pairSeen = new Set<string>();
  for (let s = 0; s < members.length; s++) {
    for (const m of members[s]!) {
      for (let k = inputs.offsets[m]!; k < inputs.offsets[m + 1]!; k++) {
        const p = inputs.sources[k]!;
        let from = owner.get(p);
        if (from === undefined) {
          if (dist[s]! >= depth || !follows(p)) continue;
          from = addSegment(p, dist[s]! + 1);
        }
        if (from === s) continue;
        const key = `${from}>${s}`;
        if (!pairSeen.has(key)) {
          pairSeen.add(key);
          pairs.push([from, s]);
        }
      }
    }
  }

  // Keep at most maxSegments: grow from the end product, most linked first.
  const S = members.length;
  const degree = new Int32Array(S);
  const feedsOf: number[][] = Array.from({ length: S }, () => []); // s → segments s feeds
  for (const [a, b] of pairs) {
    degree[a]!++;
    degree[b]!++;
    feedsOf[a]!.push(b);
  }
  const kept = new Uint8Array(S);
  kept[0] = 1;
  let keptCount = 1;
  if (S <= maxSegments) {
    kept.fill(1);
    keptCount = S;
  } else {
    while (keptCount < maxSegments) {
      let best = -1;
      for (let s = 1; s < S; s++) {
        if (kept[s] || !feedsOf[s]!.some((t) => kept[t])) continue;
        if (
          best < 0 ||
          dist[s]! < dist[best]! ||
          (dist[s] === dist[best] && degree[s]! > degree[best]!)
        ) {
          best = s;
        }
      }
      if (best < 0) break;
      kept[best] = 1;
      keptCount++;
    }
  }

  // Feeds: greater → smaller distance always; the rest only when they close no cycle.
  const order = [...Array(S).keys()].filter((s) => kept[s]);
  const out: number[][] = Array.from({ length: S }, () => []);
  const feeds: Array<[number, number]> = [];
  const reaches = (from: number, to: number): boolean => {
    const stack = [from];
    const seen = new Set([from]);
    while (stack.length > 0) {
      const u = stack.pop()!;
      if (u === to) return true;
      for (const v of out[u]!) {
        if (!seen.has(v)) {
          seen.add(v);
          stack.push(v);
        }
      }
    }
    return false;
  };
  const candidates = pairs.filter(([a, b]) => kept[a] && kept[b]);
  let left = 0;
  for (const [a, b] of candidates) {
    if (dist[a]! > dist[b]!) {
      out[a]!.push(b);
      feeds.push([a, b]);
    }
  }
  for (const [a, b] of candidates) {
    if (dist[a]! > dist[b]!) continue;
    if (reaches(b, a)) {
      left++;
      continue;
    }
    out[a]!.push(b);
    feeds.push([a, b]);
  }

  const deepest = Math.max(...order.map((s) => dist[s]!));
  const stageOf = (d: number): Stage =>
    d === 0 ? 'downstream' : d === deepest ? 'upstream' : 'midstream';
  const segments: ChainSegment[] = order.map((s) => ({
    id: products.ids[members[s]![0]!]!,
    name: products.names[members[s]![0]!]!,
    stage: stageOf(dist[s]!),
    weight: 1,
    includes: members[s]!.map((p) => products.names[p]!),
  }));
  const idOf = new Map(order.map((s, i) => [s, segments[i]!.id]));
  const endName = products.names[end]!;
  const notes = [
    `${S} product${S === 1 ? '' : 's'} reached`,
    ...(keptCount < S ? [`${keptCount} kept (maxSegments ${maxSegments})`] : []),
    ...(left > 0
      ? [`${left} input link${left === 1 ? '' : 's'} left out to keep the feeds acyclic`]
      : []),
  ];
  return {
    id: options.id ?? `${products.ids[end]}-chain`,
    name: options.name ?? `${endName}产业链（上游 ${depth} 层）`,
    description:
      `Extracted from dataset '${dataset.name}': the upstream closure of ${endName} through input_of product links to depth ${depth}` +
      `${options.subcategories ? ', with head-final narrower kinds' : ''}${kinds ? ` (kinds: ${[...kinds].join(', ')})` : ''}; ` +
      `${notes.join('; ')}. Stages by link distance: 0 downstream, ${deepest} upstream, between midstream.`,
    segments,
    feeds: feeds.map(([a, b]) => [idOf.get(a)!, idOf.get(b)!]),
  };
}
