/**
 * A small hand-built chain and cluster on which every chain figure can be worked out by hand.
 *
 * Template `mini` (weights in brackets):
 *
 *     ore [1] ──► cathode [2] ──► cell [2] ──► pack [1] ──► ev [2]
 *                                  ▲
 *     graphite [1] ──► anode [1] ──┘
 *
 * stages: ore, graphite upstream; cathode, anode, cell midstream; pack, ev downstream.
 * Source-to-sink paths: ore→cathode→cell→pack→ev and graphite→anode→cell→pack→ev (2).
 *
 * Companies (region): A 浙江/宁波 makes 三元正极 (cathode, share 0.6) and 电芯 (cell, 0.3);
 * B 浙江/宁波 makes 电芯 (cell, 0.9); C 浙江/杭州 makes 电池包 (pack, share unknown);
 * D 浙江/湖州 makes 负极材料 (anode, 0.5); E 江苏/常州 makes 锂矿 (ore, 1);
 * F 江苏/常州 makes 整车 (ev, 1); G 浙江/杭州 makes 银行服务 (no segment).
 * Cluster 浙江 = {A, B, C, D, G}: n = ore 0, graphite 0, cathode 1, anode 1, cell 2, pack 1, ev 0.
 *
 * Supply relations (supplier → customer, weight): E→A 1 (ore), A→B 2 (cathode), D→B 1 (anode),
 * B→C 3 (cell), A→C 1 (cell), C→F 2 (pack), G→B 0.5 (inferred-supply: a bank "supplies" B).
 */
import type { ChainTemplate, Dataset } from '../../src/index.js';
import { relationTypeCode } from '../../src/index.js';

export const MINI: ChainTemplate = {
  id: 'mini',
  name: 'mini battery chain',
  segments: [
    { id: 'ore', name: '锂矿', stage: 'upstream', weight: 1, includes: ['锂矿'] },
    { id: 'graphite', name: '石墨', stage: 'upstream', weight: 1, includes: ['石墨'] },
    { id: 'cathode', name: '正极材料', stage: 'midstream', weight: 2, includes: ['*正极'] },
    { id: 'anode', name: '负极材料', stage: 'midstream', weight: 1, includes: ['负极*'] },
    { id: 'cell', name: '电芯', stage: 'midstream', weight: 2, includes: ['电芯'] },
    { id: 'pack', name: '电池包', stage: 'downstream', weight: 1, includes: ['电池包'] },
    { id: 'ev', name: '整车', stage: 'downstream', weight: 2, includes: ['整车'] },
  ],
  feeds: [
    ['ore', 'cathode'],
    ['graphite', 'anode'],
    ['cathode', 'cell'],
    ['anode', 'cell'],
    ['cell', 'pack'],
    ['pack', 'ev'],
  ],
};

const ids = ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
const memberships: Array<[string, string, number]> = [
  ['A', '三元正极', 0.6],
  ['A', '电芯', 0.3],
  ['B', '电芯', 0.9],
  ['C', '电池包', NaN],
  ['D', '负极材料', 0.5],
  ['E', '锂矿', 1],
  ['F', '整车', 1],
  ['G', '银行服务', 1],
];
const relations: Array<[string, string, number, 'supply' | 'inferred-supply']> = [
  ['E', 'A', 1, 'supply'],
  ['A', 'B', 2, 'supply'],
  ['D', 'B', 1, 'supply'],
  ['B', 'C', 3, 'supply'],
  ['A', 'C', 1, 'supply'],
  ['C', 'F', 2, 'supply'],
  ['G', 'B', 0.5, 'inferred-supply'],
];

export function miniDataset(): Dataset {
  const at = (id: string) => ids.indexOf(id);
  return {
    name: 'mini',
    companies: {
      ids,
      names: ids.map((id) => `公司${id}`),
      regions: [
        '浙江/宁波',
        '浙江/宁波',
        '浙江/杭州',
        '浙江/湖州',
        '江苏/常州',
        '江苏/常州',
        '浙江/杭州',
      ],
      attributes: {},
    },
    memberships: {
      company: Int32Array.from(memberships, (m) => at(m[0])),
      segment: memberships.map((m) => m[1]),
      share: Float64Array.from(memberships, (m) => m[2]),
      attributes: {},
    },
    relations: {
      source: Int32Array.from(relations, (r) => at(r[0])),
      target: Int32Array.from(relations, (r) => at(r[1])),
      type: Uint8Array.from(relations, (r) => relationTypeCode(r[3])),
      weight: Float64Array.from(relations, (r) => r[2]),
      attributes: {},
    },
    templates: [MINI],
  };
}
