/**
 * Real chain reports for the report tests: `analyze()` on the shipped cn-listed data with a
 * shipped template, optionally with every company renamed to carry hostile text (HTML,
 * Markdown table syntax, newlines), so that escaping is tested on the renderers' real input.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChainReport, ChainTemplate, Dataset } from '@chainlens/core';
import { analyze, clusterByRegion } from '@chainlens/core';
import { readDataset } from '@chainlens/io/node';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** Hostile name parts: markup, script-closing sequences, Markdown table and inline syntax, newlines. */
export const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '管道|公司\n第二行 | x',
  '*星号*_下划线_ `代码` ~~删~~',
  '[链接](javascript:alert(1))',
  '&lt;实体&gt; &amp;',
  '</script><script>alert(2)</script>',
  '<!-- 注释 --> <![CDATA[x]]>',
  `"引号' onmouseover=alert(1) x="`,
  'back\\slash\r\nCRLF',
];

export interface Fixture {
  report: ChainReport;
  /** The name each company id had in the data before renaming (undefined when not renamed). */
  original?: Map<string, string>;
}

let cached: Dataset | undefined;

/** The shipped cn-listed dataset, loaded once per test file. */
export function cnListed(): Dataset {
  cached ??= readDataset(join(ROOT, 'datasets', 'cn-listed')).dataset;
  return cached;
}

/**
 * A shipped template of datasets/templates (analyze() checks its structure: unique segments,
 * feeds between them, no cycle).
 */
export function shippedTemplate(id: string): ChainTemplate {
  const file = join(ROOT, 'datasets', 'templates', `${id}.json`);
  return JSON.parse(readFileSync(file, 'utf8')) as ChainTemplate;
}

/**
 * `analyze()` of a region of cn-listed against a shipped template (default: 广东,
 * lithium-battery). With `hostile`, every company of the dataset is first renamed to its name
 * followed by one of `HOSTILE` (in turn), so every name the report carries is hostile.
 */
export function realReport(
  options: { region?: string; template?: string; hostile?: boolean } = {},
): Fixture {
  const base = cnListed();
  let dataset = base;
  let original: Map<string, string> | undefined;
  if (options.hostile) {
    original = new Map(base.companies.ids.map((id, i) => [id, base.companies.names[i]!]));
    const names = base.companies.names.map((n, i) => `${n}${HOSTILE[i % HOSTILE.length]}`);
    dataset = { ...base, companies: { ...base.companies, names } };
  }
  const report = analyze(dataset, {
    cluster: clusterByRegion(dataset.companies, options.region ?? '广东'),
    template: shippedTemplate(options.template ?? 'lithium-battery'),
    limits: { leaders: 10, targets: 10, critical: 10 },
  });
  return { report, ...(original ? { original } : {}) };
}
