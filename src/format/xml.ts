/**
 * XML escaping for the XML formats (checkstyle, junit). Characters XML 1.0 cannot carry at all
 * (most C0 controls, lone surrogates, U+FFFE/U+FFFF) become U+FFFD in both escapes.
 */

// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** An attribute value: markup and quotes escaped; tab and line breaks as character references, which attribute normalisation keeps. */
export function escapeXml(text: string): string {
  return text.replace(new RegExp(`[&<>"'\\t\\n\\r]|${NOT_XML.source}`, 'g'), (c) => ATTRIBUTE_ENTITIES[c] ?? '\uFFFD');
}

/** Element text: markup escaped, line breaks kept as they are. */
export function escapeXmlText(text: string): string {
  return text.replace(new RegExp(`[&<>]|${NOT_XML.source}`, 'g'), (c) => ATTRIBUTE_ENTITIES[c] ?? '\uFFFD');
}

const ATTRIBUTE_ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
