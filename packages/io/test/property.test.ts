/**
 * Property-based tests of the readers: whatever bytes come in, a load either returns a report
 * that accounts for every row, or throws a DataError with a one-line message, never another
 * exception; and valid generated edge lists load whole, into a graph with as many edges.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RELATION_TYPES, buildCompactGraph, inDegree, outDegree } from '@chainlens/core';
import type { Cell, LoadResult, TableData, ValidationReport } from '@chainlens/io';
import { DataError, encodeTable, loadDataset, loadEdgeList, scanTable } from '@chainlens/io';

/**
 * Runs per property: enough to find the usual suspects, few enough for a run of seconds. Set
 * CHAINLENS_PROP_RUNS=5000 for a deeper search.
 */
const RUNS = Number(process.env.CHAINLENS_PROP_RUNS) || 200;

const enc = new TextEncoder();
const utf8 = (text: string) => enc.encode(text);

/** The names of Object.prototype's properties: columns named so are tested on their own. */
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));
const safeName = (name: string) => !PROTO_NAMES.has(name.trim());

/* ------------------------------------------------------------------------------------------ */
/* The contract                                                                                */
/* ------------------------------------------------------------------------------------------ */

/**
 * Every table's counts add up, every rejected row has an error issue naming its file and row,
 * and there are at least as many errors as rejected rows.
 */
function expectAccounted(report: ValidationReport): void {
  const errors = report.issues.filter((i) => i.severity === 'error');
  expect(report.issues.length + report.issuesNotListed).toBe(report.errors + report.warnings);
  let rejected = 0;
  for (const t of report.tables) {
    const label = `${t.table} ${t.file}`;
    expect(t.read, label).toBe(t.accepted + t.rejected);
    expect(Math.min(t.accepted, t.rejected, t.warnings), label).toBeGreaterThanOrEqual(0);
    expect(t.warnings, label).toBeLessThanOrEqual(t.accepted);
    rejected += t.rejected - (t.unread ?? 0);
    const mine = errors.filter((i) => i.file === t.file);
    for (const i of mine) expect(i.message.trim(), label).not.toBe('');
    if (t.failed) expect(mine.length, `${label} failed without an error`).toBeGreaterThan(0);
    if (t.table === 'template') {
      // A template is one record: its issues name the file and a JSON path, not a row.
      if (t.rejected > 0) expect(mine.length, label).toBeGreaterThan(0);
    } else {
      const rows = new Set(mine.flatMap((i) => (i.row === undefined ? [] : [i.row])));
      // Rows never read (after a malformed line) count as rejected under the one error there.
      expect(rows.size, `${label}: rows with an error vs rejected rows`).toBeGreaterThanOrEqual(
        t.rejected - (t.unread ?? 0),
      );
    }
  }
  expect(report.errors).toBeGreaterThanOrEqual(rejected);
}

/** Every error is a DataError with a non-empty message, or the property fails naming it. */
function refusal(e: unknown): DataError {
  if (!(e instanceof DataError)) {
    const err = e as Error;
    throw new Error(`threw ${err?.name ?? typeof e}, not DataError: ${err?.stack ?? String(e)}`);
  }
  expect(e.message.trim()).not.toBe('');
  return e;
}

/** Loads and checks the contract (one-line messages are a property of their own, below). */
function outcome(load: () => LoadResult): LoadResult | DataError {
  let result: LoadResult;
  try {
    result = load();
  } catch (e) {
    return refusal(e);
  }
  expectAccounted(result.report);
  return result;
}

/* ------------------------------------------------------------------------------------------ */
/* Generators                                                                                  */
/* ------------------------------------------------------------------------------------------ */

/** A CSV field, quoted when it must be. */
function field(value: string, delimiter: string): string {
  return /["\r\n]/.test(value) || value.includes(delimiter)
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

/** Junk that breaks CSV and number parsing in every known way. */
const TOKENS = [
  '',
  ' ',
  'a',
  'b',
  '甲',
  '乙公司',
  '000001',
  '"',
  '""',
  '"a,b"',
  '"a\nb"',
  '"x""y"',
  'x"y',
  '"unterminated',
  ',',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\uFEFF',
  '\t',
  '\u0000',
  'NaN',
  '-nan',
  'Infinity',
  '-Infinity',
  '∞',
  'inf',
  '1e400',
  '-1',
  '-0',
  '0',
  '1',
  '1.5',
  '.5',
  '5.',
  '1e-7',
  '0x1F',
  '1,5',
  ' 2 ',
  '+3',
  'supply',
  'ownership',
  'collaboration',
  'inferred-supply',
  'Supply',
  'suply',
  'source',
  'target',
  'weight',
  'type',
  'note',
];

const junkCell = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...TOKENS) },
  { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => `"${s}"`) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) },
);

/** A table as rows of cells; a row may be ragged, and `junk` rows are not quoted. */
interface Grid {
  columns: string[];
  rows: { cells: string[]; raw: boolean }[];
}

/** Rows for `columns`, each cell from its column's pool, some rows ragged, some raw junk. */
function grid(columns: fc.Arbitrary<string[]>, pool: (column: string) => fc.Arbitrary<string>) {
  return columns.chain((cols) =>
    fc.record({
      columns: fc.constant(cols),
      rows: fc.array(
        fc.oneof(
          {
            weight: 6,
            arbitrary: fc
              .tuple(...cols.map(pool))
              .map((cells) => ({ cells: cells as string[], raw: false })),
          },
          {
            weight: 1,
            arbitrary: fc
              .array(fc.oneof(junkCell, ...cols.map(pool)), { maxLength: cols.length + 2 })
              .map((cells) => ({ cells, raw: false })),
          },
          {
            weight: 1,
            arbitrary: fc.array(junkCell, { maxLength: 5 }).map((cells) => ({ cells, raw: true })),
          },
        ),
        { maxLength: 10 },
      ),
    }),
  );
}

const EOLS = ['\n', '\r\n', '\r', '\n\n', '\r\n\r\n', '\n\n\n'];

/** A grid as CSV / TSV text: random line ends and empty lines, optional BOM and final EOL. */
function delimited(g: Grid, delimiter: string): fc.Arbitrary<string> {
  const lines = [g.columns, ...g.rows.map((r) => r.cells)];
  return fc
    .record({
      bom: fc.boolean(),
      eols: fc.array(fc.constantFrom(...EOLS), {
        minLength: lines.length,
        maxLength: lines.length,
      }),
      last: fc.boolean(),
    })
    .map(({ bom, eols, last }) => {
      const text = lines
        .map((cells, i) => {
          const raw = i > 0 && g.rows[i - 1]!.raw;
          const line = cells.map((c) => (raw ? c : field(c, delimiter))).join(delimiter);
          return i < lines.length - 1 || last ? line + eols[i] : line;
        })
        .join('');
      return (bom ? '\uFEFF' : '') + text;
    });
}

/** A grid as a JSON array of objects; ragged rows lose or gain keys, some items are not objects. */
function jsonTable(g: Grid): fc.Arbitrary<string> {
  return fc
    .array(fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 1 })), {
      minLength: g.rows.length,
      maxLength: g.rows.length,
    })
    .map((odd) => {
      const items = g.rows.map((r, i) => {
        if (r.raw && odd[i] !== undefined) return odd[i];
        const item: Record<string, unknown> = {};
        r.cells.forEach((c, j) => {
          const key = g.columns[j] ?? `extra${j}`;
          // Numbers as JSON numbers where they read as such, to cover both cell kinds.
          const n = Number(c);
          Object.defineProperty(item, key, {
            value: c.trim() !== '' && Number.isFinite(n) && j % 2 === 0 ? n : c,
            enumerable: true,
            writable: true,
            configurable: true,
          });
        });
        return item;
      });
      return JSON.stringify(items);
    });
}

/** A grid as an Arrow IPC file of string columns (ragged rows padded or cut; nulls where short). */
function arrowTable(g: Grid): Uint8Array {
  const table: TableData = {
    columns: g.columns.map((name, j) => ({
      name,
      kind: 'string',
      values: g.rows.map((r) => r.cells[j] ?? ''),
    })),
  };
  return encodeTable(table, 'arrow');
}

type Format = 'csv' | 'tsv' | 'json' | 'arrow';

/** A grid's file in a format, or random bytes, or nothing (a missing file). */
function tableFile(g: Grid, format: Format): fc.Arbitrary<Uint8Array> {
  if (format === 'arrow') {
    // Unique non-empty column names: Arrow's writer takes the columns as an object's keys.
    const names = g.columns.map((c) => c.trim());
    if (names.some((c) => c === '') || new Set(names).size !== names.length)
      return fc.constant(arrowTable({ columns: ['x'], rows: [] }));
    return fc.constant(arrowTable(g));
  }
  if (format === 'json') return jsonTable(g).map(utf8);
  return delimited(g, format === 'tsv' ? '\t' : ',').map(utf8);
}

const IDS = ['A', 'B', 'C', '甲', '乙', '000001', ' A ', '', 'a,b', 'q"q', 'D', 'new\nline'];
const SEGMENTS = ['cell', 'lithium', 'cathode', '碳酸锂', '锂矿石', 'unknown', '', ' cell ', 'p1'];
const SHARES = ['0.5', '1', '0', '', '1.5', '-0.1', 'NaN', 'abc', '1e-7', ' 0.2 ', 'Infinity'];
const WEIGHTS = ['1', '0', '', '2.5', '-1', '-0', 'NaN', 'Infinity', '1e400', 'x', '1e-7', '.5'];
const TYPES = ['', ...RELATION_TYPES, 'Supply', 'suply', 'bogus', ' supply '];
const PRODUCTS = ['p1', 'p2', 'p3', '碳酸锂', '', ' p1 ', '锂矿石'];
const LINK_TYPES = ['input_of', 'subcategory_of', '', 'bogus'];
const NOTES = ['', 'x', '备注', 'a, b', 'say "hi"', 'two\nlines', ' pad '];

const pools: Record<string, readonly string[]> = {
  id: IDS,
  name: ['', 'Name', '名称', 'a,b', ' spaced '],
  region: ['', '浙江/宁波', ' 江苏 / 苏州 ', '/', '//x//'],
  company: IDS,
  segment: SEGMENTS,
  share: SHARES,
  source: IDS,
  target: IDS,
  type: TYPES,
  weight: WEIGHTS,
  kind: ['', 'product', 'industry'],
};

const poolOf =
  (override: Record<string, readonly string[]> = {}) =>
  (column: string): fc.Arbitrary<string> => {
    const values = override[column] ?? pools[column];
    return values
      ? fc.oneof(
          { weight: 8, arbitrary: fc.constantFrom(...values) },
          { weight: 1, arbitrary: junkCell },
        )
      : fc.oneof(fc.constantFrom(...NOTES), junkCell);
  };

/** Header columns: a shuffle of the table's columns (some dropped), a typo, extras, or junk. */
function headerOf(known: string[]): fc.Arbitrary<string[]> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constant(known) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(
          fc.shuffledSubarray(known, { minLength: 1 }),
          fc.subarray(['note', '地区', ' note2 ', 'Source', 'weigth']),
        )
        .map(([a, b]) => [...a, ...b]),
    },
    {
      weight: 1,
      arbitrary: fc.array(junkCell.filter(safeName), { maxLength: 5 }),
    },
  );
}

const anyFormat = fc.constantFrom<Format>('csv', 'tsv', 'json', 'arrow');

/** A table file of `known` columns in a random format, or random bytes. */
function anyTable(
  known: string[],
  override: Record<string, readonly string[]> = {},
): fc.Arbitrary<{ format: Format; bytes: Uint8Array }> {
  return fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(grid(headerOf(known), poolOf(override)), anyFormat)
        .chain(([g, format]) => tableFile(g, format).map((bytes) => ({ format, bytes }))),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(fc.uint8Array({ maxLength: 64 }), anyFormat)
        .map(([bytes, format]) => ({ format, bytes })),
    },
  );
}

/* ------------------------------------------------------------------------------------------ */
/* Malformed input: a report or a DataError, nothing else                                      */
/* ------------------------------------------------------------------------------------------ */

const EDGE_FILES = [
  'edges.csv',
  'edges.tsv',
  'x.json',
  'x.arrow',
  'edges.csv.gz',
  'x.json.gz',
  'edges.txt',
];

describe('malformed edge lists', () => {
  it('random bytes under any table name', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.constantFrom(...EDGE_FILES), (b, file) => {
        outcome(() => loadEdgeList(b, file));
      }),
      { numRuns: RUNS },
    );
  });

  it('random strings as CSV, TSV and JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })),
        fc.constantFrom('edges.csv', 'edges.tsv', 'x.json'),
        (text, file) => {
          outcome(() => loadEdgeList(utf8(text), file));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('CSV-ish text: quotes, commas, CR, BOMs, empty lines, ragged rows, bad numbers', () => {
    const known = ['source', 'target', 'weight', 'type'];
    fc.assert(
      fc.property(
        grid(headerOf(known), poolOf()).chain((g) =>
          fc.constantFrom(',', '\t').chain((d) => delimited(g, d).map((t) => ({ t, d }))),
        ),
        ({ t, d }) => {
          const result = outcome(() => loadEdgeList(utf8(t), d === ',' ? 'e.csv' : 'e.tsv'));
          if (result instanceof DataError) return;
          const edges = result.report.tables[0]!;
          expect(result.dataset.relations.source.length).toBe(edges.accepted);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it('JSON values: fc.json() text and arrays of random records', () => {
    const record = fc.dictionary(
      fc.oneof(
        fc.constantFrom('source', 'target', 'weight', 'type', 'note', '', ' source'),
        fc.string({ maxLength: 4 }).filter(safeName),
      ),
      fc.oneof(
        fc.constantFrom(...IDS, ...WEIGHTS, ...TYPES),
        fc.jsonValue({ maxDepth: 2 }),
        fc.double(),
      ),
      { maxKeys: 5 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.json({ maxDepth: 3 }),
          fc
            .array(fc.oneof({ weight: 5, arbitrary: record }, fc.jsonValue({ maxDepth: 1 })), {
              maxLength: 8,
            })
            .map((rows) => JSON.stringify(rows)),
        ),
        (text) => {
          const result = outcome(() => loadEdgeList(utf8(text), 'x.json'));
          if (result instanceof DataError) return;
          expect(result.dataset.relations.source.length).toBe(result.report.tables[0]!.accepted);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('Arrow: random bytes, and valid files with bytes changed or cut', () => {
    const valid = arrowTable({
      columns: ['source', 'target', 'weight', 'type'],
      rows: [
        { cells: ['A', 'B', '1', 'supply'], raw: false },
        { cells: ['甲', '乙', 'NaN', ''], raw: false },
        { cells: ['B', '', '-1', 'bogus'], raw: false },
      ],
    });
    const mutated = fc
      .tuple(
        fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          maxLength: 4,
        }),
        fc.nat({ max: valid.length }),
      )
      .map(([changes, cut]) => {
        const b = valid.slice(0, Math.max(cut, valid.length - 16 * changes.length));
        for (const [at, v] of changes) if (at < b.length) b[at] = v;
        return b;
      });
    expect(loadEdgeList(valid, 'x.arrow').report.tables[0]!.accepted).toBe(1);
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 200 }), mutated), (b) => {
        outcome(() => loadEdgeList(b, 'x.arrow'));
      }),
      { numRuns: RUNS },
    );
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Whole datasets                                                                              */
/* ------------------------------------------------------------------------------------------ */

const TEMPLATE_IDS = ['battery', 'chips', 'battery'];
const segment = fc.record(
  {
    id: fc.constantFrom('lithium', 'cathode', 'cell', '', ' cell '),
    name: fc.constantFrom('锂矿', 'Cell', ''),
    stage: fc.constantFrom('upstream', 'midstream', 'downstream', 'bogus'),
    weight: fc.oneof(fc.double(), fc.constantFrom(1, 2, -1, 0)),
    includes: fc.array(fc.constantFrom('碳酸锂', '锂*', '*矿石', '*', '', 'p1'), { maxLength: 3 }),
  },
  { requiredKeys: ['id', 'name', 'stage'] },
);
const segIds = fc.constantFrom('lithium', 'cathode', 'cell', 'nowhere');
const template = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        id: fc.constantFrom(...TEMPLATE_IDS, ''),
        name: fc.constantFrom('锂电池', ''),
        description: fc.string({ maxLength: 5 }),
        segments: fc.array(segment, { maxLength: 4 }),
        feeds: fc.array(fc.tuple(segIds, segIds), { maxLength: 4 }),
      },
      { requiredKeys: ['id', 'name', 'segments'] },
    ),
  },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
);

/** `arb`'s value once in `every` runs, null otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>, every: number) =>
  fc.oneof({ weight: every - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** A manifest, its tables in random formats (or missing, or junk) and templates, as a reader. */
const datasetFiles = fc
  .record({
    name: fc.oneof({ weight: 8, arbitrary: fc.constant('t') }, fc.constantFrom('数据', '', '  ')),
    memberships: fc.boolean(),
    relations: fc.boolean(),
    products: fc.boolean(),
    productLinks: fc.boolean(),
    templates: fc.array(fc.nat({ max: 3 }), { maxLength: 3 }),
    templateFiles: fc.array(template, { minLength: 3, maxLength: 3 }),
    encoding: rarely(fc.constantFrom('utf-8', 'UTF-8', 'gbk', 'bogus'), 5),
    allowSelfLoops: fc.option(fc.boolean()),
    unknownKey: rarely(fc.constant('relation'), 20),
    missing: fc
      .option(
        fc.subarray(['companies', 'memberships', 'relations', 'products', 'productLinks'], {
          maxLength: 2,
        }),
      )
      .map((m) => m ?? []),
    companies: anyTable(['id', 'name', 'region']),
    membershipsTable: anyTable(['company', 'segment', 'share']),
    relationsTable: anyTable(['source', 'target', 'type', 'weight']),
    productsTable: anyTable(['id', 'name', 'kind'], { id: PRODUCTS }),
    linksTable: anyTable(['source', 'target', 'type', 'weight'], {
      source: PRODUCTS,
      target: PRODUCTS,
      type: LINK_TYPES,
    }),
    rawManifest: rarely(fc.oneof(fc.json({ maxDepth: 2 }), fc.string()), 10),
  })
  .map((d) => {
    const files = new Map<string, Uint8Array>();
    const manifest: Record<string, unknown> = { name: d.name, templates: [] };
    const put = (key: string, stem: string, t: { format: Format; bytes: Uint8Array }) => {
      const path = `${stem}.${t.format}`;
      manifest[key] = path;
      if (!d.missing.includes(key)) files.set(path, t.bytes);
    };
    put('companies', 'companies', d.companies);
    if (d.memberships) put('memberships', 'memberships', d.membershipsTable);
    if (d.relations) put('relations', 'relations', d.relationsTable);
    if (d.products) put('products', 'products', d.productsTable);
    // productLinks without products is refused whole: let it happen in one run of eight.
    if (d.productLinks && (d.products || d.templates.length === 3))
      put('productLinks', 'product-links', d.linksTable);
    manifest.templates = d.templates.map((i) => `templates/t${i}.json`);
    d.templateFiles.forEach((t, i) => files.set(`templates/t${i}.json`, utf8(JSON.stringify(t))));
    if (d.encoding !== null) manifest.encoding = d.encoding;
    if (d.allowSelfLoops !== null) manifest.allowSelfLoops = d.allowSelfLoops;
    if (d.unknownKey !== null) manifest[d.unknownKey] = 'relations.csv';
    files.set('chainlens.json', utf8(d.rawManifest ?? JSON.stringify(manifest)));
    return files;
  });

describe('malformed datasets', () => {
  it('loadDataset over generated manifests and tables', () => {
    let loaded = 0;
    fc.assert(
      fc.property(datasetFiles, (files) => {
        const result = outcome(() => loadDataset((path) => files.get(path)));
        if (result instanceof DataError) return;
        loaded++;
        const { dataset, report } = result;
        const accepted = (name: string) =>
          report.tables.filter((t) => t.table === name).reduce((s, t) => s + t.accepted, 0);
        expect(dataset.companies.ids.length).toBe(accepted('companies'));
        expect(dataset.memberships.company.length).toBe(accepted('memberships'));
        expect(dataset.relations.source.length).toBe(accepted('relations'));
        expect(dataset.templates.length).toBe(accepted('template'));
        const n = dataset.companies.ids.length;
        for (const c of [
          ...dataset.memberships.company,
          ...dataset.relations.source,
          ...dataset.relations.target,
        ])
          expect(c >= 0 && c < n).toBe(true);
        for (const w of dataset.relations.weight) expect(Number.isFinite(w) && w >= 0).toBe(true);
        for (const s of dataset.memberships.share)
          expect(Number.isNaN(s) || (s >= 0 && s <= 1)).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
    // The generator must reach the validators, not only the manifest check.
    expect(loaded).toBeGreaterThan(RUNS / 4);
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Valid edge lists                                                                            */
/* ------------------------------------------------------------------------------------------ */

const VALID_IDS = ['a', 'b', 'c', '甲', '乙', '丙公司', 'x,y', 'say "hi"', '000001', 'two\nlines'];
const validWeight = fc.oneof(
  fc.constant(''),
  fc.double({ min: 0, max: 1e12, noNaN: true, noDefaultInfinity: true }).map(String),
  fc.integer({ min: 0, max: 1000 }).map(String),
  fc.constantFrom('1e-7', '0.1', '5.', '.5', '+2', ' 3 ', '0.123456789012345'),
);
const validEdge = fc.record({
  source: fc.constantFrom(...VALID_IDS),
  target: fc.constantFrom(...VALID_IDS),
  weight: validWeight,
  type: fc.constantFrom('', ...RELATION_TYPES),
  note: fc.string({ maxLength: 8 }).filter((s) => !s.includes('\r')),
});

/** A valid edge list in one format: the columns in any order, with a note column or not. */
const validEdgeList = fc.record({
  // At least one row: an empty JSON table (`[]`) has no columns; roundtrip.test.ts covers it.
  edges: fc.array(validEdge, { minLength: 1, maxLength: 30 }),
  columns: fc
    .shuffledSubarray(['weight', 'type', 'note'])
    .chain((extra) =>
      fc.shuffledSubarray(['source', 'target', ...extra], { minLength: 2 + extra.length }),
    ),
  format: anyFormat,
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
});

type Edge = { source: string; target: string; weight: string; type: string; note: string };

function encodeEdges(
  edges: Edge[],
  columns: string[],
  format: Format,
  eol: string,
  bom: boolean,
): Uint8Array {
  const cell = (e: Edge, c: string) => e[c as keyof Edge];
  if (format === 'arrow')
    return encodeTable(
      {
        columns: columns.map((name) => ({
          name,
          kind: 'string',
          values: edges.map((e) => cell(e, name)),
        })),
      },
      'arrow',
    );
  if (format === 'json')
    return utf8(
      JSON.stringify(
        edges.map((e) =>
          Object.fromEntries(
            columns.flatMap((c): [string, string | number][] => {
              const v = cell(e, c);
              // Weights as JSON numbers when they are plain ones, types left out when empty.
              if (c === 'weight' && v !== '' && String(Number(v)) === v) return [[c, Number(v)]];
              if (c === 'type' && v === '') return [];
              return [[c, v]];
            }),
          ),
        ),
      ),
    );
  const d = format === 'tsv' ? '\t' : ',';
  const lines = [columns, ...edges.map((e) => columns.map((c) => cell(e, c)))];
  return utf8(
    (bom ? '\uFEFF' : '') + lines.map((l) => l.map((v) => field(v, d)).join(d) + eol).join(''),
  );
}

describe('valid edge lists', () => {
  it('load whole: no rejection, one relation per row, values as written', () => {
    fc.assert(
      fc.property(validEdgeList, ({ edges, columns, format, eol, bom }) => {
        const file = `edges.${format}`;
        const { dataset, report } = loadEdgeList(
          encodeEdges(edges, columns, format, eol, bom),
          file,
        );
        const t = report.tables[0]!;
        expect(report.errors).toBe(0);
        expect(t).toMatchObject({ read: edges.length, accepted: edges.length, rejected: 0 });
        expect(t.failed).toBe(false);
        const { companies, relations } = dataset;
        expect(relations.source.length).toBe(edges.length);
        // Companies are the endpoints, by id; the relations are the rows, in canonical order
        // (by source, target, type, weight, note), so compared as a multiset.
        const ids = [...new Set(edges.flatMap((e) => [e.source, e.target]))].sort();
        expect(companies.ids).toEqual(ids);
        const num = (w: number) => (Object.is(w, -0) ? '-0' : String(w));
        const note = columns.includes('note');
        const written = edges.map((e) => {
          const w = columns.includes('weight') && e.weight.trim() !== '' ? Number(e.weight) : 1;
          const type = columns.includes('type') && e.type !== '' ? e.type : 'supply';
          return JSON.stringify([e.source, e.target, num(w), type, note ? e.note : '']);
        });
        const read = Array.from(relations.source, (s, i) =>
          JSON.stringify([
            companies.ids[s],
            companies.ids[relations.target[i]!],
            num(relations.weight[i]!),
            RELATION_TYPES[relations.type[i]!],
            note ? relations.attributes.note![i] : '',
          ]),
        );
        expect(read.sort()).toEqual(written.sort());
        if (note) expect(relations.attributes.note!.length).toBe(edges.length);
        else expect(relations.attributes).toEqual({});
      }),
      { numRuns: RUNS },
    );
  });

  it('build a compact graph with m = relations and degree sums = m', () => {
    fc.assert(
      fc.property(validEdgeList, ({ edges, columns, format, eol, bom }) => {
        const { dataset } = loadEdgeList(
          encodeEdges(edges, columns, format, eol, bom),
          `edges.${format}`,
        );
        const g = buildCompactGraph(dataset);
        expect(g.n).toBe(dataset.companies.ids.length);
        expect(g.m).toBe(dataset.relations.source.length);
        expect(g.m).toBe(edges.length);
        let outs = 0;
        let ins = 0;
        for (let u = 0; u < g.n; u++) {
          outs += outDegree(g, u);
          ins += inDegree(g, u);
        }
        expect(outs).toBe(g.m);
        expect(ins).toBe(g.m);
      }),
      { numRuns: RUNS },
    );
  });
});

/* ------------------------------------------------------------------------------------------ */
/* Where problems are reported, and known weak spots                                          */
/* ------------------------------------------------------------------------------------------ */

describe('issue locations', () => {
  it('a rejected CSV row is reported at the line it starts on', () => {
    const row = fc.record({
      source: fc.constantFrom(...VALID_IDS),
      target: fc.constantFrom(...VALID_IDS),
      bad: fc.boolean(),
      blank: fc.nat({ max: 2 }),
    });
    fc.assert(
      fc.property(
        fc.array(row, { minLength: 1, maxLength: 15 }),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        (rows, eol, bom) => {
          let text = `${bom ? '\uFEFF' : ''}source,target,weight${eol}`;
          let line = 2;
          const badLines: number[] = [];
          for (const r of rows) {
            text += eol.repeat(r.blank);
            line += r.blank;
            if (r.bad) badLines.push(line);
            const record = [r.source, r.target, r.bad ? '-1' : '1'].map((f) => field(f, ','));
            text += record.join(',') + eol;
            line += record.join(',').split('\n').length;
          }
          const { report } = loadEdgeList(utf8(text), 'e.csv');
          const rows_ = report.issues.filter((i) => i.severity === 'error').map((i) => i.row);
          expect(rows_).toEqual(badLines);
          expect(report.tables[0]!.rejected).toBe(badLines.length);
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe('former weak spots (each property failed while its bug was there)', () => {
  it('every DataError message is one line', () => {
    // A header name with a line break, malformed JSON (V8 quotes the text), a whole dataset.
    const header = fc
      .tuple(fc.constantFrom('a', '名称', ''), fc.constantFrom('\n', '\r\n', '\n\n'))
      .map(([name, eol]) => ({ file: 'edges.csv', text: `"${name}${eol}x",target\nA,B\n` }));
    const json = fc.string({ maxLength: 20 }).map((text) => ({ file: 'x.json', text }));
    fc.assert(
      fc.property(fc.oneof(header, json, datasetFiles), (input) => {
        const result = outcome(() =>
          input instanceof Map
            ? loadDataset((path) => input.get(path))
            : loadEdgeList(utf8(input.text), input.file),
        );
        if (result instanceof DataError)
          expect(result.message, 'a multi-line DataError message').not.toMatch(/[\r\n]/);
      }),
      { numRuns: RUNS },
    );
  });

  it('an extra column named like an Object.prototype property is kept as an attribute', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('note', 'constructor', 'toString', '__proto__', 'valueOf'),
        fc.constantFrom<Format>('csv', 'json'),
        fc.array(fc.constantFrom(...NOTES), { minLength: 1, maxLength: 4 }),
        (name, format, notes) => {
          const edges = notes.map((note) => ({
            source: 'a',
            target: 'b',
            weight: '1',
            type: '',
            note,
          }));
          const columns = ['source', 'target', 'note'];
          const bytes = encodeEdges(edges, columns, format, '\n', false);
          const written = new TextDecoder().decode(bytes);
          // Rename the column: every JSON key, or the CSV header (values may hold 'note' too).
          const text =
            format === 'json'
              ? written.replaceAll('"note":', `${JSON.stringify(name)}:`)
              : written.replace(/^[^\n]*/, (header) => header.replace('note', name));
          const { dataset, report } = outcome(() =>
            loadEdgeList(utf8(text), `edges.${format}`),
          ) as LoadResult;
          expect(report.tables[0]!.rejected).toBe(0);
          const attributes = Object.entries(dataset.relations.attributes);
          // Rows equal but for the note come in the notes' code-unit order (canonical order).
          expect(attributes).toEqual([[name, [...notes].sort()]]);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a JSON row without a key that other rows have reads that cell as null', () => {
    // Straight at the scanner, so that the crash above does not hide this one.
    fc.assert(
      fc.property(
        fc.constantFrom('note', 'constructor', 'toString', 'hasOwnProperty'),
        fc.array(fc.option(fc.constantFrom('x', '备注')), { minLength: 2, maxLength: 5 }),
        (name, notes) => {
          const rows = notes.map((n) => ({ source: 'a', ...(n === null ? {} : { [name]: n }) }));
          const seen: Cell[][] = [];
          const bad: string[] = [];
          scanTable(utf8(JSON.stringify(rows)), 'x.json', {
            header: () => {},
            row: (values) => seen.push(values),
            bad: (row, _code, message) => bad.push(`${row}: ${message}`),
          });
          expect(bad).toEqual([]);
          const columns = notes.some((n) => n !== null) ? 2 : 1;
          expect(seen).toEqual(notes.map((n) => ['a', n].slice(0, columns)));
        },
      ),
      { numRuns: 60 },
    );
  });
});
