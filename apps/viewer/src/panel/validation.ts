/** The validation report of the loaded data: rows read / accepted / rejected per table, and every listed issue. */
import type { ValidationReport } from '@chainlens/io';
import { count, el, replace } from '../dom.js';
import { t } from '../i18n.js';
import type { LoadedSummary } from '../protocol.js';

const ISSUES_SHOWN = 500;

export function renderValidation(root: HTMLElement, summary: LoadedSummary): void {
  const report: ValidationReport = summary.report;
  const clean = summary.clean;
  const rejected = report.tables.reduce((s, tb) => s + tb.rejected, 0);
  const head = el(
    'p',
    { class: clean ? 'ok' : 'warn', attrs: { 'data-testid': 'validation-summary' } },
    clean
      ? t('viewer:data.clean', { count: report.warnings, n: count(report.warnings) })
      : t('viewer:data.rejected', { count: rejected, n: count(rejected) }),
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
        el('th', null, t('viewer:data.table')),
        el('th', null, t('viewer:data.file')),
        el('th', null, t('viewer:data.read')),
        el('th', null, t('viewer:data.accepted')),
        el('th', null, t('viewer:data.rejectedColumn')),
      ),
    ),
    el(
      'tbody',
      null,
      ...report.tables.map((tb) =>
        el(
          'tr',
          { class: tb.rejected > 0 || tb.failed ? 'bad' : '' },
          el('td', null, tb.table),
          el('td', { class: 'file' }, tb.file),
          el('td', { class: 'num' }, count(tb.read)),
          el('td', { class: 'num' }, count(tb.accepted)),
          el('td', { class: 'num' }, tb.failed ? t('viewer:data.failed') : count(tb.rejected)),
        ),
      ),
    ),
  );
  const notes = report.tables.flatMap((tb) => tb.notes.map((n) => `${tb.file}: ${n}`));
  const issues = report.issues.slice(0, ISSUES_SHOWN).map((issue, i) => ({
    severity: issue.severity,
    line: summary.issueLines[i]!,
  }));
  const more = report.issues.length - issues.length + report.issuesNotListed;
  replace(
    root,
    el('h3', null, summary.name),
    summary.description ? el('p', { class: 'muted' }, summary.description) : null,
    summary.license
      ? el('p', { class: 'muted' }, t('viewer:data.license', { license: summary.license }))
      : null,
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
            t('viewer:data.issues', {
              errors: count(report.errors),
              warnings: count(report.warnings),
            }),
          ),
          el(
            'ul',
            { class: 'issues', attrs: { 'data-testid': 'validation-issues' } },
            ...issues.map((i) => el('li', { class: i.severity }, i.line)),
          ),
          more > 0 ? el('p', { class: 'muted' }, t('viewer:data.more', { n: count(more) })) : null,
        )
      : null,
    summary.templateProblems.length
      ? el(
          'div',
          null,
          el('h4', null, t('viewer:data.templateProblems')),
          el(
            'ul',
            { class: 'issues' },
            ...summary.templateProblems.map((p) => el('li', { class: 'error' }, p)),
          ),
        )
      : null,
  );
}
