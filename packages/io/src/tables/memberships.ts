/**
 * The memberships table: `company,segment,share`. `segment` is a template segment id or a
 * product / industry name that a template's `includes` maps onto segments. An empty share is
 * unknown (kept as NaN, counted in the table's notes), never read as 0.
 */
import type { MembershipTable } from '@chainlens/core';
import { DATE_COLUMNS } from '@chainlens/core';
import { checkDates } from './dates.js';
import type { IssueLog } from '../issues.js';
import { addNote } from '../issues.js';
import { clip } from '../numbers.js';
import type { TableInput } from './common.js';
import { emptyAttributes, nearest, pushExtras, runTable } from './common.js';

export const MEMBERSHIPS = {
  table: 'memberships',
  required: ['company', 'segment'],
  optional: ['share'],
} as const;

export interface MembershipOptions {
  companyIndex: Map<string, number>;
  companiesFile: string;
  /**
   * Decides whether an item is known (a template segment, an item an `includes` rule matches,
   * a product of the vocabulary). Undefined when the dataset has no templates nor products:
   * then nothing can be checked, and the report says so.
   */
  isKnownItem?: (item: string) => boolean;
  /** Names to suggest from when an item is unknown. */
  knownItems?: () => Iterable<string>;
  /** Where known items come from, for messages (`templates or products.csv`). */
  vocabulary?: string;
}

export function readMemberships(
  input: TableInput,
  log: IssueLog,
  options: MembershipOptions,
): MembershipTable {
  const company: number[] = [];
  const segment: string[] = [];
  const share: number[] = [];
  const attributes: Record<string, string[]> = {};
  // Row of the first membership of each (company, item): keyed by a number, item · companies
  // + company, with items numbered as met (no string built per row: 5M rows stay fast).
  const firstRow = new Map<number, number>();
  const itemNumber = new Map<string, number>();
  const companies = Math.max(1, options.companyIndex.size);
  let unknownShares = 0;
  let suggested = 0; // edit distances over a large vocabulary are costly: suggest for the first few
  const run = runTable(input, MEMBERSHIPS, log, (row) => {
    const id = row.get('company').trim();
    const item = row.get('segment').trim();
    let c: number | undefined;
    if (id === '') row.reject('empty-id', 'company', { what: 'company' });
    else {
      c = options.companyIndex.get(id);
      if (c === undefined)
        row.reject('unknown-company', 'company', {
          form: 'file',
          id: clip(id),
          file: options.companiesFile,
        });
    }
    if (item === '') row.reject('empty-id', 'segment', { form: 'segment' });
    else if (options.isKnownItem && !options.isKnownItem(item)) {
      const near =
        options.knownItems && suggested++ < 50 ? nearest(item, options.knownItems(), 1) : [];
      row.reject(
        'unknown-segment',
        'segment',
        near.length
          ? { form: 'near', segment: clip(item), near: near[0]! }
          : { segment: clip(item) },
      );
    }
    checkDates(row, DATE_COLUMNS.memberships);
    const s = row.number('share', (v) => (v < 0 || v > 1 ? 'share' : undefined));
    if (row.rejected || s === undefined || c === undefined) return;
    let itemNo = itemNumber.get(item);
    if (itemNo === undefined) itemNumber.set(item, (itemNo = itemNumber.size));
    const key = itemNo * companies + c;
    const first = firstRow.get(key);
    if (first !== undefined)
      return row.reject('duplicate-membership', 'segment', {
        company: clip(id),
        segment: clip(item),
        first,
      });
    firstRow.set(key, row.row);
    if (s === null) unknownShares++;
    company.push(c);
    segment.push(item);
    share.push(s ?? Number.NaN);
    pushExtras(attributes, row.extraColumns, row.extras());
  });
  if (unknownShares > 0) addNote(run.report, 'note.no-share', { count: unknownShares });
  if (!options.isKnownItem && run.report.accepted > 0)
    addNote(run.report, 'note.unchecked-segments');
  return {
    company: Int32Array.from(company),
    segment,
    share: Float64Array.from(share),
    attributes: { ...emptyAttributes(run.extraColumns), ...attributes },
  };
}
