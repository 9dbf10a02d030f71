/**
 * The cluster's own supply web: the supply relations (the context's `supplyTypes`) among the
 * companies of the cluster, as a compact graph (relation rows kept, so inferred edges can be
 * counted) and its metric snapshot (parallel arcs merged, undirected projection with
 * multiplicities). Weak links (cut points, bridges) and leading firms run on it.
 *
 * Scope: `chain` (default) keeps the cluster's chain firms only (companies holding at least one
 * segment of the template), so that a bank's inferred "supply" to a battery maker neither makes
 * the bank a cut point of the battery chain nor pulls for it; `cluster` keeps every company of
 * the cluster.
 */
import type { CompactGraph } from '../graph/compact.js';
import { inducedCompactGraph } from '../graph/compact.js';
import type { MetricGraph } from '../graph/snapshot.js';
import { metricGraphFromCompact } from '../graph/snapshot.js';
import type { ChainContext } from './context.js';
import { chainFirms } from './context.js';

export type LocalScope = 'chain' | 'cluster';

export interface LocalViewOptions {
  /**
   * `scope` 'chain' | 'cluster' ['chain']: the nodes of the view: the cluster's chain firms, or
   * every company of the cluster.
   */
  scope?: LocalScope;
}

export interface LocalView {
  scope: LocalScope;
  /** Supply relations among the view's nodes; node u is company `compact.companyOf[u]`. */
  compact: CompactGraph;
  /** The metric snapshot of `compact` (same node numbering). */
  graph: MetricGraph;
}

/** Builds the cluster's supply view. O(companies + relations). */
export function localSupplyView(ctx: ChainContext, options: LocalViewOptions = {}): LocalView {
  const scope = options.scope ?? 'chain';
  if (scope !== 'chain' && scope !== 'cluster') {
    throw new RangeError(`scope must be 'chain' or 'cluster', got '${String(scope)}'`);
  }
  const nodes = scope === 'chain' ? chainFirms(ctx) : ctx.cluster.members;
  const compact = inducedCompactGraph(ctx.supply, nodes);
  return { scope, compact, graph: metricGraphFromCompact(compact) };
}
