/** Option values of the commands, parsed and checked once, with errors that name the option. */
import { UsageError, msg } from './errors.js';

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
