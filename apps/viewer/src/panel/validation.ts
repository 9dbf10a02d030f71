/** The validation report of the loaded data: rows read / accepted / rejected per table, and every listed issue. */
import type { ValidationReport } from '@chainlens/io';
import { count, el, replace } from '../dom.js';
import type { LoadedSummary } from '../protocol.js';

const ISSUES_SHOWN = 500;

export function renderValidation(root: HTMLElement, summary: LoadedSummary): void {
  const report: ValidationReport = summary.report;
  const clean = summary.clean;
  const rejected = report.tables.reduce((s, t) => s + t.rejected, 0);
  const head = el(
    'p',
    { class: clean ? 'ok' : 'warn', attrs: { 'data-testid': 'validation-summary' } },
    clean
      ? `Every row was accepted (${count(report.warnings)} warning${report.warnings === 1 ? '' : 's'}).`
      : `${count(rejected)} row${rejected === 1 ? ' was' : 's were'} rejected: the view uses the accepted rows only.`,
  );
  const table = el(
    'table',
    { class: 'figures' },
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', null, 'table'),
        el('th', null, 'file'),
        el('th', null, 'read'),
        el('th', null, 'accepted'),
        el('th', null, 'rejected'),
      ),
    ),
    el(
      'tbody',
      null,
      ...report.tables.map((t) =>
        el(
          'tr',
          { class: t.rejected > 0 || t.failed ? 'bad' : '' },
          el('td', null, t.table),
          el('td', { class: 'file' }, t.file),
          el('td', { class: 'num' }, count(t.read)),
          el('td', { class: 'num' }, count(t.accepted)),
          el('td', { class: 'num' }, t.failed ? 'failed' : count(t.rejected)),
        ),
      ),
    ),
  );
  const notes = report.tables.flatMap((t) => t.notes.map((n) => `${t.file}: ${n}`));
  const issues = report.issues.slice(0, ISSUES_SHOWN).map((issue, i) => ({
    severity: issue.severity,
    line: summary.issueLines[i]!,
  }));
  const more = report.issues.length - issues.length + report.issuesNotListed;
  replace(
    root,
    el('h3', null, summary.name),
    summary.description ? el('p', { class: 'muted' }, summary.description) : null,
    summary.license ? el('p', { class: 'muted' }, `License: ${summary.license}`) : null,
    head,
    table,
    notes.length ? el('ul', { class: 'notes' }, ...notes.map((n) => el('li', null, n))) : null,
    issues.length
      ? el(
          'div',
          null,
          el(
            'h4',
            null,
            `Issues (${count(report.errors)} errors, ${count(report.warnings)} warnings)`,
          ),
          el(
            'ul',
            { class: 'issues', attrs: { 'data-testid': 'validation-issues' } },
            ...issues.map((i) => el('li', { class: i.severity }, i.line)),
          ),
          more > 0
            ? el(
                'p',
                { class: 'muted' },
                `${count(more)} more not listed (run chainlens validate for all).`,
              )
            : null,
        )
      : null,
    summary.templateProblems.length
      ? el(
          'div',
          null,
          el('h4', null, 'Shared templates not loaded'),
          el(
            'ul',
            { class: 'issues' },
            ...summary.templateProblems.map((p) => el('li', { class: 'error' }, p)),
          ),
        )
      : null,
  );
}
