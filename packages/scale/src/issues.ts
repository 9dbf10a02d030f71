/**
 * Issue counting for large inputs: io's `IssueLog` keeps the first `issueLimit` issues and
 * exact totals; this log also counts every issue by file and code, so that a report of
 * millions of bad rows can print a capped list plus exact counts per kind.
 */
import type { ValidationIssue, ValidationReport } from '@chainlens/io';
import { IssueLog, formatIssue } from '@chainlens/io';

/** Count of the issues of one kind (file, code, severity). */
export interface IssueKind {
  file: string;
  code: string;
  severity: 'error' | 'warning';
  count: number;
  /** The first issue of this kind (row, column, message), as an example. */
  first: ValidationIssue;
}

export class CountingIssueLog extends IssueLog {
  private readonly kinds = new Map<string, IssueKind>();

  override add(issue: ValidationIssue): void {
    super.add(issue);
    const key = `${issue.file}\u0000${issue.code}\u0000${issue.severity}`;
    const kind = this.kinds.get(key);
    if (kind) kind.count++;
    else {
      this.kinds.set(key, {
        file: issue.file,
        code: issue.code,
        severity: issue.severity,
        count: 1,
        first: issue,
      });
    }
  }

  /** Every kind with its exact count, most frequent first (ties: file, then code). */
  issueKinds(): IssueKind[] {
    return [...this.kinds.values()].sort(
      (a, b) =>
        b.count - a.count ||
        (a.file < b.file ? -1 : a.file > b.file ? 1 : a.code < b.code ? -1 : 1),
    );
  }
}

/**
 * The issues as a validator prints them, capped: the first `limit` issues (`file:row:column:
 * message`), a line for the ones not shown, then the count of every kind (exact, also beyond
 * the log's own cap).
 */
export function issueLines(report: ValidationReport, kinds: IssueKind[], limit = 100): string[] {
  const lines = report.issues.slice(0, limit).map(formatIssue);
  const total = report.errors + report.warnings;
  if (total > lines.length) {
    lines.push(`… ${(total - lines.length).toLocaleString('en-US')} more not shown`);
  }
  if (kinds.length > 0) {
    lines.push('Problems by kind:');
    for (const k of kinds) {
      lines.push(
        `  ${k.file}: ${k.code}${k.severity === 'warning' ? ' (warning)' : ''}: ${k.count.toLocaleString('en-US')} (first at row ${k.first.row ?? '-'})`,
      );
    }
  }
  return lines;
}
