/**
 * Reading a registry export from disk (Node only): the first worksheet of an .xlsx through
 * exceljs, or a CSV/TSV through papaparse (io's CSV parser) after io's text decoding; and the
 * mapping file, checked with zod.
 */
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type ExcelJS from 'exceljs';
import { loadExcel } from '../export/xlsx/excel.js';
import Papa from 'papaparse';
import { z } from 'zod';
import { DataError } from '../issues.js';
import { decodeText } from '../text.js';
import type { ImportMapping, SheetRow } from '../import/registry.js';
import { IMPORT_FIELDS } from '../import/registry.js';

export interface Sheet {
  /** The worksheet's name; the file name for a CSV. */
  name: string;
  rows: SheetRow[];
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A cell's value as the export shows it; a date as yyyy-mm-dd. */
function cellText(cell: ExcelJS.Cell): string {
  const v = cell.value;
  if (v instanceof Date)
    return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (v === null || v === undefined) return '';
  return cell.text;
}

/** The rows of the first worksheet of an .xlsx file, or of a CSV/TSV file. */
export async function readExport(path: string): Promise<Sheet> {
  const ext = extname(path).toLowerCase();
  if (ext === '.xlsx') {
    const book = new (await loadExcel()).Workbook();
    try {
      await book.xlsx.readFile(path);
    } catch (e) {
      throw new DataError(`${path}: not a readable .xlsx workbook (${(e as Error).message})`);
    }
    const ws = book.worksheets[0];
    if (!ws) throw new DataError(`${path}: the workbook has no worksheet`);
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, n) => {
      const cells: string[] = [];
      for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
      rows.push({ row: n, cells });
    });
    return { name: ws.name, rows };
  }
  if (ext === '.csv' || ext === '.tsv' || ext === '.txt') {
    const text = decodeText(readFileSync(path), path);
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
    const rows = parsed.data.map((cells, i) => ({ row: i + 1, cells }));
    return { name: basename(path), rows };
  }
  throw new DataError(`${path}: cannot import '${ext}' files; give an .xlsx or .csv export`);
}

const mappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1)).optional(),
    headerRow: z.number().int().min(1).optional(),
  })
  .strict();

/** A mapping file: `{"columns": {"name": "单位名称", "id": "代码"}, "headerRow": 3}`. */
export function readMapping(path: string): ImportMapping {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new DataError(`${path}: not a JSON mapping file (${(e as Error).message})`);
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new DataError(`${path}: ${first.path.join('.') || 'mapping'}: ${first.message}`);
  }
  return parsed.data;
}
