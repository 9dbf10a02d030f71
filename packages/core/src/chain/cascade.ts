/**
 * The failure cascade of a cluster's chain firms (DESIGN §3 "Criticality", anchors.md §3.5):
 * remove a set of companies; a firm of the cluster fails in turn when it loses too much of an
 * essential input; repeat until nothing more fails.
 *
 * Model (the binary special case of the ESRI cascade of Diem et al. 2022, Sci Rep 12:7719, with
 * the substitutability threshold and essential/non-essential inputs that Inoue & Todo 2019,
 * Nature Sustainability 2:841, show matter):
 * - A firm f of the cluster needs input segment s when s feeds (through an essential feed s → t)
 *   a segment t that f holds. With `inHouse` (default) a firm that holds s itself makes it and
 *   never lacks it.
 * - f's suppliers in s are the companies u ≠ f (anywhere in the dataset) with a supply edge
 *   u → f that hold s. Parallel edges u → f are one supplier whose weight is their summed weight.
 * - f fails when, for some needed s, the failed share of its suppliers in s reaches θ:
 *   lost_{f,s} / total_{f,s} ≥ θ, the share measured by edge weight (`shareBy: 'weight'`) or by
 *   number of suppliers (`'count'`). θ = 1 (default): f fails only when all its suppliers in s
 *   have failed. A pair whose supplier weights are all 0 is measured by count.
 * - A firm with no supplier in s does not fail on s: it sources s somewhere the data does not
 *   show. Suppliers outside the cluster never fail (only removed ones count as failed), and a
 *   firm holding no segment of the chain needs nothing and never fails.
 *
 * Computation: the needs (f, s) and, per supplier, the needs it contributes to are built once
 * (`cascadeModel`, O(supply edges into the chain firms × segments per supplier)). A cascade is a
 * queue (breadth first, no recursion): each failed company adds its weight to the needs it
 * supplies; a need that crosses θ fails its firm. Rounds: removed companies are round 0, a firm
 * that fails because of a round-r failure is round r + 1 (the synchronous rounds). Cost
 * O(contributions of the failed companies + S) per cascade; `CascadeState` keeps the failed set
 * between calls so that a sequence of removals (resilience) costs O(contributions) in all.
 */
import { isInferredRelation } from './context.js';
import type { ChainContext } from './context.js';
import type { Completeness } from './completeness.js';
import { completenessFromCounts } from './completeness.js';
import { ANALYZE_DEFAULTS } from './defaults.js';
import { segmentsOf } from './membership.js';

export interface CascadeOptions {
  /**
   * `theta` number [1]: θ in (0, 1], the substitutability threshold: a firm fails when the
   * failed share of its suppliers in one essential input segment is ≥ θ. 1 = all of them.
   */
  theta?: number;
  /** `shareBy` 'weight' | 'count' ['weight']: measure the failed share by supply-edge weight or by supplier count. */
  shareBy?: 'weight' | 'count';
  /**
   * `nonEssential` Iterable<string> [none]: feeds whose loss does not make a firm fail, as keys
   * `"from→to"` (or `"from->to"`) of segment ids; a RangeError names a key that is no feed of the template.
   */
  nonEssential?: Iterable<string>;
  /** `inHouse` boolean [true]: a firm holding an input segment itself never lacks that input. */
  inHouse?: boolean;
  /** `redundancy` number [2]: r of the redundancy-adjusted completeness reported after the cascade. */
  redundancy?: number;
}

/** The resolved cascade parameters, as they go into a report. */
export interface CascadeParameters {
  theta: number;
  shareBy: 'weight' | 'count';
  /** Non-essential feeds as `"from→to"` keys, in template feed order. */
  nonEssential: string[];
  inHouse: boolean;
  redundancy: number;
}

/** Supply edges the cascade rests on, split by provenance (relation rows). */
export interface SupplyEdgeProvenance {
  /** Relation rows used. */
  edges: number;
  /** Of those, `inferred-supply` rows. */
  inferred: number;
  /** Of those, observed (`supply`) rows. */
  observed: number;
}

/**
 * The precomputed cascade structure of a context. Arrays are indexed by need k (a pair firm f,
 * input segment s that f has at least one supplier in) or, for the supplier CSR, by dataset
 * company index.
 */
export interface CascadeModel {
  ctx: ChainContext;
  parameters: CascadeParameters;
  /** Number of needs. */
  needs: number;
  /** Firm (dataset index) and input segment of each need. */
  needFirm: Int32Array;
  needSegment: Int32Array;
  /** Total supplier weight and number of distinct suppliers of each need. */
  needWeight: Float64Array;
  needSuppliers: Int32Array;
  /** Per supplier company u: positions supplyOffsets[u] .. supplyOffsets[u+1]-1 of its contributions. */
  supplyOffsets: Int32Array;
  /** The need each contribution goes to, and its weight (summed parallel edges). */
  supplyNeed: Int32Array;
  supplyWeight: Float64Array;
  /** Supply edges (relation rows) behind the contributions, by provenance. */
  provenance: SupplyEdgeProvenance;
}

/** Key of a feed in `nonEssential`: `from→to`. */
function feedKey(from: string, to: string): string {
  return `${from}→${to}`;
}

function resolveParameters(ctx: ChainContext, options: CascadeOptions): CascadeParameters {
  const theta = options.theta ?? ANALYZE_DEFAULTS.theta;
  if (!(theta > 0 && theta <= 1)) {
    throw new RangeError(`theta: the cascade threshold must be in (0, 1], got ${theta}`);
  }
  const shareBy = options.shareBy ?? 'weight';
  if (shareBy !== 'weight' && shareBy !== 'count') {
    throw new RangeError(`cascade shareBy must be 'weight' or 'count', got '${String(shareBy)}'`);
  }
  const redundancy = options.redundancy ?? ANALYZE_DEFAULTS.redundancy;
  if (!(redundancy > 0)) throw new RangeError(`redundancy must be > 0, got ${redundancy}`);
  const { ids, feeds } = ctx.structure;
  const known = new Set(feeds.map(([a, b]) => feedKey(ids[a]!, ids[b]!)));
  const wanted = new Set<string>();
  for (const raw of options.nonEssential ?? []) {
    const key = raw
      .replace('->', '→')
      .replace(/\s*→\s*/, '→')
      .trim();
    if (!known.has(key)) {
      throw new RangeError(
        `non-essential feed '${raw}' is no feed of template '${ctx.structure.template.id}'`,
      );
    }
    wanted.add(key);
  }
  return {
    theta,
    shareBy,
    nonEssential: [...known].filter((k) => wanted.has(k)),
    inHouse: options.inHouse ?? true,
    redundancy,
  };
}

/** Builds the cascade structure of a context (see the module comment). */
export function cascadeModel(ctx: ChainContext, options: CascadeOptions = {}): CascadeModel {
  const parameters = resolveParameters(ctx, options);
  const { structure, membership, supply: g } = ctx;
  const S = structure.size;
  const nonEssential = new Set(parameters.nonEssential);
  const essential = structure.inputs.map((ins, t) =>
    ins.filter((s) => !nonEssential.has(feedKey(structure.ids[s]!, structure.ids[t]!))),
  );

  const needFirm: number[] = [];
  const needSegment: number[] = [];
  const needWeight: number[] = [];
  const needSuppliers: number[] = [];
  // Contributions as parallel lists (supplier, need, weight), merged per (supplier, need).
  const cSupplier: number[] = [];
  const cNeed: number[] = [];
  const cWeight: number[] = [];
  const usedRows = new Set<number>();
  const needOf = new Int32Array(S).fill(-1);
  const holds = new Uint8Array(S);
  const contributionOf = new Map<number, number>();

  for (const f of ctx.cluster.members) {
    const own = segmentsOf(membership, f);
    if (own.length === 0) continue;
    for (const t of own) holds[t] = 1;
    const firstNeed = needFirm.length;
    for (const t of own) {
      for (const s of essential[t]!) {
        if (needOf[s] !== -1 || (parameters.inHouse && holds[s])) continue;
        needOf[s] = needFirm.length;
        needFirm.push(f);
        needSegment.push(s);
        needWeight.push(0);
        needSuppliers.push(0);
      }
    }
    if (needFirm.length > firstNeed) {
      contributionOf.clear();
      for (let e = g.inOffsets[f]!; e < g.inOffsets[f + 1]!; e++) {
        const u = g.inSources[e]!;
        if (u === f) continue;
        const w = g.inWeights[e]!;
        if (!(w >= 0)) {
          throw new RangeError(
            `supply relation ${g.inRelations[e]} has weight ${w}; the cascade needs weights ≥ 0`,
          );
        }
        let used = false;
        for (const s of segmentsOf(membership, u)) {
          const k = needOf[s]!;
          if (k === -1) continue;
          used = true;
          const key = u * S + s;
          const at = contributionOf.get(key);
          if (at === undefined) {
            contributionOf.set(key, cNeed.length);
            cSupplier.push(u);
            cNeed.push(k);
            cWeight.push(w);
            needSuppliers[k]!++;
          } else cWeight[at]! += w;
          needWeight[k]! += w;
        }
        if (used) usedRows.add(g.inRelations[e]!);
      }
      // Needs without any supplier are dropped: the firm sources them elsewhere.
      let keep = firstNeed;
      const remap = new Map<number, number>();
      for (let k = firstNeed; k < needFirm.length; k++) {
        needOf[needSegment[k]!] = -1;
        if (needSuppliers[k] === 0) continue;
        remap.set(k, keep);
        needFirm[keep] = needFirm[k]!;
        needSegment[keep] = needSegment[k]!;
        needWeight[keep] = needWeight[k]!;
        needSuppliers[keep] = needSuppliers[k]!;
        keep++;
      }
      needFirm.length = needSegment.length = needWeight.length = needSuppliers.length = keep;
      for (const at of contributionOf.values()) cNeed[at] = remap.get(cNeed[at]!)!;
    }
    for (const t of own) holds[t] = 0;
  }

  // CSR of the contributions by supplier (stable: in need order within a supplier).
  const companyTotal = ctx.dataset.companies.ids.length;
  const supplyOffsets = new Int32Array(companyTotal + 1);
  for (const u of cSupplier) supplyOffsets[u + 1]!++;
  for (let u = 0; u < companyTotal; u++) supplyOffsets[u + 1]! += supplyOffsets[u]!;
  const fill = supplyOffsets.slice(0, companyTotal);
  const supplyNeed = new Int32Array(cNeed.length);
  const supplyWeight = new Float64Array(cNeed.length);
  for (let i = 0; i < cNeed.length; i++) {
    const at = fill[cSupplier[i]!]!++;
    supplyNeed[at] = cNeed[i]!;
    supplyWeight[at] = cWeight[i]!;
  }
  let inferred = 0;
  for (const row of usedRows) if (isInferredRelation(ctx, row)) inferred++;
  return {
    ctx,
    parameters,
    needs: needFirm.length,
    needFirm: Int32Array.from(needFirm),
    needSegment: Int32Array.from(needSegment),
    needWeight: Float64Array.from(needWeight),
    needSuppliers: Int32Array.from(needSuppliers),
    supplyOffsets,
    supplyNeed,
    supplyWeight,
    provenance: { edges: usedRows.size, inferred, observed: usedRows.size - inferred },
  };
}

/** Relative slack of the threshold test, so that θ = 1 is met despite rounding of weight sums. */
const SLACK = 1e-12;

/**
 * The mutable state of cascades on one model: the failed set (it only grows until `reset`), the
 * lost weight per need and the counts n_s of the surviving cluster companies.
 */
export class CascadeState {
  readonly model: CascadeModel;
  /** 1 for failed companies (removed or cut off), by dataset index. */
  readonly failed: Uint8Array;
  /** Round of each failed company within the `remove` call that failed it (0 = removed); −1 when alive. */
  readonly round: Int32Array;
  /** The input segment whose loss failed the company; −1 for removed or alive ones. */
  readonly cause: Int32Array;
  /** Failed companies in the order they failed, over all `remove` calls since the last reset. */
  readonly order: number[] = [];
  /** n_s counting only the cluster companies still alive. */
  readonly counts: Int32Array;
  private readonly lostWeight: Float64Array;
  private readonly lostSuppliers: Int32Array;
  private readonly touched: number[] = [];

  constructor(model: CascadeModel) {
    this.model = model;
    const companyTotal = model.ctx.dataset.companies.ids.length;
    this.failed = new Uint8Array(companyTotal);
    this.round = new Int32Array(companyTotal).fill(-1);
    this.cause = new Int32Array(companyTotal).fill(-1);
    this.counts = Int32Array.from(model.ctx.counts);
    this.lostWeight = new Float64Array(model.needs);
    this.lostSuppliers = new Int32Array(model.needs);
  }

  /** True when need k has lost a share ≥ θ of its suppliers. */
  private crossed(k: number): boolean {
    const m = this.model;
    const lost = this.lostSuppliers[k]!;
    const all = m.needSuppliers[k]!;
    if (lost >= all) return true;
    const theta = m.parameters.theta;
    const total = m.needWeight[k]!;
    if (m.parameters.shareBy === 'weight' && total > 0) {
      return this.lostWeight[k]! >= theta * total * (1 - SLACK);
    }
    return lost >= theta * all * (1 - SLACK);
  }

  private fail(c: number, round: number, cause: number, queue: number[]): void {
    this.failed[c] = 1;
    this.round[c] = round;
    this.cause[c] = cause;
    this.order.push(c);
    queue.push(c);
    const ctx = this.model.ctx;
    if (ctx.inCluster[c]) for (const s of segmentsOf(ctx.membership, c)) this.counts[s]!--;
  }

  /**
   * Removes companies (dataset indices; already failed ones are skipped) and runs the cascade to
   * its end. Returns how many companies failed in this call, removed ones included; they are the
   * last entries of `order`.
   */
  remove(companies: ArrayLike<number>): number {
    const m = this.model;
    const queue: number[] = [];
    for (let i = 0; i < companies.length; i++) {
      const c = companies[i]!;
      if (!this.failed[c]) this.fail(c, 0, -1, queue);
    }
    for (let head = 0; head < queue.length; head++) {
      const u = queue[head]!;
      const next = this.round[u]! + 1;
      for (let p = m.supplyOffsets[u]!; p < m.supplyOffsets[u + 1]!; p++) {
        const k = m.supplyNeed[p]!;
        if (this.lostSuppliers[k] === 0) this.touched.push(k);
        this.lostSuppliers[k]!++;
        this.lostWeight[k]! += m.supplyWeight[p]!;
        const f = m.needFirm[k]!;
        if (!this.failed[f] && this.crossed(k)) this.fail(f, next, m.needSegment[k]!, queue);
      }
    }
    return queue.length;
  }

  /** Forgets every failure: back to the intact cluster. O(failed + touched needs + S). */
  reset(): void {
    for (const k of this.touched) {
      this.lostWeight[k] = 0;
      this.lostSuppliers[k] = 0;
    }
    this.touched.length = 0;
    for (const c of this.order) {
      this.failed[c] = 0;
      this.round[c] = -1;
      this.cause[c] = -1;
    }
    this.order.length = 0;
    this.counts.set(this.model.ctx.counts);
  }
}

/** One failed company of a cascade. */
export interface CascadeFailure {
  /** Company id. */
  company: string;
  /** 0 = removed; r + 1 = failed because of failures of round r. */
  round: number;
  /** Id of the input segment whose loss failed it; null for removed companies. */
  segment: string | null;
}

export interface CascadeResult {
  parameters: CascadeParameters;
  /** Every failed company, by round, then id: the removed ones (round 0) first. */
  failed: CascadeFailure[];
  /** Ids of the companies cut off (failed, not removed), in the order of `failed`. */
  cutOff: string[];
  /** n_s after the cascade, in template segment order. */
  counts: number[];
  /** Completeness from the counts after the cascade (completenessFromCounts, `redundancy` r). */
  completeness: Completeness;
  provenance: SupplyEdgeProvenance;
}

/** Compares company ids in code-unit order (the tie-break everywhere in chain analysis). */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const indexCache = new WeakMap<object, Map<string, number>>();

/** Resolves company ids to dataset indices; a RangeError names the first unknown id. */
export function companyIndices(ctx: ChainContext, ids: Iterable<string>, what: string): number[] {
  const table = ctx.dataset.companies;
  let index = indexCache.get(table);
  if (!index) {
    index = new Map<string, number>();
    for (let i = 0; i < table.ids.length; i++) index.set(table.ids[i]!, i);
    indexCache.set(table, index);
  }
  const out: number[] = [];
  for (const id of ids) {
    const c = index.get(id);
    if (c === undefined) throw new RangeError(`${what}: unknown company id '${id}'`);
    out.push(c);
  }
  return out;
}

/** The failures of the last `remove` call(s) of a state, from `from` in `order`, as JSON. */
export function describeFailures(state: CascadeState, from = 0): CascadeFailure[] {
  const ctx = state.model.ctx;
  const { ids } = ctx.dataset.companies;
  const list = state.order.slice(from);
  list.sort((a, b) => state.round[a]! - state.round[b]! || compareIds(ids[a]!, ids[b]!));
  return list.map((c) => ({
    company: ids[c]!,
    round: state.round[c]!,
    segment: state.cause[c]! >= 0 ? ctx.structure.ids[state.cause[c]!]! : null,
  }));
}

/**
 * The cascade after removing `removed` (company ids, anywhere in the dataset: a removed company
 * outside the cluster is a supplier that stops supplying). A RangeError names an unknown id.
 */
export function cascade(model: CascadeModel, removed: Iterable<string>): CascadeResult {
  const state = new CascadeState(model);
  state.remove(companyIndices(model.ctx, removed, 'cascade'));
  const failed = describeFailures(state);
  return {
    parameters: model.parameters,
    failed,
    cutOff: failed.filter((f) => f.round > 0).map((f) => f.company),
    counts: Array.from(state.counts),
    completeness: completenessFromCounts(model.ctx.structure, state.counts, {
      redundancy: model.parameters.redundancy,
    }),
    provenance: model.provenance,
  };
}

/**
 * Provenance of the cluster's supply view: the supply relation rows between two companies of
 * the cluster (self-loops excluded), split into inferred and observed.
 */
export function clusterSupplyProvenance(ctx: ChainContext): SupplyEdgeProvenance {
  const g = ctx.supply;
  let edges = 0;
  let inferred = 0;
  for (const u of ctx.cluster.members) {
    for (let e = g.outOffsets[u]!; e < g.outOffsets[u + 1]!; e++) {
      const v = g.outTargets[e]!;
      if (v === u || !ctx.inCluster[v]) continue;
      edges++;
      if (isInferredRelation(ctx, g.outRelations[e]!)) inferred++;
    }
  }
  return { edges, inferred, observed: edges - inferred };
}
