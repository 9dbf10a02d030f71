/**
 * Helpers for the browser tests: the real `chainlens serve` (the built CLI and the built viewer)
 * and Debian's chromium driven by playwright-core, with WebGL through SwiftShader.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = `${ROOT}packages/cli/dist/bin.js`;
export const DIST = `${ROOT}apps/viewer/dist/index.html`;

/** Debian's chromium (CI installs it in .ci/run), or CHROMIUM_PATH. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error(
      'no chromium found: install it (apt-get install -y chromium) or set CHROMIUM_PATH',
    );
  }
  return found;
}

export function requireBuilt(): void {
  for (const f of [BIN, DIST]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run \`pnpm build\` first`);
  }
}

export interface Served {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

/**
 * How long a server may take to start: about 12 s for cn-listed on a 2-core machine under a
 * load average of 25 (measured 2026-12-02), so 15 s was too tight there.
 */
const SERVE_START_MS = 60_000;

/** Runs `chainlens serve <args> --port 0` and resolves with its URL once it listens. */
export function serve(...args: string[]): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', ...args, '--port', '0'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      // A server that did not start in time is not left running.
      child.kill('SIGTERM');
      reject(new Error(`serve did not start: ${out}${err}`));
    }, SERVE_START_MS);
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /http:\/\/127\.0\.0\.1:\d+\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[0],
          process: child,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done();
              child.once('exit', () => done());
              child.kill('SIGTERM');
            }),
        });
      }
    });
  });
}

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    args: ['--enable-unsafe-swiftshader', '--use-angle=swiftshader', '--no-sandbox'],
  });
}

/** Waits until the page has drawn one more view than `before` (body[data-views]). */
export async function waitForView(page: Page, before: number, timeout = 45_000): Promise<void> {
  await page.waitForFunction(
    (n) => Number(document.body.dataset.views ?? 0) > n || document.body.dataset.state === 'error',
    before,
    { timeout },
  );
  const state = await page.evaluate(() => document.body.dataset.state);
  if (state === 'error') throw new Error(`the page failed: ${await page.textContent('#status')}`);
}

export const views = (page: Page) => page.evaluate(() => Number(document.body.dataset.views ?? 0));

/**
 * Counts pixels of a PNG that differ from the background (white) by more than a small margin,
 * decoding it in the page (createImageBitmap), so no PNG decoder is needed in Node.
 */
export async function nonBackgroundPixels(
  page: Page,
  png: Buffer,
): Promise<{ width: number; height: number; ink: number }> {
  return page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const bitmap = await createImageBitmap(new Blob([bytes], { type: 'image/png' }));
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(bitmap, 0, 0);
    const data = ctx.getImageData(0, 0, bitmap.width, bitmap.height).data;
    let ink = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i]! < 235 || data[i + 1]! < 235 || data[i + 2]! < 235) ink++;
    }
    return { width: bitmap.width, height: bitmap.height, ink };
  }, png.toString('base64'));
}

/** Stops ForceAtlas2 with the page's button if it runs (software WebGL frames are slow). */
export async function stopLayout(page: Page): Promise<void> {
  if ((await page.getAttribute('body', 'data-layout')) !== 'running') return;
  // A click event without Playwright's wait for a stable element: frames are slow while the
  // layout runs under software WebGL.
  await page.locator('#layout-toggle').dispatchEvent('click');
  await page.waitForFunction(() => document.body.dataset.layout === 'stopped');
}

/** Picks a region in the tree, then a chain template, and waits for the chain report. */
export async function studyChain(page: Page, region: string, template: string): Promise<void> {
  const before = await views(page);
  await page.click(`.tree li[data-path="${region}"]`);
  await waitForView(page, before);
  await page.selectOption('#template-picker', template);
  await page.waitForFunction(() => document.body.dataset.chain === 'ready', null, {
    timeout: 90_000,
  });
}
