import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { ingestDataset } from '@chainlens/scale';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cityWeights,
  parseCount,
  readRegions,
  templateFiles,
  writeNational,
} from '../src/gen-national.js';
import type { TemplateShape } from '../src/national.js';
import { COLLABORATION, NationalGenerator, OWNERSHIP, SUPPLY } from '../src/national.js';

const tmp = mkdtempSync(join(tmpdir(), 'chainlens-national-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const regions = readRegions();
const templates = templateFiles().map((f) => JSON.parse(readFileSync(f, 'utf8')) as TemplateShape);
const weights = cityWeights(regions);
const generator = (companies: number, seed: number) =>
  new NationalGenerator({ companies, seed, regions, templates, cityWeight: weights });

const text = (chunks: Iterable<string>) => [...chunks].join('');

describe('NationalGenerator', () => {
  it('is deterministic: the same seed gives the same bytes, another seed others', () => {
    const a = generator(3000, 42);
    const b = generator(3000, 42);
    const c = generator(3000, 43);
    for (const table of ['companiesCsv', 'membershipsCsv', 'relationsCsv'] as const) {
      const x = text(a[table]());
      expect(text(b[table]()), table).toBe(x);
      expect(text(c[table]()), table).not.toBe(x);
      // Chunking changes nothing.
      expect(text(a[table](1000)), table).toBe(x);
    }
  });

  it('looks like a national registry: skewed regions and degrees, local supply along feeds', () => {
    const g = generator(20_000, 7);
    const n = g.n;
    const degree = new Int32Array(n);
    const byType = [0, 0, 0];
    let sameCity = 0;
    let sameProvince = 0;
    let alongFeeds = 0;
    let selfLoops = 0;
    const pairs = new Set<number>();
    let parallel = 0;
    const cityOf = (i: number) => g.regionCity[g.region[i]!]!;
    const feeds = (s: number, t: number) => g.feedsOut[s]!.includes(t);
    for (const b of g.relationBatches()) {
      for (let k = 0; k < b.length; k++) {
        const s = b.source[k]!;
        const t = b.target[k]!;
        degree[s]!++;
        degree[t]!++;
        byType[b.type[k]!]!++;
        if (s === t) selfLoops++;
        const key = (s * n + t) * 3 + b.type[k]!;
        if (pairs.has(key)) parallel++;
        pairs.add(key);
        if (b.type[k] !== SUPPLY) continue;
        if (cityOf(s) === cityOf(t)) sameCity++;
        if (g.cityProvince[cityOf(s)] === g.cityProvince[cityOf(t)]) sameProvince++;
        const ss = [g.seg1[s]!, g.seg2[s]!];
        const ts = [g.seg1[t]!, g.seg2[t]!];
        if (ss.some((x) => x >= 0 && ts.some((y) => y >= 0 && feeds(x, y)))) alongFeeds++;
      }
    }
    const m = byType[0]! + byType[1]! + byType[2]!;
    const supply = byType[SUPPLY]!;
    // ≈10 relations per company, mostly supply, some collaboration and ownership.
    expect(m / n).toBeGreaterThan(9);
    expect(m / n).toBeLessThan(11);
    expect(supply / m).toBeGreaterThan(0.8);
    expect(byType[COLLABORATION]! / n).toBeGreaterThan(0.5);
    expect(byType[OWNERSHIP]! / n).toBeGreaterThan(0.2);
    expect(selfLoops).toBe(0);
    expect(parallel / m).toBeLessThan(0.01);
    // Heavy-tailed degrees: hubs far above the mean, the top 1% holding a large share.
    const sorted = Array.from(degree).sort((a, b) => b - a);
    const mean = (2 * m) / n;
    expect(sorted[0]!).toBeGreaterThan(20 * mean);
    const top = sorted.slice(0, n / 100).reduce((a, d) => a + d, 0);
    expect(top / (2 * m)).toBeGreaterThan(0.05);
    expect(sorted[Math.floor(n / 2)]!).toBeLessThan(mean); // median below the mean
    // Local supply: far above what customers drawn anywhere would give.
    const cityShare = new Map<number, number>();
    const provinceShare = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      cityShare.set(cityOf(i), (cityShare.get(cityOf(i)) ?? 0) + 1 / n);
      const p = g.cityProvince[cityOf(i)]!;
      provinceShare.set(p, (provinceShare.get(p) ?? 0) + 1 / n);
    }
    const chance = (shares: Map<number, number>) =>
      [...shares.values()].reduce((a, x) => a + x * x, 0);
    expect(sameCity / supply).toBeGreaterThan(0.3);
    expect(sameCity / supply).toBeGreaterThan(5 * chance(cityShare));
    expect(sameProvince / supply).toBeGreaterThan(0.5);
    expect(sameProvince / supply).toBeGreaterThan(3 * chance(provinceShare));
    expect(alongFeeds / supply).toBeGreaterThan(0.6);
    // Skewed regions: the ten largest cities of ~340 hold a quarter of the companies.
    expect(cityShare.size).toBeGreaterThan(200);
    const cities = [...cityShare.values()].sort((a, b) => b - a);
    expect(cities.slice(0, 10).reduce((a, x) => a + x, 0)).toBeGreaterThan(0.25);
  });

  it('parses sizes like 50k and 5M', () => {
    expect(parseCount('50k')).toBe(50_000);
    expect(parseCount('5M')).toBe(5_000_000);
    expect(parseCount('1234')).toBe(1234);
    expect(() => parseCount('lots')).toThrow();
  });
});

describe('the generated 50k dataset', () => {
  it(
    'loads clean with io, and the streaming ingest gives the same dataset in CSV, Arrow and Parquet',
    { timeout: 300_000 },
    async () => {
      const out = join(tmp, 'national-50k');
      await writeNational({
        companies: 50_000,
        seed: 42,
        out,
        formats: ['csv', 'arrow', 'parquet'],
      });
      const io = readDataset(out);
      expect(isClean(io.report)).toBe(true);
      expect(io.dataset.companies.ids).toHaveLength(50_000);
      expect(io.dataset.relations.source.length).toBeGreaterThan(450_000);
      const csv = await ingestDataset(out);
      expect(csv.relationsEngine).toBe('duckdb');
      // isDeepStrictEqual: vitest's toEqual takes seconds on 500k-row columns.
      expect(isDeepStrictEqual(csv.dataset, io.dataset)).toBe(true);
      expect(csv.report).toEqual(io.report);
      for (const manifest of ['chainlens.arrow.json', 'chainlens.parquet.json']) {
        const other = await ingestDataset(join(out, manifest));
        expect(isDeepStrictEqual(other.dataset, io.dataset), manifest).toBe(true);
        expect(other.report.errors, manifest).toBe(0);
      }
    },
  );
});
