/**
 * Reading a registry export from disk (Node only): the first worksheet of an .xlsx through
 * exceljs, or a CSV/TSV through papaparse (io's CSV parser) after io's text decoding; and the
 * mapping file, checked with zod. Errors are DataErrors whose text comes from the `import`
 * catalogue (`import:error.*`), in the run's language when the CLI prints them.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { EN } from '@chainlens/core';
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

/**
 * An error reading an export or a mapping file: `localized` is its catalogue key and variables
 * (the CLI prints it in the run's language), `message` the English text.
 */
export class ImportReadError extends DataError {
  readonly localized: { key: string; vars: Record<string, string> };
  constructor(key: `import:error.${string}`, vars: Record<string, string>) {
    super(EN.t(key, vars));
    this.localized = { key, vars };
  }
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
  if (!existsSync(path) || !statSync(path).isFile())
    throw new ImportReadError('import:error.missingFile', { file: path });
  if (ext === '.xlsx') {
    const book = new (await loadExcel()).Workbook();
    try {
      await book.xlsx.readFile(path);
    } catch (e) {
      throw new ImportReadError('import:error.unreadableXlsx', {
        file: path,
        reason: (e as Error).message,
      });
    }
    const ws = book.worksheets[0];
    if (!ws) throw new ImportReadError('import:error.noSheet', { file: path });
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
  if (ext === '.xls' || ext === '.et')
    throw new ImportReadError('import:error.oldExcel', { file: path, ext });
  throw new ImportReadError('import:error.fileType', { file: path, ext: ext || '-' });
}

const mappingSchema = z
  .object({
    columns: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1)).optional(),
    headerRow: z.number().int().min(1).optional(),
  })
  .strict();

/** A mapping file: `{"columns": {"name": "单位名称", "id": "代码"}, "headerRow": 3}`. */
export function readMapping(path: string): ImportMapping {
  if (!existsSync(path) || !statSync(path).isFile())
    throw new ImportReadError('import:error.missingFile', { file: path });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ImportReadError('import:error.mappingJson', {
      file: path,
      reason: (e as Error).message,
    });
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    throw new ImportReadError('import:error.mappingShape', {
      file: path,
      path: first.path.join('.') || 'mapping',
      reason: first.message,
    });
  }
  return parsed.data;
}
