/**
 * The export graph as two flat tables, nodes and edges, in CSV (through `toCsv` of the dataset
 * writer: RFC 4180 quoting, numbers in shortest round-trip form, no value = empty cell,
 * booleans `true`/`false`) or Arrow IPC files (typed columns: Utf8, Float64, Int32, Bool; no
 * value = null; the graph's title and description in the schema metadata).
 */
import type { Vector } from 'apache-arrow';
import {
  Bool,
  Float64,
  Int32,
  Schema,
  Table,
  Utf8,
  tableToIPC,
  vectorFromArray,
} from 'apache-arrow';
import type { ColumnValues } from '../write.js';
import { toCsv } from '../write.js';
import type { ExportColumn, ExportGraph, ExportTable } from './graph.js';

/**
 * The table as CSV text with a header row. Text cells a spreadsheet would run as formulas get a
 * leading `'` (`guardCsvCell`) unless `raw`; number and boolean cells are never changed.
 */
export function exportTableCsv(table: ExportTable, options: { raw?: boolean } = {}): string {
  const columns: ColumnValues[] = table.columns.map((c): ColumnValues => {
    switch (c.type) {
      case 'string':
        return { name: c.name, kind: 'string', values: [...c.values] };
      case 'boolean':
        return {
          name: c.name,
          kind: 'string',
          values: Array.from(c.values, (v) => (v ? 'true' : 'false')),
        };
      default:
        return {
          name: c.name,
          kind: 'number',
          values: Array.from(c.values, (v) => (Number.isFinite(v) ? v : NaN)),
        };
    }
  });
  return toCsv({ columns }, { guard: !(options.raw ?? false) });
}

function arrowVector(c: ExportColumn): Vector {
  switch (c.type) {
    case 'string':
      return vectorFromArray(
        Array.from(c.values, (v) => (v === '' ? null : v)),
        new Utf8(),
      );
    case 'double':
      return vectorFromArray(
        Array.from(c.values, (v) => (Number.isFinite(v) ? v : null)),
        new Float64(),
      );
    case 'integer':
      return vectorFromArray(Array.from(c.values), new Int32());
    case 'boolean':
      return vectorFromArray(
        Array.from(c.values, (v) => v !== 0),
        new Bool(),
      );
  }
}

/** The table as an Arrow IPC file; `metadata` goes into the schema. */
export function exportTableArrow(
  table: ExportTable,
  metadata: Record<string, string> = {},
): Uint8Array {
  // fromEntries defines own properties: a column named `__proto__` stays a column.
  const plain = new Table(Object.fromEntries(table.columns.map((c) => [c.name, arrowVector(c)])));
  const schema = new Schema(plain.schema.fields, new Map(Object.entries(metadata)));
  return tableToIPC(new Table(schema, plain.batches), 'file');
}

/** Metadata of both Arrow tables of `graph`. */
export function exportArrowMetadata(graph: ExportGraph, table: 'nodes' | 'edges') {
  return {
    'chainlens.table': table,
    'chainlens.title': graph.title,
    description: graph.description,
  };
}
