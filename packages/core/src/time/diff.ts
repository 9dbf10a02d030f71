/**
 * What changed in a region's chain between two dates (docs/time.md): the whole analysis is run
 * on the dataset as of each date (`asOf`, then `analyze`) and the two reports compared, so every
 * figure is one the report at that date shows. Pure facts: the CLI and the viewer say them.
 */
import type { Dataset, Stage } from '../graph/types.js';
import { STAGES, relationTypeCode } from '../graph/types.js';
import { clusterByRegion } from '../graph/cluster.js';
import type { AnalyzeOptions } from '../report/analyze.js';
import { analyze } from '../report/analyze.js';
import type { ChainReport, CompanyRef, SegmentStatus } from '../report/types.js';
import { asOf } from './as-of.js';

export interface ChainAtOptions extends Omit<AnalyzeOptions, 'cluster' | 'onStep'> {
  /** The region path whose companies form the cluster at each date (`广东`, `江苏/苏州`). */
  region: string;
}

/** The chain of a region as of one date. */
export interface ChainSnapshot {
  /** Full ISO date. */
  date: string;
  report: ChainReport;
  /** The region's companies at the date, by id. */
  cluster: CompanyRef[];
  /** Owners (ids) of the region's companies at the date through `ownership` relations. */
  localSubsidiaries: Record<string, string[]>;
}

/** The region's chain as of `date` (see the file's comment). */
export function chainAt(dataset: Dataset, date: string, options: ChainAtOptions): ChainSnapshot {
  const at = asOf(dataset, date);
  const { region, ...rest } = options;
  const cluster = clusterByRegion(at.companies, region);
  const report = analyze(at, { ...rest, cluster });
  const { ids, names, regions } = at.companies;
  const inCluster = new Uint8Array(ids.length);
  for (const c of cluster.members) inCluster[c] = 1;
  const owned: Record<string, string[]> = {};
  const ownership = relationTypeCode('ownership');
  const rel = at.relations;
  for (let e = 0; e < rel.source.length; e++) {
    if (rel.type[e] !== ownership || !inCluster[rel.target[e]!]) continue;
    const parent = ids[rel.source[e]!]!;
    if (!Object.hasOwn(owned, parent))
      Object.defineProperty(owned, parent, { value: [], enumerable: true });
    owned[parent]!.push(ids[rel.target[e]!]!);
  }
  return {
    date: at.asOf.date,
    report,
    cluster: Array.from(cluster.members, (c) => ({
      company: ids[c]!,
      name: names[c]!,
      region: regions[c]!,
    })),
    localSubsidiaries: owned,
  };
}

/** One figure at both dates; null where it cannot be computed (no chain firm buys anything). */
export interface FigureChange {
  /** `coverage`, `redundancy`, `link`, `path`, `localSupplyRatio`, or `STAGE.coverage|redundancy`. */
  figure: string;
  before: number | null;
  after: number | null;
}

export type SegmentShiftKind = 'filled' | 'emptied' | 'weakened' | 'strengthened' | 'unchanged';

export interface SegmentShift {
  id: string;
  name: string;
  stage: Stage;
  before: { companies: number; status: SegmentStatus };
  after: { companies: number; status: SegmentStatus };
  change: SegmentShiftKind;
}

/** A chain firm that came or went, with the segments it holds (at the date it held them). */
export interface FirmChange extends CompanyRef {
  segments: string[];
}

export interface LeaderChange extends CompanyRef {
  /** 1-based rank among the report's leaders; null when not listed at that date. */
  before: number | null;
  after: number | null;
  change: 'rose' | 'fell' | 'entered' | 'dropped';
}

/** A target of the first date that is local at the second, itself or through a subsidiary. */
export interface TargetLanded extends CompanyRef {
  segment: string;
  /** Its rank among the first date's targets. */
  rank: number;
  /** `itself` when the firm is in the region now, else the ids of its local subsidiaries. */
  via: 'itself' | string[];
}

/** A single point of failure: a segment held by one local firm, or a cut-point company. */
export interface SinglePoint {
  kind: 'single-source' | 'cut-point';
  segment?: string;
  company?: string;
  /** The company's name. */
  name?: string;
}

export interface ChainDiff {
  from: string;
  to: string;
  region: string;
  template: { id: string; name: string };
  cluster: { before: number; after: number; entered: CompanyRef[]; left: CompanyRef[] };
  chain: { before: number; after: number; entered: FirmChange[]; left: FirmChange[] };
  completeness: FigureChange[];
  /** Every segment, in template order. */
  segments: SegmentShift[];
  /** Leaders (链主) whose rank changed, in the order of the second date's ranking. */
  leaders: LeaderChange[];
  /** The first-ranked leader at each date (null when none). */
  topLeader: { before: CompanyRef | null; after: CompanyRef | null };
  targetsNowLocal: TargetLanded[];
  /** Single points of failure at the second date that were not at the first, and the reverse. */
  newSinglePoints: SinglePoint[];
  resolvedSinglePoints: SinglePoint[];
}

const ref = (c: CompanyRef): CompanyRef => ({ company: c.company, name: c.name, region: c.region });
const byId = (a: CompanyRef, b: CompanyRef) =>
  a.company < b.company ? -1 : a.company > b.company ? 1 : 0;

/** Chain firms of a report (the cluster's companies holding a segment), with their segments. */
function chainFirms(report: ChainReport): Map<string, FirmChange> {
  const firms = new Map<string, FirmChange>();
  for (const s of report.segments)
    for (const m of s.members) {
      let f = firms.get(m.company);
      if (!f) firms.set(m.company, (f = { ...ref(m), segments: [] }));
      f.segments.push(s.id);
    }
  return firms;
}

function figures(a: ChainReport, b: ChainReport): FigureChange[] {
  const out: FigureChange[] = [];
  for (const k of ['coverage', 'redundancy', 'link', 'path', 'localSupplyRatio'] as const)
    out.push({ figure: k, before: a.completeness[k], after: b.completeness[k] });
  for (const stage of STAGES)
    for (const k of ['coverage', 'redundancy'] as const)
      out.push({
        figure: `${stage}.${k}`,
        before: a.completeness.byStage[stage][k],
        after: b.completeness.byStage[stage][k],
      });
  return out;
}

function segmentChange(before: SegmentStatus, after: SegmentStatus, n0: number, n1: number) {
  if (n0 === 0 && n1 > 0) return 'filled';
  if (n0 > 0 && n1 === 0) return 'emptied';
  if (before === 'present' && after === 'weak') return 'weakened';
  if (before === 'weak' && after === 'present') return 'strengthened';
  return 'unchanged';
}

function singlePoints(
  report: ChainReport,
  names: Map<string, CompanyRef>,
): Map<string, SinglePoint> {
  const out = new Map<string, SinglePoint>();
  const named = (company: string | undefined) =>
    company === undefined ? {} : { company, name: names.get(company)?.name ?? company };
  for (const w of report.weakLinks) {
    if (w.kind === 'single-source' && w.segment !== undefined)
      out.set(`s:${w.segment}`, { kind: 'single-source', segment: w.segment, ...named(w.company) });
    if (w.kind === 'cut-point' && w.company !== undefined)
      out.set(`c:${w.company}`, { kind: 'cut-point', ...named(w.company) });
  }
  return out;
}

/** What changed from snapshot `a` to snapshot `b` of the same region and template. */
export function diffSnapshots(a: ChainSnapshot, b: ChainSnapshot, region: string): ChainDiff {
  const ra = a.report;
  const rb = b.report;
  const ca = new Map(a.cluster.map((c) => [c.company, c]));
  const cb = new Map(b.cluster.map((c) => [c.company, c]));
  const fa = chainFirms(ra);
  const fb = chainFirms(rb);
  const only = <T extends CompanyRef>(x: Map<string, T>, y: Map<string, T>) =>
    [...x.values()].filter((c) => !y.has(c.company)).sort(byId);

  const segB = new Map(rb.segments.map((s) => [s.id, s]));
  const segments = ra.segments.map((s): SegmentShift => {
    const t = segB.get(s.id)!;
    return {
      id: s.id,
      name: s.name,
      stage: s.stage,
      before: { companies: s.companies, status: s.status },
      after: { companies: t.companies, status: t.status },
      change: segmentChange(s.status, t.status, s.companies, t.companies),
    };
  });

  const rankA = new Map(ra.leaders.map((l, i) => [l.company, i + 1]));
  const rankB = new Map(rb.leaders.map((l, i) => [l.company, i + 1]));
  const leaders: LeaderChange[] = [];
  for (const l of rb.leaders) {
    const before = rankA.get(l.company) ?? null;
    const after = rankB.get(l.company)!;
    if (before === after) continue;
    leaders.push({
      ...ref(l),
      before,
      after,
      change: before === null ? 'entered' : before > after ? 'rose' : 'fell',
    });
  }
  for (const l of ra.leaders)
    if (!rankB.has(l.company))
      leaders.push({ ...ref(l), before: rankA.get(l.company)!, after: null, change: 'dropped' });

  const targetsNowLocal: TargetLanded[] = [];
  ra.targets.forEach((t, i) => {
    const here = cb.get(t.company);
    const subs = b.localSubsidiaries[t.company] ?? [];
    if (!here && subs.length === 0) return;
    targetsNowLocal.push({
      ...ref(here ?? t),
      segment: t.segment,
      rank: i + 1,
      via: here ? 'itself' : [...subs].sort(),
    });
  });

  const pa = singlePoints(ra, ca);
  const pb = singlePoints(rb, cb);
  return {
    from: a.date,
    to: b.date,
    region,
    template: { id: rb.template.id, name: rb.template.name },
    cluster: {
      before: a.cluster.length,
      after: b.cluster.length,
      entered: only(cb, ca),
      left: only(ca, cb),
    },
    chain: { before: fa.size, after: fb.size, entered: only(fb, fa), left: only(fa, fb) },
    completeness: figures(ra, rb),
    segments,
    leaders,
    topLeader: {
      before: ra.leaders[0] ? ref(ra.leaders[0]) : null,
      after: rb.leaders[0] ? ref(rb.leaders[0]) : null,
    },
    targetsNowLocal,
    newSinglePoints: [...pb].filter(([k]) => !pa.has(k)).map(([, v]) => v),
    resolvedSinglePoints: [...pa].filter(([k]) => !pb.has(k)).map(([, v]) => v),
  };
}

export interface DiffOptions extends ChainAtOptions {
  from: string;
  to: string;
}

/** What changed in `options.region`'s chain from `options.from` to `options.to`. */
export function diffChain(dataset: Dataset, options: DiffOptions): ChainDiff {
  const { from, to, ...rest } = options;
  return diffSnapshots(chainAt(dataset, from, rest), chainAt(dataset, to, rest), options.region);
}
