/**
 * The terminal summary of a chain analysis: what `chainlens analyze --template` prints. It reads
 * a ChainReport only (no analysis here), in the order an analyst asks: how complete is the
 * chain here, what is missing or weak and who is affected, who leads, whom to attract, what
 * breaks if a firm fails, and with which parameters.
 */
import type { ChainReport, Stage, Translator } from '@chainlens/core';
import {
  clusterLabel,
  EN,
  STAGES,
  componentLabel,
  indexReport,
  kindLabel,
  leaderBasisText,
  orderName,
  shareText,
  stageWord,
  statusLabel,
  targetText,
  unit,
  weakLinkText,
} from '@chainlens/core';
import { count, table } from './output.js';

const f2 = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : x.toFixed(2);
const pct = (x: number | null | undefined) =>
  x === null || x === undefined || !Number.isFinite(x) ? '–' : `${(100 * x).toFixed(1)}%`;

/** At most `k` items joined by '、', with "+N" for the rest. */
function few(items: string[], k: number): string {
  if (items.length <= k) return items.join('、');
  return `${items.slice(0, k).join('、')} +${items.length - k}`;
}

export interface ChainSummaryOptions {
  /** Rows of each ranked list. */
  top?: number;
  /** The language of the summary [English]. */
  tr?: Translator;
}

/** The lines of the summary. */
export function chainSummaryLines(
  report: ChainReport,
  options: ChainSummaryOptions = {},
): string[] {
  const top = options.top ?? 10;
  const tr = options.tr ?? EN;
  const T = (key: string, vars?: Record<string, unknown>) => tr.t(key, vars);
  const index = indexReport(report);
  const names = new Map<string, string>();
  for (const s of report.segments) for (const m of s.members) names.set(m.company, m.name);
  for (const l of report.leaders) names.set(l.company, l.name);
  const nameOf = (id: string) => names.get(id) ?? id;
  const segName = new Map(report.segments.map((s) => [s.id, s.name]));
  const seg = (id: string | undefined) => (id === undefined ? '' : (segName.get(id) ?? id));

  const t = report.template;
  const k = report.completeness;
  const lines: string[] = [];
  lines.push(
    T('report:summary.chain', {
      name: t.name,
      id: t.id,
      segments: unit(tr, 'segment', t.segments),
      stages: STAGES.map((s) =>
        T('report:md.stageCount', { n: t.byStage[s], stage: stageWord(s, tr) }),
      ).join(T('report:join.comma')),
      feeds: unit(tr, 'feed', t.feeds),
    }),
    T('report:summary.cluster', {
      id: clusterLabel(report.cluster.id, tr),
      companies: unit(tr, 'company', report.cluster.companies),
      chain: count(report.cluster.chainCompanies as number),
    }),
    ...coverageLines(report, tr),
    '',
    T('report:summary.completeness'),
  );
  const stage = (s: Stage) => k.byStage[s];
  lines.push(
    ...table(
      [
        T('report:summary.col.figure'),
        T('report:summary.col.overall'),
        ...STAGES.map((s) => stageWord(s, tr)),
        T('report:summary.col.counts'),
      ],
      [
        [
          T('report:summary.coverage'),
          f2(k.coverage),
          ...STAGES.map((s) => f2(stage(s).coverage)),
          T('report:summary.coverageNote', { present: k.segments.present, all: k.segments.all }),
        ],
        [
          T('report:summary.redundancy', { r: report.parameters.redundancy }),
          f2(k.redundancy),
          ...STAGES.map((s) => f2(stage(s).redundancy)),
          T('report:summary.redundancyNote'),
        ],
        [
          T('report:summary.link'),
          f2(k.link),
          '',
          '',
          '',
          T('report:summary.linkNote', { present: k.feeds.present, all: k.feeds.all }),
        ],
        [
          T('report:summary.path'),
          f2(k.path),
          '',
          '',
          '',
          T('report:summary.pathNote', {
            present: count(k.paths.present),
            all: count(k.paths.all),
          }),
        ],
      ],
      [1, 2, 3, 4],
    ),
  );
  const ls = k.localSupply;
  lines.push(
    ls.edges === 0
      ? `  ${T('report:summary.localSupplyNone')}`
      : `  ${T('report:summary.localSupply', {
          byValue: pct(ls.byValue),
          byCount: pct(ls.byCount),
          local: count(ls.localEdges),
          edges: count(ls.edges),
          inferred:
            ls.inferredEdges === 0
              ? ''
              : ls.inferredEdges === ls.edges
                ? T('report:summary.localSupplyAllInferred')
                : T('report:summary.localSupplyInferred', { n: count(ls.inferredEdges) }),
        })}`,
  );

  lines.push('', T('report:summary.segments'));
  const order = [...report.segments].sort(
    (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
  );
  lines.push(
    ...table(
      [
        T('report:col.stage'),
        T('report:col.segment'),
        T('report:col.status'),
        T('report:summary.col.firms'),
        T('report:col.hhi'),
        T('report:summary.col.localCompanies'),
      ],
      order.map((s) => [
        stageWord(s.stage, tr),
        s.name,
        statusLabel(s.status, tr),
        String(s.companies),
        s.hhi === null ? '' : f2(s.hhi),
        few(
          s.members.map((m) => `${m.name} ${shareText(m.share, m.shareUnknown, tr)}`),
          4,
        ),
      ]),
      [3, 4],
    ),
  );

  const missing = report.missingRoles.filter((m) => m.direction !== 'absent');
  const absent = report.missingRoles.length - missing.length;
  lines.push(
    '',
    T('report:summary.missing', {
      n: report.missingRoles.length,
      next: missing.length,
      absent,
    }),
  );
  if (missing.length > 0) {
    lines.push(
      ...table(
        [
          T('report:col.segment'),
          T('report:summary.col.missing'),
          T('report:summary.col.neededBy'),
        ],
        missing.map((m) => [
          seg(m.segment),
          T(`report:direction.${m.direction}`),
          m.neededBy.length === 0
            ? '–'
            : T('report:summary.neededBy', {
                n: count(m.neededBy.length),
                names: few(m.neededBy.map(nameOf), 4),
              }),
        ]),
      ),
    );
  }

  lines.push('', T('report:summary.weakLinks', { n: report.weakLinks.length }));
  const kinds = new Map<string, number>();
  for (const w of report.weakLinks) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + 1);
  if (kinds.size > 0) {
    lines.push(
      `  ${[...kinds].map(([kind, n]) => `${kindLabel(kind, tr)} ${n}`).join(T('report:join.comma'))}`,
    );
    lines.push(
      ...table(
        [T('report:col.kind'), T('report:col.where'), T('report:col.detail')],
        report.weakLinks
          .slice(0, top)
          .map((w) => [
            kindLabel(w.kind, tr),
            w.segment !== undefined
              ? seg(w.segment)
              : w.company !== undefined
                ? nameOf(w.company)
                : `${nameOf(w.source ?? '')} → ${nameOf(w.target ?? '')}`,
            weakLinkText(w, index, tr),
          ]),
      ),
    );
    if (report.weakLinks.length > top)
      lines.push(`  ${T('report:summary.moreInJson', { n: report.weakLinks.length - top })}`);
  }

  lines.push('', T('report:summary.leaders', { n: Math.min(top, report.leaders.length) }));
  if (report.leaders.length > 0) {
    const keys = Object.keys(report.leaders[0]!.components);
    lines.push(
      ...table(
        [
          T('report:col.company'),
          T('report:col.region'),
          T('report:col.score'),
          ...keys.map((key) => componentLabel(key, tr)),
          T('report:col.mainSegments'),
          T('report:col.restsOn'),
        ],
        report.leaders.slice(0, top).map((l) => [
          l.name,
          l.region,
          f2(l.score),
          ...keys.map((key) => f2(l.components[key])),
          few(
            l.holdings.map((h) => `${seg(h.segment)} ${shareText(h.share, h.shareUnknown, tr)}`),
            2,
          ),
          leaderBasisText(l.basis, tr),
        ]),
        [2, ...keys.map((_, i) => i + 3)],
      ),
    );
  }

  lines.push('', T('report:summary.targets', { n: Math.min(top, report.targets.length) }));
  report.targets.slice(0, top).forEach((t, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${targetText(t, index, tr)}`);
  });
  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    lines.push(
      `  ${T('report:summary.maybeLocal', {
        list: few(
          maybeLocal.map((t) => t.name),
          6,
        ),
      })}`,
    );
  }
  const portfolio = report.portfolio as
    | {
        picks: Array<{ name: string; gain: number }>;
        before: { redundancy: number };
        after: { redundancy: number };
      }
    | undefined;
  if (portfolio && portfolio.picks.length > 0) {
    lines.push(
      `  ${T('report:summary.portfolio', {
        n: portfolio.picks.length,
        list: portfolio.picks.map((p) => p.name).join('、'),
        before: f2(portfolio.before.redundancy),
        after: f2(portfolio.after.redundancy),
      })}`,
    );
  }

  lines.push('', T('report:summary.failure'));
  const critical = report.critical.filter((c) => c.completenessDrop > 0 || c.cutOff.length > 0);
  if (critical.length === 0) lines.push(`  ${T('report:summary.noFailure')}`);
  else
    lines.push(
      ...table(
        [
          T('report:col.company'),
          T('report:col.region'),
          T('report:summary.col.drop'),
          T('report:summary.col.cutOff'),
        ],
        critical
          .slice(0, top)
          .map((c) => [
            c.name,
            c.region,
            f2(c.completenessDrop),
            c.cutOff.length === 0 ? '0' : `${c.cutOff.length}: ${few(c.cutOff.map(nameOf), 3)}`,
          ]),
        [2],
      ),
    );
  const r = report.resilience;
  lines.push(
    `  ${T('report:summary.resilience', {
      random: f2(r.R.random),
      order: orderName(r.centrality, tr),
      targeted: f2(r.R.targeted),
    })}`,
  );

  const p = report.parameters;
  const prov = report.provenance as
    { clusterSupply?: { edges: number; inferred: number } } | undefined;
  lines.push(
    '',
    T('report:summary.parameters', {
      seed: p.seed,
      r: p.redundancy,
      hhi: p.hhiThreshold,
      theta: p.theta,
      supply: p.supplyTypes
        .map((x) => T(`report:supplyType.${x}`, { defaultValue: x }))
        .join(' + '),
      order: orderName(p.resilienceOrder, tr),
    }),
  );
  if (prov?.clusterSupply) {
    lines.push(
      T('report:summary.clusterSupply', {
        edges: count(prov.clusterSupply.edges),
        inferred: count(prov.clusterSupply.inferred),
      }),
    );
  }
  return lines;
}

/** What the figures rest on: companies left out, shares without a figure, link provenance. */
function coverageLines(report: ChainReport, tr: Translator): string[] {
  const cov = report.coverage;
  if (!cov) return [];
  const d = cov.dataset;
  const c = cov.cluster;
  const lines = [
    tr.t('report:summary.restsOn', {
      share: shareText(cov.minShare, false, tr),
      below: count(d.chain?.belowThreshold ?? 0),
      unknown: count(c.unknownShareMemberships),
      all: count(c.chainMemberships),
    }),
    tr.t('report:summary.noRegion', {
      none: count(d.companiesWithoutRegion),
      all: count(d.companies),
      chain: count(d.chain?.companiesWithoutRegion ?? 0),
    }),
    tr.t('report:summary.clusterLinks', {
      observed: count(c.supplyLinks.observed),
      inferred: count(c.supplyLinks.inferred),
    }),
  ];
  return lines;
}
