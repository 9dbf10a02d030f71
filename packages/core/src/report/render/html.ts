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
import type { ChainReport } from '../types.js';
import { chainMapSvg, statusLegend } from './chain-map.js';
import { completenessChart, resilienceChart } from './charts.js';
import { escapeHtml as h, jsonForScript } from './escape.js';
import { provinceSection } from './province-map.js';
import type { Translator } from '../../i18n/translator.js';
import { clusterLabel, count, measureText, orderName, fixed, indexReport, pct } from './model.js';
import { glossaryHtml, glossaryTip } from './glossary.js';
import { asOfText, limitsText, paramKey, paramValue, supplyTypesText } from './param-text.js';
import { EN, unit } from './words.js';
import { tableSections } from './html-tables.js';

/** Options of `renderHtml`. */
export interface HtmlOptions {
  /** `embedJson` boolean [true]: embed the report as a JSON data block (id `chainlens-report`). */
  embedJson?: boolean;
  /** `names` number [8]: companies listed in a cell before the rest fold into "N more". */
  names?: number;
  /** `tr` Translator [English]: the language of the page (`<html lang>`, every label and sentence). */
  tr?: Translator;
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
dl.glossary{margin:8px 0;max-width:1000px}dl.glossary dt{font-weight:600;margin-top:10px;cursor:help}dl.glossary dd{margin:2px 0 0}dl.glossary code{font-size:12px}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:10px}
td{overflow-wrap:anywhere}
td[data-col=company],td[data-col=segment],td[data-col=holdings]{max-width:360px}
bdi,.co,.id{unicode-bidi:isolate}
@media (max-width:900px){.kpis{grid-template-columns:repeat(3,1fr)}.grid2{grid-template-columns:1fr}}
@media print{main{max-width:none;padding:0}.figure,table,tr{break-inside:avoid}h2{break-after:avoid}}
`;

/** Renders a ChainReport as one self-contained HTML page (see the module comment). */
export function renderHtml(report: ChainReport, options: HtmlOptions = {}): string {
  const limit = options.names ?? 8;
  const tr = options.tr ?? EN;
  const t_ = (key: string, vars?: Record<string, unknown>) => h(tr.t(key, vars));
  /** A label with the glossary's `.what` sentence as its tooltip. */
  const tip = (id: string) => ` title="${h(glossaryTip(id, tr))}"`;
  const index = indexReport(report);
  const { completeness: k, template: t, dataset: d, cluster: c, parameters: p } = report;
  const dated = d.asOf as { date?: string } | undefined;
  const title =
    `${t.name} — ${clusterLabel(c.id, tr)}` +
    (dated?.date ? tr.t('report:titleAsOf', { date: dated.date }) : '');
  const body: string[] = [];
  const push = (...s: string[]) => body.push(...s);

  // Header.
  push(
    `<header class="top"><div class="kicker">${t_('report:html.kicker')}</div><h1>${h(title)}</h1><ul class="meta">` +
      `<li><b>${t_('report:label.cluster')}</b> ${t_('report:html.metaCluster', { id: clusterLabel(c.id, tr), companies: unit(tr, 'company', c.companies), chain: count(c.chainCompanies) })}</li>` +
      `<li><b>${t_('report:label.template')}</b> ${t_('report:html.metaTemplate', { id: t.id, segments: unit(tr, 'segment', t.segments), feeds: unit(tr, 'feed', k.feeds.all) })}</li>` +
      `<li><b>${t_('report:label.dataset')}</b> ${t_('report:html.metaDataset', { name: d.name, companies: unit(tr, 'company', d.companies), relations: unit(tr, 'relationAny', d.relations) })}</li>` +
      (asOfText(d.asOf, tr) === undefined
        ? ''
        : `<li><b>${t_('report:label.asOf')}</b> ${h(asOfText(d.asOf, tr)!)}</li>`) +
      `<li><b>${t_('report:label.seed')}</b> ${h(p.seed)}</li></ul></header>`,
  );

  // Headline figures.
  const ls = k.localSupply;
  const kpi = (key: string, glossary: string, label: string, value: string, note: string) =>
    `<div class="kpi" data-kpi="${key}"><div class="l"${tip(glossary)}>${h(label)}</div><div class="v">${value}</div><div class="n">${note}</div></div>`;
  push(
    `<section class="kpis" aria-label="${t_('report:html.headline')}">` +
      kpi(
        'coverage',
        'coverage',
        tr.t('report:kpi.coverage'),
        pct(k.coverage),
        t_('report:kpi.coverageNote', { present: k.segments.present, all: k.segments.all }),
      ) +
      kpi(
        'redundancy',
        'redundancy',
        tr.t('report:kpi.redundancy'),
        pct(k.redundancy),
        t_('report:kpi.redundancyNote', { r: p.redundancy }),
      ) +
      kpi(
        'link',
        'link',
        tr.t('report:kpi.link'),
        pct(k.link),
        t_('report:kpi.linkNote', { present: k.feeds.present, all: k.feeds.all }),
      ) +
      kpi(
        'path',
        'path',
        tr.t('report:kpi.path'),
        pct(k.path),
        t_('report:kpi.pathNote', { present: count(k.paths.present), all: count(k.paths.all) }),
      ) +
      kpi(
        'local-supply',
        'localSupply',
        tr.t('report:kpi.localSupply'),
        pct(ls?.byValue ?? k.localSupplyRatio),
        ls
          ? t_('report:kpi.localSupplyNote', {
              local: count(ls.localEdges),
              edges: unit(tr, 'supplyEdge', ls.edges),
              inferred: count(ls.inferredEdges),
            })
          : '',
      ) +
      kpi(
        'resilience',
        'resilience',
        tr.t('report:kpi.resilience'),
        `${fixed(report.resilience.R.random, 2)} <span class="dim" style="font-size:15px">/ ${fixed(report.resilience.R.targeted, 2)}</span>`,
        t_('report:kpi.resilienceNote'),
      ) +
      `</section>`,
  );

  // Chain map.
  push(
    `<section id="chain"><h2>${t_('report:h.chain')}</h2>`,
    `<p class="lede">${t_('report:html.chainLede')}</p>`,
    statusLegend(tr),
    index.hasFeeds ? '' : `<p class="empty">${t_('report:html.noFeeds')}</p>`,
    `<div class="figure">${chainMapSvg(index, tr)}</div></section>`,
  );

  // Charts.
  push(
    '<section class="grid2" id="charts">',
    `<div><h2${tip('coverage')}>${t_('report:h.completenessByStage')}</h2><p class="lede">${t_('report:html.completenessLede', { r: p.redundancy })}</p><div class="figure">${completenessChart(report, tr)}</div></div>`,
    `<div><h2${tip('resilience')}>${t_('report:h.resilience')}</h2><p class="lede">${t_('report:html.resilienceLede', { measure: measureText(typeof report.resilience.measure === 'string' ? report.resilience.measure : 'redundancy', tr) })}</p><div class="figure">${resilienceChart(report, tr)}</div></div>`,
    '</section>',
  );
  push(provinceSection(report, index, tr));

  push(...tableSections(report, index, limit, tr));

  // Parameters and data.
  const paramRows: Array<[string, string]> = [
    [t_('report:param.seed'), h(p.seed)],
    [`<span${tip('redundancy')}>${t_('report:paramHtml.redundancy')}</span>`, h(p.redundancy)],
    [`<span${tip('hhi')}>${t_('report:paramHtml.hhi')}</span>`, h(p.hhiThreshold)],
    [`<span${tip('cascade')}>${t_('report:paramHtml.theta')}</span>`, h(p.theta)],
    [t_('report:param.supplyTypes'), h(supplyTypesText(p.supplyTypes ?? [], tr))],
    [t_('report:paramHtml.order'), h(orderName(p.resilienceOrder, tr))],
    [t_('report:param.limits'), h(limitsText(p.limits ?? {}, tr))],
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
    if (!known.has(key)) {
      const label = h(paramKey(key, tr));
      paramRows.push([
        key === 'minShare' ? `<span${tip('minShare')}>${label}</span>` : label,
        h(paramValue(key, v, tr)),
      ]);
    }
  }
  const dataRows: Array<[string, string]> = [
    [t_('report:data.companies'), count(d.companies)],
    [t_('report:data.relations'), count(d.relations)],
    [t_('report:data.clusterCompanies'), count(c.companies)],
    [t_('report:data.chainCompanies'), count(c.chainCompanies)],
    [
      t_('report:data.segmentsByStage'),
      `${count(t.segments)} (${STAGES.map((s) => count(t.byStage?.[s] ?? 0)).join(' / ')})`,
    ],
    [t_('report:data.feeds'), count(k.feeds.all)],
    [t_('report:data.edges'), count(ls?.edges)],
    [t_('report:data.inferredHtml'), count(ls?.inferredEdges)],
    [
      t_('report:data.communities'),
      t_('report:data.communitiesValue', {
        n: count(report.communities.count),
        modularity: fixed(report.communities.modularity),
        seed: report.communities.seed,
      }),
    ],
  ];
  const kv = (id: string, rows: Array<[string, string]>) =>
    `<table id="${id}" class="kv"><tbody>${rows.map(([a, b]) => `<tr><td>${a}</td><td>${b}</td></tr>`).join('')}</tbody></table>`;
  push(
    '<section id="provenance" class="grid2">',
    `<div><h2>${t_('report:h.parameters')}</h2>${kv('table-parameters', paramRows)}</div>`,
    `<div><h2>${t_('report:h.data')}</h2>${kv('table-data', dataRows)}</div>`,
    '</section>',
  );
  push(glossaryHtml(tr));
  push(
    `<footer>${t_('report:html.footer', { name: report.generator.name, version: report.generator.version, schema: report.schemaVersion })}</footer>`,
  );

  const embed =
    options.embedJson === false
      ? ''
      : `<script type="application/json" id="chainlens-report">${jsonForScript(report)}</script>`;
  return [
    '<!DOCTYPE html>',
    `<html lang="${tr.lang}">`,
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
