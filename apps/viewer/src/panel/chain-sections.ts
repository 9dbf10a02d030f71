/** The chain panel's sections: completeness, gaps, weak links, segments, leaders, targets, critical companies. */
import { count, el, percent } from '../dom.js';
import type {
  ChainReport,
  ReportMissingRole,
  ReportWeakLink,
  WeakLinkKind,
} from './report-types.js';
import { STAGES, holdingsText, indexReport, leaderBasisText, memberText } from '@chainlens/core';
import type { ChainPanelActions } from './chain-parts.js';
import {
  KIND_LABELS,
  KIND_NOTES,
  STATUS_LABELS,
  STAGE_NAMES,
  bar,
  entry,
  nameList,
  num,
  section,
} from './chain-parts.js';

export function completenessTable(report: ChainReport): HTMLElement {
  const c = report.completeness;
  const r = report.parameters.redundancy;
  const rows: [string, string, number | null, string][] = [
    [
      'coverage',
      'Coverage',
      c.coverage,
      `${c.segments.present} of ${c.segments.all} segments have a local company (weighted)`,
    ],
    [
      'redundancy',
      'Redundancy-adjusted',
      c.redundancy,
      `each segment counts min(1, n/${r}): one firm is half covered`,
    ],
    ['link', 'Link', c.link, `${c.feeds.present} of ${c.feeds.all} feeds have both ends local`],
    [
      'path',
      'Path',
      c.path,
      `${count(c.paths.present)} of ${count(c.paths.all)} source-to-end paths run entirely through local segments`,
    ],
    [
      'localSupplyRatio',
      'Local supply ratio',
      c.localSupplyRatio,
      c.localSupplyRatio === null
        ? 'the chain firms buy nothing in the data'
        : `${count(c.localSupply.localEdges)} of ${count(c.localSupply.edges)} supply links into the chain firms are local (by value)`,
    ],
  ];
  return el(
    'table',
    { class: 'figures completeness', attrs: { 'data-testid': 'completeness' } },
    el(
      'tbody',
      null,
      ...rows.map(([key, label, v, what]) =>
        el(
          'tr',
          { title: what },
          el('th', null, label, el('div', { class: 'muted small' }, what)),
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
        el('th', null, 'stage'),
        el('th', { class: 'num' }, 'present'),
        el('th', { class: 'num' }, 'coverage'),
        el('th', { class: 'num' }, 'redundancy'),
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
          el('th', null, el('span', { class: `stage-dot stage-${s}` }), STAGE_NAMES[s]),
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
    `Gaps: missing roles (${roles.length})`,
    'gaps-section',
    roles.length === 0
      ? el('p', { class: 'muted' }, 'Every segment of the chain has a local company.')
      : el(
          'ul',
          { class: 'entries gaps', attrs: { 'data-testid': 'gaps' } },
          ...roles.map((m) => {
            const elsewhere = num(m.externalCompanies);
            const detail: string[] = [];
            if (m.direction === 'upstream') {
              detail.push(
                `input of ${count(m.neededBy.length)} local compan${m.neededBy.length === 1 ? 'y' : 'ies'}: ${nameList(m.neededBy, name)}`,
              );
            } else if (m.direction === 'downstream') {
              detail.push(
                `buyer of ${count(m.neededBy.length)} local compan${m.neededBy.length === 1 ? 'y' : 'ies'}: ${nameList(m.neededBy, name)}`,
              );
            } else {
              detail.push('no local company feeds it or needs it');
            }
            if (elsewhere !== undefined) {
              detail.push(`; held by ${count(elsewhere)} companies elsewhere in the data`);
            }
            return entry(segmentName(m.segment), detail, m.neededBy, actions, {
              extra: [`ghost:${m.segment}`],
              label: `Missing ${segmentName(m.segment)}`,
              after: el('span', { class: `pill dir-${m.direction}` }, m.direction),
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
  const kinds = Object.keys(KIND_LABELS) as WeakLinkKind[];
  const groups = kinds
    .map((k) => [k, report.weakLinks.filter((w) => w.kind === k)] as const)
    .filter(([, list]) => list.length > 0);
  const item = (w: ReportWeakLink) => {
    switch (w.kind) {
      case 'single-source':
        // The entry says it all (the detail repeats it).
        return entry(
          `${segmentName(w.segment ?? '')}: ${name(w.company ?? '')}`,
          '',
          w.company ? [w.company] : [],
          actions,
        );
      case 'concentrated':
      case 'external-only':
        return entry(segmentName(w.segment ?? ''), w.detail, membersOf(w.segment ?? ''), actions);
      case 'cut-point':
        return entry(name(w.company ?? ''), w.detail, w.company ? [w.company] : [], actions);
      case 'bridge':
        return entry(
          `${name(w.source ?? '')} → ${name(w.target ?? '')}`,
          w.detail,
          [w.source, w.target].filter((x): x is string => !!x),
          actions,
        );
    }
  };
  return section(
    `Weak links (${report.weakLinks.length})`,
    'weak-links',
    groups.length === 0 ? el('p', { class: 'muted' }, 'No weak link found.') : null,
    ...groups.map(([kind, list]) =>
      el(
        'div',
        { class: 'weak-group', attrs: { 'data-kind': kind } },
        el(
          'h5',
          null,
          `${KIND_LABELS[kind]} (${list.length})`,
          el('span', { class: 'muted small' }, ` ${KIND_NOTES[kind]}`),
        ),
        el('ul', { class: 'entries' }, ...list.map(item)),
      ),
    ),
  );
}

export function segmentsSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
  return section(
    `Segments (${report.completeness.segments.present} of ${report.segments.length} present)`,
    'segments',
    ...STAGES.flatMap((stage) => {
      const segments = report.segments.filter((s) => s.stage === stage);
      if (segments.length === 0) return [];
      return [
        el('h5', null, STAGE_NAMES[stage]),
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
                ` ${count(s.companies)} firm${s.companies === 1 ? '' : 's'} · ${STATUS_LABELS[s.status]}${s.hhi !== null ? ` · HHI ${s.hhi.toFixed(2)}` : ''}`,
              ),
              s.members.length > 0
                ? el(
                    'div',
                    { class: 'muted small members' },
                    s.members.slice(0, 4).map(memberText).join('、') +
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

export const LEADER_PARTS: Record<string, string> = {
  presence: 'presence',
  breadth: 'breadth',
  partners: 'local partners',
  size: 'size',
};

export function leadersSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
  const shown = report.leaders.slice(0, 10);
  const index = indexReport(report);
  return section(
    `Leading firms (${report.leaders.length})`,
    'leaders',
    report.leaders.length === 0
      ? el('p', { class: 'muted' }, 'No chain firm in the cluster.')
      : el(
          'ol',
          { class: 'entries' },
          ...shown.map((l) =>
            entry(
              l.name,
              `${l.region || 'no region'} · score ${l.score.toFixed(2)} · ${Object.entries(
                l.components,
              )
                .map(([k, v]) => `${LEADER_PARTS[k] ?? k} ${v.toFixed(2)}`)
                .join(', ')} · ${holdingsText(index, l.holdings)} · ${leaderBasisText(l.basis)}`,
              [l.company],
              actions,
            ),
          ),
        ),
    report.leaders.length > shown.length
      ? el(
          'p',
          { class: 'muted small' },
          `${report.leaders.length - shown.length} more in report.json.`,
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
  const missing = new Map(report.missingRoles.map((m) => [m.segment, m]));
  return section(
    `Targets to attract (${report.targets.length})`,
    'targets',
    report.targets.length === 0
      ? el('p', { class: 'muted' }, 'No candidate outside the cluster.')
      : el(
          'ol',
          { class: 'entries' },
          ...shown.map((t) => {
            const gap = missing.get(t.segment);
            // The companies concerned: those that need the segment (a gap) or hold it (weak).
            const ids = [t.company, ...(gap ? gap.neededBy : membersOf(t.segment))];
            return entry(
              `${t.name} → ${segmentName(t.segment)}`,
              `${t.region || 'no region'} · score ${t.score.toFixed(2)}. ${t.explanation}`,
              ids,
              actions,
              { extra: gap ? [`ghost:${t.segment}`] : [] },
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
    'Most critical companies',
    'critical',
    el(
      'p',
      { class: 'muted small' },
      `Completeness (${measure}) lost if the company fails, with the firms its failure cuts off (cascade θ = ${report.parameters.theta}).`,
    ),
    el(
      'ol',
      { class: 'entries' },
      ...shown.map((k) =>
        entry(
          k.name,
          `−${percent(k.completenessDrop)}${k.cutOff.length ? `; cuts off ${nameList(k.cutOff, name, 4)}` : '; cuts nobody off'}`,
          [k.company, ...k.cutOff],
          actions,
          {
            after: el(
              'button',
              {
                class: 'mini',
                title: 'What if this company fails?',
                attrs: { 'data-what-if': k.company },
                on: { click: () => actions.whatIf(k.company) },
              },
              'what if',
            ),
          },
        ),
      ),
    ),
  );
}
