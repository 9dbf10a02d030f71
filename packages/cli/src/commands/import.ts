/**
 * `chainlens import <file.xlsx|.csv> --out DIR [--template ID …] [--mapping FILE] [--name NAME]
 * [--force]`: an
 * enterprise-registry export (企查查 / 天眼查 / 启信宝 style) → a dataset folder: chainlens.json,
 * companies.csv (id = the unified social credit code, name, region, status_group, then every
 * other column of the export) and import-report.json (counts, excluded firms, every problem).
 * Rows whose credit code fails GB 32100-2015 are rejected, a duplicate code is kept once, and
 * firms no longer operating (注销, 吊销, 迁出 …) are left out and listed. With `--template`,
 * memberships.csv places firms in the template's segments from 经营范围 and 国标行业 (io's
 * `placeFirm`; share empty = unknown), and the firms placed nowhere are counted by industry.
 * The reading and checks are io's (`importRows`); this prints the summary and writes the files.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { basename, extname, join, resolve } from 'node:path';
import type { Translator } from '@chainlens/core';
import { MANIFEST_FILE, toCsv } from '@chainlens/io';
import type { ChainTemplate } from '@chainlens/core';
import type { ImportProblem, ImportResult } from '@chainlens/io/node';
import { addressResolver, importRows, readExport, readMapping } from '@chainlens/io/node';
import { bundledRoot } from '../datasets.js';
import { EN } from '../lang.js';
import { CliDataError, msg } from '../errors.js';
import { checkReportFolder, writeFileSet } from '../files.js';
import { resolveTemplate } from '../templates.js';
import type { Out } from '../output.js';

export const IMPORT_FILES = [
  MANIFEST_FILE,
  'companies.csv',
  'memberships.csv',
  'import-report.json',
] as const;

/** Problems printed in the summary; import-report.json lists every one. */
export const PROBLEMS_LISTED = 50;

/** Industries named in the summary line of firms placed nowhere; import-report.json has all. */
export const UNPLACED_INDUSTRIES_LISTED = 5;

/** Excluded firms printed in the summary; import-report.json lists every one. */
export const EXCLUDED_LISTED = 20;

export interface ImportOptions {
  out: string;
  mapping?: string;
  template?: string[];
  name?: string;
  force?: boolean;
}

/** `file:sheet:row:column: severity: message` (row and column left out for the whole sheet). */
export function problemLine(p: ImportProblem, tr: Translator): string {
  const at = [p.file, p.sheet, ...(p.row > 0 ? [String(p.row), p.column] : [])].join(':');
  return `${at}: ${tr.t(`import:severity.${p.severity}`)}: ${tr.t(`import:problem.${p.code}`, p.params)}`;
}

function manifest(result: ImportResult, name: string): object {
  return {
    name,
    description: `Companies imported from the registry export ${basename(result.file)} (sheet ${result.sheet}) by chainlens import: operating firms only, ids are unified social credit codes.`,
    source: basename(result.file),
    companies: 'companies.csv',
    ...(result.memberships.length > 0 ? { memberships: 'memberships.csv' } : {}),
    templates: [],
  };
}

/** A CSV of text columns: `names` and the rows, cell i under `names[i]`. */
function textCsv(names: readonly string[], rows: readonly (readonly string[])[]): string {
  return toCsv({
    columns: names.map((name, i) => ({
      name,
      kind: 'string' as const,
      values: rows.map((r) => r[i]!),
    })),
  });
}

/** memberships.csv: one row per firm and segment; share empty = unknown (flag share-unknown). */
const MEMBERSHIP_COLUMNS = [
  'company',
  'segment',
  'share',
  'kind',
  'flag',
  'segment_name',
  'evidence',
] as const;

function membershipsCsv(result: ImportResult): string {
  return textCsv(
    MEMBERSHIP_COLUMNS,
    result.memberships.map((m) => [
      m.company,
      m.segment,
      '',
      m.kind,
      'share-unknown',
      m.segmentName,
      m.evidence,
    ]),
  );
}

/** "name n、name n …" of the largest counts, then "…". */
function topCounts(counts: Map<string, number>, limit: number, tr: Translator): string {
  const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const shown = sorted.slice(0, limit).map(([k, n]) => `${k} ${tr.count(n)}`);
  return tr.list(sorted.length > limit ? [...shown, '…'] : shown);
}

/** The summary lines of the segment placement. */
function placementLines(
  result: ImportResult,
  templates: ChainTemplate[],
  tr: Translator,
): string[] {
  const placed = new Set(result.memberships.map((m) => m.company)).size;
  const lines = [
    tr.t('import:summary.placed', {
      templates: tr.list(templates.map((t) => t.name)),
      placed: tr.count(placed),
      imported: tr.count(result.counts.imported),
      memberships: tr.count(result.memberships.length),
    }),
  ];
  const perSegment = new Map<string, number>();
  for (const m of result.memberships)
    perSegment.set(m.segmentName, (perSegment.get(m.segmentName) ?? 0) + 1);
  if (perSegment.size > 0)
    lines.push(tr.t('import:summary.bySegment', { segments: topCounts(perSegment, 50, tr) }));
  const u = result.unplaced;
  if (u.length > 0) {
    const byIndustry = new Map<string, number>();
    for (const f of u) {
      const k = f.industry || tr.t('import:summary.noIndustry');
      byIndustry.set(k, (byIndustry.get(k) ?? 0) + 1);
    }
    lines.push(
      tr.t('import:summary.unplaced', {
        n: tr.count(u.length),
        trade: tr.count(u.filter((f) => f.reason === 'trade-only').length),
        none: tr.count(u.filter((f) => f.reason === 'no-match').length),
        industries: topCounts(byIndustry, UNPLACED_INDUSTRIES_LISTED, tr),
      }),
    );
  }
  return lines;
}

function report(result: ImportResult, tr: Translator): object {
  return {
    generator: { name: 'chainlens', command: 'import' },
    file: result.file,
    sheet: result.sheet,
    headerRow: result.headerRow,
    mapped: result.mapped,
    counts: result.counts,
    size: result.sizeFrom,
    excluded: result.excluded,
    placement: {
      memberships: result.memberships.length,
      placed: new Set(result.memberships.map((m) => m.company)).size,
      unplaced: result.unplaced,
    },
    problems: result.problems.map((p) => ({
      ...p,
      message: tr.t(`import:problem.${p.code}`, p.params),
    })),
  };
}

/** The address resolver over the shipped NBS division list (datasets/cn-admin-divisions). */
function divisions() {
  const root = bundledRoot();
  const path = root && join(root, 'cn-admin-divisions', 'divisions.csv');
  return path && existsSync(path) ? addressResolver(readFileSync(path, 'utf8')) : undefined;
}

export async function importCommand(
  file: string,
  options: ImportOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  checkReportFolder(options.out, IMPORT_FILES, options.force ?? false);
  const templates = (options.template ?? []).map((id) => resolveTemplate({ templates: [] }, id));
  const mapping = options.mapping ? readMapping(options.mapping) : {};
  const sheet = await readExport(file);
  const result = importRows(sheet.rows, file, sheet.name, mapping, {
    resolveAddress: divisions(),
    templates,
  });
  const c = result.counts;
  if (result.headerRow > 0) {
    out.out(tr.t('import:summary.title', { file, sheet: sheet.name, row: result.headerRow }));
    const columns = Object.entries(result.mapped).map(
      ([field, header]) => `${tr.t(`import:field.${field}`)} ← ${header}`,
    );
    out.out(tr.t('import:summary.mapped', { columns: tr.list(columns) }));
    const n = (x: number) => tr.count(x);
    out.out(
      tr.t('import:summary.counts', {
        read: n(c.read),
        imported: n(c.imported),
        excluded: n(c.excluded),
        rejected: n(c.rejected),
        duplicates: n(c.duplicates),
      }),
    );
    out.out(tr.t(`import:summary.size.${result.sizeFrom}`));
    if (templates.length > 0)
      for (const line of placementLines(result, templates, tr)) out.out(line);
  }
  if (result.excluded.length > 0) {
    out.out(tr.t('import:summary.excluded'));
    for (const e of result.excluded.slice(0, EXCLUDED_LISTED))
      out.out(tr.t('import:summary.excludedLine', { ...e }));
    const more = result.excluded.length - EXCLUDED_LISTED;
    if (more > 0) out.out(tr.t('import:summary.excludedMore', { n: tr.count(more) }));
  }
  if (result.problems.length > 0) {
    out.out(tr.t('import:summary.problems'));
    for (const p of result.problems.slice(0, PROBLEMS_LISTED)) out.out(problemLine(p, tr));
    const more = result.problems.length - PROBLEMS_LISTED;
    if (more > 0) out.out(tr.t('import:summary.problemsMore', { n: tr.count(more) }));
  }
  if (c.imported === 0) {
    throw new CliDataError(msg.t('import:error.nothing', { file, rejected: c.rejected }));
  }
  const name = options.name ?? basename(file, extname(file));
  const files = {
    [MANIFEST_FILE]: `${JSON.stringify(manifest(result, name), null, 2)}\n`,
    'companies.csv': textCsv(result.columns, result.rows),
    ...(templates.length > 0 ? { 'memberships.csv': membershipsCsv(result) } : {}),
    'import-report.json': `${JSON.stringify(report(result, tr), null, 2)}\n`,
  };
  // A memberships.csv of an earlier import with --template would outlive its manifest entry.
  if (templates.length === 0) rmSync(join(options.out, 'memberships.csv'), { force: true });
  writeFileSet(options.out, files);
  out.out(tr.t('import:summary.written', { dir: options.out, files: tr.list(Object.keys(files)) }));
  const dir = resolve(options.out) === resolve('.') ? '.' : options.out;
  out.out(
    templates.length > 0
      ? tr.t('import:summary.nextTemplate', { dir, template: options.template![0] })
      : tr.t('import:summary.next', { dir }),
  );
  return 0;
}
