/**
 * `chainlens serve [dataset] [--port N] [--open]`: the viewer on http://127.0.0.1 with the
 * dataset loaded.
 *
 * A small static server (node:http) that listens on the loopback interface only and answers
 * from an allow-list, never from a path joined onto a folder:
 * - the built viewer (apps/viewer/dist, regular files only);
 * - `data/index.json`: the datasets it offers (the bundled ones and the one given) and the
 *   shared chain templates, in the viewer's `DataIndex` shape (apps/viewer/src/protocol.ts);
 * - `data/<id>/<file>`: the manifest of each offered dataset and the files it names;
 * - `data/templates/<file>.json`: the shared templates in datasets/templates.
 * Every file is resolved to its real path (symlinks followed) and must lie inside its folder.
 * Anything else is a 404, so `..`, `%2e%2e`, absolute paths and symlinks out lead nowhere.
 * Requests whose Host is not this server's loopback address are refused (DNS rebinding).
 */
import type { Translator } from '@chainlens/core';
import { EN } from '../lang.js';
import { spawn } from 'node:child_process';
import {
  createReadStream,
  existsSync,
  lstatSync,
  readFileSync,
  readdirSync,
  realpathSync,
  statSync,
} from 'node:fs';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename, dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DataError, MANIFEST_FILE, parseManifest } from '@chainlens/io';
import { DEFAULT_DATASET, bundledRoot, resolveDataset } from '../datasets.js';
import { UsageError } from './analyze.js';
import type { Out } from '../output.js';

export const DEFAULT_PORT = 4680;
export const HOST = '127.0.0.1';

export interface ServeOptions {
  /** `port` number | string [4680]: TCP port (digits when a string); 0 picks a free one. */
  port?: number | string;
  /** `open` boolean [false]: open the viewer in the default browser. */
  open?: boolean;
}

/** An entry of data/index.json (the viewer's DataIndexEntry). */
interface IndexEntry {
  id: string;
  name: string;
  description?: string;
  license?: string;
  kind: 'manifest' | 'edge-list';
  url: string;
  bundled: boolean;
}

export interface ServerConfig {
  /** The built viewer (a folder with index.html). */
  viewerDir: string;
  /** The repository's datasets/ folder (bundled datasets and templates/), if any. */
  datasetsDir?: string;
  /** The dataset given on the command line: a folder with chainlens.json or an edge-list file. */
  dataset?: string;
  /** The bundled dataset the page opens when none is given (when it exists). */
  defaultOpen?: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.tsv': 'text/tab-separated-values; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.arrow': 'application/vnd.apache.arrow.file',
  '.gz': 'application/gzip',
  '.txt': 'text/plain; charset=utf-8',
};

/** The page may load only its own scripts, styles and workers (FA2 runs in a blob: worker). */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The real path of `path` when it is a regular file inside `root` (a real path); else undefined. */
function fileInside(root: string, path: string): string | undefined {
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

/** Regular files under `dir` (no dot files, symlinks not followed), as URL path → real path. */
function walkViewer(root: string, dir: string, out: Map<string, string>, depth = 0): void {
  if (depth > 8) return;
  for (const name of readdirSync(dir)) {
    if (name.startsWith('.')) continue;
    const full = join(dir, name);
    const stat = lstatSync(full);
    if (stat.isDirectory()) walkViewer(root, full, out, depth + 1);
    else if (stat.isFile()) out.set(relative(root, full).split(sep).join('/'), full);
  }
}

const urlPart = (s: string) => s.split('/').map(encodeURIComponent).join('/');

/**
 * The allow-list: URL path (decoded, without the leading `/`) → file, and data/index.json.
 * Rebuilt when a request misses, so a rebuilt viewer or a new template file is picked up.
 */
export class ServedFiles {
  files = new Map<string, string>();
  index: {
    version: 1;
    datasets: IndexEntry[];
    templates: { url: string; file: string }[];
    open?: string;
  } = {
    version: 1,
    datasets: [],
    templates: [],
  };

  /** Set while the dataset given on the command line cannot be read: its id and why. */
  missing: { id: string; message: string } | undefined;
  /** The given dataset's id, kept while its folder is away so that its URLs stay the same. */
  private givenId: string | undefined;

  constructor(private readonly config: ServerConfig) {
    this.refresh();
  }

  refresh(): void {
    const files = new Map<string, string>();
    const viewerRoot = realpathSync(this.config.viewerDir);
    walkViewer(viewerRoot, viewerRoot, files);
    const datasets: IndexEntry[] = [];
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

    const datasetsDir = this.config.datasetsDir;
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

    const given = this.config.dataset;
    let missing: { id: string; message: string } | undefined;
    if (given) {
      const path = given.endsWith(MANIFEST_FILE) ? dirname(given) : given;
      // The folder may be moved, deleted or half regenerated while the server runs: its files
      // are then answered with 503 and a message (see `missing`), and served again once back.
      const gone = (why: string) => {
        missing = {
          id: this.givenId ?? (basename(resolve(path)).replace(/[^\w.-]+/g, '_') || 'dataset'),
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
        let id = this.givenId ?? (basename(real).replace(/[^\w.-]+/g, '_') || 'dataset');
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
        this.givenId = id;
        open = id;
      }
    }
    if (!open && this.config.defaultOpen && ids.has(this.config.defaultOpen)) {
      open = this.config.defaultOpen;
    }
    this.files = files;
    this.missing = missing;
    this.index = { version: 1, datasets, templates, ...(open ? { open } : {}) };
  }
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

/** The request handler (exported for tests). */
export function handler(served: ServedFiles, port: () => number) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const allowedHosts = [`${HOST}:${port()}`, `localhost:${port()}`];
    if (!allowedHosts.includes(req.headers.host ?? '')) return send(res, 403, 'forbidden host\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(res, 405, 'method not allowed\n');
    }
    const raw = (req.url ?? '/').split('?')[0]!;
    let path: string;
    try {
      path = decodeURIComponent(raw);
    } catch {
      return send(res, 400, 'bad request\n');
    }
    // Exact keys only: no normalisation is needed, and a path with `..`, `\`, NUL or `//`
    // cannot name a key. Refuse them outright anyway.
    if (!path.startsWith('/') || /(^|[\\/])\.\.([\\/]|$)|\\|\0|\/\//.test(path)) {
      return send(res, 404, 'not found\n');
    }
    let key = path.slice(1);
    if (key === '') key = 'index.html';
    // The folders served can change under the server (a dataset regenerated, a viewer rebuilt):
    // a refresh that cannot read them answers 503 with the reason; the server keeps running.
    const refresh = (): boolean => {
      try {
        served.refresh();
        return true;
      } catch (e) {
        send(res, 503, `the served folders cannot be read now: ${(e as Error).message}\n`);
        return false;
      }
    };
    if (key === 'data/index.json') {
      if (!refresh()) return;
      const body = JSON.stringify(served.index);
      res.writeHead(200, {
        'Content-Type': TYPES['.json']!,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      return res.end(req.method === 'HEAD' ? undefined : body);
    }
    let file = served.files.get(key);
    if (!file) {
      if (!refresh()) return;
      file = served.files.get(key);
    }
    const missing = served.missing;
    if (!file && missing && key.startsWith(`data/${missing.id}/`))
      return send(res, 503, `${missing.message}\n`);
    if (!file) return send(res, 404, 'not found\n');
    const type = TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
    let size: number;
    try {
      size = statSync(file).size;
    } catch {
      // Listed a moment ago, gone now: the dataset's folder moved or is being regenerated.
      if (!refresh()) return;
      const gone = served.missing;
      if (gone && key.startsWith(`data/${gone.id}/`)) return send(res, 503, `${gone.message}\n`);
      return send(res, 404, 'not found\n');
    }
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': size,
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      ...(type.startsWith('text/html') ? { 'Content-Security-Policy': CSP } : {}),
    });
    if (req.method === 'HEAD') return res.end();
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  };
}

/** Starts the server on 127.0.0.1; resolves when it listens. */
export function startServer(
  config: ServerConfig,
  port = DEFAULT_PORT,
): Promise<{ server: Server; url: string }> {
  const served = new ServedFiles(config);
  let actual = port;
  const server = createServer(handler(served, () => actual));
  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, HOST, () => {
      actual = (server.address() as AddressInfo).port;
      server.off('error', reject);
      resolvePromise({ server, url: `http://${HOST}:${actual}/` });
    });
  });
}

/** The built viewer: CHAINLENS_VIEWER_DIST, else apps/viewer/dist of this repository. */
export function viewerDist(): string | undefined {
  if (process.env.CHAINLENS_VIEWER_DIST) return process.env.CHAINLENS_VIEWER_DIST;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    const dist = join(dir, 'apps', 'viewer', 'dist');
    if (existsSync(join(dir, 'pnpm-workspace.yaml')))
      return existsSync(join(dist, 'index.html')) ? dist : undefined;
    dir = dirname(dir);
  }
  return undefined;
}

function openBrowser(url: string, out: Out): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () =>
      out.err(`chainlens: could not open a browser (${cmd}); open ${url} yourself`),
    );
    child.unref();
  } catch {
    out.err(`chainlens: could not open a browser; open ${url} yourself`);
  }
}

/** Refuses a dataset folder without a readable manifest now, not when the page loads it. */
/**
 * Tables the browser is handed at most (bytes, the manifest's companies, memberships and
 * relations together): the viewer parses them in a Web Worker, which holds a regional dataset
 * (tens of MB) easily and a national one (gigabytes) not at all. `CHAINLENS_SERVE_LIMIT`
 * overrides it.
 */
export function serveLimit(): number {
  const env = process.env.CHAINLENS_SERVE_LIMIT;
  const value = env === undefined || env === '' ? 256 * 2 ** 20 : Number(env);
  if (!Number.isFinite(value) || value < 0) {
    throw new UsageError(`CHAINLENS_SERVE_LIMIT must be a number of bytes, got '${env}'`);
  }
  return value;
}

function checkDataset(path: string): void {
  const dir = path.endsWith(MANIFEST_FILE) ? dirname(path) : path;
  if (!statSync(dir).isDirectory()) return; // an edge-list file: the viewer validates it
  const manifest = join(dir, MANIFEST_FILE);
  if (!existsSync(manifest)) {
    throw new DataError(`${path}: not a dataset folder (no ${MANIFEST_FILE} in it)`);
  }
  let parsed;
  try {
    parsed = parseManifest(readFileSync(manifest));
  } catch (e) {
    throw new DataError(`${join(dir, (e as Error).message)}`);
  }
  // The viewer is handed a regional dataset, never a national registry.
  let bytes = 0;
  for (const f of [parsed.companies, parsed.memberships, parsed.relations]) {
    if (f !== undefined && existsSync(join(dir, f))) bytes += statSync(join(dir, f)).size;
  }
  const limit = serveLimit();
  if (bytes > limit) {
    const mb = (x: number) => `${Math.round(x / 2 ** 20).toLocaleString('en-US')} MiB`;
    throw new DataError(
      `${path}: ${mb(bytes)} of tables is more than the browser viewer takes (${mb(limit)}): analyse it with \`chainlens analyze ${path} --region P --template T\` or \`chainlens compare\` (they stream national tables), or serve a regional dataset`,
    );
  }
}

/** Runs `chainlens serve`. Resolves with the exit code once the server listens (it keeps running). */
export async function serveCommand(
  datasetArg: string | undefined,
  options: ServeOptions,
  out: Out,
  _tr: Translator = EN,
): Promise<number> {
  const raw = options.port ?? DEFAULT_PORT;
  const port = typeof raw === 'number' ? raw : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port: '${String(raw)}' is not a port number (0-65535)`);
  }
  const viewerDir = viewerDist();
  if (!viewerDir || !existsSync(join(viewerDir, 'index.html'))) {
    out.err(
      'chainlens: the viewer is not built (no apps/viewer/dist/index.html): run `pnpm build` first',
    );
    return 1;
  }
  const dataset = datasetArg === undefined ? undefined : resolveDataset(datasetArg);
  if (dataset) checkDataset(dataset);
  let started;
  try {
    started = await startServer(
      {
        viewerDir,
        datasetsDir: bundledRoot(),
        defaultOpen: DEFAULT_DATASET,
        ...(dataset ? { dataset } : {}),
      },
      port,
    );
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (err.code === 'EADDRINUSE')
      throw new UsageError(`port ${port} is in use: pick another with --port (0 = any free port)`);
    if (err.code === 'EACCES')
      throw new UsageError(`port ${port} needs privileges: pick another with --port`);
    throw e;
  }
  const { server, url } = started;
  out.out(`Chainlens viewer at ${url}${dataset ? ` (dataset ${dataset})` : ''}`);
  out.out('Listening on 127.0.0.1 only. Press Ctrl+C to stop.');
  if (options.open) openBrowser(url, out);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
