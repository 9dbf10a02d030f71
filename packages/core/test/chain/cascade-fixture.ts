/**
 * A hand-built three-tier chain for cascades, criticality, dominators, resilience and what-if;
 * every figure of the tests that use it is worked out from this comment.
 *
 * Template `tiers` (weights in brackets), 4 feeds, Σw = 6:
 *
 *     ore [1] ──► metal [1] ──► part [2] ──► product [1]
 *                                 ▲
 *     coating [1] ────────────────┘
 *
 * stages: ore, coating upstream; metal, part midstream; product downstream. Memberships name
 * the segment ids directly (no `includes`). Two source-to-sink paths.
 *
 * Companies (ids sort in this order; all in region 甲/一 except X and Y in 乙):
 *   B   银行 (no segment)          C1  coating 1.0          M1  metal 0.5
 *   M2  metal 0.3                  O1  ore 0.6              O2  ore 0.4
 *   P1  part 0.7                   P2  part 0.3             Q1  product 0.5
 *   Q2  product 0.5                V   metal 0.2 and part (share unknown): vertically integrated
 *   X   metal 1.0 (outside)        Y   coating 0.8 (outside)
 * Cluster 甲 = everyone but X, Y: n = ore 2 (O1 O2), metal 3 (M1 M2 V), coating 1 (C1),
 * part 3 (P1 P2 V), product 2 (Q1 Q2). Chain firms: all of them but B (10).
 *
 * Supply relations (supplier → customer, weight; 's' supply, 'i' inferred-supply), row numbers:
 *    0 O1→M1 3 s     1 O2→M1 1 s     2 O2→M2 2 i     3 O1→V 1 s      4 M2→V 1 s
 *    5 M1→P1 1 s     6 M2→P1 1 s     7 C1→P1 1 s     8 M2→P2 2 s     9 X→P2 2 i
 *   10 C1→P2 1 s    11 P1→Q1 1 s    12 B→P1 0.5 i
 *
 * Needs (firm, input segment: suppliers with weight), θ-independent, inHouse on:
 *   M1 ore: O1 3, O2 1 (total 4)        M2 ore: O2 2
 *   V  ore: O1 1 (V holds metal, so its part needs no metal from outside: M2→V is unused;
 *        it has no coating supplier, so coating is no need)
 *   P1 metal: M1 1, M2 1 (2); P1 coating: C1 1 (B holds no segment: B→P1 is unused)
 *   P2 metal: M2 2, X 2 (4); P2 coating: C1 1
 *   Q1 part: P1 1                       Q2: no supplier at all → no need
 * Rows used by the cascade: all but 4 and 12 → 11, of which inferred 2 (rows 2, 9).
 * The cluster's supply view (both ends in 甲): all rows but 9 → 12, inferred 2 (rows 2, 12).
 */
import type { ChainTemplate, Dataset } from '../../src/index.js';
import { relationTypeCode } from '../../src/index.js';

export const TIERS: ChainTemplate = {
  id: 'tiers',
  name: 'three tiers',
  segments: [
    { id: 'ore', name: '矿', stage: 'upstream', weight: 1, includes: [] },
    { id: 'metal', name: '金属', stage: 'midstream', weight: 1, includes: [] },
    { id: 'coating', name: '涂层', stage: 'upstream', weight: 1, includes: [] },
    { id: 'part', name: '零件', stage: 'midstream', weight: 2, includes: [] },
    { id: 'product', name: '产品', stage: 'downstream', weight: 1, includes: [] },
  ],
  feeds: [
    ['ore', 'metal'],
    ['metal', 'part'],
    ['coating', 'part'],
    ['part', 'product'],
  ],
};

export const TIER_IDS = ['B', 'C1', 'M1', 'M2', 'O1', 'O2', 'P1', 'P2', 'Q1', 'Q2', 'V', 'X', 'Y'];

const memberships: Array<[string, string, number]> = [
  ['B', '银行', 1],
  ['C1', 'coating', 1],
  ['M1', 'metal', 0.5],
  ['M2', 'metal', 0.3],
  ['O1', 'ore', 0.6],
  ['O2', 'ore', 0.4],
  ['P1', 'part', 0.7],
  ['P2', 'part', 0.3],
  ['Q1', 'product', 0.5],
  ['Q2', 'product', 0.5],
  ['V', 'metal', 0.2],
  ['V', 'part', NaN],
  ['X', 'metal', 1],
  ['Y', 'coating', 0.8],
];

export const TIER_RELATIONS: Array<[string, string, number, 'supply' | 'inferred-supply']> = [
  ['O1', 'M1', 3, 'supply'],
  ['O2', 'M1', 1, 'supply'],
  ['O2', 'M2', 2, 'inferred-supply'],
  ['O1', 'V', 1, 'supply'],
  ['M2', 'V', 1, 'supply'],
  ['M1', 'P1', 1, 'supply'],
  ['M2', 'P1', 1, 'supply'],
  ['C1', 'P1', 1, 'supply'],
  ['M2', 'P2', 2, 'supply'],
  ['X', 'P2', 2, 'inferred-supply'],
  ['C1', 'P2', 1, 'supply'],
  ['P1', 'Q1', 1, 'supply'],
  ['B', 'P1', 0.5, 'inferred-supply'],
];

/** The dataset; `weights` overrides relation weights by row. */
export function tiersDataset(weights: Record<number, number> = {}): Dataset {
  const at = (id: string) => TIER_IDS.indexOf(id);
  return {
    name: 'tiers',
    companies: {
      ids: TIER_IDS,
      names: TIER_IDS.map((id) => `公司${id}`),
      regions: TIER_IDS.map((id) => (id === 'X' || id === 'Y' ? '乙' : '甲/一')),
      attributes: {},
    },
    memberships: {
      company: Int32Array.from(memberships, (m) => at(m[0])),
      segment: memberships.map((m) => m[1]),
      share: Float64Array.from(memberships, (m) => m[2]),
      attributes: {},
    },
    relations: {
      source: Int32Array.from(TIER_RELATIONS, (r) => at(r[0])),
      target: Int32Array.from(TIER_RELATIONS, (r) => at(r[1])),
      type: Uint8Array.from(TIER_RELATIONS, (r) => relationTypeCode(r[3])),
      weight: Float64Array.from(TIER_RELATIONS, (r, i) => weights[i] ?? r[2]),
      attributes: {},
    },
    templates: [TIERS],
  };
}
