/**
 * Coverage check of chain templates on a dataset (by default the bundled templates of
 * `datasets/templates/` on `datasets/cn-listed`): per template and segment, how many companies
 * the segment's `includes` rules place in it; per province (first part of the region path),
 * the chain completeness (coverage K_cov, redundancy K_red; core's `completenessFromCounts`)
 * of that province's companies; and the provinces that score highest. This is how the
 * bundled templates were checked (datasets/templates/README.md quotes its figures).
 *
 *   npx tsc -b benchmarks && node benchmarks/dist/template-coverage.js [options] [template ids]
 *
 * Options: --dataset PATH (default datasets/cn-listed), --templates DIR (default
 * datasets/templates), --items (list, per segment, the membership items that matched, with
 * their company counts: check them by eye for over-broad wildcards), --top N (provinces to
 * print, default 8), --json FILE (write the figures as JSON), --shares (the distribution of the
 * known revenue shares of the (company, segment) pairs each template matches with minShare 0:
 * how many fall under 1, 2, 5 and 10 %; docs/chain-analysis/membership.md quotes it).
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { ChainTemplate, Dataset } from '@chainlens/core';
import {
  chainStructure,
  checkTemplate,
  completenessFromCounts,
  matchesInclude,
  regionParts,
  segmentMembership,
} from '@chainlens/core';
import { templateSchema } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

/** Coverage figures of one province for one template. */
export interface ProvinceCoverage {
  province: string;
  /** Companies of the province in at least one segment. */
  companies: number;
  /** Segments with at least one company of the province. */
  present: number;
  coverage: number;
  redundancy: number;
}

/** Coverage figures of one template on a dataset. */
export interface TemplateCoverage {
  id: string;
  name: string;
  byStage: Record<string, number>;
  /** Companies in at least one segment (whole dataset), and how many of them have a region. */
  companies: number;
  withRegion: number;
  segments: Array<{
    id: string;
    name: string;
    stage: string;
    companies: number;
    /** Matched membership items, most companies first (only with --items). */
    items?: Array<{ item: string; companies: number }>;
    /** `includes` patterns that match no membership item of the dataset (only with --items). */
    unused?: string[];
  }>;
  /** Membership items that fall in more than one segment (only with --items). */
  shared?: Array<{ item: string; segments: string[] }>;
  /** Provinces, best coverage first (ties: redundancy, then companies). */
  provinces: ProvinceCoverage[];
}

/** Share cut-offs of the --shares table. */
export const SHARE_CUTS = [0.01, 0.02, 0.05, 0.1] as const;

/**
 * The (company, segment) pairs a template matches with no threshold: how many, how many with a
 * known share, and how many of those fall under each of SHARE_CUTS.
 */
export function shareDistribution(
  dataset: Dataset,
  template: ChainTemplate,
): { pairs: number; known: number; below: number[] } {
  const m = segmentMembership(dataset, chainStructure(template), { minShare: 0 });
  let pairs = 0;
  let known = 0;
  const below = SHARE_CUTS.map(() => 0);
  for (const shares of m.shares) {
    for (const x of shares) {
      pairs++;
      if (Number.isNaN(x)) continue;
      known++;
      SHARE_CUTS.forEach((cut, i) => {
        if (x < cut) below[i]!++;
      });
    }
  }
  return { pairs, known, below };
}

/** Reads and validates (io's schema, core's structural check) one template file. */
export function readTemplateFile(file: string): ChainTemplate {
  const parsed = templateSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`${file}: ${i.path.join('.')}: ${i.message}`);
  }
  const problems = checkTemplate(parsed.data);
  if (problems.length > 0)
    throw new Error(`${file}: ${problems[0]!.path}: ${problems[0]!.message}`);
  return parsed.data;
}

/** The figures of one template on a dataset. */
export function templateCoverage(
  dataset: Dataset,
  template: ChainTemplate,
  withItems = false,
): TemplateCoverage {
  const structure = chainStructure(template);
  const membership = segmentMembership(dataset, structure);
  const S = structure.size;
  const province = dataset.companies.regions.map((r) => regionParts(r)[0] ?? '');
  const counts = new Map<string, Float64Array>();
  const inChain = new Map<string, Set<number>>();
  const all = new Set<number>();
  for (let s = 0; s < S; s++) {
    for (const c of membership.members[s]!) {
      all.add(c);
      const p = province[c]!;
      if (p === '') continue;
      let n = counts.get(p);
      if (!n) counts.set(p, (n = new Float64Array(S)));
      n[s]!++;
      let set = inChain.get(p);
      if (!set) inChain.set(p, (set = new Set()));
      set.add(c);
    }
  }
  const provinces: ProvinceCoverage[] = [...counts].map(([p, n]) => {
    const k = completenessFromCounts(structure, n);
    return {
      province: p,
      companies: inChain.get(p)!.size,
      present: k.segments.present,
      coverage: k.coverage,
      redundancy: k.redundancy,
    };
  });
  provinces.sort(
    (a, b) =>
      b.coverage - a.coverage ||
      b.redundancy - a.redundancy ||
      b.companies - a.companies ||
      (a.province < b.province ? -1 : 1),
  );
  let itemsBySegment: Array<Map<string, Set<number>>> | undefined;
  let unused: Array<Set<string>> | undefined;
  const shared: Array<{ item: string; segments: string[] }> = [];
  if (withItems) {
    itemsBySegment = Array.from({ length: S }, () => new Map());
    unused = template.segments.map((seg) => new Set(seg.includes));
    const m = dataset.memberships;
    const seen = new Set<string>();
    for (let r = 0; r < m.company.length; r++) {
      const item = m.segment[r]!;
      const hit: string[] = [];
      template.segments.forEach((seg, s) => {
        const patterns = seg.includes.filter((p) => matchesInclude(p, item));
        if (seg.id !== item && patterns.length === 0) return;
        for (const p of patterns) unused![s]!.delete(p);
        hit.push(seg.id);
        const map = itemsBySegment![s]!;
        let set = map.get(item);
        if (!set) map.set(item, (set = new Set()));
        set.add(m.company[r]!);
      });
      if (hit.length > 1 && !seen.has(item)) {
        seen.add(item);
        shared.push({ item, segments: hit });
      }
    }
  }
  const byStage: Record<string, number> = { upstream: 0, midstream: 0, downstream: 0 };
  for (const s of template.segments) byStage[s.stage]!++;
  return {
    id: template.id,
    name: template.name,
    byStage,
    companies: all.size,
    withRegion: [...all].filter((c) => province[c] !== '').length,
    segments: template.segments.map((seg, s) => ({
      id: seg.id,
      name: seg.name,
      stage: seg.stage,
      companies: membership.members[s]!.length,
      ...(itemsBySegment
        ? {
            items: [...itemsBySegment[s]!]
              .map(([item, set]) => ({ item, companies: set.size }))
              .sort((a, b) => b.companies - a.companies || (a.item < b.item ? -1 : 1)),
            unused: [...unused![s]!],
          }
        : {}),
    })),
    ...(withItems ? { shared } : {}),
    provinces,
  };
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      dataset: { type: 'string', default: here('../../datasets/cn-listed') },
      templates: { type: 'string', default: here('../../datasets/templates') },
      items: { type: 'boolean', default: false },
      top: { type: 'string', default: '8' },
      json: { type: 'string' },
      shares: { type: 'boolean', default: false },
    },
  });
  const top = Number(values.top);
  const { dataset } = readDataset(values.dataset!);
  const files = readdirSync(values.templates!)
    .filter((f) => f.endsWith('.json'))
    .sort();
  const results: TemplateCoverage[] = [];
  if (values.shares) {
    const pct = (a: number, b: number) => `${b > 0 ? Math.round((100 * a) / b) : 0}%`;
    console.log(
      `template\tpairs\tknown share\t${SHARE_CUTS.map((c) => `< ${100 * c}%`).join('\t')}`,
    );
    const total = { pairs: 0, known: 0, below: SHARE_CUTS.map(() => 0) };
    for (const file of files) {
      const template = readTemplateFile(join(values.templates!, file));
      if (positionals.length > 0 && !positionals.includes(template.id)) continue;
      const d = shareDistribution(dataset, template);
      console.log(
        `${template.id}\t${d.pairs}\t${d.known}\t${d.below.map((b) => pct(b, d.known)).join('\t')}`,
      );
      total.pairs += d.pairs;
      total.known += d.known;
      d.below.forEach((b, i) => (total.below[i]! += b));
    }
    console.log(
      `all\t${total.pairs}\t${total.known}\t${total.below.map((b) => pct(b, total.known)).join('\t')}`,
    );
    return;
  }
  for (const file of files) {
    const template = readTemplateFile(join(values.templates!, file));
    if (positionals.length > 0 && !positionals.includes(template.id)) continue;
    const r = templateCoverage(dataset, template, values.items);
    results.push(r);
    const pct = (x: number) => `${(100 * x).toFixed(0)}%`;
    console.log(
      `\n== ${r.id} ${r.name}: ${template.segments.length} segments (${r.byStage.upstream} up, ${r.byStage.midstream} mid, ${r.byStage.downstream} down), ${template.feeds.length} feeds; ${r.companies} companies (${r.withRegion} with a region)`,
    );
    for (const s of r.segments) {
      console.log(
        `  ${s.stage.padEnd(10)} ${s.id.padEnd(22)} ${String(s.companies).padStart(4)}  ${s.name}`,
      );
      if (s.items) {
        const list = s.items.map((i) => `${i.item}(${i.companies})`).join(' ');
        console.log(`      ${list || '(no item)'}`);
        if (s.unused?.length) console.log(`      unused patterns: ${s.unused.join(' ')}`);
      }
    }
    for (const x of r.shared ?? []) console.log(`  shared: ${x.item} → ${x.segments.join(', ')}`);
    const zero = r.segments.filter((s) => s.companies === 0).map((s) => s.id);
    console.log(`  segments with no company: ${zero.length ? zero.join(', ') : 'none'}`);
    console.log(`  provinces by coverage (top ${top}):`);
    for (const p of r.provinces.slice(0, top)) {
      console.log(
        `    ${p.province}\tcoverage ${pct(p.coverage)} (${p.present}/${template.segments.length})\tredundancy ${pct(p.redundancy)}\t${p.companies} companies`,
      );
    }
  }
  if (values.json) writeFileSync(values.json, `${JSON.stringify(results, null, 2)}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
