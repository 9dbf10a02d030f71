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
import { provinceSection } from './province-map.js';
import type { ReportIndex } from './model.js';
import { targetText, weakLinkText } from './sentences.js';
import type { Translator } from '../../i18n/translator.js';
import {
  clusterLabel,
  companyName,
  componentKeys,
  componentLabel,
  count,
  componentFormats,
  MEASURES,
  kindLabel,
  measureName,
  measureText,
  orderName,
  reportPortfolio,
  reportRelated,
  fixed,
  holdingsText,
  leaderBasisText,
  memberText,
  shareText,
  indexReport,
  pct,
  segmentName,
  stageTitle,
  stageWord,
  statusLabel,
} from './model.js';
import { glossaryHtml, glossaryTip } from './glossary.js';
import { limitsText, paramKey, paramValue, supplyTypesText } from './markdown.js';
import { EN, unit } from './words.js';

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

function companyCell(c: CompanyRef): string {
  return `<td data-col="company"><span class="co">${dh(c.name)}</span><span class="id">${dh(c.company)}</span></td>`;
}

function nameList(
  index: ReportIndex,
  ids: readonly string[],
  limit: number,
  label: (id: string, i: number) => string = (id) => companyName(index, id),
  tr: Translator = EN,
): string {
  if (ids.length === 0) return '<span class="dim">—</span>';
  const shown = ids.slice(0, limit).map((id, i) => dh(label(id, i)));
  const rest = ids.slice(limit).map((id, i) => dh(label(id, i + limit)));
  return (
    shown.join('、') +
    (rest.length > 0
      ? ` <details><summary>${h(tr.t('report:more', { n: count(rest.length) }))}</summary>${rest.join('、')}</details>`
      : '')
  );
}

function statusChip(status: string, tr: Translator): string {
  const st = STATUS_STYLE[status as keyof typeof STATUS_STYLE] ?? STATUS_STYLE.absent;
  const label = statusLabel(status, tr);
  return `<span class="chip" style="background:${st.fill};border-color:${st.stroke}">${h(label)}</span>`;
}

function tableHtml(id: string, head: Array<[string, boolean?]>, rows: string[], cls = ''): string {
  return `<table id="${id}"${cls ? ` class="${cls}"` : ''}><thead><tr>${head.map(([t, num]) => `<th${num ? ' class="num"' : ''}>${t}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const num = (text: string, col?: string) =>
  `<td class="num"${col ? ` data-col="${h(col)}"` : ''}>${text}</td>`;

/** The glossary entry of each weak-link kind (its label's tooltip). */
const KIND_GLOSSARY: Record<string, string> = {
  'single-source': 'singleSource',
  concentrated: 'concentrated',
  'cut-point': 'cutPoint',
  bridge: 'bridge',
  'external-only': 'externalOnly',
};

/** Renders a ChainReport as one self-contained HTML page (see the module comment). */
export function renderHtml(report: ChainReport, options: HtmlOptions = {}): string {
  const limit = options.names ?? 8;
  const tr = options.tr ?? EN;
  const t_ = (key: string, vars?: Record<string, unknown>) => h(tr.t(key, vars));
  /** A label with the glossary's `.what` sentence as its tooltip. */
  const tip = (id: string) => ` title="${h(glossaryTip(id, tr))}"`;
  const index = indexReport(report);
  const { completeness: k, template: t, dataset: d, cluster: c, parameters: p } = report;
  const title = `${t.name} — ${clusterLabel(c.id, tr)}`;
  const body: string[] = [];
  const push = (...s: string[]) => body.push(...s);

  // Header.
  push(
    `<header class="top"><div class="kicker">${t_('report:html.kicker')}</div><h1>${h(title)}</h1><ul class="meta">` +
      `<li><b>${t_('report:label.cluster')}</b> ${t_('report:html.metaCluster', { id: clusterLabel(c.id, tr), companies: unit(tr, 'company', c.companies), chain: count(c.chainCompanies) })}</li>` +
      `<li><b>${t_('report:label.template')}</b> ${t_('report:html.metaTemplate', { id: t.id, segments: unit(tr, 'segment', t.segments), feeds: unit(tr, 'feed', k.feeds.all) })}</li>` +
      `<li><b>${t_('report:label.dataset')}</b> ${t_('report:html.metaDataset', { name: d.name, companies: unit(tr, 'company', d.companies), relations: unit(tr, 'relationAny', d.relations) })}</li>` +
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

  // Leading firms.
  push(`<section id="leaders"><h2${tip('leader')}>${t_('report:h.leaders')}</h2>`);
  if (report.leaders.length === 0) push(`<p class="empty">${t_('report:html.noLeaders')}</p>`);
  else {
    const keys = componentKeys(report.leaders);
    const fmt = componentFormats(report.leaders, keys);
    push(
      `<p class="lede">${t_('report:html.leadersLede')}</p>`,
      tableHtml(
        'table-leaders',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.score'), true],
          ...keys.map((key): [string, boolean] => [h(componentLabel(key, tr)), true]),
          [t_('report:col.mainSegments')],
          [t_('report:col.restsOn')],
        ],
        report.leaders.map(
          (l, i) =>
            `<tr>${num(String(i + 1))}${companyCell(l)}<td>${h(l.region)}</td>${num(fixed(l.score), 'score')}${keys.map((key) => num(fmt[key]!(l.components?.[key]), key)).join('')}<td data-col="holdings">${h(holdingsText(index, l.holdings, 2, tr))}</td><td data-col="basis" class="dim">${l.basis ? h(leaderBasisText(l.basis, tr)) : ''}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Critical companies.
  push(`<section id="critical"><h2${tip('criticality')}>${t_('report:h.critical')}</h2>`);
  if (report.critical.length === 0) push(`<p class="empty">${t_('report:none')}</p>`);
  else {
    push(
      `<p class="lede">${t_('report:html.criticalLede', { theta: p.theta })}</p>`,
      tableHtml(
        'table-critical',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.drop'), true],
          [t_('report:col.cutOff'), true],
          [t_('report:col.firmsCutOff')],
        ],
        report.critical.map(
          (cr, i) =>
            `<tr>${num(String(i + 1))}${companyCell(cr)}<td>${h(cr.region)}</td>${num(pct(cr.completenessDrop), 'drop')}${num(count(cr.cutOff.length), 'cutoff')}<td>${nameList(index, cr.cutOff, limit, undefined, tr)}</td></tr>`,
        ),
      ),
    );
  }
  push('</section>');

  // Weak links and missing roles.
  push(`<section id="weak-links"><h2>${t_('report:h.weakLinks')}</h2>`);
  if (report.weakLinks.length === 0) push(`<p class="empty">${t_('report:none.found')}</p>`);
  else {
    push(
      tableHtml(
        'table-weak-links',
        [
          [t_('report:col.kind')],
          [t_('report:col.segment')],
          [t_('report:col.companyEdge')],
          [t_('report:col.detail')],
        ],
        report.weakLinks.map((w) => {
          const who = [
            w.company !== undefined ? dh(companyName(index, w.company)) : '',
            w.source !== undefined || w.target !== undefined
              ? `${dh(companyName(index, w.source ?? '?'))} → ${dh(companyName(index, w.target ?? '?'))}`
              : '',
          ]
            .filter(Boolean)
            .join(' · ');
          return `<tr><td data-col="kind"${KIND_GLOSSARY[w.kind] ? tip(KIND_GLOSSARY[w.kind]!) : ''}>${h(kindLabel(w.kind, tr))}</td><td data-col="segment">${w.segment !== undefined ? dh(segmentName(index, w.segment)) : '<span class="dim">—</span>'}</td><td>${who || '<span class="dim">—</span>'}</td><td data-col="detail">${h(weakLinkText(w, index, tr))}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  push(`<section id="missing-roles"><h2>${t_('report:h.missingRoles')}</h2>`);
  if (report.missingRoles.length === 0) push(`<p class="empty">${t_('report:html.noMissing')}</p>`);
  else {
    push(
      `<p class="lede">${t_('report:html.missingLede')}</p>`,
      tableHtml(
        'table-missing-roles',
        [
          [t_('report:col.segment')],
          [t_('report:col.stage')],
          [t_('report:col.direction')],
          [t_('report:col.neededBy'), true],
          [t_('report:col.firmsNeeding')],
        ],
        report.missingRoles.map((m) => {
          const seg = index.segments.get(m.segment);
          return `<tr><td data-col="segment">${dh(segmentName(index, m.segment))}</td><td>${seg ? h(stageWord(seg.stage, tr)) : ''}</td><td data-col="direction">${seg ? statusChip(seg.status, tr) : h(tr.t(`report:direction.${m.direction}`, { defaultValue: m.direction }))}</td>${num(count(m.neededBy.length), 'needed')}<td>${nameList(index, m.neededBy, limit, undefined, tr)}</td></tr>`;
        }),
      ),
    );
  }
  push('</section>');

  // Targets.
  push(`<section id="targets"><h2${tip('target')}>${t_('report:h.targetsHtml')}</h2>`);
  if (report.targets.length === 0) push(`<p class="empty">${t_('report:html.noTargets')}</p>`);
  else {
    const keys = componentKeys(report.targets);
    const fmt = componentFormats(report.targets, keys);
    const span = 4 + keys.length;
    push(
      `<p class="lede">${t_('report:html.targetsLede')}</p>`,
      tableHtml(
        'table-targets',
        [
          ['#', true],
          [t_('report:col.company')],
          [t_('report:col.region')],
          [t_('report:col.segment')],
          [t_('report:col.score'), true],
          ...keys.map((key): [string, boolean] => [h(componentLabel(key, tr)), true]),
        ],
        report.targets.map(
          (tg, i) =>
            `<tr class="main">${num(String(i + 1))}${companyCell(tg)}<td>${h(tg.region)}</td><td data-col="segment">${dh(segmentName(index, tg.segment))} <span class="dim">${h(shareText(tg.share ?? null, false, tr))}</span></td>${num(fixed(tg.score), 'score')}${keys.map((key) => num(fmt[key]!(tg.components?.[key]), key)).join('')}</tr>` +
            `<tr class="why-row"><td></td><td colspan="${span}" class="why" data-col="explanation">${h(targetText(tg, index, tr))}</td></tr>`,
        ),
        'targets',
      ),
    );
  }
  const maybeLocal = report.targetsMaybeLocal ?? [];
  if (maybeLocal.length > 0) {
    push(
      `<p class="lede" id="targets-maybe-local">${t_('report:maybeLocal', {
        list: maybeLocal
          .map((tg) =>
            tr.t('report:maybeLocalItem', {
              name: tg.name,
              segment: segmentName(index, tg.segment),
              share: shareText(tg.share, false, tr),
            }),
          )
          .join(tr.t('report:join.semicolon')),
      })}</p>`,
    );
  }
  push('</section>');

  // Portfolio (an addition to DESIGN §6: greedy picks with before/after completeness).
  const portfolio = reportPortfolio(report);
  if (portfolio) {
    push(`<section id="portfolio"><h2>${t_('report:h.portfolio')}</h2>`);
    if (portfolio.picks.length === 0) push(`<p class="empty">${t_('report:portfolio.none')}</p>`);
    else {
      const change = MEASURES.map(([key]) => {
        const a = portfolio.before[key];
        const b = portfolio.after[key];
        return typeof a === 'number' && typeof b === 'number'
          ? `<span class="delta" data-measure="${key}"><b${tip(key)}>${h(measureText(key, tr))}</b> ${pct(a)} → ${pct(b)}</span>`
          : '';
      }).join('');
      const objective = measureName(portfolio.objective, tr);
      push(
        `<p class="lede">${t_('report:html.portfolioLede', { objective, picks: unit(tr, 'pick', portfolio.picks.length) })}</p><p class="deltas">${change}</p>`,
        tableHtml(
          'table-portfolio',
          [
            ['#', true],
            [t_('report:col.company')],
            [t_('report:col.region')],
            [t_('report:col.segmentsBrings')],
            [t_('report:col.gain'), true],
            [t_('report:col.after', { objective }), true],
          ],
          portfolio.picks.map(
            (p, i) =>
              `<tr>${num(String(i + 1))}${companyCell(p)}<td>${h(p.region)}</td><td>${p.segments.map((s) => dh(segmentName(index, s))).join(h(tr.t('report:join.segments')))}</td>${num(`+${pct(p.gain)}`, 'gain')}${num(pct(p.value), 'value')}</tr>`,
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
      `<section id="related"><h2${tip('density')}>${t_('report:h.related')}</h2>`,
      `<p class="lede">${t_('report:html.relatedLede')}</p>`,
      tableHtml(
        'table-related',
        [
          [t_('report:col.segment')],
          [t_('report:col.stage')],
          [t_('report:col.status')],
          [t_('report:col.density'), true],
          [t_('report:col.nearest')],
        ],
        related.map(
          (r) =>
            `<tr><td data-col="segment">${h(r.name)}</td><td>${h(stageWord(r.stage, tr))}</td><td>${statusChip(r.status, tr)}</td>${num(pct(r.density, 0), 'density')}<td>${r.nearest.map((n) => `${dh(n.name)} <span class="dim">${fixed(n.proximity, 2)}</span>`).join('、') || '<span class="dim">—</span>'}</td></tr>`,
        ),
      ),
      '</section>',
    );
  }
  push('</section>');

  // Segments.
  push(`<section id="segments"><h2>${t_('report:h.segments')}</h2>`);
  for (const stage of STAGES) {
    const segs = index.byStage[stage];
    if (segs.length === 0) continue;
    push(
      `<h3>${h(stageTitle(stage, tr))} <span class="dim">· ${h(unit(tr, 'segment', segs.length))}</span></h3>`,
      tableHtml(
        `table-segments-${stage}`,
        [
          [t_('report:col.segment')],
          [t_('report:col.status')],
          [t_('report:col.companies'), true],
          [`<span${tip('hhi')}>${t_('report:col.hhi')}</span>`, true],
          [t_('report:col.localCompaniesHtml')],
        ],
        segs.map(
          (s) =>
            `<tr data-segment="${h(s.id)}"><td data-col="segment"><span class="co">${dh(s.name)}</span><span class="id">${dh(s.id)}</span></td><td>${statusChip(s.status, tr)}</td>${num(count(s.companies), 'companies')}${num(fixed(s.hhi, 2), 'hhi')}<td>${nameList(
              index,
              (s.members ?? []).map((m) => m.company),
              limit,
              (_, i) => memberText(s.members[i]!, tr),
              tr,
            )}</td></tr>`,
        ),
        'segs',
      ),
    );
  }
  push('</section>');

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
