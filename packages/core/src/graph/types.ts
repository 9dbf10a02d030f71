/**
 * The domain tables of a Chainlens dataset, as validated by `@chainlens/io`.
 *
 * Companies are addressed by their index in `CompanyTable` everywhere in the engine; ids are
 * strings (stock codes keep their leading zeros). Relations and memberships are stored as
 * columns (typed arrays for numbers) so that a large dataset costs bytes per row, not objects.
 */

/** The relation types the engine knows, in the order of their numeric codes. */
export const RELATION_TYPES = ['supply', 'collaboration', 'ownership', 'inferred-supply'] as const;
export type RelationType = (typeof RELATION_TYPES)[number];

/** Numeric code of a relation type, as stored in `RelationTable.type`. */
export function relationTypeCode(type: RelationType): number {
  return RELATION_TYPES.indexOf(type);
}

export function isRelationType(value: string): value is RelationType {
  return (RELATION_TYPES as readonly string[]).includes(value);
}

export const STAGES = ['upstream', 'midstream', 'downstream'] as const;
export type Stage = (typeof STAGES)[number];

/** Extra columns of a table, kept as strings (empty string = no value). */
export type AttributeColumns = Record<string, string[]>;

export interface CompanyTable {
  /** Unique, non-empty ids; the position in this array is the company's index. */
  ids: string[];
  names: string[];
  /** Region path such as `浙江/绍兴/柯桥`; empty string when unknown. */
  regions: string[];
  attributes: AttributeColumns;
}

export interface MembershipTable {
  /** Company index (into `CompanyTable`). */
  company: Int32Array;
  /** Segment id, or a product / industry name that template `includes` rules map onto segments. */
  segment: string[];
  /** Share in [0, 1]; NaN when the data gives none (unknown, not zero). */
  share: Float64Array;
  attributes: AttributeColumns;
}

export interface RelationTable {
  /** Company indices; relations are directed source → target (supplier → customer). */
  source: Int32Array;
  target: Int32Array;
  /** Relation type codes: index into `RELATION_TYPES`. */
  type: Uint8Array;
  /** Finite, non-negative weights (1 when the data gives none). */
  weight: Float64Array;
  attributes: AttributeColumns;
}

export interface ChainSegment {
  id: string;
  name: string;
  stage: Stage;
  /** Importance in completeness figures; default 1. */
  weight: number;
  /** Product or industry names this segment gathers (glob: `*` is any run of characters). */
  includes: string[];
  /**
   * Optional industry filter (glob patterns): a company filed under an industry (a membership row
   * of `kind` `industry`) holds the segment only when one of its industries matches, so that a
   * trader or retailer selling the segment's goods under the makers' own names is not taken for
   * a maker. Companies with no industry row are not filtered.
   */
  industries?: string[];
  /**
   * Optional keywords for business-scope text (经营范围) and registry industry names (国标行业,
   * GB/T 4754), found anywhere in a clause: `chainlens import --template` places a firm in the
   * segment when a clause that makes something (生产, 制造, 加工 …) names one of them
   * (packages/io/src/import/scope.ts).
   */
  scope?: string[];
}

/** A chain template: a DAG of segments connected by feeds (input → output). */
export interface ChainTemplate {
  id: string;
  name: string;
  description?: string;
  segments: ChainSegment[];
  feeds: [string, string][];
  /**
   * Optional umbrella words of business-scope text (化学纤维, 纺织品): they place a firm in a
   * segment (through `includes` or `scope`) only when nothing more specific in its 经营范围 does.
   */
  scopeGeneric?: string[];
}

/** A vocabulary of the products and industries that memberships may name. */
export interface ProductTable {
  ids: string[];
  names: string[];
  kinds: string[];
  attributes: AttributeColumns;
}

export const PRODUCT_LINK_TYPES = ['input_of', 'subcategory_of'] as const;
export type ProductLinkType = (typeof PRODUCT_LINK_TYPES)[number];

/** Links between products: `input_of` (input → output) and `subcategory_of` (narrow → broad). */
export interface ProductLinkTable {
  /** Indices into `ProductTable`. */
  source: Int32Array;
  target: Int32Array;
  type: ProductLinkType[];
  weight: Float64Array;
}

/** A validated dataset: what `@chainlens/io` hands to the engine. */
export interface Dataset {
  name: string;
  companies: CompanyTable;
  memberships: MembershipTable;
  relations: RelationTable;
  templates: ChainTemplate[];
  products?: ProductTable;
  productLinks?: ProductLinkTable;
  /** Set when the tables are the dataset as of a date (time/as-of.ts `asOf`). */
  asOf?: AsOfInfo;
}

/** What `asOf` records on the dataset it returns (report.json's `dataset.asOf`). */
export interface AsOfInfo {
  /** The date as a full ISO date (`2015` → `2015-12-31`). */
  date: string;
  /** Rows of the whole dataset with a start or end date, per table. */
  dated: { companies: number; memberships: number; relations: number };
  /** Rows of the whole dataset before filtering, per table. */
  total: { companies: number; memberships: number; relations: number };
}

/** Number of companies in a dataset. */
export function companyCount(dataset: Dataset): number {
  return dataset.companies.ids.length;
}

const companyIndexes = new WeakMap<
  readonly string[],
  { length: number; index: Map<string, number> }
>();

/**
 * A map from company id to company index, for look-ups by id. Built once per id column and
 * kept (a national table's 5M-entry map takes seconds): the tables are not changed once read;
 * a column that has grown since is indexed anew. Do not modify the returned map.
 */
export function companyIndex(companies: CompanyTable): Map<string, number> {
  const ids = companies.ids;
  const kept = companyIndexes.get(ids);
  if (kept && kept.length === ids.length) return kept.index;
  const index = new Map<string, number>();
  ids.forEach((id, i) => index.set(id, i));
  companyIndexes.set(ids, { length: ids.length, index });
  return index;
}

/** An empty membership table, for datasets (such as bare edge lists) without one. */
export function emptyMemberships(): MembershipTable {
  return { company: new Int32Array(0), segment: [], share: new Float64Array(0), attributes: {} };
}

/**
 * Sets an own, enumerable property, even for keys such as `__proto__` that plain assignment
 * would treat as the prototype: column names come from data files.
 */
export function setOwn<T>(target: Record<string, T>, key: string, value: T): void {
  Object.defineProperty(target, key, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}
