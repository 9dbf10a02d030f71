/**
 * What report.md and report.html share: number formats, labels for statuses and kinds, and
 * look-ups into a ChainReport (company and segment names by id, the template's feeds, the
 * resilience curve's x values). Pure functions of the report; no analysis happens here.
 */
import type { Stage } from '../../graph/types.js';
import { STAGES } from '../../graph/types.js';
import type { Translator } from '../../i18n/translator.js';
import { EN, sharePct, unit } from './words.js';
import type {
  ChainReport,
  CompanyRef,
  ReportSegment,
  SegmentStatus,
  WeakLinkKind,
} from '../types.js';

/** `x` as a percentage with `digits` [1] decimals (`0.8461` → `84.6%`); `—` for null/NaN. */
export function pct(x: number | null | undefined, digits = 1): string {
  return x == null || !Number.isFinite(x) ? '—' : `${(100 * x).toFixed(digits)}%`;
}

/** `x` with `digits` [3] decimals; `—` for null/NaN. */
export function fixed(x: number | null | undefined, digits = 3): string {
  return x == null || !Number.isFinite(x) ? '—' : x.toFixed(digits);
}

/**
 * A score component: integers as integers (`45`), other numbers with `digits` [3] decimals;
 * `—` for null/NaN.
 */
export function figure(x: number | null | undefined, digits = 3): string {
  if (x == null || !Number.isFinite(x)) return '—';
  return Number.isInteger(x) ? count(x) : x.toFixed(digits);
}

/** An integer with thousands separators (`4689` → `4,689`); `—` for null/NaN. */
export function count(x: number | null | undefined): string {
  return x == null || !Number.isFinite(x) ? '—' : Math.round(x).toLocaleString('en-US');
}

/**
 * A revenue share as a sentence or a table shows it: `62%`, `5.2%`; `62%+?` when part of it rests
 * on lines without a revenue figure (a lower bound); `share ?` when unknown.
 */
export function shareText(share: number | null, shareUnknown = false, tr: Translator = EN): string {
  if (share === null) return tr.t('report:share.unknown');
  return shareUnknown ? `${sharePct(share)}+?` : sharePct(share);
}

/** A segment member as a list shows it: `亿纬锂能 (62%)`; the name alone when the report has no share. */
export function memberText(
  m: {
    name: string;
    company: string;
    share?: number | null;
    shareUnknown?: boolean;
  },
  language: Translator | number = EN,
): string {
  // A number (the index Array#map passes, as in `members.map(memberText)`) means English.
  const tr = typeof language === 'number' ? EN : language;
  const name = m.name || m.company;
  return m.share === undefined
    ? name
    : tr.t('report:md.segShare', { segment: name, share: shareText(m.share, m.shareUnknown, tr) });
}

/** A leader's first `k` holdings: `锂电池电芯 62%、电池包 34%` (+ how many more). */
export function holdingsText(
  index: ReportIndex,
  holdings: ChainReport['leaders'][number]['holdings'] | undefined,
  k = 2,
  tr: Translator = EN,
): string {
  if (!holdings || holdings.length === 0) return '';
  const shown = holdings
    .slice(0, k)
    .map((x) => `${segmentName(index, x.segment)} ${shareText(x.share, x.shareUnknown, tr)}`);
  const more = holdings.length - shown.length;
  return shown.join('、') + (more > 0 ? ` +${more}` : '');
}

/** What a leader's row rests on, in a few words (links observed or inferred, size, shares). */
export function leaderBasisText(
  b: ChainReport['leaders'][number]['basis'],
  tr: Translator = EN,
): string {
  const links =
    b.observedPartners + b.inferredPartners === 0
      ? tr.t('report:basis.noLinks')
      : tr.t('report:basis.partners', {
          observed: b.observedPartners,
          inferred: b.inferredPartners,
        });
  const parts = [links, tr.t(b.sizeKnown ? 'report:basis.sizeKnown' : 'report:basis.sizeUnknown')];
  if (b.unknownShares > 0) {
    parts.push(tr.t('report:basis.unknownShares', { shares: unit(tr, 'share', b.unknownShares) }));
  }
  return parts.join(tr.t('report:join.semicolon'));
}

/** A segment status's label (`missing upstream` / `上游缺失`). */
export function statusLabel(status: string, tr: Translator = EN): string {
  return (STATUSES as readonly string[]).includes(status)
    ? tr.t(`report:status.${status}`)
    : status;
}

/** What a segment status means, in a few words. */
export function statusMeaning(status: string, tr: Translator = EN): string {
  return (STATUSES as readonly string[]).includes(status)
    ? tr.t(`report:statusMeaning.${status}`)
    : '';
}

/** A weak-link kind's label (`cut point` / `关键节点企业（割点）`). */
export function kindLabel(kind: string, tr: Translator = EN): string {
  return (WEAK_LINK_KINDS as readonly string[]).includes(kind) ? tr.t(`report:kind.${kind}`) : kind;
}

/** A stage as a title (`Upstream` / `上游`). */
export function stageTitle(stage: string, tr: Translator = EN): string {
  return (STAGES as readonly string[]).includes(stage) ? tr.t(`report:stageTitle.${stage}`) : stage;
}

/** A stage as a word in a table (`upstream` / `上游`). */
export function stageWord(stage: string, tr: Translator = EN): string {
  return (STAGES as readonly string[]).includes(stage) ? tr.t(`common:stage.${stage}`) : stage;
}

/** A completeness measure's name with its symbol (`redundancy K_red` / `冗余调整完整度 K_red`). */
export function measureText(key: string, tr: Translator = EN): string {
  return MEASURES.some(([k]) => k === key) ? tr.t(`report:measureLabel.${key}`) : key;
}

/** A completeness measure's short name (`redundancy` / `冗余调整完整度`). */
export function measureName(key: string, tr: Translator = EN): string {
  return MEASURES.some(([k]) => k === key) ? tr.t(`report:measure.${key}`) : key;
}

/** A score component's column name (English: the key itself). */
export function componentLabel(key: string, tr: Translator = EN): string {
  return tr.t(`report:component.${key}`, { defaultValue: key });
}

/** The statuses in legend order (labels and meanings: namespace `report`, `status.*`). */
export const STATUSES: readonly SegmentStatus[] = [
  'present',
  'weak',
  'missing-upstream',
  'missing-downstream',
  'absent',
];

/** The weak-link kinds in DESIGN order (labels: namespace `report`, `kind.*`). */
export const WEAK_LINK_KINDS: readonly WeakLinkKind[] = [
  'single-source',
  'concentrated',
  'cut-point',
  'bridge',
  'external-only',
];

/** Look-ups that the renderers need, built once per report. */
export interface ReportIndex {
  report: ChainReport;
  /** Company id → the report's CompanyRef (from segments' members, leaders, targets, critical). */
  companies: Map<string, CompanyRef>;
  /** Segment id → segment. */
  segments: Map<string, ReportSegment>;
  /** Segments by stage, in report order. */
  byStage: Record<Stage, ReportSegment[]>;
  /** Feeds of the template as [from, to] segment ids; empty when the report has none. */
  feeds: Array<[string, string]>;
  /** Whether the report carries the feeds (the chain map draws arrows only then). */
  hasFeeds: boolean;
}

function isPair(x: unknown): x is [string, string] {
  return Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string';
}

/**
 * The template's feeds carried by a report: the first array of [from, to] pairs found at
 * `template.feedList`, `template.feeds` (when it is a list rather than a count) or a top-level
 * `feeds`. Pairs naming a segment the report lacks are dropped.
 */
export function reportFeeds(report: ChainReport): Array<[string, string]> | undefined {
  const t = report.template as unknown as Record<string, unknown>;
  for (const candidate of [t.feedList, t.feeds, report.feeds]) {
    if (Array.isArray(candidate) && candidate.every(isPair)) {
      const ids = new Set(report.segments.map((s) => s.id));
      return candidate.filter(([a, b]) => ids.has(a) && ids.has(b)).map(([a, b]) => [a, b]);
    }
  }
  return undefined;
}

/** Builds the look-ups of a report. */
export function indexReport(report: ChainReport): ReportIndex {
  const companies = new Map<string, CompanyRef>();
  const add = (c: CompanyRef) => {
    if (c && typeof c.company === 'string' && !companies.has(c.company)) {
      companies.set(c.company, { company: c.company, name: c.name, region: c.region });
    }
  };
  for (const s of report.segments) for (const m of s.members ?? []) add(m);
  for (const list of [report.leaders, report.targets, report.critical])
    for (const c of list) add(c);
  const segments = new Map(report.segments.map((s) => [s.id, s]));
  const byStage = Object.fromEntries(STAGES.map((st) => [st, [] as ReportSegment[]])) as Record<
    Stage,
    ReportSegment[]
  >;
  for (const s of report.segments) byStage[s.stage]?.push(s);
  const feeds = reportFeeds(report);
  return {
    report,
    companies,
    segments,
    byStage,
    feeds: feeds ?? [],
    hasFeeds: feeds !== undefined,
  };
}

/** A company's display name: its name from the report, or the id when the report lacks it. */
export function companyName(index: ReportIndex, id: string): string {
  return index.companies.get(id)?.name ?? id;
}

/** A segment's display name, or the id when the report lacks it. */
export function segmentName(index: ReportIndex, id: string | undefined): string {
  if (id === undefined) return '';
  return index.segments.get(id)?.name ?? id;
}

/**
 * Keys of the `components` records of a list (leaders, targets), in first-seen order, so that
 * a table can give each component its own column.
 */
export function componentKeys(
  rows: ReadonlyArray<{ components?: Record<string, number> }>,
): string[] {
  const keys: string[] = [];
  for (const r of rows)
    for (const k of Object.keys(r.components ?? {})) if (!keys.includes(k)) keys.push(k);
  return keys;
}

/**
 * x of each point of the resilience curves, as the share of chain firms removed: `q / firms`
 * when the report carries `resilience.q` and `resilience.firms`, else evenly spread over [0, 1].
 */
export function resilienceX(report: ChainReport): number[] {
  const r = report.resilience as Record<string, unknown>;
  const n = Math.max(report.resilience.random.length, report.resilience.targeted.length);
  const q = r.q;
  const firms = r.firms;
  if (Array.isArray(q) && q.length === n && typeof firms === 'number' && firms > 0) {
    return q.map((v) => Number(v) / firms);
  }
  return Array.from({ length: n }, (_, i) => (n > 1 ? i / (n - 1) : 0));
}

/** Short text for a weak link's place: its segment, company, or source → target. */
export function weakLinkPlace(index: ReportIndex, w: ChainReport['weakLinks'][number]): string {
  const parts: string[] = [];
  if (w.segment !== undefined) parts.push(segmentName(index, w.segment));
  if (w.company !== undefined) parts.push(companyName(index, w.company));
  if (w.source !== undefined || w.target !== undefined) {
    parts.push(`${companyName(index, w.source ?? '?')} → ${companyName(index, w.target ?? '?')}`);
  }
  return parts.join(' · ');
}

/**
 * A cluster as a reader names it: a region's path without its `region:` prefix (`浙江`), a
 * community as `community 3` / `社区 3`, a company list as `company list` / `企业名单`.
 */
export function clusterLabel(id: string, tr: Translator = EN): string {
  if (id.startsWith('region:')) return id.slice('region:'.length);
  if (id.startsWith('community:'))
    return tr.t('report:clusterName.community', { n: id.slice('community:'.length) });
  if (id === 'list') return tr.t('report:clusterName.list');
  return id;
}

/**
 * Formatters for the columns of a `components` table: a column whose values are all integers
 * shows integers (`45`), any other column three decimals for every row, so a column reads
 * alike from top to bottom.
 */
export function componentFormats(
  rows: ReadonlyArray<{ components?: Record<string, number> }>,
  keys: readonly string[],
): Record<string, (x: number | null | undefined) => string> {
  const out: Record<string, (x: number | null | undefined) => string> = {};
  for (const key of keys) {
    const integral = rows.every((r) => {
      const v = r.components?.[key];
      return v == null || !Number.isFinite(v) || Number.isInteger(v);
    });
    out[key] = integral ? count : (x) => fixed(x);
  }
  return out;
}

/** A greedy pick of the report's `portfolio` addition. */
export interface PortfolioPickView {
  company: string;
  name: string;
  region: string;
  segments: string[];
  gain: number;
  value: number;
}

/** The report's `portfolio` addition (greedy k targets, DESIGN §3), when present and well formed. */
export interface PortfolioView {
  objective: string;
  picks: PortfolioPickView[];
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const isRecord = (x: unknown): x is Record<string, unknown> =>
  x !== null && typeof x === 'object' && !Array.isArray(x);

/** The `portfolio` addition of a report, or undefined when it lacks one or it has another shape. */
export function reportPortfolio(report: ChainReport): PortfolioView | undefined {
  const p = report.portfolio;
  if (!isRecord(p) || !Array.isArray(p.picks) || !isRecord(p.before) || !isRecord(p.after)) {
    return undefined;
  }
  const picks = p.picks.filter(
    (x): x is PortfolioPickView =>
      isRecord(x) &&
      typeof x.company === 'string' &&
      typeof x.gain === 'number' &&
      typeof x.value === 'number',
  );
  return {
    objective: typeof p.objective === 'string' ? p.objective : 'redundancy',
    picks: picks.map((x) => ({
      ...x,
      name: String(x.name ?? x.company),
      region: String(x.region ?? ''),
      segments: Array.isArray(x.segments) ? x.segments.map(String) : [],
    })),
    before: p.before,
    after: p.after,
  };
}

/** A row of the report's `related` addition (segments to extend into, 延链). */
export interface RelatedView {
  segment: string;
  name: string;
  stage: string;
  status: string;
  density: number;
  nearest: Array<{ segment: string; name: string; proximity: number }>;
}

/** The `related` addition of a report, or an empty list when it lacks one. */
export function reportRelated(report: ChainReport): RelatedView[] {
  const r = report.related;
  if (!Array.isArray(r)) return [];
  return r
    .filter((x): x is Record<string, unknown> => isRecord(x) && typeof x.segment === 'string')
    .map((x) => ({
      segment: String(x.segment),
      name: String(x.name ?? x.segment),
      stage: String(x.stage ?? ''),
      status: String(x.status ?? ''),
      density: Number(x.density),
      nearest: (Array.isArray(x.nearestPresent) ? x.nearestPresent : [])
        .filter(isRecord)
        .map((n) => ({
          segment: String(n.segment),
          name: String(n.name ?? n.segment),
          proximity: Number(n.proximity),
        })),
    }));
}

/**
 * Completeness measures in display order (names: namespace `report`, `measure.*` and, with their
 * symbols, `measureLabel.*`).
 */
export const MEASURES: ReadonlyArray<[key: 'coverage' | 'redundancy' | 'link' | 'path']> = [
  ['coverage'],
  ['redundancy'],
  ['link'],
  ['path'],
];

/** A parameter value as text: lists joined with commas (`none` when empty), objects as JSON. */
export function parameterText(v: unknown, tr: Translator = EN): string {
  if (Array.isArray(v)) {
    return v.length === 0
      ? tr.t('report:param.none')
      : v.map((x) => parameterText(x, tr)).join(', ');
  }
  if (v !== null && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/** The targeted resilience order (a centrality), named in the reader's language. */
export function orderName(order: unknown, tr: Translator = EN): string {
  return tr.t(`report:order.${String(order)}`, { defaultValue: String(order) });
}
