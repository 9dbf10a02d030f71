/**
 * `chainlens metrics`: the per-company table of DESIGN §6 on real data and on a bare edge list,
 * checked against the engine's own functions run independently, plus usage errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import {
  buildMetricGraph,
  betweenness,
  coreNumber,
  cutPoints,
  metricsTable,
  pagerank,
} from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import { writeMetricsCsv } from '../src/commands/metrics.js';
import { run } from '../src/program.js';

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

const HEADER =
  'id,name,degree_in,degree_out,pagerank,pagerank_reverse,betweenness,closeness,harmonic,eigenvector,hub,authority,core,community,articulation';

describe('chainlens metrics', () => {
  it('writes one row per company of cn-listed on inferred supply, agreeing with the engine', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-metrics-'));
    const file = join(dir, 'metrics.csv');
    const r = await cli('metrics', 'cn-listed', '--out', file, '--quiet', '--workers', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      'on inferred-supply relations: 4,689 companies, 11,751 distinct arcs',
    );
    expect(r.stdout).toContain('Inferred supply is derived');
    const text = readFileSync(file, 'utf8');
    expect(text.split('\n')[0]).toBe(HEADER);
    const rows = parse(text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4689);
    // ids keep their leading zeros; every company once.
    expect(rows[0]!.id).toBe('000001');
    expect(new Set(rows.map((row) => row.id)).size).toBe(4689);

    const { dataset } = readDataset('datasets/cn-listed');
    const g = buildMetricGraph(dataset, { types: ['inferred-supply'] });
    const pr = pagerank(g, { tol: 1e-10, maxIter: 1000 }).scores;
    const bc = betweenness(g).values;
    const core = coreNumber(g);
    const cut = cutPoints(g).isArticulation;
    let sum = 0;
    rows.forEach((row, v) => {
      sum += Number(row.pagerank);
      expect(Number(row.pagerank)).toBeCloseTo(pr[v]!, 14);
      expect(Number(row.betweenness)).toBeCloseTo(bc[v]!, 14);
      expect(Number(row.core)).toBe(core[v]);
      expect(Number(row.articulation)).toBe(cut[v]);
      expect(Number(row.degree_in)).toBe(g.in.offsets[v + 1]! - g.in.offsets[v]!);
    });
    expect(sum).toBeCloseTo(1, 9);
  });

  it('runs on a bare edge list, with the same communities for the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-metrics-'));
    const edges = join(dir, 'edges.csv');
    // two triangles joined by the edge c-d: c and d are the cut points.
    writeFileSync(edges, 'source,target\na,b\nb,c\nc,a\nc,d\nd,e\ne,f\nf,d\n');
    const a = await cli('metrics', edges, '--out', '-', '--seed', '7');
    const b = await cli('metrics', edges, '--out', '-', '--seed', '7');
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const rows = parse(a.stdout, { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
    expect(rows.filter((r) => r.articulation === '1').map((r) => r.id)).toEqual(['c', 'd']);
    // the two triangles are the two communities.
    const comm = Object.fromEntries(rows.map((r) => [r.id, r.community]));
    expect(comm.a).toBe(comm.b);
    expect(comm.a).toBe(comm.c);
    expect(comm.d).toBe(comm.f);
    expect(comm.a).not.toBe(comm.d);
  });

  it('reports stability over seeds and refuses bad usage with exit 2', async () => {
    const r = await cli('metrics', 'cn-listed', '--seeds', '2', '--quiet', '--top', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Stability over 2 seeds \(1\.\.2\): mean pairwise ARI 0\.\d{3}/);
    const bad = await cli('metrics', 'cn-listed', '--relation', 'suply');
    expect(bad.code).toBe(2);
    expect(bad.stderr.join('\n')).toContain(
      "unknown relation type 'suply' (did you mean 'supply'?)",
    );
    expect((await cli('metrics', 'cn-listed', '--seeds', '1')).code).toBe(2);
    expect((await cli('metrics', 'cn-listed', '--seed', 'x')).code).toBe(2);
  });

  it('gives the same table streamed (national path: scale ingest, lean snapshot) as in memory', async () => {
    const memory = await cli('metrics', 'cn-listed', '--out', '-', '--quiet', '--workers', '1');
    const before = process.env.CHAINLENS_STREAM_THRESHOLD;
    process.env.CHAINLENS_STREAM_THRESHOLD = '0';
    try {
      const streamed = await cli('metrics', 'cn-listed', '--out', '-', '--quiet', '--workers', '1');
      expect(streamed.code).toBe(0);
      expect(streamed.stdout).toBe(memory.stdout);
    } finally {
      if (before === undefined) delete process.env.CHAINLENS_STREAM_THRESHOLD;
      else process.env.CHAINLENS_STREAM_THRESHOLD = before;
    }
  });

  it('leaves closeness and harmonic empty above --closeness-limit, and says so', async () => {
    const full = parse(
      (await cli('metrics', 'cn-listed', '--out', '-', '--quiet', '--workers', '1')).stdout,
      { columns: true },
    ) as Record<string, string>[];
    const capped = await cli('metrics', 'cn-listed', '--quiet', '--closeness-limit', '4688');
    expect(capped.stdout).toContain(
      'closeness and harmonic NOT computed: 4,689 companies > --closeness-limit 4,688',
    );
    const rows = parse(
      (
        await cli(
          'metrics',
          'cn-listed',
          '--out',
          '-',
          '--quiet',
          '--workers',
          '1',
          '--closeness-limit',
          '4688',
        )
      ).stdout,
      { columns: true },
    ) as Record<string, string>[];
    expect(rows).toHaveLength(full.length);
    // Some companies have a non-zero closeness when it is computed; none has a value when not.
    expect(full.some((r) => Number(r.closeness) > 0)).toBe(true);
    rows.forEach((row, i) => {
      expect(row.closeness).toBe('');
      expect(row.harmonic).toBe('');
      expect(row.pagerank).toBe(full[i]!.pagerank);
      expect(row.community).toBe(full[i]!.community);
    });
    const at = await cli('metrics', 'cn-listed', '--quiet', '--closeness-limit', '4689');
    expect(at.stdout).toContain('closeness and harmonic: exact');
  });

  it('writes the CSV in pieces that join to the same text, header once', () => {
    const { dataset } = readDataset('datasets/cn-listed');
    const g = buildMetricGraph(dataset, { types: ['inferred-supply'] });
    const table = metricsTable(g, { seed: 1, exactClosenessLimit: 0 });
    const whole: string[] = [];
    writeMetricsCsv(dataset, g, table.columns, (t) => whole.push(t), g.n + 1);
    const pieces: string[] = [];
    writeMetricsCsv(dataset, g, table.columns, (t) => pieces.push(t), 1000);
    expect(whole).toHaveLength(1);
    expect(pieces).toHaveLength(Math.ceil(g.n / 1000));
    expect(pieces.join('')).toBe(whole[0]);
    expect(
      pieces
        .join('')
        .split('\n')
        .filter((l) => l.startsWith('id,name,')),
    ).toHaveLength(1);
  });
});
