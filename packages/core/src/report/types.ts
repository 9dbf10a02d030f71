/**
 * report.json, schemaVersion 1 (DESIGN §6): the plain JSON that `analyze()` returns and
 * `chainlens analyze --out DIR` writes, that report.md / report.html render and the viewer's
 * side panel shows. Every key of DESIGN §6 is here; keys beyond it are additions (documented in
 * docs/report.md), never renames. Companies are referred to by id, with their name alongside
 * so that a reader of the JSON need not join tables. Numbers are plain JSON numbers; a figure
 * that cannot be computed is null (never NaN).
 */
import type { Stage } from '../graph/types.js';
import type { CompareCoverage } from '../chain/compare-coverage.js';
import type { SegmentStatus, WeakLinkKind } from '../chain/kinds.js';

export const REPORT_SCHEMA_VERSION = 1;

export type { SegmentStatus, WeakLinkKind };

/** A company as the report names it. */
export interface CompanyRef {
  company: string;
  name: string;
  region: string;
}

/** A company holding a segment, with its revenue share in it. */
export interface MemberRef extends CompanyRef {
  /** Known revenue share in the segment (sum of its matched lines, at most 1); null when unknown. */
  share: number | null;
  /** True when part or all of the share rests on lines without a revenue figure. */
  shareUnknown: boolean;
}

export interface ReportParameters {
  seed: number;
  /** r of K_red. */
  redundancy: number;
  /** HHI above which a segment is concentrated. */
  hhiThreshold: number;
  /** Substitutability threshold θ of the cascade. */
  theta: number;
  /** Relation types counted as supply. */
  supplyTypes: string[];
  /** Centrality that orders the targeted resilience curve. */
  resilienceOrder: string;
  /** Sizes of the lists (leaders, targets, critical, portfolio). */
  limits: { leaders: number; targets: number; critical: number; portfolio: number };
  [key: string]: unknown;
}

export interface StageFigures {
  coverage: number | null;
  redundancy: number | null;
  segments: number;
  present: number;
}

export interface ReportCompleteness {
  coverage: number;
  redundancy: number;
  link: number;
  path: number;
  /** By value; null when the chain firms buy nothing. */
  localSupplyRatio: number | null;
  localSupply: {
    byValue: number | null;
    byCount: number | null;
    edges: number;
    localEdges: number;
    inferredEdges: number;
  };
  paths: { all: number; present: number };
  feeds: { all: number; present: number };
  segments: { all: number; present: number };
  byStage: Record<Stage, StageFigures>;
}

export interface ReportSegment {
  id: string;
  name: string;
  stage: Stage;
  weight: number;
  /** n_s: companies of the cluster in the segment. */
  companies: number;
  /** HHI of their shares; null when none. */
  hhi: number | null;
  status: SegmentStatus;
  /** The cluster's companies in the segment, largest share first, with their shares. */
  members: MemberRef[];
  [key: string]: unknown;
}

/**
 * A weak link as facts (chain/weak-links.ts); `weakLinkText` (report/render/sentences.ts) says
 * it in a sentence, in the reader's language.
 */
export interface ReportWeakLink {
  kind: WeakLinkKind;
  /** Segment id (single-source, concentrated, external-only). */
  segment?: string;
  /** Company id (single-source, cut-point). */
  company?: string;
  /** Bridge ends (company ids), in the direction of the supply relation. */
  source?: string;
  target?: string;
  /** cut-point: the segments the company holds. */
  segments?: string[];
  /** bridge: local companies on the source's and on the target's side. */
  sourceSide?: number;
  targetSide?: number;
  /** single-source, concentrated, external-only: n_s. */
  companies?: number;
  /** concentrated: HHI_s and N_eff = 1 / HHI_s. */
  hhi?: number;
  effective?: number;
  /** cut-point: piece sizes left by its removal (largest first); bridge: the two sides. */
  parts?: number[];
  /** cut-point, bridge: companies outside the largest remaining piece. */
  separated?: number;
  edgeBetweenness?: number;
  /** external-only: local buyers, and distinct suppliers outside the cluster. */
  buyers?: number;
  externalSuppliers?: number;
  /** Relations the finding rests on, and how many are inferred. */
  edges?: number;
  inferredEdges?: number;
  [key: string]: unknown;
}

export interface ReportMissingRole {
  segment: string;
  direction: 'upstream' | 'downstream' | 'absent';
  /** Ids of the cluster's companies that need it. */
  neededBy: string[];
  [key: string]: unknown;
}

export interface ReportLeader extends CompanyRef {
  score: number;
  components: Record<string, number>;
  /** The segments it holds, largest share first. */
  holdings: Array<{ segment: string; share: number | null; shareUnknown: boolean }>;
  /** What the row rests on. */
  basis: {
    observedPartners: number;
    inferredPartners: number;
    sizeKnown: boolean;
    unknownShares: number;
  };
}

export interface ReportTarget extends CompanyRef {
  segment: string;
  /** Its known revenue share in `segment`. */
  share: number;
  /** `outside` the cluster, or `maybe-local` (region unknown: listed in targetsMaybeLocal). */
  location: 'outside' | 'maybe-local';
  /** The segment's status in the cluster, and the part the firm would play. */
  status?: SegmentStatus;
  role?: 'supplier' | 'buyer';
  /** Every weak or missing segment it holds, with its known share in each (same order). */
  segments?: string[];
  shares?: number[];
  /** Its relations with the cluster's companies, by relation type. */
  linksByType?: Record<string, number>;
  score: number;
  /**
   * The factors of the score (chain/targets.ts): need, needFactor, share, strength, strengthRaw,
   * tie, links, inferredLinks, gain, before, after (K_red without and with the firm).
   */
  components: Record<string, number>;
}

export interface ReportCritical extends CompanyRef {
  completenessDrop: number;
  cutOff: string[];
  [key: string]: unknown;
}

export interface ReportCoverage {
  /** The revenue-share threshold for holding a segment. */
  minShare: number;
  /** Dataset-wide counts at the cluster's region level (chain/compare-coverage.ts). */
  dataset: CompareCoverage;
  cluster: {
    /** (company, segment) memberships of the cluster's companies in the chain. */
    chainMemberships: number;
    /** Of those, held only through lines without a revenue figure. */
    unknownShareMemberships: number;
    /** Supply relations inside the cluster by provenance. */
    supplyLinks: { observed: number; inferred: number };
  };
}

/** One province's completeness in the report's chain (core `compareRegions`, level 1). */
export interface ReportRegionRow {
  region: string;
  /** 1-based rank by the report's `regions.figure`, ties sharing the better rank. */
  rank: number;
  companies: number;
  chainCompanies: number;
  coverage: number;
  redundancy: number;
  link: number;
  path: number;
}

/**
 * Every province's completeness in the chain, as `chainlens compare --template` ranks them
 * (same minShare and redundancy r as the report), for the map "the cluster among regions".
 */
export interface ReportRegions {
  level: 1;
  /** The figure the rows are ranked (and mapped) by. */
  figure: 'redundancy';
  rows: ReportRegionRow[];
}

export interface ChainReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  generator: { name: 'chainlens'; version: string };
  parameters: ReportParameters;
  dataset: { name: string; companies: number; relations: number; [key: string]: unknown };
  cluster: { id: string; companies: number; chainCompanies: number; [key: string]: unknown };
  template: {
    id: string;
    name: string;
    segments: number;
    feeds: number;
    byStage: Record<Stage, number>;
    description?: string;
    /** The template's feeds (input → output) as segment id pairs, for drawing the chain. */
    feedList: Array<[string, string]>;
  };
  completeness: ReportCompleteness;
  segments: ReportSegment[];
  weakLinks: ReportWeakLink[];
  missingRoles: ReportMissingRole[];
  leaders: ReportLeader[];
  targets: ReportTarget[];
  /** What the figures rest on (docs/report.md): left-out companies, unknown shares, link provenance. */
  coverage?: ReportCoverage;
  /** Every province's completeness in this chain (report/render/province-map.ts draws it). */
  regions?: ReportRegions;
  /** Candidates whose region is unknown (may already be local): never among `targets`. */
  targetsMaybeLocal?: ReportTarget[];
  critical: ReportCritical[];
  resilience: {
    random: number[];
    targeted: number[];
    R: { random: number; targeted: number };
    [key: string]: unknown;
  };
  communities: { count: number; modularity: number; seed: number; [key: string]: unknown };
  /** Additions beyond DESIGN §6 (documented in docs/report.md). */
  [key: string]: unknown;
}
