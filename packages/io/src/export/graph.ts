/**
 * The graph that `chainlens export` writes, as two typed tables (nodes and edges) that every
 * export format (GEXF, GraphML, CSV, Arrow) is written from, so that the four agree column for
 * column:
 *
 * - nodes, one row per company of the view, in ascending company index: `id`, `name`,
 *   `region`, every extra company column, the membership summary (`main_segment`, `main_share`,
 *   `memberships`) and, when metrics are given, the columns of core's `metricsTable`
 *   (`METRIC_COLUMNS`, community id included);
 * - edges, one row per relation of the view (parallel relations kept, one row each), in the
 *   order of the dataset's relation table: `id` (`r` + the relation's row), `source`, `target`
 *   (company ids), `type` (`supply`, `inferred-supply`, …), `weight` and every extra relation
 *   column (e.g. `paths`, `via`).
 *
 * Missing values: an empty string (string columns) or NaN (double columns); each format writes
 * them as its own "no value" (no attvalue / data element, an empty CSV cell, an Arrow null).
 */
import type { Dataset, MetricGraph, MetricsTable, RelationType } from '@chainlens/core';
import {
  METRIC_COLUMNS,
  RELATION_TYPES,
  buildCompactGraph,
  relationTypeCode,
} from '@chainlens/core';

/** Types of exported columns, as GEXF names them (GraphML: `int` for integer). */
export type ExportType = 'string' | 'double' | 'integer' | 'boolean';

/** One column of an export table; `values` has one entry per row. */
export type ExportColumn =
  /** `''` = no value. */
  | { name: string; type: 'string'; values: readonly string[] }
  /** NaN = no value. */
  | { name: string; type: 'double'; values: ArrayLike<number> }
  | { name: string; type: 'integer'; values: ArrayLike<number> }
  /** 0 = false, anything else = true. */
  | { name: string; type: 'boolean'; values: ArrayLike<number> };

export interface ExportTable {
  rows: number;
  columns: ExportColumn[];
}

export interface ExportGraph {
  /** A short title: dataset, region and relation types. */
  title: string;
  /** How the graph and its metrics were made (view, metric conventions), for file metadata. */
  description: string;
  /** Node table; its first columns are `id`, `name`, `region`. */
  nodes: ExportTable;
  /** Edge table; its first columns are `id`, `source`, `target`, `type`, `weight`. */
  edges: ExportTable;
  /** Data columns renamed because their name is taken by a computed column, one line each. */
  notes: string[];
  /** How the graph is drawn (the viewer's export), written as GEXF viz elements; none by default. */
  viz?: ExportViz;
}

/**
 * The drawing of an export graph, one entry per node / edge row (GEXF `viz:` elements). Colours
 * as CSS writes them: `#rgb`, `#rrggbb`, `rgb(r, g, b)` or `rgba(r, g, b, a)`.
 */
export interface ExportViz {
  nodes?: readonly { color?: string; size?: number; x?: number; y?: number }[];
  edges?: readonly { color?: string; thickness?: number }[];
}

export interface ExportGraphOptions {
  /** `types` RelationType[] [every type]: relation types of the view. */
  types?: readonly RelationType[];
  /** `nodes` ArrayLike<number> [every company]: company indices of the view (a cluster). */
  nodes?: ArrayLike<number>;
  /** `region` string [none]: the region the nodes were chosen by, for the title. */
  region?: string;
  /**
   * `metrics` { graph, table } [none]: core's `metricsTable` computed on `buildMetricGraph`
   * of this same view (same types and nodes); its columns are appended to the node table.
   */
  metrics?: { graph: MetricGraph; table: MetricsTable };
}

/** Node columns the export computes or fixes; a data column with one of these names is renamed. */
const NODE_RESERVED = [
  'id',
  'name',
  'label',
  'region',
  'main_segment',
  'main_share',
  'memberships',
];
/** Edge columns the export fixes. */
const EDGE_RESERVED = ['id', 'source', 'target', 'type', 'weight', 'label'];

function columnType(values: ArrayLike<number>): ExportType {
  if (values instanceof Float64Array || values instanceof Float32Array) return 'double';
  if (values instanceof Uint8Array) return 'boolean';
  return 'integer';
}

/** `name`, or `name_data`, `name_data2`… when the name is taken. */
function freeName(name: string, taken: Set<string>): string {
  if (!taken.has(name)) return name;
  for (let i = 1; ; i++) {
    const candidate = `${name}_data${i === 1 ? '' : i}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/**
 * The main segment of each company (the membership with the largest share, an unknown share
 * counting as 0, ties to the smaller segment name: the rule of `summarizeCommunities`), its
 * share (NaN when unknown) and the number of memberships.
 */
function membershipSummary(dataset: Dataset, companyOf: Int32Array) {
  const n = companyOf.length;
  const nodeOf = new Int32Array(dataset.companies.ids.length).fill(-1);
  for (let v = 0; v < n; v++) nodeOf[companyOf[v]!] = v;
  const main: string[] = new Array<string>(n).fill('');
  const mainShare = new Float64Array(n).fill(NaN);
  const rank = new Float64Array(n).fill(-1);
  const count = new Int32Array(n);
  const { company, segment, share } = dataset.memberships;
  for (let r = 0; r < company.length; r++) {
    const v = nodeOf[company[r]!]!;
    if (v < 0) continue;
    count[v]!++;
    const s = Number.isNaN(share[r]!) ? 0 : share[r]!;
    const seg = segment[r]!;
    if (rank[v]! < 0 || s > rank[v]! || (s === rank[v] && seg < main[v]!)) {
      main[v] = seg;
      rank[v] = s;
      mainShare[v] = share[r]!;
    }
  }
  return { main, mainShare, count };
}

/**
 * Builds the node and edge tables of a view of `dataset`, with the metrics table when given.
 * O(companies + memberships + relations).
 */
export function buildExportGraph(dataset: Dataset, options: ExportGraphOptions = {}): ExportGraph {
  const types = options.types ?? RELATION_TYPES;
  const compact = buildCompactGraph(dataset, {
    types,
    ...(options.nodes ? { nodes: options.nodes } : {}),
  });
  const { companies, relations } = dataset;
  const n = compact.n;
  const companyOf = compact.companyOf;
  const notes: string[] = [];

  // Nodes.
  const pick = <T>(values: readonly T[]) => Array.from(companyOf, (c) => values[c]!);
  const nodeColumns: ExportColumn[] = [
    { name: 'id', type: 'string', values: pick(companies.ids) },
    { name: 'name', type: 'string', values: pick(companies.names) },
    { name: 'region', type: 'string', values: pick(companies.regions) },
  ];
  const metrics = options.metrics;
  if (metrics) {
    const g = metrics.graph;
    if (g.n !== n || g.companyOf.some((c, v) => c !== companyOf[v])) {
      throw new Error('buildExportGraph: the metrics were computed on another view');
    }
  }
  const nodeTaken = new Set([...NODE_RESERVED, ...(metrics ? METRIC_COLUMNS : [])]);
  for (const [name, values] of Object.entries(companies.attributes)) {
    const free = freeName(name, nodeTaken);
    nodeTaken.add(free);
    if (free !== name) {
      notes.push(
        `company column '${name}' is written as '${free}' (the export computes '${name}')`,
      );
    }
    nodeColumns.push({ name: free, type: 'string', values: pick(values) });
  }
  const summary = membershipSummary(dataset, companyOf);
  nodeColumns.push(
    { name: 'main_segment', type: 'string', values: summary.main },
    { name: 'main_share', type: 'double', values: summary.mainShare },
    { name: 'memberships', type: 'integer', values: summary.count },
  );
  if (metrics) {
    for (const name of METRIC_COLUMNS) {
      const values = metrics.table.columns[name];
      nodeColumns.push({ name, type: columnType(values), values } as ExportColumn);
    }
  }

  // Edges: relation rows of the view, in table order.
  let mask = 0;
  for (const t of types) mask |= 1 << relationTypeCode(t);
  const rows: number[] = [];
  for (let r = 0; r < relations.source.length; r++) {
    if (((1 << relations.type[r]!) & mask) === 0) continue;
    if (compact.localOf[relations.source[r]!]! < 0 || compact.localOf[relations.target[r]!]! < 0)
      continue;
    rows.push(r);
  }
  const edgeColumns: ExportColumn[] = [
    { name: 'id', type: 'string', values: rows.map((r) => `r${r}`) },
    {
      name: 'source',
      type: 'string',
      values: rows.map((r) => companies.ids[relations.source[r]!]!),
    },
    {
      name: 'target',
      type: 'string',
      values: rows.map((r) => companies.ids[relations.target[r]!]!),
    },
    { name: 'type', type: 'string', values: rows.map((r) => RELATION_TYPES[relations.type[r]!]!) },
    {
      name: 'weight',
      type: 'double',
      values: Float64Array.from(rows, (r) => relations.weight[r]!),
    },
  ];
  const edgeTaken = new Set(EDGE_RESERVED);
  for (const [name, values] of Object.entries(relations.attributes)) {
    const free = freeName(name, edgeTaken);
    edgeTaken.add(free);
    if (free !== name) {
      notes.push(`relation column '${name}' is written as '${free}' (the export fixes '${name}')`);
    }
    edgeColumns.push({ name: free, type: 'string', values: rows.map((r) => values[r]!) });
  }

  const typeText = types.join(' + ');
  const title = `${dataset.name}${options.region ? ` (${options.region})` : ''}: ${typeText} relations`;
  const byType = new Map<string, number>();
  for (const r of rows) {
    const t = RELATION_TYPES[relations.type[r]!]!;
    byType.set(t, (byType.get(t) ?? 0) + 1);
  }
  const counts = [...byType].map(([t, k]) => `${t} ${k}`).join(', ');
  const lines = [
    `${title}; ${n} companies, ${rows.length} relations${counts ? ` (${counts})` : ''}; parallel relations kept, one edge each.`,
  ];
  if (byType.has('inferred-supply')) {
    lines.push(
      'inferred-supply edges are derived from products (B makes an input of what A makes), not observed supply.',
    );
  }
  if (metrics) {
    const info = metrics.table.info;
    lines.push(
      `Metrics on the simple directed view (parallel arcs merged, weights summed): PageRank alpha 0.85 weighted; betweenness ${info.betweenness.exact ? 'exact' : `sampled from ${info.betweenness.k} sources (seed ${info.betweenness.seed})`}, normalised as NetworkX; community = Louvain on the undirected projection (seed ${info.communities.seed}, ${info.communities.count} communities, modularity ${info.communities.modularity.toFixed(4)}); eigenvector ${info.eigenvector.converged ? 'converged' : 'did not converge (read it as 0)'}; articulation = cut point of the undirected projection.`,
    );
  }
  return {
    title,
    description: lines.join(' '),
    nodes: { rows: n, columns: nodeColumns },
    edges: { rows: rows.length, columns: edgeColumns },
    notes,
  };
}

/** The column named `name`, or undefined. */
export function exportColumn(table: ExportTable, name: string): ExportColumn | undefined {
  return table.columns.find((c) => c.name === name);
}

/**
 * A cell as text, or undefined when it has no value: strings as they are ('' = none), numbers
 * in their shortest round-trip form (`String`; NaN and ±Infinity = none), booleans as
 * `true`/`false`.
 */
export function exportCell(column: ExportColumn, row: number): string | undefined {
  switch (column.type) {
    case 'string': {
      const s = column.values[row]!;
      return s === '' ? undefined : s;
    }
    case 'boolean':
      return column.values[row] ? 'true' : 'false';
    default: {
      const x = column.values[row]!;
      return Number.isFinite(x) ? String(x) : undefined;
    }
  }
}
