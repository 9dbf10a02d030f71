/**
 * Counts that describe a dataset: what `chainlens analyze` prints first and what a report's
 * `dataset` block holds. Every figure is a plain count of the validated tables.
 */
import { regionParts } from './cluster.js';
import type { Dataset, RelationType } from './types.js';
import { RELATION_TYPES } from './types.js';

export interface RegionCount {
  region: string;
  companies: number;
}

export interface TemplateSummary {
  id: string;
  name: string;
  segments: number;
  feeds: number;
  byStage: { upstream: number; midstream: number; downstream: number };
}

export interface DatasetSummary {
  name: string;
  companies: number;
  /** Companies with a region path, and with one at least two levels deep (province/city). */
  companiesWithRegion: number;
  companiesWithCity: number;
  /** Companies per first-level region (province, country), most first; ties by name. */
  topLevelRegions: RegionCount[];
  relations: number;
  relationsByType: Record<RelationType, number>;
  memberships: number;
  /** Memberships whose share is given (the rest are unknown, not zero). */
  membershipsWithShare: number;
  /** Companies with at least one membership. */
  companiesWithMembership: number;
  /** Distinct segment / product names that memberships use. */
  membershipItems: number;
  templates: TemplateSummary[];
  products: number;
  productLinks: number;
}

export function summarizeDataset(dataset: Dataset): DatasetSummary {
  const { companies, memberships, relations } = dataset;
  let withRegion = 0;
  let withCity = 0;
  const byTop = new Map<string, number>();
  for (const region of companies.regions) {
    const parts = regionParts(region);
    if (parts.length === 0) continue;
    withRegion++;
    if (parts.length >= 2) withCity++;
    byTop.set(parts[0]!, (byTop.get(parts[0]!) ?? 0) + 1);
  }
  const topLevelRegions = [...byTop]
    .map(([region, count]) => ({ region, companies: count }))
    .sort((a, b) => b.companies - a.companies || (a.region < b.region ? -1 : 1));

  const relationsByType = Object.fromEntries(RELATION_TYPES.map((t) => [t, 0])) as Record<
    RelationType,
    number
  >;
  for (let r = 0; r < relations.type.length; r++)
    relationsByType[RELATION_TYPES[relations.type[r]!]!]++;

  let withShare = 0;
  for (const s of memberships.share) if (!Number.isNaN(s)) withShare++;

  return {
    name: dataset.name,
    companies: companies.ids.length,
    companiesWithRegion: withRegion,
    companiesWithCity: withCity,
    topLevelRegions,
    relations: relations.source.length,
    relationsByType,
    memberships: memberships.company.length,
    membershipsWithShare: withShare,
    companiesWithMembership: new Set(memberships.company).size,
    membershipItems: new Set(memberships.segment).size,
    templates: dataset.templates.map((t) => ({
      id: t.id,
      name: t.name,
      segments: t.segments.length,
      feeds: t.feeds.length,
      byStage: {
        upstream: t.segments.filter((s) => s.stage === 'upstream').length,
        midstream: t.segments.filter((s) => s.stage === 'midstream').length,
        downstream: t.segments.filter((s) => s.stage === 'downstream').length,
      },
    })),
    products: dataset.products?.ids.length ?? 0,
    productLinks: dataset.productLinks?.source.length ?? 0,
  };
}
