/**
 * @chainlens/core/internal: Kernels shared with @chainlens/scale's parallel runners (PageRank set-up and pull steps,
 * Brandes betweenness workspace and slices, relation-view selection). Not public API: names and
 * signatures may change with scale.
 */
export { viewSelection } from './graph/compact.js';
export { pagerankPull, pagerankScale, pagerankSetup } from './metrics/pagerank.js';
export type { PageRankSetup } from './metrics/pagerank.js';
export {
  BETWEENNESS_SLICES,
  BrandesWorkspace,
  accumulateBetweenness,
  betweennessScale,
  betweennessSlices,
  betweennessSources,
} from './metrics/betweenness.js';
