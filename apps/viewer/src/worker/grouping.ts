/**
 * The groups of the aggregated view: Louvain communities (the largest {@link MAX_COMMUNITY_NODES},
 * the rest in one node), or chain segments (one node per segment, one for the companies outside
 * the chain). Both are one {@link Grouping}: a group per metric node, with keys, labels and sizes.
 */
import type { MetricGraph } from '@chainlens/core';
import { NOT_IN_CHAIN_KEY, segmentGroupKey } from '../protocol.js';
import { t } from '../i18n.js';

/** At most this many community nodes in the aggregated view (plus one "smaller communities"). */
export const MAX_COMMUNITY_NODES = 2_000;

/** What a chain template says of the cluster, for the view (worker/chain.ts `chainGrouping`). */
export interface ChainGroupingInput {
  /** The cluster's chain firms (company indices): drawn even without links. */
  firms: Int32Array;
  /** Company index → its main segment (number in the template), −1 outside the chain. */
  mainSegment: Int32Array;
  /** Segment ids and names by segment number. */
  segmentIds: readonly string[];
  segmentNames: readonly string[];
}

/** The groups of the aggregated view: communities, or chain segments. */
export interface Grouping {
  kind: 'community' | 'segment';
  /** Metric-graph node → group. */
  of: Int32Array;
  /** Node key of each group's node (`community:<k>`, `community:other`, `segment:<id>`, `not-in-chain`). */
  keys: string[];
  labels: string[];
  /** Kept companies of each group: what its node stands for. */
  sizes: number[];
  /** Segment grouping: each group's segment id ('' for the companies outside the chain). */
  segments: string[];
}

/**
 * Communities as groups: community k is group k up to {@link MAX_COMMUNITY_NODES}, the smaller
 * ones share the last group.
 */
export function communityGrouping(
  community: Int32Array,
  count: number,
  labels: string[],
  kept: Uint8Array,
): Grouping {
  const groups = Math.min(count, MAX_COMMUNITY_NODES + 1);
  const of = community.map((c) => Math.min(c, MAX_COMMUNITY_NODES));
  const sizes = new Array<number>(groups).fill(0);
  for (let u = 0; u < of.length; u++) if (kept[u]) sizes[of[u]!]!++;
  const keys: string[] = [];
  const names: string[] = [];
  for (let g = 0; g < groups; g++) {
    const small = g === MAX_COMMUNITY_NODES;
    keys.push(small ? 'community:other' : `community:${g}`);
    names.push(
      small
        ? `${(count - MAX_COMMUNITY_NODES).toLocaleString('en')} smaller communities`
        : `#${g + 1} ${labels[g]!}`,
    );
  }
  return { kind: 'community', of, keys, labels: names, sizes, segments: [] };
}

/**
 * Chain segments as groups: segment s (template order) is group s, holding the companies whose
 * main segment it is; group S holds the companies outside the chain. Labels carry the count.
 */
export function segmentGrouping(
  graph: MetricGraph,
  kept: Uint8Array,
  chain: ChainGroupingInput,
): Grouping {
  const S = chain.segmentIds.length;
  const of = new Int32Array(graph.n);
  const sizes = new Array<number>(S + 1).fill(0);
  for (let u = 0; u < graph.n; u++) {
    const s = chain.mainSegment[graph.companyOf[u]!]!;
    of[u] = s >= 0 ? s : S;
    if (kept[u]) sizes[of[u]!]!++;
  }
  const count = (g: number) => sizes[g]!.toLocaleString('en');
  return {
    kind: 'segment',
    of,
    keys: [...chain.segmentIds.map(segmentGroupKey), NOT_IN_CHAIN_KEY],
    labels: [
      ...chain.segmentNames.map((name, g) => `${name} (${count(g)})`),
      t('viewer:group.notInChain', { n: count(S) }),
    ],
    sizes,
    segments: [...chain.segmentIds, ''],
  };
}
