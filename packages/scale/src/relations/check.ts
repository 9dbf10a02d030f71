/**
 * The relations ingest's shared part (relations.ts): the header's column positions, io's
 * `readRelations` as the check pass over marked rows (`Checker`), the undo of a pass that is
 * thrown away, and the report's counts and notes (`finish`).
 */
import type { Cell, IssueLog, TableReport, TableSink } from '@chainlens/io';
import { RELATIONS, addNote, cellProblem, readRelations } from '@chainlens/io';
import type { RowStore } from '../rows.js';
import type { RelationIngest } from '../relations.js';

export interface Header {
  columns: string[];
  source: number;
  target: number;
  type: number;
  weight: number;
  extras: number[];
}

export function headerOf(columns: string[]): Header {
  const at = (name: string) => columns.indexOf(name);
  const known = new Set<string>([...RELATIONS.required, ...RELATIONS.optional]);
  return {
    columns,
    source: at('source'),
    target: at('target'),
    type: at('type'),
    weight: at('weight'),
    extras: columns.flatMap((c, i) => (known.has(c) ? [] : [i])),
  };
}

/** Notes io's readRelations writes from its own counts: rewritten with the totals. */
const SELF_LOOP_NOTE = /^[\d,]+ self-loops kept \(allowed for this dataset\)$/;

const WEIGHT_NOTE = /^[\d,]+ relations have no weight; 1 is used$/;

export class Stop extends Error {}

export interface Counts {
  accepted: number;
  selfLoops: number;
  defaulted: number;
}

/** The state of an issue log, to undo a pass that is thrown away. */
export function mark(log: IssueLog) {
  const r = log.report;
  return {
    tables: r.tables.length,
    issues: r.issues.length,
    notListed: r.issuesNotListed,
    errors: r.errors,
    warnings: r.warnings,
  };
}

export function undo(log: IssueLog, m: ReturnType<typeof mark>): void {
  const r = log.report;
  r.tables.length = m.tables;
  r.issues.length = m.issues;
  r.issuesNotListed = m.notListed;
  r.errors = m.errors;
  r.warnings = m.warnings;
}

/** Wraps a sink so that extra columns never reach io's reader (ragged rows still reported). */
export function withoutExtras(sink: TableSink, dropped: string[]): TableSink {
  let keepIdx: number[] = [];
  let width = 0;
  const known = new Set<string>([...RELATIONS.required, ...RELATIONS.optional]);
  return {
    header(columns, complete) {
      width = columns.length;
      keepIdx = columns.flatMap((c, i) => (known.has(c) ? [i] : []));
      dropped.length = 0;
      dropped.push(...columns.filter((c) => !known.has(c)));
      sink.header(
        keepIdx.map((i) => columns[i]!),
        complete,
      );
    },
    row(cells, row) {
      if (cells.length !== width) {
        sink.bad(
          row,
          'ragged-row',
          `row has ${cells.length} field${cells.length === 1 ? '' : 's'}, the header has ${width}`,
        );
        return;
      }
      sink.row(
        keepIdx.map((i) => cells[i]!),
        row,
      );
    },
    bad: (row, code, message, column) => sink.bad(row, code, message, column),
    warn: (code, message, row) => sink.warn?.(code, message, row),
  };
}

export type Rules = Parameters<typeof readRelations>[2];

/**
 * The check pass: io's `readRelations` over groups of marked rows (each group one call, so
 * that async sources can feed it), with one table report for all of them. Accepted rows are
 * written into the store at their record numbers.
 */
export class Checker {
  report: TableReport | undefined;
  checked = 0;
  readonly slow: Counts = { accepted: 0, selfLoops: 0, defaulted: 0 };
  readonly dropped: string[] = [];

  constructor(
    private readonly log: IssueLog,
    private readonly file: string,
    private readonly rules: Rules,
    private readonly columns: string[],
    private readonly header: Header | undefined,
    private readonly keep: boolean,
    private readonly store: RowStore,
  ) {}

  /** Feeds rows: `emit(cells, row, record)` for each marked row, in file order. */
  run(feed: (emit: (cells: Cell[], row: number, record: number) => void) => void): void {
    const records: number[] = [];
    const weights: boolean[] = [];
    const { log, header } = this;
    const { relations, report } = readRelations(
      {
        file: this.file,
        bytes: undefined,
        scan: (sink) => {
          const inner = this.keep ? sink : withoutExtras(sink, this.dropped);
          inner.header(this.columns);
          const table = log.report.tables[log.report.tables.length - 1]!;
          feed((cells, row, record) => {
            this.checked++;
            const before = table.accepted;
            // As io's scanners: a control character or a field above 64 KiB rejects the row.
            const problem = cellProblem(cells, this.columns, true);
            if (problem) inner.bad(row, problem.code, problem.message, problem.column);
            else inner.row(cells, row);
            if (table.accepted > before) {
              records.push(record);
              const w = header && header.weight >= 0 ? cells[header.weight] : null;
              weights.push(w === null || w === undefined || w.trim() === '');
            }
          });
        },
      },
      log,
      this.rules,
    );
    const extraNames = Object.keys(relations.attributes);
    records.forEach((record, j) => {
      const s = relations.source[j]!;
      const t = relations.target[j]!;
      this.slow.accepted++;
      if (s === t) this.slow.selfLoops++;
      if (weights[j]) this.slow.defaulted++;
      const extras = this.keep ? extraNames.map((c) => relations.attributes[c]![j]!) : undefined;
      this.store.accept(record, s, t, relations.type[j]!, relations.weight[j]!, extras);
    });
    if (!this.report) {
      this.report = report;
      return;
    }
    // Fold this call's report into the first one.
    this.report.read += report.read;
    this.report.accepted += report.accepted;
    this.report.rejected += report.rejected;
    this.report.warnings += report.warnings;
    this.report.failed ||= report.failed;
    const tables = log.report.tables;
    tables.splice(tables.lastIndexOf(report), 1);
  }
}

/** Puts the fast pass's counts into the report and rewrites io's count notes with totals. */
export function finish(
  store: RowStore,
  checker: Checker,
  fast: Counts,
  engine: string,
  header: Header | undefined,
  keep: boolean,
): RelationIngest {
  const report = checker.report!;
  report.read += fast.accepted;
  report.accepted += fast.accepted;
  const selfLoops = fast.selfLoops + checker.slow.selfLoops;
  const defaulted = fast.defaulted + checker.slow.defaulted;
  report.notes = report.notes.filter((n) => !SELF_LOOP_NOTE.test(n) && !WEIGHT_NOTE.test(n));
  if (report.noteFacts) {
    report.noteFacts = report.noteFacts.filter(
      (f) => f.code !== 'note.self-loops' && f.code !== 'note.no-weight',
    );
    if (report.noteFacts.length === 0) delete report.noteFacts;
  }
  if (selfLoops > 0) addNote(report, 'note.self-loops', { count: selfLoops });
  if (defaulted > 0 && defaulted < report.accepted)
    addNote(report, 'note.no-weight', { count: defaulted });
  const extraNames = header ? header.extras.map((i) => header.columns[i]!) : [];
  if (!keep && extraNames.length > 0) report.notes.push(droppedNote(extraNames));
  const relations = store.columns(keep ? extraNames : []);
  return { relations, report, engine, checked: checker.checked };
}

export function droppedNote(columns: string[]): string {
  return `column${columns.length > 1 ? 's' : ''} ${columns.map((c) => `'${c}'`).join(', ')} not kept (national-scale ingest keeps no text per relation)`;
}
