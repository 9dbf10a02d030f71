/**
 * `chainlens import <file.xlsx|.csv> --out DIR [--mapping FILE] [--name NAME] [--force]`: an
 * enterprise-registry export (企查查 / 天眼查 / 启信宝 style) → a dataset folder: chainlens.json,
 * companies.csv (id = the unified social credit code, name, region, status_group, then every
 * other column of the export) and import-report.json (counts, excluded firms, every problem).
 * Rows whose credit code fails GB 32100-2015 are rejected, a duplicate code is kept once, and
 * firms no longer operating (注销, 吊销, 迁出 …) are left out and listed. The reading and checks
 * are io's (`importRows`); this prints the summary and writes the files.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Translator } from '@chainlens/core';
import { MANIFEST_FILE, toCsv } from '@chainlens/io';
import type { ImportProblem, ImportResult } from '@chainlens/io/node';
import { addressResolver, importRows, readExport, readMapping } from '@chainlens/io/node';
import { bundledRoot } from '../datasets.js';
import { EN } from '../lang.js';
import { CliDataError, msg } from '../errors.js';
import { checkReportFolder, writeFileSet } from '../files.js';
import type { Out } from '../output.js';

export const IMPORT_FILES = [MANIFEST_FILE, 'companies.csv', 'import-report.json'] as const;

/** Excluded firms printed in the summary; import-report.json lists every one. */
export const EXCLUDED_LISTED = 20;

export interface ImportOptions {
  out: string;
  mapping?: string;
  name?: string;
  force?: boolean;
}

/** `file:sheet:row:column: severity: message` (row and column left out for the whole sheet). */
export function problemLine(p: ImportProblem, tr: Translator): string {
  const at = [p.file, p.sheet, ...(p.row > 0 ? [String(p.row), p.column] : [])].join(':');
  return `${at}: ${tr.t(`import:severity.${p.severity}`)}: ${tr.t(`import:problem.${p.code}`, p.params)}`;
}

function manifest(result: ImportResult, name: string): object {
  return {
    name,
    description: `Companies imported from the registry export ${basename(result.file)} (sheet ${result.sheet}) by chainlens import: operating firms only, ids are unified social credit codes.`,
    source: basename(result.file),
    companies: 'companies.csv',
    templates: [],
  };
}

function report(result: ImportResult, tr: Translator): object {
  return {
    generator: { name: 'chainlens', command: 'import' },
    file: result.file,
    sheet: result.sheet,
    headerRow: result.headerRow,
    mapped: result.mapped,
    counts: result.counts,
    excluded: result.excluded,
    problems: result.problems.map((p) => ({
      ...p,
      message: tr.t(`import:problem.${p.code}`, p.params),
    })),
  };
}

/** The address resolver over the shipped NBS division list (datasets/cn-admin-divisions). */
function divisions() {
  const root = bundledRoot();
  const path = root && join(root, 'cn-admin-divisions', 'divisions.csv');
  return path && existsSync(path) ? addressResolver(readFileSync(path, 'utf8')) : undefined;
}

export async function importCommand(
  file: string,
  options: ImportOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  checkReportFolder(options.out, IMPORT_FILES, options.force ?? false);
  const mapping = options.mapping ? readMapping(options.mapping) : {};
  const sheet = await readExport(file);
  const result = importRows(sheet.rows, file, sheet.name, mapping, divisions());
  const c = result.counts;
  if (result.headerRow > 0) {
    out.out(tr.t('import:summary.title', { file, sheet: sheet.name, row: result.headerRow }));
    const columns = Object.entries(result.mapped).map(
      ([field, header]) => `${tr.t(`import:field.${field}`)} ← ${header}`,
    );
    out.out(tr.t('import:summary.mapped', { columns: tr.list(columns) }));
    const n = (x: number) => tr.count(x);
    out.out(
      tr.t('import:summary.counts', {
        read: n(c.read),
        imported: n(c.imported),
        excluded: n(c.excluded),
        rejected: n(c.rejected),
        duplicates: n(c.duplicates),
      }),
    );
  }
  if (result.excluded.length > 0) {
    out.out(tr.t('import:summary.excluded'));
    for (const e of result.excluded.slice(0, EXCLUDED_LISTED))
      out.out(tr.t('import:summary.excludedLine', { ...e }));
    const more = result.excluded.length - EXCLUDED_LISTED;
    if (more > 0) out.out(tr.t('import:summary.excludedMore', { n: tr.count(more) }));
  }
  if (result.problems.length > 0) {
    out.out(tr.t('import:summary.problems'));
    for (const p of result.problems) out.out(problemLine(p, tr));
  }
  if (c.imported === 0) {
    throw new CliDataError(msg.t('import:error.nothing', { file, rejected: c.rejected }));
  }
  const name = options.name ?? basename(file, extname(file));
  const files = {
    [MANIFEST_FILE]: `${JSON.stringify(manifest(result, name), null, 2)}\n`,
    'companies.csv': toCsv({
      columns: result.columns.map((col, i) => ({
        name: col,
        kind: 'string' as const,
        values: result.rows.map((r) => r[i]!),
      })),
    }),
    'import-report.json': `${JSON.stringify(report(result, tr), null, 2)}\n`,
  };
  writeFileSet(options.out, files);
  out.out(tr.t('import:summary.written', { dir: options.out, files: tr.list(Object.keys(files)) }));
  out.out(
    tr.t('import:summary.next', { dir: resolve(options.out) === resolve('.') ? '.' : options.out }),
  );
  return 0;
}
