/**
 * What the metric commands share (`metrics`, `export`, `analyze --community`): the relation
 * view of a dataset and the betweenness run on worker threads with a progress bar.
 */
import type { Dataset, MetricGraph, RelationType } from '@chainlens/core';
import { RELATION_TYPES, isRelationType, metricsTableBetweennessPlan } from '@chainlens/core';
import { nearest } from '@chainlens/io';
import { betweennessParallel } from '@chainlens/scale/parallel';
import { UsageError } from './errors.js';
import type { Progress } from './progress.js';

/** The relation types of the view: the ones asked for, or the default of the module notes. */
export function relationView(dataset: Dataset, asked: string[] | undefined): RelationType[] {
  if (asked && asked.length > 0) {
    const types = asked.flatMap((a) => a.split(',')).map((a) => a.trim());
    for (const t of types) {
      if (!isRelationType(t)) {
        const near = nearest(t, [...RELATION_TYPES], 1);
        throw new UsageError(
          `unknown relation type '${t}'${near.length ? ` (did you mean '${near[0]}'?)` : ''}; known: ${RELATION_TYPES.join(', ')}`,
        );
      }
    }
    return [...new Set(types)] as RelationType[];
  }
  const present = new Set<number>(dataset.relations.type);
  for (const t of ['supply', 'inferred-supply'] as const) {
    if (present.has(RELATION_TYPES.indexOf(t))) return [t];
  }
  return [...RELATION_TYPES];
}

/** Betweenness of `graph` as `metricsTable` plans it, on worker threads, with a progress bar. */
export async function runBetweenness(
  graph: MetricGraph,
  seed: number,
  workers: number | undefined,
  progress: Progress,
) {
  const plan = metricsTableBetweennessPlan(graph, { seed });
  const label = plan.k === undefined ? 'betweenness (exact)' : `betweenness (k=${plan.k})`;
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
