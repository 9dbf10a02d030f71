/**
 * report.html: one self-contained page that an analyst can forward. No script runs in it and
 * nothing is fetched: styles are inlined, the chain map and the charts are inline SVG, fonts
 * are the system's, and a Content-Security-Policy (`default-src 'none'`) forbids scripts and
 * network loads as a second line of defence. Every piece of data text goes through
 * `escapeHtml`; the report itself is embedded as a `<script type="application/json">` data
 * block (never executed) written by `jsonForScript`, so the page carries the figures that
 * produced it.
 */
import { STAGES } from '../../graph/types.js';
import type { ChainReport, CompanyRef } from '../types.js';
import { chainMapSvg, statusLegend, STATUS_STYLE } from './chain-map.js';
import { completenessChart, resilienceChart } from './charts.js';
import { dataHtml as dh, escapeHtml as h, jsonForScript } from './escape.js';
import type { ReportIndex } from './model.js';
import {
  STAGE_LABEL,
  STATUS_INFO,
  WEAK_LINK_LABEL,
  clusterLabel,
  companyName,
  componentKeys,
  count,
  componentFormats,
  MEASURES,
  reportPortfolio,
  reportRelated,
  fixed,
  holdingsText,
  leaderBasisText,
  memberText,
  shareText,
  indexReport,
  pct,
  parameterText,
  plural,
  segmentName,
} from './model.js';

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** `embedJson` boolean [true]: embed the report as a JSON data block (id `chainlens-report`). */
  embedJson?: boolean;
  /** `names` number [8]: companies listed in a cell before the rest fold into "N more". */
  names?: number;
}

const CSS = `
:root{--fg:#1f2328;--muted:#59636e;--line:#d8dee4;--soft:#f6f8fa;--accent:#0b5cad}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:#fff;color:var(--fg);font:14px/1.5 system-ui,-apple-system,"Segoe UI","PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",Roboto,"Helvetica Neue",Arial,sans-serif;font-variant-numeric:tabular-nums}
main{max-width:1400px;margin:0 auto;padding:28px 32px 48px}
header.top{border-bottom:1px solid var(--line);padding-bottom:16px;margin-bottom:20px}
.kicker{color:var(--accent);font-weight:600;font-size:12px;letter-spacing:.06em;text-transform:uppercase}
h1{font-size:26px;line-height:1.25;margin:4px 0 10px}
h2{font-size:18px;margin:34px 0 4px;padding-bottom:6px;border-bottom:1px solid var(--line)}
h3{font-size:15px;margin:18px 0 6px}
.lede{color:var(--muted);margin:4px 0 12px;max-width:900px}
.meta{display:flex;flex-wrap:wrap;gap:6px 22px;color:var(--muted);font-size:13px;margin:0;padding:0;list-style:none}
.meta b{color:var(--fg);font-weight:600}
.kpis{display:grid;grid-template-columns:repeat(6,minmax(0,1fr));gap:10px;margin:18px 0 4px}
.kpi{border:1px solid var(--line);border-radius:8px;padding:10px 12px;background:#fff}
.kpi .v{font-size:24px;font-weight:650;line-height:1.2}
.kpi .l{font-size:12px;font-weight:600;color:var(--fg)}
.kpi .n{font-size:11.5px;color:var(--muted)}
.figure{border:1px solid var(--line);border-radius:8px;padding:12px;margin-top:10px;overflow-x:auto}
.figure svg{display:block;max-width:100%;height:auto}
.grid2 .figure svg{width:100%}
.chain-map{margin:0 auto}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.grid2 .figure h3{margin-top:0}
.legend{display:flex;flex-wrap:wrap;gap:4px 18px;list-style:none;margin:0 0 10px;padding:0;font-size:12.5px;color:var(--muted)}
.legend b{color:var(--fg);font-weight:600;margin-right:3px}
.swatch{display:inline-block;width:14px;height:14px;border-radius:3px;vertical-align:-2px;margin-right:6px}
svg text{font-family:inherit;fill:var(--fg)}
.band-label{font-size:13px;font-weight:650}
.band-note{font-size:11.5px;fill:var(--muted)}
.seg-name{font-size:12px;font-weight:500}
.seg-count{font-size:11px;fill:var(--muted)}
.seg-count .n{font-weight:700;fill:var(--fg)}
.chart .tick,.chart .row-note{font-size:11px;fill:var(--muted)}
.chart .row-label{font-size:12.5px;font-weight:600}
.chart .value{font-size:11px;fill:var(--fg)}
.chart .legend-svg text{font-size:12px}
.chart .axis-title{font-size:11.5px;fill:var(--muted)}
table{border-collapse:collapse;width:100%;margin:8px 0 4px;font-size:13px}
th,td{text-align:left;vertical-align:top;padding:6px 9px;border-bottom:1px solid #eaeef2}
th{font-size:12px;font-weight:600;color:var(--muted);background:var(--soft);border-bottom:1px solid var(--line);white-space:nowrap}
td.num,th.num{text-align:right;white-space:nowrap}
tbody tr:hover{background:#fafbfc}
.co{font-weight:500}
.id{color:var(--muted);font-size:11.5px;margin-left:6px;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.dim{color:var(--muted)}
.chip{display:inline-block;padding:1px 8px;border-radius:10px;font-size:11.5px;font-weight:600;white-space:nowrap;border:1px solid}
.why{max-width:440px}
table.targets tr.main td{border-bottom:0;padding-bottom:2px}
table.targets tr.why-row td{padding-top:0;color:var(--muted);font-size:12.5px;max-width:none}
.deltas{margin:0 0 6px}.delta{display:inline-block;margin:0 22px 4px 0;white-space:nowrap;padding:3px 10px;border-radius:6px;background:var(--soft)}
table.segs{table-layout:fixed}
table.segs th:nth-child(1){width:27%}table.segs th:nth-child(2){width:150px}table.segs th:nth-child(3){width:95px}table.segs th:nth-child(4){width:70px}
details summary{cursor:pointer;color:var(--accent)}
.empty{color:var(--muted);font-style:italic;margin:8px 0}
.kv{width:auto;min-width:480px}
.kv td:first-child{color:var(--muted);padding-right:24px}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
td{overflow-wrap:anywhere}
td[data-col=company],td[data-col=segment],td[data-col=holdings]{max-width:360px}
bdi,.co,.id{unicode-bidi:isolate}
@media (max-width:900px){.kpis{grid-template-columns:repeat(3,1fr)}.grid2{grid-template-columns:1fr}}
@media print{main{max-width:none;padding:0}.figure,table,tr{break-inside:avoid}h2{break-after:avoid}}
`;

function companyCell(c: CompanyRef): string {
  return `<td data-col="company"><span class="co">${dh(c.name)}</span><span class="id">${dh(c.company)}</span></td>`;
}

function nameList(
  index: ReportIndex,
  ids: readonly string[],
  limit: number,
  label: (id: string, i: number) => string = (id) => companyName(index, id),
): string {
  if (ids.length === 0) return '<span class="dim">—</span>';
  const shown = ids.slice(0, limit).map((id, i) => dh(label(id, i)));
  const rest = ids.slice(limit).map((id, i) => dh(label(id, i + limit)));
  return (
    shown.join('、') +
    (rest.length > 0
      ? ` <details><summary>${count(rest.length)} more</summary>${rest.join('、')}</details>`
      : '')
  );
}

function statusChip(status: string): string {
  const st = STATUS_STYLE[status as keyof typeof STATUS_STYLE] ?? STATUS_STYLE.absent;
  const label = STATUS_INFO[status as keyof typeof STATUS_INFO]?.label ?? status;
  return `<span class="chip" style="background:${st.fill};border-color:${st.stroke}">${h(label)}</span>`;
}

function tableHtml(id: string, head: Array<[string, boolean?]>, rows: string[], cls = ''): string {
  return `<table id="${id}"${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map(([t, num]) => `<th${num ? ' class="num"' : ''}>${t}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const num = (text: string, col?: string) =>
  `<td class="num"${col ? ` data-col="${h(col)}"` : ''}>${text}</td>`;

const measureLabel = (m: unknown) =>
  MEASURES.find(([key]) => key === m)?.[1] ?? (typeof m === 'string' ? m : 'redundancy K_red');

/** Renders a ChainReport as one self-contained HTML page (see the module comment). */
export function renderHtml(report: ChainReport, options: HtmlOptions = {}): string {
  const limit = options.names ?? 8;
  const index = indexReport(report);
  const { completeness: k, template: t, dataset: d, cluster: c, parameters: p } = report;
  const title = `${t.name} — ${clusterLabel(c.id)}`;
  const body: string[] = [];
  const push = (...s: string[]) => body.push(...s);

  // Header.
  push(
    `<header class="top"><div class="kicker">Chainlens chain report</div><h1>${h(title)}</h1><ul class="meta">` +
      `<li><b>Cluster</b> ${h(c.id)} · ${plural(c.companies, 'company', 'companies')}, ${count(c.chainCompanies)} in this chain</li>` +
      `<li><b>Template</b> ${h(t.id)} · ${plural(t.segments, 'segment')}, ${plural(k.feeds.all, 'feed')}</li>` +
      `<li><b>Dataset</b> ${h(d.name)} · ${plural(d.companies, 'company', 'companies')}, ${plural(d.relations, 'relation')}</li>` +
      `<li><b>Seed</b> ${h(p.seed)}</li></ul></header>`,
  );

  // Headline figures.
  const ls = k.localSupply;
  const kpi = (key: string, label: string, value: string, note: string) =>
    `<div class="kpi" data-kpi="${key}"><div class="l">${h(label)}</div><div class="v">${value}</div><div class="n">${note}</div></div>`;
  push(
    `<section class="kpis" aria-label="Headline figures">` +
      kpi(
        'coverage',
        'Coverage',
        pct(k.coverage),
        `${k.segments.present} of ${k.segments.all} segments have a local firm`,
      ) +
      kpi(
        'redundancy',
        'Redundancy-adjusted',
        pct(k.redundancy),
        `a segment needs ${h(p.redundancy)} firms to count fully`,
      ) +
      kpi(
        'link',
        'Feeds linked',
        pct(k.link),
        `${k.feeds.present} of ${k.feeds.all} feeds with both ends local`,
      ) +
      kpi(
        'path',
        'Paths closed',
        pct(k.path),
        `${count(k.paths.present)} of ${count(k.paths.all)} raw-material-to-product paths`,
      ) +
      kpi(
        'local-supply',
        'Local supply (本地配套率)',
        pct(ls?.byValue ?? k.localSupplyRatio),
        ls
          ? `${count(ls.localEdges)} of ${plural(ls.edges, 'supply edge')} local; ${count(ls.inferredEdges)} inferred`
          : '',
      ) +
      kpi(
        'resilience',
        'Resilience R',
        `${fixed(report.resilience.R.random, 2)} <span class="dim" style="font-size:15px">/ ${fixed(report.resilience.R.targeted, 2)}</span>`,
        'random / targeted removal',
      ) +
      `</section>`,
  );

  // Chain map.
  push(
    '<section id="chain"><h2>The chain, segment by segment</h2>',
    `<p class="lede">Upstream on the left, downstream on the right; arrows are the template's feeds (input → output), solid where both ends have a local firm. Each box shows how many of the cluster's companies hold the segment. Hover a box for its companies.</p>`,
    statusLegend(),
    index.hasFeeds
      ? ''
      : '<p class="empty">This report does not carry the template\'s feeds, so the map shows no arrows.</p>',
    `<div class="figure">${chainMapSvg(index)}</div></section>`,
  );

  // Charts.
  push(
    '<section class="grid2" id="charts">',
    `<div><h2>Completeness by stage</h2><p class="lede">Share of segment weight with a local firm (coverage), and with a half-credit for segments held by fewer than ${h(p.redundancy)} firms (redundancy).</p><div class="figure">${completenessChart(report)}</div></div>`,
    `<div><h2>Resilience</h2><p class="lede">Completeness (${h(measureLabel(report.resilience.measure))}) as chain firms are removed one by one, with failure cascades; R is the mean over all steps (Schneider et al. 2011). A large gap means a few firms hold the chain together.</p><div class="figure">${resilienceChart(report)}</div></div>`,
    '</section>',
  );

  // Leading firms.
  push('<section id="leaders"><h2>Leading firms (链主)</h2>');
  if (report.leaders.length === 0) push('<p class="empty">No chain firm in the cluster.</p>');
  else {
    const keys = componentKeys(report.leaders);
    const fmt = componentFormats(report.leaders, keys);
    push(
      `<p class="lede">Ranked by their combined score; the components are shown so the ranking can be checked.</p>`,
      tableHtml(
        'table-leaders',
        [
          ['#', true],
          ['company'],
          ['region'],
          ['score', true],
          ...keys.map((key): [string, boolean] => [h(key), true]),
          ['main segments (share of revenue)'],
          ['rests on'],
        ],
        report.leaders.map(
          (l, i) =>
            `<tr>${num(String(i + 1))}${companyCell(l)}<td>${h(l.region)}</td>${num(fixed(l.score), 'score')}${keys.map((key) => num(fmt[key]!(l.components?.[key]), key)).join('')}<td data-col="holdings">${h(holdingsText(index, l.holdings))}</td><td data-col="basis" class="dim">${l.basis ? h(leaderBasisText(l.basis)) : ''}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Critical companies.
  push('<section id="critical"><h2>Critical companies</h2>');
  if (report.critical.length === 0) push('<p class="empty">None.</p>');
  else {
    push(
      `<p class="lede">Removing the company, with the failure cascade (θ = ${h(p.theta)}), lowers completeness by the drop and cuts off the firms listed.</p>`,
      tableHtml(
        'table-critical',
        [
          ['#', true],
          ['company'],
          ['region'],
          ['completeness drop', true],
          ['cut off', true],
          ['firms cut off'],
        ],
        report.critical.map(
          (cr, i) =>
            `<tr>${num(String(i + 1))}${companyCell(cr)}<td>${h(cr.region)}</td>${num(pct(cr.completenessDrop), 'drop')}${num(count(cr.cutOff.length), 'cutoff')}<td>${nameList(index, cr.cutOff, limit)}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Weak links and missing roles.
  push('<section id="weak-links"><h2>Weak links</h2>');
  if (report.weakLinks.length === 0) push('<p class="empty">None found.</p>');
  else {
    push(
      tableHtml(
        'table-weak-links',
        [['kind'], ['segment'], ['company / edge'], ['detail']],
        report.weakLinks.map((w) => {
          const who = [
            w.company !== undefined ? dh(companyName(index, w.company)) : '',
            w.source !== undefined || w.target !== undefined
              ? `${dh(companyName(index, w.source ?? '?'))} → ${dh(companyName(index, w.target ?? '?'))}`
              : '',
          ]
            .filter(Boolean)
            .join(' · ');
          return `<tr><td data-col="kind">${h(WEAK_LINK_LABEL[w.kind] ?? w.kind)}</td><td data-col="segment">${w.segment !== undefined ? dh(segmentName(index, w.segment)) : '<span class="dim">—</span>'}</td><td>${who || '<span class="dim">—</span>'}</td><td data-col="detail">${h(w.detail)}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  push('<section id="missing-roles"><h2>Missing roles</h2>');
  if (report.missingRoles.length === 0)
    push('<p class="empty">None: every segment has a local firm.</p>');
  else {
    push(
      `<p class="lede">Segments with no firm in the cluster, and the cluster's firms that need them as an input or an outlet.</p>`,
      tableHtml(
        'table-missing-roles',
        [['segment'], ['stage'], ['direction'], ['needed by', true], ['firms that need it']],
        report.missingRoles.map((m) => {
          const seg = index.segments.get(m.segment);
          return `<tr><td data-col="segment">${dh(segmentName(index, m.segment))}</td><td>${seg ? h(seg.stage) : ''}</td><td data-col="direction">${seg ? statusChip(seg.status) : h(m.direction)}</td>${num(count(m.neededBy.length), 'needed')}<td>${nameList(index, m.neededBy, limit)}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  // Targets.
  push('<section id="targets"><h2>Targets to attract (补链招商)</h2>');
  if (report.targets.length === 0)
    push('<p class="empty">No target: no missing or weak segment has a candidate.</p>');
  else {
    const keys = componentKeys(report.targets);
    const fmt = componentFormats(report.targets, keys);
    const span = 4 + keys.length;
    push(
      `<p class="lede">Companies outside the cluster that cover its missing or weak segments, ranked by need × their share in the segment × strength × existing ties × completeness gain; the sentence under each says why. Firms whose region is unknown are never listed here.</p>`,
      tableHtml(
        'table-targets',
        [
          ['#', true],
          ['company'],
          ['region'],
          ['segment'],
          ['score', true],
          ...keys.map((key): [string, boolean] => [h(key), true]),
        ],
        report.targets.map(
          (tg, i) =>
            `<tr class="main">${num(String(i + 1))}${companyCell(tg)}<td>${h(tg.region)}</td><td data-col="segment">${dh(segmentName(index, tg.segment))} <span class="dim">${h(shareText(tg.share ?? null))}</span></td>${num(fixed(tg.score), 'score')}${keys.map((key) => num(fmt[key]!(tg.components?.[key]), key)).join('')}</tr>` +
            `<tr class="why-row"><td></td><td colspan="${span}" class="why" data-col="explanation">${h(tg.explanation)}</td></tr>`,
        ),
        'targets',
      ),
    );
  }
  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    push(
      `<p class="lede" id="targets-maybe-local">Region unknown, so possibly already local (check before approaching; not counted as targets): ${maybeLocal
        .map((tg) => h(`${tg.name} — ${segmentName(index, tg.segment)} ${shareText(tg.share)}`))
        .join('; ')}.</p>`,
    );
  }
  push('</section>');

  // Portfolio (an addition to DESIGN §6: greedy picks with before/after completeness).
  const portfolio = reportPortfolio(report);
  if (portfolio) {
    push('<section id="portfolio"><h2>Portfolio: the best targets together</h2>');
    if (portfolio.picks.length === 0) push('<p class="empty">No target raises completeness.</p>');
    else {
      const change = MEASURES.map(([key, label]) => {
        const a = portfolio.before[key];
        const b = portfolio.after[key];
        return typeof a === 'number' && typeof b === 'number'
          ? `<span class="delta" data-measure="${key}"><b>${h(label)}</b> ${pct(a)} → ${pct(b)}</span>`
          : '';
      }).join('');
      push(
        `<p class="lede">Picked one by one by the largest gain in ${h(portfolio.objective)} completeness (greedy, within 1 − 1/e of the best set). With all ${plural(portfolio.picks.length, 'pick')}:</p><p class="deltas">${change}</p>`,
        tableHtml(
          'table-portfolio',
          [
            ['#', true],
            ['company'],
            ['region'],
            ['segments it brings'],
            ['gain', true],
            [`${h(portfolio.objective)} after`, true],
          ],
          portfolio.picks.map(
            (p, i) =>
              `<tr>${num(String(i + 1))}${companyCell(p)}<td>${h(p.region)}</td><td>${p.segments.map((s) => dh(segmentName(index, s))).join('、')}</td>${num(`+${pct(p.gain)}`, 'gain')}${num(pct(p.value), 'value')}</tr>`,
          ),
        ),
      );
    }
    push('</section>');
  }

  // Related segments (an addition: density of absent segments, 延链).
  const related = reportRelated(report);
  if (related.length > 0) {
    push(
      '<section id="related"><h2>Segments to extend into (延链)</h2>',
      `<p class="lede">Segments the cluster lacks, by density: the share of their proximity (how often firms hold both) that falls on segments the cluster has (Hidalgo et al. 2007). High density means the capabilities are nearby.</p>`,
      tableHtml(
        'table-related',
        [
          ['segment'],
          ['stage'],
          ['status'],
          ['density', true],
          ['nearest present segments (proximity)'],
        ],
        related.map(
          (r) =>
            `<tr><td data-col="segment">${h(r.name)}</td><td>${h(r.stage)}</td><td>${statusChip(r.status)}</td>${num(pct(r.density, 0), 'density')}<td>${r.nearest.map((n) => `${dh(n.name)} <span class="dim">${fixed(n.proximity, 2)}</span>`).join('、') || '<span class="dim">—</span>'}</td></tr>`,
        ),
      ),
      '</section>',
    );
  }
  push('</section>');

  // Segments.
  push('<section id="segments"><h2>Segments</h2>');
  for (const stage of STAGES) {
    const segs = index.byStage[stage];
    if (segs.length === 0) continue;
    push(
      `<h3>${STAGE_LABEL[stage]} <span class="dim">· ${plural(segs.length, 'segment')}</span></h3>`,
      tableHtml(
        `table-segments-${stage}`,
        [
          ['segment'],
          ['status'],
          ['companies', true],
          ['HHI', true],
          ['local companies, largest share first'],
        ],
        segs.map(
          (s) =>
            `<tr data-segment="${h(s.id)}"><td data-col="segment"><span class="co">${dh(s.name)}</span><span class="id">${dh(s.id)}</span></td><td>${statusChip(s.status)}</td>${num(count(s.companies), 'companies')}${num(fixed(s.hhi, 2), 'hhi')}<td>${nameList(
              index,
              (s.members ?? []).map((m) => m.company),
              limit,
              (_, i) => memberText(s.members[i]!),
            )}</td></tr>`,
        ),
        'segs',
      ),
    );
  }
  push('</section>');

  // Parameters and data.
  const paramRows: Array<[string, string]> = [
    ['seed', h(p.seed)],
    ['redundancy r (K_red)', h(p.redundancy)],
    ['HHI threshold (concentrated)', h(p.hhiThreshold)],
    ['cascade θ', h(p.theta)],
    ['relation types counted as supply', h((p.supplyTypes ?? []).join(', '))],
    ['targeted resilience order', h(p.resilienceOrder)],
    [
      'list sizes',
      h(
        Object.entries(p.limits ?? {})
          .map(([key, v]) => `${key} ${v}`)
          .join(', '),
      ),
    ],
  ];
  const known = new Set([
    'seed',
    'redundancy',
    'hhiThreshold',
    'theta',
    'supplyTypes',
    'resilienceOrder',
    'limits',
  ]);
  for (const [key, v] of Object.entries(p)) {
    if (!known.has(key)) paramRows.push([h(key), h(parameterText(v))]);
  }
  const dataRows: Array<[string, string]> = [
    ['companies in the dataset', count(d.companies)],
    ['relations in the dataset', count(d.relations)],
    ['companies in the cluster', count(c.companies)],
    ['cluster companies in the chain', count(c.chainCompanies)],
    [
      'template segments (upstream / midstream / downstream)',
      `${count(t.segments)} (${STAGES.map((s) => count(t.byStage?.[s] ?? 0)).join(' / ')})`,
    ],
    ['template feeds', count(k.feeds.all)],
    ['supply edges into the chain firms', count(ls?.edges)],
    ['of which inferred (not observed)', count(ls?.inferredEdges)],
    [
      'communities (Louvain)',
      `${count(report.communities.count)}, modularity ${fixed(report.communities.modularity)}, seed ${h(report.communities.seed)}`,
    ],
  ];
  const kv = (id: string, rows: Array<[string, string]>) =>
    `<table id="${id}" class="kv"><tbody>${rows.map(([a, b]) => `<tr><td>${a}</td><td>${b}</td></tr>`).join('')}</tbody></table>`;
  push(
    '<section id="provenance" class="grid2">',
    `<div><h2>Parameters</h2>${kv('table-parameters', paramRows)}</div>`,
    `<div><h2>Data</h2>${kv('table-data', dataRows)}</div>`,
    '</section>',
  );
  push(
    `<footer>Generated by ${h(report.generator.name)} ${h(report.generator.version)} · report.json schemaVersion ${h(report.schemaVersion)} · the full report is embedded in this file as JSON (script#chainlens-report).</footer>`,
  );

  const embed =
    options.embedJson === false
      ? ''
      : `<script type="application/json" id="chainlens-report">${jsonForScript(report)}</script>`;
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${h(report.generator.name)} ${h(report.generator.version)}">`,
    `<title>${h(title)} · Chainlens</title>`,
    `<style>${CSS.trim()}</style>`,
    '</head>',
    '<body>',
    `<main>${body.join('\n')}</main>`,
    embed,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
