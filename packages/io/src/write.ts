/**
 * Writers: a dataset back to tables in CSV, JSON or Arrow IPC, with its manifest and template
 * files, so that any dataset can be converted between formats. Unknown shares are written as
 * an empty cell (CSV) or null (JSON, Arrow), never as 0.
 */
import type { Dataset } from '@chainlens/core';
import { RELATION_TYPES, setOwn } from '@chainlens/core';
import type { Vector } from 'apache-arrow';
import { Float64, Table, Utf8, tableToIPC, vectorFromArray } from 'apache-arrow';
import { stringify } from 'csv-stringify/sync';
import type { Manifest } from './manifest.js';
import { MANIFEST_FILE } from './manifest.js';

export type ColumnValues =
  | { name: string; kind: 'string'; values: string[] }
  | { name: string; kind: 'number'; values: ArrayLike<number> /* NaN = no value */ };

/** A table as named columns of equal length. */
export interface TableData {
  columns: ColumnValues[];
}

export type WriteFormat = 'csv' | 'json' | 'arrow';

function rowCount(table: TableData): number {
  return table.columns[0]?.values.length ?? 0;
}

/** A number cell as text: shortest round-trip form (`String`), empty for NaN. */
function numberText(v: number): string {
  return Number.isNaN(v) ? '' : String(v);
}

/** A plain decimal number (`-0.5`, `+3`, `1e-7`): a spreadsheet reads it as a number. */
const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i;

/**
 * CSV injection guard (OWASP): a text cell that a spreadsheet would run as a formula, one that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return, gets a leading `'` (shown as text,
 * not run). Numbers stay numbers: number cells never go through it, and a text cell that is a
 * plain number such as `-0.5` (an attribute column read as text) is left as it is. The one
 * guard of every CSV output of chainlens (metrics --out, export --to csv, compare --format csv).
 */
export function guardCsvCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

export interface CsvOptions {
  /** Guard text cells against formula injection (`guardCsvCell`); default false. */
  guard?: boolean;
}

/**
 * The table as CSV with a header row. Without `guard` every text cell is written as it is (the
 * dataset writer: files that chainlens reads back).
 */
export function toCsv(table: TableData, options: CsvOptions = {}): string {
  const n = rowCount(table);
  const text = options.guard ? guardCsvCell : (v: string) => v;
  const rows: string[][] = [table.columns.map((c) => text(c.name))];
  for (let r = 0; r < n; r++) {
    rows.push(
      table.columns.map((c) =>
        c.kind === 'number' ? numberText(c.values[r]!) : text(c.values[r]!),
      ),
    );
  }
  return stringify(rows);
}

export function toJson(table: TableData): string {
  const n = rowCount(table);
  const rows: Record<string, string | number | null>[] = [];
  for (let r = 0; r < n; r++) {
    const row: Record<string, string | number | null> = {};
    for (const c of table.columns) {
      const v = c.values[r]!;
      setOwn(row, c.name, c.kind === 'number' && Number.isNaN(v) ? null : v);
    }
    rows.push(row);
  }
  return `${JSON.stringify(rows, null, 1)}\n`;
}

export function toArrow(table: TableData): Uint8Array {
  // fromEntries defines own properties: a column named `__proto__` stays a column.
  const vectors: Record<string, Vector> = Object.fromEntries(
    table.columns.map((c) => [
      c.name,
      c.kind === 'number'
        ? vectorFromArray(
            Array.from(c.values, (v) => (Number.isNaN(v) ? null : v)),
            new Float64(),
          )
        : vectorFromArray(c.values, new Utf8()),
    ]),
  );
  return tableToIPC(new Table(vectors), 'file');
}

export function encodeTable(table: TableData, format: WriteFormat): Uint8Array {
  if (format === 'arrow') return toArrow(table);
  return new TextEncoder().encode(format === 'csv' ? toCsv(table) : toJson(table));
}

const str = (name: string, values: string[]): ColumnValues => ({ name, kind: 'string', values });
const num = (name: string, values: ArrayLike<number>): ColumnValues => ({
  name,
  kind: 'number',
  values,
});
const attrs = (a: Record<string, string[]>) => Object.entries(a).map(([k, v]) => str(k, v));

/** The dataset's tables as columns, in the manifest's column conventions. */
export function datasetTables(dataset: Dataset): Record<string, TableData> {
  const { companies, memberships, relations } = dataset;
  const ids = companies.ids;
  const tables: Record<string, TableData> = {
    companies: {
      columns: [
        str('id', ids),
        str('name', companies.names),
        str('region', companies.regions),
        ...attrs(companies.attributes),
      ],
    },
    memberships: {
      columns: [
        str(
          'company',
          Array.from(memberships.company, (c) => ids[c]!),
        ),
        str('segment', memberships.segment),
        num('share', memberships.share),
        ...attrs(memberships.attributes),
      ],
    },
    relations: {
      columns: [
        str(
          'source',
          Array.from(relations.source, (c) => ids[c]!),
        ),
        str(
          'target',
          Array.from(relations.target, (c) => ids[c]!),
        ),
        str(
          'type',
          Array.from(relations.type, (t) => RELATION_TYPES[t]!),
        ),
        num('weight', relations.weight),
        ...attrs(relations.attributes),
      ],
    },
  };
  if (dataset.products) {
    const p = dataset.products;
    tables.products = {
      columns: [
        str('id', p.ids),
        str('name', p.names),
        str('kind', p.kinds),
        ...attrs(p.attributes),
      ],
    };
    if (dataset.productLinks) {
      const l = dataset.productLinks;
      tables.productLinks = {
        columns: [
          str(
            'source',
            Array.from(l.source, (i) => p.ids[i]!),
          ),
          str(
            'target',
            Array.from(l.target, (i) => p.ids[i]!),
          ),
          str('type', l.type),
          num('weight', l.weight),
        ],
      };
    }
  }
  return tables;
}

const FILE_NAMES: Record<string, string> = {
  companies: 'companies',
  memberships: 'memberships',
  relations: 'relations',
  products: 'products',
  productLinks: 'product-links',
};

/**
 * Every file of the dataset in one format: `chainlens.json`, the tables and
 * `templates/<id>.json`, as a map from relative path to bytes.
 */
export function encodeDataset(dataset: Dataset, format: WriteFormat): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  const ext = format === 'arrow' ? 'arrow' : format;
  const manifest: Partial<Manifest> & Record<string, unknown> = { name: dataset.name };
  for (const [key, table] of Object.entries(datasetTables(dataset))) {
    const path = `${FILE_NAMES[key]}.${ext}`;
    files.set(path, encodeTable(table, format));
    manifest[key] = path;
  }
  manifest.templates = dataset.templates.map((t) => `templates/${t.id}.json`);
  const enc = new TextEncoder();
  for (const t of dataset.templates) {
    files.set(`templates/${t.id}.json`, enc.encode(`${JSON.stringify(t, null, 2)}\n`));
  }
  if (dataset.relations.source.some((s, i) => s === dataset.relations.target[i]))
    manifest.allowSelfLoops = true;
  files.set(MANIFEST_FILE, enc.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  return files;
}
