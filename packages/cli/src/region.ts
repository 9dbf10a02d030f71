/**
 * `--region PATH` for the commands: the companies of a region, or a one-line error that names
 * the nearest regions of the dataset (the behaviour of `chainlens analyze --region`).
 */
import type { Cluster, Dataset } from '@chainlens/core';
import { clusterByRegion, regionParts } from '@chainlens/core';
import { DataError, nearest } from '@chainlens/io';

/** Every region path of the dataset and each of its prefixes (`浙江`, `浙江/宁波`, …). */
export function regionPaths(dataset: Dataset): Set<string> {
  const regions = new Set<string>();
  for (const r of dataset.companies.regions) {
    const parts = regionParts(r);
    for (let i = 1; i <= parts.length; i++) regions.add(parts.slice(0, i).join('/'));
  }
  return regions;
}

/**
 * The companies whose region lies inside `region`; a `DataError` (exit 1) suggesting up to 3
 * nearest region paths when there is none.
 */
export function regionCluster(dataset: Dataset, region: string): Cluster {
  const cluster = clusterByRegion(dataset.companies, region);
  if (cluster.members.length === 0) throw unknownRegionError(dataset, region);
  return cluster;
}

/** The error for a region with no companies, suggesting the nearest regions of the data. */
export function unknownRegionError(dataset: Dataset, region: string): DataError {
  const near = nearest(region, regionPaths(dataset), 3);
  return new DataError(
    `region '${region}' has no companies in ${dataset.name}${near.length ? ` (did you mean ${near.map((n) => `'${n}'`).join(', ')}?)` : ''}`,
  );
}
