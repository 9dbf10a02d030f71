/**
 * Missing roles (缺链; report.json `missingRoles`, DESIGN §3 and §6, anchors.md §3.1) and, per
 * company, the input segments it has no local supplier for.
 *
 * - `missingRoles`: every segment with n_s = 0, with its direction — `upstream` when it feeds a
 *   present segment (upstream wins when both hold), `downstream` when only a present segment
 *   feeds it, `absent` otherwise — and the local companies that need it: for upstream, the
 *   cluster's firms in the segments s feeds (they need s as an input); for downstream, the
 *   cluster's firms in the segments that feed s (they would sell to it); for absent, none.
 * - `inputGaps`: for each chain firm of the cluster and each segment t it holds, the input
 *   segments s → t for which it has no supplier inside the cluster (no supply edge from a
 *   cluster company holding s, and it does not hold s itself: an input made in-house counts as
 *   supplied), with how many outside companies holding s do supply it. An input
 *   held locally by firms that simply do not supply it (`localHolders` > 0) is a matchmaking gap
 *   (本地配套对接) rather than a missing segment.
 *
 * Documented in docs/chain-analysis/missing-roles.md.
 */
import type { ChainContext } from './context.js';
import { chainFirms, isInferredRelation } from './context.js';
import { segmentsOf } from './membership.js';
import type { MissingDirection } from './segments.js';
import { missingDirection } from './segments.js';
import { sortByIds, idsOf } from './common.js';

export interface MissingRole {
  /** Segment id. */
  segment: string;
  name: string;
  direction: MissingDirection;
  /** Ids of the local companies that need it (buyers for upstream, sellers for downstream; [] for absent). */
  neededBy: string[];
  /** Local firms in present segments that s feeds (would buy from it), by id. */
  buyers: string[];
  /** Local firms in present segments that feed s (would sell to it), by id. */
  sellers: string[];
  /** Companies outside the cluster that hold s (where it could come from). */
  externalCompanies: number;
}

/** The missing roles of the context's cluster, in template order. */
export function missingRoles(ctx: ChainContext): MissingRole[] {
  const { structure, counts, dataset } = ctx;
  const out: MissingRole[] = [];
  const firmsOf = (segments: number[]) => {
    const set = new Set<number>();
    for (const t of segments) for (const c of ctx.localMembers[t]!) set.add(c);
    return idsOf(dataset, sortByIds(dataset, set));
  };
  for (let s = 0; s < structure.size; s++) {
    if (counts[s]! > 0) continue;
    const direction = missingDirection(structure, counts, s);
    const buyers = firmsOf(structure.outputs[s]!);
    const sellers = firmsOf(structure.inputs[s]!);
    const neededBy = direction === 'upstream' ? buyers : direction === 'downstream' ? sellers : [];
    out.push({
      segment: structure.ids[s]!,
      name: structure.names[s]!,
      direction,
      neededBy,
      buyers,
      sellers,
      externalCompanies: ctx.membership.members[s]!.length,
    });
  }
  return out;
}

export interface InputGap {
  /** The local company (id) and one of its own segments (id). */
  company: string;
  segment: string;
  /** Input segments of `segment` it has no local supplier in, in template order. */
  missingInputs: string[];
  /** Aligned with missingInputs: distinct outside companies holding the input that supply it. */
  externalSuppliers: number[];
  /** Aligned: of the supply edges from those outside suppliers, how many are inferred. */
  inferredEdges: number[];
  /** Aligned: n_s of the input in the cluster (0: missing locally; > 0: held but not supplying it). */
  localHolders: number[];
}

/**
 * Per chain firm of the cluster (by id) and own segment (template order), the input segments
 * with no local supplier; rows only where at least one input is missing.
 * O(Σ_firms in-degree · segments per supplier).
 */
export function inputGaps(ctx: ChainContext): InputGap[] {
  const { structure, dataset, membership } = ctx;
  const g = ctx.supply;
  const S = structure.size;
  const ids = dataset.companies.ids;
  const rows: InputGap[] = [];
  const localIn = new Uint8Array(S);
  const extSuppliers: Set<number>[] = Array.from({ length: S }, () => new Set<number>());
  const extInferred = new Int32Array(S);
  for (const c of sortByIds(dataset, chainFirms(ctx))) {
    localIn.fill(0);
    extInferred.fill(0);
    for (const set of extSuppliers) set.clear();
    // An input the company holds itself is supplied in-house.
    for (const s of segmentsOf(membership, c)) localIn[s] = 1;
    for (let e = g.inOffsets[c]!; e < g.inOffsets[c + 1]!; e++) {
      const u = g.inSources[e]!;
      if (u === c) continue;
      const inferred = isInferredRelation(ctx, g.inRelations[e]!);
      for (const s of segmentsOf(membership, u)) {
        if (ctx.inCluster[u]) localIn[s] = 1;
        else {
          extSuppliers[s]!.add(u);
          if (inferred) extInferred[s]!++;
        }
      }
    }
    for (const t of segmentsOf(membership, c)) {
      const missing = structure.inputs[t]!.filter((s) => !localIn[s]).sort((a, b) => a - b);
      if (missing.length === 0) continue;
      rows.push({
        company: ids[c]!,
        segment: structure.ids[t]!,
        missingInputs: missing.map((s) => structure.ids[s]!),
        externalSuppliers: missing.map((s) => extSuppliers[s]!.size),
        inferredEdges: missing.map((s) => extInferred[s]!),
        localHolders: missing.map((s) => ctx.counts[s]!),
      });
    }
  }
  return rows;
}
