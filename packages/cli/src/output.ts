/**
 * Terminal output helpers: aligned tables that measure text by display width (a Chinese
 * character takes two columns), and thousands separators for counts.
 */
import stringWidth from 'string-width';

export interface Out {
  out(line?: string): void;
  err(line: string): void;
}

/**
 * An escape sequence as a terminal reads it, so that it goes as a whole (its parameters and,
 * for OSC 8 hyperlinks, the URL are not left behind as text): CSI (`ESC [` or C1 0x9B,
 * parameters, intermediates, final byte), OSC/DCS/SOS/PM/APC strings (`ESC ]`, `ESC P`, `ESC X`,
 * `ESC ^`, `ESC _` or their C1 forms, up to BEL or ST or the end of the text), and the
 * two-byte `ESC x` forms.
 */
const ESCAPE_SEQUENCE =
  // eslint-disable-next-line no-control-regex
  /(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d-\x9f])[^\x07\x1b\x9c\n]*(?:\x07|\x1b\\|\x9c)?|\x1b[\x20-\x2f]*[\x30-\x7e]?/g;
/** What is left: C0 controls but tab and line feed, DEL and C1 controls. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g;
/**
 * Bidirectional formatting characters (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, ALM, LRM,
 * RLM): a terminal that honours them would show text in an order that is not the data's.
 */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/g;

/**
 * Makes text safe to print on a terminal: escape sequences (CSI, OSC, DCS…) are removed whole,
 * remaining C0 controls (but tab and line feed), DEL and C1 controls are removed, and bidi
 * formatting characters are shown as visible escapes (`<U+202E>`), so that a company name can
 * neither colour, retitle, hyperlink nor reorder what the user reads, and the reader still sees
 * that the data holds such a character.
 */
export function sanitizeTerminal(text: string): string {
  return text
    .replace(ESCAPE_SEQUENCE, '')
    .replace(CONTROL, '')
    .replace(BIDI, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`);
}

/** Everything the CLI prints goes through `sanitizeTerminal` here. */
export const consoleOut: Out = {
  out: (line = '') => process.stdout.write(`${sanitizeTerminal(line)}\n`),
  err: (line) => process.stderr.write(`${sanitizeTerminal(line)}\n`),
};

export function count(n: number): string {
  return n.toLocaleString('en-US');
}

function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - stringWidth(text)));
  return right ? fill + text : text + fill;
}

/**
 * Formats rows as an aligned table. Columns whose header is in `numeric` align right.
 * Returns lines, each indented by `indent`.
 */
export function table(
  header: string[],
  rows: string[][],
  numeric: number[] = [],
  indent = '  ',
): string[] {
  // Measured as printed: escapes removed and bidi controls shown (`<U+202E>` takes 8 columns).
  header = header.map(sanitizeTerminal);
  rows = rows.map((r) => r.map(sanitizeTerminal));
  const widths = header.map((h, i) =>
    Math.max(stringWidth(h), ...rows.map((r) => stringWidth(r[i] ?? ''))),
  );
  const line = (cells: string[]) =>
    indent +
    cells
      .map((c, i) => pad(c, widths[i]!, numeric.includes(i)))
      .join('  ')
      .trimEnd();
  return [line(header), indent + widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}
