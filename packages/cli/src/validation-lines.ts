/** The per-table lines of a validation report, shared by `validate` and `analyze`. */
import type { ValidationReport } from '@chainlens/io';
import { count, table } from './output.js';

/** The per-table counts and notes, as printed by `validate` and `analyze`. */
export function reportLines(report: ValidationReport): string[] {
  const lines = table(
    ['table', 'file', 'read', 'accepted', 'rejected', 'warnings'],
    report.tables.map((t) => [
      t.table,
      t.file,
      count(t.read),
      count(t.accepted),
      count(t.rejected),
      count(t.warnings),
    ]),
    [2, 3, 4, 5],
  );
  for (const t of report.tables) {
    if (t.failed) lines.push(`  ${t.file}: could not be read (see the errors below)`);
    for (const note of t.notes) lines.push(`  ${t.file}: ${note}`);
  }
  return lines;
}
