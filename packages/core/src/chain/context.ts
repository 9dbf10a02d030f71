/**
 * The chain context: everything a chain analysis of one cluster against one template needs,
 * built once and shared by completeness, weak links, missing roles, criticality, leaders,
 * targets and what-if, so that they agree with each other.
 *
 * The supply view holds the `supply` and `inferred-supply` relations that touch the cluster —
 * every company of the dataset is a node, and each cluster company's in- and out-edges are
 * complete, suppliers and customers outside the cluster included (they are what
 * "external-only", missing roles and cascades are about); relations between two companies
 * outside the cluster are left out (at national scale, 45 of 50 million). The whole dataset's
 * supply graph, which only targets' strength needs, is {@link wholeSupply}, built on demand.
 * Inferred edges keep their type: `isInferred(ctx, edgePosition)` tells them apart so that every
 * figure resting on them can say how many it used.
 */
import type { Cluster } from '../graph/cluster.js';
import type { CompactGraph } from '../graph/compact.js';
import { buildCompactGraph } from '../graph/compact.js';
import type { ChainTemplate, Dataset, RelationType } from '../graph/types.js';
import { relationTypeCode } from '../graph/types.js';
import type { MembershipOptions, SegmentMembership } from './membership.js';
import { segmentMembership } from './membership.js';
import type { ChainStructure } from './structure.js';
import { chainStructure } from './structure.js';
import { ANALYZE_DEFAULTS } from './defaults.js';

export interface ChainContextOptions extends MembershipOptions {
  /** `supplyTypes` RelationType[] [['supply', 'inferred-supply']]: relations that count as supply. */
  supplyTypes?: readonly RelationType[];
}

export interface ChainContext {
  dataset: Dataset;
  structure: ChainStructure;
  membership: SegmentMembership;
  cluster: Cluster;
  /** 1 for companies of the cluster, by dataset index. */
  inCluster: Uint8Array;
  /** Per segment, the cluster's members (dataset indices, ascending). */
  localMembers: Int32Array[];
  /** Per segment, the cluster's members' shares, aligned with `localMembers` (NaN unknown). */
  localShares: Float64Array[];
  /** n_s: number of cluster companies in each segment. */
  counts: Int32Array;
  /**
   * The supply relations with at least one end in the cluster, in dataset numbering (every
   * company a node, localOf = identity): complete in- and out-edges of the cluster's companies.
   */
  supply: CompactGraph;
  supplyTypes: readonly RelationType[];
}

/** Builds the context of `cluster` against `template`. */
export function chainContext(
  dataset: Dataset,
  template: ChainTemplate | ChainStructure,
  cluster: Cluster,
  options: ChainContextOptions = {},
): ChainContext {
  const structure = 'order' in template ? template : chainStructure(template);
  const membership = segmentMembership(dataset, structure, options);
  const inCluster = new Uint8Array(dataset.companies.ids.length);
  for (const c of cluster.members) inCluster[c] = 1;
  const localMembers: Int32Array[] = [];
  const localShares: Float64Array[] = [];
  const counts = new Int32Array(structure.size);
  for (let s = 0; s < structure.size; s++) {
    const all = membership.members[s]!;
    const shares = membership.shares[s]!;
    const keep: number[] = [];
    for (let i = 0; i < all.length; i++) if (inCluster[all[i]!]) keep.push(i);
    localMembers.push(Int32Array.from(keep, (i) => all[i]!));
    localShares.push(Float64Array.from(keep, (i) => shares[i]!));
    counts[s] = keep.length;
  }
  const supplyTypes = options.supplyTypes ?? ANALYZE_DEFAULTS.supplyTypes;
  const supply = buildCompactGraph(dataset, { types: supplyTypes, touching: inCluster });
  return {
    dataset,
    structure,
    membership,
    cluster,
    inCluster,
    localMembers,
    localShares,
    counts,
    supply,
    supplyTypes,
  };
}

const INFERRED = relationTypeCode('inferred-supply');

/** True when the relation behind a supply-view edge (by its relation row) is inferred. */
export function isInferredRelation(ctx: ChainContext, relationRow: number): boolean {
  return ctx.dataset.relations.type[relationRow] === INFERRED;
}

/**
 * The companies of the cluster that hold at least one segment of the chain (the chain's local
 * firms), ascending.
 */
export function chainFirms(ctx: ChainContext): Int32Array {
  const out: number[] = [];
  const { segmentOffsets } = ctx.membership;
  for (const c of ctx.cluster.members) {
    if (segmentOffsets[c + 1]! > segmentOffsets[c]!) out.push(c);
  }
  return Int32Array.from(out);
}

const wholeSupplies = new WeakMap<ChainContext, CompactGraph>();

/**
 * The whole dataset's supply graph (the context's supply types, every relation, dataset
 * numbering), built on first use and kept with the context: for figures about companies outside
 * the cluster (targets' strength: customers anywhere, normalised over every company).
 */
export function wholeSupply(ctx: ChainContext): CompactGraph {
  let g = wholeSupplies.get(ctx);
  if (!g) {
    g = buildCompactGraph(ctx.dataset, { types: ctx.supplyTypes });
    wholeSupplies.set(ctx, g);
  }
  return g;
}
