/**
 * Writing a chain report to disk: `chainlens analyze --out DIR` calls `writeReportFiles` to
 * put report.json, report.md and report.html side by side. The renderers are pure functions of
 * @chainlens/core (the viewer can offer the same files); this module only writes them.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainReport } from '@chainlens/core';
import { renderHtml, renderMarkdown, reportJson } from '@chainlens/core';

/** The files of a report folder, by name. */
export const REPORT_FILES = ['report.json', 'report.md', 'report.html'] as const;

/** The three files of a report as name → text, without touching the disk. */
export function reportFiles(report: ChainReport): Record<(typeof REPORT_FILES)[number], string> {
  return {
    'report.json': reportJson(report),
    'report.md': renderMarkdown(report),
    'report.html': renderHtml(report),
  };
}

/**
 * Writes report.json (pretty, stable key order: the same report gives the same bytes),
 * report.md and report.html (self-contained) into `dir`, creating it when needed; existing
 * files of those names are replaced. Returns the paths written. Throws an Error with a
 * one-line message naming the path when a file cannot be written.
 */
export function writeReportFiles(report: ChainReport, dir: string): string[] {
  const files = reportFiles(report);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new Error(
      `${dir}: cannot create the report folder (${(e as NodeJS.ErrnoException).code ?? String(e)})`,
    );
  }
  const written: string[] = [];
  for (const name of REPORT_FILES) {
    const path = join(dir, name);
    try {
      writeFileSync(path, files[name]);
    } catch (e) {
      throw new Error(`${path}: cannot write (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
    }
    written.push(path);
  }
  return written;
}
