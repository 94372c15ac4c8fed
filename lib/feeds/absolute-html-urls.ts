import { escapeHtml } from "../media/picture-html";

// Article bodies link to "/media/…", "/articles/…" and the like, which browsers resolve against the
// page. A feed reader shows the same HTML away from the page, with nothing to resolve against, so
// feeds carry every URL resolved exactly as the article page would resolve it.

// One start tag, attribute by attribute, quoted values consumed whole (so "src=" inside an alt
// text is never taken for an attribute). The renderer escapes "<" and ">" in text and values, so
// anything shaped like a tag is one.
const startTagPattern = /<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*\s*\/?>/g;
const attributePattern = /(\s+)([^\s"'>/=]+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const urlAttributes = new Set(["href", "src", "poster", "cite", "action", "formaction"]);
const schemePattern = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

const namedEntities: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** The attribute's value as the browser reads it, or null if it holds an entity we do not know. */
function decodeAttribute(raw: string): string | null {
  let unknown = false;
  const decoded = raw.replace(/&(#[0-9]+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g, (entity, body: string) => {
    if (body.startsWith("#")) {
      const codePoint = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
      return codePoint > 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : entity;
    }
    const character = namedEntities[body];
    if (character === undefined) unknown = true;
    return character ?? entity;
  });
  return unknown ? null : decoded;
}

/** A relative URL resolved against the page; absolute ones (any scheme) and unparsable ones as they are. */
function resolveUrl(value: string, pageUrl: string): string {
  const trimmed = value.trim();
  if (schemePattern.test(trimmed)) return value;
  try {
    return new URL(trimmed, pageUrl).href;
  } catch {
    return value;
  }
}

/** Each image candidate's URL resolved, descriptors kept (the HTML standard's srcset parsing, simplified). */
function resolveSrcset(value: string, pageUrl: string): string {
  const candidates: string[] = [];
  let i = 0;
  while (i < value.length) {
    while (i < value.length && /[\s,]/.test(value[i] ?? "")) i += 1;
    if (i >= value.length) break;
    const urlStart = i;
    while (i < value.length && !/\s/.test(value[i] ?? "")) i += 1;
    let url = value.slice(urlStart, i);
    let descriptors = "";
    if (url.endsWith(",")) {
      url = url.replace(/,+$/, "");
    } else {
      // Descriptors run to the next comma outside parentheses.
      const descriptorStart = i;
      let depth = 0;
      while (i < value.length && !(value[i] === "," && depth === 0)) {
        if (value[i] === "(") depth += 1;
        else if (value[i] === ")") depth = Math.max(0, depth - 1);
        i += 1;
      }
      descriptors = value.slice(descriptorStart, i).trim();
    }
    const resolved = resolveUrl(url, pageUrl);
    candidates.push(descriptors === "" ? resolved : `${resolved} ${descriptors}`);
  }
  return candidates.join(", ");
}

/**
 * The HTML with every URL in href, src, srcset (and the other URL attributes) absolute, resolved
 * against `pageUrl`, the absolute URL of the page the HTML was written for.
 */
export function makeHtmlUrlsAbsolute(html: string, pageUrl: string): string {
  return html.replace(startTagPattern, (tag) => {
    const nameLength = /^<[a-zA-Z][a-zA-Z0-9-]*/.exec(tag)?.[0].length ?? 0;
    const attributes = tag
      .slice(nameLength)
      .replace(attributePattern, (attribute, space: string, name: string, equals?: string, double?: string, single?: string, bare?: string) => {
        const raw = double ?? single ?? bare;
        const lowerName = name.toLowerCase();
        if (raw === undefined || equals === undefined || (!urlAttributes.has(lowerName) && lowerName !== "srcset")) return attribute;
        const value = decodeAttribute(raw);
        if (value === null) return attribute;
        const resolved = lowerName === "srcset" ? resolveSrcset(value, pageUrl) : resolveUrl(value, pageUrl);
        return resolved === value ? attribute : `${space}${name}${equals}"${escapeHtml(resolved)}"`;
      });
    return `${tag.slice(0, nameLength)}${attributes}`;
  });
}
