/**
 * The canonical order of a dataset's rows, so that no result depends on the order of the
 * input files: the loaders (`@chainlens/io`'s `loadDataset` / `loadEdgeList`, and
 * `@chainlens/scale`'s streaming ingest) call `canonicalDataset` once, after validation and
 * before anything else sees the tables. Every index-based step downstream (Louvain's seeded
 * node order, resilience's random removal orders, sampled betweenness sources, tie-breaks by
 * index, sums over parallel relations) then sees the same tables for the same data.
 *
 * - companies: by id, in code-unit order (ids are unique);
 * - products: by id, likewise;
 * - memberships: by (company index, segment, share, extra columns left to right);
 * - relations: by (source index, target index, type code, weight, extra columns left to right);
 * - product links: by (source index, target index, type, weight).
 *
 * Numbers are compared in a total order: −0 before +0, NaN last. Rows equal in every column
 * are indistinguishable, so their order does not matter. Templates keep the manifest's order
 * (that is no row order), as do the columns.
 *
 * Cost: a comparison sort of the ids (O(n log n)); memberships, relations and product links
 * by two counting sorts (O(n + m)) and a comparison sort of each run of rows with the same
 * ends. A table already in canonical order is checked in one pass and kept as it is.
 */
import type {
  AttributeColumns,
  CompanyTable,
  Dataset,
  MembershipTable,
  ProductLinkTable,
  ProductTable,
  RelationTable,
} from './types.js';

/** Code-unit order of strings (that of `Array.prototype.sort` without a comparator). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A total order of numbers: −0 before +0, NaN after every number. */
function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return Object.is(a, b) ? 0 : Object.is(a, -0) ? -1 : 1;
  const na = a !== a;
  return na === (b !== b) ? 0 : na ? 1 : -1;
}

function compareAttributes(columns: string[][], i: number, j: number): number {
  for (const c of columns) {
    const d = compareText(c[i]!, c[j]!);
    if (d !== 0) return d;
  }
  return 0;
}

/** The order of a unique id column (positions, smallest id first); undefined if sorted. */
function idOrder(ids: readonly string[]): Int32Array | undefined {
  let sorted = true;
  for (let i = 1; i < ids.length && sorted; i++) sorted = ids[i - 1]! < ids[i]!;
  if (sorted) return undefined;
  const order = Array.from({ length: ids.length }, (_, i) => i);
  order.sort((a, b) => compareText(ids[a]!, ids[b]!));
  return Int32Array.from(order);
}

/** rank[old position] = new position, for an order from `idOrder`. */
function rankOf(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
  return rank;
}

/** The rows `order` names, in that order (also a subset: time/as-of.ts keeps the valid rows). */
export function permute<T>(column: readonly T[], order: Int32Array): T[] {
  const out = new Array<T>(order.length);
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]!]!;
  return out;
}

/** A typed column in the given order, one column at a time (fewer cache misses). */
export function gather<T extends Int32Array | Uint8Array | Float64Array>(
  column: T,
  order: Int32Array,
): T {
  const out = new (column.constructor as new (length: number) => T)(order.length);
  for (let i = 0; i < order.length; i++) out[i] = column[order[i]!]!;
  return out;
}

export function permuteAttributes(
  attributes: AttributeColumns,
  order: Int32Array,
): AttributeColumns {
  const out: AttributeColumns = {};
  for (const key of Object.keys(attributes)) {
    Object.defineProperty(out, key, {
      value: permute(attributes[key]!, order),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return out;
}

/** Index keys read through `rank` (the new index of an old one) when there is one. */
function ranked(keys: Int32Array, rank: Int32Array | undefined): Int32Array {
  if (!rank) return keys;
  const out = new Int32Array(keys.length);
  for (let k = 0; k < keys.length; k++) out[k] = rank[keys[k]!]!;
  return out;
}

/** Positions 0..m−1 (or those of `input`, in its order) stably sorted by key (keys in [0, n)). */
function countingSort(key: Int32Array, n: number, input: Int32Array | undefined): Int32Array {
  const m = key.length;
  const count = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) count[key[k]! + 1]!++;
  for (let v = 0; v < n; v++) count[v + 1]! += count[v]!;
  const out = new Int32Array(m);
  if (input) {
    for (let p = 0; p < m; p++) {
      const k = input[p]!;
      out[count[key[k]!]!++] = k;
    }
  } else {
    for (let k = 0; k < m; k++) out[count[key[k]!]!++] = k;
  }
  return out;
}

/** Rows in canonical order: `order[k]` is the old row of row k; the keys in that order. */
interface RowOrder {
  order: Int32Array;
  first: Int32Array;
  second: Int32Array | undefined;
}

/**
 * The order of the rows by (first, second?, tie), keys of `first` and `second` in [0, n):
 * undefined when the rows are in that order already.
 */
function rowOrder(
  n: number,
  first: Int32Array,
  second: Int32Array | undefined,
  tie: (i: number, j: number) => number,
): RowOrder | undefined {
  const m = first.length;
  let sorted = true;
  for (let k = 1; k < m && sorted; k++) {
    const d = first[k - 1]! - first[k]! || (second ? second[k - 1]! - second[k]! : 0);
    sorted = d < 0 || (d === 0 && tie(k - 1, k) <= 0);
  }
  if (sorted) return undefined;
  // Stable counting sorts: by the second key, then by the first.
  const order = countingSort(first, n, second && countingSort(second, n, undefined));
  // The keys in that order (read sequentially below: random reads cost a cache miss each).
  const firstSorted = gather(first, order);
  const secondSorted = second && gather(second, order);
  // Rows with the same keys: by the remaining columns.
  for (let start = 0; start < m;) {
    let end = start + 1;
    const f = firstSorted[start]!;
    if (secondSorted) {
      const g = secondSorted[start]!;
      while (end < m && firstSorted[end] === f && secondSorted[end] === g) end++;
    } else {
      while (end < m && firstSorted[end] === f) end++;
    }
    if (end - start > 1) order.subarray(start, end).sort(tie);
    start = end;
  }
  return { order, first: firstSorted, second: secondSorted };
}

function canonicalCompanies(companies: CompanyTable, order: Int32Array): CompanyTable {
  return {
    ids: permute(companies.ids, order),
    names: permute(companies.names, order),
    regions: permute(companies.regions, order),
    attributes: permuteAttributes(companies.attributes, order),
  };
}

function canonicalMemberships(
  t: MembershipTable,
  n: number,
  rank: Int32Array | undefined,
): MembershipTable {
  const company = ranked(t.company, rank);
  const extras = Object.values(t.attributes);
  const rows = rowOrder(
    n,
    company,
    undefined,
    (i, j) =>
      compareText(t.segment[i]!, t.segment[j]!) ||
      compareNumbers(t.share[i]!, t.share[j]!) ||
      compareAttributes(extras, i, j),
  );
  if (!rows) return rank ? { ...t, company } : t;
  const { order } = rows;
  return {
    company: rows.first,
    segment: permute(t.segment, order),
    share: gather(t.share, order),
    attributes: permuteAttributes(t.attributes, order),
  };
}

function canonicalRelations(
  t: RelationTable,
  n: number,
  rank: Int32Array | undefined,
): RelationTable {
  const source = ranked(t.source, rank);
  const target = ranked(t.target, rank);
  const extras = Object.values(t.attributes);
  const rows = rowOrder(
    n,
    source,
    target,
    (i, j) =>
      t.type[i]! - t.type[j]! ||
      compareNumbers(t.weight[i]!, t.weight[j]!) ||
      compareAttributes(extras, i, j),
  );
  if (!rows) return rank ? { ...t, source, target } : t;
  const { order } = rows;
  return {
    source: rows.first,
    target: rows.second!,
    type: gather(t.type, order),
    weight: gather(t.weight, order),
    attributes: permuteAttributes(t.attributes, order),
  };
}

function canonicalProducts(products: ProductTable, order: Int32Array): ProductTable {
  return {
    ids: permute(products.ids, order),
    names: permute(products.names, order),
    kinds: permute(products.kinds, order),
    attributes: permuteAttributes(products.attributes, order),
  };
}

function canonicalProductLinks(
  t: ProductLinkTable,
  n: number,
  rank: Int32Array | undefined,
): ProductLinkTable {
  const source = ranked(t.source, rank);
  const target = ranked(t.target, rank);
  const rows = rowOrder(
    n,
    source,
    target,
    (i, j) => compareText(t.type[i]!, t.type[j]!) || compareNumbers(t.weight[i]!, t.weight[j]!),
  );
  if (!rows) return rank ? { ...t, source, target } : t;
  const { order } = rows;
  return {
    source: rows.first,
    target: rows.second!,
    type: permute(t.type, order),
    weight: gather(t.weight, order),
  };
}

/** Whether a dataset's tables are in canonical order (see the module comment). */
export function isCanonical(dataset: Dataset): boolean {
  const canonical = canonicalDataset(dataset);
  return (
    canonical.companies === dataset.companies &&
    canonical.memberships === dataset.memberships &&
    canonical.relations === dataset.relations &&
    canonical.products === dataset.products &&
    canonical.productLinks === dataset.productLinks
  );
}

/**
 * The dataset with its rows in canonical order (see the module comment): the same data in any
 * row order gives the same tables. Tables already in that order are kept (the same objects);
 * the input is not modified. Company and product indices change with the order: call it
 * before anything holds an index.
 */
export function canonicalDataset(dataset: Dataset): Dataset {
  const n = dataset.companies.ids.length;
  const order = idOrder(dataset.companies.ids);
  const rank = order && rankOf(order);
  const out: Dataset = {
    ...dataset,
    companies: order ? canonicalCompanies(dataset.companies, order) : dataset.companies,
    memberships: canonicalMemberships(dataset.memberships, n, rank),
    relations: canonicalRelations(dataset.relations, n, rank),
  };
  if (dataset.products) {
    const p = dataset.products.ids.length;
    const productOrder = idOrder(dataset.products.ids);
    if (productOrder) out.products = canonicalProducts(dataset.products, productOrder);
    if (dataset.productLinks) {
      out.productLinks = canonicalProductLinks(
        dataset.productLinks,
        p,
        productOrder && rankOf(productOrder),
      );
    }
  }
  return out;
}
