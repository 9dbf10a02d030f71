/**
 * Row order does not matter: cn-listed with every table (companies, memberships, relations,
 * products, product links) shuffled into another folder gives byte-identical `analyze` outputs
 * (report.json, .md, .html) and a byte-identical `metrics` table (Louvain communities,
 * PageRank, betweenness, …), in memory and through the streaming ingest.
 */
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRng } from '@chainlens/core';
import { run } from '../src/program.js';

const CN_LISTED = 'datasets/cn-listed';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

/** A copy of a dataset folder with the rows of every CSV table in a seeded random order. */
function shuffledCopy(src: string, dst: string, seed: number): void {
  const rng = createRng(seed);
  mkdirSync(dst, { recursive: true });
  for (const file of readdirSync(src)) {
    if (file.endsWith('.json')) copyFileSync(join(src, file), join(dst, file));
    if (!file.endsWith('.csv')) continue;
    const [header, ...rows] = parse(readFileSync(join(src, file)), {
      relax_column_count: true,
    }) as string[][];
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    writeFileSync(join(dst, file), stringify([header!, ...rows]));
  }
}

/** The files `analyze` writes, by name. */
function outputs(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f))]));
}

describe('row order of the input files', () => {
  const root = mkdtempSync(join(tmpdir(), 'chainlens-order-'));
  const shuffled = join(root, 'cn-listed-shuffled');
  const stream = process.env.CHAINLENS_STREAM_THRESHOLD;

  beforeAll(() => {
    shuffledCopy(CN_LISTED, shuffled, 13);
    const tables = readdirSync(shuffled).filter((f) => f.endsWith('.csv'));
    expect(tables.sort()).toEqual([
      'companies.csv',
      'memberships.csv',
      'product-links.csv',
      'products.csv',
      'relations.csv',
    ]);
    for (const f of tables) {
      expect(readFileSync(join(shuffled, f)), f).not.toEqual(readFileSync(join(CN_LISTED, f)));
    }
  });

  afterEach(() => {
    if (stream === undefined) delete process.env.CHAINLENS_STREAM_THRESHOLD;
    else process.env.CHAINLENS_STREAM_THRESHOLD = stream;
  });

  it.each([
    ['广东', 'lithium-battery'],
    ['江苏', 'integrated-circuit'],
  ])('analyze --region %s --template %s: byte-identical report files', async (region, tpl) => {
    const run = async (dataset: string, name: string) => {
      const out = join(root, `${name}-${tpl}`);
      const r = await cli('analyze', dataset, '--region', region, '--template', tpl, '--out', out);
      expect(r.code, r.stderr).toBe(0);
      return outputs(out);
    };
    const original = await run(CN_LISTED, 'original');
    const mixed = await run(shuffled, 'shuffled');
    expect([...mixed.keys()]).toEqual([...original.keys()]);
    expect(original.has('report.json')).toBe(true);
    for (const [file, bytes] of original) expect(mixed.get(file)!.equals(bytes), file).toBe(true);
  });

  it('analyze through the streaming ingest gives the same report.json', async () => {
    process.env.CHAINLENS_STREAM_THRESHOLD = '0';
    const out = join(root, 'streamed');
    const r = await cli(
      ...['analyze', shuffled, '--region', '广东'],
      '--template',
      'lithium-battery',
      '--out',
      out,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(readFileSync(join(out, 'report.json'))).toEqual(
      readFileSync(join(root, 'original-lithium-battery', 'report.json')),
    );
  });

  it('metrics: a byte-identical table, in memory and streamed', async () => {
    const table = async (dataset: string, name: string) => {
      const file = join(root, `${name}.csv`);
      const r = await cli('metrics', dataset, '--out', file, '--quiet', '--workers', '2');
      expect(r.code, r.stderr).toBe(0);
      return readFileSync(file);
    };
    const original = await table(CN_LISTED, 'metrics-original');
    expect(original.toString('utf8').split('\n')[0]).toContain('pagerank');
    expect(original.toString('utf8').split('\n')[0]).toContain('community');
    expect((await table(shuffled, 'metrics-shuffled')).equals(original)).toBe(true);
    process.env.CHAINLENS_STREAM_THRESHOLD = '0';
    expect((await table(shuffled, 'metrics-streamed')).equals(original)).toBe(true);
  });
});
