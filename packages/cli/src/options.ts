/** Option values of the commands, parsed and checked once, with errors that name the option. */
import { Option } from 'commander';
import type { Translator } from '@chainlens/core';
import { normalizeDate } from '@chainlens/core';
import { UsageError, msg } from './errors.js';

/** `--at DATE`: the dataset as of a date (core `asOf`, docs/time.md). */
export function atOption(tr: Translator): Option {
  return new Option('--at <date>', tr.t('cli:help.opt.at'));
}

/**
 * A date option (`--at`, `--from`, `--to`) as the full ISO date it stands for (`2015` →
 * `2015-12-31`), or a UsageError naming the option.
 */
export function parseDateOption(value: string, name: string): string {
  const date = normalizeDate(value);
  if (date === undefined) throw new UsageError(msg.t('cli:error.badDate', { name, value }));
  return date;
}

/** A numeric option, or a UsageError naming it. */
export function parseNumber(
  value: string | undefined,
  name: string,
  fallback: number,
  range: { integer?: boolean; min?: number; max?: number; above?: number } = {},
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  const ok =
    value.trim() !== '' &&
    Number.isFinite(n) &&
    (!range.integer || Number.isInteger(n)) &&
    (range.min === undefined || n >= range.min) &&
    (range.max === undefined || n <= range.max) &&
    (range.above === undefined || n > range.above);
  if (!ok) {
    const bounds = [
      range.min !== undefined ? `≥ ${range.min}` : '',
      range.above !== undefined ? `> ${range.above}` : '',
      range.max !== undefined ? `≤ ${range.max}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    throw new UsageError(
      msg.t(range.integer ? 'cli:error.mustBeInteger' : 'cli:error.mustBeNumber', {
        name,
        bounds: bounds ? ` ${bounds}` : '',
        value,
      }),
    );
  }
  return n;
}
