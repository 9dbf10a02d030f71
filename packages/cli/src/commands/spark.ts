/**
 * `chainlens spark <dataset> --master URL
 * --out DIR [--packages …] [--conf k=v…]` (docs/spark.md): the global per-company columns
 * computed on Apache Spark. The bundle, the job's submission and the join-back live in
 * @chainlens/scale (bundle.ts, spark-submit.ts, spark-results.ts) and the job in spark/; this file
 * only reads the options, prints and writes.
 *
 * `spark` writes DIR/bundle/ (nodes.parquet, edges.parquet, job.json), DIR/results/ (one Parquet
 * folder per algorithm, manifest.json) and DIR/metrics.csv: `id,name,pagerank,pagerank_reverse,
 * core,component,community_lpa`, the columns of `chainlens metrics` for what Spark computes (same
 * names and values) plus the component and the label propagation community. The relation view is
 * `chainlens metrics`'s (core's `defaultRelationView` unless `--relation`).
 */
import { join, resolve } from 'node:path';
import type { Translator } from '@chainlens/core';
import { guardCsvCell } from '@chainlens/io';
import type { BundleWritten, SparkColumn, SparkEvent } from '@chainlens/scale';
import { SparkMissing, readSparkResults, sparkEnvironment, sparkSubmit } from '@chainlens/scale';
import { stringify } from 'csv-stringify/sync';
import { EN } from '../lang.js';
import { loadDataset, resolveDataset } from '../datasets.js';
import { openAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count } from '../output.js';
import { CliDataError, UsageError, msg } from '../errors.js';
import { relationView } from '../metrics-run.js';
import { bundleOf, printBundle, seconds, seedOf } from '../spark-bundle.js';

export interface SparkOptions {
  master: string;
  out?: string;
  packages?: string[];
  conf?: string[];
  relation?: string[];
  seed?: string;
  quiet?: boolean;
}

/** `chainlens spark DATASET --master URL --out DIR`. */
export async function sparkCommand(
  datasetArg: string,
  options: SparkOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  if (options.out === undefined || options.out.trim() === '') {
    throw new UsageError(msg.t('spark:error.out'));
  }
  for (const c of options.conf ?? []) {
    if (!/^[^=\s]+=/.test(c)) throw new UsageError(msg.t('spark:error.conf', { value: c }));
  }
  const seed = seedOf(options.seed);
  const note = (line: string) => {
    if (!options.quiet) process.stderr.write(`${line}\n`);
  };
  let spark;
  try {
    spark = sparkEnvironment();
  } catch (e) {
    if (!(e instanceof SparkMissing)) throw e;
    throw new CliDataError(
      msg.t('spark:error.missing', {
        what: msg.t(`spark:error.what.${e.what}`),
        detail: e.detail,
        install: e.install,
      }),
    );
  }
  note(tr.t('spark:progress.environment', { ...spark, python: spark.python }));

  const dir = resolve(options.out);
  const bundle = join(dir, 'bundle');
  const results = join(dir, 'results');
  const { dataset } = await loadDataset(resolveDataset(datasetArg));
  const types = relationView(dataset, options.relation);
  note(tr.t('spark:progress.bundle'));
  const written = await bundleOf(dataset, types, bundle, seed);
  printBundle(written, types, out, tr);

  note(tr.t('spark:progress.submit', { master: options.master }));
  let lastAlgorithm = '';
  const submitted = await sparkSubmit(spark, {
    bundle,
    results,
    master: options.master,
    ...(options.packages ? { packages: options.packages } : {}),
    ...(options.conf ? { conf: options.conf } : {}),
    onEvent: (event: SparkEvent) => {
      if (event.event === 'started') out.out(`  ${tr.t('spark:progress.ui', { ui: event.ui })}`);
      else if (event.event === 'loaded') {
        note(
          tr.t('spark:progress.loaded', {
            nodes: count(Number(event.nodes)),
            edges: count(Number(event.edges)),
          }),
        );
      } else if (event.event === 'iteration') {
        const first = event.algorithm !== lastAlgorithm;
        lastAlgorithm = String(event.algorithm);
        if (first || Number(event.iteration) % 10 === 0) {
          note(
            tr.t('spark:progress.algorithm', {
              algorithm: event.algorithm,
              iteration: event.iteration,
              change: Number(event.change).toPrecision(3),
            }),
          );
        }
      } else if (event.event === 'written') {
        note(tr.t('spark:progress.written', { algorithm: event.algorithm }));
      }
    },
  });
  if (submitted.code !== 0) {
    throw new CliDataError(
      msg.t('spark:error.failed', {
        code: submitted.code,
        s: seconds(submitted.seconds),
        tail: submitted.stderrTail.slice(-12).join('\n'),
      }),
    );
  }

  note(tr.t('spark:progress.join'));
  const csvPath = join(dir, 'metrics.csv');
  const file = openAtomic(csvPath);
  let header = true;
  let joined;
  const summary = { components: new Map<number, number>(), lpa: new Set<number>(), core: 0 };
  try {
    joined = await readSparkResults(bundle, results, (rows, columns) => {
      const at = (r: { values: (number | null)[] }, c: SparkColumn) =>
        columns.includes(c) ? r.values[columns.indexOf(c)] : null;
      for (const r of rows) {
        const core = at(r, 'core');
        const component = at(r, 'component');
        const lpa = at(r, 'community_lpa');
        if (component !== null && component !== undefined) {
          summary.components.set(component, (summary.components.get(component) ?? 0) + 1);
        }
        if (lpa !== null && lpa !== undefined) summary.lpa.add(lpa);
        if (core !== null && core !== undefined) summary.core = Math.max(summary.core, core);
      }
      file.write(
        Buffer.from(
          stringify(
            rows.map((r) => [r.id, r.name, ...r.values.map((v) => v ?? '')]),
            {
              header,
              columns: ['id', 'name', ...columns],
              cast: { string: guardCsvCell },
            },
          ),
        ),
      );
      header = false;
    });
    file.commit();
  } catch (e) {
    file.abort();
    throw e;
  }
  printSummary(written, joined, summary, submitted, options.master, out, tr);
  out.out(
    `  ${tr.t('spark:done.wrote', {
      file: csvPath,
      columns: ['id', 'name', ...joined.columns].join(','),
      manifest: join(results, 'manifest.json'),
    })}`,
  );
  return 0;
}

interface AlgorithmRun {
  iterations: number;
  finalChange: number;
  converged: boolean;
}

function printSummary(
  written: BundleWritten,
  joined: Awaited<ReturnType<typeof readSparkResults>>,
  summary: { components: Map<number, number>; lpa: Set<number>; core: number },
  submitted: { seconds: number },
  master: string,
  out: Out,
  tr: Translator,
) {
  const { job } = written;
  const runs = (joined.manifest.algorithms ?? {}) as Record<string, AlgorithmRun>;
  out.out(
    tr.t('spark:done.title', {
      name: job.dataset,
      master,
      nodes: count(job.nodes),
      edges: count(job.edges),
    }),
  );
  const pr = runs.pagerank;
  const prr = runs.pagerank_reverse;
  if (pr && prr) {
    out.out(
      `  ${tr.t('spark:done.pagerank', {
        alpha: job.pagerank.alpha,
        iterations: pr.iterations,
        change: pr.finalChange.toExponential(2),
        tol: job.pagerank.tol,
        iterationsReverse: prr.iterations,
      })}`,
    );
  }
  if (summary.components.size > 0) {
    out.out(
      `  ${tr.t('spark:done.components', {
        count: count(summary.components.size),
        largest: count([...summary.components.values()].reduce((a, b) => Math.max(a, b), 0)),
      })}`,
    );
  }
  if (runs.core) out.out(`  ${tr.t('spark:done.core', { max: summary.core })}`);
  const lp = runs.label_propagation;
  if (lp) {
    out.out(
      `  ${tr.t('spark:done.lpa', {
        seed: job.labelPropagation.seed,
        count: count(summary.lpa.size),
        iterations: lp.iterations,
        converged: lp.converged
          ? ''
          : tr.t('spark:done.lpaNotConverged', { changed: count(lp.finalChange) }),
      })}`,
    );
  }
  out.out(
    `  ${tr.t('spark:done.timing', {
      bundle: seconds(written.seconds),
      spark: seconds(submitted.seconds),
      job: seconds(Number(joined.manifest.seconds ?? 0)),
      join: seconds(joined.seconds),
    })}`,
  );
}
