import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { gzipSync } from 'node:zlib';
import type { LoadResult } from '@chainlens/io';
import { encodeTable } from '@chainlens/io';
import { readDataset } from '@chainlens/io/node';
import { afterAll, describe, expect, it } from 'vitest';
import { csvToParquet } from '../src/duckdb.js';
import type { IngestOptions } from '../src/ingest.js';
import { ingestDataset, readDatasetAuto } from '../src/ingest.js';
import { issueLines } from '../src/issues.js';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'chainlens-ingest-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A dataset folder with these files (a manifest naming companies.csv and `relations`). */
function folder(
  name: string,
  files: Record<string, string | Uint8Array>,
  relations = 'relations.csv',
) {
  const dir = join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const [file, content] of Object.entries(files)) writeFileSync(join(dir, file), content);
  if (!files['chainlens.json']) {
    writeFileSync(
      join(dir, 'chainlens.json'),
      JSON.stringify({ name, companies: 'companies.csv', relations }),
    );
  }
  return dir;
}

/**
 * The same dataset (node's isDeepStrictEqual: −0 ≠ 0, typed array types; vitest's toEqual
 * takes seconds on cn-listed's columns) and the same report (toEqual, for a readable diff).
 */
function expectSame(mine: LoadResult, io: LoadResult, label?: string) {
  expect(mine.report, label).toEqual(io.report);
  if (!isDeepStrictEqual(mine.dataset, io.dataset)) expect(mine.dataset, label).toEqual(io.dataset);
  expect(isDeepStrictEqual(mine.dataset, io.dataset), label).toBe(true);
}

async function ingest(path: string, options: IngestOptions = {}) {
  return ingestDataset(path, { attributes: 'keep', ...options });
}

const COMPANIES = 'id,name,region\nA,甲,浙江/杭州\nB,乙,\nC,丙,江苏/苏州\n"D,1",丁,\nE"q,戊,\n';
// One row per rule of io's relations reader, and rows that only look odd.
const BAD_RELATIONS = [
  'source,target,type,weight,note',
  'A,B,supply,1.5,x', // fine
  'A,Z,supply,1,y', // unknown target
  ',B,,2,', // empty source
  'A,B,suply,1,', // unknown type (did you mean)
  'A,C,supply,abc,', // not a number
  'A,C,supply,-1,', // negative
  'A,C,supply,NaN,',
  'A,C,supply,1e400,', // infinite
  'A,A,supply,1,', // self-loop
  '\tA ,C,collaboration, 2 ,z', // padded: accepted by io
  '"A","C",ownership,"3",', // quoted: accepted
  '"D,1",A,,,', // an id with a comma, quoted
  'E"q,A,,,w', // a quote inside an unquoted id
  'A,B,inferred-supply,.5,',
  'A,B,,+5.,',
  'A,B,supply,-0,', // −0 kept as io keeps it
  'A,B,supply,1e-400,', // underflows to 0
  'B,A,SUPPLY,1,', // wrong case
].join('\n');

describe('ingestDataset equals readDataset', () => {
  it('on the shipped cn-listed dataset (DuckDB and JavaScript paths, attributes kept)', async () => {
    const path = join(repo, 'datasets/cn-listed');
    const io = readDataset(path);
    const duck = await ingest(path);
    expect(duck.relationsEngine).toBe('duckdb');
    expectSame(duck, io);
    const js = await ingest(path, { engine: 'js' });
    expect(js.relationsEngine).toBe('js');
    expectSame(js, io);
  });

  it('leaves extra relation columns out by default, and says so', async () => {
    const path = join(repo, 'datasets/cn-listed');
    const io = readDataset(path);
    const dropped = await ingestDataset(path);
    expect(dropped.dataset.relations.attributes).toEqual({});
    const columns = (r: typeof io.dataset.relations) => [r.source, r.target, r.type, r.weight];
    expect(columns(dropped.dataset.relations)).toEqual(columns(io.dataset.relations));
    expect(dropped.report.tables.at(-1)!.notes).toContain(
      "columns 'paths', 'via' not kept (national-scale ingest keeps no text per relation)",
    );
  });

  it('on bad rows: the same issues, rows, columns and counts, through DuckDB and the check pass', async () => {
    const dir = folder('bad', { 'companies.csv': COMPANIES, 'relations.csv': BAD_RELATIONS });
    const io = readDataset(dir);
    expect(io.report.errors).toBe(9); // the fixture exercises every rule
    const duck = await ingest(dir);
    expect(duck.relationsEngine).toBe('duckdb');
    expect(duck.relationsChecked).toBeGreaterThanOrEqual(9);
    expect(duck.relationsChecked).toBeLessThan(18);
    expectSame(duck, io);
    expectSame(await ingest(dir, { engine: 'js' }), io);
    // −0 stays −0 as io keeps it.
    expect(Array.from(duck.dataset.relations.weight).some((w) => Object.is(w, -0))).toBe(true);
  });

  it('falls back to the JavaScript path when DuckDB cannot split the records (ragged, quoted line break)', async () => {
    const relations = `${BAD_RELATIONS}\nA,B\n"A\nB",C,supply,1,\nA,C,supply,2,"a,b"\n`;
    const dir = folder('ragged', { 'companies.csv': COMPANIES, 'relations.csv': relations });
    const io = readDataset(dir);
    const mine = await ingest(dir);
    expect(mine.relationsEngine).toMatch(/^js \(/);
    expectSame(mine, io);
  });

  it('reads gzipped CSV, TSV, CRLF, blank lines and a byte-order mark like io', async () => {
    const crlf = `\uFEFF${BAD_RELATIONS.replace(/\n/g, '\r\n')}\r\n\r\n`;
    const cases: Record<string, [string, string | Uint8Array]> = {
      gz: ['relations.csv.gz', gzipSync(Buffer.from(BAD_RELATIONS))],
      tsv: ['relations.tsv', BAD_RELATIONS.replace(/,/g, '\t')],
      crlf: ['relations.csv', crlf],
      blank: ['relations.csv', BAD_RELATIONS.replace('A,C,supply,abc', '\nA,C,supply,abc')],
      leading: ['relations.csv', `\n${BAD_RELATIONS}`],
    };
    for (const [name, [file, content]] of Object.entries(cases)) {
      const dir = folder(`fmt-${name}`, { 'companies.csv': COMPANIES, [file]: content }, file);
      const io = readDataset(dir);
      expectSame(await ingest(dir), io, name);
    }
  });

  it('reports a missing relations file, a bad header and bad bytes as io does', async () => {
    const cases: Record<string, string | Uint8Array | undefined> = {
      missing: undefined,
      header: 'source,targte,weight\nA,B,1\n',
      duplicate: 'source,target,source\nA,B,C\n',
      bytes: Uint8Array.from([...new TextEncoder().encode('source,target\nA,'), 0xff, 0x0a]),
      empty: '',
    };
    for (const [name, content] of Object.entries(cases)) {
      const files: Record<string, string | Uint8Array> = { 'companies.csv': COMPANIES };
      if (content !== undefined) files['relations.csv'] = content;
      const dir = folder(`err-${name}`, files);
      expectSame(await ingest(dir), readDataset(dir), name);
    }
  });

  it('issue 14: rows not read, twins, control characters, long fields, line endings as io', async () => {
    const ids = Array.from({ length: 31 }, (_, i) => `C${i}`);
    const companies = `id,name\r\n${ids.map((id) => `${id},${id}`).join('\r\n')}\nＣ１,twin\r\nB\u200B,x\r\n`;
    const rows = ids.slice(1).map((id, i) => (i === 3 ? `C0,"${id}` : `C0,${id}`));
    const long = 'x'.repeat(70_000);
    const cases: Record<string, string> = {
      unterminated: `source,target\n${rows.join('\n')}\n`,
      extras: `source,target,note\nC0,C1,ok\nC0,C2,a\u0007b\nC0,C3,${long}\nC0,C4,\n`,
    };
    for (const [name, relations] of Object.entries(cases)) {
      const dir = folder(`i14-${name}`, { 'companies.csv': companies, 'relations.csv': relations });
      const io = readDataset(dir);
      expect(io.report.errors).toBeGreaterThanOrEqual(2);
      const mine = await ingest(dir);
      // The extra column's control character and long field are marked by DuckDB's fast pass.
      if (name === 'extras') expect(mine.relationsEngine).toBe('duckdb');
      expectSame(mine, io, name);
      expectSame(await ingest(dir, { engine: 'js' }), io, `${name} (js)`);
      if (name === 'unterminated') {
        const t = io.report.tables.find((x) => x.table === 'relations')!;
        expect(t).toMatchObject({ read: 30, accepted: 3, rejected: 27, unread: 27 });
      }
    }
    const codes = readDataset(join(tmp, 'i14-extras')).report.issues.map((i) => i.code);
    expect(codes).toEqual([
      'duplicate-id',
      'invisible-character',
      'mixed-line-endings',
      'control-character',
      'field-too-long',
    ]);
  });

  it('reads Arrow IPC like io, and Parquet like Arrow (record numbers as rows)', async () => {
    const rows = BAD_RELATIONS.split('\n').map((line) => line.split(','));
    // The CSV's cells, quotes and all, as text columns (the commas of '"D,1"' split it: fine,
    // it is one more unknown company).
    const header = rows[0]!;
    const body = rows.slice(1).map((r) => header.map((_, i) => r[i] ?? ''));
    const arrow = encodeTable(
      {
        columns: header.map((name, i) => ({
          name,
          kind: 'string' as const,
          values: body.map((r) => r[i]!),
        })),
      },
      'arrow',
    );
    const csv = [header, ...body]
      .map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(','))
      .join('\n');
    const dir = folder('arrow', {
      'companies.csv': COMPANIES,
      'relations.arrow': arrow,
      'quoted.csv': csv,
      'chainlens.json': JSON.stringify({
        name: 'arrow',
        companies: 'companies.csv',
        relations: 'relations.arrow',
      }),
    });
    await csvToParquet(join(dir, 'quoted.csv'), join(dir, 'relations.parquet'));
    const io = readDataset(dir);
    expect(io.report.errors).toBeGreaterThan(5);
    const viaArrow = await ingest(dir);
    expect(viaArrow.relationsEngine).toBe('arrow');
    expectSame(viaArrow, io);
    const viaParquet = await ingest(dir, { relations: 'relations.parquet' });
    expect(viaParquet.relationsEngine).toBe('duckdb');
    expect(isDeepStrictEqual(viaParquet.dataset, io.dataset)).toBe(true);
    const renamed = JSON.parse(
      JSON.stringify(viaParquet.report).replaceAll('relations.parquet', 'relations.arrow'),
    ) as unknown;
    expect(renamed).toEqual(JSON.parse(JSON.stringify(io.report)));
  });

  it('refuses an Arrow file that hangs apache-arrow (io fixtures), reading it in pieces', async () => {
    const fixtures = join(repo, 'packages/io/test/fixtures');
    for (const f of readdirSync(fixtures).filter((n) => n.startsWith('arrow-hang-'))) {
      const dir = folder(`hang-${f}`, {
        'companies.csv': COMPANIES,
        'relations.arrow': readFileSync(join(fixtures, f)),
        'chainlens.json': JSON.stringify({
          name: 'hang',
          companies: 'companies.csv',
          relations: 'relations.arrow',
        }),
      });
      const t0 = performance.now();
      const r = await ingest(dir);
      expect(performance.now() - t0, f).toBeLessThan(5000);
      const lines = r.report.issues.map((i) => `${i.file}: ${i.message}`).join('\n');
      expect(lines, f).toMatch(/relations\.arrow: not a valid Arrow IPC file: /);
    }
  });

  it('counts every bad row by kind and caps the printed list', async () => {
    const lines = ['source,target,weight'];
    for (let i = 0; i < 600; i++) lines.push(`A,X${i},1`); // unknown companies
    for (let i = 0; i < 400; i++) lines.push(`A,B,w${i}`); // not numbers
    lines.push('A,B,1');
    const dir = folder('many', { 'companies.csv': COMPANIES, 'relations.csv': lines.join('\n') });
    const io = readDataset(dir, { issueLimit: 100 });
    const mine = await ingest(dir, { issueLimit: 100 });
    expectSame(mine, io);
    expect(mine.report.issues).toHaveLength(100);
    expect(mine.report.issuesNotListed).toBe(900);
    expect(mine.report.tables.at(-1)).toMatchObject({ read: 1001, accepted: 1, rejected: 1000 });
    const kinds = mine.issueKinds.map((k) => [k.file, k.code, k.count, k.first.row]);
    expect(kinds).toEqual([
      [join(dir, 'relations.csv'), 'unknown-company', 600, 2],
      [join(dir, 'relations.csv'), 'bad-number', 400, 602],
    ]);
    const printed = issueLines(mine.report, mine.issueKinds, 20);
    expect(printed.slice(0, 20)).toEqual(
      mine.report.issues.slice(0, 20).map((i) => `${i.file}:${i.row}:${i.column}: ${i.message}`),
    );
    expect(printed[20]).toBe('… 980 more not shown');
    expect(printed.slice(21)).toEqual([
      'Problems by kind:',
      `  ${join(dir, 'relations.csv')}: unknown-company: 600 (first at row 2)`,
      `  ${join(dir, 'relations.csv')}: bad-number: 400 (first at row 602)`,
    ]);
  });

  it('loads a manifest given as a file, and the eto-semiconductors dataset like io', async () => {
    const eto = join(tmp, 'eto');
    cpSync(join(repo, 'datasets/eto-semiconductors'), eto, { recursive: true });
    expectSame(await ingest(join(eto, 'chainlens.json')), readDataset(join(eto, 'chainlens.json')));
  });

  it('readDatasetAuto: io for small tables, the streaming ingest above the threshold', async () => {
    const path = join(repo, 'datasets/eto-semiconductors');
    const io = readDataset(path);
    const small = await readDatasetAuto(path);
    expect(small.relationsEngine).toBeUndefined();
    expectSame(small, io);
    const large = await readDatasetAuto(path, { threshold: 0, attributes: 'keep' });
    expect(large.relationsEngine).toBe('duckdb');
    expectSame(large, io);
  });
});
