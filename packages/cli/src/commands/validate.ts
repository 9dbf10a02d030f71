/** `chainlens validate <dataset>`: counts per table and every problem as `file:row:column: message`. */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import type { ValidationIssue, ValidationReport } from '@chainlens/io';
import { formatIssue, isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { inputStatus, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';

/**
 * One issue as `file:row:column: message`. English is io's line; another language names the
 * kind of problem from its code (重复 ID, 缺少列…) and keeps io's message, which quotes the
 * data, after it. Where the issue is and the data values never change.
 */
export function issueLine(issue: ValidationIssue, tr: Translator = EN): string {
  if (tr.lang === 'en') return formatIssue(issue);
  const where = [issue.file];
  if (issue.row !== undefined) where.push(String(issue.row));
  if (issue.column !== undefined) where.push(issue.column);
  const kind = tr.t(`cli:issue.code.${issue.code}`, { defaultValue: issue.code });
  return tr.t(issue.severity === 'warning' ? 'cli:issue.warning' : 'cli:issue.error', {
    where: where.join(':'),
    kind,
    message: issue.message,
  });
}

/** The per-table counts and notes, as printed by `validate` and `analyze`. */
export function reportLines(report: ValidationReport, tr: Translator = EN): string[] {
  const lines = table(
    [
      tr.t('cli:validate.col.table'),
      tr.t('cli:validate.col.file'),
      tr.t('cli:validate.col.read'),
      tr.t('cli:validate.col.accepted'),
      tr.t('cli:validate.col.rejected'),
      tr.t('cli:validate.col.warnings'),
    ],
    report.tables.map((t) => [
      tr.t(`cli:table.${t.table}`, { defaultValue: t.table }),
      t.file,
      count(t.read),
      count(t.accepted),
      count(t.rejected),
      count(t.warnings),
    ]),
    [2, 3, 4, 5],
  );
  for (const t of report.tables) {
    if (t.failed) lines.push(`  ${tr.t('cli:validate.fileFailed', { file: t.file })}`);
    for (const note of t.notes) lines.push(`  ${t.file}: ${note}`);
  }
  return lines;
}

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
