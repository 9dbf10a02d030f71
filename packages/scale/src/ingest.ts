/**
 * National-scale dataset loading: the manifest format of `@chainlens/io`, with the tables read
 * in chunks (companies and memberships through io's own readers fed by the chunked CSV scanner;
 * relations by `ingestRelations`), so that 5M companies and 50M relations load on one machine.
 * The result is io's `LoadResult` (a `Dataset` with typed relation columns, one validation
 * report) plus the time of each table: everything downstream runs unchanged.
 *
 * Validation and reporting are io's: the same issues (file, row, column, message), counts and
 * notes as `readDataset` gives for the same folder, and issue file names prefixed with the
 * dataset path as given. Extra relation columns are left out unless `attributes: 'keep'`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Dataset } from '@chainlens/core';
import { canonicalDataset, companyIndex, emptyMemberships } from '@chainlens/core';
import type { DecodeOptions, LoadOptions, LoadResult, Manifest, TableInput } from '@chainlens/io';
import {
  DataError,
  MANIFEST_FILE,
  formatIssue,
  formatOf,
  itemVocabulary,
  parseManifest,
  readCompanies,
  readMemberships,
  readProductTables,
  readTemplates,
} from '@chainlens/io';
import { datasetPath, readDataset } from '@chainlens/io/node';
import { closeDuck, openDuck } from './duckdb.js';
import type { IssueKind } from './issues.js';
import { CountingIssueLog } from './issues.js';
import type { Progress, ProgressSink } from './progress.js';
import { progressStep } from './progress.js';
import { ingestRelations, loadCompanyTable } from './relations.js';
import { CHUNK_BYTES, scanDelimitedChunks, textChunks } from './stream.js';

export interface IngestOptions {
  /** `issueLimit` number [100,000]: issues kept in the report (counts stay exact). */
  issueLimit?: number;
  /** `attributes` 'drop' | 'keep' ['drop']: keep extra relation columns (a string per row). */
  attributes?: 'drop' | 'keep';
  /** `engine` 'auto' | 'js' ['auto']: 'js' reads CSV relations without DuckDB. */
  engine?: 'auto' | 'js';
  /** `relations` string [the manifest's]: another relations file of the folder to read. */
  relations?: string;
  /** `threads` number [DuckDB's default]: DuckDB threads. */
  threads?: number;
  /** `progress` Progress [none]: reports rows read per table, with an ETA. */
  progress?: Progress;
}

export interface IngestResult extends LoadResult {
  /** Seconds per table (companies, memberships, relations, …) and in all. */
  seconds: Record<string, number>;
  /** How the relations were read (`duckdb`, `arrow`, `js …`) and how many rows io re-checked. */
  relationsEngine: string;
  relationsChecked: number;
  /** Every kind of issue (file, code) with its exact count, beyond `issueLimit` too. */
  issueKinds: IssueKind[];
}

/** Rows of a CSV/TSV table, estimated from its size and its first 256 KB (0: unknown). */
function estimateRows(path: string): number {
  const size = statSync(path).size;
  const format = formatOf(path);
  if (path.toLowerCase().endsWith('.gz') || (format !== 'csv' && format !== 'tsv')) return 0;
  let sample = '';
  try {
    for (const text of textChunks(path, path, {}, 1 << 18)) {
      sample = text;
      break;
    }
  } catch {
    return 0; // undecodable: the reader reports it
  }
  let lines = 0;
  for (let i = sample.indexOf('\n'); i !== -1; i = sample.indexOf('\n', i + 1)) lines++;
  const bytes = Buffer.byteLength(sample);
  return lines > 0 ? Math.round((size * lines) / bytes) : 0;
}

/**
 * A table input for io's readers: CSV/TSV streamed in chunks; other formats (JSON, Arrow)
 * read whole, as io does. `progress` counts rows.
 */
function tableInput(
  dir: string,
  file: string,
  decode: DecodeOptions,
  progress: ProgressSink,
): TableInput {
  const path = join(dir, file);
  const exists = existsSync(path) && statSync(path).isFile();
  const format = formatOf(file);
  if (!exists) return { file, bytes: undefined, decode };
  if (format !== 'csv' && format !== 'tsv') return { file, bytes: readFileSync(path), decode };
  return {
    file,
    bytes: undefined,
    decode,
    scan: (sink) => {
      let rows = 0;
      scanDelimitedChunks(
        textChunks(path, file, decode, CHUNK_BYTES),
        {
          header: (c, complete) => sink.header(c, complete),
          row: (cells, r) => {
            sink.row(cells, r);
            if (++rows % 65536 === 0) progress.update(rows);
          },
          bad: (r, code, message, column) => sink.bad(r, code, message, column),
          warn: (code, message, r) => sink.warn?.(code, message, r),
        },
        format === 'tsv' ? '\t' : ',',
      );
      progress.update(rows);
    },
  };
}

/** Replaces equal strings of a column by one flat copy each (in place). */
function intern(column: string[]): void {
  const seen = new Map<string, string>();
  for (let i = 0; i < column.length; i++) {
    const s = column[i]!;
    let shared = seen.get(s);
    if (shared === undefined) seen.set(s, (shared = flat(s)));
    column[i] = shared;
  }
}

/** A flat copy of a string (not a slice of a larger one). */
function flat(s: string): string {
  return s.length < 13 ? s : Buffer.from(s, 'utf8').toString('utf8');
}

/** A file of the folder; refuses paths that leave it, symbolic links too (io's datasetPath). */
function inside(root: string, file: string): string {
  return datasetPath(root, file);
}

/**
 * Loads a dataset folder (or a manifest file: `chainlens.json`, or any `*.json` manifest such
 * as `chainlens.parquet.json`) with the tables streamed. Throws DataError, one line naming the
 * file, when it cannot load at all (as `readDataset`).
 */
export async function ingestDataset(
  path: string,
  options: IngestOptions = {},
): Promise<IngestResult> {
  if (!existsSync(path)) throw new DataError(`${path}: no such file or folder`);
  let dir = path;
  let manifestFile = MANIFEST_FILE;
  if (statSync(path).isDirectory()) {
    if (!existsSync(join(path, MANIFEST_FILE))) {
      throw new DataError(`${path}: not a dataset folder (no ${MANIFEST_FILE} in it)`);
    }
  } else {
    dir = dirname(path);
    manifestFile = basename(path);
  }
  try {
    const result = await load(dir, manifestFile, options);
    if (dir !== '' && dir !== '.') {
      const listed = new Set(result.report.issues);
      for (const i of listed) i.file = join(dir, i.file);
      for (const k of result.issueKinds) {
        k.file = join(dir, k.file);
        if (!listed.has(k.first)) k.first.file = join(dir, k.first.file);
      }
    }
    return result;
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    if (e.issue) {
      const issue = { ...e.issue, file: join(dir, e.issue.file) };
      throw new DataError(formatIssue(issue).replace(': warning: ', ': '), issue);
    }
    if (e.message.startsWith(manifestFile)) throw new DataError(join(dir, e.message));
    throw e;
  }
}

async function load(
  dir: string,
  manifestFile: string,
  options: IngestOptions,
): Promise<IngestResult> {
  const seconds: Record<string, number> = {};
  const started = performance.now();
  let t = started;
  const lap = (name: string) => {
    const now = performance.now();
    seconds[name] = (now - t) / 1000;
    t = now;
  };
  const manifestPath = inside(dir, manifestFile);
  const manifest: Manifest = parseManifest(
    existsSync(manifestPath) ? readFileSync(manifestPath) : undefined,
    manifestFile,
  );
  const log = new CountingIssueLog(options.issueLimit);
  const decode: DecodeOptions = manifest.encoding ? { encoding: manifest.encoding } : {};
  const whole = (file: string): TableInput => {
    const full = inside(dir, file);
    return {
      file,
      bytes: existsSync(full) && statSync(full).isFile() ? readFileSync(full) : undefined,
      decode,
    };
  };
  const step = (label: string, file: string) => {
    const full = inside(dir, file);
    const rows = existsSync(full) && statSync(full).isFile() ? estimateRows(full) : 0;
    return progressStep(options.progress, `${label} (${file})`, rows);
  };

  // Companies: io's reader (fatal: no dataset without them), streamed.
  let progress = step('companies', manifest.companies);
  inside(dir, manifest.companies);
  const companies = readCompanies(tableInput(dir, manifest.companies, decode, progress), log);
  progress.stop();
  // Ids read from a chunk are slices of it: copy them out, so that the chunks can be freed and
  // look-ups compare flat strings (memberships' 6M look-ups run about twice as fast).
  const ids = companies.ids;
  for (let i = 0; i < ids.length; i++) ids[i] = flat(ids[i]!);
  // A few thousand distinct regions: one string each instead of one per company.
  intern(companies.regions);
  const index = companyIndex(companies);
  lap('companies');

  // Products, links and templates: io's own readers, as its loadDataset runs them.
  const { products, productLinks } = readProductTables(manifest, whole, log);
  if (manifest.products || manifest.productLinks) lap('products');
  const templates = readTemplates(manifest.templates, whole, log);
  lap('templates');

  let memberships = emptyMemberships();
  if (manifest.memberships) {
    progress = step('memberships', manifest.memberships);
    inside(dir, manifest.memberships);
    memberships = readMemberships(tableInput(dir, manifest.memberships, decode, progress), log, {
      companyIndex: index,
      companiesFile: manifest.companies,
      ...itemVocabulary(templates, products),
    });
    progress.stop();
    // Segment names are few and, read from a chunk, slices of it: share one copy of each.
    intern(memberships.segment);
    lap('memberships');
  }

  const relationsFile = options.relations ?? manifest.relations;
  let relations: Dataset['relations'] = {
    source: new Int32Array(0),
    target: new Int32Array(0),
    type: new Uint8Array(0),
    weight: new Float64Array(0),
    attributes: {},
  };
  let relationsEngine = 'none';
  let relationsChecked = 0;
  let duck: DuckDBConnection | undefined;
  if (relationsFile) {
    const full = inside(dir, relationsFile);
    progress = step('relations', relationsFile);
    const connect = async () => {
      if (!duck) {
        duck = await openDuck(options.threads === undefined ? {} : { threads: options.threads });
        await loadCompanyTable(duck, companies.ids);
      }
      return duck;
    };
    try {
      const result = await ingestRelations(full, relationsFile, log, {
        companyIds: companies.ids,
        companyIndex: index,
        companiesFile: manifest.companies,
        allowSelfLoops: manifest.allowSelfLoops,
        decode,
        attributes: options.attributes ?? 'drop',
        engine: options.engine ?? 'auto',
        duck: connect,
        progress,
      });
      relations = result.relations;
      relationsEngine = result.engine;
      relationsChecked = result.checked;
    } finally {
      progress.stop();
      if (duck) closeDuck(duck);
    }
    lap('relations');
  }

  let dataset: Dataset = { name: manifest.name, companies, memberships, relations, templates };
  if (products) dataset.products = products;
  if (productLinks) dataset.productLinks = productLinks;
  // Rows in canonical order, as io's loadDataset: no result depends on the files' row order.
  dataset = canonicalDataset(dataset);
  lap('canonical');
  seconds.total = (performance.now() - started) / 1000;
  return {
    dataset,
    report: log.report,
    manifest,
    seconds,
    relationsEngine,
    relationsChecked,
    issueKinds: log.issueKinds(),
  };
}

/** Table files above this size go through the streaming ingest in `readDatasetAuto`. */
export const STREAM_THRESHOLD = 64 * 2 ** 20;

/**
 * Loads a dataset the way its size asks: io's `readDataset` (all tables in memory, every
 * format io reads) when every table file of the manifest is below `threshold` bytes [64 MiB]
 * and readable by io, else `ingestDataset` (tables streamed; relations as typed columns only).
 * Both validate and report alike; a bare edge-list file always goes to io.
 */
export async function readDatasetAuto(
  path: string,
  options: IngestOptions & LoadOptions & { threshold?: number } = {},
): Promise<LoadResult & Partial<IngestResult>> {
  const threshold = options.threshold ?? STREAM_THRESHOLD;
  let dir = path;
  let manifestFile = MANIFEST_FILE;
  if (existsSync(path) && statSync(path).isFile()) {
    if (!path.endsWith('.json')) return readDataset(path, options);
    dir = dirname(path);
    manifestFile = basename(path);
  }
  const manifestPath = join(dir, manifestFile);
  if (!existsSync(manifestPath)) return readDataset(path, options);
  let manifest: Manifest;
  try {
    manifest = parseManifest(readFileSync(manifestPath), manifestFile);
  } catch {
    return readDataset(path, options); // io reports the manifest's problem
  }
  const tables = [manifest.companies, manifest.memberships, manifest.relations].filter(
    (f): f is string => f !== undefined,
  );
  const large = tables.some((f) => {
    const full = join(dir, f);
    if (!existsSync(full)) return false;
    return statSync(full).size > threshold || formatOf(f) === undefined;
  });
  return large || manifestFile !== MANIFEST_FILE
    ? ingestDataset(path, options)
    : readDataset(path, options);
}
