/**
 * The optional date columns (core DATE_COLUMNS: companies `founded`/`listed`/`closed`,
 * memberships and relations `from`/`to`): each cell empty or a date (`YYYY-MM-DD`, `YYYYMMDD`,
 * `YYYY-MM` or `YYYY`, a partial date standing for the period's end); an end before the start
 * rejects the row. The cells are kept as written, as attributes (docs/time.md).
 */
import { parseDay } from '@chainlens/core';
import { clip } from '../numbers.js';
import type { RowAccess } from './common.js';

export function checkDates(
  row: RowAccess,
  columns: { start: readonly string[]; end: readonly string[] },
): void {
  const read = (column: string): number | undefined => {
    const text = row.get(column).trim();
    if (text === '') return undefined;
    const day = parseDay(text);
    if (day === undefined) row.reject('bad-date', column, { column, value: clip(text) });
    return day;
  };
  const starts = columns.start.map((c) => ({ c, d: read(c) }));
  const ends = columns.end.map((c) => ({ c, d: read(c) }));
  for (const e of ends)
    for (const s of starts)
      if (e.d !== undefined && s.d !== undefined && e.d < s.d)
        row.reject('date-order', e.c, {
          end: e.c,
          endValue: clip(row.get(e.c).trim()),
          start: s.c,
          startValue: clip(row.get(s.c).trim()),
        });
}
