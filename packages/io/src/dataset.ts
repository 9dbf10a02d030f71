/**
 * Loading a whole dataset: the manifest, then companies, products, templates, memberships,
 * relations and product links, each validated, with one `ValidationReport` for all. Pure: the
 * caller hands the bytes (from disk in Node, from dropped files in the browser).
 */
import type { ChainTemplate, Dataset, ProductLinkTable, ProductTable } from '@chainlens/core';
import { canonicalDataset, companyIndex, emptyMemberships, segmentsForItem } from '@chainlens/core';
import type { ValidationReport } from './issues.js';
import { DataError, IssueLog } from './issues.js';
import type { Manifest } from './manifest.js';
import { MANIFEST_FILE, manifestSchema } from './manifest.js';
import { jsonPath, readTemplate } from './tables/templates.js';
import { readCompanies } from './tables/companies.js';
import { readMemberships } from './tables/memberships.js';
import { readProductLinks, readProducts } from './tables/products.js';
import { readRelations } from './tables/relations.js';
import { decodeText } from './text.js';
import type { TableInput } from './tables/common.js';

/** Reads a file of the dataset by its path relative to the dataset folder; undefined if missing. */
export type FileReader = (path: string) => Uint8Array | undefined;

export interface LoadOptions {
  /** At most this many issues are kept in the report (counts stay exact). Default 100,000. */
  issueLimit?: number;
}

export interface LoadResult {
  dataset: Dataset;
  report: ValidationReport;
  manifest: Manifest;
}

/** Parses and checks `chainlens.json`. Throws DataError naming the key on any problem. */
export function parseManifest(bytes: Uint8Array | undefined, file = MANIFEST_FILE): Manifest {
  if (!bytes) throw new DataError({ where: file, code: 'manifest-missing' });
  let data: unknown;
  try {
    data = JSON.parse(decodeText(bytes, file));
  } catch (e) {
    if (e instanceof DataError) throw e;
    throw new DataError({
      where: file,
      code: 'manifest-json',
      params: { reason: (e as Error).message },
    });
  }
  const parsed = manifestSchema.safeParse(data);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    const key = jsonPath(first.path);
    // `file:key: …`, or `file: …` for the manifest as a whole.
    const where = key ? `${file}:${key}` : file;
    throw new DataError(
      first.code === 'unrecognized_keys'
        ? {
            where,
            code: 'manifest-unknown-keys',
            params: {
              count: first.keys.length,
              keys: first.keys.map((k) => `'${k}'`),
              known: Object.keys(manifestSchema.shape),
            },
          }
        : { where, code: 'manifest-key', params: { reason: first.message } },
    );
  }
  return parsed.data;
}

/** Builds the "is this membership item known" check from templates and the product list. */
export function itemVocabulary(templates: ChainTemplate[], products: ProductTable | undefined) {
  if (templates.length === 0 && !products) return {};
  const known = new Set<string>(products?.ids ?? []);
  for (const t of templates) for (const s of t.segments) known.add(s.id);
  const cache = new Map<string, boolean>();
  const isKnownItem = (item: string) => {
    if (known.has(item)) return true;
    let hit = cache.get(item);
    if (hit === undefined) {
      hit = templates.some((t) => segmentsForItem(t, item).length > 0);
      cache.set(item, hit);
    }
    return hit;
  };
  return { isKnownItem, knownItems: () => known };
}

/**
 * The products table and the product links of a manifest (links need products), read through
 * `input`. Shared by `loadDataset` and the national-scale ingest (@chainlens/scale).
 */
export function readProductTables(
  manifest: Manifest,
  input: (file: string) => TableInput,
  log: IssueLog,
): { products: ProductTable | undefined; productLinks: ProductLinkTable | undefined } {
  let products: ProductTable | undefined;
  let productLinks: ProductLinkTable | undefined;
  if (manifest.products) products = readProducts(input(manifest.products), log);
  if (manifest.productLinks) {
    if (!products) {
      throw new DataError({ where: MANIFEST_FILE, code: 'links-need-products' });
    }
    productLinks = readProductLinks(
      input(manifest.productLinks),
      log,
      products,
      manifest.products!,
    );
  }
  return { products, productLinks };
}

/**
 * The chain templates of a manifest; a template whose id another one already uses is an error
 * (`duplicate-template`) and is left out. Shared by `loadDataset` and @chainlens/scale.
 */
export function readTemplates(
  files: readonly string[],
  input: (file: string) => TableInput,
  log: IssueLog,
): ChainTemplate[] {
  const templates: ChainTemplate[] = [];
  const templateIds = new Map<string, string>();
  for (const file of files) {
    const t = readTemplate(input(file), log);
    if (!t) continue;
    const other = templateIds.get(t.id);
    if (other !== undefined) {
      log.add({
        severity: 'error',
        code: 'duplicate-template',
        file,
        column: 'id',
        message: `template id '${t.id}' is also used by ${other}`,
      });
      const report = log.report.tables[log.report.tables.length - 1]!;
      report.accepted = 0;
      report.rejected = 1;
      continue;
    }
    templateIds.set(t.id, file);
    templates.push(t);
  }
  return templates;
}

/** Loads a dataset described by a manifest. Throws DataError only when it cannot load at all. */
export function loadDataset(read: FileReader, options: LoadOptions = {}): LoadResult {
  const manifest = parseManifest(read(MANIFEST_FILE));
  const log = new IssueLog(options.issueLimit);
  const decode = manifest.encoding ? { encoding: manifest.encoding } : {};
  const input = (file: string) => ({ file, bytes: read(file), decode });

  const companies = readCompanies(input(manifest.companies), log);
  const index = companyIndex(companies);

  const { products, productLinks } = readProductTables(manifest, input, log);
  const templates = readTemplates(manifest.templates, input, log);

  const vocabulary = itemVocabulary(templates, products);
  const memberships = manifest.memberships
    ? readMemberships(input(manifest.memberships), log, {
        companyIndex: index,
        companiesFile: manifest.companies,
        ...vocabulary,
      })
    : emptyMemberships();

  const relations = manifest.relations
    ? readRelations(input(manifest.relations), log, {
        resolve: (id) => index.get(id),
        allowSelfLoops: manifest.allowSelfLoops,
        companiesFile: manifest.companies,
      }).relations
    : emptyRelations();

  const dataset: Dataset = { name: manifest.name, companies, memberships, relations, templates };
  if (products) dataset.products = products;
  if (productLinks) dataset.productLinks = productLinks;
  // Rows in canonical order, so that no result depends on the order of the files' rows (the
  // report above names the files' own rows).
  return { dataset: canonicalDataset(dataset), report: log.report, manifest };
}

function emptyRelations() {
  return {
    source: new Int32Array(0),
    target: new Int32Array(0),
    type: new Uint8Array(0),
    weight: new Float64Array(0),
    attributes: {},
  };
}

/**
 * Loads a bare edge list (`source,target[,weight][,type]`) as a dataset: companies are the
 * endpoints (named by their id), in canonical order (by id) as every loaded dataset; self-loops
 * are kept and counted.
 */
export function loadEdgeList(
  bytes: Uint8Array,
  file: string,
  options: LoadOptions = {},
): LoadResult {
  const log = new IssueLog(options.issueLimit);
  const ids: string[] = [];
  const index = new Map<string, number>();
  const { relations, report } = readRelations({ file, bytes }, log, {
    table: 'edges',
    allowSelfLoops: true,
    resolveCreates: true,
    resolve: (id) => {
      let i = index.get(id);
      if (i === undefined) {
        i = ids.length;
        ids.push(id);
        index.set(id, i);
      }
      return i;
    },
  });
  if (report.failed) {
    const issue = log.report.issues.find((i) => i.severity === 'error');
    throw new DataError(
      `${file}${issue?.row ? `:${issue.row}` : ''}: ${issue?.message ?? 'could not be read'}`,
      issue,
    );
  }
  const name = file.replace(/^.*[\\/]/, '').replace(/\.(csv|tsv)(\.gz)?$/i, '');
  const dataset: Dataset = {
    name,
    companies: { ids, names: ids.slice(), regions: ids.map(() => ''), attributes: {} },
    memberships: emptyMemberships(),
    relations,
    templates: [],
  };
  const manifest = manifestSchema.parse({
    name,
    companies: file,
    relations: file,
    allowSelfLoops: true,
  });
  return { dataset: canonicalDataset(dataset), report: log.report, manifest };
}
