/**
 * The terminal summary of a chain analysis: what `chainlens analyze --template` prints. It reads
 * a ChainReport only (no analysis here), in the order an analyst asks: how complete is the
 * chain here, what is missing or weak and who is affected, who leads, whom to attract, what
 * breaks if a firm fails, and with which parameters.
 */
import type { ChainReport, Stage } from '@chainlens/core';
import { STAGES, leaderBasisText, shareText } from '@chainlens/core';
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
}

/** The lines of the summary. */
export function chainSummaryLines(
  report: ChainReport,
  options: ChainSummaryOptions = {},
): string[] {
  const top = options.top ?? 10;
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
    `Chain ${t.name} (${t.id}): ${t.segments} segments (${STAGES.map((s) => `${t.byStage[s]} ${s}`).join(', ')}), ${t.feeds} feeds`,
    `Cluster ${report.cluster.id}: ${count(report.cluster.companies)} companies, ${count(report.cluster.chainCompanies as number)} of them in the chain`,
    ...coverageLines(report),
    '',
    'Completeness',
  );
  const stage = (s: Stage) => k.byStage[s];
  lines.push(
    ...table(
      ['figure', 'overall', 'upstream', 'midstream', 'downstream', 'what it counts'],
      [
        [
          'coverage',
          f2(k.coverage),
          ...STAGES.map((s) => f2(stage(s).coverage)),
          `${k.segments.present} of ${k.segments.all} segments have a local company (weighted)`,
        ],
        [
          `redundancy (r=${report.parameters.redundancy})`,
          f2(k.redundancy),
          ...STAGES.map((s) => f2(stage(s).redundancy)),
          'a segment needs r local firms to count fully',
        ],
        [
          'link',
          f2(k.link),
          '',
          '',
          '',
          `${k.feeds.present} of ${k.feeds.all} feeds have both ends local`,
        ],
        [
          'path',
          f2(k.path),
          '',
          '',
          '',
          `${count(k.paths.present)} of ${count(k.paths.all)} raw-material-to-product routes are local end to end`,
        ],
      ],
      [1, 2, 3, 4],
    ),
  );
  const ls = k.localSupply;
  lines.push(
    `  Local supply ratio (本地配套率): ${pct(ls.byValue)} by value, ${pct(ls.byCount)} by count — ${count(ls.localEdges)} of ${count(ls.edges)} supply links into the chain's local firms come from inside the cluster${ls.inferredEdges > 0 ? ` (${ls.inferredEdges === ls.edges ? 'all' : count(ls.inferredEdges)} inferred from products, not observed)` : ''}.`,
  );

  lines.push('', 'Segments (upstream → downstream)');
  const order = [...report.segments].sort(
    (a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage),
  );
  lines.push(
    ...table(
      ['stage', 'segment', 'status', 'firms', 'HHI', 'local companies'],
      order.map((s) => [
        s.stage,
        s.name,
        s.status,
        String(s.companies),
        s.hhi === null ? '' : f2(s.hhi),
        few(
          s.members.map((m) => `${m.name} ${shareText(m.share, m.shareUnknown)}`),
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
    `Missing roles (${report.missingRoles.length}: ${missing.length} next to a present segment, ${absent} absent)`,
  );
  if (missing.length > 0) {
    lines.push(
      ...table(
        ['segment', 'missing', 'needed by local firms'],
        missing.map((m) => [
          seg(m.segment),
          m.direction,
          m.neededBy.length === 0 ? '–' : `${m.neededBy.length}: ${few(m.neededBy.map(nameOf), 4)}`,
        ]),
      ),
    );
  }

  lines.push('', `Weak links (${report.weakLinks.length})`);
  const kinds = new Map<string, number>();
  for (const w of report.weakLinks) kinds.set(w.kind, (kinds.get(w.kind) ?? 0) + 1);
  if (kinds.size > 0) {
    lines.push(`  ${[...kinds].map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
    lines.push(
      ...table(
        ['kind', 'where', 'detail'],
        report.weakLinks
          .slice(0, top)
          .map((w) => [
            w.kind,
            w.segment !== undefined
              ? seg(w.segment)
              : w.company !== undefined
                ? nameOf(w.company)
                : `${nameOf(w.source ?? '')} → ${nameOf(w.target ?? '')}`,
            w.detail,
          ]),
      ),
    );
    if (report.weakLinks.length > top)
      lines.push(`  … ${report.weakLinks.length - top} more in report.json`);
  }

  lines.push('', `Leading firms (链主), top ${Math.min(top, report.leaders.length)}`);
  if (report.leaders.length > 0) {
    const keys = Object.keys(report.leaders[0]!.components);
    lines.push(
      ...table(
        ['company', 'region', 'score', ...keys, 'main segments (share of revenue)', 'rests on'],
        report.leaders.slice(0, top).map((l) => [
          l.name,
          l.region,
          f2(l.score),
          ...keys.map((key) => f2(l.components[key])),
          few(
            l.holdings.map((h) => `${seg(h.segment)} ${shareText(h.share, h.shareUnknown)}`),
            2,
          ),
          leaderBasisText(l.basis),
        ]),
        [2, ...keys.map((_, i) => i + 3)],
      ),
    );
  }

  lines.push('', `Targets to attract (补链招商), top ${Math.min(top, report.targets.length)}`);
  report.targets.slice(0, top).forEach((t, i) => {
    lines.push(`  ${String(i + 1).padStart(2)}. ${t.explanation}`);
  });
  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    lines.push(
      `  Region unknown, may already be local (check before approaching; not counted as targets): ${few(
        maybeLocal.map((t) => t.name),
        6,
      )}`,
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
      `  Portfolio of ${portfolio.picks.length} (greedy by gain): ${portfolio.picks.map((p) => p.name).join('、')} — redundancy-adjusted completeness ${f2(portfolio.before.redundancy)} → ${f2(portfolio.after.redundancy)}`,
    );
  }

  lines.push(
    '',
    'If a firm fails (cascade: a firm fails when all its local suppliers of an input fail)',
  );
  const critical = report.critical.filter((c) => c.completenessDrop > 0 || c.cutOff.length > 0);
  if (critical.length === 0) lines.push('  no single failure lowers completeness');
  else
    lines.push(
      ...table(
        ['company', 'region', 'completeness drop', 'cut off'],
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
    `  Resilience R (mean completeness as firms are removed one by one): random ${f2(r.R.random)}, targeted by ${String(r.centrality)} ${f2(r.R.targeted)}`,
  );

  const p = report.parameters;
  const prov = report.provenance as
    { clusterSupply?: { edges: number; inferred: number } } | undefined;
  lines.push(
    '',
    `Parameters: seed ${p.seed}; r ${p.redundancy}; HHI threshold ${p.hhiThreshold}; cascade θ ${p.theta}; supply = ${p.supplyTypes.join(' + ')}; resilience order ${p.resilienceOrder}.`,
  );
  if (prov?.clusterSupply) {
    lines.push(
      `Supply edges inside the cluster: ${count(prov.clusterSupply.edges)}, of which ${count(prov.clusterSupply.inferred)} inferred from products (not observed supply).`,
    );
  }
  return lines;
}

/** What the figures rest on: companies left out, shares without a figure, link provenance. */
function coverageLines(report: ChainReport): string[] {
  const cov = report.coverage;
  if (!cov) return [];
  const d = cov.dataset;
  const c = cov.cluster;
  const lines = [
    `Rests on: firms holding a segment with at least ${shareText(cov.minShare)} of revenue (${count(d.chain?.belowThreshold ?? 0)} smaller lines left out); ${count(c.unknownShareMemberships)} of ${count(c.chainMemberships)} local chain memberships rest on lines without a revenue figure.`,
    `  ${count(d.companiesWithoutRegion)} of ${count(d.companies)} companies of the dataset have no region at this level (${count(d.chain?.companiesWithoutRegion ?? 0)} of them in the chain): they may be local but are not counted.`,
    `  Supply links inside the cluster: ${count(c.supplyLinks.observed)} observed, ${count(c.supplyLinks.inferred)} inferred from products.`,
  ];
  return lines;
}
