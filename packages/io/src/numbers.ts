/**
 * Strict number parsing for table cells: a decimal number or nothing. `Number()` alone would
 * accept '', ' ', '0x1F' and 'Infinity'; a weight or share must be a plain finite decimal.
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type NumberCell =
  { kind: 'empty' } | { kind: 'number'; value: number } | { kind: 'invalid'; reason: string };

/** Parses a cell as a finite decimal number, explaining why when it is not one. */
export function parseNumberCell(raw: string | null | undefined): NumberCell {
  const text = (raw ?? '').trim();
  if (text === '') return { kind: 'empty' };
  if (/^[+-]?nan$/i.test(text)) return { kind: 'invalid', reason: `'${text}' is NaN` };
  if (/^[+-]?(inf|infinity|∞)$/i.test(text))
    return { kind: 'invalid', reason: `'${text}' is infinite` };
  if (!DECIMAL.test(text)) return { kind: 'invalid', reason: `'${clip(text)}' is not a number` };
  const value = Number(text);
  if (!Number.isFinite(value)) return { kind: 'invalid', reason: `'${clip(text)}' is infinite` };
  return { kind: 'number', value };
}

/** Shortens a long cell for a message. */
export function clip(text: string, max = 40): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
