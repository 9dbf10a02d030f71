/**
 * `chainlens serve`: what the server answers and, above all, what it refuses. Requests are sent
 * with node:http and raw paths (fetch and URL would normalise `..` away before sending).
 */
import { spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../src/commands/serve.js';
import { run } from '../src/program.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

interface Answer {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function get(
  port: number,
  path: string,
  init: { host?: string; method?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: init.method ?? 'GET',
        headers: { host: init.host ?? `127.0.0.1:${port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * A fake viewer build, a datasets/ folder with one bundled dataset and a template, a dataset
 * given on the command line, and secrets beside them that must never be served.
 */
function fixture() {
  const base = mkdtempSync(join(tmpdir(), 'chainlens-serve-'));
  const viewer = join(base, 'viewer');
  mkdirSync(join(viewer, 'assets'), { recursive: true });
  writeFileSync(join(viewer, 'index.html'), '<!doctype html><title>viewer</title>');
  writeFileSync(join(viewer, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(viewer, '.env'), 'SECRET=dot');
  writeFileSync(join(base, 'secret.txt'), 'SECRET=outside');
  symlinkSync(join(base, 'secret.txt'), join(viewer, 'assets', 'link.js'));

  const datasets = join(base, 'datasets');
  const bundled = join(datasets, 'demo');
  mkdirSync(join(datasets, 'templates'), { recursive: true });
  mkdirSync(bundled, { recursive: true });
  writeFileSync(
    join(bundled, 'chainlens.json'),
    JSON.stringify({ name: 'demo', companies: 'companies.csv', relations: 'relations.csv' }),
  );
  writeFileSync(join(bundled, 'companies.csv'), 'id,name,region\nA,甲,浙江\nB,乙,浙江\n');
  writeFileSync(join(bundled, 'relations.csv'), 'source,target\nA,B\n');
  writeFileSync(join(bundled, 'notes.txt'), 'SECRET=unnamed file');
  writeFileSync(join(datasets, 'templates', 't.json'), '{"id":"t"}');
  writeFileSync(join(datasets, 'templates', 'readme.txt'), 'SECRET=not a template');

  // The given dataset names a file outside its folder, and a symlink that leads out of it.
  const given = join(base, 'mine');
  mkdirSync(given);
  symlinkSync(join(base, 'secret.txt'), join(given, 'relations.csv'));
  writeFileSync(
    join(given, 'chainlens.json'),
    JSON.stringify({
      name: 'mine',
      companies: 'companies.csv',
      relations: 'relations.csv',
      memberships: '../secret.txt',
    }),
  );
  writeFileSync(join(given, 'companies.csv'), 'id,name,region\nX,"<img src=x>",\n');
  return { base, viewer, datasets, given };
}

describe('chainlens serve: the server', () => {
  let server: Server;
  let port: number;
  let f: ReturnType<typeof fixture>;

  beforeAll(async () => {
    f = fixture();
    const started = await startServer(
      { viewerDir: f.viewer, datasetsDir: f.datasets, dataset: f.given },
      0,
    );
    server = started.server;
    port = (server.address() as AddressInfo).port;
    expect(started.url).toBe(`http://127.0.0.1:${port}/`);
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('listens on the loopback interface only', () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
  });

  it('serves the viewer with a content security policy', async () => {
    const page = await get(port, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>viewer</title>');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    const js = await get(port, '/assets/app.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^text\/javascript/);
  });

  it('lists the bundled and the given dataset and the shared templates in data/index.json', async () => {
    const index = JSON.parse((await get(port, '/data/index.json')).body);
    expect(index.datasets.map((d: { id: string }) => d.id)).toEqual(['demo', 'mine']);
    expect(index.open).toBe('mine');
    expect(index.templates).toEqual([
      { url: 'data/templates/t.json', file: 'datasets/templates/t.json' },
    ]);
    expect((await get(port, '/data/demo/chainlens.json')).status).toBe(200);
    expect((await get(port, '/data/demo/companies.csv')).body).toBe(
      readFileSync(join(f.datasets, 'demo', 'companies.csv'), 'utf8'),
    );
    expect((await get(port, '/data/mine/companies.csv')).body).toContain('<img src=x>');
    expect((await get(port, '/data/templates/t.json')).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/%2e%2e/secret.txt',
    '/%2E%2E%2Fsecret.txt',
    '/data/demo/../../secret.txt',
    '/data/demo/%2e%2e/%2e%2e/secret.txt',
    '/data/mine/..%2f..%2fsecret.txt',
    '/data/mine/..%5c..%5csecret.txt',
    '//etc/passwd',
    '/etc/passwd',
    `/${'x'.repeat(10)}/..%00/secret.txt`,
    '/.env',
    '/assets/link.js', // symlink out of the viewer
    '/data/mine/relations.csv', // symlink out of the dataset folder
    '/data/mine/../secret.txt',
    '/data/mine/secret.txt',
    '/data/demo/notes.txt', // in the folder but not named by the manifest
    '/data/templates/readme.txt',
    '/data/datasets/demo/companies.csv',
  ])('refuses %s', async (path) => {
    const answer = await get(port, path);
    expect([400, 404]).toContain(answer.status);
    expect(answer.body).not.toContain('SECRET');
  });

  it('refuses absolute-form request targets and foreign Host headers (DNS rebinding)', async () => {
    const absolute = await get(port, `http://127.0.0.1:${port}/../secret.txt`);
    expect([400, 404]).toContain(absolute.status);
    expect(absolute.body).not.toContain('SECRET');
    expect((await get(port, '/', { host: 'evil.example:80' })).status).toBe(403);
    expect((await get(port, '/', { host: `localhost:${port}` })).status).toBe(200);
  });

  it('opens the default bundled dataset when none is given', async () => {
    const other = await startServer(
      { viewerDir: f.viewer, datasetsDir: f.datasets, defaultOpen: 'demo' },
      0,
    );
    try {
      const p = (other.server.address() as AddressInfo).port;
      const index = JSON.parse((await get(p, '/data/index.json')).body);
      expect(index.open).toBe('demo');
      expect(index.datasets.map((d: { id: string }) => d.id)).toEqual(['demo']);
    } finally {
      other.server.close();
    }
  });

  it('answers GET and HEAD only', async () => {
    expect((await get(port, '/', { method: 'POST' })).status).toBe(405);
    const head = await get(port, '/data/demo/companies.csv', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });
});

describe('chainlens serve: its dataset folder changes while it runs (issue 14)', () => {
  let server: Server;
  let port: number;
  let f: ReturnType<typeof fixture>;

  beforeAll(async () => {
    f = fixture();
    const started = await startServer(
      { viewerDir: f.viewer, datasetsDir: f.datasets, dataset: f.given },
      0,
    );
    server = started.server;
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  const companies = 'data/mine/companies.csv';

  it('answers 503 with a message while the folder is moved away, and serves it again when back', async () => {
    expect((await get(port, `/${companies}`)).status).toBe(200);
    const away = `${f.given}-away`;
    renameSync(f.given, away);
    // A file listed before the move, then a file never requested, then the manifest.
    for (const path of [companies, 'data/mine/chainlens.json', 'data/mine/relations.csv']) {
      const a = await get(port, `/${path}`);
      expect(a.status, path).toBe(503);
      expect(a.body).toMatch(
        /the dataset .*mine is not there now \(moved, deleted or being regenerated\); it is served again once it is back/,
      );
    }
    // The index still answers, with the bundled dataset, without the missing one.
    const index = await get(port, '/data/index.json');
    expect(index.status).toBe(200);
    const ids = (JSON.parse(index.body) as { datasets: { id: string }[] }).datasets.map(
      (d) => d.id,
    );
    expect(ids).toEqual(['demo']);
    // Other files are served as before.
    expect((await get(port, '/data/demo/companies.csv')).status).toBe(200);
    expect((await get(port, '/index.html')).status).toBe(200);
    expect((await get(port, '/data/nope/x.csv')).status).toBe(404);

    renameSync(away, f.given);
    const back = await get(port, `/${companies}`);
    expect(back.status).toBe(200);
    expect(back.body).toContain('<img src=x>');
  });

  it('survives the folder deleted and regenerated with new content', async () => {
    rmSync(f.given, { recursive: true });
    expect((await get(port, `/${companies}`)).status).toBe(503);
    // Regenerated: the manifest first (naming a file not written yet), then the tables.
    mkdirSync(f.given);
    writeFileSync(
      join(f.given, 'chainlens.json'),
      JSON.stringify({ name: 'mine', companies: 'companies.csv' }),
    );
    expect((await get(port, `/${companies}`)).status).toBe(404);
    writeFileSync(join(f.given, 'companies.csv'), 'id,name,region\nY,新公司,江苏\n');
    const a = await get(port, `/${companies}`);
    expect(a.status).toBe(200);
    expect(a.body).toContain('新公司');
    // A manifest half written (not JSON yet): once the allow-list is rebuilt (each request
    // for data/index.json rebuilds it), the dataset's files answer 503 with the reason.
    writeFileSync(join(f.given, 'chainlens.json'), '{"name": "mi');
    expect((await get(port, '/data/index.json')).status).toBe(200);
    const half = await get(port, `/${companies}`);
    expect(half.status).toBe(503);
    expect(half.body).toContain('has no readable chainlens.json now');
    writeFileSync(
      join(f.given, 'chainlens.json'),
      JSON.stringify({ name: 'mine', companies: 'companies.csv' }),
    );
    expect((await get(port, `/${companies}`)).status).toBe(200);
    expect(server.listening).toBe(true);
  });
});

describe('chainlens serve: the command', () => {
  async function cli(...args: string[]) {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
    return { code, stdout, stderr };
  }

  it('refuses a bad port (exit 2) and an unknown dataset (exit 1) with one line', async () => {
    const bad = await cli('serve', 'cn-listed', '--port', 'abc');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toEqual([`chainlens: --port: 'abc' is not a port number (0-65535)`]);
    const unknown = await cli('serve', 'no-such-dataset', '--port', '0');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toHaveLength(1);
    expect(unknown.stderr[0]).toMatch(/no-such-dataset: no such file, folder or bundled dataset/);
    const empty = mkdtempSync(join(tmpdir(), 'chainlens-serve-empty-'));
    const notDataset = await cli('serve', empty, '--port', '0');
    expect(notDataset.code).toBe(1);
    expect(notDataset.stderr[0]).toContain('not a dataset folder (no chainlens.json in it)');
  });

  it('refuses a dataset too large for the browser, pointing to the streaming commands', async () => {
    // cn-listed's tables are ~10 MiB: with the limit at 1 MiB it stands in for a national one.
    const before = process.env.CHAINLENS_SERVE_LIMIT;
    process.env.CHAINLENS_SERVE_LIMIT = String(2 ** 20);
    try {
      const r = await cli('serve', 'cn-listed', '--port', '0');
      expect(r.code).toBe(1);
      expect(r.stderr).toHaveLength(1);
      expect(r.stderr[0]).toMatch(
        /MiB of tables is more than the browser viewer takes \(1 MiB\): analyse it with `chainlens analyze/,
      );
    } finally {
      if (before === undefined) delete process.env.CHAINLENS_SERVE_LIMIT;
      else process.env.CHAINLENS_SERVE_LIMIT = before;
    }
  });

  it('runs from the built bin, prints its URL and serves the bundled data', async () => {
    const bin = join(ROOT, 'packages/cli/dist/bin.js');
    const child = spawn(process.execPath, [bin, 'serve', 'eto-semiconductors', '--port', '0'], {
      cwd: ROOT,
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
          if (m) resolve(m[0]);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
      });
      const port = Number(new URL(url).port);
      const index = JSON.parse((await get(port, '/data/index.json')).body);
      expect(index.open).toBe('eto-semiconductors');
      const manifest = await get(port, '/data/eto-semiconductors/chainlens.json');
      expect(JSON.parse(manifest.body).name).toBe('eto-semiconductors');
      const template = await get(
        port,
        '/data/eto-semiconductors/templates/eto-advanced-logic-chips.json',
      );
      expect(JSON.parse(template.body).id).toBe('eto-advanced-logic-chips');
      expect((await get(port, '/data/eto-semiconductors/README.md')).status).toBe(404);
      expect((await get(port, '/package.json')).status).toBe(404);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
