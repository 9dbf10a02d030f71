/**
 * The workbook of `chainlens compare … --format xlsx`: one sheet with every row and every figure
 * of the comparison (the same rows as --format csv/json, unrounded), and a notes sheet with the
 * parameters of the run and what the rows sheet holds. Headers come from the `xlsx` catalogue (`xlsx:col.KEY`).
 */
import type { Translator } from '@chainlens/core';
import type { Cell, CellFormat, Column } from './sheet.js';
import { addTableSheet, newWorkbook, workbookBytes } from './sheet.js';

export type CompareCell = string | number | null;

export interface CompareWorkbookInput {
  /** The rows, one record per region or chain; `columns` gives their keys in order. */
  rows: Record<string, CompareCell>[];
  columns: string[];
  /** The parameters and notes of the run, as label → value (text or number). */
  notes: Array<[label: string, value: CompareCell, format?: CellFormat]>;
  /** What the rows are: regions (one chain across regions) [default] or chains (one region). */
  rowsAre?: 'regions' | 'chains';
}

/** How a comparison column is written: names as text, figures `0.00`, counts as integers. */
export function compareColumnFormat(key: string): CellFormat {
  if (key === 'region' || key === 'chain') return 'id';
  if (key === 'name') return 'text';
  if (/(coverage|redundancy|link|path)$/i.test(key)) return 'fig';
  return 'int';
}

/** The comparison as the bytes of an .xlsx file, in the translator's language. */
export async function compareWorkbook(
  input: CompareWorkbookInput,
  tr: Translator,
): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  const columns: Column[] = input.columns.map((key) => ({
    header: tr.t(`xlsx:col.${key}`),
    format: compareColumnFormat(key),
  }));
  const name =
    input.rowsAre === 'chains' ? tr.t('xlsx:sheet.compareChains') : tr.t('xlsx:sheet.compare');
  addTableSheet(workbook, {
    name,
    columns,
    rows: input.rows.map((r) => input.columns.map((key) => r[key] ?? null)),
  });
  addTableSheet(workbook, {
    name: tr.t('xlsx:sheet.compareNotes'),
    columns: [
      { header: tr.t('xlsx:col.item'), format: 'text' },
      { header: tr.t('xlsx:col.value'), format: 'num' },
    ],
    rows: [
      ...input.notes.map(([label, value, format]): Cell[] => [
        label,
        format ? { value, format } : value,
      ]),
      // What the rows sheet holds, named by its sheet name.
      [name, tr.t('xlsx:meaning.sheetRows')],
    ],
  });
  return workbookBytes(workbook);
}
