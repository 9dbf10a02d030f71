/** The relations table: `source,target[,type][,weight]`, directed, typed, weighted. */
import type { RelationTable, RelationType } from '@chainlens/core';
import { RELATION_TYPES, isRelationType, relationTypeCode } from '@chainlens/core';
import type { IssueLog, TableReport } from '../issues.js';
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
  const where = options.companiesFile ? ` (not in ${options.companiesFile})` : '';
  const run = runTable(input, { ...RELATIONS, table: options.table ?? 'relations' }, log, (row) => {
    const s = row.get('source').trim();
    const t = row.get('target').trim();
    if (s === '') row.reject('empty-id', 'source', 'empty source id');
    if (t === '') row.reject('empty-id', 'target', 'empty target id');
    const typeText = row.get('type').trim();
    let code = relationTypeCode('supply');
    if (typeText !== '') {
      if (isRelationType(typeText)) code = relationTypeCode(typeText as RelationType);
      else {
        const near = nearest(typeText, RELATION_TYPES);
        row.reject(
          'unknown-type',
          'type',
          `unknown relation type '${clip(typeText)}'${near.length ? ` (did you mean '${near[0]}'?)` : ''}; known types: ${RELATION_TYPES.join(', ')}`,
        );
      }
    }
    const w = row.number('weight', (v) => (v < 0 ? `${v} is negative` : undefined));
    if (s !== '' && s === t && !options.allowSelfLoops)
      row.reject('self-loop', 'target', `self-loop: '${clip(s)}' relates to itself`);
    if (options.resolveCreates && row.rejected) return;
    const si = s === '' ? undefined : options.resolve(s);
    const ti = t === '' ? undefined : options.resolve(t);
    if (s !== '' && si === undefined)
      row.reject('unknown-company', 'source', `unknown company '${clip(s)}'${where}`);
    if (t !== '' && ti === undefined)
      row.reject('unknown-company', 'target', `unknown company '${clip(t)}'${where}`);
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
  if (selfLoops > 0)
    run.report.notes.push(
      `${selfLoops.toLocaleString('en-US')} self-loops kept (allowed for this dataset)`,
    );
  if (defaultedWeights > 0 && defaultedWeights < run.report.accepted)
    run.report.notes.push(
      `${defaultedWeights.toLocaleString('en-US')} relations have no weight; 1 is used`,
    );
  return { relations, report: run.report };
}
