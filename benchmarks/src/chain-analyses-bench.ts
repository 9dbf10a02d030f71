/**
 * Chain-analyses benchmark: the segment table, weak links (with edge betweenness of bridges),
 * missing roles and input gaps, leading firms, targets (all candidates scored, top 20), a
 * portfolio of 5 and related segments, timed on cn-listed with every template of
 * datasets/templates, for 浙江, 广东 and the whole country (every company with a region), with
 * the weak-link view in both scopes (chain firms, whole cluster).
 * Times are the median of 5 runs after one warm-up, in one process (JIT-warm), in
 * milliseconds, and exclude loading and `chainContext` (printed separately). Prints a table;
 * writes nothing.
 *
 *   tsc -b packages/core packages/io benchmarks && node benchmarks/dist/chain-analyses-bench.js
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ChainContext, ChainTemplate } from '@chainlens/core';
import {
  chainContext,
  chainFirms,
  clusterByRegion,
  inputGaps,
  leaders,
  missingRoles,
  portfolio,
  relatedSegments,
  segmentTable,
  targets,
  weakLinks,
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
  const t = {
    seg: time(() => segmentTable(ctx)),
    weak: time(() => weakLinks(ctx)),
    weakCluster: time(() => weakLinks(ctx, { scope: 'cluster' })),
    missing: time(() => {
      missingRoles(ctx);
      inputGaps(ctx);
    }),
    leaders: time(() => leaders(ctx)),
    targets: time(() => targets(ctx)),
    portfolio: time(() => portfolio(ctx, 5)),
    related: time(() => relatedSegments(ctx)),
  };
  const candidates = targets(ctx, { limit: Infinity }).length;
  console.log(
    `${label.padEnd(34)} ${String(ctx.cluster.members.length).padStart(6)} ${String(chainFirms(ctx).length).padStart(6)} ${String(candidates).padStart(6)} |` +
      `${ms(contextMs)} ${ms(t.seg)} ${ms(t.weak)} ${ms(t.weakCluster)} ${ms(t.missing)} ${ms(t.leaders)} ${ms(t.targets)} ${ms(t.portfolio)} ${ms(t.related)}`,
  );
}

const dataset = readDataset(here('../../datasets/cn-listed')).dataset;
const dir = here('../../datasets/templates');
const files = existsSync(dir)
  ? readdirSync(dir)
      .filter((f) => f.endsWith('.json'))
      .sort()
  : [];
console.log(
  `${'cn-listed: template / region'.padEnd(34)} ${'C'.padStart(6)} ${'firms'.padStart(6)} ${'cands'.padStart(6)} |` +
    [
      'context',
      'segments',
      'weak',
      'weak(C)',
      'missing',
      'leaders',
      'targets',
      'portf.5',
      'related',
    ]
      .map((h) => h.padStart(7))
      .join(' '),
);
for (const file of files) {
  const template = templateSchema.parse(
    JSON.parse(readFileSync(`${dir}/${file}`, 'utf8')),
  ) as ChainTemplate;
  for (const region of ['浙江', '广东', '']) {
    const t0 = performance.now();
    const ctx = chainContext(dataset, template, clusterByRegion(dataset.companies, region));
    const contextMs = performance.now() - t0;
    bench(`${template.id} / ${region || 'all regions'}`, ctx, contextMs);
  }
}
