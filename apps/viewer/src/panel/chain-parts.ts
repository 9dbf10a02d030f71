/** The chain panel's pieces: its state and actions, labels, entries, sections, bars. */
import { count, el } from '../dom.js';
import type { ChainAnalysis } from '../protocol.js';
import type { SegmentStatus, WeakLinkKind } from './report-types.js';
import type { Stage } from '@chainlens/core';
import { t, tr } from '../i18n.js';
import { stageLabel } from '../graph/chain.js';

export type ChainPanelState =
  | { status: 'no-template' }
  | { status: 'running'; template: string; step?: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; analysis: ChainAnalysis; clusterLabel: string; notes?: string[] };

export interface ChainPanelActions {
  /**
   * Focus the graph on these company ids (an entry's companies); `extra` are other node keys to
   * include (a ghost node).
   */
  focusCompanies(ids: string[], label: string, extra?: string[]): void;
  /** Name of a company id, for display (the id itself when unknown). */
  companyName(id: string): string;
  /** Run "what if this company fails". */
  whatIf(id: string): void;
}

/** A segment's status, as the segment list names it. */
export function statusLabel(status: SegmentStatus): string {
  switch (status) {
    case 'present':
      return t('viewer:segment.present');
    case 'weak':
      return t('viewer:segment.weak');
    case 'missing-upstream':
      return t('viewer:segment.missingUpstream');
    case 'missing-downstream':
      return t('viewer:segment.missingDownstream');
    case 'absent':
      return t('viewer:segment.absent');
  }
}

export const WEAK_LINK_KINDS: readonly WeakLinkKind[] = [
  'single-source',
  'concentrated',
  'cut-point',
  'bridge',
  'external-only',
];

/** A kind of weak link, as a heading. */
export function kindLabel(kind: WeakLinkKind): string {
  switch (kind) {
    case 'single-source':
      return t('viewer:kind.singleSource');
    case 'concentrated':
      return t('viewer:kind.concentrated');
    case 'cut-point':
      return t('viewer:kind.cutPoint');
    case 'bridge':
      return t('viewer:kind.bridge');
    case 'external-only':
      return t('viewer:kind.externalOnly');
  }
  return kind;
}

/** What a kind of weak link means, after its heading. */
export function kindNote(kind: WeakLinkKind): string {
  switch (kind) {
    case 'single-source':
      return t('viewer:kind.singleSource.note');
    case 'concentrated':
      return t('viewer:kind.concentrated.note');
    case 'cut-point':
      return t('viewer:kind.cutPoint.note');
    case 'bridge':
      return t('viewer:kind.bridge.note');
    case 'external-only':
      return t('viewer:kind.externalOnly.note');
  }
  return '';
}

/** A stage's name (Upstream / 上游). */
export function stageName(stage: Stage): string {
  return stageLabel(stage);
}

export function bar(value: number | null): HTMLElement {
  const b = el('span', { class: 'bar' }, el('span', { class: 'fill' }));
  (b.firstChild as HTMLElement).style.width =
    `${value === null ? 0 : Math.max(0, Math.min(1, value)) * 100}%`;
  return b;
}

/** A clickable entry: its text focuses the graph on `ids` (and `extra` node keys). */
export function entry(
  text: string,
  detail: (string | Node)[] | string,
  ids: string[],
  actions: ChainPanelActions,
  options: { extra?: string[]; label?: string; after?: Node | null; testid?: string } = {},
): HTMLElement {
  const details = typeof detail === 'string' ? (detail ? [detail] : []) : detail;
  return el(
    'li',
    options.testid ? { attrs: { 'data-testid': options.testid } } : null,
    el(
      'button',
      {
        class: 'link',
        on: { click: () => actions.focusCompanies(ids, options.label ?? text, options.extra) },
        attrs: {
          'data-companies': ids.join(','),
          ...(options.extra?.length ? { 'data-nodes': options.extra.join(',') } : {}),
        },
        title: t('viewer:chain.focusTitle'),
      },
      text,
    ),
    options.after ?? null,
    details.length ? el('div', { class: 'muted small' }, ...details) : null,
  );
}

export function section(
  title: string | Node,
  testid: string,
  ...children: (Node | null)[]
): HTMLElement {
  return el(
    'details',
    { class: 'chain-section', attrs: { open: '', 'data-testid': testid } },
    el('summary', null, title),
    ...children,
  );
}

/** "A, B and 3 more" */
export function nameList(ids: string[], name: (id: string) => string, limit = 6): string {
  const shown = ids.slice(0, limit).map(name);
  const rest = ids.length - shown.length;
  return rest > 0
    ? t('viewer:chain.andMore', { names: tr().list(shown), count: rest, n: count(rest) })
    : tr().list(shown);
}

export const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
