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
import { dirname, extname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DataIndex } from '@chainlens/io';
import { DataError, MANIFEST_FILE, parseManifest } from '@chainlens/io';
import type { DataIndexConfig } from '@chainlens/io/node';
import { buildDataIndex } from '@chainlens/io/node';
import { DEFAULT_DATASET, bundledRoot, resolveDataset } from '../datasets.js';
import { CliDataError, UsageError, msg } from '../errors.js';
import type { Out } from '../output.js';

export const DEFAULT_PORT = 4680;
export const HOST = '127.0.0.1';

export interface ServeOptions {
  /** `port` number | string [4680]: TCP port (digits when a string); 0 picks a free one. */
  port?: number | string;
  /** `open` boolean [false]: open the viewer in the default browser. */
  open?: boolean;
}

export interface ServerConfig extends DataIndexConfig {
  /** The built viewer (a folder with index.html). */
  viewerDir: string;
  // datasetsDir, dataset, defaultOpen: what data/index.json offers (buildDataIndex).
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

/**
 * The allow-list: URL path (decoded, without the leading `/`) → file, and data/index.json.
 * Rebuilt when a request misses, so a rebuilt viewer or a new template file is picked up.
 */
export class ServedFiles {
  files = new Map<string, string>();
  index: DataIndex = { version: 1, datasets: [], templates: [] };

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
    const data = buildDataIndex({
      ...this.config,
      ...(this.givenId !== undefined ? { givenId: this.givenId } : {}),
    });
    for (const [key, file] of data.files) files.set(key, file);
    this.files = files;
    this.index = data.index;
    this.missing = data.missing;
    if (data.givenId !== undefined) this.givenId = data.givenId;
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

function openBrowser(url: string, out: Out, tr: Translator): void {
  const [cmd, args] =
    process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['cmd', ['/c', 'start', '""', url]]
        : ['xdg-open', [url]];
  try {
    const child = spawn(cmd, args as string[], { stdio: 'ignore', detached: true });
    child.on('error', () => out.err(`chainlens: ${tr.t('cli:serve.noBrowserCmd', { cmd, url })}`));
    child.unref();
  } catch {
    out.err(`chainlens: ${tr.t('cli:serve.noBrowser', { url })}`);
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
    throw new UsageError(
      msg.t('cli:error.envBytes', { name: 'CHAINLENS_SERVE_LIMIT', value: env }),
    );
  }
  return value;
}

function checkDataset(path: string): void {
  const dir = path.endsWith(MANIFEST_FILE) ? dirname(path) : path;
  if (!statSync(dir).isDirectory()) return; // an edge-list file: the viewer validates it
  const manifest = join(dir, MANIFEST_FILE);
  if (!existsSync(manifest)) {
    throw new CliDataError(msg.t('cli:serve.notDataset', { path, manifest: MANIFEST_FILE }));
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
    throw new CliDataError(
      msg.t('cli:serve.tooLarge', { path, size: mb(bytes), limit: mb(limit) }),
    );
  }
}

/** Runs `chainlens serve`. Resolves with the exit code once the server listens (it keeps running). */
export async function serveCommand(
  datasetArg: string | undefined,
  options: ServeOptions,
  out: Out,
  tr: Translator = EN,
): Promise<number> {
  const raw = options.port ?? DEFAULT_PORT;
  const port = typeof raw === 'number' ? raw : /^\d{1,5}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(msg.t('cli:error.port', { value: String(raw) }));
  }
  const viewerDir = viewerDist();
  if (!viewerDir || !existsSync(join(viewerDir, 'index.html'))) {
    out.err(`chainlens: ${tr.t('cli:serve.notBuilt')}`);
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
    if (err.code === 'EADDRINUSE') throw new UsageError(msg.t('cli:serve.portInUse', { port }));
    if (err.code === 'EACCES') throw new UsageError(msg.t('cli:serve.portPrivileged', { port }));
    throw e;
  }
  const { server, url } = started;
  out.out(
    tr.t('cli:serve.started', {
      url,
      dataset: dataset ? tr.t('cli:serve.dataset', { dataset }) : '',
    }),
  );
  out.out(tr.t('cli:serve.listening'));
  if (options.open) openBrowser(url, out, tr);
  const stop = () => server.close(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return 0;
}
