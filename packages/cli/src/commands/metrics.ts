/**
 * `chainlens metrics [dataset] [--relation TYPE…] [--seed N] [--seeds N] [--out FILE]`: the
 * per-company metrics table of DESIGN §6 on one relation view, with a readable summary (the
 * view, how each figure was computed, top companies, the communities and their stability).
 *
 * The relation view defaults to observed `supply` when the dataset has any, else
 * `inferred-supply`, else every relation type present (a bare edge list without a `type` column
 * is all `supply`). Betweenness runs on worker threads
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
import { stringify } from 'csv-stringify/sync';
import { inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import { checkOutputFile, openAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';

import { createProgress } from '../progress.js';
import { UsageError } from '../errors.js';
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
  workers?: string;
  closenessLimit?: string;
  /** --raw-csv: write text cells as they are (no formula guard). */
  rawCsv?: boolean;
}

function integer(value: string | undefined, name: string, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(`--${name} must be an integer ≥ ${min}, got '${value}'`);
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

export async function metricsCommand(
  datasetArg: string,
  options: MetricsOptions,
  out: Out,
  _tr: Translator = EN,
): Promise<number> {
  const seed = integer(options.seed, 'seed', 1);
  const seeds = integer(options.seeds, 'seeds', 0);
  if (seeds === 1) throw new UsageError('--seeds needs at least 2 (it compares partitions)');
  const top = integer(options.top, 'top', 10);
  const workers =
    options.workers === undefined ? undefined : integer(options.workers, 'workers', 1, 1);
  const closenessLimit = integer(options.closenessLimit, 'closeness-limit', 20_000);
  // A bad --out fails here, in one line, before the dataset is read.
  if (options.out !== undefined && options.out !== '-') checkOutputFile(options.out);
  const raw = options.rawCsv ?? false;
  const path = resolveDataset(datasetArg);
  const started = performance.now();
  const progress = createProgress({ quiet: options.quiet ?? false });
  // National tables are streamed (@chainlens/scale); regional ones read by io.
  const { dataset, report } = await loadDataset(path, { progress });
  const types = relationView(dataset, options.relation);
  const graph = buildMetricGraph(dataset, { types });

  const bc = await runBetweenness(graph, seed, workers, progress);
  let begun = false;
  const result = metricsTable(graph, {
    seed,
    betweenness: bc,
    exactClosenessLimit: closenessLimit,
    // Minutes at national scale: say which metric runs.
    onStep: (step, done, total) => {
      if (!begun) {
        progress.start('metrics', total);
        begun = true;
      }
      progress.update(done);
    },
  });
  if (begun) progress.stop();
  const elapsed = (performance.now() - started) / 1000;

  if (options.out === '-') {
    // stdout holds the CSV: the input's status goes to stderr.
    out.err(`Metrics of ${dataset.name} (${path}): ${inputStatus(report)}`);
    writeMetricsCsv(
      dataset,
      graph,
      result.columns,
      (text) => out.out(text.replace(/\n$/, '')),
      undefined,
      raw,
    );
    return inputExit(report, options.allowRejected, out);
  }
  if (options.out) {
    // Streamed into a temporary file renamed into place: the old file stays whole until then.
    const file = openAtomic(options.out);
    try {
      writeMetricsCsv(dataset, graph, result.columns, (text) => file.write(text), undefined, raw);
    } catch (e) {
      file.abort();
      throw e;
    }
    file.commit();
  }

  const lines: string[] = [];
  lines.push(
    `Metrics of ${dataset.name} (${path}) on ${types.join(' + ')} relations: ${count(graph.n)} companies, ${count(graph.arcs)} distinct arcs (parallel arcs merged); ${inputStatus(report)}`,
  );
  if (types.includes('inferred-supply')) {
    lines.push(
      '  Inferred supply is derived from products, not observed: read ranks as potential ties.',
    );
  }
  const info = result.info;
  const bcText = info.betweenness.exact
    ? 'exact (Brandes)'
    : `sampled from k=${info.betweenness.k} sources, seed ${info.betweenness.seed}, scaled n/k`;
  lines.push(
    `  PageRank: α 0.85, weighted, ${info.pagerank.iterations} iterations${info.pagerank.converged ? '' : ' (NOT converged)'}; betweenness: ${bcText}, directed, normalised as NetworkX;`,
    info.closeness.computed
      ? '  closeness and harmonic: exact, on incoming distances (Wasserman–Faust);'
      : `  closeness and harmonic NOT computed: ${count(graph.n)} companies > --closeness-limit ${count(info.closeness.limit)} (a BFS from every company, O(n·(n+m))); their cells are empty;`,
    `  eigenvector ${info.eigenvector.converged ? `converged in ${info.eigenvector.iterations} iterations` : 'did not converge (an acyclic supply graph has no dominant eigenvector: the column holds the last iterate, not a centrality)'}; HITS ${info.hits.converged ? 'converged' : 'did not converge'}.`,
    `  Louvain (seed ${info.communities.seed}, undirected projection): ${count(info.communities.count)} communities, modularity ${info.communities.modularity.toFixed(4)}, ${info.communities.split} disconnected communities split.`,
    `  Finished in ${elapsed.toFixed(1)} s.${options.out ? ` Table written to ${options.out} (${count(graph.n)} rows).` : ' Write the whole table with --out metrics.csv.'}`,
  );

  const pr = result.columns.pagerank;
  const order = Array.from({ length: graph.n }, (_, v) => v).sort(
    (a, b) => pr[b]! - pr[a]! || a - b,
  );
  const c = result.columns;
  lines.push('', `Top ${Math.min(top, graph.n)} by PageRank (downstream pull)`);
  lines.push(
    ...table(
      ['id', 'name', 'in', 'out', 'pagerank', 'reverse', 'betweenness', 'core', 'community', 'cut'],
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
          c.articulation[v] ? 'yes' : '',
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
    `Largest communities (of ${count(summary.communities.length)}${singletons ? `, ${count(singletons)} of them single companies with no tie in this view` : ''})`,
  );
  lines.push(
    ...table(
      ['community', 'size', 'top companies', 'regions', 'segments'],
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
    `  Agreement with provinces: NMI ${summary.regionAgreement.nmi.toFixed(3)}, ARI ${summary.regionAgreement.ari.toFixed(3)} (${count(summary.regionAgreement.nodes)} companies with a region); with main segment: NMI ${summary.segmentAgreement.nmi.toFixed(3)}, ARI ${summary.segmentAgreement.ari.toFixed(3)}.`,
  );
  if (seeds >= 2) {
    const st = stability(
      graph,
      Array.from({ length: seeds }, (_, i) => seed + i),
    );
    lines.push(
      `  Stability over ${seeds} seeds (${seed}..${seed + seeds - 1}): mean pairwise ARI ${st.meanAri.toFixed(3)}, lowest ${st.minAri.toFixed(3)}; modularity ${Math.min(...st.modularity).toFixed(4)}–${Math.max(...st.modularity).toFixed(4)}.`,
    );
  }
  for (const line of lines) out.out(line);
  return inputExit(report, options.allowRejected, out);
}
