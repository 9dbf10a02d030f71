/**
 * @chainlens/core: the engine. Pure TypeScript with no Node-only APIs, so it runs in Node and
 * in the browser alike.
 */
export * from './graph/types.js';
export * from './graph/compact.js';
export * from './graph/cluster.js';
export * from './graph/graphology.js';
export * from './graph/summary.js';
export * from './graph/template.js';
export * from './graph/snapshot.js';
export * from './metrics/random.js';
export * from './metrics/degree.js';
export * from './metrics/pagerank.js';
export * from './metrics/hits.js';
export * from './metrics/eigenvector.js';
export * from './metrics/closeness.js';
export * from './metrics/kcore.js';
export * from './metrics/betweenness.js';
export * from './metrics/components.js';
export * from './metrics/cutpoints.js';
export * from './metrics/modularity.js';
export * from './metrics/louvain.js';
export * from './metrics/partition-agreement.js';
export * from './metrics/communities.js';
export * from './chain/structure.js';
export * from './chain/membership.js';
export * from './chain/context.js';
export * from './chain/completeness.js';
export * from './chain/concentration.js';
export * from './chain/local-view.js';
export * from './chain/segments.js';
export * from './chain/weak-links.js';
export * from './chain/missing-roles.js';
export * from './chain/leaders.js';
export * from './chain/targets.js';
export * from './chain/related.js';
export * from './chain/cascade.js';
export * from './chain/criticality.js';
export * from './chain/dominators.js';
export * from './chain/resilience.js';
export * from './chain/what-if.js';
export * from './report/metrics-table.js';
export * from './chain/compare.js';
export * from './chain/extract.js';
export * from './report/types.js';
export * from './report/render/index.js';
