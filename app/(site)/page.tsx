import type { Metadata } from "next";
import { ArticleTeaser } from "@/components/article/article-teaser";
import { LeadStory } from "@/components/home/lead-story";
import { SectionBlock } from "@/components/home/section-block";
import { JsonLd } from "@/components/seo/json-ld";
import { getCachedHomePage } from "@/lib/cached-queries";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { buildWebSiteJsonLd } from "@/lib/seo/json-ld";
import { buildListPageMetadata, getSocialCardImage } from "@/lib/seo/metadata";
import { getSiteSocialCard } from "@/lib/seo/social-cards";

// Built once, then served from Next's cache until an ingest revalidates the article lists.
export const revalidate = false;

export function generateMetadata(): Metadata {
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  return buildListPageMetadata({
    title: dictionary.siteName,
    titleIsComplete: true,
    description: dictionary.siteFeedDescription.replace("{site}", dictionary.siteName),
    path: "/",
    dictionary,
    language: env.SITE_LANGUAGE,
    feeds: [{ kind: "site" }],
    image: getSocialCardImage({ kind: "site" }, getSiteSocialCard()),
  });
}

export default async function HomePage() {
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  const { lead, latest, sections } = await getCachedHomePage();
  return (
    <div className="py-6">
      <JsonLd
        data={buildWebSiteJsonLd({ name: dictionary.siteName, language: env.SITE_LANGUAGE, description: dictionary.siteTagline })}
      />
      <h1 className="sr-only">{dictionary.siteName}</h1>
      {lead ? <LeadStory article={lead} /> : <p className="py-8">{dictionary.noStories}</p>}
      <div className="mt-8 grid gap-10 lg:grid-cols-3">
        <section aria-labelledby="latest-heading" className="lg:col-span-2">
          <h2 id="latest-heading" className="text-sm font-semibold tracking-widest text-neutral-600 uppercase dark:text-neutral-400">
            {dictionary.latestStories}
          </h2>
          {latest.map((article) => (
            <ArticleTeaser key={article.slug} article={article} headingLevel={3} />
          ))}
        </section>
        <div className="space-y-8">
          {sections.map(({ section, articles }) => (
            <SectionBlock key={section.slug} section={section} articles={articles} dictionary={dictionary} />
          ))}
        </div>
      </div>
    </div>
  );
}
