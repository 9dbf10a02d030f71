/**
 * `chainlens template list|extract` and the template look-up other commands use
 * (`resolveTemplate`), run in process on the shipped data. Expected figures are read
 * independently from the template files and product-links.csv.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ChainTemplate, Dataset } from '@chainlens/core';
import { checkTemplate } from '@chainlens/core';
import { DataError, templateSchema } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { UsageError } from '../src/errors.js';
import { run } from '../src/program.js';
import {
  bundledTemplatesDir,
  loadTemplates,
  resolveTemplate,
  resolveTemplateEntry,
} from '../src/templates.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEMPLATES = join(ROOT, 'datasets/templates');

async function cli(...args: string[]) {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const code = await run(args, { out: (l = '') => stdout.push(l), err: (l) => stderr.push(l) });
  return { code, stdout: stdout.join('\n'), stderr };
}

/** The bundled template files, parsed as plain JSON (not through the code under test). */
const bundledFiles = () =>
  readdirSync(TEMPLATES)
    .filter((f) => f.endsWith('.json'))
    .map((f) => ({ file: f, json: JSON.parse(readFileSync(join(TEMPLATES, f), 'utf8')) }));

/** The input_of links of product-links.csv as [source, target] pairs. */
function csvInputLinks(): Array<[string, string]> {
  const rows = parse(readFileSync(join(ROOT, 'datasets/cn-listed/product-links.csv'), 'utf8'), {
    columns: true,
  }) as Record<string, string>[];
  return rows.filter((r) => r.type === 'input_of').map((r) => [r.source!, r.target!]);
}

/** input_of inputs of a product, read from the CSV. */
const csvInputs = (product: string) =>
  csvInputLinks()
    .filter(([, target]) => target === product)
    .map(([source]) => source);

let cn: Dataset;
let eto: Dataset;
beforeAll(() => {
  cn = readDataset(join(ROOT, 'datasets/cn-listed')).dataset;
  eto = readDataset(join(ROOT, 'datasets/eto-semiconductors')).dataset;
}, 120_000);

describe('chainlens template list', () => {
  it('lists the six bundled templates with their segment counts by stage', async () => {
    const r = await cli('template', 'list', 'cn-listed');
    expect(r.code).toBe(0);
    const files = bundledFiles();
    expect(files.map((f) => f.json.id).sort()).toEqual([
      'biomedicine',
      'cnc-machine-tool',
      'integrated-circuit',
      'lithium-battery',
      'photovoltaic',
      'textile-apparel',
    ]);
    expect(r.stdout).toContain('Chain templates for dataset cn-listed');
    for (const { json } of files) {
      const by = (stage: string) =>
        json.segments.filter((s: { stage: string }) => s.stage === stage).length;
      const line = r.stdout.split('\n').find((l) => l.trimStart().startsWith(`${json.id} `));
      expect(line, json.id).toBeDefined();
      const cells = line!.trim().split(/\s{2,}/);
      // id, name, source, segments, up, mid, down, feeds, held, companies, file
      expect(cells.slice(0, 8)).toEqual([
        json.id,
        json.name,
        'bundled',
        String(json.segments.length),
        String(by('upstream')),
        String(by('midstream')),
        String(by('downstream')),
        String(json.feeds.length),
      ]);
    }
  });

  it("lists a dataset's own templates before the bundled ones", async () => {
    const r = await cli('template', 'list', 'eto-semiconductors');
    expect(r.code).toBe(0);
    const own = eto.templates.map((t) => t.id);
    expect(own).toHaveLength(2);
    const ids = r.stdout
      .split('\n')
      .slice(3)
      .map((l) => l.trim().split(/\s{2,}/))
      .filter((c) => c.length > 8)
      .map((c) => [c[0], c[2]]);
    expect(ids.slice(0, 2)).toEqual(own.map((id) => [id, 'dataset']));
    expect(ids.slice(2).every(([, source]) => source === 'bundled')).toBe(true);
    expect(ids).toHaveLength(8);
  });
});

describe('chainlens template extract', () => {
  it('writes the template of 汽车 at depth 1 as JSON on stdout: 汽车 and its listed inputs', async () => {
    const r = await cli('template', 'extract', 'cn-listed', '--product', '汽车', '--depth', '1');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as ChainTemplate;
    expect(templateSchema.safeParse(t).success).toBe(true);
    expect(checkTemplate(t)).toEqual([]);
    const inputs = csvInputs('汽车');
    expect(inputs.length).toBeGreaterThan(5);
    expect(new Set(t.segments.map((s) => s.name))).toEqual(new Set(['汽车', ...inputs]));
    for (const i of inputs) expect(t.feeds).toContainEqual([i, '汽车']);
    // The links among 汽车 and its inputs in the file (12 into 汽车, and 5 among the inputs,
    // such as 冷轧板→镀锌板→彩涂板): none closes a cycle, so every one is a feed.
    const names = new Set(['汽车', ...inputs]);
    const among = new Set(
      csvInputLinks()
        .filter(([a, b]) => names.has(a) && names.has(b))
        .map(([a, b]) => `${a}>${b}`),
    );
    expect(new Set(t.feeds.map(([a, b]) => `${a}>${b}`))).toEqual(among);
    expect(r.stderr).toEqual([
      `template 汽车-chain: ${inputs.length + 1} segments (${inputs.length} upstream, 0 midstream, 1 downstream), ${among.size} feeds`,
    ]);
  });

  it('writes to --out, and the file is a template resolveTemplate can load', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-template-'));
    const file = join(dir, 'car.json');
    const r = await cli(
      'template',
      'extract',
      '--product',
      '汽车',
      '--max-segments',
      '12',
      '--id',
      'car',
      '--out',
      file,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*car\.json: template car: 12 segments/);
    const t = resolveTemplate(cn, file);
    expect(t.id).toBe('car');
    expect(t.segments).toHaveLength(12);
    expect(resolveTemplateEntry(cn, file).source).toBe('file');
  });

  it('says when the product has no input link (新能源汽车), and names similar ones that do', async () => {
    expect(csvInputs('新能源汽车')).toEqual([]);
    const r = await cli('template', 'extract', '--product', '新能源汽车');
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as ChainTemplate).segments).toHaveLength(1);
    expect(r.stderr[1]).toMatch(/^note: 新能源汽车 has no input_of link in cn-listed/);
    expect(r.stderr[1]).toContain('汽车');
  });

  it('refuses bad usage in one line with exit 2', async () => {
    const unknown = await cli('template', 'extract', '--product', '锂电');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toHaveLength(1);
    expect(unknown.stderr[0]).toMatch(/^chainlens: no product '锂电'; did you mean '锂电池'/);
    const depth = await cli('template', 'extract', '--product', '汽车', '--depth', '-1');
    expect(depth.code).toBe(2);
    expect(depth.stderr).toEqual(["chainlens: --depth must be a whole number ≥ 0, got '-1'"]);
    expect((await cli('template', 'extract')).code).toBe(2);
    const noProducts = await cli('template', 'extract', 'eto-semiconductors', '--product', 'x');
    expect(noProducts.code).toBe(2);
    expect(noProducts.stderr[0]).toContain('has no products and product links');
  });
});

describe('resolveTemplate', () => {
  it('finds bundled templates by id, and a dataset template before a bundled one', () => {
    expect(bundledTemplatesDir()).toBe(TEMPLATES);
    expect(resolveTemplate(cn, 'photovoltaic').name).toBe('光伏产业链');
    expect(resolveTemplateEntry(cn, 'photovoltaic').source).toBe('bundled');
    expect(resolveTemplateEntry(eto, 'eto-advanced-logic-chips').source).toBe('dataset');
    // A dataset whose own template reuses a bundled id gets its own.
    const own: ChainTemplate = {
      id: 'photovoltaic',
      name: 'mine',
      segments: [{ id: 'a', name: 'A', stage: 'upstream', weight: 1, includes: [] }],
      feeds: [],
    };
    const shadow = { ...cn, templates: [own] };
    expect(resolveTemplate(shadow, 'photovoltaic')).toBe(own);
    expect(loadTemplates(shadow).filter((t) => t.id === 'photovoltaic')).toEqual([own]);
    expect(loadTemplates(cn).map((t) => t.id)).toHaveLength(6);
    expect(loadTemplates(cn, ['biomedicine', 'textile-apparel']).map((t) => t.id)).toEqual([
      'biomedicine',
      'textile-apparel',
    ]);
  });

  it('suggests the nearest ids for an unknown one (UsageError)', () => {
    expect(() => resolveTemplate(cn, 'lithium-batery')).toThrow(UsageError);
    expect(() => resolveTemplate(cn, 'lithium-batery')).toThrow(
      /^unknown template 'lithium-batery' \(did you mean 'lithium-battery'\?\); available: biomedicine, /,
    );
    expect(() => resolveTemplate(cn, 'no/such/file.json')).toThrow(UsageError);
  });

  it('rejects an invalid template file with a DataError naming file and JSON path', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chainlens-template-'));
    const file = join(dir, 'bad.json');
    writeFileSync(
      file,
      JSON.stringify({
        id: 'bad',
        name: 'bad',
        segments: [
          { id: 'a', name: 'A', stage: 'upstream' },
          { id: 'b', name: 'B', stage: 'sideways' },
        ],
        feeds: [
          ['a', 'b'],
          ['b', 'a'],
        ],
      }),
    );
    expect(() => resolveTemplate(cn, file)).toThrow(DataError);
    expect(() => resolveTemplate(cn, file)).toThrow(`${file}:segments[1].stage:`);
  });
});
