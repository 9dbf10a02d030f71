// @ts-check
/**
 * Vite plugin: the repository's bundled datasets under `data/`, as `chainlens serve` serves them
 * (data/index.json, data/<name>/<files of its manifest>, data/templates/*.json).
 * - dev (`vite`): served from the repository;
 * - build with `bundle: true`: copied into dist/data, for a static build that needs no server.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const datasetsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../datasets');

/** @returns {{ index: object, files: Map<string, string> }} URL path (under data/) → file */
function collect() {
  const files = new Map();
  const datasets = [];
  const templates = [];
  if (existsSync(datasetsRoot)) {
    for (const name of readdirSync(datasetsRoot).sort()) {
      const dir = join(datasetsRoot, name);
      const manifestPath = join(dir, 'chainlens.json');
      if (name === 'templates' && statSync(dir).isDirectory()) {
        for (const f of readdirSync(dir).sort()) {
          if (f.endsWith('.json')) {
            files.set(`templates/${f}`, join(dir, f));
            templates.push({
              url: `data/templates/${encodeURIComponent(f)}`,
              file: `datasets/templates/${f}`,
            });
          }
        }
        continue;
      }
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      files.set(`${name}/chainlens.json`, manifestPath);
      const named = [
        manifest.companies,
        manifest.memberships,
        manifest.relations,
        manifest.products,
        manifest.productLinks,
        ...(manifest.templates ?? []),
      ];
      for (const f of named) {
        if (typeof f !== 'string') continue;
        const full = resolve(dir, f);
        if (!full.startsWith(dir + sep) || !existsSync(full)) continue;
        files.set(`${name}/${f.replace(/^\.\//, '')}`, full);
      }
      datasets.push({
        id: name,
        name: manifest.name ?? name,
        description: manifest.description,
        license: manifest.license,
        kind: 'manifest',
        url: `data/${encodeURIComponent(name)}/chainlens.json`,
        bundled: true,
      });
    }
  }
  return {
    index: {
      version: 1,
      datasets,
      templates,
      open: datasets.some((d) => d.id === 'cn-listed') ? 'cn-listed' : undefined,
    },
    files,
  };
}

/** @param {{ bundle?: boolean }} options */
export function chainlensData(options = {}) {
  /** @type {string} */
  let outDir = 'dist';
  return {
    name: 'chainlens-data',
    /** @param {{ build: { outDir: string }, root: string }} config */
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    /** @param {import('vite').ViteDevServer} server */
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const url = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
        if (!url.startsWith('/data/')) return next();
        const { index, files } = collect();
        const path = url.slice('/data/'.length);
        if (path === 'index.json') {
          res.setHeader('Content-Type', 'application/json');
          res.end(JSON.stringify(index));
          return;
        }
        const file = files.get(path);
        if (!file) {
          res.statusCode = 404;
          res.end('not found');
          return;
        }
        res.end(readFileSync(file));
      });
    },
    closeBundle() {
      if (!options.bundle) return;
      const { index, files } = collect();
      for (const [path, file] of files) {
        const target = join(outDir, 'data', path);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(file, target);
      }
      writeFileSync(join(outDir, 'data', 'index.json'), JSON.stringify(index, null, 1));
    },
  };
}
