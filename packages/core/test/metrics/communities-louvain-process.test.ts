/**
 * Louvain is reproducible across processes: two fresh `node` processes run the TypeScript
 * sources (through a small loader that strips types with TypeScript's transpileModule) on the
 * random-2000 fixture with seed 7 and must print this process's partition and modularity,
 * bit for bit.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { metricGraphFromArcs } from '../../src/graph/snapshot.js';
import { louvain } from '../../src/metrics/louvain.js';

const FIXTURES = new URL('../fixtures/networkx/', import.meta.url);

describe('louvain: reproducibility across processes', () => {
  const f = JSON.parse(readFileSync(new URL('random-2000.json', FIXTURES), 'utf8')) as {
    n: number;
    arcs: [number, number, number][];
  };
  const graph = metricGraphFromArcs(
    f.n,
    f.arcs.map((a) => a[0]),
    f.arcs.map((a) => a[1]),
    f.arcs.map((a) => a[2]),
  );

  it('same partition in two fresh node processes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-louvain-'));
    try {
      // A loader that runs the TypeScript sources directly (types stripped by
      // ts.transpileModule, `./x.js` resolved to `./x.ts`), so the children run this code.
      const ts = pathToFileURL(createRequire(import.meta.url).resolve('typescript')).href;
      writeFileSync(
        join(dir, 'hooks.mjs'),
        `import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from ${JSON.stringify(ts)};
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (specifier.endsWith('.js')) return next(specifier.slice(0, -3) + '.ts', context);
    throw error;
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const source = readFileSync(fileURLToPath(url), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: 'module', source: outputText, shortCircuit: true };
}
`,
      );
      writeFileSync(
        join(dir, 'register.mjs'),
        `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\n`,
      );
      const src = (p: string) => new URL(`../../src/${p}`, import.meta.url).href;
      const script = `
import { readFileSync } from 'node:fs';
const { metricGraphFromArcs } = await import(${JSON.stringify(src('graph/snapshot.ts'))});
const { louvain } = await import(${JSON.stringify(src('metrics/louvain.ts'))});
const f = JSON.parse(readFileSync(new URL(${JSON.stringify(new URL('random-2000.json', FIXTURES).href)}), 'utf8'));
const g = metricGraphFromArcs(f.n, f.arcs.map((a) => a[0]), f.arcs.map((a) => a[1]), f.arcs.map((a) => a[2]));
const r = louvain(g, { seed: 7 });
process.stdout.write(JSON.stringify({ community: Array.from(r.community), modularity: r.modularity }));
`;
      const run = () =>
        new Promise<string>((resolve, reject) => {
          const child = spawn(
            process.execPath,
            ['--import', pathToFileURL(join(dir, 'register.mjs')).href, '--input-type=module'],
            { stdio: ['pipe', 'pipe', 'pipe'] },
          );
          let out = '';
          let err = '';
          child.stdout.on('data', (d: Buffer) => (out += d.toString()));
          child.stderr.on('data', (d: Buffer) => (err += d.toString()));
          child.on('error', reject);
          child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
          child.stdin.end(script);
        });
      const [first, second] = await Promise.all([run(), run()]);
      const here = louvain(graph, { seed: 7 });
      const expected = JSON.stringify({
        community: Array.from(here.community),
        modularity: here.modularity,
      });
      expect(first).toBe(expected);
      expect(second).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
