/**
 * report.md: the terminal summary of a chain analysis as GitHub-flavoured Markdown (headings and
 * pipe tables), readable on a code-hosting site. Every piece of data text goes through
 * `escapeMarkdown`, so a company name cannot break a table row or inject HTML.
 */
import { STAGES } from '../../graph/types.js';
import type { ChainReport } from '../types.js';
import { escapeMarkdown as md } from './escape.js';
import type { Translator } from '../../i18n/translator.js';
import {
  STATUSES,
  clusterLabel,
  count,
  orderName,
  fixed,
  indexReport,
  memberText,
  pct,
  resilienceX,
  stageTitle,
  stageWord,
  statusLabel,
  statusMeaning,
} from './model.js';
import { glossaryMarkdown } from './glossary.js';
import { EN, unit } from './words.js';
import { asOfText, limitsText, paramKey, paramValue, supplyTypesText } from './param-text.js';
import { analysisSections, table } from './markdown-sections.js';

/** Options of `renderMarkdown`. */
export interface MarkdownOptions {
  /** `members` number [8]: companies listed per segment before "and N more". */
  members?: number;
  /** `neededBy` number [6]: companies listed per missing role before "and N more". */
  neededBy?: number;
  /** `tr` Translator [English]: the language of every heading, label and sentence. */
  tr?: Translator;
}

/**
 * Renders a ChainReport as Markdown: header (dataset, cluster, template, parameters),
 * completeness (each variant overall and by stage, local supply ratio with its inferred
 * edges), segments by stage with status and companies, weak links, missing roles with who needs
 * them, leading firms with their score components, targets with their explanations, critical
 * companies with cut-off counts, resilience R, communities and data counts.
 */
export function renderMarkdown(report: ChainReport, options: MarkdownOptions = {}): string {
  const memberLimit = options.members ?? 8;
  const neededLimit = options.neededBy ?? 6;
  const tr = options.tr ?? EN;
  const t_ = (key: string, vars?: Record<string, unknown>) => tr.t(key, vars);
  const index = indexReport(report);
  const { completeness: k, template: t, dataset: d, cluster: c, parameters: p } = report;
  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  const label = (key: string) => `- **${t_('report:labelColon', { label: t_(key) })}**`;
  push(
    `# ${t_('report:md.title', { template: md(t.name), cluster: md(clusterLabel(c.id, tr)) })}`,
    '',
  );
  push(
    `${label('report:label.dataset')} ${t_('report:md.dataset', { name: md(d.name), companies: unit(tr, 'company', d.companies), relations: unit(tr, 'relationAny', d.relations) })}`,
    `${label('report:label.cluster')} ${t_('report:md.cluster', { id: md(clusterLabel(c.id, tr)), companies: unit(tr, 'company', c.companies), chain: count(c.chainCompanies) })}`,
    ...(asOfText(d.asOf, tr) === undefined
      ? []
      : [`${label('report:label.asOf')} ${md(asOfText(d.asOf, tr)!)}`]),
    `${label('report:label.template')} ${t_('report:md.template', {
      id: md(t.id),
      name: md(t.name),
      segments: unit(tr, 'segment', t.segments),
      stages: STAGES.map((s) =>
        t_('report:md.stageCount', { n: count(t.byStage?.[s] ?? 0), stage: stageWord(s, tr) }),
      ).join(tr.t('report:join.comma')),
      feeds: unit(tr, 'feed', index.hasFeeds ? index.feeds.length : Number(t.feeds)),
    })}`,
    `${label('report:label.generated')} ${t_('report:md.generated', { name: md(report.generator.name), version: md(report.generator.version), schema: report.schemaVersion })}`,
    '',
  );

  push(`## ${t_('report:h.parameters')}`, '');
  const known = [
    'seed',
    'redundancy',
    'hhiThreshold',
    'theta',
    'supplyTypes',
    'resilienceOrder',
    'limits',
  ];
  const paramRows: string[][] = [
    [t_('report:param.seed'), md(p.seed)],
    [t_('report:param.redundancy'), md(p.redundancy)],
    [t_('report:param.hhi'), md(p.hhiThreshold)],
    [t_('report:param.theta'), md(p.theta)],
    [t_('report:param.supplyTypes'), md(supplyTypesText(p.supplyTypes ?? [], tr))],
    [t_('report:param.resilienceOrder'), md(orderName(p.resilienceOrder, tr))],
    [t_('report:param.limits'), md(limitsText(p.limits ?? {}, tr))],
  ];
  for (const [key, v] of Object.entries(p)) {
    if (!known.includes(key)) paramRows.push([md(paramKey(key, tr)), md(paramValue(key, v, tr))]);
  }
  push(...table([t_('report:col.parameter'), t_('report:col.value')], paramRows), '');

  push(`## ${t_('report:h.completeness')}`, '');
  const stageCell = (stage: (typeof STAGES)[number], key: 'coverage' | 'redundancy') => {
    const f = k.byStage?.[stage];
    if (!f || f.segments === 0) return '—';
    return key === 'coverage'
      ? `${pct(f.coverage)} (${f.present}/${f.segments})`
      : pct(f.redundancy);
  };
  const inferred = k.localSupply?.inferredEdges ?? 0;
  const edges = k.localSupply?.edges ?? 0;
  push(
    ...table(
      [
        t_('report:col.measure'),
        t_('report:col.wholeChain'),
        ...STAGES.map((s) => stageWord(s, tr)),
      ],
      [
        [
          t_('report:k.coverage'),
          `${pct(k.coverage)} (${k.segments.present}/${k.segments.all})`,
          ...STAGES.map((s) => stageCell(s, 'coverage')),
        ],
        [
          t_('report:k.redundancy', { r: md(p.redundancy) }),
          pct(k.redundancy),
          ...STAGES.map((s) => stageCell(s, 'redundancy')),
        ],
        [t_('report:k.link'), `${pct(k.link)} (${k.feeds.present}/${k.feeds.all})`, '', '', ''],
        [
          t_('report:k.path'),
          `${pct(k.path)} (${count(k.paths.present)}/${count(k.paths.all)})`,
          '',
          '',
          '',
        ],
        [t_('report:k.lsrValue'), pct(k.localSupply?.byValue ?? k.localSupplyRatio), '', '', ''],
        [
          t_('report:k.lsrCount'),
          t_('report:k.lsrCountCell', {
            pct: pct(k.localSupply?.byCount),
            local: count(k.localSupply?.localEdges),
            edges: unit(tr, 'supplyEdge', edges),
          }),
          '',
          '',
          '',
        ],
      ],
      [1, 2, 3, 4],
    ),
    '',
  );
  if (edges > 0) {
    push(
      t_('report:md.inferredNote', {
        count: inferred,
        n: count(inferred),
        edges: unit(tr, 'supplyEdge', edges),
      }),
      '',
    );
  }

  push(`## ${t_('report:h.segments')}`, '');
  push(
    t_('report:md.statusLegend', {
      items: STATUSES.map((s) =>
        t_('report:md.statusItem', { label: statusLabel(s, tr), meaning: statusMeaning(s, tr) }),
      ).join(tr.t('report:join.semicolon')),
    }),
    '',
  );
  for (const stage of STAGES) {
    const segs = index.byStage[stage];
    if (segs.length === 0) continue;
    const present = segs.filter((s) => s.companies > 0).length;
    push(
      `### ${t_('report:md.stageHeading', { stage: stageTitle(stage, tr), segments: unit(tr, 'segment', segs.length), present: count(present) })}`,
      '',
    );
    push(
      ...table(
        [
          t_('report:col.segment'),
          t_('report:col.status'),
          t_('report:col.companies'),
          t_('report:col.hhi'),
          t_('report:col.localCompanies'),
        ],
        segs.map((s) => {
          const members = s.members ?? [];
          const shown = members.slice(0, memberLimit).map((m) => md(memberText(m, tr)));
          const more = members.length - shown.length;
          return [
            `${md(s.name)} (${md(s.id)})`,
            md(statusLabel(s.status, tr)),
            count(s.companies),
            fixed(s.hhi, 2),
            shown.join(tr.t('common:listSeparator')) +
              (more > 0 ? tr.t('report:andMore', { n: count(more) }) : ''),
          ];
        }),
        [2, 3],
      ),
      '',
    );
  }

  push(...analysisSections(report, index, neededLimit, tr));

  push(`## ${t_('report:h.resilience')}`, '');
  const r = report.resilience;
  push(
    t_('report:md.resilience', {
      random: fixed(r.R.random),
      targeted: fixed(r.R.targeted),
      order: md(orderName(p.resilienceOrder, tr)),
    }),
    '',
  );
  const xs = resilienceX(report);
  if (xs.length > 1) {
    const rows: string[][] = [];
    for (const target of [0, 0.1, 0.25, 0.5, 0.75, 1]) {
      let best = 0;
      for (let i = 1; i < xs.length; i++)
        if (Math.abs(xs[i]! - target) < Math.abs(xs[best]! - target)) best = i;
      if (rows.length > 0 && rows[rows.length - 1]![0] === pct(xs[best], 0)) continue;
      rows.push([pct(xs[best], 0), pct(r.random[best]), pct(r.targeted[best])]);
    }
    push(
      ...table(
        [t_('report:col.removed'), t_('report:col.random'), t_('report:col.targeted')],
        rows,
        [0, 1, 2],
      ),
      '',
    );
  }

  push(`## ${t_('report:h.communities')}`, '');
  push(
    t_('report:md.communities', {
      communities: unit(tr, 'community', report.communities.count),
      seed: md(report.communities.seed),
      modularity: fixed(report.communities.modularity),
    }),
    '',
  );

  push(`## ${t_('report:h.data')}`, '');
  push(
    ...table(
      [t_('report:col.item'), t_('report:col.count')],
      [
        [t_('report:data.companies'), count(d.companies)],
        [t_('report:data.relations'), count(d.relations)],
        [t_('report:data.clusterCompanies'), count(c.companies)],
        [t_('report:data.chainCompanies'), count(c.chainCompanies)],
        [t_('report:data.segments'), count(t.segments)],
        [t_('report:data.feeds'), count(k.feeds.all)],
        [t_('report:data.edges'), count(edges)],
        [t_('report:data.inferred'), count(inferred)],
      ],
      [1],
    ),
    '',
  );

  push(glossaryMarkdown(tr), '');
  return out.join('\n');
}
