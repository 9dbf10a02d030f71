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
  ANALYZE_DEFAULTS,
  RELATION_TYPES,
  analyze,
  buildCompactGraph,
  buildMetricGraph,
  clusterByCommunity,
  defaultRelationView,
  clusterByIds,
  clusterLabel,
  louvain,
  clusterByRegion,
  regionParts,
  relationTypesPresent,
  summarizeDataset,
  unit,
} from '@chainlens/core';
import { isClean } from '@chainlens/io';
import { asOfLine, inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { createProgress } from '../progress.js';
import { CliDataError, UsageError, msg } from '../errors.js';
import { checkReportFolder } from '../files.js';
import { REPORT_FILES, writeReportFiles } from '../report/write.js';
import { resolveTemplate } from '../templates.js';
import { chainSummaryLines } from '../chain-summary.js';
import { relationName } from '../names.js';
import { parseNumber } from '../options.js';
import { unknownRegionError } from '../region.js';
import { issueLine, reportLines } from '../validation-lines.js';

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
  /** --at DATE: the dataset as of that date. */
  at?: string;
}

const pct = (part: number, whole: number) =>
  whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(1)}%`;

function datasetLines(dataset: Dataset, path: string, status: string, tr: Translator): string[] {
  const s = summarizeDataset(dataset);
  const lines = [tr.t('cli:dataset.status', { name: s.name, path, status })];
  const rel = RELATION_TYPES.filter((t) => s.relationsByType[t] > 0)
    .map((t) => `${relationName(tr, t)} ${count(s.relationsByType[t])}`)
    .join(tr.t('cli:analyze.sep'));
  const none = tr.t('cli:analyze.none');
  lines.push(
    ...table(
      [
        tr.t('cli:analyze.col.table'),
        tr.t('cli:analyze.col.count'),
        tr.t('cli:analyze.col.detail'),
      ],
      [
        [
          tr.t('cli:table.companies'),
          count(s.companies),
          tr.t('cli:analyze.companiesDetail', {
            withRegion: count(s.companiesWithRegion),
            share: pct(s.companiesWithRegion, s.companies),
            withCity: count(s.companiesWithCity),
          }),
        ],
        [tr.t('cli:table.relations'), count(s.relations), rel || none],
        [
          tr.t('cli:table.memberships'),
          count(s.memberships),
          tr.t('cli:analyze.membershipsDetail', {
            companies: count(s.companiesWithMembership),
            items: count(s.membershipItems),
            withShare: count(s.membershipsWithShare),
          }),
        ],
        ...(s.products
          ? [
              [
                tr.t('cli:table.products'),
                count(s.products),
                tr.t('cli:analyze.productsDetail', { links: count(s.productLinks) }),
              ],
            ]
          : []),
        [
          tr.t('cli:analyze.templates'),
          count(s.templates.length),
          s.templates.map((t) => t.id).join(', ') || none,
        ],
      ],
      [1],
    ),
  );
  if (s.relationsByType['inferred-supply'] > 0) {
    lines.push(`  ${tr.t('cli:analyze.inferred')}`);
  }
  for (const t of s.templates) {
    lines.push(
      `  ${tr.t('cli:analyze.template', {
        id: t.id,
        name: t.name,
        segments: t.segments,
        up: t.byStage.upstream,
        mid: t.byStage.midstream,
        down: t.byStage.downstream,
        feeds: t.feeds,
      })}`,
    );
  }
  if (s.topLevelRegions.length > 0) {
    lines.push('', tr.t('cli:analyze.byRegion', { n: s.topLevelRegions.length }));
    lines.push(
      ...table(
        [
          tr.t('cli:analyze.col.region'),
          tr.t('cli:analyze.col.companies'),
          tr.t('cli:analyze.col.share'),
        ],
        s.topLevelRegions
          .slice(0, 10)
          .map((r) => [r.region, count(r.companies), pct(r.companies, s.companies)]),
        [1, 2],
      ),
    );
  }
  return lines;
}

function clusterLines(dataset: Dataset, cluster: Cluster, tr: Translator): string[] {
  const { companies } = dataset;
  const lines = [
    tr.t('cli:analyze.cluster', {
      id: clusterLabel(cluster.id, tr),
      companies: count(cluster.members.length),
    }),
  ];
  const graph = buildCompactGraph(dataset, { nodes: cluster.members });
  const byType = new Map<string, number>();
  for (let k = 0; k < graph.m; k++) {
    const t = RELATION_TYPES[dataset.relations.type[graph.outRelations[k]!]!]!;
    byType.set(t, (byType.get(t) ?? 0) + 1);
  }
  lines.push(
    `  ${tr.t('cli:analyze.clusterRelations', {
      n: count(graph.m),
      byType: byType.size
        ? tr.t('cli:analyze.byType', {
            types: [...byType]
              .map(([t, n]) => `${relationName(tr, t)} ${count(n)}`)
              .join(tr.t('cli:analyze.sep')),
          })
        : '',
    })}`,
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
    lines.push('', `  ${tr.t('cli:analyze.bySubRegion')}`);
    const rows = [...sub].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10);
    lines.push(
      ...table(
        [tr.t('cli:analyze.col.region'), tr.t('cli:analyze.col.companies')],
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
    lines.push('', `  ${tr.t('cli:analyze.mostConnected')}`);
    lines.push(
      ...table(
        [
          tr.t('cli:analyze.col.id'),
          tr.t('cli:analyze.col.name'),
          tr.t('cli:analyze.col.region'),
          tr.t('cli:analyze.col.relations'),
        ],
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
      throw new UsageError(msg.t('cli:error.community', { value: options.community }));
    }
    // The same partition as the `community` column of `chainlens metrics` with this seed.
    const graph = buildMetricGraph(dataset, {
      types: defaultRelationView(relationTypesPresent(dataset.relations.type)),
    });
    const seed = parseNumber(options.seed, 'seed', ANALYZE_DEFAULTS.seed, { integer: true });
    const communities = louvain(graph, { seed });
    if (id >= communities.count) {
      throw new UsageError(
        msg.t('cli:error.noCommunity', {
          id,
          seed,
          communities: communities.count,
          last: communities.count - 1,
        }),
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
      throw new CliDataError(msg.t('cli:error.companiesUnreadable', { file: options.companies }));
    }
    const ids = text
      .split(/[\r\n,]+/)
      .map((s) => s.trim())
      .filter((s) => s !== '' && s !== 'id');
    const cluster = clusterByIds(dataset.companies, ids, `list:${options.companies}`);
    if (cluster.unknownIds.length > 0) {
      throw new CliDataError(
        msg.t('cli:error.companiesUnknown', {
          file: options.companies,
          n: cluster.unknownIds.length,
          name: dataset.name,
          first: cluster.unknownIds[0],
        }),
      );
    }
    if (cluster.members.length === 0)
      throw new CliDataError(msg.t('cli:error.companiesEmpty', { file: options.companies }));
    return cluster;
  }
  return undefined;
}

async function chainAnalysis(
  dataset: Dataset,
  cluster: Cluster,
  options: AnalyzeOptions,
  out: Out,
  tr: Translator,
): Promise<void> {
  const template = resolveTemplate(dataset, options.template!);
  const top = parseNumber(options.top, 'top', 10, { integer: true, min: 1 });
  // The one place the CLI's flags map to core's parameter names (--hhi is hhiThreshold, τ);
  // their defaults are ANALYZE_DEFAULTS, as in program.ts's help.
  const D = ANALYZE_DEFAULTS;
  const seed = parseNumber(options.seed, 'seed', D.seed, { integer: true });
  const redundancy = parseNumber(options.redundancy, 'redundancy', D.redundancy, { above: 0 });
  const hhiThreshold = parseNumber(options.hhi, 'hhi', D.hhiThreshold, { min: 0, max: 1 });
  const theta = parseNumber(options.theta, 'theta', D.theta, { above: 0, max: 1 });
  const minShare = parseNumber(options.minShare, 'min-share', D.minShare, { min: 0, max: 1 });
  const progress = createProgress({ quiet: options.quiet ?? false, tr });
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
        progress.start(tr.t('cli:progress.step.analysis'), total);
        begun = true;
      }
      progress.update(done);
      if (done === total) progress.stop();
    },
  });
  const seconds = (performance.now() - started) / 1000;
  for (const line of chainSummaryLines(report, { top, tr })) out.out(line);
  out.out(tr.t('report:summary.took', { s: seconds.toFixed(1) }));
  if (options.out !== undefined) {
    const written = await writeReportFiles(report, options.out, tr);
    out.out(tr.t('report:summary.wrote', { files: tr.list(written) }));
  }
}

export async function analyzeCommand(
  datasetArg: string,
  options: AnalyzeOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const chosen = [options.region, options.companies, options.community].filter(
    (x) => x !== undefined,
  );
  if (chosen.length > 1) {
    throw new UsageError(msg.t('cli:error.chooseCluster'));
  }
  if (options.out !== undefined && options.template === undefined) {
    throw new UsageError(msg.t('cli:error.outNeedsTemplate'));
  }
  // A bad or foreign --out folder fails here, in one line, before the dataset is read.
  if (options.out !== undefined)
    checkReportFolder(options.out, REPORT_FILES, options.force ?? false);
  const path = resolveDataset(datasetArg);
  // National tables are streamed (@chainlens/scale), with progress; regional ones read by io.
  const { dataset, report } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false, tr }),
    ...(options.at !== undefined ? { at: options.at } : {}),
    tr,
    quiet: options.quiet ?? false,
    note: (line) => out.err(line),
  });
  const dated = asOfLine(dataset, tr);
  if (dataset.companies.ids.length === 0) {
    throw new CliDataError(msg.t('cli:error.noCompanies', { path }));
  }
  const cluster = selectCluster(dataset, options);
  if (options.template !== undefined) {
    out.out(
      tr.t('report:summary.dataset', {
        name: dataset.name,
        path,
        companies: unit(tr, 'company', dataset.companies.ids.length),
        relations: unit(tr, 'relationAny', dataset.relations.source.length),
        memberships: unit(tr, 'membership', dataset.memberships.company.length),
        status: inputStatus(report, tr),
      }),
    );
    if (dated) out.out(dated);
    out.out();
    await chainAnalysis(
      dataset,
      cluster ?? { id: 'all', members: Int32Array.from(dataset.companies.ids, (_, i) => i) },
      options,
      out,
      tr,
    );
    return inputExit(report, options.allowRejected, out, tr);
  }
  for (const line of datasetLines(dataset, path, inputStatus(report, tr), tr)) out.out(line);
  if (dated) out.out(dated);
  if (cluster) {
    out.out();
    for (const line of clusterLines(dataset, cluster, tr)) out.out(line);
  }
  out.out();
  out.out(tr.t('cli:analyze.validation'));
  for (const line of reportLines(report, tr)) out.out(line);
  const rejected = report.tables.reduce((n, t) => n + t.rejected, 0);
  if (isClean(report)) {
    out.out(
      `  ${
        report.warnings
          ? tr.t('cli:analyze.okWarnings', { warnings: count(report.warnings) })
          : tr.t('cli:status.ok')
      }`,
    );
  } else {
    const shown = report.issues.slice(0, 10);
    for (const issue of shown) out.out(`  ${issueLine(issue, tr)}`);
    const more = report.errors + report.warnings - shown.length;
    if (more > 0)
      out.out(`  ${tr.t('cli:analyze.moreIssues', { n: count(more), dataset: datasetArg })}`);
    out.out(`  ${tr.t('cli:analyze.rejected', { rejected: count(rejected) })}`);
  }
  return inputExit(report, options.allowRejected, out, tr);
}
