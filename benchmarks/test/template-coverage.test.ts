/**
 * The bundled chain templates (datasets/templates) on the shipped cn-listed data: every one is
 * valid and in the house style, places companies in nearly all its segments, and its best
 * provinces by coverage include the ones a domain expert names for that chain. The coverage
 * figures of template-coverage.ts are checked against a count made here from the CSV files
 * with an independent wildcard matcher.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';
import type { TemplateCoverage } from '../src/template-coverage.js';
import { readTemplateFile, templateCoverage } from '../src/template-coverage.js';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const TEMPLATES = here('../../datasets/templates/');
const CN = here('../../datasets/cn-listed/');
const csv = (file: string) =>
  parse(readFileSync(CN + file, 'utf8'), { columns: true }) as Record<string, string>[];

/** Provinces a domain expert expects to be strong in each chain. */
const EXPECTED: Record<string, string[]> = {
  'lithium-battery': ['福建', '广东', '江苏'],
  photovoltaic: ['江苏', '浙江'],
  'integrated-circuit': ['上海', '江苏', '广东'],
  'textile-apparel': ['浙江', '江苏', '福建'],
  biomedicine: ['江苏', '上海', '浙江', '广东'],
  'cnc-machine-tool': ['浙江', '江苏', '山东', '辽宁'],
};

let dataset: Dataset;
const templates: ChainTemplate[] = [];
const coverage = new Map<string, TemplateCoverage>();
beforeAll(() => {
  dataset = readDataset(CN).dataset;
  for (const f of readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    const t = readTemplateFile(TEMPLATES + f);
    expect(f).toBe(`${t.id}.json`);
    templates.push(t);
    coverage.set(t.id, templateCoverage(dataset, t));
  }
}, 120_000);

describe('bundled templates', () => {
  it('are the six chains, each 12–30 segments in all three stages, ids in ASCII kebab-case', () => {
    expect(templates.map((t) => t.id).sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const t of templates) {
      expect(t.segments.length, t.id).toBeGreaterThanOrEqual(12);
      expect(t.segments.length, t.id).toBeLessThanOrEqual(30);
      expect(new Set(t.segments.map((s) => s.stage)), t.id).toEqual(
        new Set(['upstream', 'midstream', 'downstream']),
      );
      for (const s of t.segments) {
        expect(s.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(s.name).toMatch(/\p{Script=Han}/u);
        expect(s.includes.length, `${t.id}/${s.id}`).toBeGreaterThan(0);
      }
      expect(t.feeds.length).toBeGreaterThanOrEqual(t.segments.length - 1);
    }
  });

  it('place cn-listed companies in nearly every segment', () => {
    for (const t of templates) {
      const r = coverage.get(t.id)!;
      const empty = r.segments.filter((s) => s.companies === 0);
      expect(empty.length, `${t.id}: ${empty.map((s) => s.id).join(', ')}`).toBeLessThanOrEqual(1);
      expect(r.companies, t.id).toBeGreaterThan(100);
    }
  });

  it('score best in the provinces a domain expert expects', () => {
    for (const t of templates) {
      const top = coverage
        .get(t.id)!
        .provinces.slice(0, 4)
        .map((p) => p.province);
      const hits = EXPECTED[t.id]!.filter((p) => top.includes(p));
      expect(hits.length, `${t.id}: top 4 ${top.join(', ')}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('coverage figures agree with a count made from the CSV files (textile-apparel, 浙江)', () => {
    const t = templates.find((x) => x.id === 'textile-apparel')!;
    // Independent matcher: glob, `*` is any run of characters (exact, `x*`, `*x`, `*x*`, `x*y`).
    const re = (p: string) =>
      new RegExp(
        `^${p
          .split('*')
          .map((x) => x.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
          .join('.*')}$`,
        'su',
      );
    const province = new Map(csv('companies.csv').map((c) => [c.id!, c.region!.split('/')[0]!]));
    const memberships = csv('memberships.csv');
    const present = t.segments.filter((s) => {
      const rules = s.includes.map(re);
      return memberships.some(
        (m) =>
          province.get(m.company!) === '浙江' &&
          (m.segment === s.id || rules.some((r) => r.test(m.segment!))),
      );
    });
    const zj = coverage.get(t.id)!.provinces.find((p) => p.province === '浙江')!;
    expect(zj.present).toBe(present.length);
    expect(zj.coverage).toBeCloseTo(present.length / t.segments.length, 12);
  });
});
