/** `chainlens validate <dataset>`: counts per table and every problem as `file:row:column: message`. */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { inputStatus, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count } from '../output.js';
import { issueLine, reportLines } from '../validation-lines.js';

export function validateCommand(
  datasetArg: string,
  out: Out,
  options: { allowRejected?: boolean } = {},
  tr: Translator = EN,
): number {
  const path = resolveDataset(datasetArg);
  const { dataset, report } = readDataset(path);
  out.out(
    tr.t('cli:validate.title', { name: dataset.name, path, status: inputStatus(report, tr) }),
  );
  for (const line of reportLines(report, tr)) out.out(line);
  out.out();
  for (const issue of report.issues) out.out(issueLine(issue, tr));
  if (report.issuesNotListed > 0)
    out.out(tr.t('cli:validate.notListed', { n: count(report.issuesNotListed) }));
  const rejected = report.tables.reduce((n, t) => n + t.rejected, 0);
  if (isClean(report)) {
    out.out(
      report.warnings
        ? tr.t('cli:validate.okWarnings', { warnings: count(report.warnings) })
        : tr.t('cli:validate.ok'),
    );
    return 0;
  }
  out.out(
    tr.t(
      report.tables.some((t) => t.failed) ? 'cli:validate.failedUnread' : 'cli:validate.failed',
      {
        rejected: count(rejected),
        errors: count(report.errors),
        warnings: count(report.warnings),
      },
    ),
  );
  return options.allowRejected ? 0 : 1;
}
