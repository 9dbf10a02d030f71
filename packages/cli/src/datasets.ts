/**
 * Resolving the dataset argument: a path (folder with chainlens.json, or an edge-list CSV), or
 * the name of a dataset bundled in the repository's `datasets/` folder (`cn-listed`).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, nearest } from '@chainlens/io';

export const DEFAULT_DATASET = 'cn-listed';

/** The repository's `datasets/` folder (found upward from this file), or undefined. */
export function bundledRoot(): string | undefined {
  if (process.env.CHAINLENS_DATASETS) return process.env.CHAINLENS_DATASETS;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, 'pnpm-workspace.yaml')) && existsSync(join(dir, 'datasets')))
      return join(dir, 'datasets');
    dir = dirname(dir);
  }
  return undefined;
}

/** Names of the bundled datasets (folders with a chainlens.json). */
export function bundledDatasets(): string[] {
  const root = bundledRoot();
  if (!root) return [];
  return readdirSync(root, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(root, d.name, 'chainlens.json')))
    .map((d) => d.name)
    .sort();
}

export function resolveDataset(arg: string): string {
  if (existsSync(arg)) return arg;
  const root = bundledRoot();
  if (root && /^[\w.-]+$/.test(arg) && existsSync(join(root, arg, 'chainlens.json'))) {
    return relative(process.cwd(), join(root, arg)) || '.';
  }
  const names = bundledDatasets();
  const near = nearest(arg, names, 1);
  throw new DataError(
    `${arg}: no such file, folder or bundled dataset${near.length ? ` (did you mean '${near[0]}'?)` : ''}${names.length ? `; bundled: ${names.join(', ')}` : ''}`,
  );
}
