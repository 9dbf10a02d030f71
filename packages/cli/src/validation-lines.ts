/** The lines of a validation report, shared by `validate` and `analyze`. */
import type { Translator } from '@chainlens/core';
import { EN } from '@chainlens/core';
import type { ValidationIssue, ValidationReport } from '@chainlens/io';
import { formatIssue, issueText, noteTexts } from '@chainlens/io';
import { count, table } from './output.js';

/**
 * One issue as `file:row:column: message`. English is io's line; another language names the
 * kind of problem from its code (重复 ID, 缺少列…) and says io's message from its facts
 * (io's `issueText`, the `io` namespace). Where the issue is and the data values never change.
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
    message: issueText(tr, issue),
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
    for (const note of noteTexts(tr, t)) lines.push(`  ${t.file}: ${note}`);
  }
  return lines;
}
