// @ts-check
/**
 * Vite plugin: the repository's bundled datasets under `data/`, as `chainlens serve` serves them
 * (data/index.json, data/<name>/<files of its manifest>, data/templates/*.json).
 * - dev (`vite`): served from the repository;
 * - build with `bundle: true`: copied into dist/data, for a static build that needs no server.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildDataIndex } from '@chainlens/io/node';

const datasetsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../datasets');

/**
 * `data/index.json` and the files behind it, as `chainlens serve` builds them (one builder,
 * io's `buildDataIndex`), keyed by their path under data/.
 * @returns {{ index: import('@chainlens/io').DataIndex, files: Map<string, string> }}
 */
function collect() {
  const { index, files } = buildDataIndex({ datasetsDir: datasetsRoot, defaultOpen: 'cn-listed' });
  const under = new Map();
  for (const [key, file] of files) under.set(key.slice('data/'.length), file);
  return { index, files: under };
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
