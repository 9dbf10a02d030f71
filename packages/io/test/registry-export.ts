/** Test helper: generated registry exports (.xlsx with exceljs), every import problem planted. */
import ExcelJS from 'exceljs';
import { creditCodeCheck } from '../src/import/credit-code.js';

export const HEADER = [
  '企业名称',
  '统一社会信用代码',
  '法定代表人',
  '登记状态',
  '成立日期',
  '注册资本',
  '注册地址',
  '所属省份',
  '所属城市',
  '所属区县',
  '国标行业',
  '经营范围',
  '参保人数',
  '企业类型',
];

/** The i-th generated credit code: a Zhejiang (330603 柯桥) body with its check character. */
export function code(i: number): string {
  const body = `91330603MA${String(i).padStart(7, '0')}`;
  return body + creditCodeCheck(body)!;
}

/** A firm row of the export: i-th firm, operating, in 浙江省/绍兴市/柯桥区. */
export function firm(i: number, status = '存续'): string[] {
  return [
    `绍兴柯桥示例纺织${i}号有限公司`,
    code(i),
    `张${i}`,
    status,
    '2015-03-02',
    '500万人民币',
    `浙江省绍兴市柯桥区华舍街道示例路${i}号`,
    '浙江省',
    '绍兴市',
    '柯桥区',
    '纺织业',
    '纺织品、针织品及原料销售；面料印染加工',
    String(10 + (i % 50)),
    '有限责任公司(自然人投资或控股)',
  ];
}

/** The planted export: what each row is, with the row number it lands on (title rows first). */
export function plantedRows(): string[][] {
  const wrong = code(7).slice(0, 17) + (code(7)[17] === '0' ? '1' : '0');
  const rows = [
    ['企业名单导出'],
    ['导出时间：2026-11-30 10:00', '共 17 条'],
    HEADER,
    firm(1), // row 4
    edit(firm(2, '在业'), { 5: '200万美元' }), // row 5: foreign currency
    firm(3, '注销'), // row 6: excluded
    firm(4, '吊销，未注销'), // row 7: excluded
    firm(5, '迁出'), // row 8: excluded
    edit(firm(6, '存续'), { 4: '2015-02-30' }), // row 9: impossible date
    edit(firm(7), { 1: wrong }), // row 10: wrong check character
    edit(firm(8), { 1: code(8).slice(0, 16) }), // row 11: length 16
    edit(firm(9), { 1: code(9).toLowerCase() }), // row 12: lower case
    edit(firm(10), { 0: '绍兴柯桥示例纺织1号有限公司（更名）', 1: code(1) }), // row 13: duplicate of row 4
    firm(11, '筹建中'), // row 14: unknown status, kept
    edit(firm(12), { 1: toWide(code(12)) }), // row 15: full-width
    firm(13, '迁出'), // row 16: the old row of a renamed firm, moved out …
    edit(firm(13), { 0: '绍兴柯桥示例纺织13号（新名）有限公司' }), // row 17: … kept: the live row
    // row 18: a trader listing the goods it sells: placed in no segment
    edit(firm(14), { 10: '纺织、服装及家庭用品批发', 11: '销售：纺织品、服装、鞋帽；货物进出口' }),
    edit(firm(15), { 10: '化学纤维制造业', 11: '' }), // row 19: placed through its industry
    edit(firm(16), { 10: '房地产业', 11: '房地产开发经营' }), // row 20: nothing of the chain
  ];
  return rows;
}

/** The row with some cells replaced. */
function edit(row: string[], cells: Record<number, string>): string[] {
  const out = [...row];
  for (const [i, v] of Object.entries(cells)) out[Number(i)] = v;
  return out;
}

function toWide(s: string): string {
  return s.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
}

/** Writes rows as the first sheet of an .xlsx file; merged title cell like a real export. */
export async function writeXlsx(path: string, rows: string[][], sheet = '企业列表'): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  ws.mergeCells(1, 1, 1, HEADER.length);
  await book.xlsx.writeFile(path);
}
