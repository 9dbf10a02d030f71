/**
 * Loading a dataset inside the worker: from the server (`data/index.json` entries) or from files
 * the user dropped. Parsing and validation are `@chainlens/io`'s pure entry, the same code the
 * CLI runs; this module only gathers the bytes that `loadDataset` asks for.
 */
import type { ChainTemplate } from '@chainlens/core';
import { checkTemplate } from '@chainlens/core';
import type { LoadResult, Manifest } from '@chainlens/io';
import {
  DataError,
  MANIFEST_FILE,
  formatOf,
  loadDataset,
  loadEdgeList,
  parseManifest,
  templateSchema,
} from '@chainlens/io';
import type { DataIndex, DataIndexEntry, DroppedFile } from '../protocol.js';
import { t } from '../i18n.js';

export type Progress = (message: string) => void;

/** `a/./b/../c` → `a/c`; leading `./` and `/` dropped. Paths are compared in this form. */
export function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.replace(/\\/g, '/').split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}

/** Every file a manifest names. */
export function manifestFiles(manifest: Manifest): string[] {
  const files = [
    manifest.companies,
    manifest.memberships,
    manifest.relations,
    manifest.products,
    manifest.productLinks,
    ...manifest.templates,
  ];
  return [...new Set(files.filter((f): f is string => typeof f === 'string'))];
}

const mb = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

async function fetchBytes(url: string): Promise<Uint8Array | undefined> {
  const response = await fetch(url);
  if (response.status === 404) return undefined;
  if (!response.ok) throw new DataError(`${url}: HTTP ${response.status} ${response.statusText}`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Loads a dataset the server offers. */
export async function loadFromUrl(
  entry: DataIndexEntry,
  base: string,
  progress: Progress,
): Promise<LoadResult> {
  const url = new URL(entry.url, base).href;
  const fileName = decodeURIComponent(url.replace(/^.*\//, ''));
  progress(t('viewer:worker.fetching', { file: fileName }));
  const first = await fetchBytes(url);
  if (!first) throw new DataError(`${entry.url}: not found on the server`);
  if (entry.kind === 'edge-list') {
    progress(t('viewer:worker.parsingSize', { file: fileName, size: mb(first.length) }));
    return loadEdgeList(first, fileName);
  }
  const manifest = parseManifest(first);
  const files = new Map<string, Uint8Array | undefined>([[MANIFEST_FILE, first]]);
  const names = manifestFiles(manifest);
  let done = 0;
  let bytes = 0;
  await Promise.all(
    names.map(async (name) => {
      const data = await fetchBytes(new URL(name, url).href);
      files.set(normalizePath(name), data);
      done++;
      bytes += data?.length ?? 0;
      progress(t('viewer:worker.fetched', { done, n: names.length, size: mb(bytes) }));
    }),
  );
  progress(t('viewer:worker.validating', { name: manifest.name }));
  return loadDataset((path) => files.get(normalizePath(path)));
}

/** Roles of loose table files recognised by name when no chainlens.json was dropped. */
const ROLE_NAMES: Record<string, keyof Manifest> = {
  companies: 'companies',
  memberships: 'memberships',
  relations: 'relations',
  products: 'products',
  'product-links': 'productLinks',
  product_links: 'productLinks',
  productlinks: 'productLinks',
};

const baseName = (path: string) => path.replace(/^.*\//, '');
const stem = (path: string) =>
  baseName(path)
    .toLowerCase()
    .replace(/\.gz$/, '')
    .replace(/\.[^.]+$/, '');

/**
 * Loads files the user dropped or picked: a dataset folder with `chainlens.json` (found at any
 * depth; the shallowest wins), loose tables named `companies.csv`, `relations.csv`, … (a
 * manifest is made up for them), or a single edge-list table.
 */
export async function loadFromFiles(
  dropped: DroppedFile[],
  progress: Progress,
): Promise<LoadResult> {
  if (dropped.length === 0) throw new DataError('no files were given');
  const entries = dropped.map((d) => ({ path: normalizePath(d.path), file: d.file }));
  const manifests = entries
    .filter((e) => baseName(e.path) === MANIFEST_FILE)
    .sort((a, b) => a.path.split('/').length - b.path.split('/').length);
  const read = async (blob: Blob) => new Uint8Array(await blob.arrayBuffer());

  if (manifests[0]) {
    const root = manifests[0].path.slice(0, -MANIFEST_FILE.length);
    const byPath = new Map<string, Blob>();
    for (const e of entries)
      if (e.path.startsWith(root)) byPath.set(e.path.slice(root.length), e.file);
    const manifest = parseManifest(await read(manifests[0].file));
    const files = new Map<string, Uint8Array | undefined>();
    files.set(MANIFEST_FILE, await read(manifests[0].file));
    for (const name of manifestFiles(manifest)) {
      const blob = byPath.get(normalizePath(name));
      progress(t('viewer:worker.reading', { file: name }));
      files.set(normalizePath(name), blob ? await read(blob) : undefined);
    }
    progress(t('viewer:worker.validating', { name: manifest.name }));
    return loadDataset((path) => files.get(normalizePath(path)));
  }

  const tables = entries.filter((e) => formatOf(e.path) !== undefined);
  const roles: Record<string, string> = {};
  const templates: string[] = [];
  for (const e of tables) {
    const role = ROLE_NAMES[stem(e.path)];
    if (role) {
      if (roles[role]) {
        throw new DataError(
          t('viewer:error.twoFiles', { role, first: roles[role], second: e.path }),
        );
      }
      roles[role] = e.path;
    } else if (formatOf(e.path) === 'json') templates.push(e.path);
  }
  if (roles.companies) {
    const manifest = {
      name: stem(roles.companies) === 'companies' ? 'dropped files' : 'data',
      ...roles,
      templates,
    };
    const files = new Map<string, Uint8Array | undefined>();
    files.set(MANIFEST_FILE, new TextEncoder().encode(JSON.stringify(manifest)));
    for (const e of tables) {
      progress(t('viewer:worker.reading', { file: e.path }));
      files.set(e.path, await read(e.file));
    }
    progress(t('viewer:worker.validatingDropped'));
    return loadDataset((path) => files.get(normalizePath(path)));
  }
  const only =
    tables.length === 1 ? tables[0] : tables.find((t) => ROLE_NAMES[stem(t.path)] === 'relations');
  if (only && formatOf(only.path) !== 'json') {
    progress(t('viewer:worker.parsing', { file: only.path }));
    return loadEdgeList(await read(only.file), only.path);
  }
  throw new DataError(
    t('viewer:error.unknownDrop', {
      count: entries.length,
      n: entries.length,
      manifest: MANIFEST_FILE,
    }),
  );
}

/** A shared template (datasets/templates/*.json) parsed and checked as the io reader does. */
export function parseSharedTemplate(bytes: Uint8Array, file: string): ChainTemplate {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new DataError(`${file}: malformed JSON: ${(e as Error).message}`);
  }
  const parsed = templateSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new DataError(`${file}: ${issue.path.join('.')}: ${issue.message}`);
  }
  const problems = checkTemplate(parsed.data);
  if (problems.length > 0)
    throw new DataError(`${file}: ${problems[0]!.path}: ${problems[0]!.message}`);
  return parsed.data;
}

/** Fetches and checks the shared templates; a bad file becomes a problem line, not a failure. */
export async function loadSharedTemplates(
  templates: DataIndex['templates'],
  base: string,
): Promise<{ templates: { template: ChainTemplate; file: string }[]; problems: string[] }> {
  const out: { template: ChainTemplate; file: string }[] = [];
  const problems: string[] = [];
  for (const t of templates) {
    try {
      const bytes = await fetchBytes(new URL(t.url, base).href);
      if (!bytes) throw new DataError(`${t.file}: not found on the server`);
      out.push({ template: parseSharedTemplate(bytes, t.file), file: t.file });
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { templates: out, problems };
}
