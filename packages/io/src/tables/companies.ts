/**
 * The companies table: `id,name,region` plus any extra columns, kept as attributes; the optional
 * dates `founded`, `listed`, `closed` are checked (tables/dates.ts) and kept as written.
 */
import type { CompanyTable } from '@chainlens/core';
import { DATE_COLUMNS, normalizeRegion } from '@chainlens/core';
import { checkDates } from './dates.js';
import type { IssueLog } from '../issues.js';
import { addNote } from '../issues.js';
import type { TableInput } from './common.js';
import { emptyAttributes, pushExtras, runTable, uniqueId, idIndex } from './common.js';

export const COMPANIES = {
  table: 'companies',
  required: ['id'],
  optional: ['name', 'region'],
} as const;

/** Reads and validates the companies table; without it no dataset can load (DataError). */
export function readCompanies(input: TableInput, log: IssueLog): CompanyTable {
  const companies: CompanyTable = { ids: [], names: [], regions: [], attributes: {} };
  const firstRow = idIndex();
  let unnamed = 0;
  const run = runTable(
    input,
    COMPANIES,
    log,
    (row) => {
      const id = uniqueId(row, 'company', firstRow);
      if (id === undefined) return;
      checkDates(row, DATE_COLUMNS.companies);
      if (row.rejected) return;
      let name = row.get('name').trim();
      if (name === '') {
        name = id;
        unnamed++;
      }
      companies.ids.push(id);
      companies.names.push(name);
      companies.regions.push(normalizeRegion(row.get('region')));
      pushExtras(companies.attributes, row.extraColumns, row.extras());
    },
    true,
  );
  companies.attributes = { ...emptyAttributes(run.extraColumns), ...companies.attributes };
  if (unnamed > 0) addNote(run.report, 'note.unnamed', { count: unnamed });
  const noRegion = companies.regions.filter((r) => r === '').length;
  if (noRegion > 0) addNote(run.report, 'note.no-region', { count: noRegion });
  return companies;
}
