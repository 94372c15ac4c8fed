// The few XML primitives the feeds need. Everything that reaches a feed passes through one of
// these, so no text can break the document or smuggle markup into it.

// Characters XML 1.0 forbids outright (§2.2: C0 controls other than tab, LF and CR; lone
// surrogates; U+FFFE and U+FFFF), plus DEL and the C1 controls, which it allows but discourages and
// XML 1.1 restricts: they are never meaningful text, and some feed readers reject them.
const invalidXmlCharacters = /[^\t\n\r\u0020-\u007E\u00A0-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

export function stripInvalidXmlCharacters(text: string): string {
  return text.replace(invalidXmlCharacters, "");
}

const xmlEscapes: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

/**
 * Text safe inside an element or a quoted attribute. ">" is escaped too: "]]>" is not allowed in
 * character data.
 */
export function escapeXml(text: string): string {
  return stripInvalidXmlCharacters(text).replace(/[&<>"']/g, (character) => xmlEscapes[character] ?? character);
}

/**
 * A CDATA section holding the text verbatim. A CDATA section cannot contain "]]>", so each one
 * ends the section after "]]" and opens a new one for the ">".
 */
export function cdata(text: string): string {
  return `<![CDATA[${stripInvalidXmlCharacters(text).replaceAll("]]>", "]]]]><![CDATA[>")}]]>`;
}

/** `<name attr="value">escaped text</name>`, or a self-closed element for an empty text. */
export function textElement(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeXml(value)}"`)
    .join("");
  return text === "" ? `<${name}${attrs}/>` : `<${name}${attrs}>${escapeXml(text)}</${name}>`;
}
