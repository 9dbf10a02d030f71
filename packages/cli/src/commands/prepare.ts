/**
 * `chainlens prepare DIR`: reads a dataset folder once (io or the streaming ingest, as every
 * command would) and writes its checked tables as typed columns to DIR/.chainlens/prepared.bin
 * (@chainlens/scale prepared.ts), which `analyze`, `compare` and `metrics` then read in seconds
 * (datasets.ts `loadDataset`) as long as the folder's files have not changed.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Translator } from '@chainlens/core';
import { sourceStamps, writePrepared } from '@chainlens/scale/prepared';
import { byteSize, inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import { UsageError, msg } from '../errors.js';
import { EN } from '../lang.js';
import type { Out } from '../output.js';
import { count } from '../output.js';
import { createProgress } from '../progress.js';

export interface PrepareOptions {
  quiet?: boolean;
  allowRejected?: boolean;
}

export async function prepareCommand(
  datasetArg: string,
  options: PrepareOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const path = resolveDataset(datasetArg);
  if (!statSync(path).isDirectory() || !existsSync(join(path, 'chainlens.json')))
    throw new UsageError(msg.t('prepare:notFolder', { path }));
  const started = performance.now();
  // Stamped before reading: a file changed while it is read makes the result stale next time.
  const stamps = sourceStamps(path);
  const loaded = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false, tr }),
    tablesOnly: true,
  });
  const read = performance.now();
  const { path: file, bytes } = writePrepared(path, loaded, stamps);
  const done = performance.now();
  const { dataset, report } = loaded;
  out.out(
    tr.t('prepare:done', {
      name: dataset.name,
      status: inputStatus(report, tr),
      companies: count(dataset.companies.ids.length),
      relations: count(dataset.relations.source.length),
      memberships: count(dataset.memberships.company.length),
      file,
      size: byteSize(bytes),
      seconds: ((done - started) / 1000).toFixed(1),
      read: ((read - started) / 1000).toFixed(1),
      write: ((done - read) / 1000).toFixed(1),
    }),
  );
  out.out(tr.t('prepare:stamps', { files: count(stamps.length) }));
  return inputExit(report, options.allowRejected, out, tr);
}
