/**
 * Issue 14, "nothing lost, nothing hidden" on input: a table not read to its end counts its
 * unread rows as rejected; ids are compared after NFKC without invisible characters; control
 * characters, fields above 64 KiB and repeated JSON keys are errors; mixed line endings a
 * warning; undecodable bytes are reported at their line.
 */
import { describe, expect, it } from 'vitest';
import type { ValidationReport } from '../src/index.js';
import { formatIssue, isClean, loadDataset, repeatedKeys } from '../src/index.js';
import { bytes, memory } from './helpers.js';
import type { Files } from './helpers.js';

const MANIFEST = {
  name: 't',
  companies: 'companies.csv',
  relations: 'relations.csv',
  templates: ['templates/t.json'],
};
const TEMPLATE = {
  id: 't',
  name: 'T',
  segments: [{ id: 's', name: 'S', stage: 'upstream' }],
};
const IDS = Array.from({ length: 31 }, (_, i) => `C${i}`);
const COMPANIES = `id,name\n${IDS.map((id) => `${id},${id}`).join('\n')}\n`;

function load(overrides: Files) {
  return loadDataset(
    memory({
      'chainlens.json': MANIFEST,
      'companies.csv': COMPANIES,
      'relations.csv': 'source,target\nC0,C1\n',
      'templates/t.json': TEMPLATE,
      ...overrides,
    }),
  );
}

function table(report: ValidationReport, name: string) {
  return report.tables.find((t) => t.table === name)!;
}

const lines = (report: ValidationReport) => report.issues.map(formatIssue);

describe('a table not read to its end', () => {
  it('counts the rows after an unterminated quote as rejected, at file:line', () => {
    // 30 relations; line 5 (the 4th row) opens a quote that never closes.
    const rows = IDS.slice(1).map((id, i) => (i === 3 ? `C0,"${id}` : `C0,${id}`));
    const { dataset, report } = load({ 'relations.csv': `source,target\n${rows.join('\n')}\n` });
    const t = table(report, 'relations');
    expect(dataset.relations.source.length).toBe(3);
    expect(t).toMatchObject({ read: 30, accepted: 3, rejected: 27, unread: 27, failed: true });
    expect(lines(report)).toEqual([
      'relations.csv:5: malformed CSV: quoted field unterminated; the file was not read past line 5; 27 rows not read (counted as rejected)',
    ]);
    expect(isClean(report)).toBe(false);
  });

  it('refuses a duplicated header column, naming both columns, and counts every row', () => {
    const { report } = load({ 'relations.csv': 'source,target,source\nC0,C1,C2\nC1,C2,C3\n' });
    expect(table(report, 'relations')).toMatchObject({ read: 2, rejected: 2, unread: 2 });
    expect(lines(report)).toEqual([
      "relations.csv:1:source: header columns 1 and 3 are both named 'source': which one holds the data is unclear; 2 rows not read (counted as rejected)",
    ]);
  });

  it('counts every row of a file in the wrong encoding, reported at the line', () => {
    const gbk = Uint8Array.from([...bytes('source,target\nC0,C1\nC1,'), 0xc4, 0xfe, 0x0a]);
    const { report } = load({ 'relations.csv': gbk });
    expect(table(report, 'relations')).toMatchObject({ rejected: 2, unread: 2 });
    expect(lines(report)[0]).toMatch(
      /^relations\.csv:3: not valid UTF-8 text at line 3, column 4 \(bytes C4 FE\); it reads as GBK/,
    );
  });

  it('reports a non-UTF-8 template at its line, not a byte offset', () => {
    const text = bytes('{\n  "id": "t",\n  "name": "');
    const bad = Uint8Array.from([...text, 0xc4, 0xfe, ...bytes('"\n}\n')]);
    const { report } = load({ 'templates/t.json': bad });
    expect(lines(report)[0]).toMatch(
      /^templates\/t\.json:3: not valid UTF-8 text at line 3, column 12 \(bytes C4 FE\)/,
    );
  });
});

describe('ids', () => {
  it('are compared after NFKC without invisible characters: near-twins are duplicates', () => {
    const csv = 'id,name\nA1,x\nＡ１,full-width\nB,y\nB\u200B,zero-width\nC\u202E,bidi\n';
    const { dataset, report } = load({ 'companies.csv': csv, 'relations.csv': 'source,target\n' });
    expect(dataset.companies.ids).toEqual(['A1', 'B', 'C\u202E']);
    expect(lines(report)).toEqual([
      "companies.csv:3:id: duplicate company id 'Ａ１': the same as 'A1' at row 2 once compared by Unicode NFKC without invisible characters",
      "companies.csv:5:id: warning: company id 'B\u200B' holds invisible character U+200B zero-width space; ids are compared without them",
      "companies.csv:5:id: duplicate company id 'B\u200B': the same as 'B' at row 4 once compared by Unicode NFKC without invisible characters",
      "companies.csv:6:id: warning: company id 'C\u202E' holds invisible character U+202E (bidirectional control); ids are compared without them",
    ]);
    expect(table(report, 'companies')).toMatchObject({ accepted: 3, rejected: 2, warnings: 1 });
  });
});

describe('fields', () => {
  it('rejects a row with a control character, naming the column', () => {
    const { report } = load({ 'relations.csv': 'source,target\nC0,C1\nC0,C\u00012\n' });
    expect(lines(report)).toEqual([
      'relations.csv:3:target: control character U+0001 at position 2 of the field',
    ]);
    expect(table(report, 'relations')).toMatchObject({ accepted: 1, rejected: 1 });
  });

  it('refuses a field above 64 KiB with its size', () => {
    const long = '长'.repeat(30_000); // 90,000 bytes in UTF-8
    const { report } = load({ 'companies.csv': `${COMPANIES}X,${long}\n` });
    expect(lines(report)).toEqual([
      'companies.csv:33:name: field of 90,000 bytes refused: fields above 64 KiB (65,536 bytes) are not data',
    ]);
  });

  it('rejects a JSON record with a repeated key, naming it', () => {
    const json = '[{"source":"C0","target":"C1"},{"source":"C0","target":"C2","target":"C3"}]';
    const { dataset, report } = load({
      'chainlens.json': { ...MANIFEST, relations: 'relations.json' },
      'relations.json': json,
    });
    expect(dataset.relations.source.length).toBe(1);
    expect(lines(report)).toEqual([
      "relations.json:2:target: key 'target' appears twice in the record: JSON keeps one value silently",
    ]);
    expect(repeatedKeys('[{"a":{"a":1,"b":"}"},"b":[{"b":2}]}, 3, {"x\\"":1,"x\\"":2}]')).toEqual(
      new Map([[2, 'x"']]),
    );
  });

  it('warns of mixed line endings at the first line that differs', () => {
    const { report } = load({ 'relations.csv': 'source,target\r\nC0,C1\r\nC1,C2\nC2,C3\r\n' });
    expect(lines(report)).toEqual([
      'relations.csv:3: warning: mixed line endings (3 CRLF, 1 LF; line 3 is the first to end otherwise than line 1): each counts as one line break',
    ]);
    expect(table(report, 'relations')).toMatchObject({ accepted: 3, rejected: 0 });
  });
});
