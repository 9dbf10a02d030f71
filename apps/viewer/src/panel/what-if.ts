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
import { STAGE_NAMES } from './chain.js';

export interface CompanyChainInfo {
  /** Template name. */
  template: string;
  /** The company's segments (main first); empty: outside the chain. */
  segments: { id: string; name: string; stage: Stage }[];
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

const VARIANTS = [
  ['coverage', 'Coverage'],
  ['redundancy', 'Redundancy-adjusted'],
  ['link', 'Link'],
  ['path', 'Path'],
] as const;

function change(before: number | null, after: number | null): string {
  if (before === null || after === null) return '';
  const d = after - before;
  if (Math.abs(d) < 1e-12) return '±0';
  return `${d > 0 ? '+' : '−'}${(100 * Math.abs(d)).toFixed(1)} pt`;
}

function resultView(data: WhatIfData, actions: WhatIfActions): HTMLElement {
  const { result, names } = data;
  const name = (id: string) => names[id] ?? id;
  const { before, after } = result.completeness;
  const who = result.removed.map((r) => name(r.company)).join('、');
  const cut = result.cutOff;
  return el(
    'div',
    { class: 'what-if-result', attrs: { 'data-testid': 'what-if-result' } },
    el(
      'p',
      { class: cut.length ? 'warn' : '' },
      cut.length
        ? `If ${who} fails, ${count(cut.length)} compan${cut.length === 1 ? 'y is' : 'ies are'} cut off in the cascade.`
        : `If ${who} fails, no other company is cut off: every firm that buys from it has another supplier of that input (or makes it in-house).`,
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
          el('th', null, 'completeness'),
          el('th', { class: 'num' }, 'before'),
          el('th', { class: 'num' }, 'after'),
          el('th', { class: 'num' }, 'change'),
        ),
      ),
      el(
        'tbody',
        null,
        ...VARIANTS.map(([key, label]) =>
          el(
            'tr',
            {
              attrs: { 'data-variant': key },
              class: after[key] < before[key] - 1e-12 ? 'drop' : '',
            },
            el('th', null, label),
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
            el('th', null, `${STAGE_NAMES[s]} (redundancy)`),
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
          `Segments left without a local company: ${result.emptied.map(actions.segmentName).join('、')}.`,
        )
      : null,
    result.segments.length
      ? el(
          'div',
          null,
          el('h5', null, 'Segments that change'),
          el(
            'ul',
            { class: 'entries' },
            ...result.segments.map((s) =>
              el(
                'li',
                null,
                `${s.name}: ${s.before.companies} → ${s.after.companies} firm${s.after.companies === 1 ? '' : 's'}`,
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
                      'Cut off',
                    ),
                },
              },
              `Cut off (${count(cut.length)})`,
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
                  ` round ${f.round}${f.segment ? `, loses ${actions.segmentName(f.segment)}` : ''}`,
                ),
              ),
            ),
          ),
        )
      : null,
    el(
      'p',
      { class: 'muted small' },
      `core whatIf(): cascade θ = ${result.parameters.theta} (a firm fails when it loses ${result.parameters.theta === 1 ? 'all' : `${result.parameters.theta * 100}%`} of its suppliers of an input, by ${result.parameters.shareBy}), in-house inputs ${result.parameters.inHouse ? 'never lost' : 'counted'}, r = ${result.parameters.redundancy}.`,
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
  const children: (Node | null)[] = [el('h4', null, 'In the chain')];
  if (!info) {
    children.push(
      el(
        'p',
        { class: 'muted' },
        'Choose a chain template (left) to see this company in the chain and what its failure would do.',
      ),
    );
  } else {
    children.push(
      info.segments.length
        ? el(
            'ul',
            { class: 'memberships', attrs: { 'data-testid': 'company-segments' } },
            ...info.segments.map((s, i) =>
              el(
                'li',
                null,
                s.name,
                el(
                  'span',
                  { class: 'muted small' },
                  ` ${STAGE_NAMES[s.stage].toLowerCase()}${i === 0 && info.segments.length > 1 ? ' · main segment' : ''}`,
                ),
              ),
            ),
          )
        : el('p', { class: 'muted' }, `Holds no segment of ${info.template}.`),
      ...info.weak.map((w) => el('p', { class: 'weak-note small' }, w)),
      info.criticalRank
        ? el('p', { class: 'small' }, `#${info.criticalRank} among the most critical companies.`)
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
          title: 'Remove this company and run the failure cascade of the chain report',
        },
        'What if this company fails?',
      ),
    ),
  );
  if (state.status === 'no-chain' || !info) {
    (children[children.length - 1] as HTMLElement).querySelector('button')!.disabled = true;
  } else if (state.status === 'running') {
    children.push(el('p', { class: 'muted' }, 'Running the cascade…'));
  } else if (state.status === 'error') {
    children.push(el('p', { class: 'error' }, state.message));
  } else if (state.status === 'ready') {
    children.push(resultView(state.data, actions));
  }
  replace(root, ...children);
}
