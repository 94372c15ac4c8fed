// Checks the sitemap tests share: schema validation with xmllint (offline) and reading the
// documents back with fast-xml-parser, the way a crawler would.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { repoRoot } from "../../support/test-databases";

const XMLLINT = "/usr/bin/xmllint";
export const xmllintAvailable = existsSync(XMLLINT);
if (!xmllintAvailable) {
  if (process.env.CI === "true") throw new Error(`${XMLLINT} is missing; CI requires it (Debian package libxml2-utils)`);
  console.warn(`skipping the schema checks: ${XMLLINT} is missing. Install libxml2-utils to run them.`);
}

const schemas = path.join(import.meta.dirname, "schemas");
/** The sitemaps.org <urlset> schema as the npm package "sitemap" ships it. */
export const SITEMAP_XSD = path.join(repoRoot, "node_modules/sitemap/schema/sitemap.xsd");
/** sitemap.xsd plus our image and news extension schemas (see the files for why). */
export const SITEMAP_WITH_EXTENSIONS_XSD = path.join(schemas, "sitemap-with-extensions.xsd");
/** The sitemaps.org index format, built on sitemap.xsd's own types. */
export const SITEINDEX_XSD = path.join(schemas, "siteindex.xsd");

/** xmllint's verdict on the document against a schema, never touching the network. */
export function validateWithSchema(xml: string, schema: string): { valid: boolean; errors: string } {
  try {
    execFileSync(XMLLINT, ["--nonet", "--noout", "--schema", schema, "-"], { input: xml, stdio: ["pipe", "pipe", "pipe"] });
    return { valid: true, errors: "" };
  } catch (error) {
    return { valid: false, errors: String((error as { stderr?: Buffer }).stderr ?? error) };
  }
}

const parser = new XMLParser({
  ignoreAttributes: false,
  // Every repeatable element as an array, even when a document happens to hold one.
  isArray: (name) => ["url", "sitemap", "image:image"].includes(name),
  // Text stays text: a title like "2024" or a loc must not turn into a number.
  parseTagValue: false,
  processEntities: true,
  htmlEntities: false,
});

export interface ParsedUrl {
  loc: string;
  lastmod?: string;
  "image:image"?: Array<{ "image:loc": string }>;
  "news:news"?: {
    "news:publication": { "news:name": string; "news:language": string };
    "news:publication_date": string;
    "news:title": string;
  };
}

export function parseUrlset(xml: string): { namespaces: Record<string, string>; urls: ParsedUrl[] } {
  const document = parser.parse(xml) as { urlset?: Record<string, unknown> & { url?: ParsedUrl[] } };
  if (!document.urlset) throw new Error(`not a <urlset>: ${xml.slice(0, 200)}`);
  const namespaces = Object.fromEntries(
    Object.entries(document.urlset)
      .filter(([key]) => key.startsWith("@_xmlns"))
      .map(([key, value]) => [key.slice(2), String(value)]),
  );
  return { namespaces, urls: document.urlset.url ?? [] };
}

export function parseSitemapIndex(xml: string): Array<{ loc: string; lastmod?: string }> {
  const document = parser.parse(xml) as { sitemapindex?: { sitemap?: Array<{ loc: string; lastmod?: string }> } };
  if (!document.sitemapindex) throw new Error(`not a <sitemapindex>: ${xml.slice(0, 200)}`);
  return document.sitemapindex.sitemap ?? [];
}
