/**
 * `chainlens diff DATASET --region R --template T --from D1 --to D2 [--out DIR]
 * [--format text|json|csv]`: what changed in a region's chain between two dates (core
 * `diffChain`, docs/time.md), one figure per line with both values. `--out DIR` writes diff.json,
 * diff.csv and diff.xlsx (the same facts; xlsx in the run's language).
 */
import type { ChainDiff, Translator } from '@chainlens/core';
import {
  seriesCells,
  ANALYZE_DEFAULTS,
  DIFF_COLUMNS,
  chainSeries,
  diffLines,
  diffRows,
  diffSnapshots,
  renderSeriesHtml,
  seriesPoint,
  yearly,
} from '@chainlens/core';
import type { SeriesPoint } from '@chainlens/core';
import { diffWorkbook } from '@chainlens/io/node';
import { EN } from '../lang.js';
import { inputExit, inputStatus, loadDataset, resolveDataset } from '../datasets.js';
import type { Out } from '../output.js';
import { table } from '../output.js';
import { UsageError, msg } from '../errors.js';
import { checkReportFolder, writeFileSet } from '../files.js';
import { csv } from '../compare-records.js';
import { parseDateOption, parseNumber } from '../options.js';
import { regionCluster } from '../region.js';
import { resolveTemplate } from '../templates.js';
import { createProgress } from '../progress.js';

export interface DiffCommandOptions {
  region?: string;
  template?: string;
  from?: string;
  to?: string;
  format?: string;
  out?: string;
  force?: boolean;
  top?: string;
  seed?: string;
  redundancy?: string;
  hhi?: string;
  minShare?: string;
  theta?: string;
  rawCsv?: boolean;
  /** `year`: the figures at every year from --from to --to as well. */
  every?: string;
  quiet?: boolean;
  allowRejected?: boolean;
}

const FORMATS = ['text', 'json', 'csv'] as const;
export const DIFF_FILES = ['diff.json', 'diff.csv', 'diff.xlsx'] as const;
const SERIES_FILE = 'history.html';

/** diff.json: the diff with its parameters, stable key order (same data ⇒ same bytes). */
export function diffJson(
  diff: ChainDiff & { series?: SeriesPoint[] },
  dataset: string,
  parameters: object,
): string {
  return `${JSON.stringify({ dataset, parameters, ...diff }, null, 2)}\n`;
}

/** The series as a text table: one row per date. */
function seriesLines(series: SeriesPoint[], tr: Translator): string[] {
  return [
    '',
    tr.t('time:section.series'),
    ...table(
      [
        tr.t('time:col.date'),
        tr.t('time:col.companies'),
        tr.t('time:col.chainFirms'),
        tr.t('time:col.present'),
        'K_cov',
        'K_red',
        'K_link',
        'K_path',
        tr.t('report:kpi.localSupply'),
      ],
      series.map((p) => seriesCells(p, tr)),
      [1, 2, 3, 4, 5, 6, 7, 8],
      '  ',
    ),
  ];
}

export async function diffCommand(
  datasetArg: string,
  options: DiffCommandOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  for (const name of ['region', 'template', 'from', 'to'] as const)
    if (options[name] === undefined) throw new UsageError(msg.t('time:error.diffNeeds', { name }));
  const from = parseDateOption(options.from!, 'from');
  const to = parseDateOption(options.to!, 'to');
  if (from >= to) throw new UsageError(msg.t('time:error.diffOrder', { from, to }));
  const format = (options.format ?? 'text') as (typeof FORMATS)[number];
  if (!FORMATS.includes(format))
    throw new UsageError(
      msg.t('cli:error.oneOf', { name: 'format', choices: FORMATS.join(', '), value: format }),
    );
  const D = ANALYZE_DEFAULTS;
  const top = parseNumber(options.top, 'top', 20, { integer: true, min: 1 });
  const parameters = {
    seed: parseNumber(options.seed, 'seed', D.seed, { integer: true }),
    redundancy: parseNumber(options.redundancy, 'redundancy', D.redundancy, { above: 0 }),
    hhiThreshold: parseNumber(options.hhi, 'hhi', D.hhiThreshold, { min: 0, max: 1 }),
    theta: parseNumber(options.theta, 'theta', D.theta, { above: 0, max: 1 }),
    minShare: parseNumber(options.minShare, 'min-share', D.minShare, { min: 0, max: 1 }),
  };
  if (options.every !== undefined && options.every !== 'year')
    throw new UsageError(
      msg.t('cli:error.oneOf', { name: 'every', choices: 'year', value: options.every }),
    );
  const files = options.every ? [...DIFF_FILES, SERIES_FILE] : [...DIFF_FILES];
  if (options.out !== undefined) checkReportFolder(options.out, files, options.force ?? false);
  const path = resolveDataset(datasetArg);
  const { dataset, report } = await loadDataset(path, {
    progress: createProgress({ quiet: options.quiet ?? false, tr }),
  });
  const template = resolveTemplate(dataset, options.template!);
  // The region must hold companies at some date: checked on the whole dataset.
  regionCluster(dataset, options.region!);
  const status = tr.t('cli:dataset.status', {
    name: dataset.name,
    path,
    status: inputStatus(report, tr),
  });
  if (format === 'text') {
    out.out(status);
    out.out();
  } else out.err(status);
  // Every year from --from to --to with --every, else the two dates: one analysis per date.
  const dates = options.every ? yearly(from, to) : [from, to];
  const snaps = chainSeries(dataset, dates, { ...parameters, region: options.region!, template });
  const diff = diffSnapshots(snaps[0]!, snaps[snaps.length - 1]!, options.region!);
  const series: SeriesPoint[] | undefined = options.every ? snaps.map(seriesPoint) : undefined;
  const rows = diffRows(diff);
  const json = diffJson(series ? { ...diff, series } : diff, dataset.name, {
    ...parameters,
    template: template.id,
  });
  const csvText = csv(
    rows as unknown as Record<string, string | number | null>[],
    [...DIFF_COLUMNS],
    options.rawCsv ?? false,
  );
  if (format === 'json') out.out(json.trimEnd());
  else if (format === 'csv') out.out(csvText.trimEnd());
  else {
    for (const line of diffLines(diff, { tr, top })) out.out(line);
    if (series) for (const line of seriesLines(series, tr)) out.out(line);
  }
  if (options.out !== undefined) {
    const notes: Array<[string, string | number]> = [
      [tr.t('time:note.dataset'), dataset.name],
      [tr.t('time:note.region'), diff.region],
      [tr.t('time:note.template'), `${template.name} (${template.id})`],
      [tr.t('time:note.from'), diff.from],
      [tr.t('time:note.to'), diff.to],
      [tr.t('time:note.parameters'), JSON.stringify(parameters)],
    ];
    const written = writeFileSet(options.out, {
      'diff.json': json,
      'diff.csv': csvText,
      'diff.xlsx': await diffWorkbook(rows, notes, tr),
      ...(series
        ? {
            [SERIES_FILE]: renderSeriesHtml(
              { chain: template.name, region: diff.region, points: series },
              tr,
            ),
          }
        : {}),
    });
    const say = (line: string) => (format === 'text' ? out.out(line) : out.err(line));
    say(tr.t('report:summary.wrote', { files: tr.list(written) }));
  }
  return inputExit(report, options.allowRejected, out, tr);
}
