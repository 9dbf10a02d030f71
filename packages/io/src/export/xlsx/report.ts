/**
 * report.xlsx: a chain report (`ChainReport`, report.json) as an Excel workbook for analysts
 * who work in Excel or WPS. Sheets, in order: overview, segments, missing segments, weak links,
 * chain leaders, investment targets, critical companies, parameters and notes; sheet names,
 * headers and the words in cells come from the `xlsx` catalogue of the translator's language.
 * Figures are the report's own numbers, unrounded, shown through number formats.
 */
import type { ChainReport, CompanyRef, ReportIndex, Translator } from '@chainlens/core';
import { asOfText, indexReport, targetText, weakLinkText } from '@chainlens/core';
import type { Cell, CellFormat, Column, SheetSpec } from './sheet.js';
import { addTableSheet, newWorkbook, workbookBytes } from './sheet.js';

const STAGES = ['upstream', 'midstream', 'downstream'] as const;

/** A field of a report object that is a number, else null. */
function num(o: Record<string, unknown>, key: string): number | null {
  const v = o[key];
  return typeof v === 'number' ? v : null;
}

const col = (tr: Translator, key: string, format: CellFormat): Column => ({
  header: tr.t(`xlsx:col.${key}`),
  format,
});
const item = (label: string, value: Cell, format: CellFormat, meaning = ''): Cell[] => [
  label,
  { value: value as string | number | null, format },
  meaning,
];

/** Company names of every company the report names, by id. */
function namesById(report: ChainReport): Map<string, CompanyRef> {
  const names = new Map<string, CompanyRef>();
  const add = (c: CompanyRef) => names.set(c.company, c);
  for (const s of report.segments) s.members.forEach(add);
  report.leaders.forEach(add);
  report.targets.forEach(add);
  (report.targetsMaybeLocal ?? []).forEach(add);
  report.critical.forEach(add);
  return names;
}

function overview(report: ChainReport, tr: Translator): SheetSpec {
  const c = report.completeness;
  const m = (k: string) => tr.t(`xlsx:meaning.${k}`);
  const region = report.cluster.id.replace(/^region:/, '');
  const rows: Cell[][] = [
    item(
      tr.t('xlsx:item.chain'),
      `${report.template.name} (${report.template.id})`,
      'text',
      m('chain'),
    ),
    item(tr.t('xlsx:item.region'), region, 'id'),
    item(tr.t('xlsx:item.dataset'), report.dataset.name, 'text'),
    ...(asOfText(report.dataset.asOf, tr) === undefined
      ? []
      : [item(tr.t('xlsx:item.asOf'), asOfText(report.dataset.asOf, tr)!, 'text')]),
    item(tr.t('xlsx:item.datasetCompanies'), report.dataset.companies, 'int'),
    item(tr.t('xlsx:item.clusterCompanies'), report.cluster.companies, 'int'),
    item(tr.t('xlsx:item.chainCompanies'), report.cluster.chainCompanies, 'int'),
    item(tr.t('xlsx:item.segments'), c.segments.all, 'int'),
    item(tr.t('xlsx:item.segmentsPresent'), c.segments.present, 'int'),
    item(tr.t('xlsx:item.coverage'), c.coverage, 'fig', m('coverage')),
    item(tr.t('xlsx:item.redundancy'), c.redundancy, 'fig', m('redundancy')),
    item(tr.t('xlsx:item.link'), c.link, 'fig', m('link')),
    item(tr.t('xlsx:item.path'), c.path, 'fig', m('path')),
  ];
  for (const s of STAGES) {
    const stage = tr.t(`common:stage.${s}`);
    const f = c.byStage[s];
    rows.push(
      item(tr.t('xlsx:item.stageCoverage', { stage }), f.coverage, 'fig'),
      item(tr.t('xlsx:item.stageRedundancy', { stage }), f.redundancy, 'fig'),
      item(tr.t('xlsx:item.stageSegments', { stage }), `${f.present} / ${f.segments}`, 'text'),
    );
  }
  rows.push(
    item(tr.t('xlsx:item.localSupplyRatio'), c.localSupply.byValue, 'pct', m('localSupplyRatio')),
    item(tr.t('xlsx:item.localSupplyByCount'), c.localSupply.byCount, 'pct'),
    item(tr.t('xlsx:item.localSupplyEdges'), c.localSupply.edges, 'int'),
    item(tr.t('xlsx:item.localSupplyLocal'), c.localSupply.localEdges, 'int'),
    item(tr.t('xlsx:item.localSupplyInferred'), c.localSupply.inferredEdges, 'int', m('inferred')),
    item(tr.t('xlsx:item.communities'), report.communities.count, 'int'),
    item(tr.t('xlsx:item.modularity'), report.communities.modularity, 'score'),
    item(tr.t('xlsx:item.resilienceRandom'), report.resilience.R.random, 'fig', m('resilience')),
    item(tr.t('xlsx:item.resilienceTargeted'), report.resilience.R.targeted, 'fig'),
    ...parameterRows(report, tr, false),
  );
  return {
    name: tr.t('xlsx:sheet.overview'),
    columns: [col(tr, 'item', 'text'), col(tr, 'value', 'num'), col(tr, 'meaning', 'text')],
    rows,
  };
}

/** The run's parameters as item rows (with their meaning when `explain`). */
function parameterRows(report: ChainReport, tr: Translator, explain: boolean): Cell[][] {
  const p = report.parameters;
  const m = (k: string) => (explain ? tr.t(`xlsx:meaning.${k}`) : '');
  const minShare = typeof p['minShare'] === 'number' ? p['minShare'] : report.coverage?.minShare;
  return [
    item(tr.t('xlsx:item.seed'), p.seed, 'num', m('seed')),
    item(tr.t('xlsx:item.r'), p.redundancy, 'num', m('r')),
    item(tr.t('xlsx:item.hhiThreshold'), p.hhiThreshold, 'fig', m('hhiThreshold')),
    item(tr.t('xlsx:item.theta'), p.theta, 'num', m('theta')),
    item(tr.t('xlsx:item.minShare'), minShare ?? null, 'pct', m('minShare')),
    item(tr.t('xlsx:item.supplyTypes'), tr.list(p.supplyTypes), 'text', m('supplyTypes')),
    item(tr.t('xlsx:item.resilienceOrder'), p.resilienceOrder, 'text'),
    item(
      tr.t('xlsx:item.limits'),
      `${p.limits.leaders}, ${p.limits.targets}, ${p.limits.critical}`,
      'text',
    ),
  ];
}

function segments(report: ChainReport, tr: Translator): SheetSpec {
  const rows = report.segments.map((s): Cell[] => [
    tr.t(`common:stage.${s.stage}`),
    s.id,
    s.name,
    tr.t(`xlsx:status.${s.status}`),
    s.companies,
    s.hhi,
    num(s, 'effective'),
    s.weight,
    tr.list(
      s.members.map(
        (m) => `${m.name} ${m.share === null ? tr.t('xlsx:shareUnknown') : tr.pct(m.share)}`,
      ),
    ),
    s.members.map((m) => m.company).join(', '),
  ]);
  return {
    name: tr.t('xlsx:sheet.segments'),
    columns: [
      col(tr, 'stage', 'text'),
      col(tr, 'segmentId', 'id'),
      col(tr, 'segment', 'text'),
      col(tr, 'status', 'text'),
      col(tr, 'firms', 'int'),
      col(tr, 'hhi', 'fig'),
      col(tr, 'effective', 'fig'),
      col(tr, 'weight', 'num'),
      col(tr, 'members', 'text'),
      col(tr, 'memberIds', 'id'),
    ],
    rows,
  };
}

function missing(report: ChainReport, tr: Translator, names: Map<string, CompanyRef>): SheetSpec {
  const segName = new Map(report.segments.map((s) => [s.id, s.name]));
  const rows = report.missingRoles.map((r): Cell[] => [
    r.segment,
    segName.get(r.segment) ?? (typeof r['name'] === 'string' ? r['name'] : ''),
    tr.t(`xlsx:direction.${r.direction}`),
    r.neededBy.length,
    tr.list(r.neededBy.map((id) => names.get(id)?.name ?? id)),
    r.neededBy.join(', '),
    num(r, 'externalCompanies'),
  ]);
  return {
    name: tr.t('xlsx:sheet.missing'),
    columns: [
      col(tr, 'segmentId', 'id'),
      col(tr, 'segment', 'text'),
      col(tr, 'direction', 'text'),
      col(tr, 'neededByCount', 'int'),
      col(tr, 'neededBy', 'text'),
      col(tr, 'memberIds', 'id'),
      col(tr, 'externalCompanies', 'int'),
    ],
    rows,
  };
}

function weakLinks(
  report: ChainReport,
  tr: Translator,
  names: Map<string, CompanyRef>,
  index: ReportIndex,
): SheetSpec {
  const segName = new Map(report.segments.map((s) => [s.id, s.name]));
  const name = (id: string | undefined) => (id === undefined ? '' : (names.get(id)?.name ?? ''));
  const rows = report.weakLinks.map((w): Cell[] => [
    tr.t(`xlsx:kind.${w.kind}`),
    w.segment ?? '',
    w.segment === undefined ? '' : (segName.get(w.segment) ?? ''),
    w.company ?? '',
    name(w.company),
    w.source ?? '',
    w.target ?? '',
    num(w, 'companies'),
    num(w, 'hhi'),
    num(w, 'effective'),
    num(w, 'edges'),
    num(w, 'inferredEdges'),
    num(w, 'separated'),
    num(w, 'buyers'),
    num(w, 'externalSuppliers'),
    // The report's sentence, in the workbook's language.
    weakLinkText(w, index, tr),
  ]);
  return {
    name: tr.t('xlsx:sheet.weak'),
    columns: [
      col(tr, 'kind', 'text'),
      col(tr, 'segmentId', 'id'),
      col(tr, 'segment', 'text'),
      col(tr, 'companyId', 'id'),
      col(tr, 'company', 'text'),
      col(tr, 'source', 'id'),
      col(tr, 'target', 'id'),
      col(tr, 'companies', 'int'),
      col(tr, 'hhi', 'fig'),
      col(tr, 'effective', 'fig'),
      col(tr, 'edges', 'int'),
      col(tr, 'inferredEdges', 'int'),
      col(tr, 'separated', 'int'),
      col(tr, 'buyers', 'int'),
      col(tr, 'externalSuppliers', 'int'),
      col(tr, 'detail', 'text'),
    ],
    rows,
  };
}

/** Component keys of a list's scores, in first-seen order. */
function componentKeys(items: Array<{ components: Record<string, number> }>): string[] {
  const keys = new Set<string>();
  for (const i of items) for (const k of Object.keys(i.components)) keys.add(k);
  return [...keys];
}

/** The header of a leader score component: its name in the catalogue, else its key. */
function componentHeader(key: string, tr: Translator): string {
  const known: Record<string, string> = {
    presence: tr.t('xlsx:component.presence'),
    breadth: tr.t('xlsx:component.breadth'),
    partners: tr.t('xlsx:component.partners'),
    size: tr.t('xlsx:component.size'),
  };
  return known[key] ?? key;
}

function leaders(report: ChainReport, tr: Translator): SheetSpec {
  const segName = new Map(report.segments.map((s) => [s.id, s.name]));
  const keys = componentKeys(report.leaders);
  const rows = report.leaders.map((l, i): Cell[] => [
    i + 1,
    l.company,
    l.name,
    l.region,
    l.score,
    ...keys.map((k) => l.components[k] ?? null),
    tr.list(
      l.holdings.map(
        (h) =>
          `${segName.get(h.segment) ?? h.segment} ${h.share === null ? tr.t('xlsx:shareUnknown') : tr.pct(h.share)}`,
      ),
    ),
    l.basis.observedPartners,
    l.basis.inferredPartners,
    tr.t(l.basis.sizeKnown ? 'xlsx:yes' : 'xlsx:no'),
    l.basis.unknownShares,
  ]);
  return {
    name: tr.t('xlsx:sheet.leaders'),
    columns: [
      col(tr, 'rank', 'int'),
      col(tr, 'companyId', 'id'),
      col(tr, 'company', 'text'),
      col(tr, 'region', 'id'),
      col(tr, 'score', 'score'),
      ...keys.map((k): Column => ({ header: componentHeader(k, tr), format: 'score' })),
      col(tr, 'holdings', 'text'),
      col(tr, 'observedPartners', 'int'),
      col(tr, 'inferredPartners', 'int'),
      col(tr, 'sizeKnown', 'text'),
      col(tr, 'unknownShares', 'int'),
    ],
    rows,
  };
}

function targets(report: ChainReport, tr: Translator, index: ReportIndex): SheetSpec {
  const segName = new Map(report.segments.map((s) => [s.id, s.name]));
  const list = [...report.targets, ...(report.targetsMaybeLocal ?? [])];
  const c = (t: (typeof list)[number], k: string) => t.components[k] ?? null;
  const rows = list.map((t, i): Cell[] => [
    i + 1,
    t.company,
    t.name,
    t.region,
    t.segment,
    segName.get(t.segment) ?? '',
    tr.t(`xlsx:location.${t.location}`),
    t.share,
    t.score,
    c(t, 'before'),
    c(t, 'after'),
    c(t, 'gain'),
    c(t, 'links'),
    c(t, 'inferredLinks'),
    c(t, 'need'),
    targetText(t, index, tr),
  ]);
  return {
    name: tr.t('xlsx:sheet.targets'),
    columns: [
      col(tr, 'rank', 'int'),
      col(tr, 'companyId', 'id'),
      col(tr, 'company', 'text'),
      col(tr, 'region', 'id'),
      col(tr, 'segmentId', 'id'),
      col(tr, 'segment', 'text'),
      col(tr, 'location', 'text'),
      col(tr, 'share', 'pct'),
      col(tr, 'score', 'score'),
      col(tr, 'before', 'fig'),
      col(tr, 'after', 'fig'),
      col(tr, 'gain', 'fig'),
      col(tr, 'links', 'int'),
      col(tr, 'inferredLinks', 'int'),
      col(tr, 'need', 'int'),
      col(tr, 'explanation', 'text'),
    ],
    rows,
  };
}

function critical(report: ChainReport, tr: Translator, names: Map<string, CompanyRef>): SheetSpec {
  const rows = report.critical.map((c, i): Cell[] => {
    const drops = (c['drops'] ?? {}) as Record<string, unknown>;
    return [
      i + 1,
      c.company,
      c.name,
      c.region,
      c.completenessDrop,
      c.cutOff.length,
      tr.list(c.cutOff.map((id) => names.get(id)?.name ?? id)),
      num(drops, 'coverage'),
      num(drops, 'redundancy'),
      num(drops, 'link'),
      num(drops, 'path'),
    ];
  });
  return {
    name: tr.t('xlsx:sheet.critical'),
    columns: [
      col(tr, 'rank', 'int'),
      col(tr, 'companyId', 'id'),
      col(tr, 'company', 'text'),
      col(tr, 'region', 'id'),
      col(tr, 'completenessDrop', 'fig'),
      col(tr, 'cutOffCount', 'int'),
      col(tr, 'cutOff', 'text'),
      col(tr, 'dropCoverage', 'fig'),
      col(tr, 'dropRedundancy', 'fig'),
      col(tr, 'dropLink', 'fig'),
      col(tr, 'dropPath', 'fig'),
    ],
    rows,
  };
}

function notes(report: ChainReport, tr: Translator): SheetSpec {
  const m = (k: string) => tr.t(`xlsx:meaning.${k}`);
  const rows: Cell[][] = [
    ...parameterRows(report, tr, true),
    item(
      tr.t('xlsx:item.generator'),
      `${report.generator.name} ${report.generator.version}`,
      'text',
    ),
  ];
  const cov = report.coverage;
  if (cov) {
    rows.push(
      item(tr.t('xlsx:item.withoutRegion'), cov.dataset.companiesWithoutRegion, 'int'),
      item(tr.t('xlsx:item.chainMemberships'), cov.cluster.chainMemberships, 'int'),
      item(tr.t('xlsx:item.unknownShareMemberships'), cov.cluster.unknownShareMemberships, 'int'),
      item(tr.t('xlsx:item.supplyObserved'), cov.cluster.supplyLinks.observed, 'int'),
      item(
        tr.t('xlsx:item.supplyInferred'),
        cov.cluster.supplyLinks.inferred,
        'int',
        m('inferred'),
      ),
    );
  }
  rows.push(
    item(tr.t('xlsx:item.coverage'), '', 'text', m('coverage')),
    item(tr.t('xlsx:item.redundancy'), '', 'text', m('redundancy')),
    item(tr.t('xlsx:item.link'), '', 'text', m('link')),
    item(tr.t('xlsx:item.path'), '', 'text', m('path')),
    item(tr.t('xlsx:item.localSupplyRatio'), '', 'text', m('localSupplyRatio')),
    item(tr.t('xlsx:col.hhi'), '', 'text', m('hhi')),
    item(tr.t('xlsx:col.score'), '', 'text', m('score')),
    item(tr.t('xlsx:col.completenessDrop'), '', 'text', m('completenessDrop')),
  );
  return {
    name: tr.t('xlsx:sheet.notes'),
    columns: [col(tr, 'item', 'text'), col(tr, 'value', 'num'), col(tr, 'meaning', 'text')],
    rows,
  };
}

/** The sheets of report.xlsx, as data (names, columns, rows), in order. */
export function reportSheets(report: ChainReport, tr: Translator): SheetSpec[] {
  const names = namesById(report);
  const index = indexReport(report);
  return [
    overview(report, tr),
    segments(report, tr),
    missing(report, tr, names),
    weakLinks(report, tr, names, index),
    leaders(report, tr),
    targets(report, tr, index),
    critical(report, tr, names),
    notes(report, tr),
  ];
}

/** report.xlsx of a chain report, in the translator's language, as the bytes of the file. */
export async function reportWorkbook(report: ChainReport, tr: Translator): Promise<Uint8Array> {
  const workbook = await newWorkbook();
  for (const sheet of reportSheets(report, tr)) addTableSheet(workbook, sheet);
  return workbookBytes(workbook);
}
