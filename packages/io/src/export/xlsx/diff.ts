/**
 * The workbook of `chainlens diff … --out DIR` (diff.xlsx): one sheet with every row of the diff
 * (core `diffRows`: the same rows as diff.csv, unrounded) and a notes sheet with the dates and
 * parameters. Headers come from the `time` catalogue.
 */
import type { DiffRow, Translator } from '@chainlens/core';
import { DIFF_COLUMNS } from '@chainlens/core';
import type { CellFormat, Column } from './sheet.js';
import { addTableSheet, newWorkbook, workbookBytes } from './sheet.js';

const FORMATS: Record<(typeof DIFF_COLUMNS)[number], CellFormat> = {
  section: 'text',
  item: 'id',
  name: 'text',
  before: 'num',
  after: 'num',
  change: 'num',
  detail: 'text',
};

/** The diff as the bytes of an .xlsx file, in the translator's language. */
export async function diffWorkbook(
  rows: DiffRow[],
  notes: Array<[label: string, value: string | number]>,
  tr: Translator,
): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  const columns: Column[] = DIFF_COLUMNS.map((key) => ({
    header: tr.t(`time:col.${key}`),
    format: FORMATS[key],
  }));
  addTableSheet(workbook, {
    name: tr.t('time:sheet.diff'),
    columns,
    rows: rows.map((r) => DIFF_COLUMNS.map((key) => r[key])),
  });
  addTableSheet(workbook, {
    name: tr.t('time:sheet.notes'),
    columns: [
      { header: tr.t('xlsx:col.item'), format: 'text' },
      { header: tr.t('xlsx:col.value'), format: 'num' },
    ],
    rows: notes.map(([label, value]) => [label, value]),
  });
  return workbookBytes(workbook);
}
