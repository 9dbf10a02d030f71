/**
 * The analysis sections of report.md, in page order: weak links, missing roles, leading firms,
 * targets, portfolio, related segments and critical companies; and the table helpers that
 * report.md's sections share.
 */
import type { ChainReport } from '../types.js';
import { escapeMarkdown as md } from './escape.js';
import type { Translator } from '../../i18n/translator.js';
import {
  companyName,
  componentKeys,
  componentLabel,
  count,
  componentFormats,
  MEASURES,
  kindLabel,
  measureName,
  measureText,
  reportPortfolio,
  reportRelated,
  fixed,
  holdingsText,
  leaderBasisText,
  shareText,
  pct,
  segmentName,
  stageWord,
  statusLabel,
  weakLinkPlace,
} from './model.js';
import { unit } from './words.js';
import type { ReportIndex } from './model.js';
import { targetText, weakLinkText } from './sentences.js';
import { directionText } from './param-text.js';

/** A GFM pipe table; `right` lists the columns to right-align. Cells must be escaped already. */
export function table(head: string[], rows: string[][], right: number[] = []): string[] {
  const align = head.map((_, i) => (right.includes(i) ? '---:' : '---'));
  const line = (cells: string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), line(align), ...rows.map(line)];
}

export function names(
  index: ReportIndex,
  ids: readonly string[],
  limit: number,
  tr: Translator,
): string {
  const shown = ids.slice(0, limit).map((id) => md(companyName(index, id)));
  const more = ids.length - shown.length;
  return (
    shown.join(tr.t('common:listSeparator')) +
    (more > 0 ? tr.t('report:andMore', { n: count(more) }) : '')
  );
}

export const companyCell = (c: { name: string; company: string }) =>
  `${md(c.name)} (${md(c.company)})`;

/** The Markdown lines of the analysis sections, as `renderMarkdown` joins them. */
export function analysisSections(
  report: ChainReport,
  index: ReportIndex,
  neededLimit: number,
  tr: Translator,
): string[] {
  const t_ = (key: string, vars?: Record<string, unknown>) => tr.t(key, vars);
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(`## ${t_('report:h.weakLinks')}`, '');
  if (report.weakLinks.length === 0) push(t_('report:none.found'), '');
  else {
    push(
      ...table(
        [t_('report:col.kind'), t_('report:col.where'), t_('report:col.detail')],
        report.weakLinks.map((w) => [
          md(kindLabel(w.kind, tr)),
          md(weakLinkPlace(index, w)),
          md(weakLinkText(w, index, tr)),
        ]),
      ),
      '',
    );
  }

  push(`## ${t_('report:h.missingRoles')}`, '');
  if (report.missingRoles.length === 0) push(t_('report:md.noMissing'), '');
  else {
    push(
      ...table(
        [
          t_('report:col.segment'),
          t_('report:col.stage'),
          t_('report:col.direction'),
          t_('report:col.neededBy'),
          t_('report:col.firmsNeeding'),
        ],
        report.missingRoles.map((m) => [
          `${md(segmentName(index, m.segment))} (${md(m.segment)})`,
          md(stageWord(index.segments.get(m.segment)?.stage ?? '', tr)),
          md(directionText(m.direction, tr)),
          count(m.neededBy.length),
          names(index, m.neededBy, neededLimit, tr),
        ]),
        [3],
      ),
      '',
    );
  }

  push(`## ${t_('report:h.leaders')}`, '');
  if (report.leaders.length === 0) push(t_('report:md.noLeaders'), '');
  else {
    const keys = componentKeys(report.leaders);
    const fmt = componentFormats(report.leaders, keys);
    push(
      ...table(
        [
          '#',
          t_('report:col.company'),
          t_('report:col.region'),
          t_('report:col.score'),
          ...keys.map((key) => md(componentLabel(key, tr))),
          t_('report:col.mainSegments'),
          t_('report:col.restsOn'),
        ],
        report.leaders.map((l, i) => [
          String(i + 1),
          companyCell(l),
          md(l.region),
          fixed(l.score),
          ...keys.map((key) => fmt[key]!(l.components?.[key])),
          md(holdingsText(index, l.holdings, 2, tr)),
          l.basis ? md(leaderBasisText(l.basis, tr)) : '',
        ]),
        [0, 3, ...keys.map((_, j) => 4 + j)],
      ),
      '',
    );
  }

  push(`## ${t_('report:h.targets')}`, '');
  if (report.targets.length === 0) push(t_('report:none'), '');
  else {
    const keys = componentKeys(report.targets);
    const fmt = componentFormats(report.targets, keys);
    push(
      ...table(
        [
          '#',
          t_('report:col.company'),
          t_('report:col.region'),
          t_('report:col.segment'),
          t_('report:col.score'),
          ...keys.map((key) => md(componentLabel(key, tr))),
          t_('report:col.why'),
        ],
        report.targets.map((tg, i) => [
          String(i + 1),
          companyCell(tg),
          md(tg.region),
          md(
            t_('report:md.segShare', {
              segment: segmentName(index, tg.segment),
              share: shareText(tg.share ?? null, false, tr),
            }),
          ),
          fixed(tg.score),
          ...keys.map((key) => fmt[key]!(tg.components?.[key])),
          md(targetText(tg, index, tr)),
        ]),
        [0, 4, ...keys.map((_, j) => 5 + j)],
      ),
      '',
    );
  }

  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    push(
      t_('report:maybeLocal', {
        list: maybeLocal
          .map((tg) =>
            md(
              t_('report:maybeLocalItem', {
                name: tg.name,
                segment: segmentName(index, tg.segment),
                share: shareText(tg.share, false, tr),
              }),
            ),
          )
          .join(tr.t('report:join.semicolon')),
      }),
      '',
    );
  }

  const portfolio = reportPortfolio(report);
  if (portfolio) {
    push(`## ${t_('report:h.portfolio')}`, '');
    if (portfolio.picks.length === 0) push(t_('report:portfolio.none'), '');
    else {
      const change = MEASURES.flatMap(([key]) => {
        const a = portfolio.before[key];
        const b = portfolio.after[key];
        return typeof a === 'number' && typeof b === 'number'
          ? [`${measureText(key, tr)} ${pct(a)} → ${pct(b)}`]
          : [];
      });
      const objective = md(measureName(portfolio.objective, tr));
      push(
        t_('report:md.portfolioLede', {
          objective,
          picks: unit(tr, 'pick', portfolio.picks.length),
          change: change.join(tr.t('report:join.semicolon')),
        }),
        '',
        ...table(
          [
            '#',
            t_('report:col.company'),
            t_('report:col.region'),
            t_('report:col.segmentsBrings'),
            t_('report:col.gain'),
            t_('report:col.after', { objective }),
          ],
          portfolio.picks.map((pk, i) => [
            String(i + 1),
            companyCell(pk),
            md(pk.region),
            pk.segments.map((s) => md(segmentName(index, s))).join(tr.t('report:join.segments')),
            `+${pct(pk.gain)}`,
            pct(pk.value),
          ]),
          [0, 4, 5],
        ),
        '',
      );
    }
  }

  const related = reportRelated(report);
  if (related.length > 0) {
    push(
      `## ${t_('report:h.related')}`,
      '',
      t_('report:md.relatedLede'),
      '',
      ...table(
        [
          t_('report:col.segment'),
          t_('report:col.stage'),
          t_('report:col.status'),
          t_('report:col.density'),
          t_('report:col.nearest'),
        ],
        related.map((r) => [
          `${md(r.name)} (${md(r.segment)})`,
          md(stageWord(r.stage, tr)),
          md(statusLabel(r.status, tr)),
          pct(r.density, 0),
          r.nearest
            .map((n) => `${md(n.name)} ${fixed(n.proximity, 2)}`)
            .join(tr.t('common:listSeparator')),
        ]),
        [3],
      ),
      '',
    );
  }

  push(`## ${t_('report:h.critical')}`, '');
  if (report.critical.length === 0) push(t_('report:none'), '');
  else {
    push(
      t_('report:md.criticalLede'),
      '',
      ...table(
        [
          '#',
          t_('report:col.company'),
          t_('report:col.region'),
          t_('report:col.drop'),
          t_('report:col.cutOff'),
          t_('report:col.firmsCutOff'),
        ],
        report.critical.map((cr, i) => [
          String(i + 1),
          companyCell(cr),
          md(cr.region),
          pct(cr.completenessDrop),
          count(cr.cutOff.length),
          names(index, cr.cutOff, neededLimit, tr),
        ]),
        [0, 3, 4],
      ),
      '',
    );
  }

  return out;
}
