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
    // The cover sits beside the text at every width, as a thumbnail on phones: a list of
    // full-width pictures would push the headlines a screen apart.
    <article lang={article.language} className="flex gap-4 border-b border-neutral-200 py-5 sm:gap-6 dark:border-neutral-800">
      <div className="min-w-0 flex-1">
        {article.section ? (
          <p className="mb-1 text-sm font-semibold text-red-800 dark:text-red-300">
            <Link href={`/sections/${article.section.slug}`} className="hover:underline">
              {article.section.name}
            </Link>
          </p>
        ) : null}
        <Heading className="font-serif text-lg leading-snug font-bold sm:text-xl">
          <Link href={`/articles/${article.slug}`} className="hover:underline">
            {article.title}
          </Link>
        </Heading>
        {article.summaryPoints[0] ? (
          <p className="mt-2 line-clamp-3 text-[0.9375rem] text-neutral-700 sm:text-base dark:text-neutral-300">{article.summaryPoints[0]}</p>
        ) : null}
        <p className="mt-2 flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-neutral-600 dark:text-neutral-400">
          <Byline authors={article.authors} separator={dictionary.bylineSeparator} language={article.language} />
          {article.publishedAt ? <Dateline instant={article.publishedAt} timeZone={article.timeZone} /> : null}
          <span>{dictionary.readingTime.replace("{minutes}", String(article.readingMinutes))}</span>
        </p>
      </div>
      {article.cover ? (
        <CoverPicture
          image={article.cover.image}
          alt={article.cover.alt}
          sizes="(min-width: 768px) 14rem, (min-width: 640px) 10rem, 6.5rem"
          eager={eagerCover}
          className="w-26 shrink-0 self-start overflow-hidden rounded-sm sm:w-40 md:w-56 [&_img]:aspect-[3/2] [&_img]:h-auto [&_img]:w-full [&_img]:object-cover"
        />
      ) : null}
    </article>
  );
}
