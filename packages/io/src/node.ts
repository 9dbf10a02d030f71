/**
 * Node-only entry (`@chainlens/io/node`): reading datasets from disk and writing them back.
 * The rest of the package is pure and runs in the browser.
 */
import {
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import type { LoadOptions, LoadResult } from './dataset.js';
import { loadDataset, loadEdgeList } from './dataset.js';
import { DataError, formatIssue } from './issues.js';
import { MANIFEST_FILE } from './manifest.js';
import type { WriteFormat } from './write.js';
import { encodeDataset } from './write.js';
import type { Dataset } from '@chainlens/core';

export type { DataIndexConfig, DataIndexFiles } from './node/data-index.js';
export { buildDataIndex, fileInside } from './node/data-index.js';

const within = (root: string, full: string) => full === root || full.startsWith(root + sep);

/**
 * The full path of `path` (as the manifest names it) in the dataset folder `dir`. Refuses, with
 * a DataError, a path that leaves the folder (`../x`, an absolute path) and one that is or goes
 * through a symbolic link to a place outside the folder; the message names the path in the
 * manifest, never what the link points at nor anything read from there. A link inside the
 * folder is followed. A path that does not exist is returned as is (the caller reports it).
 */
export function datasetPath(dir: string, path: string): string {
  const root = resolve(dir);
  const full = resolve(root, path);
  if (!within(root, full))
    throw new DataError({ where: path, code: 'path-leaves-folder', params: { dir } });
  if (!existsSync(full)) return full;
  if (!within(realpathSync(root), realpathSync(full)))
    throw new DataError({ where: path, code: 'link-leaves-folder', params: { dir } });
  return full;
}

/** Reads files of a dataset folder; refuses paths that leave the folder (`datasetPath`). */
export function folderReader(dir: string): (path: string) => Uint8Array | undefined {
  return (path) => {
    const full = datasetPath(dir, path);
    if (!existsSync(full) || !statSync(full).isFile()) return undefined;
    return readFileSync(full);
  };
}

/**
 * Loads a dataset from a path: a folder with `chainlens.json`, the manifest file itself, or a
 * bare edge-list CSV. Throws DataError with a one-line message when it cannot.
 */
export function readDataset(path: string, options: LoadOptions = {}): LoadResult {
  if (!existsSync(path)) throw new DataError({ where: path, code: 'no-such-path' });
  const stat = statSync(path);
  if (stat.isDirectory()) {
    if (!existsSync(join(path, MANIFEST_FILE))) {
      throw new DataError({
        where: path,
        code: 'not-a-dataset',
        params: { manifest: MANIFEST_FILE },
      });
    }
    return loadFolder(path, options);
  }
  if (path.endsWith(MANIFEST_FILE)) return loadFolder(dirname(path), options);
  return loadEdgeList(readFileSync(path), path, options);
}

function loadFolder(dir: string, options: LoadOptions): LoadResult {
  try {
    return withPaths(loadDataset(folderReader(dir), options), dir);
  } catch (e) {
    // A load that stops names its file relative to the folder: name it as the user can open it.
    if (!(e instanceof DataError)) throw e;
    if (e.issue) {
      const issue = { ...e.issue, file: join(dir, e.issue.file) };
      throw new DataError(formatIssue(issue).replace(': warning: ', ': '), issue);
    }
    if (e.facts?.where.startsWith(MANIFEST_FILE))
      throw new DataError({ ...e.facts, where: join(dir, e.facts.where) });
    if (e.message.startsWith(MANIFEST_FILE)) throw new DataError(join(dir, e.message));
    throw e;
  }
}

/**
 * Prefixes issue file names with the dataset path as the caller gave it, so that `file:row`
 * can be opened as shown; table reports keep names relative to the dataset folder.
 */
function withPaths(result: LoadResult, dir: string): LoadResult {
  if (dir === '' || dir === '.') return result;
  for (const i of result.report.issues) i.file = join(dir, i.file);
  return result;
}

/** Writes a dataset (manifest, tables, templates) into a folder in one format. */
export function writeDataset(dataset: Dataset, dir: string, format: WriteFormat): string[] {
  const written: string[] = [];
  for (const [path, bytes] of encodeDataset(dataset, format)) {
    const full = join(dir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
    written.push(full);
  }
  return written;
}

// Excel workbooks (exceljs): here, not in the main entry, which the viewer bundles.
export * from './export/xlsx/index.js';

// Registry exports (chainlens import).
export * from './import/credit-code.js';
export * from './import/registry.js';
export * from './node/import-read.js';
export * from './import/values.js';
export * from './import/divisions.js';
export * from './import/scope.js';
