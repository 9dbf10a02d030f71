/**
 * Finding chain templates for a command: a template is named by id, among the dataset's own
 * templates (its manifest's `templates`) and the templates bundled with Chainlens in the
 * repository's `datasets/templates/` folder, or given as a path to a template JSON file.
 * Every template read from a file is validated with io's template reader (zod schema, then
 * core's structural check), so a command never runs on a broken template.
 *
 * Used by `template list/extract` and by the commands that take `--template ID` (analyze,
 * compare): `resolveTemplate(dataset, idOrPath)`.
 */
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { IssueLog, formatIssue, nearest, readTemplate } from '@chainlens/io';
import { CliDataError, UsageError, msg } from './errors.js';
import { bundledRoot } from './datasets.js';

/** Where a template came from. */
export type TemplateSource = 'dataset' | 'bundled' | 'file';

export interface TemplateEntry {
  template: ChainTemplate;
  source: TemplateSource;
  /** The file it was read from (bundled and file templates). */
  file?: string;
}

/**
 * The folder of the bundled templates: `templates/` in the bundled datasets folder
 * (`datasets/templates/` of the repository, or `$CHAINLENS_DATASETS/templates`); undefined
 * when there is none.
 */
export function bundledTemplatesDir(): string | undefined {
  const root = bundledRoot();
  if (!root) return undefined;
  const dir = join(root, 'templates');
  return existsSync(dir) && statSync(dir).isDirectory() ? dir : undefined;
}

/**
 * Reads and validates one template JSON file (gzip allowed). Throws a DataError that names
 * the file and every problem as `file:json.path: message`.
 */
export function readTemplateFile(file: string): ChainTemplate {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new UsageError(msg.t('cli:error.noTemplateFile', { file }));
  }
  const log = new IssueLog();
  const template = readTemplate({ file, bytes: readFileSync(file) }, log);
  if (!template) {
    throw new CliDataError(
      msg.t('cli:error.invalidTemplate', {
        issues: log.report.issues.map(formatIssue).join('; '),
      }),
    );
  }
  return template;
}

/** The bundled templates, validated, in file-name order. */
export function bundledTemplates(): TemplateEntry[] {
  const dir = bundledTemplatesDir();
  if (!dir) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json') || f.endsWith('.json.gz'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      return { template: readTemplateFile(file), source: 'bundled' as const, file };
    });
}

/**
 * Every template available for `dataset`: its own first, then the bundled ones (a bundled
 * template whose id the dataset's own templates already use is left out: the dataset's wins).
 */
export function availableTemplates(dataset: Pick<Dataset, 'templates'>): TemplateEntry[] {
  const own: TemplateEntry[] = dataset.templates.map((template) => ({
    template,
    source: 'dataset',
  }));
  const taken = new Set(dataset.templates.map((t) => t.id));
  return [...own, ...bundledTemplates().filter((e) => !taken.has(e.template.id))];
}

/** True when the argument names a file rather than a template id. */
function looksLikePath(arg: string): boolean {
  return /[/\\]/.test(arg) || /\.json(\.gz)?$/i.test(arg);
}

/**
 * Finds one template, with where it came from. `idOrPath`: a path to a template JSON file
 * (anything with a `/` or ending in `.json`), else a template id looked up among the
 * dataset's own templates, then the bundled ones. An unknown id is a UsageError that
 * suggests the nearest ids and lists the available ones; a broken file is a DataError.
 */
export function resolveTemplateEntry(
  dataset: Pick<Dataset, 'templates'>,
  idOrPath: string,
): TemplateEntry {
  if (looksLikePath(idOrPath)) {
    return { template: readTemplateFile(idOrPath), source: 'file', file: idOrPath };
  }
  const own = dataset.templates.find((t) => t.id === idOrPath);
  if (own) return { template: own, source: 'dataset' };
  const all = availableTemplates(dataset);
  const found = all.find((e) => e.template.id === idOrPath);
  if (found) return found;
  const ids = all.map((e) => e.template.id);
  const near = nearest(idOrPath, ids, 2);
  throw new UsageError(
    msg.t('cli:error.unknownTemplate', {
      id: idOrPath,
      didYouMean:
        near.length === 2
          ? msg.t('cli:error.didYouMeanEither', { a: `'${near[0]}'`, b: `'${near[1]}'` })
          : near.length === 1
            ? msg.t('cli:error.didYouMean', { suggestion: `'${near[0]}'` })
            : '',
      available: ids.join(', ') || msg.t('cli:analyze.none'),
    }),
  );
}

/**
 * Finds one template by id (the dataset's own, then the bundled ones) or by path to a JSON
 * file; see `resolveTemplateEntry`. Throws UsageError (exit 2) for an unknown id or missing
 * file, DataError (exit 1) for an invalid template file.
 */
export function resolveTemplate(
  dataset: Pick<Dataset, 'templates'>,
  idOrPath: string,
): ChainTemplate {
  return resolveTemplateEntry(dataset, idOrPath).template;
}

/**
 * The templates named by `ids` (ids or paths, each resolved by `resolveTemplate`), or, with
 * no ids, every template available for the dataset (its own, then the bundled ones).
 */
export function loadTemplates(dataset: Dataset, ids?: readonly string[]): ChainTemplate[] {
  if (ids && ids.length > 0) return ids.map((id) => resolveTemplate(dataset, id));
  return availableTemplates(dataset).map((e) => e.template);
}

/** A file path for messages: relative to the working directory when that is shorter. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel.length < file.length ? rel : file;
}
