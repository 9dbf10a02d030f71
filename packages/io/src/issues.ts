/**
 * Validation results: every rejected row becomes an issue naming file, row and column, and
 * every table reports how many rows were read, accepted and rejected. Nothing is dropped
 * without being counted here.
 */

import type { IssueParams } from './messages.js';
import type { Translator } from '@chainlens/core';
import { enText, ioText } from './messages.js';

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
  /** The English text (`ioText(EN, code, params)` when params are given). */
  message: string;
  /**
   * The facts the message was built from (ids, numbers, names as read; `form` picks one of a
   * code's messages), so that the CLI can say it in another language (io's `ioText`).
   */
  params?: IssueParams;
}

/** A table note's code and facts, in the order of `TableReport.notes`. */
export interface NoteFacts {
  code: string;
  params: IssueParams;
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
  /** The code and facts of each note (same order), for another language; absent for old notes. */
  noteFacts?: NoteFacts[];
}

/** Adds a note (in English to `notes`, with its facts to `noteFacts`). */
export function addNote(report: TableReport, code: string, params: IssueParams = {}): void {
  report.notes.push(enText(code, params));
  (report.noteFacts ??= []).push({ code, params });
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

/** An issue's message in `tr`'s language (its English `message` when it carries no params). */
export function issueText(tr: Translator, issue: ValidationIssue): string {
  if (!issue.params || tr.lang === 'en') return issue.message;
  return ioText(tr, issue.code, issue.params);
}

/** A table's notes in `tr`'s language. */
export function noteTexts(tr: Translator, report: TableReport): string[] {
  if (tr.lang === 'en' || !report.noteFacts || report.noteFacts.length !== report.notes.length)
    return report.notes;
  return report.noteFacts.map((n) => ioText(tr, n.code, n.params));
}

/**
 * A DataError's one line in `tr`'s language: `where: text` from its facts or its issue's; its
 * English message when it has neither.
 */
export function dataErrorText(tr: Translator, e: DataError): string {
  if (tr.lang === 'en') return e.message;
  if (e.facts) return `${e.facts.where}: ${ioText(tr, e.facts.code, e.facts.params)}`;
  const issue = e.issue;
  if (issue?.params) {
    const where = [issue.file, issue.row, issue.column].filter((x) => x !== undefined).join(':');
    if (e.message.startsWith(`${where}: `))
      return `${where}: ${ioText(tr, issue.code, issue.params)}`;
  }
  return e.message;
}

/**
 * An error that stops a load: a missing manifest, an unreadable required table. Its message
 * is one line (line breaks quoted from the data are flattened), as the CLI prints it.
 */
export class DataError extends Error {
  /** For a table that stops being read: its data rows in all (header excluded), when counted. */
  total?: number;
  /**
   * What the message says, for another language: the place (`file` or `file:row`), a code of
   * io's messages and its facts. Absent for an issue's error (its issue has them).
   */
  readonly facts?: { where: string; code: string; params?: IssueParams };
  constructor(
    message: string | { where: string; code: string; params?: IssueParams },
    readonly issue?: ValidationIssue,
  ) {
    const text =
      typeof message === 'string'
        ? message
        : `${message.where}: ${enText(message.code, message.params)}`;
    super(text.replace(/\s*[\r\n]+\s*/g, ' '));
    if (typeof message !== 'string') this.facts = message;
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
