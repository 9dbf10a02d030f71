/**
 * The chain panel: the report of core's `analyze()` (report.json of DESIGN §6) as an analyst
 * reads it — completeness overall and per stage, the gaps (missing roles, with the local
 * companies that need them), weak links by kind, the segments with their status, leading firms,
 * targets with their explanations, the most critical companies and the resilience curves.
 * Every figure is the report's own (formatted, never recomputed). Clicking an entry asks the
 * page to focus the graph on the companies it concerns; a critical company's "what if" runs the
 * cascade. Text only ever enters as text nodes (dom.ts).
 */
import type { Stage } from '@chainlens/core';
import { STAGES, holdingsText, indexReport, leaderBasisText, memberText } from '@chainlens/core';
import { count, el, percent, replace } from '../dom.js';
import type { ChainAnalysis } from '../protocol.js';
import { provinceMapSection } from './province-map.js';
import type {
  ChainReport,
  ReportMissingRole,
  ReportWeakLink,
  SegmentStatus,
  WeakLinkKind,
} from './report-types.js';

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

const KIND_NOTES: Record<WeakLinkKind, string> = {
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

function bar(value: number | null): HTMLElement {
  const b = el('span', { class: 'bar' }, el('span', { class: 'fill' }));
  (b.firstChild as HTMLElement).style.width =
    `${value === null ? 0 : Math.max(0, Math.min(1, value)) * 100}%`;
  return b;
}

/** A clickable entry: its text focuses the graph on `ids` (and `extra` node keys). */
function entry(
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

function section(title: string, testid: string, ...children: (Node | null)[]): HTMLElement {
  return el(
    'details',
    { class: 'chain-section', attrs: { open: '', 'data-testid': testid } },
    el('summary', null, title),
    ...children,
  );
}

/** "A, B and 3 more" */
function nameList(ids: string[], name: (id: string) => string, limit = 6): string {
  const shown = ids.slice(0, limit).map(name);
  const rest = ids.length - shown.length;
  return rest > 0 ? `${shown.join('、')} and ${rest} more` : shown.join('、');
}

const num = (x: unknown): number | undefined => (typeof x === 'number' ? x : undefined);

function completenessTable(report: ChainReport): HTMLElement {
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

function stageTable(report: ChainReport): HTMLElement {
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

function gapsSection(
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

function weakLinksSection(
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

function segmentsSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
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

const LEADER_PARTS: Record<string, string> = {
  presence: 'presence',
  breadth: 'breadth',
  partners: 'local partners',
  size: 'size',
};

function leadersSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
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

function targetsSection(
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

function criticalSection(report: ChainReport, actions: ChainPanelActions): HTMLElement {
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

const SVG = 'http://www.w3.org/2000/svg';

function svg<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

/** The resilience curves (redundancy-adjusted completeness as firms are removed). */
function resilienceSection(report: ChainReport): HTMLElement {
  const { random, targeted, R } = report.resilience;
  const w = 300;
  const h = 110;
  const pad = { l: 30, r: 6, t: 6, b: 20 };
  const n = Math.max(random.length, targeted.length);
  const line = (values: number[], color: string, dash = '') => {
    const points = values
      .map((v, i) => {
        const x = pad.l + (n > 1 ? i / (n - 1) : 0) * (w - pad.l - pad.r);
        const y = pad.t + (1 - v) * (h - pad.t - pad.b);
        return `${x.toFixed(1)},${y.toFixed(1)}`;
      })
      .join(' ');
    return svg('polyline', {
      points,
      fill: 'none',
      stroke: color,
      'stroke-width': 1.8,
      ...(dash ? { 'stroke-dasharray': dash } : {}),
    });
  };
  const chart = svg('svg', { viewBox: `0 0 ${w} ${h}`, width: '100%', role: 'img' });
  chart.append(
    svg('line', { x1: pad.l, y1: h - pad.b, x2: w - pad.r, y2: h - pad.b, stroke: '#c9d0d8' }),
    svg('line', { x1: pad.l, y1: pad.t, x2: pad.l, y2: h - pad.b, stroke: '#c9d0d8' }),
    line(random, '#3a7dc9'),
    line(targeted, '#c2312f', '4 3'),
  );
  const label = (x: number, y: number, text: string, anchor = 'start') => {
    const t = svg('text', { x, y, 'font-size': 9, fill: '#66717f', 'text-anchor': anchor });
    t.textContent = text;
    return t;
  };
  chart.append(
    label(pad.l - 3, pad.t + 7, '100%', 'end'),
    label(pad.l - 3, h - pad.b, '0', 'end'),
    label(pad.l, h - 6, 'firms removed →'),
    label(w - pad.r, h - 6, String(n - 1), 'end'),
  );
  return section(
    'Resilience',
    'resilience',
    chart,
    el(
      'p',
      { class: 'small' },
      el('span', { class: 'key random' }),
      `random failures: R = ${R.random.toFixed(3)}  `,
      el('span', { class: 'key targeted' }),
      `targeted (by ${String(report.resilience.centrality ?? 'degree')}): R = ${R.targeted.toFixed(3)}`,
    ),
    el(
      'p',
      { class: 'muted small' },
      'Redundancy-adjusted completeness as chain firms fail one by one (with cascades); R is the area under the curve: higher is more robust.',
    ),
  );
}

/** The provenance warning when supply figures rest on inferred relations. */
function provenanceNote(report: ChainReport): HTMLElement | null {
  const ls = report.completeness.localSupply;
  if (ls.edges === 0 || ls.inferredEdges === 0) return null;
  return el(
    'p',
    { class: 'notice small', attrs: { 'data-testid': 'provenance' } },
    ls.inferredEdges === ls.edges
      ? `All ${count(ls.edges)} supply links into the chain firms are inferred from products (B makes an input of what A makes), not observed: weak links, local supply and cascades rest on them.`
      : `${count(ls.inferredEdges)} of ${count(ls.edges)} supply links into the chain firms are inferred from products, not observed.`,
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
        `${clusterLabel} · ${count(report.cluster.companies)} companies, ${count(report.cluster.chainCompanies)} in the chain · ${report.template.segments} segments, ${report.template.feeds} feeds`,
      ),
    ),
    provenanceNote(report) ?? '',
    ...notes.map((n) => el('p', { class: 'muted small' }, n)),
    section('Completeness', 'completeness-section', completenessTable(report), stageTable(report)),
    provinceMapSection(report) ?? '',
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
      `@chainlens/core analyze(), report.json schema ${report.schemaVersion}: r = ${p.redundancy}, τ = ${p.hhiThreshold}, θ = ${p.theta}, supply = ${p.supplyTypes.join(' + ')}, seed ${p.seed}; ${count(report.communities.count)} supply communities (modularity ${report.communities.modularity.toFixed(2)}).`,
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
        el(
          'p',
          { class: 'muted', attrs: { 'data-testid': 'chain-running' } },
          `Analysing the cluster against ${state.template}${state.step ? `: ${state.step}` : ''}…`,
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
      `Missing role (缺链) of ${report.template.name}: no company of the cluster holds this ${segment ? STAGE_NAMES[segment.stage].toLowerCase() : ''} segment.`,
    ),
    el(
      'p',
      null,
      role.direction === 'upstream'
        ? `An input missing upstream: ${count(role.neededBy.length)} local compan${role.neededBy.length === 1 ? 'y buys' : 'ies buy'} it from outside the cluster.`
        : role.direction === 'downstream'
          ? `A buyer missing downstream: ${count(role.neededBy.length)} local compan${role.neededBy.length === 1 ? 'y sells' : 'ies sell'} into it outside the cluster.`
          : 'No local company feeds it or needs it (absent).',
    ),
    elsewhere !== undefined
      ? el('p', { class: 'muted' }, `${count(elsewhere)} companies elsewhere in the data hold it.`)
      : null,
    role.neededBy.length
      ? el(
          'section',
          { class: 'neighbours' },
          el(
            'h4',
            null,
            el('button', { class: 'link', on: { click: () => actions.focus() } }, 'Needed by'),
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
          el('h4', null, 'Companies that could fill it (targets)'),
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
                  el('div', { class: 'muted small' }, t.explanation),
                ),
              ),
          ),
        )
      : null,
  );
}
