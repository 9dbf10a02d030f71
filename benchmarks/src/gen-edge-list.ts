/**
 * Writes a seeded synthetic edge list (`source,target,weight`, see gen.ts):
 *
 *   node benchmarks/dist/gen-edge-list.js --nodes 100000 --edges 1000000 --seed 42 \
 *     --out benchmarks/out/g100k.csv
 *
 * The same arguments always give a byte-identical file.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { EdgeListOptions } from './gen.js';
import { edgeListChunks } from './gen.js';

/** Streams the edge list to `out` (creating its folder); returns the number of bytes written. */
export function writeEdgeList(options: EdgeListOptions, out: string): number {
  mkdirSync(dirname(out), { recursive: true });
  const fd = openSync(out, 'w');
  let bytes = 0;
  try {
    for (const chunk of edgeListChunks(options)) bytes += writeSync(fd, chunk);
  } finally {
    closeSync(fd);
  }
  return bytes;
}

function integer(name: string, text: string): number {
  const v = Number(text);
  if (!/^-?\d+$/.test(text) || !Number.isSafeInteger(v))
    throw new Error(`--${name} must be an integer, got '${text}'`);
  return v;
}

function main(argv: string[]): void {
  const { values } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string', default: '100000' },
      edges: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: node benchmarks/dist/gen-edge-list.js --nodes N --edges M [--seed S] --out FILE',
    );
    return;
  }
  const options = {
    nodes: integer('nodes', values.nodes),
    edges: integer('edges', values.edges),
    seed: integer('seed', values.seed),
  };
  const out = values.out ?? `benchmarks/out/g${options.nodes}-${options.edges}-${options.seed}.csv`;
  const start = performance.now();
  const bytes = writeEdgeList(options, out);
  const seconds = (performance.now() - start) / 1000;
  console.log(
    `${out}: ${options.nodes} nodes, ${options.edges} edges, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(2)} s`,
  );
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    console.error(`gen-edge-list: ${(e as Error).message}`);
    process.exitCode = 1;
  }
}
