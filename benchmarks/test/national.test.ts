import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { isClean } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { ingestDataset } from '@chainlens/scale';
import { afterAll, describe, expect, it } from 'vitest';
import { analyze, chainStructure, clusterByRegion, compareRegions } from '@chainlens/core';
import type { ChainTemplate } from '@chainlens/core';
import {
  chainHints,
  cityWeights,
  hintsCsv,
  parseCount,
  readChainHints,
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
const hints = readChainHints();
const generator = (companies: number, seed: number) =>
  new NationalGenerator({
    companies,
    seed,
    regions,
    templates,
    cityWeight: weights,
    chainHints: hints,
  });

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
    let chainSupply = 0;
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
        if (g.seg1[s] !== g.other) chainSupply++;
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
    // Supply of chain firms mostly follows the template's feeds (firms outside every chain have none).
    expect(alongFeeds / chainSupply).toBeGreaterThan(0.6);
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

describe('chains that sit like real clusters', () => {
  it(
    'keeps benchmarks/data/chain-hints.csv what datasets/cn-listed says',
    { timeout: 120_000 },
    () => {
      expect(readFileSync(new URL('../data/chain-hints.csv', import.meta.url), 'utf8')).toBe(
        hintsCsv(chainHints(templates)),
      );
    },
  );

  it(
    'concentrates each chain in a few cities, leaves most thin or absent, and ranks them apart',
    { timeout: 300_000 },
    async () => {
      const out = join(tmp, 'national-50k-chains');
      await writeNational({ companies: 50_000, seed: 11, out });
      const { dataset } = readDataset(out);
      const cityCount = new Set(
        dataset.companies.regions.map((r) => r.split('/').slice(0, 2).join('/')),
      ).size;
      for (const t of dataset.templates) {
        const rows = compareRegions(dataset, t, { level: 2 });
        const cov = rows.map((r) => r.completeness.coverage);
        const chainFirms = rows.reduce((a, r) => a + r.chainCompanies, 0);
        const byFirms = rows.map((r) => r.chainCompanies).sort((a, b) => b - a);
        // Concentrated: the ten strongest of ~370 cities hold most of the chain's firms.
        expect(
          byFirms.slice(0, 10).reduce((a, k) => a + k, 0),
          t.id,
        ).toBeGreaterThan(0.5 * chainFirms);
        // Most cities are thin (one segment in ten or less) or hold none of the chain.
        const thin = cov.filter((c) => c <= 0.1).length;
        expect(thin / cityCount, t.id).toBeGreaterThan(0.8);
        // A leading cluster that holds much of the chain, far from full coverage everywhere.
        expect(Math.max(...cov), t.id).toBeGreaterThan(0.5);
        expect(cov.filter((c) => c >= 0.9).length, t.id).toBeLessThanOrEqual(3);
        // Rankings separate cities: many distinct ranks among those that hold the chain.
        expect(
          new Set(rows.filter((r) => r.chainCompanies > 0).map((r) => r.rank)).size,
          t.id,
        ).toBeGreaterThan(8);
        // The city where the listed firms of the chain cluster is among the five best.
        const hinted = [...hints.get(t.id)!].map(
          ([city, segs]) => [city, [...segs.values()].reduce((a, k) => a + k, 0)] as const,
        );
        const strongest = hinted.sort((a, b) => b[1] - a[1])[0]![0];
        expect(rows.find((r) => r.region === strongest)!.rank, t.id).toBeLessThanOrEqual(5);
      }
      // A second-tier cluster of the lithium-battery chain: gaps, and firms elsewhere to attract.
      const template = dataset.templates.find((t) => t.id === 'lithium-battery') as ChainTemplate;
      const second = compareRegions(dataset, template, { level: 2 })[1]!;
      const report = analyze(dataset, {
        cluster: clusterByRegion(dataset.companies, second.region),
        template,
      });
      expect(report.completeness.coverage).toBeLessThan(0.8);
      expect(report.targets.length).toBeGreaterThan(0);
      expect(chainStructure(template).size).toBe(template.segments.length);
    },
  );

  it('gives each strong cluster a 链主 that buys from a local supplier web', () => {
    const g = generator(50_000, 5);
    const n = g.n;
    const cityOf = (i: number) => g.regionCity[g.region[i]!]!;
    const localSuppliers = new Int32Array(n);
    for (const b of g.relationBatches()) {
      for (let k = 0; k < b.length; k++) {
        if (b.type[k] !== SUPPLY || cityOf(b.source[k]!) !== cityOf(b.target[k]!)) continue;
        localSuppliers[b.target[k]!]!++;
      }
    }
    // Per (city, template) with 50+ chain firms: the firm with most local suppliers against the
    // median chain firm there.
    const groups = new Map<string, number[]>();
    for (let i = 0; i < n; i++) {
      if (g.seg1[i] === g.other) continue;
      const key = `${cityOf(i)}:${g.segmentTemplate[g.seg1[i]!]}`;
      groups.set(key, [...(groups.get(key) ?? []), localSuppliers[i]!]);
    }
    const big = [...groups.values()].filter((l) => l.length >= 50);
    expect(big.length).toBeGreaterThan(10);
    let led = 0;
    for (const list of big) {
      const sorted = [...list].sort((a, b) => b - a);
      const median = sorted[Math.floor(sorted.length / 2)]!;
      if (sorted[0]! >= 10 && sorted[0]! >= 5 * Math.max(1, median)) led++;
    }
    expect(led / big.length).toBeGreaterThan(0.8);
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
