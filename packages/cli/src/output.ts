/**
 * Terminal output helpers: aligned tables that measure text by display width (a Chinese
 * character takes two columns), and thousands separators for counts.
 */
import stringWidth from 'string-width';

export interface Out {
  out(line?: string): void;
  err(line: string): void;
}

export const consoleOut: Out = {
  out: (line = '') => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
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
