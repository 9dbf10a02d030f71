/**
 * `chainlens analyze [dataset] [--region PATH | --companies FILE]`: the dataset summary, its
 * validation report and, for a cluster, what the cluster holds. Later work adds the chain
 * analysis (completeness, weak links, targets) to this same command.
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { readFileSync } from 'node:fs';
import type { Cluster, Dataset } from '@chainlens/core';
import {
  DEFAULT_MIN_SHARE,
  RELATION_TYPES,
  analyze,
  buildCompactGraph,
  buildMetricGraph,
  clusterByCommunity,
  clusterByIds,
  louvain,
  clusterByRegion,
  regionParts,
  summarizeDataset,
} from '@chainlens/core';
import { DataError, formatIssue, isClean } from '@chainlens/io';
import { inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { createProgress } from '../progress.js';
import { UsageError } from '../errors.js';
import { checkReportFolder } from '../files.js';
import { REPORT_FILES, writeReportFiles } from '../report/write.js';
import { resolveTemplate } from '../templates.js';
import { chainSummaryLines } from '../chain-summary.js';
import { relationView } from '../metrics-run.js';
import { parseNumber } from '../options.js';
import { unknownRegionError } from '../region.js';
import { reportLines } from '../validation-lines.js';

export interface AnalyzeOptions {
  /** Exit 0 although rows were rejected (the count is printed either way). */
  allowRejected?: boolean;
  region?: string;
  companies?: string;
  community?: string;
  template?: string;
  seed?: string;
  out?: string;
  /** --force: write the report into a folder that holds other files or changed report files. */
  force?: boolean;
  top?: string;
  redundancy?: string;
  hhi?: string;
  minShare?: string;
  theta?: string;
  quiet?: boolean;
}

const pct = (part: number, whole: number) =>
  whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;

function datasetLines(dataset: Dataset, path: string, status: string): string[] {
  const s = summarizeDataset(dataset);
  const lines = [`Dataset ${s.name} (${path}): ${status}`];
  const rel = RELATION_TYPES.filter((t) => s.relationsByType[t] > 0)
    .map((t) => `${t} ${count(s.relationsByType[t])}`)
    .join(', ');
  lines.push(
    ...table(
      ['table', 'count', 'detail'],
      [
        [
          'companies',
          count(s.companies),
          `${count(s.companiesWithRegion)} with a region (${pct(s.companiesWithRegion, s.companies)}), ${count(s.companiesWithCity)} down to city`,
        ],
        ['relations', count(s.relations), rel || 'none'],
        [
          'memberships',
          count(s.memberships),
          `${count(s.companiesWithMembership)} companies in ${count(s.membershipItems)} segments/products; ${count(s.membershipsWithShare)} with a share`,
        ],
        ...(s.products
          ? [['products', count(s.products), `${count(s.productLinks)} product links`]]
          : []),
        ['templates', count(s.templates.length), s.templates.map((t) => t.id).join(', ') || 'none'],
      ],
      [1],
    ),
  );
  if (s.relationsByType['inferred-supply'] > 0) {
    lines.push(
      `  inferred-supply relations are derived (B makes an input of what A makes), not observed supply`,
    );
  }
  for (const t of s.templates) {
    lines.push(
      `  template ${t.id}: ${t.name}; ${t.segments} segments (${t.byStage.upstream} upstream, ${t.byStage.midstream} midstream, ${t.byStage.downstream} downstream), ${t.feeds} feeds`,
    );
  }
  if (s.topLevelRegions.length > 0) {
    lines.push('', `Companies by top-level region (${s.topLevelRegions.length} regions; top 10)`);
    lines.push(
      ...table(
        ['region', 'companies', 'share'],
        s.topLevelRegions
          .slice(0, 10)
          .map((r) => [r.region, count(r.companies), pct(r.companies, s.companies)]),
        [1, 2],
      ),
    );
  }
  return lines;
}

function clusterLines(dataset: Dataset, cluster: Cluster): string[] {
  const { companies } = dataset;
  const lines = [`Cluster ${cluster.id}: ${count(cluster.members.length)} companies`];
  const graph = buildCompactGraph(dataset, { nodes: cluster.members });
  const byType = new Map<string, number>();
  for (let k = 0; k < graph.m; k++) {
    const t = RELATION_TYPES[dataset.relations.type[graph.outRelations[k]!]!]!;
    byType.set(t, (byType.get(t) ?? 0) + 1);
  }
  lines.push(
    `  relations inside the cluster: ${count(graph.m)}${byType.size ? ` (${[...byType].map(([t, n]) => `${t} ${count(n)}`).join(', ')})` : ''}`,
  );
  const sub = new Map<string, number>();
  for (const c of cluster.members) {
    const parts = regionParts(companies.regions[c]!);
    const key = parts
      .slice(0, Math.min(parts.length, regionParts(cluster.id.replace(/^region:/, '')).length + 1))
      .join('/');
    sub.set(key, (sub.get(key) ?? 0) + 1);
  }
  if (cluster.id.startsWith('region:') && sub.size > 1) {
    lines.push('', '  Companies by sub-region');
    const rows = [...sub].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    lines.push(
      ...table(
        ['region', 'companies'],
        rows.map(([r, n]) => [r, count(n)]),
        [1],
        '    ',
      ),
    );
  }
  const degree = Array.from({ length: graph.n }, (_, u) => ({
    u,
    d:
      graph.outOffsets[u + 1]! -
      graph.outOffsets[u]! +
      graph.inOffsets[u + 1]! -
      graph.inOffsets[u]!,
  }))
    .filter((x) => x.d > 0)
    .sort((a, b) => b.d - a.d || a.u - b.u)
    .slice(0, 10);
  if (degree.length > 0) {
    lines.push('', '  Most connected inside the cluster (relations in + out)');
    lines.push(
      ...table(
        ['id', 'name', 'region', 'relations'],
        degree.map(({ u, d }) => {
          const c = graph.companyOf[u]!;
          return [companies.ids[c]!, companies.names[c]!, companies.regions[c]!, count(d)];
        }),
        [3],
        '    ',
      ),
    );
  }
  return lines;
}

function selectCluster(dataset: Dataset, options: AnalyzeOptions): Cluster | undefined {
  if (options.region !== undefined) {
    const cluster = clusterByRegion(dataset.companies, options.region);
    if (cluster.members.length === 0) throw unknownRegionError(dataset, options.region);
    return cluster;
  }
  if (options.community !== undefined) {
    const id = Number(options.community);
    if (!Number.isInteger(id) || id < 0) {
      throw new UsageError(
        `--community must be a community number ≥ 0, got '${options.community}'`,
      );
    }
    // The same partition as the `community` column of `chainlens metrics` with this seed.
    const graph = buildMetricGraph(dataset, { types: relationView(dataset, undefined) });
    const seed = parseNumber(options.seed, 'seed', 1, { integer: true });
    const communities = louvain(graph, { seed });
    if (id >= communities.count) {
      throw new UsageError(
        `community ${id} does not exist: Louvain (seed ${seed}) found ${communities.count} communities, numbered 0..${communities.count - 1}`,
      );
    }
    const assignment = new Int32Array(dataset.companies.ids.length).fill(-1);
    communities.community.forEach((c, v) => (assignment[graph.companyOf[v]!] = c));
    return clusterByCommunity(assignment, id);
  }
  if (options.companies !== undefined) {
    let text: string;
    try {
      text = readFileSync(options.companies, 'utf8');
    } catch {
      throw new DataError(`${options.companies}: cannot read the company list`);
    }
    const ids = text
      .split(/[\r\n,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== 'id');
    const cluster = clusterByIds(dataset.companies, ids, `list:${options.companies}`);
    if (cluster.unknownIds.length > 0) {
      throw new DataError(
        `${options.companies}: ${cluster.unknownIds.length} ids name no company in ${dataset.name} (first: '${cluster.unknownIds[0]}')`,
      );
    }
    if (cluster.members.length === 0)
      throw new DataError(`${options.companies}: the list names no company`);
    return cluster;
  }
  return undefined;
}

function chainAnalysis(
  dataset: Dataset,
  cluster: Cluster,
  options: AnalyzeOptions,
  out: Out,
): void {
  const template = resolveTemplate(dataset, options.template!);
  const seed = parseNumber(options.seed, 'seed', 1, { integer: true });
  const top = parseNumber(options.top, 'top', 10, { integer: true, min: 1 });
  const redundancy = parseNumber(options.redundancy, 'redundancy', 2, { above: 0 });
  const hhiThreshold = parseNumber(options.hhi, 'hhi', 0.25, { min: 0, max: 1 });
  const theta = parseNumber(options.theta, 'theta', 1, { above: 0, max: 1 });
  const minShare = parseNumber(options.minShare, 'min-share', DEFAULT_MIN_SHARE, {
    min: 0,
    max: 1,
  });
  const progress = createProgress({ quiet: options.quiet ?? false });
  const started = performance.now();
  let begun = false;
  const report = analyze(dataset, {
    cluster,
    template,
    seed,
    redundancy,
    hhiThreshold,
    theta,
    minShare,
    onStep: (step, done, total) => {
      if (!begun) {
        progress.start('analysis', total);
        begun = true;
      }
      progress.update(done);
      if (done === total) progress.stop();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  for (const line of chainSummaryLines(report, { top })) out.out(line);
  out.out(`Analysis took ${seconds.toFixed(1)} s.`);
  if (options.out !== undefined) {
    const written = writeReportFiles(report, options.out);
    out.out(`Wrote ${written.join(', ')}`);
  }
}

export async function analyzeCommand(
  datasetArg: string,
  options: AnalyzeOptions,
  out: Out,
  _tr: Translator = EN,
): Promise<number> {
  const chosen = [options.region, options.companies, options.community].filter(
    (x) => x !== undefined,
  );
  if (chosen.length > 1) {
    throw new UsageError('choose one of --region, --companies and --community');
  }
  if (options.out !== undefined && options.template === undefined) {
    throw new UsageError(
      '--out writes the chain report: give --template ID too (chainlens template list shows them)',
    );
  }
  // A bad or foreign --out folder fails here, in one line, before the dataset is read.
  if (options.out !== undefined)
    checkReportFolder(options.out, REPORT_FILES, options.force ?? false);
  const path = resolveDataset(datasetArg);
  // National tables are streamed (@chainlens/scale), with progress; regional ones read by io.
  const { dataset, report } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false }),
  });
  if (dataset.companies.ids.length === 0) {
    throw new DataError(`${path}: the dataset has no companies`);
  }
  const cluster = selectCluster(dataset, options);
  if (options.template !== undefined) {
    out.out(
      `Dataset ${dataset.name} (${path}): ${count(dataset.companies.ids.length)} companies, ${count(dataset.relations.source.length)} relations, ${count(dataset.memberships.company.length)} memberships; ${inputStatus(report)}`,
    );
    out.out();
    chainAnalysis(
      dataset,
      cluster ?? { id: 'all', members: Int32Array.from(dataset.companies.ids, (_, i) => i) },
      options,
      out,
    );
    return inputExit(report, options.allowRejected, out);
  }
  for (const line of datasetLines(dataset, path, inputStatus(report))) out.out(line);
  if (cluster) {
    out.out();
    for (const line of clusterLines(dataset, cluster)) out.out(line);
  }
  out.out();
  out.out('Validation');
  for (const line of reportLines(report)) out.out(line);
  const rejected = report.tables.reduce((n, t) => n + t.rejected, 0);
  if (isClean(report)) {
    out.out(
      `  every row accepted${report.warnings ? ` (${count(report.warnings)} warnings: chainlens validate lists them)` : ''}`,
    );
  } else {
    const shown = report.issues.slice(0, 10);
    for (const issue of shown) out.out(`  ${formatIssue(issue)}`);
    const more = report.errors + report.warnings - shown.length;
    if (more > 0)
      out.out(`  … ${count(more)} more: chainlens validate ${datasetArg} lists every one`);
    out.out(`  ${count(rejected)} rows rejected; the figures above use the accepted rows only`);
  }
  return inputExit(report, options.allowRejected, out);
}
