/** `chainlens validate <dataset>`: counts per table and every problem as `file:row:column: message`. */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import type { ValidationReport } from '@chainlens/io';
import { formatIssue, isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { inputStatus, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';

/** The per-table counts and notes, as printed by `validate` and `analyze`. */
export function reportLines(report: ValidationReport): string[] {
  const lines = table(
    ['table', 'file', 'read', 'accepted', 'rejected', 'warnings'],
    report.tables.map((t) => [
      t.table,
      t.file,
      count(t.read),
      count(t.accepted),
      count(t.rejected),
      count(t.warnings),
    ]),
    [2, 3, 4, 5],
  );
  for (const t of report.tables) {
    if (t.failed) lines.push(`  ${t.file}: could not be read (see the errors below)`);
    for (const note of t.notes) lines.push(`  ${t.file}: ${note}`);
  }
  return lines;
}

export function validateCommand(
  datasetArg: string,
  out: Out,
  options: { allowRejected?: boolean } = {},
  _tr: Translator = EN,
): number {
  const path = resolveDataset(datasetArg);
  const { dataset, report } = readDataset(path);
  out.out(`Validation of ${dataset.name} (${path}): ${inputStatus(report)}`);
  for (const line of reportLines(report)) out.out(line);
  out.out();
  for (const issue of report.issues) out.out(formatIssue(issue));
  if (report.issuesNotListed > 0)
    out.out(`… and ${count(report.issuesNotListed)} more problems not listed`);
  const rejected = report.tables.reduce((n, t) => n + t.rejected, 0);
  if (isClean(report)) {
    out.out(
      `OK: every row accepted${report.warnings ? ` (${count(report.warnings)} warnings)` : ''}.`,
    );
    return 0;
  }
  out.out(
    `FAILED: ${count(rejected)} rows rejected${report.tables.some((t) => t.failed) ? ', some files could not be read to the end' : ''}; ${count(report.errors)} errors, ${count(report.warnings)} warnings.`,
  );
  return options.allowRejected ? 0 : 1;
}
