/**
 * What-if (DESIGN §3): remove companies and/or add candidates to the cluster, and recompute
 * completeness, segment concentration and who is cut off, through the same functions as the
 * report (`completenessFromCounts` on the counts n_s, `concentration` on a segment's local
 * shares in ascending company order, `cascade.ts` for the failures), so the viewer and the CLI
 * agree with report.json: with nothing removed or added, "after" equals "before" exactly.
 *
 * - `remove`: company ids anywhere in the dataset. A cluster company leaves its segments; one
 *   outside the cluster is a supplier that stops supplying. Removal starts the failure cascade
 *   (threshold θ, essential feeds etc. as in `cascade.ts`); the firms cut off leave too.
 * - `add`: companies outside the cluster that join it, each with the segments it brings
 *   (`segments`, default every chain segment it holds; it must hold each one: its share there is
 *   its membership share). Added firms take no part in the cascade: their supply edges are the
 *   same inside or outside the cluster, and suppliers outside never fail.
 * Order: the cascade runs on the original cluster, then the additions are counted.
 */
import { compareIds, companyIndices, CascadeState, describeFailures } from './cascade.js';
import type { CascadeFailure, CascadeModel, CascadeOptions, CascadeParameters } from './cascade.js';
import type { Completeness } from './completeness.js';
import { completenessFromCounts } from './completeness.js';
import type { Concentration } from './concentration.js';
import { concentration } from './concentration.js';
import type { ChainContext } from './context.js';
import { cascadeModelOf } from './criticality.js';
import { segmentsOf } from './membership.js';

export interface WhatIfAddition {
  /** Company id (outside the cluster). */
  company: string;
  /** Segment ids it brings [every chain segment it holds]. */
  segments?: string[];
}

export interface WhatIfChange {
  /** `remove` string[] [[]]: company ids to remove (cascade follows). */
  remove?: string[];
  /** `add` WhatIfAddition[] [[]]: companies to add with their segments. */
  add?: WhatIfAddition[];
}

export interface SegmentFigures {
  /** n_s. */
  companies: number;
  /** HHI of the local shares (`concentration`); null when empty. */
  hhi: number | null;
  /** 1 / HHI; 0 when empty. */
  effective: number;
}

export interface SegmentChange {
  segment: string;
  name: string;
  before: SegmentFigures;
  after: SegmentFigures;
}

export interface WhatIfResult {
  parameters: CascadeParameters;
  /** The removed companies (ids ascending) and whether each was in the cluster. */
  removed: Array<{ company: string; inCluster: boolean }>;
  /** The added companies (ids ascending) with the segment ids they bring (template order). */
  added: Array<{ company: string; segments: string[] }>;
  /** Every completeness variant before and after (redundancy r of the cascade parameters). */
  completeness: { before: Completeness; after: Completeness };
  /** The segments whose member set changed, in template order. */
  segments: SegmentChange[];
  /** Firms cut off by the cascade (removed ones excluded), by round, then id. */
  cutOff: CascadeFailure[];
  /** Segment ids that had no local company before and have one after (template order). */
  filled: string[];
  /** Segment ids that had a local company before and have none after (template order). */
  emptied: string[];
}

function figures(c: Concentration, companies: number): SegmentFigures {
  return { companies, hhi: c.hhi, effective: c.effective };
}

/**
 * Applies a change to the context's cluster; see the module comment. Pass a context (the
 * cascade options apply) or a prebuilt `cascadeModel`. A RangeError names an unknown company or
 * segment, a company both removed and added, an addition already in the cluster, or a segment
 * an added company does not hold.
 */
export function whatIf(
  source: ChainContext | CascadeModel,
  change: WhatIfChange,
  options: CascadeOptions = {},
): WhatIfResult {
  const model = cascadeModelOf(source, options);
  const { ctx } = model;
  const { structure, membership } = ctx;
  const { ids } = ctx.dataset.companies;
  const removed = [...new Set(companyIndices(ctx, change.remove ?? [], 'what-if remove'))];
  const removedSet = new Set(removed);

  // Additions: company → segments it brings.
  const additions = new Map<number, number[]>();
  for (const a of change.add ?? []) {
    const [c] = companyIndices(ctx, [a.company], 'what-if add');
    if (removedSet.has(c!))
      throw new RangeError(`what-if: company '${a.company}' is both removed and added`);
    if (ctx.inCluster[c!])
      throw new RangeError(`what-if add: company '${a.company}' is already in the cluster`);
    const holds = Array.from(segmentsOf(membership, c!));
    let segs: number[];
    if (a.segments === undefined) segs = holds;
    else {
      segs = a.segments.map((id) => {
        const s = structure.index.get(id);
        if (s === undefined) {
          throw new RangeError(
            `what-if add: unknown segment '${id}' of template '${structure.template.id}'`,
          );
        }
        if (!holds.includes(s)) {
          throw new RangeError(`what-if add: company '${a.company}' holds no segment '${id}'`);
        }
        return s;
      });
    }
    const prev = additions.get(c!) ?? [];
    additions.set(
      c!,
      [...new Set([...prev, ...segs])].sort((x, y) => x - y),
    );
  }

  const state = new CascadeState(model);
  state.remove(removed.slice().sort((a, b) => a - b));
  const counts = state.counts;
  for (const segs of additions.values()) for (const s of segs) counts[s]!++;

  const opts = { redundancy: model.parameters.redundancy };
  const before = completenessFromCounts(structure, ctx.counts, opts);
  const after = completenessFromCounts(structure, counts, opts);

  // Segments whose member set changed: a failed cluster member or an addition.
  const changed = new Uint8Array(structure.size);
  for (const c of state.order) {
    if (ctx.inCluster[c]) for (const s of segmentsOf(membership, c)) changed[s] = 1;
  }
  const addedTo: number[][] = Array.from({ length: structure.size }, () => []);
  for (const [c, segs] of additions) {
    for (const s of segs) {
      changed[s] = 1;
      addedTo[s]!.push(c);
    }
  }
  const segments: SegmentChange[] = [];
  for (let s = 0; s < structure.size; s++) {
    if (!changed[s]) continue;
    const local = ctx.localMembers[s]!;
    const shares = ctx.localShares[s]!;
    // Members after, ascending company index (as localMembers), with their shares.
    const all = membership.members[s]!;
    const allShares = membership.shares[s]!;
    const shareOf = (c: number) => allShares[binarySearch(all, c)]!;
    const keep: Array<[number, number]> = [];
    for (let i = 0; i < local.length; i++) {
      if (!state.failed[local[i]!]) keep.push([local[i]!, shares[i]!]);
    }
    for (const c of addedTo[s]!) keep.push([c, shareOf(c)]);
    keep.sort((a, b) => a[0] - b[0]);
    segments.push({
      segment: structure.ids[s]!,
      name: structure.names[s]!,
      before: figures(concentration(shares), local.length),
      after: figures(concentration(keep.map((k) => k[1])), keep.length),
    });
  }
  const filled: string[] = [];
  const emptied: string[] = [];
  for (let s = 0; s < structure.size; s++) {
    if (ctx.counts[s] === 0 && counts[s]! > 0) filled.push(structure.ids[s]!);
    if (ctx.counts[s]! > 0 && counts[s] === 0) emptied.push(structure.ids[s]!);
  }
  return {
    parameters: model.parameters,
    removed: removed
      .map((c) => ({ company: ids[c]!, inCluster: ctx.inCluster[c] === 1 }))
      .sort((a, b) => compareIds(a.company, b.company)),
    added: [...additions]
      .map(([c, segs]) => ({ company: ids[c]!, segments: segs.map((s) => structure.ids[s]!) }))
      .sort((a, b) => compareIds(a.company, b.company)),
    completeness: { before, after },
    segments,
    cutOff: describeFailures(state).filter((f) => f.round > 0),
    filled,
    emptied,
  };
}

/** Position of `value` in an ascending array (it must be there). */
function binarySearch(a: Int32Array, value: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (a[mid]! < value) lo = mid + 1;
    else if (a[mid]! > value) hi = mid - 1;
    else return mid;
  }
  throw new RangeError(`company ${value} is not a member`);
}
