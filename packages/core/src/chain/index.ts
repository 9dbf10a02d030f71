/**
 * @chainlens/core/chain: Chain analysis: membership, context, completeness, concentration, weak links, missing roles,
 * leaders (链主企业), targets (补链招商目标), cascades, criticality, dominators, resilience,
 * what-if, comparison and template extraction.
 */
export { ANALYZE_DEFAULTS, resolveAnalyzeDefaults, resolveDefaults } from './defaults.js';
export type { AnalyzeParameterOptions, AnalyzeParameters } from './defaults.js';
export { chainStructure } from './structure.js';
export type { ChainStructure } from './structure.js';
export { heldShare, segmentMembership, segmentsOf } from './membership.js';
export type { HeldShare, MembershipOptions, SegmentMembership } from './membership.js';
export { chainContext, chainFirms, isInferredRelation, wholeSupply } from './context.js';
export type { ChainContext, ChainContextOptions } from './context.js';
export {
  completeness,
  completenessFigure,
  completenessFromCounts,
  localSupplyRatio,
} from './completeness.js';
export type {
  Completeness,
  CompletenessOptions,
  LocalSupplyRatio,
  StageCompleteness,
} from './completeness.js';
export { concentration } from './concentration.js';
export type { Concentration } from './concentration.js';
export { localSupplyView } from './local-view.js';
export type { LocalScope, LocalView, LocalViewOptions } from './local-view.js';
export { missingDirection, segmentSupplyOrigins, segmentTable } from './segments.js';
export type {
  MissingDirection,
  SegmentRow,
  SegmentSupplyOrigin,
  SegmentTableOptions,
  WeakReason,
} from './segments.js';
export { weakLinks } from './weak-links.js';
export type { WeakLink, WeakLinkOptions } from './weak-links.js';
export { inputGaps, missingRoles } from './missing-roles.js';
export type { InputGap, MissingRole } from './missing-roles.js';
export { LEADER_DEFAULTS, leaders } from './leaders.js';
export type {
  Leader,
  LeaderBasis,
  LeaderComponents,
  LeaderHolding,
  LeaderOptions,
} from './leaders.js';
export { portfolio, targets, targetsMaybeLocal } from './targets.js';
export type {
  Portfolio,
  PortfolioObjective,
  PortfolioOptions,
  PortfolioPick,
  Target,
  TargetComponents,
  TargetOptions,
  TargetStrength,
} from './targets.js';
export { relatedSegments, segmentProximity } from './related.js';
export type { RelatedOptions, RelatedSegment } from './related.js';
export {
  CascadeState,
  cascade,
  cascadeModel,
  clusterSupplyProvenance,
  companyIndices,
  compareIds,
  describeFailures,
} from './cascade.js';
export type {
  CascadeFailure,
  CascadeModel,
  CascadeOptions,
  CascadeParameters,
  CascadeResult,
  SupplyEdgeProvenance,
} from './cascade.js';
export { COMPLETENESS_MEASURES, cascadeModelOf, checkMeasure, criticality } from './criticality.js';
export type {
  CompletenessDrops,
  CompletenessMeasure,
  CriticalCompany,
  CriticalityOptions,
  CriticalityResult,
} from './criticality.js';
export { dominatorTree, supplyDominators } from './dominators.js';
export type {
  DominatorEntry,
  DominatorOptions,
  DominatorRoots,
  DominatorTree,
  DominatorsResult,
} from './dominators.js';
export { removalCurve, resilience, robustness, targetedOrder } from './resilience.js';
export type { ResilienceCentrality, ResilienceOptions, ResilienceResult } from './resilience.js';
export { whatIf } from './what-if.js';
export type {
  SegmentChange,
  SegmentFigures,
  WhatIfAddition,
  WhatIfChange,
  WhatIfResult,
} from './what-if.js';
export { chainsOfRegion, compareRegions } from './compare.js';
export type { ChainStrength, CompareOptions, RegionCompleteness } from './compare.js';
export { compareCoverage } from './compare-coverage.js';
export type { ChainCoverage, CompareCoverage, SupplyLinkCounts } from './compare-coverage.js';
export { UnknownProductError, extractTemplate, suggestProducts } from './extract.js';
export type { ExtractOptions } from './extract.js';
export type { SegmentStatus, WeakLinkKind } from './kinds.js';
