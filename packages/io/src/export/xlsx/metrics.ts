/**
 * The workbook of `chainlens metrics --out FILE.xlsx`: the per-company metrics table in one
 * sheet, streamed with exceljs's `stream.xlsx.WorkbookWriter` (each row is written out and
 * dropped as it is added: a national table never sits in memory as cells). A sheet holds at
 * most `MAX_DATA_ROWS` rows (Excel's limit); callers refuse larger tables before the work.
 */
import type ExcelJS from 'exceljs';
import type { CellValue, Column } from './sheet.js';
import { loadExcel } from './excel.js';
import { FROZEN_HEADER, MAX_DATA_ROWS, NUM_FMT, cellValue, columnWidth } from './sheet.js';
import { guardCsvCell } from '../../write.js';

/** The Node stream the file goes into (a `Writable`). */
export type XlsxStream = ExcelJS.stream.xlsx.WorkbookStreamWriterOptions['stream'];

/** Rows looked at to size the text columns (the rest are written without being measured). */
const WIDTH_SAMPLE = 10_000;

export interface StreamedSheet {
  name: string;
  columns: Column[];
  rowCount: number;
  /** Row `i` (0-based) as its cells, in column order. */
  row: (i: number) => CellValue[];
}

/**
 * Streams one table sheet into `stream` as an .xlsx file; resolves when the file is finished.
 * Throws when the table has more rows than a sheet can hold.
 */
export async function writeStreamedWorkbook(
  stream: XlsxStream,
  sheet: StreamedSheet,
): Promise<void> {
  if (sheet.rowCount > MAX_DATA_ROWS) {
    throw new RangeError(
      `${sheet.rowCount} rows do not fit in one Excel sheet (at most ${MAX_DATA_ROWS} below the header)`,
    );
  }
  const workbook = new (await loadExcel()).stream.xlsx.WorkbookWriter({
    stream,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'chainlens';
  const ws = workbook.addWorksheet(sheet.name, FROZEN_HEADER);
  const sample = Math.min(sheet.rowCount, WIDTH_SAMPLE);
  ws.columns = sheet.columns.map((c, i) => {
    const texts = [c.header];
    if (c.format === 'text' || c.format === 'id') {
      for (let r = 0; r < sample; r++) texts.push(String(sheet.row(r)[i] ?? ''));
    } else texts.push('0.000000000');
    return { header: guardCsvCell(c.header), key: `c${i}`, width: columnWidth(texts) };
  });
  const header = ws.getRow(1);
  header.font = { bold: true };
  header.commit();
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const formats = sheet.columns.map((c) => NUM_FMT[c.format]);
  for (let r = 0; r < sheet.rowCount; r++) {
    const cells = sheet.row(r);
    const row = ws.addRow(sheet.columns.map((c, i) => cellValue(cells[i], c.format)));
    formats.forEach((fmt, i) => {
      if (fmt) row.getCell(i + 1).numFmt = fmt;
    });
    row.commit();
  }
  ws.commit();
  await workbook.commit();
}
