/**
 * Writing a chain report to disk: `chainlens analyze --out DIR` calls `writeReportFiles` to
 * put report.json, report.md, report.html and report.xlsx side by side (with the
 * `.chainlens-run` marker of `files.ts`). The renderers are pure functions of @chainlens/core
 * (the viewer can offer the same files) and, for the workbook, of @chainlens/io/node (exceljs);
 * this module only writes them.
 */
import type { ChainReport, Translator } from '@chainlens/core';
import { EN, renderHtml, renderMarkdown, reportJson } from '@chainlens/core';
import { reportWorkbook } from '@chainlens/io/node';
import { writeFileSet } from '../files.js';

/** The files of a report folder, by name. */
export const REPORT_FILES = ['report.json', 'report.md', 'report.html', 'report.xlsx'] as const;

/**
 * The three text files of a report as name → text, without touching the disk: report.md and
 * report.html in the translator's language, report.json language-neutral (the same bytes in
 * every language). report.xlsx is added by `writeReportFiles`.
 */
export function reportFiles(
  report: ChainReport,
  tr: Translator = EN,
): Record<'report.json' | 'report.md' | 'report.html', string> {
  return {
    'report.json': reportJson(report),
    'report.md': renderMarkdown(report, { tr }),
    'report.html': renderHtml(report, { tr }),
  };
}

/**
 * Writes report.json (pretty, stable key order: the same report gives the same bytes),
 * report.md, report.html (self-contained) and report.xlsx (in `tr`'s language; the same report
 * gives the same bytes) into `dir`, creating it when needed, as one unit with the folder's run
 * marker (`writeFileSet`: all four are written to temporary files, then renamed into place).
 * Call `checkReportFolder(dir, REPORT_FILES, force)` before the work. Returns the paths
 * written; errors are one-line usage errors naming the path.
 */
export async function writeReportFiles(
  report: ChainReport,
  dir: string,
  tr: Translator = EN,
): Promise<string[]> {
  const files: Record<(typeof REPORT_FILES)[number], string | Uint8Array> = {
    ...reportFiles(report, tr),
    'report.xlsx': await reportWorkbook(report, tr),
  };
  return writeFileSet(dir, files);
}
