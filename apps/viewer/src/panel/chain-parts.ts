/** The chain panel's pieces: its state and actions, labels, entries, sections, bars. */
import { el } from '../dom.js';
import type { ChainAnalysis } from '../protocol.js';
import type { SegmentStatus, WeakLinkKind } from './report-types.js';
import type { Stage } from '@chainlens/core';

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

export const STATUS_LABELS: Record<SegmentStatus, string> = {
  present: 'present',
  weak: 'weak',
  'missing-upstream': 'missing upstream',
  'missing-downstream': 'missing downstream',
  absent: 'absent',
};

export const KIND_LABELS: Record<WeakLinkKind, string> = {
  'single-source': 'Single source',
  concentrated: 'Concentrated',
  'cut-point': 'Cut points',
  bridge: 'Bridges',
  'external-only': 'Bought only from outside',
};

export const KIND_NOTES: Record<WeakLinkKind, string> = {
  'single-source': 'segments held by one local company: a single point of failure',
  concentrated: 'segments whose local shares are concentrated (HHI above τ)',
  'cut-point': 'companies that hold the local supply web together',
  bridge: 'the only supply link between two groups of local firms',
  'external-only': 'segments the cluster holds whose local buyers buy them only from outside',
};

export const STAGE_NAMES: Record<Stage, string> = {
  upstream: 'Upstream',
  midstream: 'Midstream',
  downstream: 'Downstream',
};

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
        title: 'Focus the graph on the companies concerned',
      },
      text,
    ),
    options.after ?? null,
    details.length ? el('div', { class: 'muted small' }, ...details) : null,
  );
}

export function section(title: string, testid: string, ...children: (Node | null)[]): HTMLElement {
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
  return rest > 0 ? `${shown.join('、')} and ${rest} more` : shown.join('、');
}

export const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);
