/**
 * Clusters: the set of companies under study. A cluster is a sorted array of company indices
 * that a `GraphView` takes as `nodes`; it can come from a region prefix, a community
 * assignment, or an explicit list of ids.
 */
import type { CompanyTable } from './types.js';
import { companyIndex } from './types.js';

export interface Cluster {
  /** Stable id of the cluster, e.g. `region:浙江/绍兴` or `community:3` or `list`. */
  id: string;
  /** Sorted company indices. */
  members: Int32Array;
}

/** Splits a region path into its trimmed, non-empty parts (`' 浙江/绍兴/ '` → `['浙江','绍兴']`). */
export function regionParts(region: string): string[] {
  return region
    .split('/')
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

/** The region path of a region cluster (`region:浙江/宁波` → `浙江/宁波`); null for any other cluster. */
export function clusterRegion(cluster: Cluster): string | null {
  return cluster.id.startsWith('region:') ? cluster.id.slice('region:'.length) : null;
}

/** Normalises a region path: trimmed parts joined by `/`. */
export function normalizeRegion(region: string): string {
  return regionParts(region).join('/');
}

/**
 * True when `region` lies inside `prefix`, comparing whole path parts: `浙江/绍兴/柯桥` is
 * inside `浙江` and `浙江/绍兴`, but `浙江省` is not inside `浙江`. The empty prefix holds all.
 */
export function regionWithin(region: string, prefix: string): boolean {
  const r = regionParts(region);
  const p = regionParts(prefix);
  if (p.length > r.length) return false;
  return p.every((part, i) => r[i] === part);
}

/** The companies whose region lies inside `prefix` (see `regionWithin`). */
export function clusterByRegion(companies: CompanyTable, prefix: string): Cluster {
  const members: number[] = [];
  const p = normalizeRegion(prefix);
  companies.regions.forEach((region, i) => {
    if (region !== '' && regionWithin(region, p)) members.push(i);
  });
  return { id: `region:${p}`, members: Int32Array.from(members) };
}

/** The companies assigned to `community` in a per-company assignment (−1 = none). */
export function clusterByCommunity(assignment: ArrayLike<number>, community: number): Cluster {
  const members: number[] = [];
  for (let i = 0; i < assignment.length; i++) if (assignment[i] === community) members.push(i);
  return { id: `community:${community}`, members: Int32Array.from(members) };
}

export interface ListCluster extends Cluster {
  /** Ids of the list that name no company, in list order (reported, not dropped silently). */
  unknownIds: string[];
}

/** The companies named in a list of ids; duplicates are merged, unknown ids returned. */
export function clusterByIds(
  companies: CompanyTable,
  ids: Iterable<string>,
  id = 'list',
): ListCluster {
  const index = companyIndex(companies);
  const seen = new Set<number>();
  const unknownIds: string[] = [];
  for (const raw of ids) {
    const key = raw.trim();
    const i = index.get(key);
    if (i === undefined) unknownIds.push(key);
    else seen.add(i);
  }
  return { id, members: Int32Array.from([...seen]).sort(), unknownIds };
}
