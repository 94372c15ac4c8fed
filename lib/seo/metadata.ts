import type { Metadata } from "next";
import { formatIsoInZone } from "../content/zoned-time";
import type { ArticlePage } from "../db/articles";
import type { ImageVariant } from "../media/variants";
import { type NamedFeedScope, getFeedAlternateTypes } from "../feeds/feed-scope";
import type { Dictionary } from "../i18n/dictionaries";
import { absoluteUrl } from "../site-url";
import type { TaxonomyList } from "../taxonomy-lists";
import { describeArticle } from "./describe";
import { getSectionSocialCard, getSiteSocialCard } from "./social-cards";
import { SOCIAL_IMAGE_SHAPES, type SocialCard, type SocialImageScope, getArticleSocialCard, getSocialImagePath } from "./social-image";

// The <head> of every reader page, built in one place so each page file only says what it is.
// URLs are absolute (built by absoluteUrl from SITE_URL) so they mean the same wherever they are
// read: a crawler, a link preview, a feed reader.

/** Search engines may show our pictures large in results ("max-image-preview:large"). */
const INDEXABLE = { index: true, follow: true, "max-image-preview": "large" } as const;
/** Follow the links, keep the page out of the index (search results). */
const NOT_INDEXABLE = { index: false, follow: true, "max-image-preview": "large" } as const;

/** The image a link preview shows, as Open Graph describes it. */
export interface PreviewImage {
  url: string;
  width: number;
  height: number;
  alt: string;
  type: string;
}

/** Open Graph's locale form: "zh_CN", "en_US". */
export function toOpenGraphLocale(language: string): string {
  const [lang, region] = language.split("-");
  if (region) return `${lang?.toLowerCase()}_${region.toUpperCase()}`;
  return lang === "zh" ? "zh_CN" : lang === "en" ? "en_US" : (lang ?? language);
}

/** A generated card for pages that have no picture of their own. */
export function getSocialCardImage(scope: SocialImageScope, card: SocialCard): PreviewImage {
  return {
    url: absoluteUrl(getSocialImagePath(scope, "og", card)),
    ...SOCIAL_IMAGE_SHAPES.og,
    alt: card.kicker ? `${card.kicker}: ${card.title}` : card.title,
    type: "image/png",
  };
}

// Open Graph and Google ask for at least 1200 px across for a large preview.
const PREVIEW_MIN_WIDTH = 1200;

/** The narrowest JPEG variant at least 1200 px wide: big enough for every preview, no bigger. */
function pickPreviewVariant(variants: readonly ImageVariant[]): ImageVariant | null {
  return (
    variants
      .filter((variant) => variant.format === "jpeg" && variant.width >= PREVIEW_MIN_WIDTH)
      .sort((a, b) => a.width - b.width)[0] ?? null
  );
}

/** The article's cover through the pipeline when it is wide enough, else its generated card. */
export function getArticlePreviewImage(article: ArticlePage, siteName: string): PreviewImage {
  const cover = article.cover;
  const variant = cover?.image.status === "ready" ? pickPreviewVariant(cover.image.variants) : null;
  if (cover && variant) {
    return { url: absoluteUrl(`/media/${variant.key}`), width: variant.width, height: variant.height, alt: cover.alt, type: "image/jpeg" };
  }
  return getSocialCardImage({ kind: "article", slug: article.slug }, getArticleSocialCard(article, siteName));
}

function previewTags(title: string, description: string, image: PreviewImage): { twitter: Metadata["twitter"]; ogImage: PreviewImage } {
  return {
    twitter: { card: "summary_large_image", title, description, images: [{ url: image.url, alt: image.alt }] },
    ogImage: { url: image.url, width: image.width, height: image.height, alt: image.alt, type: image.type },
  };
}

export interface ListPageMetadataInput {
  /** The page's own title; the layout's template adds the site name unless `titleIsComplete`. */
  title: string;
  /** The home page's title already names the site. */
  titleIsComplete?: boolean;
  description: string;
  /** This page's own path, with its page number when past the first: "/sections/keji?page=2". */
  path: string;
  dictionary: Dictionary;
  /** The site's language: lists and the home page speak it. */
  language: string;
  /** Feeds to announce, most specific first; the site's feed is added when missing. */
  feeds: NamedFeedScope[];
  image: PreviewImage;
  /** False for pages that must stay out of indexes (search results). */
  indexable?: boolean;
}

/** Home, section, tag, author and search pages: `og:type` website, x-default to themselves. */
export function buildListPageMetadata(input: ListPageMetadataInput): Metadata {
  const url = absoluteUrl(input.path);
  const { twitter, ogImage } = previewTags(input.title, input.description, input.image);
  const feeds = input.feeds.some((scope) => scope.kind === "site") ? input.feeds : [...input.feeds, { kind: "site" } as const];
  return {
    title: input.titleIsComplete ? { absolute: input.title } : input.title,
    description: input.description,
    alternates: {
      canonical: url,
      // The site has one language per deployment: the page is its own alternate, for everyone.
      languages: { [input.language]: url, "x-default": url },
      types: getFeedAlternateTypes(feeds, input.dictionary),
    },
    robots: input.indexable === false ? NOT_INDEXABLE : INDEXABLE,
    openGraph: {
      type: "website",
      url,
      title: input.title,
      description: input.description,
      siteName: input.dictionary.siteName,
      locale: toOpenGraphLocale(input.language),
      images: [ogImage],
    },
    twitter,
  };
}

/** An article: `og:type` article with its times in its own zone, section, tags, authors and picture. */
export function buildArticleMetadata(article: ArticlePage, siteDictionary: Dictionary): Metadata {
  const url = absoluteUrl(`/articles/${article.slug}`);
  const description = describeArticle(article);
  const image = getArticlePreviewImage(article, siteDictionary.siteName);
  const { twitter, ogImage } = previewTags(article.title, description, image);
  const published = article.publishedAt ? formatIsoInZone(article.publishedAt, article.timeZone) : undefined;
  const modified = article.revisedAt ? formatIsoInZone(article.revisedAt, article.timeZone) : published;
  return {
    title: article.title,
    description,
    authors: article.authors.map((author) => ({ name: author.name, url: absoluteUrl(`/authors/${author.slug}`) })),
    alternates: {
      canonical: url,
      // An article exists in its own language only.
      languages: { [article.language]: url },
      types: getFeedAlternateTypes(
        [...(article.section ? [{ kind: "section" as const, slug: article.section.slug, name: article.section.name }] : []), { kind: "site" }],
        siteDictionary,
      ),
    },
    robots: INDEXABLE,
    openGraph: {
      type: "article",
      url,
      title: article.title,
      description,
      siteName: siteDictionary.siteName,
      locale: toOpenGraphLocale(article.language),
      images: [ogImage],
      ...(published ? { publishedTime: published } : {}),
      ...(modified ? { modifiedTime: modified } : {}),
      ...(article.section ? { section: article.section.name } : {}),
      tags: article.tags.map((tag) => tag.name),
      authors: article.authors.map((author) => absoluteUrl(`/authors/${author.slug}`)),
    },
    twitter,
  };
}

/** Section, tag and author pages, from what their list loader found. */
export function buildTaxonomyPageMetadata(loaded: TaxonomyList, dictionary: Dictionary, language: string): Metadata {
  const { list } = loaded;
  const pageLabel = list.page > 1 ? dictionary.pageOf.replace("{page}", String(list.page)).replace("{count}", String(list.pageCount)) : null;
  const fill = (template: string) => template.replace("{site}", dictionary.siteName).replace("{name}", loaded.name);
  const description =
    loaded.kind === "section"
      ? fill(dictionary.sectionFeedDescription)
      : loaded.kind === "tag"
        ? fill(dictionary.tagFeedDescription)
        : (loaded.intro ?? `${dictionary.authorLabel}: ${loaded.name}`);
  const slug = loaded.basePath.slice(loaded.basePath.lastIndexOf("/") + 1);
  return buildListPageMetadata({
    title: pageLabel ? `${loaded.name} · ${pageLabel}` : loaded.name,
    // Each page of a list is its own page to a search engine: its own description and canonical.
    description: pageLabel ? `${description} (${pageLabel})` : description,
    path: list.page > 1 ? `${loaded.basePath}?page=${list.page}` : loaded.basePath,
    dictionary,
    language,
    feeds: loaded.kind === "author" ? [{ kind: "site" }] : [{ kind: loaded.kind, slug, name: loaded.name }, { kind: "site" }],
    image:
      loaded.kind === "section"
        ? getSocialCardImage({ kind: "section", slug }, getSectionSocialCard(loaded.name))
        : getSocialCardImage({ kind: "site" }, getSiteSocialCard()),
  });
}
