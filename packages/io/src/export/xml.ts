/**
 * XML text for the GEXF and GraphML writers.
 *
 * Escaping: `&`, `<`, `>` and `"` as entities; tab, line feed and carriage return as character
 * references (`&#9;` `&#10;` `&#13;`), so that they survive attribute-value normalisation and
 * line-end normalisation and read back as written.
 *
 * Characters that XML 1.0 does not allow at all (§2.2 Char: U+0000–U+0008, U+000B, U+000C,
 * U+000E–U+001F, U+FFFE, U+FFFF and unpaired surrogates) cannot be escaped either: they are
 * replaced by U+FFFD (the replacement character, visible in any viewer), and
 * `countXmlInvalid` counts them so that the caller can say how many values changed.
 */

const INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SPECIAL = /[&<>"\t\n\r]/g;
const ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** `text` escaped for an XML attribute value or element content (invalid characters → U+FFFD). */
export function xmlEscape(text: string): string {
  return text.replace(INVALID, '\uFFFD').replace(SPECIAL, (c) => ENTITY[c]!);
}

/** How many characters of `text` XML 1.0 does not allow (each written as U+FFFD). */
export function countXmlInvalid(text: string): number {
  return text.match(INVALID)?.length ?? 0;
}

/**
 * True when `text` is an XML name token (`xs:NMTOKEN`) under every edition of XML 1.0: ASCII
 * letters and digits, `.`, `-`, `_`, `:`, Latin-1 letters and CJK unified ideographs
 * (U+4E00–U+9FA5). A conservative test, so that a validator on either edition's name rules
 * accepts the ids and names GraphML requires to be tokens.
 */
export function isNameToken(text: string): boolean {
  return /^[A-Za-z0-9._:\-\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u00FF\u4E00-\u9FA5]+$/.test(text);
}

/** `text` made a name token: every other character becomes `_` (empty → `_`). */
export function toNameToken(text: string): string {
  const token = Array.from(text, (c) => (isNameToken(c) ? c : '_')).join('');
  return token === '' ? '_' : token;
}
