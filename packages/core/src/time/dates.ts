/**
 * Dates in the data (DESIGN §7, docs/time.md): ISO dates `YYYY-MM-DD` (or `YYYYMMDD`), a year
 * `YYYY` or a year-month `YYYY-MM`. A partial date stands for the period's end: `2015` is
 * 2015-12-31 and `2015-02` is 2015-02-28, so "listed in 2015" is listed as of the end of 2015.
 * Dates are compared as day numbers (days since 1970-01-01, UTC).
 */

/** The optional date columns of each table: when a row starts and when it ends. */
export const DATE_COLUMNS = {
  /** A company starts at the earlier of `founded` and `listed` and is gone from `closed`. */
  companies: { start: ['founded', 'listed'], end: ['closed'] },
  memberships: { start: ['from'], end: ['to'] },
  relations: { start: ['from'], end: ['to'] },
} as const;

const FULL = /^(\d{4})-(\d{2})-(\d{2})$/;
const BASIC = /^(\d{4})(\d{2})(\d{2})$/;
const MONTH = /^(\d{4})-(\d{2})$/;
const YEAR = /^(\d{4})$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayNumber(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / 86_400_000;
}

/**
 * The day number of a date cell, or undefined when the text is not a date of the forms above
 * (a month outside 1–12, a day the month does not have, a year before 1000). `''` is not a date.
 */
export function parseDay(text: string): number | undefined {
  const s = text.trim();
  let m = FULL.exec(s) ?? BASIC.exec(s);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (y < 1000 || mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo)) return undefined;
    return dayNumber(y, mo, d);
  }
  m = MONTH.exec(s);
  if (m) {
    const [y, mo] = [Number(m[1]), Number(m[2])];
    if (y < 1000 || mo < 1 || mo > 12) return undefined;
    return dayNumber(y, mo, daysIn(y, mo));
  }
  m = YEAR.exec(s);
  if (m && Number(m[1]) >= 1000) return dayNumber(Number(m[1]), 12, 31);
  return undefined;
}

/** A day number as `YYYY-MM-DD`. */
export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** A date cell as the full ISO date it stands for (`2015` → `2015-12-31`), or undefined. */
export function normalizeDate(text: string): string | undefined {
  const day = parseDay(text);
  return day === undefined ? undefined : formatDay(day);
}
