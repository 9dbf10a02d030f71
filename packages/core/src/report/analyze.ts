/**
 * `analyze()`: the one call that runs a whole chain analysis of a cluster against a template
 * and returns report.json (schemaVersion 1, DESIGN §6). The CLI writes it, report.md / .html
 * render it and the viewer's panel shows it: none of them computes a figure of its own.
 *
 * Every figure comes from the chain functions in packages/core/src/chain (one context, one
 * cascade model, shared by all), so the report agrees with what-if and with `compare`. The
 * report holds no timing or path, so the same data, parameters and seed give byte-identical
 * JSON.
 */
import type { Cluster } from '../graph/cluster.js';
import { inducedCompactGraph } from '../graph/compact.js';
import { metricGraphFromCompact } from '../graph/snapshot.js';
import type { ChainTemplate, Dataset, RelationType, Stage } from '../graph/types.js';
import { RELATION_TYPES, STAGES, companyIndex } from '../graph/types.js';
import { louvain } from '../metrics/louvain.js';
import type { CascadeOptions } from '../chain/cascade.js';
import { cascadeModel, clusterSupplyProvenance } from '../chain/cascade.js';
import { companyLabel } from '../chain/common.js';
import { completeness, localSupplyRatio } from '../chain/completeness.js';
import { chainContext, chainFirms } from '../chain/context.js';
import { criticality } from '../chain/criticality.js';
import { supplyDominators } from '../chain/dominators.js';
import { leaders } from '../chain/leaders.js';
import { heldShare } from '../chain/membership.js';
import { compareCoverage } from '../chain/compare-coverage.js';
import { compareRegions } from '../chain/compare.js';
import { clusterRegion, regionParts } from '../graph/cluster.js';
import { inputGaps, missingRoles } from '../chain/missing-roles.js';
import { relatedSegments } from '../chain/related.js';
import type { ResilienceCentrality } from '../chain/resilience.js';
import { resilience } from '../chain/resilience.js';
import { segmentTable } from '../chain/segments.js';
import { resolveAnalyzeDefaults } from '../chain/defaults.js';
import { chainStructure } from '../chain/structure.js';
import type { Target } from '../chain/targets.js';
import { portfolio, targets, targetsMaybeLocal } from '../chain/targets.js';
import { weakLinks } from '../chain/weak-links.js';
import type { ChainReport, CompanyRef } from './types.js';
import { REPORT_SCHEMA_VERSION } from './types.js';

export const CHAINLENS_VERSION = '0.1.0';

/**
 * What `analyze()` takes. Every parameter left out takes its value from `ANALYZE_DEFAULTS`
 * (chain/defaults.ts, the one home of the defaults written in brackets below).
 */
export interface AnalyzeOptions {
  /** The companies under study. */
  cluster: Cluster;
  /** The chain template to judge them against. */
  template: ChainTemplate;
  /** `seed` number [1]: seed of the random resilience order and of Louvain. */
  seed?: number;
  /**
   * `minShare` number [0.05]: the least known revenue share with which a company holds a segment
   * (lines without a revenue figure are kept and marked); chain/membership.ts.
   */
  minShare?: number;
  /** `redundancy` number [2]: r of K_red (a segment needs r firms to count as fully covered). */
  redundancy?: number;
  /** `hhiThreshold` number [0.25]: τ, the HHI above which a segment is concentrated. */
  hhiThreshold?: number;
  /** `theta` number [1]: θ, substitutability threshold of the cascade (1 = all suppliers of an input must fail). */
  theta?: number;
  /** `nonEssential` string[] [none]: feeds `from→to` whose loss does not fail a firm. */
  nonEssential?: string[];
  /** `supplyTypes` RelationType[] [supply, inferred-supply]: relations that count as supply. */
  supplyTypes?: RelationType[];
  /** `resilienceOrder` ResilienceCentrality ['degree']: the targeted removal order (static, ties by id). */
  resilienceOrder?: ResilienceCentrality;
  /** `resilienceRuns` number [10]: random orders averaged for the random curve. */
  resilienceRuns?: number;
  /** List sizes: `leaders` [20], `targets` [20], `critical` [20], `portfolio` [5], `related` [10]. */
  limits?: Partial<{
    leaders: number;
    targets: number;
    critical: number;
    portfolio: number;
    related: number;
  }>;
  /** `onStep` (step, done, total) => void [none]: progress, called before each step. */
  onStep?: (step: string, done: number, total: number) => void;
}

const STEPS = [
  'context',
  'completeness',
  'segments',
  'weak links',
  'missing roles',
  'leaders',
  'targets',
  'criticality',
  'resilience',
  'communities',
] as const;

/** Runs the whole chain analysis of `options.cluster` against `options.template`. */
export function analyze(dataset: Dataset, options: AnalyzeOptions): ChainReport {
  // The one place the defaults are applied (ANALYZE_DEFAULTS); resolved values go down.
  const p = resolveAnalyzeDefaults(options);
  const { seed, redundancy, hhiThreshold, theta, resilienceOrder, limits } = p;
  let done = 0;
  const step = (name: (typeof STEPS)[number]) => options.onStep?.(name, done++, STEPS.length);

  step('context');
  const structure = chainStructure(options.template);
  const ctx = chainContext(dataset, structure, options.cluster, {
    supplyTypes: [...p.supplyTypes],
    minShare: p.minShare,
  });
  const label = (id: string): CompanyRef => {
    const c = companyIndexOf(dataset, id);
    return companyLabel(dataset, c);
  };

  step('completeness');
  const k = completeness(ctx, { redundancy });
  const lsr = localSupplyRatio(ctx);

  step('segments');
  const segments = segmentTable(ctx, { hhiThreshold });

  step('weak links');
  const weak = weakLinks(ctx, { hhiThreshold });

  step('missing roles');
  const missing = missingRoles(ctx);
  const gaps = inputGaps(ctx);

  step('leaders');
  const lead = leaders(ctx, { limit: limits.leaders });

  step('targets');
  const targetRows = targets(ctx, { hhiThreshold, redundancy, limit: limits.targets });
  const maybeLocal = targetsMaybeLocal(ctx, { hhiThreshold, redundancy, limit: limits.targets });
  const picks = portfolio(ctx, limits.portfolio, { hhiThreshold, redundancy });
  const related = relatedSegments(ctx).slice(0, limits.related);

  step('criticality');
  const cascadeOptions: CascadeOptions = {
    theta,
    redundancy,
    nonEssential: p.nonEssential,
  };
  const model = cascadeModel(ctx, cascadeOptions);
  const crit = criticality(model, { measure: 'redundancy' });
  const dominators = supplyDominators(ctx);

  step('resilience');
  const res = resilience(model, {
    seed,
    centrality: resilienceOrder,
    measure: 'redundancy',
    runs: p.resilienceRuns,
  });

  step('communities');
  // The cluster's supply view from the context's supply graph (the same graph as
  // buildMetricGraph(dataset, { types: supplyTypes, nodes }), without a pass over every relation).
  const clusterGraph = metricGraphFromCompact(
    inducedCompactGraph(ctx.supply, options.cluster.members),
  );
  const communities = louvain(clusterGraph, { seed });
  options.onStep?.('done', STEPS.length, STEPS.length);

  // What the figures rest on (coverage): companies left out for want of a region at the
  // cluster's level, chain memberships of the cluster held on lines without a revenue figure.
  const region = clusterRegion(options.cluster);
  const level = region === null ? 1 : Math.max(1, regionParts(region).length);
  const datasetCoverage = compareCoverage(dataset, { level, membership: ctx.membership });
  let clusterMemberships = 0;
  let clusterUnknown = 0;
  for (let s = 0; s < structure.size; s++) {
    const members = ctx.membership.members[s]!;
    const unknown = ctx.membership.unknown[s]!;
    for (let i = 0; i < members.length; i++) {
      if (!ctx.inCluster[members[i]!]) continue;
      clusterMemberships++;
      clusterUnknown += unknown[i]!;
    }
  }
  const clusterSupply = clusterSupplyProvenance(ctx);
  // Every province's completeness in the chain (the figures `compare --template` ranks), on the
  // report's membership and redundancy r, for the map of the cluster among regions.
  const provinces = compareRegions(dataset, structure, {
    level: 1,
    sortBy: 'redundancy',
    redundancy,
    membership: ctx.membership,
  });

  const relationsByType = Object.fromEntries(RELATION_TYPES.map((t) => [t, 0])) as Record<
    RelationType,
    number
  >;
  for (const code of dataset.relations.type) relationsByType[RELATION_TYPES[code]!]++;
  const byStage = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  for (const s of structure.stages) byStage[s]++;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'chainlens', version: CHAINLENS_VERSION },
    parameters: {
      seed,
      minShare: ctx.membership.minShare,
      redundancy,
      hhiThreshold,
      theta,
      nonEssential: [...p.nonEssential],
      supplyTypes: [...p.supplyTypes],
      resilienceOrder,
      resilienceRuns: res.runs,
      resilienceMeasure: res.measure,
      criticalityMeasure: crit.measure,
      limits: { ...limits },
    },
    dataset: {
      name: dataset.name,
      companies: dataset.companies.ids.length,
      relations: dataset.relations.source.length,
      relationsByType,
      memberships: dataset.memberships.company.length,
      ...(dataset.asOf ? { asOf: dataset.asOf } : {}),
    },
    cluster: {
      id: options.cluster.id,
      companies: options.cluster.members.length,
      chainCompanies: chainFirms(ctx).length,
      matchedItems: ctx.membership.matchedItems,
    },
    template: {
      id: options.template.id,
      name: options.template.name,
      ...(options.template.description ? { description: options.template.description } : {}),
      segments: structure.size,
      feeds: structure.feeds.length,
      byStage,
      feedList: options.template.feeds.map(([a, b]) => [a, b] as [string, string]),
    },
    completeness: {
      coverage: k.coverage,
      redundancy: k.redundancy,
      link: k.link,
      path: k.path,
      localSupplyRatio: lsr.byValue,
      localSupply: lsr,
      paths: k.paths,
      feeds: k.feeds,
      segments: k.segments,
      byStage: k.byStage,
    },
    segments: segments.map((s) => ({
      id: s.id,
      name: s.name,
      stage: s.stage,
      weight: s.weight,
      companies: s.companies,
      hhi: s.hhi,
      effective: s.effective,
      imputedShares: s.imputed,
      status: s.status,
      reasons: s.reasons,
      members: s.localCompanies.map((id) => {
        const c = companyIndexOf(dataset, id);
        const held = heldShare(ctx.membership, structure.index.get(s.id)!, c)!;
        return { ...companyLabel(dataset, c), share: held.share, shareUnknown: held.shareUnknown };
      }),
      supply: s.supply,
    })),
    weakLinks: weak.map((w) => ({ ...w })),
    missingRoles: missing.map((m) => ({ ...m })),
    inputGaps: gaps,
    leaders: lead.map((l) => ({
      company: l.company,
      name: l.name,
      region: l.region,
      score: l.score,
      components: { ...l.components },
      raw: { ...l.raw },
      holdings: l.holdings.map((h) => ({ ...h })),
      basis: { ...l.basis },
      localSupplyEdges: l.localSupplyEdges,
      inferredEdges: l.inferredEdges,
    })),
    targets: targetRows.map(targetRow),
    targetsMaybeLocal: maybeLocal.map(targetRow),
    portfolio: picks,
    related,
    critical: crit.companies.slice(0, limits.critical).map((c) => ({
      ...label(c.company),
      completenessDrop: c.completenessDrop,
      drops: c.drops,
      cutOff: c.cutOff,
    })),
    dominators: {
      roots: dominators.roots,
      rootCount: dominators.rootCount,
      size: dominators.size,
      unreachable: dominators.unreachable.length,
      top: dominators.companies
        .filter((d) => d.dominated > 0)
        .slice(0, limits.critical)
        .map((d) => ({
          ...label(d.company),
          dominated: d.dominated,
          chainDominated: d.chainDominated,
        })),
    },
    resilience: {
      random: res.random,
      targeted: res.targeted,
      R: res.R,
      q: res.q,
      firms: res.firms,
      measure: res.measure,
      centrality: res.centrality,
      runs: res.runs,
      seed: res.seed,
    },
    communities: {
      count: communities.count,
      modularity: communities.modularity,
      seed: communities.seed,
      split: communities.split,
      relationTypes: [...p.supplyTypes],
    },
    coverage: {
      minShare: ctx.membership.minShare,
      dataset: datasetCoverage,
      cluster: {
        chainMemberships: clusterMemberships,
        unknownShareMemberships: clusterUnknown,
        supplyLinks: { observed: clusterSupply.observed, inferred: clusterSupply.inferred },
      },
    },
    regions: {
      level: 1,
      figure: 'redundancy',
      rows: provinces.map((r) => ({
        region: r.region,
        rank: r.rank,
        companies: r.companies,
        chainCompanies: r.chainCompanies,
        coverage: r.completeness.coverage,
        redundancy: r.completeness.redundancy,
        link: r.completeness.link,
        path: r.completeness.path,
      })),
    },
    provenance: {
      clusterSupply,
      cascade: model.provenance,
      localSupply: { edges: lsr.edges, inferred: lsr.inferredEdges },
      // inferred-supply relations are derived from products (B makes an input of what A makes),
      // not observed supply; the renderers say so in the reader's language.
      inferredBasis: 'product-inputs',
    },
  };
}

function targetRow(t: Target) {
  return {
    company: t.company,
    name: t.name,
    region: t.region,
    location: t.location,
    segment: t.segment,
    share: t.share,
    status: t.status,
    role: t.role,
    segments: t.segments,
    score: t.score,
    components: { ...t.components },
    shares: t.shares,
    linksByType: { ...t.linksByType },
  };
}

function companyIndexOf(dataset: Dataset, id: string): number {
  const c = companyIndex(dataset.companies).get(id);
  if (c === undefined) throw new RangeError(`unknown company id '${id}'`);
  return c;
}
