/**
 * The national generator's (national.ts) options and input shapes, its relation batches and type
 * codes, the word lists its names are made of, and its bucket search helpers.
 */

import type { ChainHints } from './national-clusters.js';

/** A leaf region: an administrative code (used inside ids) and its path. */
export interface RegionEntry {
  code: string;
  path: string;
}

/** The part of a chain template the generator needs. */
export interface TemplateShape {
  id: string;
  segments: { id: string; stage: string; name?: string; includes?: string[] }[];
  feeds: [string, string][];
}

export interface NationalOptions {
  /** Number of companies (≥ 10). */
  companies: number;
  /** PRNG seed (any 32-bit integer). */
  seed: number;
  /** Leaf regions (`省/市/县` or `省/市`). */
  regions: RegionEntry[];
  /** Chain templates whose segments companies belong to (at least one segment). */
  templates: TemplateShape[];
  /** Weight of each city (`省/市`) when drawing regions; 1 + its count here, floor 1. */
  cityWeight?: Map<string, number>;
  /** Mean relations per company (all types). Default 10. */
  relationsPerCompany?: number;
  /** Probability that a customer is drawn in the supplier's city. Default 0.45. */
  sameCity?: number;
  /** Probability that a customer is drawn in the supplier's province (else anywhere). Default 0.2. */
  sameProvince?: number;
  /** Probability that supply follows a feed of the template. Default 0.85. */
  alongFeeds?: number;
  /** Listed companies per template, city and segment (national-clusters.ts); drawn when absent. */
  chainHints?: ChainHints;
  /** A company belongs to a hinted chain with probability density · a_t(c) / w(c). Default 1. */
  density?: number;
  /** Probability scale of an unhinted segment in a hinted city (× a/(a+10)). Default 0.5. */
  spill?: number;
  /** Membership probability of a chain a city holds thinly. Default 0.002. */
  thin?: number;
  /** Probability that a city without hints holds a chain thinly. Default 0.35. */
  thinCities?: number;
  /** Size of the 链主 of a hinted (city, chain): min(2000, leader · (1 + a_t(c))). Default 40. */
  leader?: number;
  /** Probability of a second membership. Default 0.3. */
  second?: number;
  /** Share of memberships without a share. Default 0.15. */
  unknownShare?: number;
  /** Probability that a company has a parent (ownership). Default 0.35. */
  owned?: number;
  /** Mean collaborations per company. Default 0.9. */
  collaborations?: number;
}

/** Relation type codes of a batch, as in `@chainlens/core`'s RELATION_TYPES. */
export const SUPPLY = 0;

export const COLLABORATION = 1;

export const OWNERSHIP = 2;

export const TYPE_NAMES = ['supply', 'collaboration', 'ownership'] as const;

/** A batch of relation rows as columns (`length` rows are valid). */
export interface RelationBatch {
  length: number;
  source: Int32Array;
  target: Int32Array;
  type: Uint8Array;
  /** Weight in hundredths (weight = cents / 100, exactly the double that `x.yz` parses to). */
  cents: Int32Array;
}

export const ID_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'; // USCC characters (no I, O, S, V, Z)

export const NAME_CHARS =
  '恒达华盛鑫源泰丰瑞隆宏信诚远通利新天博润金昌永嘉兴安康德正中宇科合创联明辉东方海鹏飞云龙腾祥凯越';

export const BUSINESS = [
  '科技',
  '材料',
  '电子',
  '机械',
  '化工',
  '新能源',
  '精密',
  '实业',
  '智能',
  '装备',
  '半导体',
  '光电',
];

export const SUFFIX = ['有限公司', '股份有限公司', '集团有限公司', '有限责任公司'];

export const STAGE_WEIGHT: Record<string, number> = { upstream: 1, midstream: 1.5, downstream: 2 };

/** A list of lists in one typed array (CSR), filled by counting sort. */
export interface Buckets {
  offsets: Int32Array;
  items: Int32Array;
  /** Cumulative size of the companies in a bucket, from its start. */
  cum: Float64Array;
}

export function check(o: NationalOptions): void {
  if (!Number.isSafeInteger(o.companies) || o.companies < 10 || o.companies > 100_000_000)
    throw new RangeError('companies must be an integer in [10, 100,000,000]');
  if (!Number.isSafeInteger(o.seed)) throw new RangeError('seed must be an integer');
  if (o.regions.length === 0) throw new RangeError('no regions');
  if (!o.templates.some((t) => t.segments.length > 0)) throw new RangeError('no segments');
}

/** Binary search: first p in [a, b) with cum[p] > r (cum ascending). */
export function firstAbove(cum: Float64Array, a: number, b: number, r: number): number {
  let lo = a;
  let hi = b - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid]! > r) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
