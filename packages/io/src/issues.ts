/**
 * Validation results: every rejected row becomes an issue naming file, row and column, and
 * every table reports how many rows were read, accepted and rejected. Nothing is dropped
 * without being counted here.
 */

export type Severity = 'error' | 'warning';

export interface ValidationIssue {
  /** `error`: the row (or table, or dataset) was rejected. `warning`: kept, with a default. */
  severity: Severity;
  /** A stable machine-readable code, e.g. `duplicate-id`, `unknown-company`. */
  code: string;
  /** File the problem is in, relative to the dataset folder (or as given). */
  file: string;
  /**
   * Where in the file: for CSV the line number (header = line 1, as an editor shows it; a
   * record with quoted newlines is reported at its first line); for JSON and Arrow the
   * 1-based record number. Absent for problems of a whole file.
   */
  row?: number;
  /** Column name (or JSON path in a template). */
  column?: string;
  message: string;
}

export interface TableReport {
  /** Which table: companies, memberships, relations, products, productLinks, template, edges. */
  table: string;
  file: string;
  /** Data rows read (header excluded). */
  read: number;
  accepted: number;
  rejected: number;
  /** Rows kept with a warning (a default filled in, say). */
  warnings: number;
  /** True when the file could not be read to its end (missing, undecodable, malformed). */
  failed: boolean;
  /**
   * Data rows of a failed file that were never read (its non-empty lines after the point where
   * reading stopped), when they can be counted: included in `read` and `rejected`.
   */
  unread?: number;
  /** Plain-language counts worth knowing that are not problems, e.g. unknown shares. */
  notes: string[];
}

export interface ValidationReport {
  tables: TableReport[];
  /** Issues in reading order, capped at `issueLimit` (counts above stay exact). */
  issues: ValidationIssue[];
  /** Issues not listed because the cap was reached. */
  issuesNotListed: number;
  errors: number;
  warnings: number;
}

/** True when the dataset loaded with no rejected row and no failed table. */
export function isClean(report: ValidationReport): boolean {
  return report.errors === 0 && report.tables.every((t) => !t.failed && t.rejected === 0);
}

/** `file:row:column: message`, the one-line form `chainlens validate` prints. */
export function formatIssue(issue: ValidationIssue): string {
  const where = [issue.file];
  if (issue.row !== undefined) where.push(String(issue.row));
  if (issue.column !== undefined) where.push(issue.column);
  return `${where.join(':')}: ${issue.severity === 'warning' ? 'warning: ' : ''}${issue.message}`;
}

/**
 * An error that stops a load: a missing manifest, an unreadable required table. Its message
 * is one line (line breaks quoted from the data are flattened), as the CLI prints it.
 */
export class DataError extends Error {
  /** For a table that stops being read: its data rows in all (header excluded), when counted. */
  total?: number;
  constructor(
    message: string,
    readonly issue?: ValidationIssue,
  ) {
    super(message.replace(/\s*[\r\n]+\s*/g, ' '));
    this.name = 'DataError';
  }
}

/** Collects issues and table reports while a dataset loads. */
export class IssueLog {
  readonly report: ValidationReport = {
    tables: [],
    issues: [],
    issuesNotListed: 0,
    errors: 0,
    warnings: 0,
  };

  constructor(readonly issueLimit = 100_000) {}

  add(issue: ValidationIssue): void {
    issue.message = issue.message.replace(/\s*[\r\n]+\s*/g, ' '); // one line per issue
    if (issue.severity === 'error') this.report.errors++;
    else this.report.warnings++;
    if (this.report.issues.length < this.issueLimit) this.report.issues.push(issue);
    else this.report.issuesNotListed++;
  }

  table(table: string, file: string): TableReport {
    const t: TableReport = {
      table,
      file,
      read: 0,
      accepted: 0,
      rejected: 0,
      warnings: 0,
      failed: false,
      notes: [],
    };
    this.report.tables.push(t);
    return t;
  }
}
