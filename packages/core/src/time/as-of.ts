/**
 * The dataset as of a date (DESIGN §7, docs/time.md): only the companies, memberships and
 * relations valid at that date take part. A row is valid at day D when its start (companies: the
 * earlier of `founded` and `listed`; others: `from`) is empty or ≤ D, and its end (`closed`, `to`)
 * is empty or > D: a firm closed on 2016-05-01 is gone as of 2016-05-01. Partial dates stand for
 * the period's end (time/dates.ts). Memberships and relations of companies not valid at D go with
 * them. Companies are renumbered; products, links and templates are kept as they are.
 */
import type {
  AsOfInfo,
  AttributeColumns,
  Dataset,
  MembershipTable,
  RelationTable,
} from '../graph/types.js';
import { gather, permute, permuteAttributes } from '../graph/canonical.js';
import { DATE_COLUMNS, formatDay, parseDay } from './dates.js';

/** Rows with a start or end date, and whether each row is valid at `day`. */
function validity(
  attributes: AttributeColumns,
  rows: number,
  columns: { start: readonly string[]; end: readonly string[] },
  day: number,
  table: string,
): { valid: Uint8Array; dated: number } {
  const valid = new Uint8Array(rows).fill(1);
  let dated = 0;
  const cols = (names: readonly string[]) =>
    names.flatMap((n) => (Object.hasOwn(attributes, n) ? [{ n, cells: attributes[n]! }] : []));
  const starts = cols(columns.start);
  const ends = cols(columns.end);
  if (starts.length + ends.length === 0) return { valid, dated };
  const read = (n: string, cells: string[], i: number): number | undefined => {
    const text = cells[i] ?? '';
    if (text.trim() === '') return undefined;
    const d = parseDay(text);
    if (d === undefined)
      throw new RangeError(`${table} row ${i + 1}: ${n} '${text}' is not a date (YYYY-MM-DD)`);
    return d;
  };
  for (let i = 0; i < rows; i++) {
    let start: number | undefined;
    for (const { n, cells } of starts) {
      const d = read(n, cells, i);
      if (d !== undefined && (start === undefined || d < start)) start = d;
    }
    let end: number | undefined;
    for (const { n, cells } of ends) {
      const d = read(n, cells, i);
      if (d !== undefined && (end === undefined || d < end)) end = d;
    }
    if (start !== undefined || end !== undefined) dated++;
    if ((start !== undefined && start > day) || (end !== undefined && end <= day)) valid[i] = 0;
  }
  return { valid, dated };
}

/** The indices i < n for which `keep(i)`, ascending. */
function rowsWhere(n: number, keep: (i: number) => boolean): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (keep(i)) rows.push(i);
  return Int32Array.from(rows);
}

/**
 * The day number of `date` (a date cell's forms: `2015`, `2015-06`, `2015-06-30`); throws a
 * RangeError naming it when it is not one.
 */
export function asOfDay(date: string): number {
  const day = parseDay(date);
  if (day === undefined)
    throw new RangeError(`'${date}' is not a date (YYYY, YYYY-MM or YYYY-MM-DD)`);
  return day;
}

/** `dataset` as of `date`: see the file's comment. The result's `asOf` records the date. */
export function asOf(dataset: Dataset, date: string): Dataset & { asOf: AsOfInfo } {
  const day = asOfDay(date);
  const { companies, memberships, relations } = dataset;
  const n = companies.ids.length;
  const c = validity(companies.attributes, n, DATE_COLUMNS.companies, day, 'companies');
  const newIndex = new Int32Array(n).fill(-1);
  const kept: number[] = [];
  for (let i = 0; i < n; i++)
    if (c.valid[i]) {
      newIndex[i] = kept.length;
      kept.push(i);
    }
  const keptCompanies = Int32Array.from(kept);

  const m = validity(
    memberships.attributes,
    memberships.company.length,
    DATE_COLUMNS.memberships,
    day,
    'memberships',
  );
  const keptMemberships = rowsWhere(
    memberships.company.length,
    (i) => m.valid[i] === 1 && newIndex[memberships.company[i]!]! >= 0,
  );
  const membershipTable: MembershipTable = {
    company: gather(memberships.company, keptMemberships).map((c) => newIndex[c]!),
    segment: permute(memberships.segment, keptMemberships),
    share: gather(memberships.share, keptMemberships),
    attributes: permuteAttributes(memberships.attributes, keptMemberships),
  };

  const r = validity(
    relations.attributes,
    relations.source.length,
    DATE_COLUMNS.relations,
    day,
    'relations',
  );
  const keptRelations = rowsWhere(
    relations.source.length,
    (i) =>
      r.valid[i] === 1 &&
      newIndex[relations.source[i]!]! >= 0 &&
      newIndex[relations.target[i]!]! >= 0,
  );
  const relationTable: RelationTable = {
    source: gather(relations.source, keptRelations).map((c) => newIndex[c]!),
    target: gather(relations.target, keptRelations).map((c) => newIndex[c]!),
    type: gather(relations.type, keptRelations),
    weight: gather(relations.weight, keptRelations),
    attributes: permuteAttributes(relations.attributes, keptRelations),
  };

  return {
    ...dataset,
    companies: {
      ids: permute(companies.ids, keptCompanies),
      names: permute(companies.names, keptCompanies),
      regions: permute(companies.regions, keptCompanies),
      attributes: permuteAttributes(companies.attributes, keptCompanies),
    },
    memberships: membershipTable,
    relations: relationTable,
    asOf: {
      date: formatDay(day),
      dated: { companies: c.dated, memberships: m.dated, relations: r.dated },
      total: {
        companies: n,
        memberships: memberships.company.length,
        relations: relations.source.length,
      },
    },
  };
}
