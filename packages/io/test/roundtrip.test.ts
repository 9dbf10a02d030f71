/**
 * Format round trips keep every value: a dataset loaded from CSV, written as Arrow (or JSON),
 * loaded back and written as CSV again gives the same dataset and the same CSV bytes, on the
 * shipped datasets and on a small hand-made one full of awkward values.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AttributeColumns, Dataset } from '@chainlens/core';
import type { LoadResult, ValidationReport, WriteFormat } from '@chainlens/io';
import { encodeDataset, formatIssue, isClean, loadDataset } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { memory } from './helpers.js';
import type { Files } from './helpers.js';

const dataset = (name: string) =>
  fileURLToPath(new URL(`../../../datasets/${name}`, import.meta.url));

const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

/** The first few problems of a report, for a readable failure. */
function problems(report: ValidationReport): string[] {
  return [
    ...report.tables
      .filter((t) => t.failed || t.rejected > 0)
      .map((t) => `${t.file}: ${t.rejected} rejected${t.failed ? ', failed' : ''}`),
    ...report.issues
      .filter((i) => i.severity === 'error')
      .slice(0, 5)
      .map(formatIssue),
  ];
}

function fromFiles(files: Map<string, Uint8Array>): LoadResult {
  return loadDataset((path) => files.get(path));
}

type Column = ArrayLike<number> | readonly string[];

/**
 * Equality of one column, value by value (NaN equal to NaN: an unknown share stays unknown, it
 * does not become 0), naming the first difference. `toEqual` on 100k-row columns is too slow.
 */
function expectSameColumn(label: string, actual: Column | undefined, expected: Column | undefined) {
  expect(actual === undefined, `${label} present`).toBe(expected === undefined);
  if (!actual || !expected) return;
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const a = actual[i];
    const e = expected[i];
    if (a !== e && !(Number.isNaN(a) && Number.isNaN(e))) expect(a, `${label}[${i}]`).toBe(e);
  }
}

function expectSameAttributes(label: string, actual: AttributeColumns, expected: AttributeColumns) {
  expect(Object.keys(actual), `${label} columns`).toEqual(Object.keys(expected));
  for (const [name, values] of Object.entries(expected))
    expectSameColumn(`${label}.${name}`, actual[name], values);
}

/** Equality of every column, spelled out so a failure names the table and column. */
function expectSameDataset(actual: Dataset, expected: Dataset): void {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  expect(actual.name).toBe(expected.name);
  const c = [actual.companies, expected.companies] as const;
  expectSameColumn('companies.ids', c[0].ids, c[1].ids);
  expectSameColumn('companies.names', c[0].names, c[1].names);
  expectSameColumn('companies.regions', c[0].regions, c[1].regions);
  expectSameAttributes('companies', c[0].attributes, c[1].attributes);
  const m = [actual.memberships, expected.memberships] as const;
  expectSameColumn('memberships.company', m[0].company, m[1].company);
  expectSameColumn('memberships.segment', m[0].segment, m[1].segment);
  expectSameColumn('memberships.share', m[0].share, m[1].share);
  expectSameAttributes('memberships', m[0].attributes, m[1].attributes);
  const r = [actual.relations, expected.relations] as const;
  expectSameColumn('relations.source', r[0].source, r[1].source);
  expectSameColumn('relations.target', r[0].target, r[1].target);
  expectSameColumn('relations.type', r[0].type, r[1].type);
  expectSameColumn('relations.weight', r[0].weight, r[1].weight);
  expectSameAttributes('relations', r[0].attributes, r[1].attributes);
  expect(actual.templates).toEqual(expected.templates);
  const p = [actual.products, expected.products] as const;
  expect(p[0] === undefined).toBe(p[1] === undefined);
  if (p[0] && p[1]) {
    expectSameColumn('products.ids', p[0].ids, p[1].ids);
    expectSameColumn('products.names', p[0].names, p[1].names);
    expectSameColumn('products.kinds', p[0].kinds, p[1].kinds);
    expectSameAttributes('products', p[0].attributes, p[1].attributes);
  }
  const l = [actual.productLinks, expected.productLinks] as const;
  expect(l[0] === undefined).toBe(l[1] === undefined);
  if (l[0] && l[1]) {
    expectSameColumn('productLinks.source', l[0].source, l[1].source);
    expectSameColumn('productLinks.target', l[0].target, l[1].target);
    expectSameColumn('productLinks.type', l[0].type, l[1].type);
    expectSameColumn('productLinks.weight', l[0].weight, l[1].weight);
  }
  // The typed columns keep their types (a Float64Array share does not become an Int32Array).
  expect(actual.memberships.share).toBeInstanceOf(Float64Array);
  expect(actual.relations.weight).toBeInstanceOf(Float64Array);
  expect(actual.relations.source).toBeInstanceOf(Int32Array);
}

/** Same paths, and each file the same bytes (compared as text first, for a readable diff). */
function expectSameFiles(
  actual: Map<string, Uint8Array>,
  expected: Map<string, Uint8Array>,
  binary: boolean,
) {
  expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
  for (const [path, bytes] of expected) {
    const got = actual.get(path)!;
    if (!binary || path.endsWith('.json')) expect(text(got), path).toBe(text(bytes));
    expect(Buffer.compare(got, bytes), `${path} bytes`).toBe(0);
  }
}

/**
 * original → `via` → loaded back → CSV. The reloaded dataset equals the original, the CSV
 * written from it equals the CSV written from the original byte for byte, and the round-tripped
 * files validate with no rejection; then the round-tripped CSV loads clean to the same dataset.
 */
function roundTrip(original: LoadResult, via: WriteFormat): void {
  const encoded = encodeDataset(original.dataset, via);
  const back = fromFiles(encoded);
  expect(problems(back.report)).toEqual([]);
  expect(isClean(back.report)).toBe(true);
  // Warnings (cn-listed's near-twin product names) come back as they were, no more.
  expect(back.report.warnings).toBe(original.report.warnings);
  expectSameDataset(back.dataset, original.dataset);

  const csvBefore = encodeDataset(original.dataset, 'csv');
  const csvAfter = encodeDataset(back.dataset, 'csv');
  expectSameFiles(csvAfter, csvBefore, false);

  // Writing the round-tripped dataset in the intermediate format again changes nothing.
  expectSameFiles(encodeDataset(back.dataset, via), encoded, via === 'arrow');

  const again = fromFiles(csvAfter);
  expect(problems(again.report)).toEqual([]);
  expectSameDataset(again.dataset, original.dataset);
}

/** A table report by name (the first one). */
function tableOf(report: ValidationReport, name: string) {
  const t = report.tables.find((x) => x.table === name);
  if (!t) throw new Error(`no ${name} table in the report`);
  return t;
}

const TEMPLATE = {
  id: 'battery',
  name: '锂电池',
  description: 'lithium, cathode, "cells"',
  segments: [
    { id: 'lithium', name: '锂矿', stage: 'upstream', includes: ['碳酸锂', '锂*', '*矿石'] },
    { id: 'cathode', name: '正极材料, NCM', stage: 'midstream', weight: 0.5 },
    { id: 'cell', name: '电芯', stage: 'downstream', weight: 2 },
  ],
  feeds: [
    ['lithium', 'cathode'],
    ['cathode', 'cell'],
  ],
};

/** Quoted commas and newlines, Chinese names, leading zeros, awkward numbers, extra columns. */
const AWKWARD: Files = {
  'chainlens.json': {
    name: 'awkward',
    description: 'every value a writer could get wrong',
    companies: 'companies.csv',
    memberships: 'memberships.csv',
    relations: 'relations.csv',
    products: 'products.csv',
    productLinks: 'product-links.csv',
    templates: ['templates/battery.json'],
  },
  'companies.csv': [
    'id,name,region,ticker,note',
    '000001,"平安银行, 股份",广东/深圳,000001.SZ,"line one',
    'line two"',
    '000002,"He said ""hi""",浙江 / 宁波 ,,',
    '600519,贵州茅台,贵州/遵义/仁怀,600519.SH," leading and trailing spaces "',
    'A,,,,',
    '"B,C","multi',
    'line',
    'name",,,=1+2',
    '0,零,,,0.10',
    '',
  ].join('\n'),
  'memberships.csv': [
    'company,segment,share,source',
    '000001,cell,0.1,annual report',
    '000001,lithium,1e-7,',
    '000002,碳酸锂,0.123456789012345,"a, b"',
    '600519,锂辉石矿石,,estimate',
    'A,cathode,1,',
    '"B,C",cell,0,"quoted ""x"""',
    '0,cathode,0.3333333333333333,',
    '0,product-a,5e-324,',
    '',
  ].join('\n'),
  'relations.csv': [
    'source,target,type,weight,evidence,year',
    '000001,000002,supply,0.1,"contract, 2023",2023',
    '000002,600519,collaboration,1e-7,,',
    '600519,000001,ownership,0.123456789012345,"multi',
    'line",2021',
    'A,"B,C",,,,',
    '"B,C",0,inferred-supply,12345678901234567890,x,',
    '0,A,supply,0,,1999',
    '0,A,supply,1.7976931348623157e308,parallel edge,',
    '',
  ].join('\n'),
  'products.csv': [
    'id,name,kind,code',
    'product-a,"产品 A, 甲",product,007',
    '"""quoted",,industry,',
    '碳酸锂,,product,',
    '',
  ].join('\n'),
  'product-links.csv': [
    'source,target,type,weight',
    'product-a,碳酸锂,input_of,0.5',
    '"""quoted",product-a,subcategory_of,',
    '碳酸锂,"""quoted",input_of,1e-7',
    '',
  ].join('\n'),
  'templates/battery.json': TEMPLATE,
};

describe('the hand-made awkward dataset', () => {
  const original = loadDataset(memory(AWKWARD));

  it('loads clean with every awkward value as written', () => {
    expect(problems(original.report)).toEqual([]);
    const { companies, memberships, relations, products } = original.dataset;
    // Rows come in canonical order: companies and products by id (code units), memberships
    // and relations by company index, then by their other columns.
    expect(companies.ids).toEqual(['0', '000001', '000002', '600519', 'A', 'B,C']);
    expect(companies.names).toEqual([
      '零',
      '平安银行, 股份',
      'He said "hi"',
      '贵州茅台',
      'A',
      'multi\nline\nname',
    ]);
    expect(companies.attributes.note).toEqual([
      '0.10',
      'line one\nline two',
      '',
      ' leading and trailing spaces ',
      '',
      '=1+2',
    ]);
    expect(companies.attributes.ticker![1]).toBe('000001.SZ');
    expect(Number.isNaN(memberships.share[5])).toBe(true);
    expect(Array.from(memberships.share)).toContain(1e-7);
    expect(Array.from(memberships.share)).toContain(0.123456789012345);
    expect(Array.from(memberships.share)).toContain(5e-324);
    expect(Array.from(relations.weight)).toEqual([
      0,
      1.7976931348623157e308,
      0.1,
      1e-7,
      0.123456789012345,
      1,
      Number('12345678901234567890'),
    ]);
    expect(relations.attributes.evidence![4]).toBe('multi\nline');
    expect(products!.ids).toEqual(['"quoted', 'product-a', '碳酸锂']);
    expect(products!.attributes.code).toEqual(['', '007', '']);
  });

  it.each(['arrow', 'json'] as const)('keeps every value through %s', (via) => {
    roundTrip(original, via);
  });

  it('keeps every value through CSV itself', () => {
    roundTrip(original, 'csv');
  });

  it('writes unknown shares as empty cells, never as 0', () => {
    const csv = text(encodeDataset(original.dataset, 'csv').get('memberships.csv'));
    expect(csv).toContain('600519,锂辉石矿石,,estimate\n');
    expect(csv).toContain('000001,lithium,1e-7,\n');
  });
});

describe('datasets with empty tables', () => {
  // A dataset without memberships or relations (an edge list's companies, or
  // eto-semiconductors' header-only relations.csv) still writes those tables; they must read back.
  const bare = loadDataset(
    memory({
      'chainlens.json': { name: 'bare', companies: 'companies.csv', relations: 'relations.csv' },
      'companies.csv': 'id,name,region,note\n000001,甲,浙江,x\n000002,乙,,\n',
      'relations.csv': 'source,target,type,weight,evidence\n',
    }),
  );

  it('loads clean', () => {
    expect(problems(bare.report)).toEqual([]);
    expect(bare.dataset.relations.attributes).toEqual({ evidence: [] });
  });

  it('keeps empty tables and their columns through arrow', () => {
    roundTrip(bare, 'arrow');
  });

  it('keeps empty tables readable through json (their columns cannot be written there)', () => {
    // A JSON table is an array of objects: `[]` names no column, so an empty table's extra
    // columns are lost, and a missing required column is no error where there is no row.
    const back = fromFiles(encodeDataset(bare.dataset, 'json'));
    expect(problems(back.report)).toEqual([]);
    expect(back.dataset.relations.source.length).toBe(0);
    expect(back.dataset.relations.attributes).toEqual({});
    expectSameAttributes(
      'companies',
      back.dataset.companies.attributes,
      bare.dataset.companies.attributes,
    );
  });
});

describe.each(['eto-semiconductors', 'cn-listed'])('the shipped dataset %s', (name) => {
  const original = readDataset(dataset(name));

  it('loads with every table read', () => {
    for (const t of original.report.tables) {
      expect(t.failed, t.file).toBe(false);
      expect(t.read, t.file).toBe(t.accepted + t.rejected);
    }
    expect(tableOf(original.report, 'companies').accepted).toBeGreaterThan(100);
  });

  it.each(['arrow', 'json'] as const)('keeps every value through %s', (via) => {
    roundTrip(original, via);
  });
});
