/**
 * Resolving the dataset argument: a path (folder with chainlens.json, or an edge-list CSV), or
 * the name of a dataset bundled in the repository's `datasets/` folder (`cn-listed`).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoadResult, ValidationReport } from '@chainlens/io';
import { isClean, nearest } from '@chainlens/io';
import type { Dataset, Translator } from '@chainlens/core';
import { asOf, asOfText } from '@chainlens/core';
import { parseDateOption } from './options.js';
import { CliDataError, UsageError, msg } from './errors.js';
import { EN } from './lang.js';
import { readDataset } from '@chainlens/io/node';
import type { Out } from './output.js';
import { count } from './output.js';
import type { Progress } from './progress.js';

export const DEFAULT_DATASET = 'cn-listed';

/** The repository's `datasets/` folder (found upward from this file), or undefined. */
export function bundledRoot(): string | undefined {
  if (process.env.CHAINLENS_DATASETS) return process.env.CHAINLENS_DATASETS;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'datasets')))
      return join(dir, 'datasets');
    dir = dirname(dir);
  }
  return undefined;
}

/** Names of the bundled datasets (folders with a chainlens.json). */
export function bundledDatasets(): string[] {
  const root = bundledRoot();
  if (!root) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'chainlens.json')))
    .map((d) => d.name)
    .sort();
}

export function resolveDataset(arg: string): string {
  if (existsSync(arg)) return arg;
  const root = bundledRoot();
  if (root && /^[\w.-]+$/.test(arg) && existsSync(join(root, arg, 'chainlens.json'))) {
    return relative(process.cwd(), join(root, arg)) || '.';
  }
  const names = bundledDatasets();
  const near = nearest(arg, names, 1);
  throw new CliDataError(
    msg.t('cli:error.noDataset', {
      arg,
      didYouMean: near.length ? msg.t('cli:error.didYouMean', { suggestion: `'${near[0]}'` }) : '',
      bundled: names.length ? msg.t('cli:error.bundled', { names: names.join(', ') }) : '',
    }),
  );
}

/**
 * Tables above this size (bytes, all of a folder's files together) are streamed by
 * `@chainlens/scale` (typed columns, DuckDB for CSV/Parquet) instead of io's in-memory readers:
 * `CHAINLENS_STREAM_THRESHOLD` overrides it (0 streams everything).
 */
export function streamThreshold(): number {
  const env = process.env.CHAINLENS_STREAM_THRESHOLD;
  const value = env === undefined || env === '' ? 64 * 2 ** 20 : Number(env);
  if (!Number.isFinite(value) || value < 0) {
    throw new UsageError(
      msg.t('cli:error.envBytes', { name: 'CHAINLENS_STREAM_THRESHOLD', value: env }),
    );
  }
  return value;
}

/** Whether a dataset folder is large enough (or Parquet) to be streamed. */
function wantsStreaming(path: string, threshold: number): boolean {
  if (!existsSync(path) || !statSync(path).isDirectory()) return false;
  if (!existsSync(join(path, 'chainlens.json'))) return false;
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (!entry.isFile()) continue;
    if (/\.parquet$/i.test(entry.name)) return true;
    total += statSync(join(path, entry.name)).size;
  }
  return total > threshold;
}

/** Bytes as MiB or GiB, one decimal. */
export function byteSize(bytes: number): string {
  return bytes >= 2 ** 30
    ? `${(bytes / 2 ** 30).toFixed(1)} GiB`
    : `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}

export interface LoadOptions {
  progress?: Progress;
  /** Language of the lines about the prepared form [English]. */
  tr?: Translator;
  /** No line when the prepared form is read (a stale one is always reported). */
  quiet?: boolean;
  /** Where the lines about the prepared form go [stderr]. */
  note?: (line: string) => void;
  /** Read the tables even when a fresh prepared form exists (`chainlens prepare` itself). */
  tablesOnly?: boolean;
  /** `--at`: the dataset as of this date (YYYY-MM-DD, YYYY-MM or YYYY) [all rows]. */
  at?: string;
}

/**
 * Reads a dataset: the prepared form of a folder (`chainlens prepare`, @chainlens/scale
 * prepared.ts) when it is there and its files have not changed, else io's `readDataset` for
 * regional data and `@chainlens/scale`'s streaming ingest (imported only then) for national
 * tables, with the same validation report. `progress` reports rows read per table with an
 * estimate of time left; a line on stderr says when the prepared form was read, or why not.
 */
export async function loadDataset(
  path: string,
  options: LoadOptions = {},
): Promise<LoadResult & { streamed: boolean }> {
  // A bad --at fails before the dataset is read.
  const at = options.at === undefined ? undefined : parseDateOption(options.at, 'at');
  const tr = options.tr ?? EN;
  const note = options.note ?? ((line: string) => process.stderr.write(`${line}\n`));
  const isFolder = existsSync(path) && statSync(path).isDirectory();
  if (!options.tablesOnly && isFolder && existsSync(join(path, '.chainlens', 'prepared.bin'))) {
    const { readPrepared, preparedPath } = await import('@chainlens/scale/prepared');
    const started = performance.now();
    const read = readPrepared(path);
    const file = preparedPath(path);
    if (read.state === 'fresh') {
      if (!options.quiet)
        note(
          tr.t('prepare:used', {
            file,
            size: byteSize(read.bytes),
            files: count(read.files),
            seconds: ((performance.now() - started) / 1000).toFixed(1),
          }),
        );
      const result = { ...read.result, streamed: true };
      return at === undefined ? result : { ...result, dataset: asOf(result.dataset, at) };
    }
    if (read.state === 'stale') {
      const reason = tr.t(`prepare:reason.${read.change}`, { changed: read.file });
      note(tr.t('prepare:stale', { file, reason, dir: path }));
    } else if (read.state === 'old-format') {
      note(tr.t('prepare:oldFormat', { file, dir: path }));
    }
  }
  const threshold = streamThreshold();
  let result: LoadResult & { streamed: boolean };
  if (!wantsStreaming(path, threshold)) result = { ...readDataset(path), streamed: false };
  else {
    const { readDatasetAuto } = await import('@chainlens/scale');
    const read = await readDatasetAuto(path, {
      threshold,
      ...(options.progress ? { progress: options.progress } : {}),
    });
    result = { ...read, streamed: true };
  }
  return at === undefined ? result : { ...result, dataset: asOf(result.dataset, at) };
}

/** The line saying which date a dataset is as of (`--at`), or undefined when it is not dated. */
export function asOfLine(dataset: Dataset, tr: Translator): string | undefined {
  const text = asOfText(dataset.asOf, tr);
  return text === undefined
    ? undefined
    : tr.t('cli:asOf', { text, companies: count(dataset.companies.ids.length) });
}

/**
 * What a command says of its input in its first line (issue 14: nothing lost, nothing hidden):
 * `every row accepted`, or the rows rejected, those never read (a file that stopped part way)
 * among them, and the files not read at all.
 */
export function inputStatus(report: ValidationReport, tr: Translator = EN): string {
  if (isClean(report)) {
    return report.warnings
      ? tr.t('cli:status.okWarnings', { warnings: count(report.warnings) })
      : tr.t('cli:status.ok');
  }
  const rejected = report.tables.reduce((n, t) => n + t.rejected, 0);
  const unread = report.tables.reduce((n, t) => n + (t.unread ?? 0), 0);
  const stopped = report.tables.filter((t) => t.failed).map((t) => t.file);
  const parts = [
    unread > 0
      ? tr.t('cli:status.rejectedUnread', { rejected: count(rejected), unread: count(unread) })
      : tr.t('cli:status.rejected', { rejected: count(rejected) }),
  ];
  if (stopped.length > 0)
    parts.push(
      tr.t('cli:status.stopped', {
        count: stopped.length,
        files: stopped.join(', '),
      }),
    );
  if (rejected === 0 && stopped.length === 0)
    parts[0] = tr.t('cli:status.errors', { errors: count(report.errors) });
  return tr.t('cli:status.problems', { problems: parts.join(tr.t('cli:status.and')) });
}

/**
 * The exit status a command ends with for its input: 1 when rows were rejected or a file was
 * not read to its end, unless `--allow-rejected` (the count is printed either way).
 */
export function inputExit(
  report: ValidationReport,
  allowRejected: boolean | undefined,
  out: Out,
  tr: Translator = EN,
): number {
  if (isClean(report) || allowRejected) return 0;
  out.err(`chainlens: ${tr.t('cli:status.leftOut', { status: inputStatus(report, tr) })}`);
  return 1;
}
