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
import { UsageError } from '../errors.js';

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
export function templateListCommand(datasetArg: string, out: Out, _tr: Translator = EN): number {
  const { dataset, path } = load(datasetArg);
  const entries = availableTemplates(dataset);
  out.out(`Chain templates for dataset ${dataset.name} (${path}): ${entries.length}`);
  if (entries.length === 0) return 0;
  const rows = entries.map(({ template, source, file }) => {
    const s = stageCounts(template);
    const f = fit(dataset, template);
    return [
      template.id,
      template.name,
      source,
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
  const header = ['id', 'name', 'source', 'segments', 'up', 'mid', 'down', 'feeds', 'held'];
  for (const line of table([...header, 'companies', 'file'], rows, [3, 4, 5, 6, 7, 8, 9])) {
    out.out(line);
  }
  out.out(
    '  held: segments with at least one company of the dataset; companies: companies in at least one segment',
  );
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
    throw new UsageError(`${flag} must be a whole number ≥ ${min}, got '${value}'`);
  }
  return n;
}

/** `template extract`. */
export function templateExtractCommand(
  datasetArg: string,
  options: ExtractCommandOptions,
  out: Out,
  _tr: Translator = EN,
): number {
  if (!options.product) throw new UsageError('template extract needs --product NAME');
  const depth = integer(options.depth, '--depth', 3, 0);
  const maxSegments = integer(options.maxSegments, '--max-segments', 30, 1);
  const kinds = options.kind?.flatMap((k) => k.split(',')).map((k) => k.trim());
  // A bad --out fails here, in one line, before the dataset is read.
  if (options.out !== undefined && options.out !== '-') checkOutputFile(options.out);
  const { dataset, path } = load(datasetArg);
  if (!dataset.products || !dataset.productLinks) {
    throw new UsageError(
      `dataset ${dataset.name} (${path}) has no products and product links: template extract needs them (manifest keys "products" and "productLinks")`,
    );
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
      throw new UsageError(`${e.message.replace(/^unknown product/, `no product`)} (in ${path})`);
    }
    throw e;
  }
  const json = `${JSON.stringify(template, null, 2)}\n`;
  const s = stageCounts(template);
  const summary = `template ${template.id}: ${template.segments.length} segments (${s.upstream} upstream, ${s.midstream} midstream, ${s.downstream} downstream), ${template.feeds.length} feeds`;
  // Keep stdout pure JSON when the template goes there; notes go to stderr then.
  const toFile = options.out !== undefined && options.out !== '-';
  const note = toFile ? (line: string) => out.out(line) : (line: string) => out.err(line);
  if (toFile) {
    writeFileAtomic(options.out!, json);
    out.out(`wrote ${options.out}: ${summary}`);
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
      `note: ${template.segments[0]!.name} has no input_of link in ${dataset.name}${kinds ? ` (kinds: ${kinds.join(', ')})` : ''}, so the template is the product alone${near.length ? `; similar products with inputs: ${near.join(', ')}` : ''}`,
    );
  }
  return 0;
}
