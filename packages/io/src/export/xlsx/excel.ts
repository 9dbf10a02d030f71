/**
 * exceljs, loaded on first use. With its dependencies (jszip, unzipper, archiver, fast-csv,
 * es-abstract, …: some 200 modules) it was most of what every `chainlens` command loaded at
 * start-up, `--version` included (issue 21); only the xlsx writers and the registry import
 * need it. Not exported from the package entries.
 */
import type ExcelJS from 'exceljs';

export async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
