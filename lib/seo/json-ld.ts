import type { BreadcrumbList, NewsArticle, Person, WebSite, WithContext } from "schema-dts";
import { formatIsoInZone } from "../content/zoned-time";
import type { ArticlePage } from "../db/articles";
import { absoluteUrl } from "../site-url";
import { type CoverCropRatio, getCoverCropPath, pickCropSource } from "./cover-crops";
import { describeArticle } from "./describe";
import { getArticleSocialCard, getSocialImagePath } from "./social-image";

// Structured data (schema.org as JSON-LD) for search engines: what each page is, typed with
// schema-dts so a misspelt property or a wrong shape fails the type check, not a crawler.

/** The publisher's logo in public/: square, as Google's Organization logo guidelines prefer. */
export const PUBLISHER_LOGO = { path: "/logo.png", width: 512, height: 512 } as const;

export interface SiteIdentity {
  name: string;
  /** BCP 47 tag of the site's own pages. */
  language: string;
}

function publisher(site: SiteIdentity) {
  return {
    "@type": "Organization",
    name: site.name,
    url: absoluteUrl("/"),
    logo: { "@type": "ImageObject", url: absoluteUrl(PUBLISHER_LOGO.path), width: `${PUBLISHER_LOGO.width}`, height: `${PUBLISHER_LOGO.height}` },
  } as const;
}

const CROP_ORDER: CoverCropRatio[] = ["1x1", "4x3", "16x9"];

/**
 * The article's pictures in the three ratios Google asks for: crops of its cover when the cover
 * went through the pipeline, else the generated cards, so every article has them.
 */
export function getArticleImageUrls(article: ArticlePage, siteName: string): string[] {
  const cover = article.cover?.image;
  const source = cover?.status === "ready" ? pickCropSource(cover.variants) : null;
  if (source) return CROP_ORDER.map((ratio) => absoluteUrl(getCoverCropPath(source, ratio)));
  const card = getArticleSocialCard(article, siteName);
  return CROP_ORDER.map((ratio) => absoluteUrl(getSocialImagePath({ kind: "article", slug: article.slug }, ratio, card)));
}

export function buildNewsArticleJsonLd(article: ArticlePage, site: SiteIdentity): WithContext<NewsArticle> {
  const url = absoluteUrl(`/articles/${article.slug}`);
  const published = article.publishedAt ? formatIsoInZone(article.publishedAt, article.timeZone) : undefined;
  // dateModified is the editorial revision, not the row's updatedAt (a re-render is not news).
  const modified = article.revisedAt ? formatIsoInZone(article.revisedAt, article.timeZone) : published;
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    "@id": `${url}#article`,
    headline: article.title,
    description: describeArticle(article),
    image: getArticleImageUrls(article, site.name),
    ...(published ? { datePublished: published } : {}),
    ...(modified ? { dateModified: modified } : {}),
    author: article.authors.map((author) => ({
      "@type": "Person",
      name: author.name,
      url: absoluteUrl(`/authors/${author.slug}`),
    })),
    publisher: publisher(site),
    isAccessibleForFree: true,
    inLanguage: article.language,
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length > 0 ? { keywords: article.tags.map((tag) => tag.name) } : {}),
  };
}

/** Home › … › the page itself, each with its absolute URL. */
export function buildBreadcrumbJsonLd(items: Array<{ name: string; path: string }>): WithContext<BreadcrumbList> {
  return {
    "@context": "https://schema.org",
    "@type": "BreadcrumbList",
    itemListElement: items.map((item, index) => ({
      "@type": "ListItem",
      position: index + 1,
      name: item.name,
      item: absoluteUrl(item.path),
    })),
  };
}

/** The site, with the search box a search engine may offer for it (our /search?q=…). */
export function buildWebSiteJsonLd(site: SiteIdentity & { description: string }): WithContext<WebSite> {
  return {
    "@context": "https://schema.org",
    "@type": "WebSite",
    "@id": `${absoluteUrl("/")}#website`,
    name: site.name,
    description: site.description,
    url: absoluteUrl("/"),
    inLanguage: site.language,
    publisher: publisher(site),
    potentialAction: {
      "@type": "SearchAction",
      target: { "@type": "EntryPoint", urlTemplate: `${absoluteUrl("/search")}?q={search_term_string}` },
      // schema-dts has no property for Google's "query-input"; it is how the placeholder is declared.
      ...({ "query-input": "required name=search_term_string" } as object),
    },
  };
}

export function buildPersonJsonLd(author: { name: string; slug: string; bio: string | null }): WithContext<Person> {
  return {
    "@context": "https://schema.org",
    "@type": "Person",
    name: author.name,
    url: absoluteUrl(`/authors/${author.slug}`),
    ...(author.bio ? { description: author.bio } : {}),
  };
}

const SCRIPT_UNSAFE = /[<>&\u2028\u2029]/g;

/**
 * JSON for a <script type="application/ld+json"> element. The HTML parser ends the element at
 * the first "</script" whatever JSON thinks, and "<!--" changes how it looks for that end, so
 * "<", ">" and "&" are written as JSON escapes (the same string once parsed). U+2028/2029 are
 * escaped too, for consumers that read the script as JavaScript.
 */
export function serializeJsonLd(data: object): string {
  return JSON.stringify(data).replace(SCRIPT_UNSAFE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** A section's, tag's or author's list: Home › the list (and the author as a Person). */
export function buildTaxonomyJsonLd(
  loaded: { kind: "section" | "tag" | "author"; name: string; intro: string | null; basePath: string },
  siteName: string,
): object[] {
  const breadcrumb = buildBreadcrumbJsonLd([
    { name: siteName, path: "/" },
    { name: loaded.name, path: loaded.basePath },
  ]);
  if (loaded.kind !== "author") return [breadcrumb];
  const slug = loaded.basePath.slice(loaded.basePath.lastIndexOf("/") + 1);
  return [breadcrumb, buildPersonJsonLd({ name: loaded.name, slug, bio: loaded.intro })];
}
