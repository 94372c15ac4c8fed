import Link from "next/link";
import type { ArticleListItem } from "@/lib/db/articles";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { CoverPicture } from "../media/cover-picture";
import { Byline } from "./byline";
import { Dateline } from "./dateline";

export function ArticleTeaser({
  article,
  headingLevel = 2,
  eagerCover = false,
}: {
  article: ArticleListItem;
  headingLevel?: 2 | 3;
  /** The first cover on a page is likely its largest paint: load it at once. */
  eagerCover?: boolean;
}) {
  const dictionary = getDictionary(article.language);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article
      lang={article.language}
      className="flex flex-col gap-4 border-b border-neutral-200 py-5 sm:flex-row-reverse dark:border-neutral-800"
    >
      {article.cover ? (
        <CoverPicture
          image={article.cover.image}
          alt={article.cover.alt}
          sizes="(min-width: 640px) 12rem, 100vw"
          eager={eagerCover}
          className="shrink-0 overflow-hidden rounded sm:w-48 [&_img]:h-auto [&_img]:w-full"
        />
      ) : null}
      <div className="min-w-0 flex-1">
        <Heading className="text-xl leading-snug font-semibold">
          <Link href={`/articles/${article.slug}`} className="hover:underline">
            {article.title}
          </Link>
        </Heading>
        {article.summaryPoints[0] ? (
          <p className="mt-2 line-clamp-3 text-neutral-700 dark:text-neutral-300">{article.summaryPoints[0]}</p>
        ) : null}
        <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-neutral-600 dark:text-neutral-400">
          {article.section ? (
            <Link href={`/sections/${article.section.slug}`} className="hover:underline">
              {article.section.name}
            </Link>
          ) : null}
          <Byline authors={article.authors} separator={dictionary.bylineSeparator} language={article.language} />
          {article.publishedAt ? <Dateline instant={article.publishedAt} timeZone={article.timeZone} /> : null}
          <span>{dictionary.readingTime.replace("{minutes}", String(article.readingMinutes))}</span>
        </p>
      </div>
    </article>
  );
}
