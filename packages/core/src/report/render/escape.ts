/**
 * Escaping of data text (company, segment and template names, explanations) for the rendered
 * reports, so that a name can neither break the document's structure nor inject markup.
 */

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML (and inline SVG) text content and quoted attribute values: `&`, `<`,
 * `>`, `"` and `'` become character references (the OWASP rule for both contexts). Anything
 * that is not a string is converted with `String()` first.
 */
export function escapeHtml(text: unknown): string {
  return String(text)
    .replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!)
    .replace(CONTROLS, '');
}

/**
 * C0 controls but tab, line feed and carriage return; DEL; C1 controls. Not text in HTML (a
 * parse error) and, in a Markdown file that someone `cat`s, an escape sequence that the terminal
 * would run: HTML drops them, Markdown shows them as `<U+001B>`.
 */
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]/g;

const codePoint = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Data text (a company, segment, region or template name) for HTML text content: escaped as by
 * `escapeHtml` and wrapped in `<bdi>`, so that its direction is found from the text itself and
 * a bidi control inside it (U+202E RIGHT-TO-LEFT OVERRIDE, an unclosed embedding or isolate)
 * ends at the element: it cannot reorder the text around it (the next name of a list, the id
 * after a name). The report's CSS wraps long names (`overflow-wrap:anywhere`).
 */
export function dataHtml(text: unknown): string {
  return `<bdi>${escapeHtml(text)}</bdi>`;
}

/**
 * Bidirectional formatting characters (LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI, ALM, LRM,
 * RLM): they would reorder the text of a Markdown line, wherever it is rendered.
 */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069\u061c\u200e\u200f]/g;

/**
 * Escapes text for one line of Markdown, inside a GFM table cell or running text:
 * - line breaks (CR, LF, CRLF, U+2028/2029) become one space, so a value cannot end a table row
 *   or start a block;
 * - the backslash and the ASCII punctuation that has inline meaning get a backslash
 *   (CommonMark §2.4 allows one before any ASCII punctuation): `|` (cell boundary in GFM
 *   tables), `` ` `` (code), `*` `_` `~` (emphasis, strikethrough), `[` `]` (links, images),
 *   `<` `>` (raw HTML and autolinks) and `&` (character references), so `<script>` renders as
 *   those characters, never as a tag.
 * - control characters (ESC…) and bidirectional formatting characters become the visible text
 *   `<U+001B>`, `<U+202E>` (escaped as above),
 *   as in the terminal, so a name cannot reorder the line and the reader sees the character.
 * Block syntax (`#`, `-`, `1.`, `>` at the start of a line) is harmless because the renderers
 * never start a line with data.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_~[\]|<>&]/g, (c) => `\\${c}`)
    .replace(CONTROLS, (c) => `\\<${codePoint(c)}\\>`)
    .replace(BIDI_CONTROLS, (c) => `\\<${codePoint(c)}\\>`);
}

/**
 * JSON for a `<script type="application/json">` block: JSON.stringify with `<`, `>`, `&`,
 * U+2028 and U+2029 written as `\uXXXX` escapes (the set serialize-javascript and Next.js use).
 * The output is still valid JSON that parses to the same value, and it cannot contain
 * `</script`, `<!--` or `]]>`, so the data cannot close the element or switch the HTML
 * parser's script states.
 */
export function jsonForScript(value: unknown): string {
  const json = JSON.stringify(value) ?? 'null';
  return json.replace(
    /[<>&\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
