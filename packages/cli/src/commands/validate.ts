/** `chainlens validate <dataset>`: counts per table and every problem as `file:row:column: message`. */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';

import { formatIssue, isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { inputStatus, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count } from '../output.js';
import { reportLines } from '../validation-lines.js';

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
