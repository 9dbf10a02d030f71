/**
 * Shared rules of the Excel workbooks (report.xlsx, compare and metrics workbooks), written
 * with exceljs: a maintained library that writes styles, frozen panes, number formats and
 * column widths, and has a streaming writer (`stream.xlsx.WorkbookWriter`) for sheets of
 * millions of rows. Node-only: reached from `@chainlens/io/node`, never from the main entry
 * (the viewer bundles that one).
 *
 * Every sheet is a table: one bold header row, frozen, with a filter; then rows of cells. A cell
 * is written by its column's format: numbers as numbers (percentages as fractions shown `0.0%`,
 * completeness figures `0.00`), ids and region codes as text (`000001` keeps its zeros), and
 * text from the data through `guardCsvCell` (a leading `'` before `=`, `+`, `-`, `@`, tab, CR),
 * so that no cell starts a formula when a user edits it.
 */
import type ExcelJS from 'exceljs';
import { loadExcel } from './excel.js';
import { unzipSync, zipSync } from 'fflate';
import { guardCsvCell } from '../../write.js';

/** How a column's cells are written and shown. */
export type CellFormat = 'text' | 'id' | 'int' | 'pct' | 'fig' | 'score' | 'num';

/** Excel number formats of the formats that have one. */
export const NUM_FMT: Record<CellFormat, string | undefined> = {
  text: undefined,
  id: '@',
  int: '#,##0',
  pct: '0.0%',
  fig: '0.00',
  score: '0.000',
  num: undefined,
};

export type CellValue = string | number | boolean | null | undefined;
/** A cell: a value written by its column's format, or with a format of its own. */
export type Cell = CellValue | { value: CellValue; format: CellFormat };

export interface Column {
  header: string;
  format: CellFormat;
}

export interface SheetSpec {
  name: string;
  columns: Column[];
  rows: Cell[][];
}

/** Excel's last row (1,048,576) less the header row: the most data rows a sheet can hold. */
export const MAX_DATA_ROWS = 1_048_575;

/** Width of text as a spreadsheet shows it: CJK and full-width characters count double. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      c >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

/** The text a cell shows, for its width. */
function shown(value: CellValue, format: CellFormat): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    if (format === 'pct') return `${(100 * value).toFixed(1)}%`;
    if (format === 'fig') return value.toFixed(2);
    if (format === 'score') return value.toFixed(3);
    if (format === 'int') return Math.round(value).toLocaleString('en-US');
    return String(Number(value.toPrecision(8)));
  }
  return String(value);
}

const MIN_WIDTH = 6;
const MAX_WIDTH = 60;

/** A column width from its header and the texts of its cells (the longest line), clamped. */
export function columnWidth(texts: Iterable<string>): number {
  let w = 0;
  for (const t of texts) for (const line of t.split('\n')) w = Math.max(w, displayWidth(line));
  return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
}

function unpack(cell: Cell, column: Column): { value: CellValue; format: CellFormat } {
  return cell !== null && typeof cell === 'object' ? cell : { value: cell, format: column.format };
}

/**
 * The value exceljs writes for a cell: numbers as numbers (NaN, ±∞ and '' as an empty cell), id
 * cells as text, other text guarded against formulas, booleans as they are.
 */
export function cellValue(value: CellValue, format: CellFormat): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    return format === 'id' || format === 'text' ? guardCsvCell(String(value)) : value;
  }
  if (typeof value === 'boolean') return value;
  return guardCsvCell(value);
}

/** The sheet options every table sheet has: the header row frozen. */
export const FROZEN_HEADER: Partial<ExcelJS.AddWorksheetOptions> = {
  views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
};

/** Writes the header row: bold, with a filter over the columns. */
function styleHeader(sheet: ExcelJS.Worksheet, columns: Column[]): void {
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle' };
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  }
}

/** Adds a table sheet to a workbook held in memory. */
export function addTableSheet(workbook: ExcelJS.Workbook, spec: SheetSpec): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(spec.name, FROZEN_HEADER);
  sheet.columns = spec.columns.map((c, i) => ({
    header: guardCsvCell(c.header),
    key: `c${i}`,
    width: columnWidth([
      c.header,
      ...spec.rows.map((r) => {
        const { value, format } = unpack(r[i], c);
        return shown(value, format);
      }),
    ]),
    style: NUM_FMT[c.format] ? { numFmt: NUM_FMT[c.format]! } : {},
  }));
  styleHeader(sheet, spec.columns);
  for (const r of spec.rows) {
    const row = sheet.addRow(
      spec.columns.map((c, i) => cellValue(unpack(r[i], c).value, unpack(r[i], c).format)),
    );
    spec.columns.forEach((c, i) => {
      const { format } = unpack(r[i], c);
      const fmt = NUM_FMT[format];
      const cell = row.getCell(i + 1);
      if (fmt) cell.numFmt = fmt;
      if (typeof cell.value === 'string' && cell.value.includes('\n')) {
        cell.alignment = { wrapText: true, vertical: 'top' };
      }
    });
  }
  return sheet;
}

/**
 * Date of every in-memory workbook and of the files in its zip: fixed, so that the same input
 * gives the same bytes (as report.json does; the run's date is not part of a report).
 */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

/** A new in-memory workbook, chainlens named as its creator. */
export async function newWorkbook(): Promise<ExcelJS.Workbook> {
  const workbook = new (await loadExcel()).Workbook();
  workbook.creator = 'chainlens';
  workbook.created = FIXED_DATE;
  workbook.modified = FIXED_DATE;
  return workbook;
}

/**
 * The workbook as the bytes of an .xlsx file. exceljs stamps each zip entry with the time of
 * writing; the entries are zipped again (fflate, same order) with a fixed time, so that the
 * bytes depend on the content only.
 */
export async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Uint8Array> {
  const buffer = await workbook.xlsx.writeBuffer();
  const entries = unzipSync(new Uint8Array(buffer as ArrayBuffer));
  return zipSync(entries, { level: 6, mtime: FIXED_DATE });
}
