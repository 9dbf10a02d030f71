/**
 * Every validation rule of DESIGN §4 / issue 3, one case each: the row is rejected (or kept
 * with a warning), the message names file, row and column, and the counts add up.
 */
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES } from '@chainlens/core';
import type { ValidationIssue, ValidationReport } from '../src/index.js';
import { DataError, formatIssue, loadDataset, loadEdgeList } from '../src/index.js';
import { bytes, memory } from './helpers.js';
import type { Files } from './helpers.js';

const MANIFEST = {
  name: 't',
  companies: 'companies.csv',
  memberships: 'memberships.csv',
  relations: 'relations.csv',
  templates: ['templates/battery.json'],
};

const TEMPLATE = {
  id: 'battery',
  name: '锂电池',
  segments: [
    { id: 'lithium', name: '锂矿', stage: 'upstream', includes: ['碳酸锂', '锂*'] },
    { id: 'cathode', name: '正极材料', stage: 'midstream' },
    { id: 'cell', name: '电芯', stage: 'downstream', weight: 2 },
  ],
  feeds: [
    ['lithium', 'cathode'],
    ['cathode', 'cell'],
  ],
};

const COMPANIES = 'id,name,region\nA,甲公司,浙江/宁波\nB,乙公司,江苏/苏州\nC,丙公司,\n';
const MEMBERSHIPS = 'company,segment,share\nA,cell,0.5\nB,cathode,\nC,碳酸锂,1\n';
const RELATIONS = 'source,target,type,weight\nB,A,supply,2.5\nC,B,,\n';

function load(overrides: Files) {
  return loadDataset(
    memory({
      'chainlens.json': MANIFEST,
      'companies.csv': COMPANIES,
      'memberships.csv': MEMBERSHIPS,
      'relations.csv': RELATIONS,
      'templates/battery.json': TEMPLATE,
      ...overrides,
    }),
  );
}

function table(report: ValidationReport, name: string) {
  const t = report.tables.find((x) => x.table === name);
  if (!t) throw new Error(`no ${name} table in report`);
  return t;
}

function errors(report: ValidationReport): ValidationIssue[] {
  return report.issues.filter((i) => i.severity === 'error');
}

/** The one error of the report, checked to name the file, row and column given. */
function onlyError(
  report: ValidationReport,
  file: string,
  row: number | undefined,
  column?: string,
) {
  const errs = errors(report);
  expect(errs.map(formatIssue)).toHaveLength(1);
  const e = errs[0]!;
  expect(e.file).toBe(file);
  expect(e.row).toBe(row);
  expect(e.column).toBe(column);
  return e;
}

describe('a valid dataset', () => {
  it('loads every row and counts them', () => {
    const { dataset, report } = load({});
    expect(errors(report)).toEqual([]);
    expect(table(report, 'companies')).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(table(report, 'memberships')).toMatchObject({ read: 3, accepted: 3, rejected: 0 });
    expect(table(report, 'relations')).toMatchObject({ read: 2, accepted: 2, rejected: 0 });
    expect(dataset.companies.ids).toEqual(['A', 'B', 'C']);
    expect(dataset.companies.regions).toEqual(['浙江/宁波', '江苏/苏州', '']);
    // An empty share is unknown (NaN), not 0; an empty type is supply and an empty weight 1.
    expect(Number.isNaN(dataset.memberships.share[1]!)).toBe(true);
    expect(Array.from(dataset.relations.weight)).toEqual([2.5, 1]);
    expect(Array.from(dataset.relations.type, (t) => RELATION_TYPES[t])).toEqual([
      'supply',
      'supply',
    ]);
    expect(dataset.templates[0]!.segments[2]!.weight).toBe(2);
    expect(table(report, 'memberships').notes).toContain(
      '1 memberships have no share (unknown, not 0)',
    );
  });
});

describe('companies', () => {
  it('rejects a duplicate id and names the first row', () => {
    const { dataset, report } = load({ 'companies.csv': `${COMPANIES}A,重复,上海\n` });
    const e = onlyError(report, 'companies.csv', 5, 'id');
    expect(e.message).toBe("duplicate company id 'A' (first at row 2)");
    expect(table(report, 'companies')).toMatchObject({ read: 4, accepted: 3, rejected: 1 });
    expect(dataset.companies.names[0]).toBe('甲公司');
  });

  it('rejects an empty id', () => {
    const { report } = load({ 'companies.csv': `${COMPANIES}  ,无名,上海\n` });
    expect(onlyError(report, 'companies.csv', 5, 'id').message).toBe('empty company id');
  });

  it('fails to load without the id column, suggesting the near name', () => {
    expect(() => load({ 'companies.csv': 'ids,name\nA,x\n' })).toThrow(DataError);
    expect(() => load({ 'companies.csv': 'ids,name\nA,x\n' })).toThrow(
      "companies.csv:1: missing required column 'id'; the header has 'ids', 'name' ('id': did you mean 'ids'?)",
    );
  });

  it('keeps a company without a name under its id, with a count', () => {
    const { dataset, report } = load({ 'companies.csv': `${COMPANIES}D,,\n` });
    expect(dataset.companies.names[3]).toBe('D');
    expect(table(report, 'companies').notes[0]).toMatch(/1 companies have no name/);
  });
});

describe('relations', () => {
  const rel = (row: string) =>
    load({ 'relations.csv': `source,target,type,weight\n${row}\n` }).report;

  it.each([
    ['A,B,supply,abc', 'weight', "weight 'abc' is not a number"],
    ['A,B,supply,NaN', 'weight', "weight 'NaN' is NaN"],
    ['A,B,supply,-1', 'weight', 'weight -1 is negative'],
    ['A,B,supply,Infinity', 'weight', "weight 'Infinity' is infinite"],
    ['A,B,supply,1e999', 'weight', "weight '1e999' is infinite"],
    ['A,B,supply,0x10', 'weight', "weight '0x10' is not a number"],
    ['A,A,supply,1', 'target', "self-loop: 'A' relates to itself"],
    ['A,Z,supply,1', 'target', "unknown company 'Z' (not in companies.csv)"],
    [',B,supply,1', 'source', 'empty source id'],
    [
      'A,B,suply,1',
      'type',
      "unknown relation type 'suply' (did you mean 'supply'?); known types: supply, collaboration, ownership, inferred-supply",
    ],
  ])('rejects %s', (row, column, message) => {
    const report = rel(row);
    expect(onlyError(report, 'relations.csv', 2, column).message).toBe(message);
    expect(table(report, 'relations')).toMatchObject({ read: 1, accepted: 0, rejected: 1 });
  });

  it('reports every problem of a row, and counts the row once', () => {
    const report = rel('Y,Z,bad,-2');
    expect(errors(report).map((e) => e.column)).toEqual(['type', 'weight', 'source', 'target']);
    expect(table(report, 'relations')).toMatchObject({ read: 1, rejected: 1 });
  });

  it('keeps self-loops when the manifest allows them', () => {
    const { dataset, report } = load({
      'chainlens.json': { ...MANIFEST, allowSelfLoops: true },
      'relations.csv': 'source,target\nA,A\n',
    });
    expect(errors(report)).toEqual([]);
    expect(dataset.relations.source.length).toBe(1);
    expect(table(report, 'relations').notes).toContain(
      '1 self-loops kept (allowed for this dataset)',
    );
  });

  it('rejects a ragged row and keeps counting the rest', () => {
    const report = rel('A,B,supply\nB,C,supply,1,extra\nA,C,supply,3');
    const errs = errors(report);
    expect(errs.map((e) => [e.row, e.message])).toEqual([
      [2, 'row has 3 fields, the header has 4'],
      [3, 'row has 5 fields, the header has 4'],
    ]);
    expect(table(report, 'relations')).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
  });
});

describe('memberships', () => {
  const mem = (rows: string) =>
    load({ 'memberships.csv': `company,segment,share\n${rows}\n` }).report;

  it.each([
    ['A,cell,1.5', 'share', 'share 1.5 is outside [0, 1]'],
    ['A,cell,-0.1', 'share', 'share -0.1 is outside [0, 1]'],
    ['A,cell,NaN', 'share', "share 'NaN' is NaN"],
    ['A,cell,half', 'share', "share 'half' is not a number"],
    ['Z,cell,0.5', 'company', "unknown company 'Z' (not in companies.csv)"],
    [
      'A,cel,0.5',
      'segment',
      "unknown segment or product 'cel': no template or product list knows it (did you mean 'cell'?)",
    ],
    ['A,,0.5', 'segment', 'empty segment'],
  ])('rejects %s', (row, column, message) => {
    const report = mem(row);
    expect(onlyError(report, 'memberships.csv', 2, column).message).toBe(message);
  });

  it('accepts items that an includes rule maps onto a segment', () => {
    const report = mem('A,锂辉石,0.2\nB,碳酸锂,0.3');
    expect(errors(report)).toEqual([]);
  });

  it('rejects a duplicate membership', () => {
    const report = mem('A,cell,0.2\nA,cell,0.3');
    expect(onlyError(report, 'memberships.csv', 3, 'segment').message).toBe(
      "duplicate membership of 'A' in 'cell' (first at row 2)",
    );
  });

  it('accepts products from the product list', () => {
    const { report } = load({
      'chainlens.json': { ...MANIFEST, products: 'products.csv' },
      'products.csv': 'id,name,kind\n动力电池系统,动力电池系统,product\n',
      'memberships.csv': 'company,segment,share\nA,动力电池系统,0.8\nB,储能系统,0.1\n',
    });
    expect(onlyError(report, 'memberships.csv', 3, 'segment').message).toMatch(
      /unknown segment or product '储能系统'/,
    );
  });
});

describe('CSV text', () => {
  it('handles a UTF-8 byte-order mark', () => {
    const { dataset, report } = load({ 'companies.csv': `\uFEFF${COMPANIES}` });
    expect(errors(report)).toEqual([]);
    expect(dataset.companies.ids[0]).toBe('A');
  });

  it('says so when bytes are GBK, not UTF-8', () => {
    // "id,name\nA," + 宁德时代 in GBK.
    const gbk = Uint8Array.from([
      ...bytes('id,name\nA,'),
      0xc4,
      0xfe,
      0xb5,
      0xc2,
      0xca,
      0xb1,
      0xb4,
      0xfa,
      0x0a,
    ]);
    expect(() => load({ 'companies.csv': gbk })).toThrow(
      'companies.csv:2: not valid UTF-8 text at line 2, column 3 (bytes C4 FE); it reads as GBK/GB18030: convert it to UTF-8, or set "encoding": "gbk" in chainlens.json; 1 row not read (counted as rejected)',
    );
    const { dataset } = load({
      'chainlens.json': { ...MANIFEST, encoding: 'gbk' },
      'companies.csv': gbk,
      'memberships.csv': 'company,segment\n',
      'relations.csv': 'source,target\n',
    });
    expect(dataset.companies.names).toEqual(['宁德时代']);
  });

  it('reads quoted commas, quotes and newlines as values, reporting later rows at their line', () => {
    const csv =
      'id,name,region\nA,"甲, 有限公司",浙江\nB,"乙 ""集团""\n第二行",江苏\nC,丙,\nC,重复,\n';
    const { dataset, report } = load({ 'companies.csv': csv });
    expect(dataset.companies.names).toEqual(['甲, 有限公司', '乙 "集团"\n第二行', '丙']);
    // The duplicate C is on line 6: line 3 holds a quoted newline.
    expect(onlyError(report, 'companies.csv', 6, 'id').message).toBe(
      "duplicate company id 'C' (first at row 5)",
    );
  });

  it('reports an unclosed quote as a malformed table at its line', () => {
    const { report } = load({ 'relations.csv': 'source,target\nA,B\nB,"C\n' });
    const t = table(report, 'relations');
    expect(t.failed).toBe(true);
    expect(t.accepted).toBe(1);
    const e = onlyError(report, 'relations.csv', 3);
    expect(e.message).toMatch(
      /^malformed CSV: quoted field unterminated; the file was not read past line 3; 1 row not read \(counted as rejected\)$/,
    );
  });

  it('reports a missing table file and keeps the rest', () => {
    const { report } = loadDataset(
      memory({
        'chainlens.json': MANIFEST,
        'companies.csv': COMPANIES,
        'templates/battery.json': TEMPLATE,
      }),
    );
    expect(errors(report).map(formatIssue)).toEqual([
      'memberships.csv: memberships file not found',
      'relations.csv: relations file not found',
    ]);
  });
});

describe('templates', () => {
  it('rejects a cyclic template with the cycle named', () => {
    const cyclic = { ...TEMPLATE, feeds: [...TEMPLATE.feeds, ['cell', 'lithium']] };
    const { dataset, report } = load({
      'templates/battery.json': cyclic,
      'memberships.csv': 'company,segment\n',
    });
    expect(dataset.templates).toEqual([]);
    const e = onlyError(report, 'templates/battery.json', undefined, 'feeds');
    expect(e.message).toBe('feeds form a cycle through segments lithium, cathode, cell');
  });

  it('rejects a bad stage and an unknown feed end with their JSON paths', () => {
    const bad = {
      ...TEMPLATE,
      segments: [{ ...TEMPLATE.segments[0], stage: 'up' }, ...TEMPLATE.segments.slice(1)],
    };
    const r1 = load({
      'templates/battery.json': bad,
      'memberships.csv': 'company,segment\n',
    }).report;
    expect(onlyError(r1, 'templates/battery.json', undefined, 'segments[0].stage').message).toMatch(
      /upstream/,
    );
    const dangling = { ...TEMPLATE, feeds: [['cathode', 'anode']] };
    const r2 = load({
      'templates/battery.json': dangling,
      'memberships.csv': 'company,segment\n',
    }).report;
    expect(onlyError(r2, 'templates/battery.json', undefined, 'feeds[0]').message).toBe(
      "unknown segment 'anode'",
    );
  });
});

describe('manifest', () => {
  it('refuses an unknown key, listing the known ones', () => {
    expect(() => load({ 'chainlens.json': { ...MANIFEST, relation: 'relations.csv' } })).toThrow(
      /chainlens.json: unknown key 'relation'; known keys: name, description/,
    );
  });

  it('needs a manifest', () => {
    expect(() => loadDataset(memory({}))).toThrow('chainlens.json: dataset manifest not found');
  });
});

describe('JSON and Arrow tables', () => {
  it('validates JSON rows like CSV rows, by record number', () => {
    const { report, dataset } = load({
      'chainlens.json': { ...MANIFEST, relations: 'relations.json' },
      'relations.json': [
        { source: 'A', target: 'B', weight: 2 },
        'oops',
        { source: 'B', target: 'C', weight: -1 },
      ],
    });
    expect(errors(report).map(formatIssue)).toEqual([
      'relations.json:2: row is "oops", not an object',
      'relations.json:3:weight: weight -1 is negative',
    ]);
    expect(table(report, 'relations')).toMatchObject({ read: 3, accepted: 1, rejected: 2 });
    expect(Array.from(dataset.relations.weight)).toEqual([2]);
  });
});

describe('bare edge lists', () => {
  it('builds companies from endpoints and keeps self-loops', () => {
    const { dataset, report } = loadEdgeList(
      bytes('source,target,weight\na,b,1\nb,c,2\nc,c,1\nd,b,x\n'),
      'g.csv',
    );
    expect(dataset.companies.ids).toEqual(['a', 'b', 'c']); // d is only in a rejected row
    expect(dataset.relations.source.length).toBe(3);
    expect(onlyError(report, 'g.csv', 5, 'weight').message).toBe("weight 'x' is not a number");
    expect(dataset.name).toBe('g');
  });

  it('refuses a file without a source,target header', () => {
    expect(() => loadEdgeList(bytes('a,b\nb,c\n'), 'g.csv')).toThrow(
      "g.csv:1: missing required columns 'source', 'target'; the header has 'a', 'b'",
    );
  });
});
