import "server-only";
import type { Db } from "../db/client";
import {
  type ArticleSitemapEntry,
  readPublishedArticleDates,
  readPublishedArticlesForSitemap,
  readTaxonomyForSitemap,
  type SitemapImage,
  type SitemapTaxonomy,
  type SitemapWindow,
  type TaxonomySitemapEntry,
} from "../db/sitemap";
import { isRemoteImageSource } from "../content/image-source";
import { absoluteUrl } from "../site-url";
import { childSitemapPath, SITEMAP_MAX_URLS, SITEMAP_TYPES, type SitemapType } from "./sitemap-paths";
import {
  closeSitemapIndex,
  closeUrlset,
  MAX_LOC_LENGTH,
  openSitemapIndex,
  openUrlset,
  renderImageEntry,
  renderSitemapReference,
  renderUrlEntry,
} from "./sitemap-xml";

// The sitemap index and its children: one family of child sitemaps per kind of page, each split
// into numbered pages of at most `pageSize` URLs (/sitemaps/articles-1.xml, articles-2.xml, …).
// Pages count entries in id order, so a new story lands on the last page and the earlier pages
// keep their URLs.

/** Google reads at most this many images per page. */
const MAX_IMAGES_PER_URL = 1000;
// A batch's covers are read with one `IN (…)` list, which must stay under the database's limit on
// bound parameters (999 on SQLite; Prisma refuses more with P2029).
const DEFAULT_BATCH_SIZE = 500;

export interface SitemapOptions {
  /** The public address every URL is built from (SITE_URL). */
  siteUrl: string;
  /** URLs per child sitemap; tests make it small to see the split. */
  pageSize?: number;
  /** Rows read from the database per query. */
  batchSize?: number;
}

function resolveSizes(options: SitemapOptions): { pageSize: number; batchSize: number } {
  const pageSize = options.pageSize ?? SITEMAP_MAX_URLS;
  const batchSize = Math.min(options.batchSize ?? DEFAULT_BATCH_SIZE, pageSize);
  if (!Number.isSafeInteger(pageSize) || pageSize < 1 || pageSize > SITEMAP_MAX_URLS) {
    throw new Error(`sitemap pageSize must be an integer from 1 to ${SITEMAP_MAX_URLS}, not ${String(pageSize)}`);
  }
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new Error(`sitemap batchSize must be a positive integer, not ${String(options.batchSize)}`);
  }
  return { pageSize, batchSize };
}

function laterOf(a: Date | null, b: Date | null): Date | null {
  if (a === null) return b;
  if (b === null) return a;
  return b.getTime() > a.getTime() ? b : a;
}

/** How many pages a type fills and each page's newest change, from its entries in id order. */
async function summarizePages(
  batches: AsyncIterable<Array<{ lastModified: Date | null }>>,
  pageSize: number,
): Promise<Array<Date | null>> {
  const pages: Array<Date | null> = [];
  let seen = 0;
  for await (const batch of batches) {
    for (const entry of batch) {
      const page = Math.floor(seen / pageSize);
      pages[page] = laterOf(pages[page] ?? null, entry.lastModified);
      seen += 1;
    }
  }
  return pages;
}

function readTypeDates(db: Db, type: SitemapType, batchSize: number): AsyncIterable<Array<{ lastModified: Date | null }>> {
  if (type === "articles") return readPublishedArticleDates(db, batchSize);
  return readTaxonomyForSitemap(db, type, { offset: 0, limit: Number.MAX_SAFE_INTEGER, batchSize });
}

/**
 * The sitemap index: every page of every type that has URLs, each with its newest lastmod, then
 * the news sitemap (listed even when the last 48 hours brought no story: it is named in
 * robots.txt and Google expects it to stay put).
 */
export async function* generateSitemapIndex(db: Db, options: SitemapOptions): AsyncGenerator<string> {
  const { pageSize, batchSize } = resolveSizes(options);
  yield openSitemapIndex();
  for (const type of SITEMAP_TYPES) {
    const pages = await summarizePages(readTypeDates(db, type, batchSize), pageSize);
    yield pages
      .map((lastModified, index) => renderSitemapReference(absoluteUrl(childSitemapPath({ type, page: index + 1 }), options.siteUrl), lastModified))
      .join("");
  }
  yield renderSitemapReference(absoluteUrl(childSitemapPath({ type: "news" }), options.siteUrl), null);
  yield closeSitemapIndex;
}

/**
 * The address a crawler can fetch an image at: the largest JPEG the pipeline made (every crawler
 * decodes JPEG; another format only if there is no JPEG), or, while the image is still pending,
 * the remote source the page links to. Null when there is nothing public to point at (a local
 * file not processed yet, a failed image).
 */
export function sitemapImageUrl(image: SitemapImage, siteUrl: string): string | null {
  if (image.status === "ready") {
    const jpegs = image.variants.filter((variant) => variant.format === "jpeg");
    const candidates = jpegs.length > 0 ? jpegs : image.variants;
    const largest = candidates.reduce<(typeof candidates)[number] | null>((best, variant) => (best === null || variant.width > best.width ? variant : best), null);
    return largest ? absoluteUrl(`/media/${largest.key}`, siteUrl) : null;
  }
  if (image.status === "pending" && isRemoteImageSource(image.source)) {
    try {
      // Normalized: spaces and non-ASCII percent-encoded, host in punycode, as a <loc> must be.
      const href = new URL(image.source).href;
      return href.length <= MAX_LOC_LENGTH ? href : null;
    } catch {
      return null;
    }
  }
  return null;
}

function renderArticleEntry(entry: ArticleSitemapEntry, siteUrl: string): string {
  const images = entry.images
    .map((image) => sitemapImageUrl(image, siteUrl))
    .filter((url): url is string => url !== null)
    .slice(0, MAX_IMAGES_PER_URL)
    .map(renderImageEntry)
    .join("");
  return renderUrlEntry(absoluteUrl(`/articles/${entry.slug}`, siteUrl), entry.lastModified, images);
}

const taxonomyPaths: Record<SitemapTaxonomy, string> = { sections: "/sections", tags: "/tags", authors: "/authors" };

async function* renderArticleBatches(batches: AsyncIterable<ArticleSitemapEntry[]>, siteUrl: string): AsyncGenerator<string> {
  for await (const batch of batches) yield batch.map((entry) => renderArticleEntry(entry, siteUrl)).join("");
}

async function* renderTaxonomyBatches(batches: AsyncIterable<TaxonomySitemapEntry[]>, type: SitemapTaxonomy, siteUrl: string): AsyncGenerator<string> {
  for await (const batch of batches) {
    yield batch.map((entry) => renderUrlEntry(absoluteUrl(`${taxonomyPaths[type]}/${entry.slug}`, siteUrl), entry.lastModified)).join("");
  }
}

/**
 * One numbered page of a type's sitemap as chunks of XML, or null when that page does not exist
 * (the route answers 404). The first batch is read before this returns, so the decision is made
 * before any byte is sent.
 */
export async function openChildSitemap(
  db: Db,
  name: { type: SitemapType; page: number },
  options: SitemapOptions,
): Promise<AsyncGenerator<string> | null> {
  const { pageSize, batchSize } = resolveSizes(options);
  if (!Number.isSafeInteger(name.page) || name.page < 1) throw new Error(`sitemap page must be a positive integer, not ${String(name.page)}`);
  const window: SitemapWindow = { offset: (name.page - 1) * pageSize, limit: pageSize, batchSize };
  const { type } = name;
  const chunks =
    type === "articles"
      ? renderArticleBatches(readPublishedArticlesForSitemap(db, window), options.siteUrl)
      : renderTaxonomyBatches(readTaxonomyForSitemap(db, type, window), type, options.siteUrl);
  const first = await chunks.next();
  if (first.done) return null;
  return (async function* () {
    yield openUrlset({ image: type === "articles" });
    yield first.value;
    yield* chunks;
    yield closeUrlset;
  })();
}
