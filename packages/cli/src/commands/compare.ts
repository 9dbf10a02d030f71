/**
 * `chainlens compare [dataset] --template ID [--level N] [--sort FIGURE] [--top N]`: every
 * region's completeness in one chain, best first; and `chainlens compare [dataset] --region
 * PATH`: the chains one region is strongest in, with its rank among regions of its level.
 */
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { chainsOfRegion, clusterByRegion, compareRegions } from '@chainlens/core';
import { loadDataset, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { createProgress } from '../progress.js';
import { loadTemplates, resolveTemplate } from '../templates.js';
import { UsageError, unknownRegionError } from './analyze.js';

export interface CompareCommandOptions {
  template?: string;
  region?: string;
  level?: string;
  sort?: string;
  top?: string;
  /** No progress lines while a national table is read. */
  quiet?: boolean;
}

const SORTS = ['redundancy', 'coverage', 'link', 'path'] as const;
const f2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be an integer ≥ 1, got '${value}'`);
  return n;
}

function regionsTable(
  dataset: Dataset,
  template: ChainTemplate,
  options: CompareCommandOptions,
  out: Out,
) {
  const level = positive(options.level, 'level', 1);
  const top = positive(options.top, 'top', 40);
  const sortBy = (options.sort ?? 'redundancy') as (typeof SORTS)[number];
  if (!SORTS.includes(sortBy)) {
    throw new UsageError(`--sort must be one of ${SORTS.join(', ')}, got '${options.sort}'`);
  }
  const started = performance.now();
  const rows = compareRegions(dataset, template, { level, sortBy });
  const ms = performance.now() - started;
  const located = rows.reduce((n, r) => n + r.companies, 0);
  out.out(
    `${template.name} (${template.id}, ${template.segments.length} segments): completeness of ${count(rows.length)} regions at level ${level}, by ${sortBy}`,
  );
  out.out(
    `  ${count(located)} of ${count(dataset.companies.ids.length)} companies have a region at that level; the others are left out.`,
  );
  for (const line of [
    '',
    ...table(
      [
        'rank',
        'region',
        'companies',
        'in chain',
        'coverage',
        'redundancy',
        'link',
        'path',
        'upstream',
        'midstream',
        'downstream',
      ],
      rows
        .slice(0, top)
        .map((r) => [
          String(r.rank),
          r.region,
          count(r.companies),
          count(r.chainCompanies),
          f2(r.completeness.coverage),
          f2(r.completeness.redundancy),
          f2(r.completeness.link),
          f2(r.completeness.path),
          f2(r.completeness.byStage.upstream.coverage),
          f2(r.completeness.byStage.midstream.coverage),
          f2(r.completeness.byStage.downstream.coverage),
        ]),
      [0, 2, 3, 4, 5, 6, 7, 8, 9, 10],
    ),
  ])
    out.out(line);
  if (rows.length > top)
    out.out(`  … ${count(rows.length - top)} more regions (--top N shows more)`);
  out.out(`  Computed in ${ms.toFixed(0)} ms. By-stage columns are coverage.`);
}

export async function compareCommand(
  datasetArg: string,
  options: CompareCommandOptions,
  out: Out,
): Promise<number> {
  const path = resolveDataset(datasetArg);
  const { dataset } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false }),
  });
  if (options.region !== undefined && options.template === undefined) {
    if (clusterByRegion(dataset.companies, options.region).members.length === 0) {
      throw unknownRegionError(dataset, options.region);
    }
    const templates = loadTemplates(dataset);
    if (templates.length === 0) throw new UsageError('no chain templates: pass --template FILE');
    const chains = chainsOfRegion(dataset, templates, options.region);
    out.out(
      `Chains of ${options.region} in ${dataset.name}, strongest first (redundancy-adjusted completeness)`,
    );
    for (const line of [
      '',
      ...table(
        ['chain', 'name', 'in chain', 'coverage', 'redundancy', 'link', 'path', 'rank'],
        chains.map((c) => [
          c.template.id,
          c.template.name,
          count(c.chainCompanies),
          f2(c.completeness.coverage),
          f2(c.completeness.redundancy),
          f2(c.completeness.link),
          f2(c.completeness.path),
          `${c.rank} of ${c.regions}`,
        ]),
        [2, 3, 4, 5, 6],
      ),
    ])
      out.out(line);
    return 0;
  }
  if (options.template === undefined) {
    throw new UsageError(
      'compare needs --template ID (one chain across regions) or --region PATH (one region across chains)',
    );
  }
  const template = resolveTemplate(dataset, options.template);
  if (options.region !== undefined) {
    throw new UsageError(
      'give either --template (rank regions) or --region (rank chains), not both',
    );
  }
  regionsTable(dataset, template, options, out);
  return 0;
}
