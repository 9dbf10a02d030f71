/**
 * The Spark bundle of a dataset for the CLI: `chainlens export DATASET --to bundle --out DIR` and
 * the first step of `chainlens spark` (commands/spark.ts). The bundle itself is
 * @chainlens/scale's `writeBundle` (docs/spark.md); here the options are read and the summary
 * printed.
 */
import type { Dataset, RelationType, Translator } from '@chainlens/core';
import type { BundleWritten } from '@chainlens/scale';
import { BUNDLE_DEFAULTS, writeBundle } from '@chainlens/scale';
import { EN } from './lang.js';
import { loadDataset, resolveDataset } from './datasets.js';
import type { Out } from './output.js';
import { count } from './output.js';
import { CliDataError, UsageError, msg } from './errors.js';
import { relationName } from './names.js';
import { relationView } from './metrics-run.js';

export const seconds = (s: number) => s.toFixed(1);

/** Writes the bundle of a dataset's metrics view, or says why there is nothing to write. */
export async function bundleOf(
  dataset: Dataset,
  types: RelationType[],
  dir: string,
  seed: number,
): Promise<BundleWritten> {
  const written = await writeBundle(dataset, dir, {
    types,
    labelPropagation: { seed },
  });
  if (written.job.edges === 0) {
    throw new CliDataError(
      msg.t('spark:bundle.empty', { name: dataset.name, types: types.join(', ') }),
    );
  }
  return written;
}

export function seedOf(value: string | undefined): number {
  const fallback = BUNDLE_DEFAULTS.labelPropagation.seed;
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) {
    throw new UsageError(msg.t('cli:error.integerMin', { name: 'seed', min: 0, value }));
  }
  return n;
}

/** `chainlens export DATASET --to bundle --out DIR`. */
export async function exportBundle(
  datasetArg: string,
  options: { out: string; relation?: string[]; region?: string; seed?: string },
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  if (options.region !== undefined) throw new UsageError(msg.t('spark:bundle.noRegion'));
  const { dataset } = await loadDataset(resolveDataset(datasetArg));
  const types = relationView(dataset, options.relation);
  const written = await bundleOf(dataset, types, options.out, seedOf(options.seed));
  printBundle(written, types, out, tr);
  out.out(`  ${tr.t('spark:bundle.files', { files: written.files.join(', ') })}`);
  out.out(`  ${tr.t('spark:bundle.next', { dir: options.out })}`);
  return 0;
}

export function printBundle(
  written: BundleWritten,
  types: RelationType[],
  out: Out,
  tr: Translator,
) {
  out.out(
    tr.t('spark:bundle.done', {
      name: written.job.dataset,
      types: types.map((t) => relationName(tr, t)).join(' + '),
      nodes: count(written.job.nodes),
      edges: count(written.job.edges),
      s: seconds(written.seconds),
    }),
  );
}
