/** The chain panel's sections: completeness, gaps, weak links, segments, leaders, targets, critical companies. */
import { count, el, percent } from '../dom.js';
import { figureHint, t, tr } from '../i18n.js';
import type { ChainReport, ReportMissingRole, ReportWeakLink } from './report-types.js';
import {
  STAGES,
  holdingsText,
  indexReport,
  memberText,
  targetText,
  weakLinkText,
} from '@chainlens/core';
import type { ChainPanelActions } from './chain-parts.js';
import {
  WEAK_LINK_KINDS,
  kindLabel,
  kindNote,
  stageName,
  statusLabel,
  bar,
  entry,
  nameList,
  num,
  section,
} from './chain-parts.js';

export function completenessTable(report: ChainReport): HTMLElement {
  const c = report.completeness;
  const r = report.parameters.redundancy;
  // [data-figure key, glossary id, label, value, what it counts]
  const rows: [string, string, string, number | null, string][] = [
    [
      'coverage',
      'coverage',
      t('viewer:figure.coverage'),
      c.coverage,
      t('viewer:figure.coverage.what', {
        present: c.segments.present,
        all: c.segments.all,
      }),
    ],
    [
      'redundancy',
      'redundancy',
      t('viewer:figure.redundancy'),
      c.redundancy,
      t('viewer:figure.redundancy.what', { r }),
    ],
    [
      'link',
      'link',
      t('viewer:figure.link'),
      c.link,
      t('viewer:figure.link.what', { present: c.feeds.present, all: c.feeds.all }),
    ],
    [
      'path',
      'path',
      t('viewer:figure.path'),
      c.path,
      t('viewer:figure.path.what', {
        present: count(c.paths.present),
        all: count(c.paths.all),
      }),
    ],
    [
      'localSupplyRatio',
      'localSupply',
      t('viewer:figure.localSupply'),
      c.localSupplyRatio,
      c.localSupplyRatio === null
        ? t('viewer:figure.localSupply.none')
        : t('viewer:figure.localSupply.what', {
            local: count(c.localSupply.localEdges),
            all: count(c.localSupply.edges),
          }),
    ],
  ];
  return el(
    'table',
    { class: 'figures completeness', attrs: { 'data-testid': 'completeness' } },
    el(
      'tbody',
      null,
      ...rows.map(([key, id, label, v, what]) =>
        el(
          'tr',
          { title: what },
          el('th', null, figureLabel(id, label), el('div', { class: 'muted small' }, what)),
          el('td', { class: 'num', attrs: { 'data-figure': key } }, percent(v)),
          el('td', null, bar(v)),
        ),
      ),
    ),
  );
}

export function stageTable(report: ChainReport): HTMLElement {
  const c = report.completeness;
  return el(
    'table',
    { class: 'figures stages', attrs: { 'data-testid': 'by-stage' } },
    el(
      'thead',
      null,
      el(
        'tr',
        null,
        el('th', null, t('viewer:stages.stage')),
        el('th', { class: 'num' }, t('viewer:stages.present')),
        el('th', { class: 'num' }, figureLabel('coverage', t('viewer:stages.coverage'))),
        el('th', { class: 'num' }, figureLabel('redundancy', t('viewer:stages.redundancy'))),
      ),
    ),
    el(
      'tbody',
      null,
      ...STAGES.map((s) => {
        const f = c.byStage[s];
        return el(
          'tr',
          { attrs: { 'data-stage': s } },
          el('th', null, el('span', { class: `stage-dot stage-${s}` }), stageName(s)),
          el('td', { class: 'num' }, `${f.present} / ${f.segments}`),
          el('td', { class: 'num', attrs: { 'data-figure': 'coverage' } }, percent(f.coverage)),
          el('td', { class: 'num', attrs: { 'data-figure': 'redundancy' } }, percent(f.redundancy)),
        );
      }),
    ),
  );
}

export function gapsSection(
  report: ChainReport,
  actions: ChainPanelActions,
  segmentName: (id: string) => string,
): HTMLElement {
  const name = (id: string) => actions.companyName(id);
  const roles = report.missingRoles as (ReportMissingRole & { externalCompanies?: number })[];
  return section(
    t('viewer:gaps.title', { n: count(roles.length) }),
    'gaps-section',
    roles.length === 0
      ? el('p', { class: 'muted' }, t('viewer:gaps.none'))
      : el(
          'ul',
          { class: 'entries gaps', attrs: { 'data-testid': 'gaps' } },
          ...roles.map((m) => {
            const elsewhere = num(m.externalCompanies);
            const detail: string[] = [];
            if (m.direction === 'upstream') {
              detail.push(
                t('viewer:gaps.inputOf', {
                  count: m.neededBy.length,
                  n: count(m.neededBy.length),
                  names: nameList(m.neededBy, name),
                }),
              );
            } else if (m.direction === 'downstream') {
              detail.push(
                t('viewer:gaps.buyerOf', {
                  count: m.neededBy.length,
                  n: count(m.neededBy.length),
                  names: nameList(m.neededBy, name),
                }),
              );
            } else {
              detail.push(t('viewer:tip.absent'));
            }
            if (elsewhere !== undefined) {
              detail.push(t('viewer:gaps.elsewhere', { count: elsewhere, n: count(elsewhere) }));
            }
            return entry(segmentName(m.segment), detail, m.neededBy, actions, {
              extra: [`ghost:${m.segment}`],
              label: t('viewer:focus.missingLabel', { segment: segmentName(m.segment) }),
              after: el('span', { class: `pill dir-${m.direction}` }, directionLabel(m.direction)),
              testid: `gap-${m.segment}`,
            });
          }),
        ),
  );
}

export function weakLinksSection(
  report: ChainReport,
  actions: ChainPanelActions,
  segmentName: (id: string) => string,
  membersOf: (segment: string) => string[],
): HTMLElement {
  const name = (id: string) => actions.companyName(id);
  const index = indexReport(report);
  const detail = (w: ReportWeakLink) => weakLinkText(w, index, tr());
  const kinds = WEAK_LINK_KINDS;
  const groups = kinds
    .map((k) => [k, report.weakLinks.filter((w) => w.kind === k)] as const)
    .filter(([, list]) => list.length > 0);
  const item = (w: ReportWeakLink) => {
    switch (w.kind) {
      case 'single-source':
        // The entry says it all (the detail repeats it).
        return entry(
          t('viewer:weak.singleSourceEntry', {
            segment: segmentName(w.segment ?? ''),
            company: name(w.company ?? ''),
          }),
          '',
          w.company ? [w.company] : [],
          actions,
        );
      case 'concentrated':
      case 'external-only':
        return entry(segmentName(w.segment ?? ''), detail(w), membersOf(w.segment ?? ''), actions);
      case 'cut-point':
        return entry(name(w.company ?? ''), detail(w), w.company ? [w.company] : [], actions);
      case 'bridge':
        return entry(
          `${name(w.source ?? '')} → ${name(w.target ?? '')}`,
          detail(w),
          [w.source, w.target].filter((x): x is string => !!x),
          actions,
        );
    }
  };
  return section(
    t('viewer:weak.title', { n: count(report.weakLinks.length) }),
    'weak-links',
    groups.length === 0 ? el('p', { class: 'muted' }, t('viewer:weak.none')) : null,
    ...groups.map(([kind, list]) =>
      el(
        'div',
        { class: 'weak-group', attrs: { 'data-kind': kind } },
        el(
          'h5',
          null,
          t('viewer:weak.group', { label: kindLabel(kind), n: count(list.length) }),
          el('span', { class: 'muted small' }, ` ${kindNote(kind)}`),
        ),
        el('ul', { class: 'entries' }, ...list.map(item)),
      ),
    ),
  );
}

export function segmentsSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
  return section(
    t('viewer:segments.title', {
      present: report.completeness.segments.present,
      all: report.segments.length,
    }),
    'segments',
    ...STAGES.flatMap((stage) => {
      const segments = report.segments.filter((s) => s.stage === stage);
      if (segments.length === 0) return [];
      return [
        el('h5', null, stageName(stage)),
        el(
          'ul',
          { class: 'segments' },
          ...segments.map((s) =>
            el(
              'li',
              { class: `status-${s.status}`, attrs: { 'data-segment': s.id } },
              el('span', { class: 'dot' }),
              el(
                'button',
                {
                  class: 'link',
                  on: {
                    click: () =>
                      actions.focusCompanies(
                        s.members.map((m) => m.company),
                        s.name,
                        s.companies === 0 ? [`ghost:${s.id}`] : [],
                      ),
                  },
                },
                s.name,
              ),
              el(
                'span',
                { class: 'muted small' },
                ` ${tr().firms(s.companies)} · ${statusLabel(s.status)}`,
                s.hhi !== null ? ' · ' : null,
                s.hhi !== null ? figureLabel('hhi', `HHI ${s.hhi.toFixed(2)}`) : null,
              ),
              s.members.length > 0
                ? el(
                    'div',
                    { class: 'muted small members' },
                    tr().list(s.members.slice(0, 4).map(memberText)) +
                      (s.members.length > 4 ? ` +${s.members.length - 4}` : ''),
                  )
                : null,
            ),
          ),
        ),
      ];
    }),
  );
}

/** A part of a leader's score. */
function leaderPart(key: string): string {
  switch (key) {
    case 'presence':
      return t('viewer:leaders.presence');
    case 'breadth':
      return t('viewer:leaders.breadth');
    case 'partners':
      return t('viewer:leaders.partners');
    case 'size':
      return t('viewer:leaders.size');
  }
  return key;
}

export function leadersSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
  const shown = report.leaders.slice(0, 10);
  const index = indexReport(report);
  return section(
    figureLabel('leader', t('viewer:leaders.title', { n: count(report.leaders.length) })),
    'leaders',
    report.leaders.length === 0
      ? el('p', { class: 'muted' }, t('viewer:leaders.none'))
      : el(
          'ol',
          { class: 'entries' },
          ...shown.map((l) =>
            entry(
              l.name,
              `${l.region || t('viewer:noRegion')} · ${t('viewer:score', { score: l.score.toFixed(2) })} · ${tr().list(
                Object.entries(l.components).map(([k, v]) => `${leaderPart(k)} ${v.toFixed(2)}`),
              )} · ${holdingsText(index, l.holdings)} · ${basisText(l.basis)}`,
              [l.company],
              actions,
            ),
          ),
        ),
    report.leaders.length > shown.length
      ? el(
          'p',
          { class: 'muted small' },
          t('viewer:leaders.more', { n: count(report.leaders.length - shown.length) }),
        )
      : null,
  );
}

export function targetsSection(
  report: ChainReport,
  actions: ChainPanelActions,
  segmentName: (id: string) => string,
  membersOf: (segment: string) => string[],
): HTMLElement {
  const shown = report.targets.slice(0, 10);
  const index = indexReport(report);
  const missing = new Map(report.missingRoles.map((m) => [m.segment, m]));
  return section(
    figureLabel('target', t('viewer:targets.title', { n: count(report.targets.length) })),
    'targets',
    report.targets.length === 0
      ? el('p', { class: 'muted' }, t('viewer:targets.none'))
      : el(
          'ol',
          { class: 'entries' },
          ...shown.map((x) => {
            const gap = missing.get(x.segment);
            // The companies concerned: those that need the segment (a gap) or hold it (weak).
            const ids = [x.company, ...(gap ? gap.neededBy : membersOf(x.segment))];
            return entry(
              `${x.name} → ${segmentName(x.segment)}`,
              `${x.region || t('viewer:noRegion')} · ${t('viewer:score', { score: x.score.toFixed(2) })}. ${targetText(x, index, tr())}`,
              ids,
              actions,
              { extra: gap ? [`ghost:${x.segment}`] : [] },
            );
          }),
        ),
  );
}

export function criticalSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
  const name = (id: string) => actions.companyName(id);
  const shown = report.critical.slice(0, 10);
  const measure = String(report.parameters.criticalityMeasure ?? 'redundancy');
  return section(
    figureLabel('criticality', t('viewer:critical.title')),
    'critical',
    el(
      'p',
      { class: 'muted small' },
      figureLabel(
        'cascade',
        t('viewer:critical.note', {
          measure: measureLabel(measure),
          theta: report.parameters.theta,
        }),
      ),
    ),
    el(
      'ol',
      { class: 'entries' },
      ...shown.map((k) =>
        entry(
          k.name,
          `−${percent(k.completenessDrop)}; ${k.cutOff.length ? t('viewer:critical.cutsOff', { names: nameList(k.cutOff, name, 4) }) : t('viewer:critical.cutsNobody')}`,
          [k.company, ...k.cutOff],
          actions,
          {
            after: el(
              'button',
              {
                class: 'mini',
                title: t('viewer:whatIf.button'),
                attrs: { 'data-what-if': k.company },
                on: { click: () => actions.whatIf(k.company) },
              },
              t('viewer:critical.whatIf'),
            ),
          },
        ),
      ),
    ),
  );
}

/** A figure's label, with the glossary's one-sentence explanation on hover. */
export function figureLabel(id: string, text: string): HTMLElement {
  return el(
    'span',
    { class: 'figure-label', title: figureHint(id), attrs: { 'data-hint': id } },
    text,
  );
}

function directionLabel(direction: string): string {
  return direction === 'upstream'
    ? t('viewer:direction.upstream')
    : direction === 'downstream'
      ? t('viewer:direction.downstream')
      : t('viewer:direction.absent');
}

function measureLabel(measure: string): string {
  return measure === 'redundancy'
    ? t('viewer:figure.redundancy')
    : measure === 'coverage'
      ? t('viewer:figure.coverage')
      : measure === 'link'
        ? t('viewer:figure.link')
        : measure === 'path'
          ? t('viewer:figure.path')
          : measure;
}

/** What a leader's row rests on, in a few words (links observed or inferred, size, shares). */
function basisText(b: ChainReport['leaders'][number]['basis']): string {
  const parts = [
    b.observedPartners + b.inferredPartners === 0
      ? t('viewer:leaders.noLinks')
      : t('viewer:leaders.links', {
          observed: b.observedPartners,
          inferred: b.inferredPartners,
        }),
    b.sizeKnown ? t('viewer:leaders.sizeKnown') : t('viewer:leaders.sizeUnknown'),
  ];
  if (b.unknownShares > 0) {
    parts.push(t('viewer:leaders.sharesUnknown', { count: b.unknownShares, n: b.unknownShares }));
  }
  return parts.join(t('viewer:separator'));
}

/** The centrality a targeted removal follows, or a cascade's share measure, in words. */
export function measureWord(key: string): string {
  switch (key) {
    case 'degree':
      return t('viewer:measure.degree');
    case 'out-degree':
      return t('viewer:measure.outDegree');
    case 'pagerank':
      return t('viewer:measure.pagerank');
    case 'pagerank-reverse':
      return t('viewer:measure.pagerankReverse');
    case 'weight':
      return t('viewer:measure.weight');
    case 'count':
      return t('viewer:measure.count');
  }
  return key;
}
