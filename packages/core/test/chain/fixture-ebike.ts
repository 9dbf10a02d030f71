/**
 * A second hand-built chain, richer than `fixture.ts`, on which weak links, missing roles,
 * input gaps, leaders, targets, the portfolio and related segments are worked out by hand in
 * the tests. Every status, every weak-link kind, a doubled edge and a multi-segment candidate
 * occur in it.
 *
 * Template `ebike` (weights in brackets), feeds input → output:
 *
 *     steel [1] ──► frame [2] ─────┐
 *     cell [1] ──► battery [2] ────┤
 *     motor [1] ───────────────────┼──► bike [2] ──► rental [1]
 *     saddle [1] ──────────────────┤
 *     paint [1] ──► coating [1] ───┘
 *
 * Σ w = 13. Stages: steel, cell, motor, saddle, paint upstream; frame, battery, coating
 * midstream; bike, rental downstream. Source-to-sink paths: 5 (one per source), all ending at
 * rental.
 *
 * Companies. Cluster 浙江 (11): C1 电芯 1 (cell); M1, M2, M3 电机 (motor, share unknown);
 * M4 电机总成 (motor via `电机*`, unknown); Q1 坐垫 0.7 (saddle) + 电机 0.3 (motor);
 * F1 车架 0.8, F2 车架 0.2 (frame); B1 整车 0.5, B2 整车 0.5 (bike); X 银行服务 (no segment).
 * Outside, 江苏 (12): S1 钢材 1 (steel); S2 钢材 0.6 + 车架 0.4 (steel, frame); C9 电芯 1 (cell);
 * M9 电机 1 (motor); Q9 坐垫 1 (saddle); P1 油漆 0.5 + 涂装 0.5 (paint, coating); F9 车架 1
 * (frame); E1 电池组 1 (battery); E2 电池组 0.6 + 电芯 0.3 + 租赁 0.1 (battery, cell, rental);
 * K1 涂装 0.6 + 车架 0.4 (coating, frame); B9 整车 0.8 + 租赁 0.2 (bike, rental); R1 租赁 1
 * (rental).
 *
 * n_s in 浙江: steel 0, cell 1, motor 5, saddle 1, paint 0, frame 2, battery 0, coating 0,
 * bike 2, rental 0.
 *
 * Relations (row: supplier → customer, weight, type; S = supply, I = inferred-supply):
 *   r0 M1→B1 1 S    r1 M2→B1 1 S    r2 M2→B2 1 S    r3 M3→B2 1 I    r4 M4→B1 1 S
 *   r5 C1→M4 1 I    r6 F1→B1 2 S    r7 F1→B2 1 S    r8 F2→B2 1 S    r9 F2→B2 1 I (doubles r8)
 *   r10 X→B1 0.5 I (the bank)
 *   r11 S1→F1 1 S   r12 S1→F2 1 I   r13 S2→F2 1 S   r14 E1→B1 1 S   r15 E1→B2 1 S
 *   r16 E2→B2 1 I   r17 M9→B2 1 I   r18 Q9→B1 1 S   r19 Q9→B2 1 S   r20 Q1→B9 1 S
 *   r21 C1→E1 1 S   r22 C9→E1 1 S   r23 B1→R1 1 S   r24 B2→R1 1 S   r25 K1→B9 1 S
 *   r26 E1→C1 collaboration   r27 F9→B2 1 I   r28 K1→F2 1 I
 *
 * The cluster's chain supply view (chain firms of 浙江, X left out; rows r0–r9), undirected:
 *
 *     M1 ─ B1 ─ M4 ─ C1          Q1 (no local link)
 *          │ ╲
 *         F1  M2
 *          │ ╱
 *     M3 ─ B2 ═ F2               (═ : r8 and r9, a doubled edge)
 *
 * i.e. the cycle B1–M2–B2–F1–B1 with pendants M1 (on B1), M4–C1 (on B1), M3 and F2 (on B2).
 */
import type { ChainTemplate, Dataset } from '../../src/index.js';
import { relationTypeCode } from '../../src/index.js';

export const EBIKE: ChainTemplate = {
  id: 'ebike',
  name: 'e-bike chain',
  segments: [
    { id: 'steel', name: '钢材', stage: 'upstream', weight: 1, includes: ['钢材'] },
    { id: 'cell', name: '电芯', stage: 'upstream', weight: 1, includes: ['电芯'] },
    { id: 'motor', name: '电机', stage: 'upstream', weight: 1, includes: ['电机*'] },
    { id: 'saddle', name: '坐垫', stage: 'upstream', weight: 1, includes: ['坐垫'] },
    { id: 'paint', name: '油漆', stage: 'upstream', weight: 1, includes: ['油漆'] },
    { id: 'frame', name: '车架', stage: 'midstream', weight: 2, includes: ['车架'] },
    { id: 'battery', name: '电池组', stage: 'midstream', weight: 2, includes: ['电池组'] },
    { id: 'coating', name: '涂装', stage: 'midstream', weight: 1, includes: ['涂装'] },
    { id: 'bike', name: '整车', stage: 'downstream', weight: 2, includes: ['整车'] },
    { id: 'rental', name: '租赁', stage: 'downstream', weight: 1, includes: ['租赁'] },
  ],
  feeds: [
    ['steel', 'frame'],
    ['cell', 'battery'],
    ['paint', 'coating'],
    ['frame', 'bike'],
    ['battery', 'bike'],
    ['motor', 'bike'],
    ['saddle', 'bike'],
    ['coating', 'bike'],
    ['bike', 'rental'],
  ],
};

const companies: Array<[string, string]> = [
  ['C1', '浙江/宁波'],
  ['M1', '浙江/台州'],
  ['M2', '浙江/台州'],
  ['M3', '浙江/台州'],
  ['M4', '浙江/台州'],
  ['Q1', '浙江/金华'],
  ['F1', '浙江/金华'],
  ['F2', '浙江/金华'],
  ['B1', '浙江/杭州'],
  ['B2', '浙江/杭州'],
  ['X', '浙江/杭州'],
  ['S1', '江苏/无锡'],
  ['S2', '江苏/无锡'],
  ['C9', '江苏/常州'],
  ['M9', '江苏/常州'],
  ['Q9', '江苏/常州'],
  ['P1', '江苏/苏州'],
  ['F9', '江苏/苏州'],
  ['E1', '江苏/常州'],
  ['E2', '江苏/常州'],
  ['K1', '江苏/苏州'],
  ['B9', '江苏/南京'],
  ['R1', '江苏/南京'],
];
const ids = companies.map((c) => c[0]);

const memberships: Array<[string, string, number]> = [
  ['C1', '电芯', 1],
  ['M1', '电机', NaN],
  ['M2', '电机', NaN],
  ['M3', '电机', NaN],
  ['M4', '电机总成', NaN],
  ['Q1', '坐垫', 0.7],
  ['Q1', '电机', 0.3],
  ['F1', '车架', 0.8],
  ['F2', '车架', 0.2],
  ['B1', '整车', 0.5],
  ['B2', '整车', 0.5],
  ['X', '银行服务', 1],
  ['S1', '钢材', 1],
  ['S2', '钢材', 0.6],
  ['S2', '车架', 0.4],
  ['C9', '电芯', 1],
  ['M9', '电机', 1],
  ['Q9', '坐垫', 1],
  ['P1', '油漆', 0.5],
  ['P1', '涂装', 0.5],
  ['F9', '车架', 1],
  ['E1', '电池组', 1],
  ['E2', '电池组', 0.6],
  ['E2', '电芯', 0.3],
  ['E2', '租赁', 0.1],
  ['K1', '涂装', 0.6],
  ['K1', '车架', 0.4],
  ['B9', '整车', 0.8],
  ['B9', '租赁', 0.2],
  ['R1', '租赁', 1],
];

type Kind = 'supply' | 'inferred-supply' | 'collaboration';
const S: Kind = 'supply';
const I: Kind = 'inferred-supply';
export const EBIKE_RELATIONS: Array<[string, string, number, Kind]> = [
  ['M1', 'B1', 1, S], // r0
  ['M2', 'B1', 1, S], // r1
  ['M2', 'B2', 1, S], // r2
  ['M3', 'B2', 1, I], // r3
  ['M4', 'B1', 1, S], // r4
  ['C1', 'M4', 1, I], // r5
  ['F1', 'B1', 2, S], // r6
  ['F1', 'B2', 1, S], // r7
  ['F2', 'B2', 1, S], // r8
  ['F2', 'B2', 1, I], // r9
  ['X', 'B1', 0.5, I], // r10
  ['S1', 'F1', 1, S], // r11
  ['S1', 'F2', 1, I], // r12
  ['S2', 'F2', 1, S], // r13
  ['E1', 'B1', 1, S], // r14
  ['E1', 'B2', 1, S], // r15
  ['E2', 'B2', 1, I], // r16
  ['M9', 'B2', 1, I], // r17
  ['Q9', 'B1', 1, S], // r18
  ['Q9', 'B2', 1, S], // r19
  ['Q1', 'B9', 1, S], // r20
  ['C1', 'E1', 1, S], // r21
  ['C9', 'E1', 1, S], // r22
  ['B1', 'R1', 1, S], // r23
  ['B2', 'R1', 1, S], // r24
  ['K1', 'B9', 1, S], // r25
  ['E1', 'C1', 1, 'collaboration'], // r26
  ['F9', 'B2', 1, I], // r27
  ['K1', 'F2', 1, I], // r28
];

export function ebikeDataset(): Dataset {
  const at = (id: string) => {
    const i = ids.indexOf(id);
    if (i < 0) throw new Error(`fixture: unknown company ${id}`);
    return i;
  };
  return {
    name: 'ebike',
    companies: {
      ids,
      names: ids.map((id) => `公司${id}`),
      regions: companies.map((c) => c[1]),
      attributes: {},
    },
    memberships: {
      company: Int32Array.from(memberships, (m) => at(m[0])),
      segment: memberships.map((m) => m[1]),
      share: Float64Array.from(memberships, (m) => m[2]),
      attributes: {},
    },
    relations: {
      source: Int32Array.from(EBIKE_RELATIONS, (r) => at(r[0])),
      target: Int32Array.from(EBIKE_RELATIONS, (r) => at(r[1])),
      type: Uint8Array.from(EBIKE_RELATIONS, (r) => relationTypeCode(r[3])),
      weight: Float64Array.from(EBIKE_RELATIONS, (r) => r[2]),
      attributes: {},
    },
    templates: [EBIKE],
  };
}
