/**
 * The table sections of report.html, in page order: leading firms, critical companies, weak
 * links, missing roles, targets, portfolio, related segments and segments by stage.
 */
import { STAGES } from '../../graph/types.js';
import type { ChainReport } from '../types.js';
import { dataHtml as dh, escapeHtml as h } from './escape.js';
import type { ReportIndex } from './model.js';
import { targetText, weakLinkText } from './sentences.js';
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
  memberText,
  shareText,
  pct,
  segmentName,
  stageTitle,
  stageWord,
} from './model.js';
import { glossaryTip } from './glossary.js';
import { unit } from './words.js';
import { KIND_GLOSSARY, companyCell, nameList, num, statusChip, tableHtml } from './html-cells.js';

/** The HTML of the table sections, one string per piece, as `renderHtml` joins them. */
export function tableSections(
  report: ChainReport,
  index: ReportIndex,
  limit: number,
  tr: Translator,
): string[] {
  const t_ = (key: string, vars?: Record<string, unknown>) => h(tr.t(key, vars));
  /** A label with the glossary's `.what` sentence as its tooltip. */
  const tip = (id: string) => ` title="${h(glossaryTip(id, tr))}"`;
  const p = report.parameters;
  const body: string[] = [];
  const push = (...s: string[]) => body.push(...s);

  // Leading firms.
  push(`<section id="leaders"><h2${tip('leader')}>${t_('report:h.leaders')}</h2>`);
  if (report.leaders.length === 0) push(`<p class="empty">${t_('report:html.noLeaders')}</p>`);
  else {
    const keys = componentKeys(report.leaders);
    const fmt = componentFormats(report.leaders, keys);
    push(
      `<p class="lede">${t_('report:html.leadersLede')}</p>`,
      tableHtml(
        'table-leaders',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.score'), true],
          ...keys.map((key): [string, boolean] => [h(componentLabel(key, tr)), true]),
          [t_('report:col.mainSegments')],
          [t_('report:col.restsOn')],
        ],
        report.leaders.map(
          (l, i) =>
            `<tr>${num(String(i + 1))}${companyCell(l)}<td>${h(l.region)}</td>${num(fixed(l.score), 'score')}${keys.map((key) => num(fmt[key]!(l.components?.[key]), key)).join('')}<td data-col="holdings">${h(holdingsText(index, l.holdings, 2, tr))}</td><td data-col="basis" class="dim">${l.basis ? h(leaderBasisText(l.basis, tr)) : ''}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Critical companies.
  push(`<section id="critical"><h2${tip('criticality')}>${t_('report:h.critical')}</h2>`);
  if (report.critical.length === 0) push(`<p class="empty">${t_('report:none')}</p>`);
  else {
    push(
      `<p class="lede">${t_('report:html.criticalLede', { theta: p.theta })}</p>`,
      tableHtml(
        'table-critical',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.drop'), true],
          [t_('report:col.cutOff'), true],
          [t_('report:col.firmsCutOff')],
        ],
        report.critical.map(
          (cr, i) =>
            `<tr>${num(String(i + 1))}${companyCell(cr)}<td>${h(cr.region)}</td>${num(pct(cr.completenessDrop), 'drop')}${num(count(cr.cutOff.length), 'cutoff')}<td>${nameList(index, cr.cutOff, limit, undefined, tr)}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Weak links and missing roles.
  push(`<section id="weak-links"><h2>${t_('report:h.weakLinks')}</h2>`);
  if (report.weakLinks.length === 0) push(`<p class="empty">${t_('report:none.found')}</p>`);
  else {
    push(
      tableHtml(
        'table-weak-links',
        [
          [t_('report:col.kind')],
          [t_('report:col.segment')],
          [t_('report:col.companyEdge')],
          [t_('report:col.detail')],
        ],
        report.weakLinks.map((w) => {
          const who = [
            w.company !== undefined ? dh(companyName(index, w.company)) : '',
            w.source !== undefined || w.target !== undefined
              ? `${dh(companyName(index, w.source ?? '?'))} → ${dh(companyName(index, w.target ?? '?'))}`
              : '',
          ]
            .filter(Boolean)
            .join(' · ');
          return `<tr><td data-col="kind"${KIND_GLOSSARY[w.kind] ? tip(KIND_GLOSSARY[w.kind]!) : ''}>${h(kindLabel(w.kind, tr))}</td><td data-col="segment">${w.segment !== undefined ? dh(segmentName(index, w.segment)) : '<span class="dim">—</span>'}</td><td>${who || '<span class="dim">—</span>'}</td><td data-col="detail">${h(weakLinkText(w, index, tr))}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  push(`<section id="missing-roles"><h2>${t_('report:h.missingRoles')}</h2>`);
  if (report.missingRoles.length === 0) push(`<p class="empty">${t_('report:html.noMissing')}</p>`);
  else {
    push(
      `<p class="lede">${t_('report:html.missingLede')}</p>`,
      tableHtml(
        'table-missing-roles',
        [
          [t_('report:col.segment')],
          [t_('report:col.stage')],
          [t_('report:col.direction')],
          [t_('report:col.neededBy'), true],
          [t_('report:col.firmsNeeding')],
        ],
        report.missingRoles.map((m) => {
          const seg = index.segments.get(m.segment);
          return `<tr><td data-col="segment">${dh(segmentName(index, m.segment))}</td><td>${seg ? h(stageWord(seg.stage, tr)) : ''}</td><td data-col="direction">${seg ? statusChip(seg.status, tr) : h(tr.t(`report:direction.${m.direction}`, { defaultValue: m.direction }))}</td>${num(count(m.neededBy.length), 'needed')}<td>${nameList(index, m.neededBy, limit, undefined, tr)}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  // Targets.
  push(`<section id="targets"><h2${tip('target')}>${t_('report:h.targetsHtml')}</h2>`);
  if (report.targets.length === 0) push(`<p class="empty">${t_('report:html.noTargets')}</p>`);
  else {
    const keys = componentKeys(report.targets);
    const fmt = componentFormats(report.targets, keys);
    const span = 4 + keys.length;
    push(
      `<p class="lede">${t_('report:html.targetsLede')}</p>`,
      tableHtml(
        'table-targets',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.segment')],
          [t_('report:col.score'), true],
          ...keys.map((key): [string, boolean] => [h(componentLabel(key, tr)), true]),
        ],
        report.targets.map(
          (tg, i) =>
            `<tr class="main">${num(String(i + 1))}${companyCell(tg)}<td>${h(tg.region)}</td><td data-col="segment">${dh(segmentName(index, tg.segment))} <span class="dim">${h(shareText(tg.share ?? null, false, tr))}</span></td>${num(fixed(tg.score), 'score')}${keys.map((key) => num(fmt[key]!(tg.components?.[key]), key)).join('')}</tr>` +
            `<tr class="why-row"><td></td><td colspan="${span}" class="why" data-col="explanation">${h(targetText(tg, index, tr))}</td></tr>`,
        ),
        'targets',
      ),
    );
  }
  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    push(
      `<p class="lede" id="targets-maybe-local">${t_('report:maybeLocal', {
        list: maybeLocal
          .map((tg) =>
            tr.t('report:maybeLocalItem', {
              name: tg.name,
              segment: segmentName(index, tg.segment),
              share: shareText(tg.share, false, tr),
            }),
          )
          .join(tr.t('report:join.semicolon')),
      })}</p>`,
    );
  }
  push('</section>');

  // Portfolio (an addition to DESIGN §6: greedy picks with before/after completeness).
  const portfolio = reportPortfolio(report);
  if (portfolio) {
    push(`<section id="portfolio"><h2>${t_('report:h.portfolio')}</h2>`);
    if (portfolio.picks.length === 0) push(`<p class="empty">${t_('report:portfolio.none')}</p>`);
    else {
      const change = MEASURES.map(([key]) => {
        const a = portfolio.before[key];
        const b = portfolio.after[key];
        return typeof a === 'number' && typeof b === 'number'
          ? `<span class="delta" data-measure="${key}"><b${tip(key)}>${h(measureText(key, tr))}</b> ${pct(a)} → ${pct(b)}</span>`
          : '';
      }).join('');
      const objective = measureName(portfolio.objective, tr);
      push(
        `<p class="lede">${t_('report:html.portfolioLede', { objective, picks: unit(tr, 'pick', portfolio.picks.length) })}</p><p class="deltas">${change}</p>`,
        tableHtml(
          'table-portfolio',
          [
            ['#', true],
            [t_('report:col.company')],
            [t_('report:col.region')],
            [t_('report:col.segmentsBrings')],
            [t_('report:col.gain'), true],
            [t_('report:col.after', { objective }), true],
          ],
          portfolio.picks.map(
            (p, i) =>
              `<tr>${num(String(i + 1))}${companyCell(p)}<td>${h(p.region)}</td><td>${p.segments.map((s) => dh(segmentName(index, s))).join(h(tr.t('report:join.segments')))}</td>${num(`+${pct(p.gain)}`, 'gain')}${num(pct(p.value), 'value')}</tr>`,
          ),
        ),
      );
    }
    push('</section>');
  }

  // Related segments (an addition: density of absent segments, 延链).
  const related = reportRelated(report);
  if (related.length > 0) {
    push(
      `<section id="related"><h2${tip('density')}>${t_('report:h.related')}</h2>`,
      `<p class="lede">${t_('report:html.relatedLede')}</p>`,
      tableHtml(
        'table-related',
        [
          [t_('report:col.segment')],
          [t_('report:col.stage')],
          [t_('report:col.status')],
          [t_('report:col.density'), true],
          [t_('report:col.nearest')],
        ],
        related.map(
          (r) =>
            `<tr><td data-col="segment">${h(r.name)}</td><td>${h(stageWord(r.stage, tr))}</td><td>${statusChip(r.status, tr)}</td>${num(pct(r.density, 0), 'density')}<td>${r.nearest.map((n) => `${dh(n.name)} <span class="dim">${fixed(n.proximity, 2)}</span>`).join('、') || '<span class="dim">—</span>'}</td></tr>`,
        ),
      ),
      '</section>',
    );
  }
  push('</section>');

  // Segments.
  push(`<section id="segments"><h2>${t_('report:h.segments')}</h2>`);
  for (const stage of STAGES) {
    const segs = index.byStage[stage];
    if (segs.length === 0) continue;
    push(
      `<h3>${h(stageTitle(stage, tr))} <span class="dim">· ${h(unit(tr, 'segment', segs.length))}</span></h3>`,
      tableHtml(
        `table-segments-${stage}`,
        [
          [t_('report:col.segment')],
          [t_('report:col.status')],
          [t_('report:col.companies'), true],
          [`<span${tip('hhi')}>${t_('report:col.hhi')}</span>`, true],
          [t_('report:col.localCompaniesHtml')],
        ],
        segs.map(
          (s) =>
            `<tr data-segment="${h(s.id)}"><td data-col="segment"><span class="co">${dh(s.name)}</span><span class="id">${dh(s.id)}</span></td><td>${statusChip(s.status, tr)}</td>${num(count(s.companies), 'companies')}${num(fixed(s.hhi, 2), 'hhi')}<td>${nameList(
              index,
              (s.members ?? []).map((m) => m.company),
              limit,
              (_, i) => memberText(s.members[i]!, tr),
              tr,
            )}</td></tr>`,
        ),
        'segs',
      ),
    );
  }
  push('</section>');

  return body;
}
