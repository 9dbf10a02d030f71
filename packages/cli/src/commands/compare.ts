/**
 * `chainlens compare [dataset] --template ID [--level N] [--sort FIGURE] [--top N]`: every
 * region's completeness in one chain, best first; and `chainlens compare [dataset] --region
 * PATH`: the chains one region is strongest in, with its rank among regions of its level.
 * `--format json|csv|xlsx` gives every row with its figures unrounded (`--out FILE` writes it to
 * a file; xlsx, an Excel workbook with a notes sheet, only to a file); text and JSON also say what
 * the ranking leaves out (core `compareCoverage`). `--format html` (with --template, level 1)
 * writes a page with the province tile-grid map of the ranking figure and the ranking table (core
 * `renderCompareHtml`).
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ChainTemplate, CompareCoverage, Dataset } from '@chainlens/core';
import {
  ANALYZE_DEFAULTS,
  CHAINLENS_VERSION,
  chainStructure,
  chainsOfRegion,
  clusterByRegion,
  compareCoverage,
  compareRegions,
  regionParts,
  renderCompareHtml,
  segmentMembership,
  shareText,
} from '@chainlens/core';
import type { CompareWorkbookInput } from '@chainlens/io/node';
import { compareWorkbook } from '@chainlens/io/node';
import { asOfLine, inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import { checkOutputFile, writeFileAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { createProgress } from '../progress.js';
import { loadTemplates, resolveTemplate } from '../templates.js';
import { UsageError, msg } from '../errors.js';
import { parseNumber } from '../options.js';
import { unknownRegionError } from '../region.js';
import {
  CHAIN_COLUMNS,
  REGION_COLUMNS,
  chainRecord,
  csv,
  regionRecord,
} from '../compare-records.js';

export interface CompareCommandOptions {
  /** Exit 0 although rows were rejected (the count is printed either way). */
  allowRejected?: boolean;
  template?: string;
  region?: string;
  level?: string;
  sort?: string;
  top?: string;
  minShare?: string;
  /** text (the table) [default], json or csv (every row, unrounded), html (map and table). */
  format?: string;
  /** Write the output to this file instead of the terminal. */
  out?: string;
  /** No progress lines while a national table is read. */
  quiet?: boolean;
  /** --at DATE: the dataset as of that date. */
  at?: string;
  /** --raw-csv: write text cells as they are (no formula guard). */
  rawCsv?: boolean;
}

const SORTS = ['redundancy', 'coverage', 'link', 'path'] as const;
type Sort = (typeof SORTS)[number];
const FORMATS = ['text', 'json', 'csv', 'html', 'xlsx'] as const;
type Format = (typeof FORMATS)[number];
const f2 = (x: number | null) => (x === null ? '–' : x.toFixed(2));

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(msg.t('cli:error.integerMin', { name, min: 1, value }));
  return n;
}

function sortOption(value: string | undefined): Sort {
  const sortBy = (value ?? 'redundancy') as Sort;
  if (!SORTS.includes(sortBy)) {
    throw new UsageError(
      msg.t('cli:error.oneOf', { name: 'sort', choices: SORTS.join(', '), value }),
    );
  }
  return sortBy;
}

function formatOption(value: string | undefined): Format {
  const format = (value ?? 'text') as Format;
  if (!FORMATS.includes(format)) {
    throw new UsageError(
      msg.t('cli:error.oneOf', { name: 'format', choices: FORMATS.join(', '), value }),
    );
  }
  return format;
}

/** A region level as the reader says it: 省级, 市级 (level 1, level 2 in English). */
function levelName(tr: Translator, level: number): string {
  return tr.t(`cli:compare.level.${level}`, {
    defaultValue: tr.t('cli:compare.levelN', { level }),
  });
}

/** Text lines on what the comparison leaves out or takes on trust. */
function coverageLines(cov: CompareCoverage, tr: Translator): string[] {
  const lines: string[] = [];
  const chain = cov.chain;
  lines.push(
    `  ${tr.t('cli:compare.leftOut', {
      without: count(cov.companiesWithoutRegion),
      companies: count(cov.companies),
      level: levelName(tr, cov.level),
      chain: chain
        ? tr.t('cli:compare.leftOutChain', {
            without: count(chain.companiesWithoutRegion),
            companies: count(chain.companies),
          })
        : '',
    })}`,
  );
  if (chain) {
    lines.push(
      `  ${tr.t('cli:compare.shares', {
        minShare: shareText(chain.minShare),
        below: count(chain.belowThreshold),
        unknown: count(chain.unknownShareMemberships),
        memberships: count(chain.memberships),
      })}`,
    );
  }
  const s = cov.supplyLinks;
  lines.push(
    `  ${tr.t('cli:compare.supplyLinks', {
      observed: count(s.observed),
      inferred: count(s.inferred),
      chain: chain
        ? tr.t('cli:compare.supplyLinksChain', {
            observed: count(chain.supplyLinks.observed),
            inferred: count(chain.supplyLinks.inferred),
          })
        : '',
    })}`,
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
  tr: Translator;
}

/** The notes sheet of an xlsx comparison: dataset, what was compared, the parameters. */
function xlsxNotes(
  dataset: Dataset,
  compared: [label: string, value: string],
  p: CompareParameters,
  level: number,
  rows: number,
  coverage: CompareCoverage,
  tr: Translator,
): CompareWorkbookInput['notes'] {
  return [
    [tr.t('xlsx:item.dataset'), dataset.name],
    compared,
    [tr.t('xlsx:item.level'), level, 'int'],
    [tr.t('xlsx:item.sortBy'), tr.t(`xlsx:col.${p.sortBy}`)],
    [tr.t('xlsx:item.minShare'), p.minShare, 'pct'],
    [tr.t('xlsx:item.rows'), rows, 'int'],
    [tr.t('xlsx:item.withoutRegion'), coverage.companiesWithoutRegion, 'int'],
  ];
}

/** Every region's completeness in one chain: text lines, the JSON / CSV document, or the workbook's rows. */
function regionsOutput(
  dataset: Dataset,
  template: ChainTemplate,
  p: CompareParameters,
): string[] | CompareWorkbookInput {
  const { level, top, sortBy, tr } = p;
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
      ...(dataset.asOf ? { asOf: dataset.asOf } : {}),
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
  if (p.format === 'html') {
    const { id, name } = template;
    const info = { id, name, segments: template.segments.length };
    const input = { dataset: dataset.name, template: info, sortBy, minShare: p.minShare, rows };
    return [renderCompareHtml({ ...input, version: CHAINLENS_VERSION }, tr).trimEnd()];
  }
  if (p.format === 'xlsx') {
    const chain: [string, string] = [
      tr.t('xlsx:item.template'),
      `${template.name} (${template.id})`,
    ];
    return {
      rows: rows.map(regionRecord),
      columns: REGION_COLUMNS,
      notes: xlsxNotes(dataset, chain, p, level, rows.length, coverage, tr),
    };
  }
  return [
    tr.t('cli:compare.regionsTitle', {
      name: template.name,
      id: template.id,
      segments: template.segments.length,
      regions: count(rows.length),
      level: levelName(tr, level),
      sortBy: tr.t(`cli:compare.figure.${sortBy}`),
    }),
    ...coverageLines(coverage, tr),
    '',
    ...table(
      [
        'rank',
        'region',
        'companies',
        'inChain',
        'coverage',
        'redundancy',
        'link',
        'path',
        'upstream',
        'midstream',
        'downstream',
      ].map((col) => tr.t(`cli:compare.col.${col}`)),
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
      ? [`  ${tr.t('cli:compare.moreRegions', { n: count(rows.length - top) })}`]
      : []),
    `  ${tr.t('cli:compare.computed', { ms: ms.toFixed(0) })}`,
  ];
}

/** The chains of one region, strongest first: text lines, the JSON / CSV document, or the workbook's rows. */
function chainsOutput(
  dataset: Dataset,
  region: string,
  p: CompareParameters,
): string[] | CompareWorkbookInput {
  const templates = loadTemplates(dataset);
  if (templates.length === 0) throw new UsageError(msg.t('cli:error.noTemplates'));
  const { sortBy, tr } = p;
  const chains = chainsOfRegion(dataset, templates, region, { sortBy, minShare: p.minShare });
  const level = regionParts(region).length;
  const coverage = compareCoverage(dataset, { level });
  if (p.format === 'json') {
    const doc = {
      dataset: dataset.name,
      ...(dataset.asOf ? { asOf: dataset.asOf } : {}),
      compare: 'chains',
      parameters: { region, level, sortBy, minShare: p.minShare, templates: templates.length },
      coverage,
      rows: chains.map(chainRecord),
    };
    return [JSON.stringify(doc, null, 2)];
  }
  if (p.format === 'csv') return [csv(chains.map(chainRecord), CHAIN_COLUMNS, p.rawCsv).trimEnd()];
  if (p.format === 'xlsx') {
    const compared: [string, string] = [tr.t('xlsx:item.compareRegion'), region];
    return {
      rows: chains.map(chainRecord),
      columns: CHAIN_COLUMNS,
      rowsAre: 'chains',
      notes: xlsxNotes(dataset, compared, p, level, chains.length, coverage, tr),
    };
  }
  return [
    tr.t('cli:compare.chainsTitle', {
      region,
      name: dataset.name,
      sortBy: tr.t(`cli:compare.figure.${sortBy}`),
    }),
    ...coverageLines(coverage, tr),
    '',
    ...table(
      [
        'chain',
        'name',
        'inChain',
        'coverage',
        'redundancy',
        'link',
        'path',
        'rank',
        'shareUnknown',
      ].map((col) => tr.t(`cli:compare.col.${col}`)),
      chains.map((c) => [
        c.template.id,
        c.template.name,
        count(c.chainCompanies),
        f2(c.completeness.coverage),
        f2(c.completeness.redundancy),
        f2(c.completeness.link),
        f2(c.completeness.path),
        tr.t('cli:compare.rankOf', { rank: c.rank, of: c.regions }),
        tr.t('cli:compare.unknownOf', {
          unknown: count(c.unknownShareMemberships),
          of: count(c.chainMemberships),
        }),
      ]),
      [2, 3, 4, 5, 6, 8],
    ),
    `  ${tr.t('cli:compare.shareUnknownNote')}`,
  ];
}

export async function compareCommand(
  datasetArg: string,
  options: CompareCommandOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const p: CompareParameters = {
    tr,
    minShare: parseNumber(options.minShare, 'min-share', ANALYZE_DEFAULTS.minShare, {
      min: 0,
      max: 1,
    }),
    level: positive(options.level, 'level', 1),
    top: positive(options.top, 'top', 40),
    sortBy: sortOption(options.sort),
    format: formatOption(options.format),
    rawCsv: options.rawCsv ?? false,
  };
  if (options.region === undefined && options.template === undefined) {
    throw new UsageError(msg.t('cli:error.compareNeeds'));
  }
  if (options.region !== undefined && options.template !== undefined) {
    throw new UsageError(msg.t('cli:error.compareBoth'));
  }
  if (p.format === 'html' && options.template === undefined)
    throw new UsageError(tr.t('map:error.htmlNeedsTemplate'));
  if (p.format === 'html' && p.level !== 1)
    throw new UsageError(tr.t('map:error.htmlNeedsProvinces', { level: p.level }));
  if (p.format === 'xlsx' && options.out === undefined) {
    throw new UsageError(msg.t('cli:error.xlsxNeedsOut'));
  }
  // A bad --out fails here, in one line, before the dataset is read (missing folders are made).
  if (options.out !== undefined) checkOutputFile(options.out, { createFolders: true });
  const path = resolveDataset(datasetArg);
  const { dataset, report } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false, tr }),
    ...(options.at !== undefined ? { at: options.at } : {}),
    tr,
    quiet: options.quiet ?? false,
    note: (line) => out.err(line),
  });
  const dated = asOfLine(dataset, tr);
  // The input's status first: on stdout above a text table or a written file, on stderr
  // when stdout holds JSON or CSV.
  const status = tr.t('cli:dataset.status', {
    name: dataset.name,
    path,
    status: inputStatus(report, tr),
  });
  if (p.format === 'text' || options.out !== undefined) {
    out.out(status);
    if (dated) out.out(dated);
  } else {
    out.err(status);
    if (dated) out.err(dated);
  }
  let lines: string[] | CompareWorkbookInput;
  if (options.region !== undefined) {
    if (clusterByRegion(dataset.companies, options.region).members.length === 0) {
      throw unknownRegionError(dataset, options.region);
    }
    lines = chainsOutput(dataset, options.region, p);
  } else {
    lines = regionsOutput(dataset, resolveTemplate(dataset, options.template!), p);
  }
  if (!Array.isArray(lines)) {
    const bytes = await compareWorkbook(lines, tr);
    mkdirSync(dirname(options.out!), { recursive: true });
    writeFileAtomic(options.out!, bytes);
    out.out(tr.t('cli:compare.written', { format: p.format, file: options.out! }));
  } else if (options.out !== undefined) {
    mkdirSync(dirname(options.out), { recursive: true });
    writeFileAtomic(options.out, `${lines.join('\n')}\n`);
    out.out(tr.t('cli:compare.written', { format: p.format, file: options.out }));
  } else {
    for (const line of lines) out.out(line);
  }
  return inputExit(report, options.allowRejected, out, tr);
}
