/**
 * @chainlens/core/graph: Graphs: the canonical dataset, the compact and graphology views, relation views, templates and snapshots.
 */
export {
  PRODUCT_LINK_TYPES,
  RELATION_TYPES,
  STAGES,
  companyCount,
  companyIndex,
  emptyMemberships,
  isRelationType,
  relationTypeCode,
  setOwn,
} from './types.js';
export type {
  AsOfInfo,
  AttributeColumns,
  ChainSegment,
  ChainTemplate,
  CompanyTable,
  Dataset,
  MembershipTable,
  ProductLinkTable,
  ProductLinkType,
  ProductTable,
  RelationTable,
  RelationType,
  Stage,
} from './types.js';
export { canonicalDataset, isCanonical } from './canonical.js';
export { buildCompactGraph, inDegree, inducedCompactGraph, outDegree } from './compact.js';
export type { CompactGraph, GraphView } from './compact.js';
export {
  clusterByCommunity,
  clusterByIds,
  clusterByRegion,
  clusterRegion,
  normalizeRegion,
  regionParts,
  regionWithin,
} from './cluster.js';
export type { Cluster, ListCluster } from './cluster.js';
export { toGraphology } from './graphology.js';
export type { ChainGraph, CompanyNodeAttributes, RelationEdgeAttributes } from './graphology.js';
export { summarizeDataset } from './summary.js';
export type { DatasetSummary, RegionCount, TemplateSummary } from './summary.js';
export { defaultRelationView, relationTypesPresent } from './relation-view.js';
export { checkTemplate, itemInSegment, matchesInclude, segmentsForItem } from './template.js';
export type { TemplateProblem } from './template.js';
export { buildMetricGraph, metricGraphFromArcs, metricGraphFromCompact } from './snapshot.js';
export type { Adjacency, MetricGraph, SnapshotOptions } from './snapshot.js';
