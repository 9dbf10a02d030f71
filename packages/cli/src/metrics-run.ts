/**
 * What the metric commands share (`metrics`, `export`, `analyze --community`): the relation
 * view of a dataset and the betweenness run on worker threads with a progress bar.
 */
import type { Dataset, MetricGraph, RelationType, Translator } from '@chainlens/core';
import {
  EN,
  RELATION_TYPES,
  defaultRelationView,
  isRelationType,
  metricsTableBetweennessPlan,
  relationTypesPresent,
} from '@chainlens/core';
import { nearest } from '@chainlens/io';
import { betweennessParallel } from '@chainlens/scale/parallel';
import { UsageError, msg } from './errors.js';
import type { Progress } from './progress.js';

/** The relation types of the view: the ones asked for, or core's `defaultRelationView`. */
export function relationView(dataset: Dataset, asked: string[] | undefined): RelationType[] {
  if (asked && asked.length > 0) {
    const types = asked.flatMap((a) => a.split(',')).map((a) => a.trim());
    for (const type of types) {
      if (!isRelationType(type)) {
        const near = nearest(type, [...RELATION_TYPES], 1);
        throw new UsageError(
          msg.t('cli:error.unknownRelation', {
            type,
            didYouMean: near.length
              ? msg.t('cli:error.didYouMean', { suggestion: `'${near[0]}'` })
              : '',
            known: RELATION_TYPES.join(', '),
          }),
        );
      }
    }
    return [...new Set(types)] as RelationType[];
  }
  return defaultRelationView(relationTypesPresent(dataset.relations.type));
}

/** Betweenness of `graph` as `metricsTable` plans it, on worker threads, with a progress bar. */
export async function runBetweenness(
  graph: MetricGraph,
  seed: number,
  workers: number | undefined,
  progress: Progress,
  tr: Translator = EN,
) {
  const plan = metricsTableBetweennessPlan(graph, { seed });
  const label =
    plan.k === undefined
      ? tr.t('cli:progress.betweennessExact')
      : tr.t('cli:progress.betweennessSampled', { k: plan.k });
  let started = false;
  const result = await betweennessParallel(graph, {
    ...(plan.k === undefined ? {} : { k: plan.k, seed: plan.seed }),
    ...(workers === undefined ? {} : { workers }),
    onSlice: (done, total) => {
      if (!started) {
        progress.start(label, total);
        started = true;
      }
      progress.update(done);
    },
  });
  if (started) progress.stop();
  return result;
}
