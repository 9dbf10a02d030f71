/**
 * `buildDataIndex`: the datasets and templates offered to the viewer as `data/index.json`
 * (`DataIndex`, data-index.ts) and the allow-list of the files behind its URLs. One builder for
 * `chainlens serve` and the viewer's Vite data plugin (dev server and static build).
 *
 * Every file is resolved to its real path (symlinks followed) and must be a regular file inside
 * its dataset folder; a manifest that does not parse is not offered (the viewer reports a broken
 * manifest when it loads it).
 */
import { existsSync, lstatSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { DataIndex, DataIndexEntry } from '../data-index.js';
import { parseManifest } from '../dataset.js';
import { MANIFEST_FILE } from '../manifest.js';

export interface DataIndexConfig {
  /** `datasetsDir` string [none]: a datasets/ folder: every subfolder with a manifest, and templates/*.json. */
  datasetsDir?: string;
  /** `dataset` string [none]: a dataset given on its own: a folder, its manifest, or an edge-list file; opened first. */
  dataset?: string;
  /** `defaultOpen` string [none]: id of the bundled dataset to open when none is given (when it exists). */
  defaultOpen?: string;
  /** `givenId` string [from the folder name]: the id of the given dataset, kept by a server while its folder is away so that its URLs stay the same. */
  givenId?: string;
}

export interface DataIndexFiles {
  index: DataIndex;
  /** URL path (decoded, without the leading `/`, e.g. `data/cn-listed/companies.csv`) → real path. */
  files: Map<string, string>;
  /** Set while the given dataset cannot be read (moved, deleted, being regenerated): its id and why. */
  missing?: { id: string; message: string };
  /** The id given to the given dataset (when it was found). */
  givenId?: string;
}

/** The real path of `path` when it is a regular file inside `root` (a real path); else undefined. */
export function fileInside(root: string, path: string): string | undefined {
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return undefined;
  }
  if (real !== root && !real.startsWith(root + sep)) return undefined;
  try {
    return statSync(real).isFile() ? real : undefined;
  } catch {
    return undefined;
  }
}

const urlPart = (s: string) => s.split('/').map(encodeURIComponent).join('/');

/** `data/index.json` and the files it offers. Reads the disk afresh on every call. */
export function buildDataIndex(config: DataIndexConfig): DataIndexFiles {
  const files = new Map<string, string>();
  const datasets: DataIndexEntry[] = [];
  const templates: { url: string; file: string }[] = [];
  let open: string | undefined;
  const ids = new Set<string>();
  const bundledDirs = new Map<string, string>(); // real path → id

  const addManifest = (dir: string, id: string, bundled: boolean) => {
    let root: string;
    try {
      root = realpathSync(dir);
    } catch {
      return; // gone since it was listed
    }
    const manifestFile = fileInside(root, join(root, MANIFEST_FILE));
    if (!manifestFile) return;
    let manifest;
    try {
      manifest = parseManifest(readFileSync(manifestFile));
    } catch {
      return; // the viewer reports a broken manifest when it loads it; here it is not offered
    }
    files.set(`data/${id}/${MANIFEST_FILE}`, manifestFile);
    const named = [
      manifest.companies,
      manifest.memberships,
      manifest.relations,
      manifest.products,
      manifest.productLinks,
      ...manifest.templates,
    ];
    for (const name of named) {
      if (typeof name !== 'string') continue;
      const real = fileInside(root, resolve(root, name));
      // The key is the name as the manifest writes it, normalised as the viewer fetches it.
      const key = relative(root, resolve(root, name)).split(sep).join('/');
      if (real && !key.startsWith('..')) files.set(`data/${id}/${key}`, real);
    }
    ids.add(id);
    datasets.push({
      id,
      name: manifest.name,
      ...(manifest.description ? { description: manifest.description } : {}),
      ...(manifest.license ? { license: manifest.license } : {}),
      kind: 'manifest',
      url: `data/${urlPart(id)}/${MANIFEST_FILE}`,
      bundled,
    });
    if (bundled) bundledDirs.set(root, id);
  };

  const datasetsDir = config.datasetsDir;
  if (datasetsDir && existsSync(datasetsDir)) {
    const root = realpathSync(datasetsDir);
    for (const name of readdirSync(root).sort()) {
      const dir = join(root, name);
      // An entry removed between the listing and here is skipped.
      if (!/^[\w.-]+$/.test(name) || !lstatSync(dir, { throwIfNoEntry: false })?.isDirectory())
        continue;
      if (name === 'templates') {
        for (const f of readdirSync(dir).sort()) {
          const real = f.endsWith('.json') ? fileInside(root, join(dir, f)) : undefined;
          if (!real) continue;
          files.set(`data/templates/${f}`, real);
          templates.push({
            url: `data/templates/${encodeURIComponent(f)}`,
            file: `datasets/templates/${f}`,
          });
        }
      } else if (existsSync(join(dir, MANIFEST_FILE))) {
        addManifest(dir, name, true);
      }
    }
  }

  const given = config.dataset;
  let missing: { id: string; message: string } | undefined;
  let givenId: string | undefined;
  if (given) {
    const path = given.endsWith(MANIFEST_FILE) ? dirname(given) : given;
    // The folder may be moved, deleted or half regenerated while a server runs: `missing` then
    // says so (the server answers its URLs with 503), and the next call finds it again.
    const gone = (why: string) => {
      missing = {
        id: config.givenId ?? (basename(resolve(path)).replace(/[^\w.-]+/g, '_') || 'dataset'),
        message: `the dataset ${path} ${why}; it is served again once it is back`,
      };
    };
    let real: string | undefined;
    try {
      real = realpathSync(path);
    } catch {
      gone('is not there now (moved, deleted or being regenerated)');
    }
    const known = real === undefined ? undefined : bundledDirs.get(real);
    if (known) open = known;
    else if (real !== undefined) {
      let id = config.givenId ?? (basename(real).replace(/[^\w.-]+/g, '_') || 'dataset');
      while (ids.has(id)) id = `${id}-given`;
      try {
        if (statSync(real).isDirectory()) {
          addManifest(real, id, false);
          if (!ids.has(id)) gone(`has no readable ${MANIFEST_FILE} now`);
        } else {
          const file = basename(real);
          files.set(`data/${id}/${file}`, real);
          datasets.push({
            id,
            name: file.replace(/\.(csv|tsv)(\.gz)?$/i, ''),
            kind: 'edge-list',
            url: `data/${urlPart(id)}/${encodeURIComponent(file)}`,
            bundled: false,
          });
        }
      } catch {
        gone('is not there now (moved, deleted or being regenerated)');
      }
      givenId = id;
      open = id;
    }
  }
  if (!open && config.defaultOpen && ids.has(config.defaultOpen)) open = config.defaultOpen;
  return {
    index: { version: 1, datasets, templates, ...(open ? { open } : {}) },
    files,
    ...(missing ? { missing } : {}),
    ...(givenId !== undefined ? { givenId } : {}),
  };
}
