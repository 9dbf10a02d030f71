/**
 * The chain panel: renders a chain report of the DESIGN §6 shape (report.json, as core's
 * `analyze()` returns it): completeness overall and per stage, segments with their status, the
 * gaps (missing roles), weak links, leading firms, targets and the most critical companies.
 * Clicking an entry asks the page to focus the graph on the companies it names.
 *
 * Until `analyze()` exists the worker answers `analyze` with `not-available`, and this panel
 * says so; it never shows figures it did not get from the engine.
 */
import { STAGES } from '@chainlens/core';
import { count, el, percent, replace } from '../dom.js';
import type { ChainReport, SegmentStatus } from './report-types.js';

export type ChainPanelState =
  | { status: 'no-template' }
  | { status: 'running'; template: string }
  | { status: 'unavailable'; message: string }
  | { status: 'error'; message: string }
  | { status: 'ready'; report: ChainReport };

export interface ChainPanelActions {
  /** Focus the graph on these company ids (an entry's companies). */
  focusCompanies(ids: string[], label: string): void;
  /** Name of a company id, for display (the id itself when unknown). */
  companyName(id: string): string;
}

export const STATUS_LABELS: Record<SegmentStatus, string> = {
  present: 'present',
  weak: 'weak',
  'missing-upstream': 'missing upstream',
  'missing-downstream': 'missing downstream',
  absent: 'absent',
};

function bar(value: number): HTMLElement {
  const b = el('span', { class: 'bar' }, el('span', { class: 'fill' }));
  (b.firstChild as HTMLElement).style.width = `${Math.max(0, Math.min(1, value)) * 100}%`;
  return b;
}

function entry(
  text: string,
  detail: string,
  ids: string[],
  actions: ChainPanelActions,
): HTMLElement {
  return el(
    'li',
    null,
    el(
      'button',
      {
        class: 'link',
        on: { click: () => actions.focusCompanies(ids, text) },
        attrs: { 'data-companies': ids.join(',') },
      },
      text,
    ),
    detail ? el('div', { class: 'muted small' }, detail) : null,
  );
}

function renderReport(report: ChainReport, actions: ChainPanelActions): HTMLElement[] {
  const c = report.completeness;
  const name = (id: string) => actions.companyName(id);
  const segmentName = new Map(report.segments.map((s) => [s.id, s.name]));
  const seg = (id: string | undefined) => (id ? (segmentName.get(id) ?? id) : '');
  const out: HTMLElement[] = [];
  out.push(
    el(
      'p',
      { class: 'muted' },
      `${report.template.name ?? report.template.id} · ${report.cluster.id} · ${count(report.cluster.companies)} companies · seed ${report.parameters.seed}`,
    ),
    el(
      'table',
      { class: 'figures', attrs: { 'data-testid': 'completeness' } },
      el(
        'tbody',
        null,
        ...(
          [
            ['Coverage', c.coverage],
            ['Redundancy-adjusted', c.redundancy],
            ['Link', c.link],
            ['Path', c.path],
            ['Local supply ratio', c.localSupplyRatio],
          ] as const
        ).map(([label, v]) =>
          el(
            'tr',
            null,
            el('th', null, label),
            el('td', { class: 'num', attrs: { 'data-figure': label } }, percent(v)),
            el('td', null, bar(v)),
          ),
        ),
      ),
    ),
    el('h4', null, 'By stage'),
    el(
      'table',
      { class: 'figures' },
      el(
        'thead',
        null,
        el(
          'tr',
          null,
          el('th', null, 'stage'),
          el('th', null, 'coverage'),
          el('th', null, 'redundancy'),
        ),
      ),
      el(
        'tbody',
        null,
        ...STAGES.map((s) =>
          el(
            'tr',
            null,
            el('th', null, s),
            el('td', { class: 'num' }, percent(c.byStage[s].coverage)),
            el('td', { class: 'num' }, percent(c.byStage[s].redundancy)),
          ),
        ),
      ),
    ),
  );
  for (const stage of STAGES) {
    const segments = report.segments.filter((s) => s.stage === stage);
    if (segments.length === 0) continue;
    out.push(
      el('h4', null, `Segments: ${stage}`),
      el(
        'ul',
        { class: 'segments' },
        ...segments.map((s) =>
          el(
            'li',
            { class: `status-${s.status}` },
            el('span', { class: 'dot' }),
            el('span', null, s.name),
            el(
              'span',
              { class: 'muted small' },
              ` ${count(s.companies)} firms · ${STATUS_LABELS[s.status]}${Number.isFinite(s.hhi) ? ` · HHI ${s.hhi.toFixed(2)}` : ''}`,
            ),
          ),
        ),
      ),
    );
  }
  if (report.missingRoles.length) {
    out.push(
      el('h4', null, `Gaps (${report.missingRoles.length})`),
      el(
        'ul',
        { class: 'entries', attrs: { 'data-testid': 'gaps' } },
        ...report.missingRoles.map((m) =>
          entry(
            `${seg(m.segment)} (${m.direction})`,
            m.neededBy.length ? `needed by ${m.neededBy.map(name).join(', ')}` : '',
            m.neededBy,
            actions,
          ),
        ),
      ),
    );
  }
  if (report.weakLinks.length) {
    out.push(
      el('h4', null, `Weak links (${report.weakLinks.length})`),
      el(
        'ul',
        { class: 'entries' },
        ...report.weakLinks.map((w) => {
          const ids = [w.company, w.source, w.target].filter((x): x is string => !!x);
          const what = w.company
            ? name(w.company)
            : w.source && w.target
              ? `${name(w.source)} → ${name(w.target)}`
              : seg(w.segment);
          return entry(`${w.kind}: ${what}`, w.detail, ids, actions);
        }),
      ),
    );
  }
  if (report.leaders.length) {
    out.push(
      el('h4', null, 'Leading firms'),
      el(
        'ol',
        { class: 'entries' },
        ...report.leaders
          .slice(0, 20)
          .map((l) => entry(name(l.company), `score ${l.score.toFixed(3)}`, [l.company], actions)),
      ),
    );
  }
  if (report.targets.length) {
    out.push(
      el('h4', null, 'Targets'),
      el(
        'ol',
        { class: 'entries' },
        ...report.targets
          .slice(0, 20)
          .map((t) =>
            entry(`${name(t.company)} → ${seg(t.segment)}`, t.explanation, [t.company], actions),
          ),
      ),
    );
  }
  if (report.critical.length) {
    out.push(
      el('h4', null, 'Most critical'),
      el(
        'ol',
        { class: 'entries' },
        ...report.critical
          .slice(0, 20)
          .map((k) =>
            entry(
              name(k.company),
              `completeness −${percent(k.completenessDrop)}; cuts off ${count(k.cutOff.length)}`,
              [k.company, ...k.cutOff],
              actions,
            ),
          ),
      ),
    );
  }
  return out;
}

/** Renders the panel for a state. */
export function renderChainPanel(
  root: HTMLElement,
  state: ChainPanelState,
  actions: ChainPanelActions,
): void {
  switch (state.status) {
    case 'no-template':
      replace(
        root,
        el(
          'p',
          { class: 'muted' },
          'Choose a chain template (left) to judge the cluster against it: completeness per stage, gaps, weak links, leading firms and targets.',
        ),
      );
      return;
    case 'running':
      replace(
        root,
        el('p', { class: 'muted' }, `Analysing the cluster against ${state.template}…`),
      );
      return;
    case 'unavailable':
      replace(
        root,
        el('p', { class: 'notice', attrs: { 'data-testid': 'chain-unavailable' } }, state.message),
      );
      return;
    case 'error':
      replace(root, el('p', { class: 'error' }, state.message));
      return;
    case 'ready':
      replace(root, ...renderReport(state.report, actions));
  }
}
