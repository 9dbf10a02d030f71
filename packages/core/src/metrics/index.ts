/**
 * @chainlens/core/metrics: Network metrics on a compact graph: degree, PageRank, HITS, eigenvector, closeness, k-core,
 * betweenness, components, cut points, modularity, Louvain communities and partition agreement.
 */
export { createRng, sampleWithoutReplacement } from './random.js';
export { degree } from './degree.js';
export type { DegreeResult } from './degree.js';
export { pagerank, pagerankReverse } from './pagerank.js';
export type { PageRankOptions, PageRankResult } from './pagerank.js';
export { hits } from './hits.js';
export type { HitsOptions, HitsResult } from './hits.js';
export { eigenvectorCentrality } from './eigenvector.js';
export type { EigenvectorOptions, EigenvectorResult } from './eigenvector.js';
export { closenessCentrality } from './closeness.js';
export type { ClosenessOptions, ClosenessResult } from './closeness.js';
export { coreNumber } from './kcore.js';
export { betweenness, edgeBetweenness } from './betweenness.js';
export type {
  BetweennessOptions,
  BetweennessResult,
  EdgeBetweennessResult,
  PathGraph,
} from './betweenness.js';
export {
  componentLists,
  stronglyConnectedComponents,
  weaklyConnectedComponents,
} from './components.js';
export type { ComponentsResult } from './components.js';
export { cutPoints } from './cutpoints.js';
export type { CutPointsResult } from './cutpoints.js';
export { modularity } from './modularity.js';
export type { ModularityOptions } from './modularity.js';
export { louvain, splitDisconnected } from './louvain.js';
export type { LouvainOptions, LouvainResult } from './louvain.js';
export {
  adjustedRandIndex,
  normalizedMutualInformation,
  stability,
} from './partition-agreement.js';
export type { Labels, StabilityResult } from './partition-agreement.js';
export { summarizeCommunities } from './communities.js';
export type {
  Agreement,
  CommunitiesSummary,
  CommunitySummary,
  CommunitySummaryOptions,
  TopCompany,
  WeightedLabel,
} from './communities.js';
