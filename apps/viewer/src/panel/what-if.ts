/**
 * The chain part of a company's details: its segments in the chain (main one first), the weak
 * links that name it, and "what if this company fails": a button that runs core's `whatIf()`
 * in the worker (the report's cascade model) and shows who is cut off and how every
 * completeness variant drops, before → after, overall and per stage.
 */
import { STAGES } from '@chainlens/core';
import type { Stage } from '@chainlens/core';
import { count, el, percent, replace } from '../dom.js';
import type { WhatIfData } from '../protocol.js';
import { stageName } from './chain.js';
import { measureWord } from './chain-sections.js';
import { t, tr } from '../i18n.js';

export interface CompanyChainInfo {
  /** Template name. */
  template: string;
  /** The cluster's name. */
  cluster: string;
  /**
   * The company's segments, largest share first (its main one first): once the worker answered,
   * those it holds anywhere in the dataset, with shares (null: unknown).
   */
  segments: {
    id: string;
    name: string;
    stage: Stage;
    share: number | null;
    shareUnknown: boolean;
  }[];
  /** Whether it lies in the cluster (undefined until the worker answered). */
  inCluster?: boolean;
  /** Firms of the cluster that buy from it, and how many of them hold a segment. */
  localCustomers?: number;
  localChainCustomers?: number;
  /** Weak-link sentences naming the company. */
  weak: string[];
  /** Rank among the report's most critical companies (1-based), if listed. */
  criticalRank?: number;
}

export type WhatIfState =
  | { status: 'no-chain' }
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'error'; message: string }
  | { status: 'ready'; data: WhatIfData };

export interface WhatIfActions {
  run(): void;
  /** Focus the graph on these companies. */
  focus(ids: string[], label: string): void;
  openCompany(id: string): void;
  segmentName(id: string): string;
}

const VARIANTS = ['coverage', 'redundancy', 'link', 'path'] as const;

function variantLabel(key: (typeof VARIANTS)[number]): string {
  return key === 'coverage'
    ? t('viewer:figure.coverage')
    : key === 'redundancy'
      ? t('viewer:figure.redundancy')
      : key === 'link'
        ? t('viewer:figure.link')
        : t('viewer:figure.path');
}

function change(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = after - before;
  if (Math.abs(d) < 1e-12) return '±0';
  return t('viewer:whatIf.points', {
    sign: d > 0 ? '+' : '−',
    value: (100 * Math.abs(d)).toFixed(1),
  });
}

/** The headline of a what-if: who is cut off, or why nobody is (outside firm, no local buyer). */
function headline(data: WhatIfData, info: CompanyChainInfo): string {
  const { result, names } = data;
  const who = tr().list(result.removed.map((r) => names[r.company] ?? r.company));
  const cut = result.cutOff;
  const outside = result.removed.length === 1 && !result.removed[0]!.inCluster;
  const buyers = info.localCustomers;
  const vars = {
    who,
    cluster: info.cluster,
    count: buyers ?? 0,
    n: count(buyers ?? 0),
    chain: count(info.localChainCustomers ?? 0),
  };
  if (cut.length) {
    const line = t('viewer:whatIf.cut', { who, count: cut.length, n: count(cut.length) });
    return outside && buyers !== undefined
      ? `${t('viewer:whatIf.outsideCut', vars)} ${line}`
      : line;
  }
  if (buyers === undefined) return t('viewer:whatIf.noCut', { who });
  if (outside) {
    return buyers > 0
      ? t('viewer:whatIf.outsideBuyers', vars)
      : t('viewer:whatIf.outsideNoBuyers', vars);
  }
  return buyers > 0 ? t('viewer:whatIf.noCut', { who }) : t('viewer:whatIf.noBuyers', { who });
}

function resultView(data: WhatIfData, info: CompanyChainInfo, actions: WhatIfActions): HTMLElement {
  const { result, names } = data;
  const name = (id: string) => names[id] ?? id;
  const { before, after } = result.completeness;
  const cut = result.cutOff;
  return el(
    'div',
    { class: 'what-if-result', attrs: { 'data-testid': 'what-if-result' } },
    el(
      'p',
      { class: cut.length ? 'warn' : '', attrs: { 'data-testid': 'what-if-headline' } },
      headline(data, info),
    ),
    el(
      'table',
      { class: 'figures', attrs: { 'data-testid': 'what-if-completeness' } },
      el(
        'thead',
        null,
        el(
          'tr',
          null,
          el('th', null, t('viewer:whatIf.completeness')),
          el('th', { class: 'num' }, t('viewer:whatIf.before')),
          el('th', { class: 'num' }, t('viewer:whatIf.after')),
          el('th', { class: 'num' }, t('viewer:whatIf.change')),
        ),
      ),
      el(
        'tbody',
        null,
        ...VARIANTS.map((key) =>
          el(
            'tr',
            {
              attrs: { 'data-variant': key },
              class: after[key] < before[key] - 1e-12 ? 'drop' : '',
            },
            el('th', null, variantLabel(key)),
            el('td', { class: 'num', attrs: { 'data-when': 'before' } }, percent(before[key])),
            el('td', { class: 'num', attrs: { 'data-when': 'after' } }, percent(after[key])),
            el('td', { class: 'num delta' }, change(before[key], after[key])),
          ),
        ),
        ...STAGES.map((s: Stage) =>
          el(
            'tr',
            {
              attrs: { 'data-variant': `stage:${s}` },
              class: `stage-row${(after.byStage[s].redundancy ?? 0) < (before.byStage[s].redundancy ?? 0) - 1e-12 ? ' drop' : ''}`,
            },
            el('th', null, t('viewer:whatIf.stageRow', { stage: stageName(s) })),
            el(
              'td',
              { class: 'num', attrs: { 'data-when': 'before' } },
              percent(before.byStage[s].redundancy),
            ),
            el(
              'td',
              { class: 'num', attrs: { 'data-when': 'after' } },
              percent(after.byStage[s].redundancy),
            ),
            el(
              'td',
              { class: 'num delta' },
              change(before.byStage[s].redundancy, after.byStage[s].redundancy),
            ),
          ),
        ),
      ),
    ),
    result.emptied.length
      ? el(
          'p',
          { class: 'error small', attrs: { 'data-testid': 'what-if-emptied' } },
          t('viewer:whatIf.emptied', {
            segments: tr().list(result.emptied.map(actions.segmentName)),
          }),
        )
      : null,
    result.segments.length
      ? el(
          'div',
          null,
          el('h5', null, t('viewer:whatIf.segments')),
          el(
            'ul',
            { class: 'entries' },
            ...result.segments.map((s) =>
              el(
                'li',
                null,
                t('viewer:whatIf.segmentChange', {
                  name: s.name,
                  before: s.before.companies,
                  count: s.after.companies,
                  n: count(s.after.companies),
                }),
                el(
                  'span',
                  { class: 'muted small' },
                  ` (HHI ${s.before.hhi === null ? '–' : s.before.hhi.toFixed(2)} → ${s.after.hhi === null ? '–' : s.after.hhi.toFixed(2)})`,
                ),
              ),
            ),
          ),
        )
      : null,
    cut.length
      ? el(
          'div',
          null,
          el(
            'h5',
            null,
            el(
              'button',
              {
                class: 'link',
                on: {
                  click: () =>
                    actions.focus(
                      cut.map((f) => f.company),
                      t('viewer:whatIf.cutOff'),
                    ),
                },
              },
              t('viewer:whatIf.cutOffN', { n: count(cut.length) }),
            ),
          ),
          el(
            'ul',
            { class: 'entries', attrs: { 'data-testid': 'what-if-cut-off' } },
            ...cut.map((f) =>
              el(
                'li',
                { attrs: { 'data-company': f.company } },
                el(
                  'button',
                  { class: 'link', on: { click: () => actions.openCompany(f.company) } },
                  name(f.company),
                ),
                el(
                  'span',
                  { class: 'muted small' },
                  ` ${
                    f.segment
                      ? t('viewer:whatIf.roundLoses', {
                          round: f.round,
                          segment: actions.segmentName(f.segment),
                        })
                      : t('viewer:whatIf.round', { round: f.round })
                  }`,
                ),
              ),
            ),
          ),
        )
      : null,
    el(
      'p',
      { class: 'muted small' },
      t(result.parameters.inHouse ? 'viewer:whatIf.footnoteInHouse' : 'viewer:whatIf.footnote', {
        theta: result.parameters.theta,
        share:
          result.parameters.theta === 1
            ? t('viewer:whatIf.all')
            : `${result.parameters.theta * 100}%`,
        by: measureWord(result.parameters.shareBy),
        r: result.parameters.redundancy,
      }),
    ),
  );
}

/** Renders the company's chain section and its what-if into `root`. */
export function renderCompanyChain(
  root: HTMLElement,
  info: CompanyChainInfo | null,
  state: WhatIfState,
  actions: WhatIfActions,
): void {
  const children: (Node | null)[] = [el('h4', null, t('viewer:whatIf.inChain'))];
  if (!info) {
    children.push(el('p', { class: 'muted' }, t('viewer:whatIf.choose')));
  } else {
    const known = info.inCluster !== undefined;
    children.push(
      known
        ? el(
            'p',
            {
              class: info.inCluster ? '' : 'warn',
              attrs: {
                'data-testid': 'company-in-cluster',
                'data-in-cluster': String(info.inCluster),
              },
            },
            t(info.inCluster ? 'viewer:holdings.inside' : 'viewer:holdings.outside', {
              cluster: info.cluster,
            }),
          )
        : null,
      known && info.segments.length
        ? el('p', { class: 'small' }, t('viewer:holdings.segments', { template: info.template }))
        : null,
      info.segments.length
        ? el(
            'ul',
            { class: 'memberships', attrs: { 'data-testid': 'company-segments' } },
            ...info.segments.map((s, i) =>
              el(
                'li',
                { attrs: { 'data-segment': s.id } },
                s.name,
                el(
                  'span',
                  { class: 'muted small' },
                  ` ${t(`common:stage.${s.stage}`)}${
                    known
                      ? ` · ${s.share === null ? t('viewer:details.shareUnknown') : percent(s.share)}`
                      : ''
                  }${i === 0 && info.segments.length > 1 ? ` · ${t('viewer:whatIf.main')}` : ''}`,
                ),
              ),
            ),
          )
        : known
          ? el('p', { class: 'muted' }, t('viewer:whatIf.noSegment', { template: info.template }))
          : null,
      info.localCustomers === undefined
        ? null
        : el(
            'p',
            { class: 'small', attrs: { 'data-testid': 'company-buyers' } },
            info.localCustomers > 0
              ? t('viewer:holdings.buyers', {
                  count: info.localCustomers,
                  n: count(info.localCustomers),
                  chain: count(info.localChainCustomers ?? 0),
                })
              : t('viewer:holdings.noBuyers'),
          ),
      ...info.weak.map((w) => el('p', { class: 'weak-note small' }, w)),
      info.criticalRank
        ? el('p', { class: 'small' }, t('viewer:whatIf.rank', { rank: info.criticalRank }))
        : null,
    );
  }
  children.push(
    el(
      'div',
      { class: 'row' },
      el(
        'button',
        {
          class: 'primary',
          attrs: { 'data-testid': 'what-if' },
          on: { click: () => actions.run() },
          title: t('viewer:whatIf.title'),
        },
        t('viewer:whatIf.button'),
      ),
    ),
  );
  if (state.status === 'no-chain' || !info) {
    (children[children.length - 1] as HTMLElement).querySelector('button')!.disabled = true;
  } else if (state.status === 'running') {
    children.push(el('p', { class: 'muted' }, t('viewer:whatIf.running')));
  } else if (state.status === 'error') {
    children.push(el('p', { class: 'error' }, state.message));
  } else if (state.status === 'ready') {
    children.push(resultView(state.data, info, actions));
  }
  replace(root, ...children);
}
