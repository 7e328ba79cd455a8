/**
 * Text into XML (feeds, the sitemap, SVG charts, the OG cards' SVG and their fontconfig file):
 * the one XML escaper, and the characters XML 1.0 does not allow.
 */

/** C0 controls other than tab and line breaks, U+FFFE, U+FFFF and lone surrogates: XML 1.0 allows none. */
const INVALID_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text without the characters XML does not allow: a parser rejects a document with one, and none has a glyph. */
export function withoutInvalidXml(value: string): string {
  return value.replace(INVALID_XML, '');
}

/** Escapes text for XML element content and attribute values, leaving out the characters XML does not allow. */
export function escapeXml(value: string): string {
  return withoutInvalidXml(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}
