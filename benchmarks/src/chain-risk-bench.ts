/**
 * Chain-risk benchmark: cascade model, criticality (one cascade per chain firm), supply
 * dominators, resilience (10 random runs + targeted) and one what-if, timed
 * - on cn-listed with every template of datasets/templates, for 浙江, 广东 and the whole
 *   country (every company with a region);
 * - on synthetic layered chains (6 tiers × 3 segments, every firm of tier ≥ 1 buying from 3
 *   random firms of segments that feed its own, seed 42) of 500, 2,000 and 10,000 chain firms,
 *   to show how the costs grow.
 * Times are the median of 5 runs after one warm-up, in one process (so JIT-warm), and exclude
 * loading and `chainContext` (printed separately). Prints a table; writes nothing.
 *
 *   tsc -b packages/core packages/io benchmarks && node benchmarks/dist/chain-risk-bench.js
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChainContext, ChainTemplate, Dataset } from '@chainlens/core';
import {
  cascadeModel,
  chainContext,
  chainFirms,
  clusterByRegion,
  createRng,
  criticality,
  relationTypeCode,
  resilience,
  supplyDominators,
  whatIf,
} from '@chainlens/core';
import { templateSchema } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const RUNS = 5;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown): number {
  fn();
  const ts: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    fn();
    ts.push(performance.now() - t);
  }
  return median(ts);
}

const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0)).padStart(7);

function bench(label: string, ctx: ChainContext, contextMs: number): void {
  const model = cascadeModel(ctx);
  const firms = chainFirms(ctx).length;
  const top = criticality(model).companies[0]?.company;
  const t = {
    model: time(() => cascadeModel(ctx)),
    crit: time(() => criticality(model)),
    dom: time(() => supplyDominators(ctx)),
    res: time(() => resilience(model, { seed: 1 })),
    what: time(() => whatIf(model, { remove: top ? [top] : [] })),
  };
  console.log(
    `${label.padEnd(34)} ${String(ctx.cluster.members.length).padStart(6)} ${String(firms).padStart(6)} ${String(model.needs).padStart(6)} ${String(model.provenance.edges).padStart(6)} |` +
      `${ms(contextMs)} ${ms(t.model)} ${ms(t.crit)} ${ms(t.dom)} ${ms(t.res)} ${ms(t.what)}`,
  );
}

function layered(n: number): { dataset: Dataset; template: ChainTemplate } {
  const rng = createRng(42);
  const tiers = 6;
  const per = 3;
  const segments: ChainTemplate['segments'] = [];
  const feeds: [string, string][] = [];
  for (let t = 0; t < tiers; t++) {
    for (let k = 0; k < per; k++) {
      segments.push({
        id: `s${t}${k}`,
        name: `s${t}${k}`,
        stage: (t < 2 ? 'upstream' : t < 4 ? 'midstream' : 'downstream') as
          'upstream' | 'midstream' | 'downstream',
        weight: 1,
        includes: [],
      });
      if (t > 0) {
        feeds.push([`s${t - 1}${k}`, `s${t}${k}`]);
        feeds.push([`s${t - 1}${(k + 1) % per}`, `s${t}${k}`]);
      }
    }
  }
  const ids = Array.from({ length: n }, (_, i) => `F${String(i).padStart(6, '0')}`);
  const seg = Array.from({ length: n }, () => Math.floor(rng() * tiers * per));
  const bySeg: number[][] = Array.from({ length: tiers * per }, () => []);
  seg.forEach((s, i) => bySeg[s]!.push(i));
  const src: number[] = [];
  const dst: number[] = [];
  const w: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = Math.floor(seg[i]! / per);
    const k = seg[i]! % per;
    if (t === 0) continue;
    const inputs = [(t - 1) * per + k, (t - 1) * per + ((k + 1) % per)];
    for (let d = 0; d < 3; d++) {
      const pool = bySeg[inputs[Math.floor(rng() * 2)]!]!;
      if (pool.length === 0) continue;
      src.push(pool[Math.floor(rng() * pool.length)]!);
      dst.push(i);
      w.push(1 + Math.floor(rng() * 5));
    }
  }
  const dataset: Dataset = {
    name: `layered-${n}`,
    companies: { ids, names: ids, regions: ids.map(() => 'X'), attributes: {} },
    memberships: {
      company: Int32Array.from({ length: n }, (_, i) => i),
      segment: seg.map((s) => segments[s]!.id),
      share: Float64Array.from({ length: n }, () => rng()),
      attributes: {},
    },
    relations: {
      source: Int32Array.from(src),
      target: Int32Array.from(dst),
      type: new Uint8Array(src.length).fill(relationTypeCode('supply')),
      weight: Float64Array.from(w),
      attributes: {},
    },
    templates: [],
  };
  return { dataset, template: { id: 'layered', name: 'layered', segments, feeds } };
}

console.log(
  `${'case'.padEnd(34)} ${'cluster'.padStart(6)} ${'firms'.padStart(6)} ${'needs'.padStart(6)} ${'edges'.padStart(6)} |` +
    ['context', 'model', 'critic.', 'domin.', 'resil.', 'what-if']
      .map((h) => h.padStart(7))
      .join(' ') +
    '   (ms)',
);
const { dataset } = readDataset(here('../../datasets/cn-listed/'));
const dir = here('../../datasets/templates/');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
for (const f of files) {
  const template = templateSchema.parse(JSON.parse(readFileSync(dir + f, 'utf8'))) as ChainTemplate;
  for (const region of ['浙江', '广东', '']) {
    const cluster = clusterByRegion(dataset.companies, region);
    const t = performance.now();
    const ctx = chainContext(dataset, template, cluster);
    bench(`cn-listed ${template.id} ${region || 'all'}`, ctx, performance.now() - t);
  }
}
for (const n of [500, 2_000, 10_000]) {
  const { dataset: ds, template } = layered(n);
  const t = performance.now();
  const ctx = chainContext(ds, template, clusterByRegion(ds.companies, 'X'));
  bench(`synthetic layered ${n}`, ctx, performance.now() - t);
}
