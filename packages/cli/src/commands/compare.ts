/**
 * `chainlens compare [dataset] --template ID [--level N] [--sort FIGURE] [--top N]`: every
 * region's completeness in one chain, best first; and `chainlens compare [dataset] --region
 * PATH`: the chains one region is strongest in, with its rank among regions of its level.
 * `--format json|csv` gives every row with its figures unrounded (`--out FILE` writes it to a
 * file); text and JSON also say what the ranking leaves out (core `compareCoverage`).
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type {
  ChainStrength,
  ChainTemplate,
  CompareCoverage,
  Completeness,
  Dataset,
  RegionCompleteness,
} from '@chainlens/core';
import {
  DEFAULT_MIN_SHARE,
  chainStructure,
  chainsOfRegion,
  clusterByRegion,
  compareCoverage,
  compareRegions,
  regionParts,
  segmentMembership,
  shareText,
} from '@chainlens/core';
import { guardCsvCell } from '@chainlens/io';
import { inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import { checkOutputFile, writeFileAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { createProgress } from '../progress.js';
import { loadTemplates, resolveTemplate } from '../templates.js';
import { UsageError } from '../errors.js';
import { parseNumber } from '../options.js';
import { unknownRegionError } from '../region.js';

export interface CompareCommandOptions {
  /** Exit 0 although rows were rejected (the count is printed either way). */
  allowRejected?: boolean;
  template?: string;
  region?: string;
  level?: string;
  sort?: string;
  top?: string;
  minShare?: string;
  /** text (the table) [default], json or csv (every row, unrounded). */
  format?: string;
  /** Write the output to this file instead of the terminal. */
  out?: string;
  /** No progress lines while a national table is read. */
  quiet?: boolean;
  /** --raw-csv: write text cells as they are (no formula guard). */
  rawCsv?: boolean;
}

const SORTS = ['redundancy', 'coverage', 'link', 'path'] as const;
type Sort = (typeof SORTS)[number];
const FORMATS = ['text', 'json', 'csv'] as const;
type Format = (typeof FORMATS)[number];
const f2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--${name} must be an integer ≥ 1, got '${value}'`);
  return n;
}

function sortOption(value: string | undefined): Sort {
  const sortBy = (value ?? 'redundancy') as Sort;
  if (!SORTS.includes(sortBy)) {
    throw new UsageError(`--sort must be one of ${SORTS.join(', ')}, got '${value}'`);
  }
  return sortBy;
}

function formatOption(value: string | undefined): Format {
  const format = (value ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got '${value}'`);
  }
  return format;
}

type Cell = string | number | null;

/** The completeness figures of a row, flat, in a fixed order (stage figures null when none). */
function figures(c: Completeness): Record<string, Cell> {
  const out: Record<string, Cell> = {
    coverage: c.coverage,
    redundancy: c.redundancy,
    link: c.link,
    path: c.path,
  };
  for (const stage of ['upstream', 'midstream', 'downstream'] as const) {
    out[`${stage}Coverage`] = c.byStage[stage].coverage;
    out[`${stage}Redundancy`] = c.byStage[stage].redundancy;
  }
  return {
    ...out,
    segments: c.segments.all,
    segmentsPresent: c.segments.present,
    ...Object.fromEntries(
      (['upstream', 'midstream', 'downstream'] as const).flatMap((stage) => [
        [`${stage}Segments`, c.byStage[stage].segments],
        [`${stage}SegmentsPresent`, c.byStage[stage].present],
      ]),
    ),
    feeds: c.feeds.all,
    feedsPresent: c.feeds.present,
    paths: c.paths.all,
    pathsPresent: c.paths.present,
  };
}

/** One machine-readable row per region (template mode). */
export function regionRecord(r: RegionCompleteness): Record<string, Cell> {
  return {
    rank: r.rank,
    region: r.region,
    ...figures(r.completeness),
    companies: r.companies,
    chainCompanies: r.chainCompanies,
    chainMemberships: r.chainMemberships,
    unknownShareMemberships: r.unknownShareMemberships,
  };
}

/** One machine-readable row per chain (region mode); `rank` is the region's among its level. */
export function chainRecord(c: ChainStrength): Record<string, Cell> {
  return {
    chain: c.template.id,
    name: c.template.name,
    rank: c.rank,
    regions: c.regions,
    ...figures(c.completeness),
    companies: c.companies,
    chainCompanies: c.chainCompanies,
    chainMemberships: c.chainMemberships,
    unknownShareMemberships: c.unknownShareMemberships,
  };
}

/**
 * The rows as CSV: text cells a spreadsheet would run as formulas get a leading `'`
 * (`guardCsvCell`, shared by every CSV output) unless `raw`; figures are numbers, never changed.
 */
function csv(rows: Record<string, Cell>[], columns: string[], raw: boolean): string {
  return stringify(rows, {
    header: true,
    columns,
    ...(raw ? {} : { cast: { string: guardCsvCell } }),
  });
}

const NO_STAGE = { coverage: null, redundancy: null, segments: 0, present: 0 };
/** A blank completeness, for the column names of an empty result. */
const BLANK: Completeness = {
  coverage: 0,
  redundancy: 0,
  link: 0,
  path: 0,
  paths: { all: 0, present: 0 },
  feeds: { all: 0, present: 0 },
  segments: { all: 0, present: 0 },
  byStage: { upstream: NO_STAGE, midstream: NO_STAGE, downstream: NO_STAGE },
};
const BLANK_COUNTS = { companies: 0, chainCompanies: 0, chainMemberships: 0 };
const REGION_COLUMNS = Object.keys(
  regionRecord({
    ...BLANK_COUNTS,
    region: '',
    unknownShareMemberships: 0,
    rank: 0,
    completeness: BLANK,
  }),
);
const CHAIN_COLUMNS = Object.keys(
  chainRecord({
    ...BLANK_COUNTS,
    template: { id: '', name: '', segments: 0 },
    unknownShareMemberships: 0,
    rank: 0,
    regions: 0,
    completeness: BLANK,
  }),
);

/** Text lines on what the comparison leaves out or takes on trust. */
function coverageLines(cov: CompareCoverage): string[] {
  const lines: string[] = [];
  const chain = cov.chain;
  lines.push(
    `  Left out: ${count(cov.companiesWithoutRegion)} of ${count(cov.companies)} companies have no region at level ${cov.level}${chain ? ` (${count(chain.companiesWithoutRegion)} of ${count(chain.companies)} chain firms)` : ''}; they are in no ranking.`,
  );
  if (chain) {
    lines.push(
      `  Shares: a firm holds a segment with at least ${shareText(chain.minShare)} of its revenue in it (${count(chain.belowThreshold)} smaller lines left out); ${count(chain.unknownShareMemberships)} of ${count(chain.memberships)} chain memberships rest on lines without a revenue figure.`,
    );
  }
  const s = cov.supplyLinks;
  lines.push(
    `  Supply links: ${count(s.observed)} observed, ${count(s.inferred)} inferred from products${chain ? ` (among chain firms: ${count(chain.supplyLinks.observed)} observed, ${count(chain.supplyLinks.inferred)} inferred)` : ''}; the link and path figures count template feeds, not these links.`,
  );
  return lines;
}

interface CompareParameters {
  minShare: number;
  level: number;
  top: number;
  sortBy: Sort;
  format: Format;
  rawCsv: boolean;
}

/** Every region's completeness in one chain: text lines, or the JSON / CSV document. */
function regionsOutput(dataset: Dataset, template: ChainTemplate, p: CompareParameters): string[] {
  const { level, top, sortBy } = p;
  const started = performance.now();
  const membership = segmentMembership(dataset, chainStructure(template), {
    minShare: p.minShare,
  });
  const rows = compareRegions(dataset, template, { level, sortBy, membership });
  const ms = performance.now() - started;
  const coverage = compareCoverage(dataset, { level, membership });
  if (p.format === 'json') {
    const doc = {
      dataset: dataset.name,
      compare: 'regions',
      parameters: {
        template: { id: template.id, name: template.name, segments: template.segments.length },
        level,
        sortBy,
        minShare: p.minShare,
      },
      coverage,
      rows: rows.map(regionRecord),
    };
    return [JSON.stringify(doc, null, 2)];
  }
  if (p.format === 'csv') return [csv(rows.map(regionRecord), REGION_COLUMNS, p.rawCsv).trimEnd()];
  return [
    `${template.name} (${template.id}, ${template.segments.length} segments): completeness of ${count(rows.length)} regions at level ${level}, by ${sortBy}`,
    ...coverageLines(coverage),
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
    ...(rows.length > top
      ? [`  … ${count(rows.length - top)} more regions (--top N shows more)`]
      : []),
    `  Computed in ${ms.toFixed(0)} ms. By-stage columns are coverage.`,
  ];
}

/** The chains of one region, strongest first: text lines, or the JSON / CSV document. */
function chainsOutput(dataset: Dataset, region: string, p: CompareParameters): string[] {
  const templates = loadTemplates(dataset);
  if (templates.length === 0) throw new UsageError('no chain templates: pass --template FILE');
  const { sortBy } = p;
  const chains = chainsOfRegion(dataset, templates, region, { sortBy, minShare: p.minShare });
  const level = regionParts(region).length;
  const coverage = compareCoverage(dataset, { level });
  if (p.format === 'json') {
    const doc = {
      dataset: dataset.name,
      compare: 'chains',
      parameters: { region, level, sortBy, minShare: p.minShare, templates: templates.length },
      coverage,
      rows: chains.map(chainRecord),
    };
    return [JSON.stringify(doc, null, 2)];
  }
  if (p.format === 'csv') return [csv(chains.map(chainRecord), CHAIN_COLUMNS, p.rawCsv).trimEnd()];
  return [
    `Chains of ${region} in ${dataset.name}, strongest first (by ${sortBy})`,
    ...coverageLines(coverage),
    '',
    ...table(
      [
        'chain',
        'name',
        'in chain',
        'coverage',
        'redundancy',
        'link',
        'path',
        'rank',
        'share unknown',
      ],
      chains.map((c) => [
        c.template.id,
        c.template.name,
        count(c.chainCompanies),
        f2(c.completeness.coverage),
        f2(c.completeness.redundancy),
        f2(c.completeness.link),
        f2(c.completeness.path),
        `${c.rank} of ${c.regions}`,
        `${count(c.unknownShareMemberships)} of ${count(c.chainMemberships)}`,
      ]),
      [2, 3, 4, 5, 6, 8],
    ),
    "  share unknown: memberships of the region's chain firms whose share the data does not give.",
  ];
}

export async function compareCommand(
  datasetArg: string,
  options: CompareCommandOptions,
  out: Out,
  _tr: Translator = EN,
): Promise<number> {
  const p: CompareParameters = {
    minShare: parseNumber(options.minShare, 'min-share', DEFAULT_MIN_SHARE, { min: 0, max: 1 }),
    level: positive(options.level, 'level', 1),
    top: positive(options.top, 'top', 40),
    sortBy: sortOption(options.sort),
    format: formatOption(options.format),
    rawCsv: options.rawCsv ?? false,
  };
  if (options.region === undefined && options.template === undefined) {
    throw new UsageError(
      'compare needs --template ID (one chain across regions) or --region PATH (one region across chains)',
    );
  }
  if (options.region !== undefined && options.template !== undefined) {
    throw new UsageError(
      'give either --template (rank regions) or --region (rank chains), not both',
    );
  }
  // A bad --out fails here, in one line, before the dataset is read (missing folders are made).
  if (options.out !== undefined) checkOutputFile(options.out, { createFolders: true });
  const path = resolveDataset(datasetArg);
  const { dataset, report } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false }),
  });
  // The input's status first: on stdout above a text table or a written file, on stderr
  // when stdout holds JSON or CSV.
  const status = `Dataset ${dataset.name} (${path}): ${inputStatus(report)}`;
  if (p.format === 'text' || options.out !== undefined) out.out(status);
  else out.err(status);
  let lines: string[];
  if (options.region !== undefined) {
    if (clusterByRegion(dataset.companies, options.region).members.length === 0) {
      throw unknownRegionError(dataset, options.region);
    }
    lines = chainsOutput(dataset, options.region, p);
  } else {
    lines = regionsOutput(dataset, resolveTemplate(dataset, options.template!), p);
  }
  if (options.out !== undefined) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileAtomic(options.out, `${lines.join('\n')}\n`);
    out.out(`Comparison (${p.format}) written to ${options.out}.`);
  } else {
    for (const line of lines) out.out(line);
  }
  return inputExit(report, options.allowRejected, out);
}
