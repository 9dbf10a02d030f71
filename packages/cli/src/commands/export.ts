/**
 * `chainlens export <dataset> --to gexf|graphml|csv|arrow --out FILE [--relation TYPE…]
 * [--region PATH] [--seed N] [--no-metrics]`: the graph of a dataset view, with company and
 * relation attributes, the per-company metrics of `chainlens metrics` and the Louvain community
 * of each company, in a file that Gephi (GEXF), Cytoscape (GraphML) or a dataframe library (CSV,
 * Arrow) opens. docs/export.md describes the formats and columns.
 *
 * The view takes every relation type unless `--relation` narrows it (unlike `chainlens metrics`,
 * whose default is the one supply view): an export hands the whole graph on, each edge with its
 * `type`, so that nothing is left out silently and the reader can filter by type; the metrics
 * are computed on the same edges as the file holds, so the two agree.
 *
 * CSV and Arrow write two tables: `--out graph.csv` writes `graph.nodes.csv` and
 * `graph.edges.csv`; `--out DIR/` (or an existing folder) writes `DIR/nodes.csv` and
 * `DIR/edges.csv`.
 *
 * `--to bundle --out DIR` writes the Spark bundle (nodes.parquet, edges.parquet, job.json;
 * commands/spark.ts, docs/spark.md) of the metrics view instead.
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { existsSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import type { Dataset } from '@chainlens/core';
import { RELATION_TYPES, buildMetricGraph, metricsTable } from '@chainlens/core';
import type { ExportGraph, ExportGraphOptions } from '@chainlens/io';
import {
  buildExportGraph,
  countXmlInvalid,
  exportArrowMetadata,
  exportTableArrow,
  exportTableCsv,
  graphmlNotes,
  nearest,
  toGexf,
  toGraphml,
} from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { resolveDataset } from '../datasets.js';
import { checkOutputFile, writeFileAtomic, writeFilesTogether } from '../files.js';
import type { Out } from '../output.js';
import { count } from '../output.js';
import { createProgress } from '../progress.js';
import { regionCluster } from '../region.js';
import { CliDataError, UsageError, msg } from '../errors.js';
import { relationName } from '../names.js';
import { relationView, runBetweenness } from '../metrics-run.js';
import { exportBundle } from '../spark-bundle.js';

export const EXPORT_FORMATS = ['gexf', 'graphml', 'csv', 'arrow', 'bundle'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportOptions {
  to?: string;
  out?: string;
  relation?: string[];
  region?: string;
  seed?: string;
  /** false with --no-metrics. */
  metrics?: boolean;
  workers?: string;
  quiet?: boolean;
  /** --raw-csv: write text cells as they are (no formula guard). */
  rawCsv?: boolean;
}

const EXTENSIONS: Record<string, ExportFormat> = {
  '.gexf': 'gexf',
  '.graphml': 'graphml',
  '.xml': 'graphml',
  '.csv': 'csv',
  '.arrow': 'arrow',
  '.feather': 'arrow',
};

function integer(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) {
    throw new UsageError(msg.t('cli:error.integerMin', { name, min, value }));
  }
  return n;
}

/** The format asked for, or the one the --out extension names. */
export function exportFormat(to: string | undefined, out: string | undefined): ExportFormat {
  if (to === undefined) {
    const byExtension = out === undefined ? undefined : EXTENSIONS[extname(out).toLowerCase()];
    if (byExtension) return byExtension;
    throw new UsageError(msg.t('cli:error.exportChoose', { formats: EXPORT_FORMATS.join('|') }));
  }
  const format = to.trim().toLowerCase();
  if ((EXPORT_FORMATS as readonly string[]).includes(format)) return format as ExportFormat;
  const near = nearest(format, EXPORT_FORMATS, 1);
  throw new UsageError(
    msg.t('cli:error.exportUnknown', {
      format: to,
      didYouMean: near.length ? msg.t('cli:error.didYouMean', { suggestion: `'${near[0]}'` }) : '',
      known: EXPORT_FORMATS.join(', '),
    }),
  );
}

/**
 * The files an export writes: FILE for GEXF and GraphML; for CSV and Arrow a nodes and an
 * edges file beside FILE (its extension replaced) or inside FILE when it is a folder.
 */
export function exportPaths(format: ExportFormat, out: string): { nodes: string; edges?: string } {
  if (format === 'gexf' || format === 'graphml') return { nodes: out };
  const ext = format === 'csv' ? '.csv' : '.arrow';
  if (/[\\/]$/.test(out) || (existsSync(out) && statSync(out).isDirectory())) {
    return { nodes: join(out, `nodes${ext}`), edges: join(out, `edges${ext}`) };
  }
  const base = out.replace(/(\.(nodes|edges))?\.(csv|arrow|feather)$/i, '');
  return { nodes: `${base}.nodes${ext}`, edges: `${base}.edges${ext}` };
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} kB`;

/** Values that hold characters XML 1.0 forbids (written as U+FFFD in GEXF and GraphML). */
function invalidXmlValues(graph: ExportGraph, tr: Translator): { values: number; first?: string } {
  let values = 0;
  let first: string | undefined;
  for (const [table, label] of [
    [graph.nodes, tr.t('cli:export.xmlCompany')],
    [graph.edges, tr.t('cli:export.xmlRelation')],
  ] as const) {
    const ids = table.columns[0]!.values as readonly string[];
    for (const c of table.columns) {
      if (c.type !== 'string') continue;
      c.values.forEach((v, i) => {
        if (countXmlInvalid(v) === 0) return;
        values++;
        first ??= `${label} ${ids[i]}, ${c.name}`;
      });
    }
  }
  return { values, first };
}

/** The one-line reason an empty view has nothing to export. */
function emptyReason(dataset: Dataset, types: readonly string[], region?: string) {
  const present = RELATION_TYPES.map((t, code) => ({
    t,
    n: dataset.relations.type.reduce((a, x) => a + (x === code ? 1 : 0), 0),
  })).filter((x) => x.n > 0);
  return msg.t('cli:export.empty', {
    what:
      types.length === RELATION_TYPES.length
        ? msg.t('cli:export.emptyAny')
        : msg.t('cli:export.emptyTypes', { types: types.join(' or ') }),
    where: region
      ? msg.t('cli:export.emptyRegion', { region })
      : msg.t('cli:export.emptyDataset', { name: dataset.name }),
    name: dataset.name,
    has: present.length
      ? present.map((p) => `${p.t} ${count(p.n)}`).join(', ')
      : msg.t('cli:export.noRelations'),
    hint: region ? msg.t('cli:export.emptyHint') : '',
  });
}

export async function exportCommand(
  datasetArg: string,
  options: ExportOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const format = exportFormat(options.to, options.out);
  if (options.out === undefined || options.out.trim() === '') {
    throw new UsageError(
      msg.t('cli:error.exportOut', { format: format.toUpperCase(), ext: format }),
    );
  }
  if (format === 'bundle')
    return exportBundle(datasetArg, { ...options, out: options.out }, out, tr);
  const paths = exportPaths(format, options.out);
  checkOutputFile(paths.nodes);
  if (paths.edges) checkOutputFile(paths.edges);
  const seed = integer(options.seed, 'seed', 1, 0);
  const workers =
    options.workers === undefined ? undefined : integer(options.workers, 'workers', 1, 1);
  const withMetrics = options.metrics !== false;

  const started = performance.now();
  const path = resolveDataset(datasetArg);
  const { dataset } = readDataset(path);
  // Every relation type unless --relation narrows the view (see the module notes).
  const types = relationView(dataset, options.relation ?? [...RELATION_TYPES]);
  if (dataset.companies.ids.length === 0) {
    throw new CliDataError(msg.t('cli:export.noCompanies', { name: dataset.name, path }));
  }
  const cluster = options.region === undefined ? undefined : regionCluster(dataset, options.region);
  const view = { types, ...(cluster ? { nodes: cluster.members } : {}) };

  let metrics: ExportGraphOptions['metrics'];
  if (withMetrics) {
    const graph = buildMetricGraph(dataset, view);
    if (graph.arcs === 0) throw new CliDataError(emptyReason(dataset, types, options.region));
    const progress = createProgress({ quiet: options.quiet ?? false, tr });
    const bc = await runBetweenness(graph, seed, workers, progress, tr);
    metrics = { graph, table: metricsTable(graph, { seed, betweenness: bc }) };
  }
  const graph = buildExportGraph(dataset, {
    ...view,
    ...(options.region === undefined ? {} : { region: options.region }),
    ...(metrics ? { metrics } : {}),
  });
  if (graph.edges.rows === 0) throw new CliDataError(emptyReason(dataset, types, options.region));

  const written: string[] = [];
  const notes = [...graph.notes];
  if (format === 'gexf' || format === 'graphml') {
    const text = format === 'gexf' ? toGexf(graph) : toGraphml(graph);
    written.push(`${paths.nodes} (${size(writeFileAtomic(paths.nodes, text))})`);
    if (format === 'graphml') notes.push(...graphmlNotes(graph));
    const invalid = invalidXmlValues(graph, tr);
    if (invalid.values > 0) {
      notes.push(
        tr.t('cli:export.xmlInvalid', {
          count: invalid.values,
          n: count(invalid.values),
          first: invalid.first,
        }),
      );
    }
  } else {
    const edges = paths.edges!;
    const nodeData =
      format === 'csv'
        ? exportTableCsv(graph.nodes, { raw: options.rawCsv ?? false })
        : exportTableArrow(graph.nodes, exportArrowMetadata(graph, 'nodes'));
    const edgeData =
      format === 'csv'
        ? exportTableCsv(graph.edges, { raw: options.rawCsv ?? false })
        : exportTableArrow(graph.edges, exportArrowMetadata(graph, 'edges'));
    // Both files as one unit: no new nodes file beside an old edges file.
    const [nodeBytes, edgeBytes] = writeFilesTogether([
      [paths.nodes, nodeData],
      [edges, edgeData],
    ]);
    written.push(`${paths.nodes} (${size(nodeBytes!)})`);
    written.push(`${edges} (${size(edgeBytes!)})`);
  }

  const byType = new Map<string, number>();
  for (const t of graph.edges.columns.find((c) => c.name === 'type')!.values as string[])
    byType.set(t, (byType.get(t) ?? 0) + 1);
  const elapsed = (performance.now() - started) / 1000;
  const formatName =
    format === 'gexf'
      ? 'GEXF 1.2'
      : format === 'graphml'
        ? 'GraphML'
        : format === 'csv'
          ? 'CSV'
          : 'Arrow IPC';
  out.out(
    tr.t('cli:export.done', {
      name: dataset.name,
      region: options.region ? tr.t('cli:export.region', { region: options.region }) : '',
      view:
        types.length === RELATION_TYPES.length
          ? tr.t('cli:export.everyType')
          : tr.t('cli:export.types', { types: types.map((t) => relationName(tr, t)).join(' + ') }),
      format: formatName,
      companies: tr.t('cli:export.companies', {
        count: graph.nodes.rows,
        n: count(graph.nodes.rows),
      }),
      relations: tr.t('cli:export.relations', {
        count: graph.edges.rows,
        n: count(graph.edges.rows),
      }),
      byType: [...byType].map(([t, n]) => `${relationName(tr, t)} ${count(n)}`).join(', '),
    }),
  );
  if (byType.has('inferred-supply')) out.out(`  ${tr.t('cli:export.inferred')}`);
  const nodeColumns = graph.nodes.columns.length;
  const edgeColumns = graph.edges.columns.length;
  if (metrics) {
    const info = metrics.table.info;
    out.out(
      `  ${tr.t('cli:export.columnsMetrics', {
        nodeColumns,
        edgeColumns,
        betweenness: info.betweenness.exact
          ? tr.t('cli:export.exact')
          : tr.t('cli:export.sampled', { k: info.betweenness.k }),
        seed: info.communities.seed,
        communities: count(info.communities.count),
        modularity: info.communities.modularity.toFixed(4),
      })}`,
    );
  } else {
    out.out(`  ${tr.t('cli:export.columnsNoMetrics', { nodeColumns, edgeColumns })}`);
  }
  for (const note of notes) out.out(`  ${tr.t('cli:export.note', { note })}`);
  out.out(
    `  ${tr.t('cli:export.wrote', { files: written.join(tr.t('cli:export.and')), s: elapsed.toFixed(1) })}`,
  );
  out.out(
    `  ${tr.t(
      format === 'gexf'
        ? 'cli:export.openGexf'
        : format === 'graphml'
          ? 'cli:export.openGraphml'
          : 'cli:export.openTables',
    )}`,
  );
  return 0;
}
