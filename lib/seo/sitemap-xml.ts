import { escapeXml } from "../feeds/xml";

// The pieces of the sitemap documents (sitemaps.org protocol 0.9, with Google's image and news
// extensions). Every value reaching the output passes through escapeXml.

export const SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9";
export const IMAGE_NAMESPACE = "http://www.google.com/schemas/sitemap-image/1.1";
export const NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9";

const XML_DECLARATION = `<?xml version="1.0" encoding="UTF-8"?>\n`;

/** The protocol caps a <loc> at 2,048 characters; crawlers drop longer ones. */
export const MAX_LOC_LENGTH = 2048;

/**
 * W3C Datetime in UTC, e.g. "2023-10-24T07:04:00+00:00" (milliseconds only when there are some),
 * as the feeds write UTC dates. Straight from toISOString: the zone-aware formatter costs more
 * than the rest of an entry, a hundred thousand times over.
 */
export function formatLastmod(date: Date): string {
  const iso = date.toISOString();
  return `${iso.endsWith(".000Z") ? iso.slice(0, 19) : iso.slice(0, 23)}+00:00`;
}

export function openSitemapIndex(): string {
  return `${XML_DECLARATION}<sitemapindex xmlns="${SITEMAP_NAMESPACE}">\n`;
}

export const closeSitemapIndex = "</sitemapindex>\n";

export function renderSitemapReference(loc: string, lastModified: Date | null): string {
  const lastmod = lastModified ? `<lastmod>${formatLastmod(lastModified)}</lastmod>` : "";
  return `<sitemap><loc>${escapeXml(loc)}</loc>${lastmod}</sitemap>\n`;
}

/** `<urlset>` declaring the extension namespaces its entries use. */
export function openUrlset(extensions: { image?: boolean; news?: boolean } = {}): string {
  const image = extensions.image ? ` xmlns:image="${IMAGE_NAMESPACE}"` : "";
  const news = extensions.news ? ` xmlns:news="${NEWS_NAMESPACE}"` : "";
  return `${XML_DECLARATION}<urlset xmlns="${SITEMAP_NAMESPACE}"${image}${news}>\n`;
}

export const closeUrlset = "</urlset>\n";

/** One `<url>`; `extensions` is already-rendered extension markup (image:image, news:news). */
export function renderUrlEntry(loc: string, lastModified: Date | null, extensions = ""): string {
  const lastmod = lastModified ? `<lastmod>${formatLastmod(lastModified)}</lastmod>` : "";
  return `<url><loc>${escapeXml(loc)}</loc>${lastmod}${extensions}</url>\n`;
}

export function renderImageEntry(loc: string): string {
  return `<image:image><image:loc>${escapeXml(loc)}</image:loc></image:image>`;
}

export interface NewsEntryFields {
  publicationName: string;
  language: string;
  /** W3C Datetime with the article's own offset. */
  publicationDate: string;
  title: string;
}

export function renderNewsEntry({ publicationName, language, publicationDate, title }: NewsEntryFields): string {
  return (
    `<news:news><news:publication><news:name>${escapeXml(publicationName)}</news:name>` +
    `<news:language>${escapeXml(language)}</news:language></news:publication>` +
    `<news:publication_date>${escapeXml(publicationDate)}</news:publication_date>` +
    `<news:title>${escapeXml(title)}</news:title></news:news>`
  );
}
