/**
 * The one home of every default of a chain analysis (`analyze()`, the chain functions, the CLI's
 * option defaults and help, the viewer). One name per parameter, the name report.json's
 * `parameters` uses:
 *
 * - `seed` [1]: seed of the random resilience order and of Louvain (CLI `--seed`).
 * - `minShare` [0.05]: the least known revenue share with which a company holds a segment
 *   (CLI `--min-share`; docs/chain-analysis/membership.md).
 * - `redundancy` [2]: r of K_red, the firms a segment needs to count as fully covered
 *   (CLI `--redundancy`; docs/chain-analysis/completeness.md).
 * - `hhiThreshold` [0.25]: τ, the HHI above which a segment of 2 or more firms is concentrated
 *   (CLI `--hhi`; docs/chain-analysis/weak-links.md).
 * - `theta` [1]: θ, the substitutability threshold of the failure cascade: the share of an
 *   essential input's supply a firm must lose to fail (CLI `--theta`; docs/chain-analysis/cascade.md).
 * - `nonEssential` [none]: feeds `from→to` whose loss does not fail a firm.
 * - `supplyTypes` [supply, inferred-supply]: the relation types that count as supply.
 * - `resilienceOrder` ['degree']: the targeted removal order (static, ties by id).
 * - `resilienceRuns` [10]: random orders averaged for the random resilience curve.
 * - `limits`: list sizes, `leaders` [20], `targets` [20], `critical` [20], `portfolio` [5],
 *   `related` [10].
 *
 * `resolveAnalyzeDefaults(options)` fills what `options` leaves undefined, as graphology's
 * `resolveDefaults` does (nested objects resolved key by key); `analyze()` calls it once and
 * passes the resolved values down.
 */
import type { RelationType } from '../graph/types.js';
import type { ResilienceCentrality } from './resilience.js';

export interface AnalyzeParameters {
  seed: number;
  minShare: number;
  redundancy: number;
  hhiThreshold: number;
  theta: number;
  nonEssential: readonly string[];
  supplyTypes: readonly RelationType[];
  resilienceOrder: ResilienceCentrality;
  resilienceRuns: number;
  limits: {
    leaders: number;
    targets: number;
    critical: number;
    portfolio: number;
    related: number;
  };
}

/** The defaults of a chain analysis; see the module notes for what each means. */
export const ANALYZE_DEFAULTS: Readonly<AnalyzeParameters> = Object.freeze({
  seed: 1,
  minShare: 0.05,
  redundancy: 2,
  hhiThreshold: 0.25,
  theta: 1,
  nonEssential: Object.freeze([]) as readonly string[],
  supplyTypes: Object.freeze(['supply', 'inferred-supply']) as readonly RelationType[],
  resilienceOrder: 'degree',
  resilienceRuns: 10,
  limits: Object.freeze({ leaders: 20, targets: 20, critical: 20, portfolio: 5, related: 10 }),
});

/** Parameters as a caller gives them: any key, at any depth, may be left out. */
export type AnalyzeParameterOptions = Partial<Omit<AnalyzeParameters, 'limits'>> & {
  limits?: Partial<AnalyzeParameters['limits']>;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `target` with every undefined key of `defaults` filled in, nested plain objects resolved key
 * by key (graphology's `resolveDefaults`); keys of `target` that `defaults` lacks are left out.
 */
export function resolveDefaults<T extends object>(target: object | undefined, defaults: T): T {
  const given = (target ?? {}) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, def] of Object.entries(defaults)) {
    const value = given[key];
    out[key] = isPlainObject(def)
      ? resolveDefaults(isPlainObject(value) ? value : undefined, def)
      : value === undefined
        ? def
        : value;
  }
  return out as T;
}

/** The parameters of one analysis: `options` with `ANALYZE_DEFAULTS` filled in. */
export function resolveAnalyzeDefaults(options: AnalyzeParameterOptions = {}): AnalyzeParameters {
  return resolveDefaults(options, ANALYZE_DEFAULTS);
}
