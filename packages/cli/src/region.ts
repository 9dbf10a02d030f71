/**
 * `--region PATH` for the commands: the companies of a region, or a one-line error that names
 * the nearest regions of the dataset (the behaviour of `chainlens analyze --region`).
 */
import type { Cluster, Dataset } from '@chainlens/core';
import { clusterByRegion, regionParts } from '@chainlens/core';
import { nearest } from '@chainlens/io';
import type { Message } from './errors.js';
import { CliDataError, msg } from './errors.js';

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
export function unknownRegionError(dataset: Dataset, region: string): CliDataError {
  const near = nearest(region, regionPaths(dataset), 3);
  return new CliDataError(noRegionMessage(dataset.name, region, near));
}

/** "region 'X' has no companies in D (did you mean 'A', 'B'?)". */
export function noRegionMessage(name: string, region: string, near: readonly string[]): Message {
  return msg.t('cli:error.noRegion', {
    region,
    name,
    didYouMean: near.length
      ? msg.t('cli:error.didYouMean', { suggestion: near.map((n) => `'${n}'`).join(', ') })
      : '',
  });
}
