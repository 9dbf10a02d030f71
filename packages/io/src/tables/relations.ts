/** The relations table: `source,target[,type][,weight]`, directed, typed, weighted. */
import type { RelationTable, RelationType } from '@chainlens/core';
import { DATE_COLUMNS, RELATION_TYPES, isRelationType, relationTypeCode } from '@chainlens/core';
import { checkDates } from './dates.js';
import type { IssueLog, TableReport } from '../issues.js';
import { addNote } from '../issues.js';
import { clip } from '../numbers.js';
import type { TableInput } from './common.js';
import { Growable } from '../growable.js';
import { emptyAttributes, nearest, pushExtras, runTable } from './common.js';

export const RELATIONS = {
  table: 'relations',
  required: ['source', 'target'],
  optional: ['type', 'weight'],
} as const;

export interface RelationOptions {
  /** Keep relations from a company to itself (edge lists for metrics); rejected otherwise. */
  allowSelfLoops?: boolean;
  /**
   * Resolves a company id to its index; return undefined for an unknown company (the row is
   * rejected).
   */
  resolve: (id: string) => number | undefined;
  /**
   * Set when `resolve` adds companies as they appear (bare edge lists): it is then called only
   * for rows that passed every other check, so a rejected row creates no company.
   */
  resolveCreates?: boolean;
  table?: string;
  /** Where unknown ids should have been (for messages), e.g. `companies.csv`. */
  companiesFile?: string;
}

/** Reads and validates relations; rows naming unknown companies are rejected and reported. */
export function readRelations(
  input: TableInput,
  log: IssueLog,
  options: RelationOptions,
): { relations: RelationTable; report: TableReport } {
  const source = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  const target = new Growable(new Int32Array(1024), (n) => new Int32Array(n));
  const type = new Growable(new Uint8Array(1024), (n) => new Uint8Array(n));
  const weight = new Growable(new Float64Array(1024), (n) => new Float64Array(n));
  const attributes: Record<string, string[]> = {};
  let selfLoops = 0;
  let defaultedWeights = 0;
  const where = options.companiesFile
    ? { form: 'file', file: options.companiesFile }
    : { form: undefined };
  const run = runTable(input, { ...RELATIONS, table: options.table ?? 'relations' }, log, (row) => {
    const s = row.get('source').trim();
    const t = row.get('target').trim();
    if (s === '') row.reject('empty-id', 'source', { what: 'source' });
    if (t === '') row.reject('empty-id', 'target', { what: 'target' });
    const typeText = row.get('type').trim();
    let code = relationTypeCode('supply');
    if (typeText !== '') {
      if (isRelationType(typeText)) code = relationTypeCode(typeText as RelationType);
      else {
        const near = nearest(typeText, RELATION_TYPES);
        row.reject(
          'unknown-type',
          'type',
          near.length
            ? { form: 'near', type: clip(typeText), near: near[0]!, known: RELATION_TYPES }
            : { type: clip(typeText), known: RELATION_TYPES },
        );
      }
    }
    checkDates(row, DATE_COLUMNS.relations);
    const w = row.number('weight', (v) => (v < 0 ? 'negative' : undefined));
    if (s !== '' && s === t && !options.allowSelfLoops)
      row.reject('self-loop', 'target', { id: clip(s) });
    if (options.resolveCreates && row.rejected) return;
    const si = s === '' ? undefined : options.resolve(s);
    const ti = t === '' ? undefined : options.resolve(t);
    if (s !== '' && si === undefined)
      row.reject('unknown-company', 'source', { ...where, id: clip(s) });
    if (t !== '' && ti === undefined)
      row.reject('unknown-company', 'target', { ...where, id: clip(t) });
    if (row.rejected || w === undefined || si === undefined || ti === undefined) return;
    if (w === null) defaultedWeights++;
    if (si === ti) selfLoops++;
    source.push(si);
    target.push(ti);
    type.push(code);
    weight.push(w ?? 1);
    pushExtras(attributes, row.extraColumns, row.extras());
  });
  const relations: RelationTable = {
    source: source.done(),
    target: target.done(),
    type: type.done(),
    weight: weight.done(),
    attributes: { ...emptyAttributes(run.extraColumns), ...attributes },
  };
  if (selfLoops > 0) addNote(run.report, 'note.self-loops', { count: selfLoops });
  if (defaultedWeights > 0 && defaultedWeights < run.report.accepted)
    addNote(run.report, 'note.no-weight', { count: defaultedWeights });
  return { relations, report: run.report };
}
