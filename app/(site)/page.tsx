import { ArticleTeaser } from "@/components/article/article-teaser";
import { LeadStory } from "@/components/home/lead-story";
import { SectionBlock } from "@/components/home/section-block";
import { getCachedHomePage } from "@/lib/cached-queries";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";

// Built once, then served from Next's cache until an ingest revalidates the article lists.
export const revalidate = false;

export default async function HomePage() {
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  const { lead, latest, sections } = await getCachedHomePage();
  return (
    <div className="py-6">
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
