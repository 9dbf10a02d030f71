/**
 * No source file over 500 lines (issue 16 part 4): every code file under packages/∗/src,
 * apps/viewer/src and benchmarks/src is counted as `wc -l` counts it. A file that grows past the
 * limit is split along the lines it already draws, as report/render/html.ts and worker/view.ts
 * were.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const LIMIT = 500;
const CODE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIP = new Set(['node_modules', 'dist']);

/** The source folders: each package's src, the viewer's and the benchmarks'. */
function sourceRoots(): string[] {
  const packages = readdirSync(join(ROOT, 'packages'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => join(ROOT, 'packages', e.name, 'src'));
  return [...packages, join(ROOT, 'apps/viewer/src'), join(ROOT, 'benchmarks/src')];
}

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (SKIP.has(e.name)) continue;
    const full = join(dir, e.name);
    if (e.isDirectory()) out.push(...codeFiles(full));
    else if (CODE.test(e.name)) out.push(full);
  }
  return out;
}

/** Lines as `wc -l` counts them: newline characters. */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

describe('source file size', () => {
  it('counts lines as wc -l does', () => {
    expect(lineCount('')).toBe(0);
    expect(lineCount('a\nb\n')).toBe(2);
    expect(lineCount('a\nb')).toBe(1);
  });

  it(`no source file under packages/*/src, apps/viewer/src or benchmarks/src has over ${LIMIT} lines`, () => {
    const roots = sourceRoots();
    expect(roots.map((r) => relative(ROOT, r))).toEqual(
      expect.arrayContaining([
        'packages/core/src',
        'packages/io/src',
        'packages/cli/src',
        'packages/scale/src',
        'apps/viewer/src',
        'benchmarks/src',
      ]),
    );
    const files = roots.flatMap(codeFiles);
    // The walk reaches the engine's analyses, not an empty folder.
    expect(files.map((f) => relative(ROOT, f))).toContain('packages/core/src/report/analyze.ts');
    expect(files.length).toBeGreaterThan(150);
    const over = files
      .map((f) => ({ file: relative(ROOT, f), lines: lineCount(readFileSync(f, 'utf8')) }))
      .filter((f) => f.lines > LIMIT)
      .map((f) => `${f.file}: ${f.lines} lines`);
    expect(over).toEqual([]);
  });
});
