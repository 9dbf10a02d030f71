/**
 * Leading firms (链主; report.json `leaders`, DESIGN §3, anchors.md §3.10). No formal
 * definition exists; the policy language stresses 带动配套 (pulling in local suppliers) and
 * resource-allocation power. Chainlens ranks the cluster's chain firms by four components on the
 * cluster's supply view (local-view.ts, scope `chain` by default), shown separately:
 *
 * - `pull`: PageRank (Brin & Page 1998; α = 0.85, arc weights) on the view, rank flowing along
 *   supply arcs supplier → buyer, so a firm ranks high when many, and well-supplied, local firms
 *   sell to it: downstream pull, the buyer's side of 带动配套. (Reverse PageRank would instead
 *   reward suppliers of important buyers: upstream influence, not leadership.)
 * - `localSuppliers`: distinct local suppliers (in-neighbours in the view).
 * - `breadth`: distinct segments of the template held by those local suppliers.
 * - `segments`: segments of the template the firm holds itself.
 *
 * Each component is divided by its maximum over the chain firms (0 when the maximum is 0), and
 * score = Σ_k w_k · component_k / Σ_k w_k (weights default 1: the mean). Ties by company id.
 * Documented in docs/chain-analysis/leaders.md.
 */
import type { PageRankOptions } from '../metrics/pagerank.js';
import { pagerank } from '../metrics/pagerank.js';
import type { ChainContext } from './context.js';
import { isInferredRelation } from './context.js';
import { segmentsOf } from './membership.js';
import type { LocalViewOptions } from './local-view.js';
import { localSupplyView } from './local-view.js';
import type { CompanyLabel } from './common.js';
import { companyLabel, compareIds, sortKey } from './common.js';

/** The four components (a type alias, so it is assignable to Record<string, number>). */
export type LeaderComponents = {
  pull: number;
  localSuppliers: number;
  breadth: number;
  segments: number;
};

export interface LeaderOptions extends LocalViewOptions {
  /**
   * `weights` Partial<LeaderComponents> [all 1]: weight of each normalised component in the
   * score (non-negative, not all 0).
   */
  weights?: Partial<LeaderComponents>;
  /** `pagerank` PageRankOptions [α 0.85, weighted]: options of the pull PageRank. */
  pagerank?: PageRankOptions;
  /** `limit` number [all]: how many leaders to return. */
  limit?: number;
}

export interface Leader extends CompanyLabel {
  /** Weighted mean of the normalised components, in [0, 1]. */
  score: number;
  /** Components divided by their maximum over the chain firms, in [0, 1]. */
  components: LeaderComponents;
  /** The components before normalising (pull: the PageRank score itself). */
  raw: LeaderComponents;
  /** Supply relations from local suppliers into the firm, and how many of them are inferred. */
  localSupplyEdges: number;
  inferredEdges: number;
}

const KEYS = ['pull', 'localSuppliers', 'breadth', 'segments'] as const;

/** The cluster's chain firms ranked as leading firms. See the module notes. */
export function leaders(ctx: ChainContext, options: LeaderOptions = {}): Leader[] {
  const weights: LeaderComponents = { pull: 1, localSuppliers: 1, breadth: 1, segments: 1 };
  for (const k of KEYS) {
    const w = options.weights?.[k];
    if (w === undefined) continue;
    if (!(w >= 0)) throw new RangeError(`leader weight ${k} must be >= 0, got ${w}`);
    weights[k] = w;
  }
  const wSum = KEYS.reduce((a, k) => a + weights[k], 0);
  if (!(wSum > 0)) throw new RangeError('leader weights are all 0');

  const view = localSupplyView(ctx, options);
  const { compact, graph } = view;
  const pr = pagerank(graph, options.pagerank).scores;
  const raws: Array<{ c: number; raw: LeaderComponents; edges: number; inferred: number }> = [];
  const segSeen = new Set<number>();
  for (let v = 0; v < graph.n; v++) {
    const c = compact.companyOf[v]!;
    const own = segmentsOf(ctx.membership, c).length;
    if (own === 0) continue; // cluster scope: only chain firms are ranked
    segSeen.clear();
    let suppliers = 0;
    for (let p = graph.in.offsets[v]!; p < graph.in.offsets[v + 1]!; p++) {
      const u = graph.in.nodes[p]!;
      if (u === v) continue;
      suppliers++;
      for (const s of segmentsOf(ctx.membership, compact.companyOf[u]!)) segSeen.add(s);
    }
    let edges = 0;
    let inferred = 0;
    for (let e = compact.inOffsets[v]!; e < compact.inOffsets[v + 1]!; e++) {
      if (compact.inSources[e] === v) continue;
      edges++;
      if (isInferredRelation(ctx, compact.inRelations[e]!)) inferred++;
    }
    raws.push({
      c,
      raw: { pull: pr[v]!, localSuppliers: suppliers, breadth: segSeen.size, segments: own },
      edges,
      inferred,
    });
  }
  const max: LeaderComponents = { pull: 0, localSuppliers: 0, breadth: 0, segments: 0 };
  for (const r of raws) for (const k of KEYS) max[k] = Math.max(max[k], r.raw[k]);
  const out: Leader[] = raws.map(({ c, raw, edges, inferred }) => {
    const components = {} as LeaderComponents;
    let score = 0;
    for (const k of KEYS) {
      components[k] = max[k] > 0 ? raw[k] / max[k] : 0;
      score += weights[k] * components[k];
    }
    return {
      ...companyLabel(ctx.dataset, c),
      score: score / wSum,
      components,
      raw,
      localSupplyEdges: edges,
      inferredEdges: inferred,
    };
  });
  out.sort((a, b) => sortKey(b.score) - sortKey(a.score) || compareIds(a.company, b.company));
  return options.limit === undefined ? out : out.slice(0, Math.max(0, options.limit));
}
