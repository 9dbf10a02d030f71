/**
 * Criticality of the cluster's chain firms (DESIGN §3, anchors.md §3.5): for each chain firm c
 * (a cluster company holding a segment), remove c alone, run the failure cascade
 * (`cascade.ts`), and measure
 * - completenessDrop = K(before) − K(after) for the chosen completeness measure (default the
 *   redundancy-adjusted K_red: coverage ignores partial loss, so removing one of two firms of a
 *   segment would not register), with the drop of every variant reported beside it;
 * - cutOff = the companies that fail in c's cascade (c itself excluded).
 * Firms come most critical first: larger drop, then more companies cut off, then id.
 * Drops are ≥ 0 (every completeness variant is monotone in the counts n_s).
 *
 * Cost: one cascade per chain firm on a shared `CascadeState` that is reset between firms, so
 * O(Σ_c contributions touched by c's cascade + N·(S + F)).
 */
import type { ChainContext } from './context.js';
import { chainFirms } from './context.js';
import type {
  CascadeModel,
  CascadeOptions,
  CascadeParameters,
  SupplyEdgeProvenance,
} from './cascade.js';
import { CascadeState, cascadeModel, compareIds, describeFailures } from './cascade.js';
import type { Completeness } from './completeness.js';
import { completenessFromCounts } from './completeness.js';

/** The completeness variants a drop or curve can be measured in. */
export type CompletenessMeasure = 'coverage' | 'redundancy' | 'link' | 'path';

/** Every completeness measure, in report order. */
export const COMPLETENESS_MEASURES: readonly CompletenessMeasure[] = [
  'coverage',
  'redundancy',
  'link',
  'path',
];

/** Returns `measure` as a CompletenessMeasure, or throws a RangeError naming the valid ones. */
export function checkMeasure(measure: string): CompletenessMeasure {
  if (!(COMPLETENESS_MEASURES as readonly string[]).includes(measure)) {
    throw new RangeError(
      `completeness measure must be one of ${COMPLETENESS_MEASURES.join(', ')}, got '${measure}'`,
    );
  }
  return measure as CompletenessMeasure;
}

export interface CriticalityOptions extends CascadeOptions {
  /** `measure` CompletenessMeasure ['redundancy']: the completeness variant of `completenessDrop` (the sort key). */
  measure?: CompletenessMeasure;
}

/** Drop of every completeness variant. */
export interface CompletenessDrops {
  coverage: number;
  redundancy: number;
  link: number;
  path: number;
}

export interface CriticalCompany {
  /** Company id. */
  company: string;
  /** K(before) − K(after its removal with cascade), in the chosen measure. */
  completenessDrop: number;
  /** The drop in every variant. */
  drops: CompletenessDrops;
  /** Ids of the companies that fail in its cascade (itself excluded), by round, then id. */
  cutOff: string[];
}

export interface CriticalityResult {
  measure: CompletenessMeasure;
  parameters: CascadeParameters;
  /** Completeness of the intact cluster. */
  before: Completeness;
  /** Every chain firm of the cluster, most critical first. */
  companies: CriticalCompany[];
  /** Supply edges the cascades rest on. */
  provenance: SupplyEdgeProvenance;
}

/** A model from a context (with the options) or the model given. */
export function cascadeModelOf(
  source: ChainContext | CascadeModel,
  options: CascadeOptions,
): CascadeModel {
  return 'needFirm' in source ? source : cascadeModel(source, options);
}

/** Compares two numbers that are equal up to rounding (1e-12). */
function nearlyEqual(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-12;
}

/**
 * Criticality of every chain firm of the cluster; see the module comment. Pass a context (the
 * cascade options apply) or a prebuilt `cascadeModel` (its parameters apply).
 */
export function criticality(
  source: ChainContext | CascadeModel,
  options: CriticalityOptions = {},
): CriticalityResult {
  const measure = checkMeasure(options.measure ?? 'redundancy');
  const model = cascadeModelOf(source, options);
  const { ctx } = model;
  const { ids } = ctx.dataset.companies;
  const opts = { redundancy: model.parameters.redundancy };
  const before = completenessFromCounts(ctx.structure, ctx.counts, opts);
  const state = new CascadeState(model);
  const companies: CriticalCompany[] = [];
  for (const c of chainFirms(ctx)) {
    state.reset();
    state.remove([c]);
    const after = completenessFromCounts(ctx.structure, state.counts, opts);
    const drops: CompletenessDrops = {
      coverage: before.coverage - after.coverage,
      redundancy: before.redundancy - after.redundancy,
      link: before.link - after.link,
      path: before.path - after.path,
    };
    companies.push({
      company: ids[c]!,
      completenessDrop: drops[measure],
      drops,
      cutOff: describeFailures(state)
        .filter((f) => f.round > 0)
        .map((f) => f.company),
    });
  }
  companies.sort(
    (a, b) =>
      (nearlyEqual(a.completenessDrop, b.completenessDrop)
        ? 0
        : b.completenessDrop - a.completenessDrop) ||
      b.cutOff.length - a.cutOff.length ||
      compareIds(a.company, b.company),
  );
  return { measure, parameters: model.parameters, before, companies, provenance: model.provenance };
}
