/**
 * The messages between the page and the analysis worker (`worker.ts`). Every request carries an
 * id; the worker answers it once with a result or an error, and may send progress lines before.
 * Typed arrays in results are transferred, not copied.
 *
 * The chain analysis (`analyze`, `what-if`) is core's `analyze()` and `whatIf()` on one chain
 * context per (cluster, template), kept in the worker (worker/chain.ts).
 */
import type { ChainDiff, RelationType, Stage, WhatIfResult } from '@chainlens/core';
import type { DataIndex, DataIndexEntry, ValidationReport } from '@chainlens/io';
import type { ChainReport } from './panel/report-types.js';
import type { Lang } from '@chainlens/core';

/** `data/index.json` and its entries: io's contract, one builder (`buildDataIndex`). */
export type { DataIndex, DataIndexEntry };

/** A file the user dropped or picked, with its path inside the dropped folder. */
export interface DroppedFile {
  path: string;
  file: Blob;
}

export interface RegionNode {
  /** Last part of the path (`苏州`). */
  name: string;
  /** Full path (`江苏/苏州`). */
  path: string;
  /** Companies whose region lies inside this path. */
  count: number;
  children: RegionNode[];
}

export interface TemplateInfo {
  id: string;
  name: string;
  segments: number;
  /** `dataset` (from the manifest) or the shared template file it came from. */
  source: string;
}

/** A categorical company attribute the graph can be coloured by (few distinct values). */
export interface AttributeInfo {
  column: string;
  /** Distinct non-empty values over the whole dataset. */
  values: number;
}

export interface LoadedSummary {
  name: string;
  description?: string;
  license?: string;
  companies: number;
  relations: number;
  relationsByType: Record<RelationType, number>;
  memberships: number;
  companiesWithRegion: number;
  regionTree: RegionNode;
  templates: TemplateInfo[];
  /** Shared template files that failed to load, one line each. */
  templateProblems: string[];
  attributes: AttributeInfo[];
  /** Numeric company columns (revenue, size…), for range filters (worker/numeric.ts). */
  numericAttributes: string[];
  report: ValidationReport;
  /** No rejected row and no failed table (io's `isClean`). */
  clean: boolean;
  /** The listed issues as `file:row:column: message` lines (io's `formatIssue`), in order. */
  issueLines: string[];
  /** The years the dataset's date columns span (docs/time.md); null when it has none. */
  dates: DateSpan | null;
}

/** First and last year of the dataset's date cells (worker/time.ts). */
export interface DateSpan {
  first: number;
  last: number;
}

/** The answer to `at`: the dataset the worker now studies. */
export interface AtResult {
  /** The year (its end), or null for all dates. */
  year: number | null;
  companies: number;
  /** Ids of the companies there at `year` and not at `since` (empty without `since`). */
  entered: string[];
  /** The region tree with the counts at `year`, and its companies with a region. */
  regionTree: RegionNode;
  companiesWithRegion: number;
}

/** Which companies to study: everyone, a region prefix, or the companies with no region. */
export type ClusterChoice =
  { kind: 'all' } | { kind: 'region'; path: string } | { kind: 'no-region' };

export interface ViewRequest {
  cluster: ClusterChoice;
  types: RelationType[];
  /** Draw companies without any relation in the view (they are counted either way). */
  showIsolated: boolean;
  /** Louvain seed. */
  seed: number;
  /**
   * A chain template id: the cluster's chain firms (companies holding one of its segments) are
   * drawn even without links, so that the chain view shows every one of them.
   */
  chainTemplate?: string;
  /** The revenue-share threshold for holding a segment (core's minShare). */
  minShare?: number;
}

/** The graph to draw, as columns. Node positions k index every per-node column. */
export interface ViewData {
  /**
   * `full`: every kept company is a node; `aggregated`: nodes are groups (communities, or chain
   * segments with a template), some expanded into their companies (see worker/view.ts).
   */
  mode: 'full' | 'aggregated';
  clusterLabel: string;
  /** Companies in the cluster (before hiding the isolated ones). */
  clusterSize: number;
  /** Companies of the cluster with no relation in the view, not drawn (0 when drawn). */
  hiddenIsolated: number;
  /** Arcs of the view (parallel relations merged), whether drawn or aggregated. */
  arcs: number;
  /** Community graph: weak arcs between two community nodes not drawn, and their relations. */
  prunedArcs: number;
  prunedRelations: number;
  nodes: {
    /**
     * Node key: company id, or in the aggregated view a group's key (`community:<k>`,
     * `community:other`, `segment:<id>`, `not-in-chain`).
     */
    keys: string[];
    labels: string[];
    regions: string[];
    /** Company index, or −1 for a group node. */
    company: Int32Array;
    /** Companies a node stands for (1 for a company). */
    weight: Int32Array;
    /** Louvain community (−1 for a segment group node). */
    community: Int32Array;
    /** Aggregated view: the node's group (index into `groups`), whether expanded or not; else −1. */
    group: Int32Array;
    degree: Float64Array;
    pagerank: Float64Array;
    /** Categorical attribute columns (those listed in LoadedSummary.attributes). */
    attributes: Record<string, string[]>;
    /** Numeric company columns (LoadedSummary.numericAttributes); NaN when empty or a group. */
    numeric?: Record<string, Float64Array>;
  };
  /** Merged arcs: source/target are node positions; `types` is a bit mask of RELATION_TYPES. */
  edges: {
    source: Int32Array;
    target: Int32Array;
    weight: Float64Array;
    types: Uint8Array;
    /** Relations merged into the arc. */
    count: Int32Array;
  };
  /** Aggregated view: the groups (null when every company is drawn). */
  groups: GroupsData | null;
  communities: {
    /** Louvain communities of the cluster (an isolated company is one of its own). */
    count: number;
    /** Communities with at least one kept (drawn or aggregated) company. */
    shown: number;
    modularity: number;
    seed: number;
    labels: string[];
    sizes: number[];
  };
}

/**
 * The groups of an aggregated view: Louvain communities, or with a chain template the chain's
 * segments (companies by main segment, largest membership share) and one group for the
 * companies outside the chain. Indexed by group number (`expand` takes one).
 */
export interface GroupsData {
  kind: 'community' | 'segment';
  /** Node key of each group. */
  keys: string[];
  labels: string[];
  /** Kept companies in each group (what its node stands for). */
  sizes: number[];
  /** Segment grouping: each group's segment id, '' for the companies outside the chain. */
  segments: string[];
}

/** Node key of a segment's group node in a view grouped by segment. */
export const segmentGroupKey = (segment: string): string => `segment:${segment}`;
/** Node key of the group node of the companies outside the chain. */
export const NOT_IN_CHAIN_KEY = 'not-in-chain';

/** Betweenness of the nodes of the current view (company nodes only). */
export interface BetweennessData {
  values: Float64Array;
  /** Number of sources: n when exact, else the sample size. */
  k: number;
  exact: boolean;
  seed: number | null;
}

export interface Neighbour {
  id: string;
  name: string;
  region: string;
  types: RelationType[];
  weight: number;
  /** Whether that company is drawn in the current view. */
  inView: boolean;
}

export interface CompanyDetails {
  id: string;
  name: string;
  region: string;
  attributes: { column: string; value: string }[];
  /** Memberships (segments or products) with their share, largest first; NaN = unknown. */
  memberships: { item: string; share: number }[];
  membershipsNotListed: number;
  metrics: { label: string; value: string }[];
  suppliers: Neighbour[];
  customers: Neighbour[];
  /** Neighbours through relations without a direction in meaning (collaboration). */
  partners: Neighbour[];
  neighboursNotListed: number;
}

export interface SearchHit {
  id: string;
  name: string;
  region: string;
  inView: boolean;
}

/** The answer to `analyze`: core's report and what the page needs to draw it. */
export interface ChainAnalysis {
  /** report.json (schemaVersion 1) exactly as core's `analyze()` returns it. */
  report: ChainReport;
  /**
   * Each chain firm's segments (ids), largest membership share first: the first is its main
   * segment (colour by segment, lane of the chain layout).
   */
  companySegments: Record<string, string[]>;
  /** Names of the companies the report names by id only (neededBy, weak links, cut off). */
  names: Record<string, string>;
}

/**
 * A company against the chosen chain (worker/holdings.ts): the segments it holds anywhere in
 * the dataset (core's segmentMembership over every company, not only the cluster's), whether it
 * is in the cluster, and the cluster's firms that buy from it (supply relations).
 */
export interface CompanyHoldings {
  company: string;
  inCluster: boolean;
  /** Segments of the template it holds, largest share first (share null when unknown). */
  segments: {
    id: string;
    name: string;
    stage: Stage;
    share: number | null;
    shareUnknown: boolean;
  }[];
  /** Companies of the cluster (itself excluded) with a supply relation from it. */
  localCustomers: number;
  /** Of those, the chain firms (holding a segment of the template). */
  localChainCustomers: number;
}

/** The answer to `what-if`: core's `whatIf()` result, and the names of the companies in it. */
export interface WhatIfData {
  result: WhatIfResult;
  names: Record<string, string>;
}

export type Request =
  | { type: 'load-url'; entry: DataIndexEntry; templates: DataIndex['templates'] }
  | {
      type: 'load-files';
      files: DroppedFile[];
      templates: DataIndex['templates'];
    }
  /**
   * Studies the dataset as of the end of `year` (core `asOf`), or every row (null); later views,
   * lists and chain reports are built on it. `since`: the year to count entered firms from.
   */
  | { type: 'at'; year: number | null; since?: number }
  /** What changed in a region's chain between the ends of two years (core `diffChain`). */
  | {
      type: 'diff';
      templateId: string;
      region: string;
      minShare?: number;
      from: number;
      to: number;
    }
  | { type: 'view'; view: ViewRequest }
  /** Swaps a group node of the aggregated view (`ViewData.groups` index) for its companies. */
  | { type: 'expand'; group: number }
  | { type: 'betweenness' }
  | { type: 'company'; company: string }
  | { type: 'search'; query: string; limit: number }
  | { type: 'analyze'; templateId: string; cluster: ClusterChoice; minShare?: number }
  | {
      type: 'company-chain';
      templateId: string;
      cluster: ClusterChoice;
      minShare?: number;
      company: string;
    }
  | {
      type: 'what-if';
      templateId: string;
      cluster: ClusterChoice;
      minShare?: number;
      remove: string[];
    };

export interface Results {
  'load-url': LoadedSummary;
  'load-files': LoadedSummary;
  at: AtResult;
  diff: ChainDiff;
  view: ViewData;
  expand: ViewData;
  betweenness: BetweennessData;
  company: CompanyDetails;
  search: SearchHit[];
  analyze: ChainAnalysis;
  'what-if': WhatIfData;
  'company-chain': CompanyHoldings;
}

export type RequestType = Request['type'];

/** A request on the wire: `id` pairs it with its reply (no request has a field of that name). */
/** A request as posted: its id, and the page's language for the worker's messages. */
export type Envelope = Request & { id: number; lang?: Lang };

export type Reply =
  | { id: number; kind: 'result'; result: unknown }
  | { id: number; kind: 'error'; message: string; code?: string }
  | { id: number; kind: 'progress'; message: string };
