/**
 * `chainlens metrics [dataset] [--relation TYPE…] [--seed N] [--seeds N] [--out FILE]`: the
 * per-company metrics table of DESIGN §6 on one relation view, with a readable summary (the
 * view, how each figure was computed, top companies, the communities and their stability).
 *
 * The relation view defaults to core's `defaultRelationView` (the viewer's too): observed
 * `supply` when the dataset has any, else `inferred-supply`, else every relation type (a bare
 * edge list without a `type` column is all `supply`). Betweenness runs on worker threads
 * (same values as one thread); it is exact up to 5,000 nodes and sampled from 256 seeded
 * sources above.
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import type { Dataset, MetricGraph } from '@chainlens/core';
import {
  METRIC_COLUMNS,
  buildMetricGraph,
  metricsTable,
  stability,
  summarizeCommunities,
} from '@chainlens/core';
import { guardCsvCell } from '@chainlens/io';
import type { Column } from '@chainlens/io/node';
import { MAX_DATA_ROWS, writeStreamedWorkbook } from '@chainlens/io/node';
import { Writable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import { asOfLine, inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import { checkOutputFile, openAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';

import { createProgress } from '../progress.js';
import { UsageError, msg } from '../errors.js';
import { relationName } from '../names.js';
import { relationView, runBetweenness } from '../metrics-run.js';

export interface MetricsOptions {
  /** Exit 0 although rows were rejected (the count is printed either way). */
  allowRejected?: boolean;
  relation?: string[];
  seed?: string;
  seeds?: string;
  out?: string;
  top?: string;
  quiet?: boolean;
  /** --at DATE: the dataset as of that date. */
  at?: string;
  workers?: string;
  closenessLimit?: string;
  /** --raw-csv: write text cells as they are (no formula guard). */
  rawCsv?: boolean;
}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(msg.t('cli:error.integerMin', { name, min, value }));
  }
  return n;
}

const fmt = (x: number) => (Number.isFinite(x) ? Number(x.toPrecision(6)).toString() : '');

/**
 * The metrics table as CSV (header of DESIGN §6; full precision), handed to `write` in pieces of
 * `chunk` rows: a national table (5M rows) never exists as one string or one array of rows.
 * Ids and names a spreadsheet would run as formulas get a leading `'` (`guardCsvCell`) unless
 * `raw`; the metric cells are numbers and never change.
 */
export function writeMetricsCsv(
  dataset: Dataset,
  graph: MetricGraph,
  columns: ReturnType<typeof metricsTable>['columns'],
  write: (text: string) => void,
  chunk = 20_000,
  raw = false,
): void {
  const cast = raw ? {} : { cast: { string: guardCsvCell } };
  for (let start = 0; start < graph.n || start === 0; start += chunk) {
    const rows: (string | number)[][] = [];
    for (let v = start; v < Math.min(graph.n, start + chunk); v++) {
      const c = graph.companyOf[v]!;
      rows.push([
        dataset.companies.ids[c]!,
        dataset.companies.names[c]!,
        // A column that was not computed (closeness above its limit) is NaN: an empty cell.
        ...METRIC_COLUMNS.map((col) => {
          const x = columns[col][v]!;
          return Number.isNaN(x) ? '' : x;
        }),
      ]);
    }
    write(
      stringify(rows, {
        header: start === 0,
        columns: ['id', 'name', ...METRIC_COLUMNS],
        ...cast,
      }),
    );
    if (graph.n === 0) break;
  }
}

/** Whether `--out` names an Excel workbook (`.xlsx`, any case). */
export const isXlsxPath = (path: string) => /\.xlsx$/i.test(path);

/**
 * The metrics table as an Excel workbook (one sheet, same columns as the CSV, ids as text),
 * streamed with exceljs into `file` (an `openAtomic` file): one row in memory at a time.
 */
export async function writeMetricsXlsx(
  dataset: Dataset,
  graph: MetricGraph,
  columns: ReturnType<typeof metricsTable>['columns'],
  file: { write(data: Uint8Array): void },
  tr: Translator,
): Promise<void> {
  const INTEGER = new Set(['degree_in', 'degree_out', 'core']);
  const sheetColumns: Column[] = [
    { header: tr.t('xlsx:col.id'), format: 'id' },
    { header: tr.t('xlsx:col.company'), format: 'text' },
    ...METRIC_COLUMNS.map((col): Column => ({
      header: col,
      format: INTEGER.has(col) ? 'int' : 'num',
    })),
  ];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        file.write(chunk);
        callback();
      } catch (e) {
        callback(e as Error);
      }
    },
  });
  await writeStreamedWorkbook(stream, {
    name: tr.t('xlsx:sheet.metrics'),
    columns: sheetColumns,
    rowCount: graph.n,
    row: (v) => {
      const c = graph.companyOf[v]!;
      return [
        dataset.companies.ids[c]!,
        dataset.companies.names[c]!,
        ...METRIC_COLUMNS.map((col) => columns[col][v]!),
      ];
    },
  });
}

export async function metricsCommand(
  datasetArg: string,
  options: MetricsOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const seed = integer(options.seed, 'seed', 1);
  const seeds = integer(options.seeds, 'seeds', 0);
  if (seeds === 1) throw new UsageError(msg.t('cli:error.seedsTwo'));
  const top = integer(options.top, 'top', 10);
  const workers =
    options.workers === undefined ? undefined : integer(options.workers, 'workers', 1, 1);
  const closenessLimit = integer(options.closenessLimit, 'closeness-limit', 20_000);
  // A bad --out fails here, in one line, before the dataset is read.
  if (options.out !== undefined && options.out !== '-') checkOutputFile(options.out);
  const raw = options.rawCsv ?? false;
  const path = resolveDataset(datasetArg);
  const started = performance.now();
  const progress = createProgress({ quiet: options.quiet ?? false, tr });
  // National tables are streamed (@chainlens/scale); regional ones read by io.
  const { dataset, report } = await loadDataset(path, {
    progress,
    ...(options.at !== undefined ? { at: options.at } : {}),
    tr,
    quiet: options.quiet ?? false,
    note: (line) => out.err(line),
  });
  const dated = asOfLine(dataset, tr);
  const types = relationView(dataset, options.relation);
  const graph = buildMetricGraph(dataset, { types });
  const xlsx = options.out !== undefined && isXlsxPath(options.out);
  if (xlsx && graph.n > MAX_DATA_ROWS) {
    throw new UsageError(
      msg.t('cli:error.xlsxTooManyRows', {
        file: options.out,
        companies: count(graph.n),
        max: count(MAX_DATA_ROWS),
      }),
    );
  }

  const bc = await runBetweenness(graph, seed, workers, progress, tr);
  let begun = false;
  const result = metricsTable(graph, {
    seed,
    betweenness: bc,
    exactClosenessLimit: closenessLimit,
    // Minutes at national scale: say which metric runs.
    onStep: (step, done, total) => {
      if (!begun) {
        progress.start(tr.t('cli:progress.step.metrics'), total);
        begun = true;
      }
      progress.update(done);
    },
  });
  if (begun) progress.stop();
  const elapsed = (performance.now() - started) / 1000;

  if (options.out === '-') {
    // stdout holds the CSV: the input's status goes to stderr.
    out.err(
      tr.t('cli:metrics.status', { name: dataset.name, path, status: inputStatus(report, tr) }),
    );
    if (dated) out.err(dated);
    writeMetricsCsv(
      dataset,
      graph,
      result.columns,
      (text) => out.out(text.replace(/\n$/, '')),
      undefined,
      raw,
    );
    return inputExit(report, options.allowRejected, out, tr);
  }
  if (options.out) {
    // Streamed into a temporary file renamed into place: the old file stays whole until then.
    const file = openAtomic(options.out);
    try {
      if (xlsx) await writeMetricsXlsx(dataset, graph, result.columns, file, tr);
      else
        writeMetricsCsv(dataset, graph, result.columns, (text) => file.write(text), undefined, raw);
    } catch (e) {
      file.abort();
      throw e;
    }
    file.commit();
  }

  const lines: string[] = [];
  lines.push(
    tr.t('cli:metrics.title', {
      name: dataset.name,
      path,
      types: types.map((t) => relationName(tr, t)).join(' + '),
      companies: count(graph.n),
      arcs: count(graph.arcs),
      status: inputStatus(report, tr),
    }),
  );
  if (dated) lines.push(`  ${dated}`);
  if (types.includes('inferred-supply')) lines.push(`  ${tr.t('cli:metrics.inferred')}`);
  const info = result.info;
  const bcText = info.betweenness.exact
    ? tr.t('cli:metrics.betweennessExact')
    : tr.t('cli:metrics.betweennessSampled', {
        k: info.betweenness.k,
        seed: info.betweenness.seed,
      });
  lines.push(
    `  ${tr.t('cli:metrics.pagerank', {
      iterations: info.pagerank.iterations,
      notConverged: info.pagerank.converged ? '' : tr.t('cli:metrics.notConverged'),
      betweenness: bcText,
    })}`,
    `  ${
      info.closeness.computed
        ? tr.t('cli:metrics.closenessExact')
        : tr.t('cli:metrics.closenessSkipped', {
            n: count(graph.n),
            limit: count(info.closeness.limit),
          })
    }`,
    `  ${tr.t('cli:metrics.eigenHits', {
      eigen: info.eigenvector.converged
        ? tr.t('cli:metrics.eigenConverged', { iterations: info.eigenvector.iterations })
        : tr.t('cli:metrics.eigenNotConverged'),
      hits: info.hits.converged ? tr.t('cli:metrics.hitsConverged') : tr.t('cli:metrics.hitsNot'),
    })}`,
    `  ${tr.t('cli:metrics.louvain', {
      seed: info.communities.seed,
      communities: count(info.communities.count),
      modularity: info.communities.modularity.toFixed(4),
      split: info.communities.split,
    })}`,
    `  ${tr.t('cli:metrics.finished', { s: elapsed.toFixed(1) })}${
      options.out
        ? tr.t('cli:metrics.tableWritten', { file: options.out, rows: count(graph.n) })
        : tr.t('cli:metrics.writeHint')
    }`,
  );

  const pr = result.columns.pagerank;
  const order = Array.from({ length: graph.n }, (_, v) => v).sort(
    (a, b) => pr[b]! - pr[a]! || a - b,
  );
  const c = result.columns;
  lines.push('', tr.t('cli:metrics.topTitle', { n: Math.min(top, graph.n) }));
  lines.push(
    ...table(
      [
        'id',
        'name',
        'in',
        'out',
        'pagerank',
        'reverse',
        'betweenness',
        'core',
        'community',
        'cut',
      ].map((col) => tr.t(`cli:metrics.col.${col}`)),
      order.slice(0, top).map((v) => {
        const co = graph.companyOf[v]!;
        return [
          dataset.companies.ids[co]!,
          dataset.companies.names[co]!,
          String(c.degree_in[v]),
          String(c.degree_out[v]),
          fmt(pr[v]!),
          fmt(c.pagerank_reverse[v]!),
          fmt(c.betweenness[v]!),
          String(c.core[v]),
          String(c.community[v]),
          c.articulation[v] ? tr.t('cli:metrics.yes') : '',
        ];
      }),
      [2, 3, 4, 5, 6, 7, 8],
    ),
  );

  const summary = summarizeCommunities(graph, dataset, result.columns.community as Int32Array, pr);
  const largest = [...summary.communities].sort(
    (a, b) => b.size - a.size || a.community - b.community,
  );
  const singletons = summary.communities.filter((s) => s.size === 1).length;
  lines.push(
    '',
    tr.t('cli:metrics.largest', {
      total: count(summary.communities.length),
      singletons: singletons ? tr.t('cli:metrics.singletons', { n: count(singletons) }) : '',
    }),
  );
  lines.push(
    ...table(
      ['community', 'size', 'top', 'regions', 'segments'].map((col) =>
        tr.t(`cli:metrics.col.${col}`),
      ),
      largest.slice(0, Math.min(top, 10)).map((s) => [
        String(s.community),
        count(s.size),
        s.top
          .slice(0, 3)
          .map((t) => t.name)
          .join('、'),
        s.regions.map((r) => `${r.label} ${(100 * r.share).toFixed(0)}%`).join(' '),
        s.segments
          .slice(0, 2)
          .map((r) => `${r.label} ${(100 * r.share).toFixed(0)}%`)
          .join(' '),
      ]),
      [1],
    ),
  );
  lines.push(
    `  ${tr.t('cli:metrics.agreement', {
      pnmi: summary.regionAgreement.nmi.toFixed(3),
      pari: summary.regionAgreement.ari.toFixed(3),
      n: count(summary.regionAgreement.nodes),
      snmi: summary.segmentAgreement.nmi.toFixed(3),
      sari: summary.segmentAgreement.ari.toFixed(3),
    })}`,
  );
  if (seeds >= 2) {
    const st = stability(
      graph,
      Array.from({ length: seeds }, (_, i) => seed + i),
    );
    lines.push(
      `  ${tr.t('cli:metrics.stability', {
        seeds,
        from: seed,
        to: seed + seeds - 1,
        mean: st.meanAri.toFixed(3),
        min: st.minAri.toFixed(3),
        low: Math.min(...st.modularity).toFixed(4),
        high: Math.max(...st.modularity).toFixed(4),
      })}`,
    );
  }
  for (const line of lines) out.out(line);
  return inputExit(report, options.allowRejected, out, tr);
}
