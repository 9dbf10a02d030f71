/**
 * The chain panel: the report of core's `analyze()` (report.json of DESIGN §6) as an analyst
 * reads it — completeness overall and per stage, the gaps (missing roles, with the local
 * companies that need them), weak links by kind, the segments with their status, leading firms,
 * targets with their explanations, the most critical companies and the resilience curves.
 * Every figure is the report's own (formatted, never recomputed). Clicking an entry asks the
 * page to focus the graph on the companies it concerns; a critical company's "what if" runs the
 * cascade. Text only ever enters as text nodes (dom.ts).
 */
import { count, el, replace } from '../dom.js';
import { t, tr } from '../i18n.js';
import type { ChainAnalysis } from '../protocol.js';
import type { ChainReport, ReportMissingRole } from './report-types.js';
import type { ChainPanelActions, ChainPanelState } from './chain-parts.js';
import { num, section } from './chain-parts.js';
import { provinceMapSection } from './province-map.js';
import { indexReport, targetText } from '@chainlens/core';
import { resilienceSection } from './chain-resilience.js';
import {
  completenessTable,
  criticalSection,
  gapsSection,
  leadersSection,
  segmentsSection,
  stageTable,
  targetsSection,
  weakLinksSection,
} from './chain-sections.js';

export type { ChainPanelActions, ChainPanelState } from './chain-parts.js';
export { kindLabel, stageName, statusLabel } from './chain-parts.js';

function provenanceNote(report: ChainReport): HTMLElement | null {
  const ls = report.completeness.localSupply;
  if (ls.edges === 0 || ls.inferredEdges === 0) return null;
  return el(
    'p',
    { class: 'notice small', attrs: { 'data-testid': 'provenance' } },
    ls.inferredEdges === ls.edges
      ? t('viewer:chain.inferredAll', { n: count(ls.edges) })
      : t('viewer:chain.inferredSome', { inferred: count(ls.inferredEdges), n: count(ls.edges) }),
  );
}

function renderReport(
  analysis: ChainAnalysis,
  clusterLabel: string,
  notes: string[],
  actions: ChainPanelActions,
): HTMLElement[] {
  const { report } = analysis;
  const segmentNames = new Map(report.segments.map((s) => [s.id, s.name]));
  const segmentName = (id: string) => segmentNames.get(id) ?? id;
  const members = new Map(report.segments.map((s) => [s.id, s.members.map((m) => m.company)]));
  const membersOf = (id: string) => members.get(id) ?? [];
  const p = report.parameters;
  return [
    el(
      'div',
      { class: 'chain-head', attrs: { 'data-testid': 'chain-report' } },
      el('h3', null, report.template.name),
      el(
        'p',
        { class: 'muted' },
        t('viewer:chain.head', {
          cluster: clusterLabel,
          companies: tr().firms(report.cluster.companies),
          chain: tr().firms(report.cluster.chainCompanies),
          segments: report.template.segments,
          feeds: report.template.feeds,
        }),
      ),
    ),
    provenanceNote(report) ?? '',
    ...notes.map((n) => el('p', { class: 'muted small' }, n)),
    section(
      t('viewer:chain.completeness'),
      'completeness-section',
      completenessTable(report),
      stageTable(report),
    ),
    provinceMapSection(report, tr()) ?? '',
    gapsSection(report, actions, segmentName),
    weakLinksSection(report, actions, segmentName, membersOf),
    segmentsSection(report, actions),
    leadersSection(report, actions),
    targetsSection(report, actions, segmentName, membersOf),
    criticalSection(report, actions),
    resilienceSection(report),
    el(
      'p',
      { class: 'muted small footnote' },
      t('viewer:chain.footnote', {
        schema: report.schemaVersion,
        r: p.redundancy,
        tau: p.hhiThreshold,
        theta: p.theta,
        supply: p.supplyTypes.map((x) => t(`viewer:relation.${x}`)).join(' + '),
        seed: p.seed,
        communities: count(report.communities.count),
        modularity: report.communities.modularity.toFixed(2),
      }),
    ),
  ].filter((x): x is HTMLElement => typeof x !== 'string');
}

/** Renders the panel for a state. */
export function renderChainPanel(
  root: HTMLElement,
  state: ChainPanelState,
  actions: ChainPanelActions,
): void {
  switch (state.status) {
    case 'no-template':
      replace(root, el('p', { class: 'muted' }, t('viewer:chain.choose')));
      return;
    case 'running':
      replace(
        root,
        el(
          'p',
          { class: 'muted', attrs: { 'data-testid': 'chain-running' } },
          state.step
            ? t('viewer:chain.runningStep', { template: state.template, step: state.step })
            : t('viewer:chain.running', { template: state.template }),
        ),
      );
      return;
    case 'error':
      replace(
        root,
        el('p', { class: 'error', attrs: { 'data-testid': 'chain-error' } }, state.message),
      );
      return;
    case 'ready':
      replace(
        root,
        ...renderReport(state.analysis, state.clusterLabel, state.notes ?? [], actions),
      );
  }
}

export interface MissingRoleActions {
  openCompany(id: string): void;
  companyName(id: string): string;
  /** Focus the graph on the ghost node and the companies that need it. */
  focus(): void;
}

/** A ghost node's details (company tab): the missing role, who needs it, the targets for it. */
export function renderMissingRole(
  root: HTMLElement,
  role: ReportMissingRole,
  report: ChainReport,
  actions: MissingRoleActions,
): void {
  const segment = report.segments.find((s) => s.id === role.segment);
  const elsewhere = num((role as { externalCompanies?: unknown }).externalCompanies);
  const targets = report.targets.filter((t) => t.segment === role.segment);
  const index = indexReport(report);
  replace(
    root,
    el(
      'h3',
      { class: 'company-name', attrs: { 'data-testid': 'missing-role' } },
      `${segment?.name ?? role.segment}`,
    ),
    el(
      'p',
      { class: 'muted' },
      t('viewer:missing.intro', {
        template: report.template.name,
        stage: segment ? t(`common:stage.${segment.stage}`) : '',
      }),
    ),
    el(
      'p',
      null,
      role.direction === 'upstream'
        ? t('viewer:missing.upstream', {
            count: role.neededBy.length,
            n: count(role.neededBy.length),
          })
        : role.direction === 'downstream'
          ? t('viewer:missing.downstream', {
              count: role.neededBy.length,
              n: count(role.neededBy.length),
            })
          : t('viewer:missing.absent'),
    ),
    elsewhere !== undefined
      ? el(
          'p',
          { class: 'muted' },
          t('viewer:missing.elsewhere', { count: elsewhere, n: count(elsewhere) }),
        )
      : null,
    role.neededBy.length
      ? el(
          'section',
          { class: 'neighbours' },
          el(
            'h4',
            null,
            el(
              'button',
              { class: 'link', on: { click: () => actions.focus() } },
              t('viewer:missing.neededBy'),
            ),
            ` (${count(role.neededBy.length)})`,
          ),
          el(
            'ul',
            { class: 'links', attrs: { 'data-testid': 'needed-by' } },
            ...role.neededBy.map((id) =>
              el(
                'li',
                null,
                el(
                  'button',
                  { class: 'link', on: { click: () => actions.openCompany(id) } },
                  actions.companyName(id),
                ),
              ),
            ),
          ),
        )
      : null,
    targets.length
      ? el(
          'section',
          null,
          el('h4', null, t('viewer:missing.targets')),
          el(
            'ol',
            { class: 'entries' },
            ...targets
              .slice(0, 8)
              .map((t) =>
                el(
                  'li',
                  null,
                  el(
                    'button',
                    { class: 'link', on: { click: () => actions.openCompany(t.company) } },
                    t.name,
                  ),
                  el('div', { class: 'muted small' }, targetText(t, index, tr())),
                ),
              ),
          ),
        )
      : null,
  );
}
