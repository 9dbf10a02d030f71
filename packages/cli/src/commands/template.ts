/**
 * `chainlens template list [dataset]`: the chain templates a dataset can use (its own and the
 * bundled ones), with segment counts by stage and how many of the dataset's companies each
 * places in a segment.
 *
 * `chainlens template extract [dataset] --product NAME [--depth N] [--max-segments N]
 * [--subcategories] [--kind KIND…] [--id ID] [--name NAME] [--out FILE]`: a template built from
 * the dataset's product links (core `extractTemplate`), as JSON on stdout or in FILE.
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import type { ChainTemplate, Dataset, Stage } from '@chainlens/core';
import {
  UnknownProductError,
  chainStructure,
  extractTemplate,
  segmentMembership,
  suggestProducts,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import { resolveDataset } from '../datasets.js';
import { checkOutputFile, writeFileAtomic } from '../files.js';
import type { Out } from '../output.js';
import { count, table } from '../output.js';
import { availableTemplates, displayPath } from '../templates.js';
import { UsageError, msg } from '../errors.js';

/** Segments per stage of a template. */
export function stageCounts(template: ChainTemplate): Record<Stage, number> {
  const counts = { upstream: 0, midstream: 0, downstream: 0 };
  for (const s of template.segments) counts[s.stage]++;
  return counts;
}

/** Companies placed in at least one segment, and segments holding at least one company. */
function fit(dataset: Dataset, template: ChainTemplate) {
  const m = segmentMembership(dataset, chainStructure(template));
  let held = 0;
  for (const members of m.members) if (members.length > 0) held++;
  let companies = 0;
  for (let c = 0; c + 1 < m.segmentOffsets.length; c++) {
    if (m.segmentOffsets[c + 1]! > m.segmentOffsets[c]!) companies++;
  }
  return { held, companies };
}

function load(datasetArg: string): { dataset: Dataset; path: string } {
  const path = resolveDataset(datasetArg);
  return { dataset: readDataset(path).dataset, path };
}

/** `template list`. */
export function templateListCommand(datasetArg: string, out: Out, tr: Translator = EN): number {
  const { dataset, path } = load(datasetArg);
  const entries = availableTemplates(dataset);
  out.out(tr.t('cli:template.listTitle', { name: dataset.name, path, n: entries.length }));
  if (entries.length === 0) return 0;
  const rows = entries.map(({ template, source, file }) => {
    const s = stageCounts(template);
    const f = fit(dataset, template);
    return [
      template.id,
      template.name,
      tr.t(`cli:template.source.${source}`),
      count(template.segments.length),
      String(s.upstream),
      String(s.midstream),
      String(s.downstream),
      count(template.feeds.length),
      `${f.held}/${template.segments.length}`,
      count(f.companies),
      file ? displayPath(file) : '',
    ];
  });
  const header = [
    'id',
    'name',
    'source',
    'segments',
    'up',
    'mid',
    'down',
    'feeds',
    'held',
    'companies',
    'file',
  ].map((col) => tr.t(`cli:template.col.${col}`));
  for (const line of table(header, rows, [3, 4, 5, 6, 7, 8, 9])) out.out(line);
  out.out(`  ${tr.t('cli:template.listNote')}`);
  return 0;
}

export interface ExtractCommandOptions {
  product?: string;
  depth?: string;
  maxSegments?: string;
  subcategories?: boolean;
  kind?: string[];
  id?: string;
  name?: string;
  out?: string;
}

function integer(value: string | undefined, flag: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n) || n < min) {
    throw new UsageError(msg.t('cli:error.wholeMin', { flag, min, value }));
  }
  return n;
}

/** `template extract`. */
export function templateExtractCommand(
  datasetArg: string,
  options: ExtractCommandOptions,
  out: Out,
  tr: Translator = EN,
): number {
  if (!options.product) throw new UsageError(msg.t('cli:error.extractProduct'));
  const depth = integer(options.depth, '--depth', 3, 0);
  const maxSegments = integer(options.maxSegments, '--max-segments', 30, 1);
  const kinds = options.kind?.flatMap((k) => k.split(',')).map((k) => k.trim());
  // A bad --out fails here, in one line, before the dataset is read.
  if (options.out !== undefined && options.out !== '-') checkOutputFile(options.out);
  const { dataset, path } = load(datasetArg);
  if (!dataset.products || !dataset.productLinks) {
    throw new UsageError(msg.t('cli:error.extractNoProducts', { name: dataset.name, path }));
  }
  let template: ChainTemplate;
  try {
    template = extractTemplate(dataset, {
      product: options.product,
      depth,
      maxSegments,
      subcategories: options.subcategories ?? false,
      ...(kinds && kinds.length > 0 ? { kinds } : {}),
      ...(options.id ? { id: options.id } : {}),
      ...(options.name ? { name: options.name } : {}),
    });
  } catch (e) {
    if (e instanceof UnknownProductError) {
      throw new UsageError(
        msg.t('cli:error.extractUnknownProduct', {
          message: e.suggestions.length
            ? msg.t('cli:error.noProductNear', {
                product: e.product,
                suggestions: e.suggestions.map((s) => `'${s}'`).join(', '),
              })
            : msg.t('cli:error.noProduct', { product: e.product }),
          path,
        }),
      );
    }
    throw e;
  }
  const json = `${JSON.stringify(template, null, 2)}\n`;
  const s = stageCounts(template);
  const summary = tr.t('cli:template.summary', {
    id: template.id,
    segments: template.segments.length,
    up: s.upstream,
    mid: s.midstream,
    down: s.downstream,
    feeds: template.feeds.length,
  });
  // Keep stdout pure JSON when the template goes there; notes go to stderr then.
  const toFile = options.out !== undefined && options.out !== '-';
  const note = toFile ? (line: string) => out.out(line) : (line: string) => out.err(line);
  if (toFile) {
    writeFileAtomic(options.out!, json);
    out.out(tr.t('cli:template.wrote', { file: options.out, summary }));
  } else {
    out.out(json.replace(/\n$/, ''));
    out.err(summary);
  }
  if (template.segments.length === 1) {
    const linked = new Set<number>();
    const links = dataset.productLinks;
    for (let k = 0; k < links.source.length; k++) {
      if (links.type[k] === 'input_of') linked.add(links.target[k]!);
    }
    const names = new Map(dataset.products.names.map((n, i) => [n, i]));
    const near = suggestProducts(dataset, options.product, 50)
      .filter((n) => n !== template.segments[0]!.name && linked.has(names.get(n)!))
      .slice(0, 5);
    note(
      tr.t('cli:template.alone', {
        product: template.segments[0]!.name,
        name: dataset.name,
        kinds: kinds ? tr.t('cli:template.kinds', { kinds: kinds.join(', ') }) : '',
        similar: near.length ? tr.t('cli:template.similar', { products: tr.list(near) }) : '',
      }),
    );
  }
  return 0;
}
