import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { z } from "zod";
import { Byline } from "@/components/article/byline";
import { Dateline } from "@/components/article/dateline";
import { JsonLd } from "@/components/seo/json-ld";
import { getCachedArticle, getCachedRelatedStories } from "@/lib/cached-queries";
import { slugPattern } from "@/lib/content/slug-pattern";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { buildBreadcrumbJsonLd, buildNewsArticleJsonLd } from "@/lib/seo/json-ld";
import { buildArticleMetadata } from "@/lib/seo/metadata";

type Props = { params: Promise<{ slug: string }> };

const paramsSchema = z.object({ slug: z.string().max(120).regex(slugPattern) });

// Pages are rendered on their first request and then served from Next's cache until an ingest
// revalidates the article's tag; none is built ahead, so a build needs no articles.
export const revalidate = false;
export const dynamicParams = true;
export function generateStaticParams(): Array<{ slug: string }> {
  return [];
}

// generateMetadata and the page ask for the same article; one read serves both.
const loadArticle = cache(async (rawSlug: string) => {
  const parsed = paramsSchema.safeParse({ slug: rawSlug });
  if (!parsed.success) return null;
  return getCachedArticle(parsed.data.slug);
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const article = await loadArticle((await params).slug);
  if (!article) return {};
  return buildArticleMetadata(article, getDictionary(env.SITE_LANGUAGE));
}

export default async function ArticlePage({ params }: Props) {
  const article = await loadArticle((await params).slug);
  if (!article) notFound();
  const dictionary = getDictionary(article.language);
  const related = await getCachedRelatedStories(article.slug);
  const site = getDictionary(env.SITE_LANGUAGE);
  return (
    <>
      <JsonLd data={buildNewsArticleJsonLd(article, { name: site.siteName, language: env.SITE_LANGUAGE })} />
      <JsonLd
        data={buildBreadcrumbJsonLd([
          { name: site.siteName, path: "/" },
          ...(article.section ? [{ name: article.section.name, path: `/sections/${article.section.slug}` }] : []),
          { name: article.title, path: `/articles/${article.slug}` },
        ])}
      />
      <article lang={article.language} className="mx-auto max-w-3xl py-8">
        <header>
          {article.section ? (
            <p className="text-sm font-semibold text-red-800 dark:text-red-300">
              <Link href={`/sections/${article.section.slug}`} className="hover:underline">
                {article.section.name}
              </Link>
            </p>
          ) : null}
          <h1 className="mt-2 font-serif text-3xl leading-tight font-bold sm:text-4xl">{article.title}</h1>
          <div className="mt-4 flex flex-wrap gap-x-4 gap-y-1 text-sm text-neutral-700 dark:text-neutral-300">
            <Byline authors={article.authors} separator={dictionary.bylineSeparator} language={article.language} />
            {article.publishedAt ? (
              <span>
                <span className="sr-only">{dictionary.publishedAt} </span>
                <Dateline instant={article.publishedAt} timeZone={article.timeZone} />
              </span>
            ) : null}
            <span>{dictionary.readingTime.replace("{minutes}", String(article.readingMinutes))}</span>
            {article.revisedAt ? (
              <span>
                {dictionary.revisedAt} <Dateline instant={article.revisedAt} timeZone={article.timeZone} />
              </span>
            ) : null}
            {article.sourceUrl ? (
              <span>
                {dictionary.source}:{" "}
                <a href={article.sourceUrl} rel="noopener noreferrer" className="underline underline-offset-2">
                  {article.sourceName ?? dictionary.readOriginal}
                </a>
              </span>
            ) : null}
          </div>
        </header>
        {article.summaryPoints.length > 0 ? (
          <aside
            aria-label={dictionary.keyPoints}
            className="mt-6 border-l-4 border-red-800 bg-neutral-50 px-5 py-4 dark:border-red-300 dark:bg-neutral-900"
          >
            <h2 className="text-sm font-semibold">{dictionary.keyPoints}</h2>
            <ul className="mt-2 list-disc space-y-2 pl-5">
              {article.summaryPoints.map((point) => (
                <li key={point}>{point}</li>
              ))}
            </ul>
          </aside>
        ) : null}
        <div
          className="prose prose-neutral dark:prose-invert prose-lg mt-8 max-w-none"
          // Rendered at ingest by lib/content/markdown.ts, which sanitizes raw HTML and drops unsafe links.
          dangerouslySetInnerHTML={{ __html: article.bodyHtml }}
        />
        {article.tags.length > 0 ? (
          <footer className="mt-10 text-sm">
            <h2 className="sr-only">{dictionary.tags}</h2>
            <ul className="flex flex-wrap gap-2">
              {article.tags.map((tag) => (
                <li key={tag.slug}>
                  <Link href={`/tags/${tag.slug}`} className="block rounded bg-neutral-100 px-2 py-1 hover:underline dark:bg-neutral-800">
                    {tag.name}
                  </Link>
                </li>
              ))}
            </ul>
          </footer>
        ) : null}
      </article>
      {related.length > 0 ? (
        <section aria-labelledby="related-heading" className="mx-auto max-w-3xl border-t border-neutral-200 py-6 print:hidden dark:border-neutral-800">
          <h2 id="related-heading" lang={article.language} className="text-lg font-bold">
            {dictionary.relatedStories}
          </h2>
          <ul className="mt-2 divide-y divide-neutral-200 dark:divide-neutral-800">
            {related.map((story) => (
              <li key={story.slug} lang={story.language} className="flex flex-wrap items-baseline justify-between gap-x-4 py-2">
                <Link href={`/articles/${story.slug}`} className="font-medium hover:underline">
                  {story.title}
                </Link>
                {story.publishedAt ? (
                  <span className="text-sm text-neutral-600 dark:text-neutral-400">
                    <Dateline instant={story.publishedAt} timeZone={story.timeZone} />
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
