import "server-only";
import { getCachedArticle, getCachedTaxonomyList } from "../cached-queries";
import { slugPattern } from "../content/slug-pattern";
import { env } from "../env";
import { getDictionary } from "../i18n/dictionaries";
import { getArticleSocialCard, type SocialCard } from "./social-image";

// The text each page's generated card shows, read through the same cached queries the pages use,
// so the card's version (and so its URL) in a page's metadata matches what the route draws.

const siteDictionary = () => getDictionary(env.SITE_LANGUAGE);

function isSlug(slug: string): boolean {
  return slug.length <= 120 && slugPattern.test(slug);
}

export function getSiteSocialCard(): SocialCard {
  const dictionary = siteDictionary();
  return { title: dictionary.siteTagline, kicker: null, siteName: dictionary.siteName, language: env.SITE_LANGUAGE };
}

export function getSectionSocialCard(name: string): SocialCard {
  const dictionary = siteDictionary();
  return { title: name, kicker: dictionary.sectionLabel, siteName: dictionary.siteName, language: env.SITE_LANGUAGE };
}

/** Null for an unknown or unpublished article. */
export async function loadArticleSocialCard(slug: string): Promise<SocialCard | null> {
  if (!isSlug(slug)) return null;
  const article = await getCachedArticle(slug);
  return article ? getArticleSocialCard(article, siteDictionary().siteName) : null;
}

/** Null for an unknown section. */
export async function loadSectionSocialCard(slug: string): Promise<SocialCard | null> {
  if (!isSlug(slug)) return null;
  const section = await getCachedTaxonomyList("section", slug, 1);
  return section ? getSectionSocialCard(section.name) : null;
}
