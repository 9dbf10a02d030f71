/**
 * A dated version of the `mini` chain (test/chain/fixture.ts) where firms enter and leave on known
 * dates, for `asOf` and `diffChain` worked by hand (test/time/diff.test.ts). Region 浙江 is the
 * cluster; E, F, J are outside (江苏/常州).
 *
 * company  region     founded   closed      makes (share; membership from/to)
 * A        浙江/宁波  2010                  三元正极 0.6 (to 2019), 电芯 0.3
 * B        浙江/宁波  2012      2018-06-30  电芯 0.5
 * C        浙江/杭州  2016-03               电池包 1
 * D        浙江/湖州  2008                  负极材料 0.5, 石墨 0.5 (from 2019)
 * E        江苏/常州  2005                  锂矿 1
 * F        江苏/常州  2005                  整车 1
 * G        浙江/杭州  2000                  银行服务 1 (no segment)
 * H        浙江/湖州  2017                  锂矿 1
 * J        江苏/常州  2005                  电池包 1
 * K        浙江/杭州  2019                  电池包 1   (J's subsidiary: J → K ownership from 2019)
 * M        浙江/宁波  2020-06               负极材料 0.5
 *
 * relations (weight; from/to): E→A supply 1 (2010 – 2018-12-31), A→B supply 2 (from 2013),
 * D→B supply 1, A→C supply 1 (from 2016), C→F supply 2 (from 2017), H→A supply 1 (from 2018),
 * D→A supply 1 (from 2019), J→K ownership (from 2019), E→K supply 3 (from 2020).
 * A year stands for its end (2016-03 is 2016-03-31, 2019 is 2019-12-31); an end date is the first
 * day without the row.
 */
import type { Dataset } from '../../src/index.js';
import { relationTypeCode } from '../../src/index.js';
import { MINI } from '../chain/fixture.js';

type Row = [id: string, region: string, founded: string, closed: string];
const companies: Row[] = [
  ['A', '浙江/宁波', '2010', ''],
  ['B', '浙江/宁波', '2012', '2018-06-30'],
  ['C', '浙江/杭州', '2016-03', ''],
  ['D', '浙江/湖州', '2008', ''],
  ['E', '江苏/常州', '2005', ''],
  ['F', '江苏/常州', '2005', ''],
  ['G', '浙江/杭州', '2000', ''],
  ['H', '浙江/湖州', '2017', ''],
  ['J', '江苏/常州', '2005', ''],
  ['K', '浙江/杭州', '2019', ''],
  ['M', '浙江/宁波', '2020-06', ''],
];
const memberships: Array<[string, string, number, string, string]> = [
  ['A', '三元正极', 0.6, '', '2019'],
  ['A', '电芯', 0.3, '', ''],
  ['B', '电芯', 0.5, '', ''],
  ['C', '电池包', 1, '', ''],
  ['D', '负极材料', 0.5, '', ''],
  ['D', '石墨', 0.5, '2019', ''],
  ['E', '锂矿', 1, '', ''],
  ['F', '整车', 1, '', ''],
  ['G', '银行服务', 1, '', ''],
  ['H', '锂矿', 1, '', ''],
  ['J', '电池包', 1, '', ''],
  ['K', '电池包', 1, '', ''],
  ['M', '负极材料', 0.5, '', ''],
];
const relations: Array<[string, string, number, 'supply' | 'ownership', string, string]> = [
  ['E', 'A', 1, 'supply', '2010', '2018-12-31'],
  ['A', 'B', 2, 'supply', '2013', ''],
  ['D', 'B', 1, 'supply', '', ''],
  ['A', 'C', 1, 'supply', '2016', ''],
  ['C', 'F', 2, 'supply', '2017', ''],
  ['H', 'A', 1, 'supply', '2018', ''],
  ['D', 'A', 1, 'supply', '2019', ''],
  ['J', 'K', 1, 'ownership', '2019', ''],
  ['E', 'K', 3, 'supply', '2020', ''],
];

export function datedDataset(): Dataset {
  const ids = companies.map((c) => c[0]);
  const at = (id: string) => ids.indexOf(id);
  return {
    name: 'mini-dated',
    companies: {
      ids,
      names: ids.map((id) => `公司${id}`),
      regions: companies.map((c) => c[1]),
      attributes: { founded: companies.map((c) => c[2]), closed: companies.map((c) => c[3]) },
    },
    memberships: {
      company: Int32Array.from(memberships, (m) => at(m[0])),
      segment: memberships.map((m) => m[1]),
      share: Float64Array.from(memberships, (m) => m[2]),
      attributes: { from: memberships.map((m) => m[3]), to: memberships.map((m) => m[4]) },
    },
    relations: {
      source: Int32Array.from(relations, (r) => at(r[0])),
      target: Int32Array.from(relations, (r) => at(r[1])),
      type: Uint8Array.from(relations, (r) => relationTypeCode(r[3])),
      weight: Float64Array.from(relations, (r) => r[2]),
      attributes: { from: relations.map((r) => r[4]), to: relations.map((r) => r[5]) },
    },
    templates: [MINI],
  };
}
