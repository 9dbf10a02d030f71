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
  return String(text).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * Escapes text for one line of Markdown, inside a GFM table cell or running text:
 * - line breaks (CR, LF, CRLF, U+2028/2029) become one space, so a value cannot end a table row
 *   or start a block;
 * - the backslash and the ASCII punctuation that has inline meaning get a backslash
 *   (CommonMark §2.4 allows one before any ASCII punctuation): `|` (cell boundary in GFM
 *   tables), `` ` `` (code), `*` `_` `~` (emphasis, strikethrough), `[` `]` (links, images),
 *   `<` `>` (raw HTML and autolinks) and `&` (character references), so `<script>` renders as
 *   those characters, never as a tag.
 * Block syntax (`#`, `-`, `1.`, `>` at the start of a line) is harmless because the renderers
 * never start a line with data.
 */
export function escapeMarkdown(text: unknown): string {
  return String(text)
    .replace(/\r\n|[\r\n\u2028\u2029]/g, ' ')
    .replace(/[\\`*_~[\]|<>&]/g, (c) => `\\${c}`);
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
