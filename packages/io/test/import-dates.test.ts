/**
 * The registry import's dates (docs/time.md): 成立日期 → `founded`, 注销日期 / 吊销日期 →
 * `closed`. A firm no longer operating is kept when its closing day is known (it counts until
 * then with `--at`) and left out otherwise, as before; an impossible date is a warning naming
 * the cell.
 */
import { describe, expect, it } from 'vitest';
import { importRows } from '../src/node.js';
import { code } from './registry-export.js';

const rows = (cells: string[][]) => cells.map((c, i) => ({ row: i + 1, cells: c }));

describe('registry import: founded and closed', () => {
  const result = importRows(
    rows([
      ['统一社会信用代码', '企业名称', '登记状态', '成立日期', '注销日期', '所属省份'],
      [code(1), '甲电池有限公司', '存续', '2012年5月8日', '', '浙江'],
      [code(2), '乙材料有限公司', '注销', '2009/3/1', '2019-06-30', '浙江'],
      [code(3), '丙科技有限公司', '注销', '2010-01-01', '', '浙江'],
      [code(4), '丁设备有限公司', '吊销，未注销', '2011-02-03', '2020-02-30', '浙江'],
    ]),
    'export.csv',
    'export.csv',
  );

  it('maps 注销日期 and writes founded and closed as ISO dates', () => {
    expect(result.mapped.closed).toBe('注销日期');
    const at = (name: string) => result.columns.indexOf(name);
    expect(result.rows.map((r) => [r[1], r[at('founded')], r[at('closed')]])).toEqual([
      ['甲电池有限公司', '2012-05-08', ''],
      ['乙材料有限公司', '2009-03-01', '2019-06-30'],
    ]);
  });

  it('leaves out the closed firms without a closing day, the impossible date with a warning', () => {
    expect(result.excluded.map((e) => e.row)).toEqual([4, 5]);
    expect(result.problems.map((p) => `${p.row}:${p.column}:${p.severity}:${p.code}`)).toContain(
      '5:注销日期:warning:date-invalid',
    );
  });
});
