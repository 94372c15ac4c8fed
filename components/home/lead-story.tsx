import Link from "next/link";
import { Byline } from "@/components/article/byline";
import { Dateline } from "@/components/article/dateline";
import { CoverPicture } from "@/components/media/cover-picture";
import type { ArticleListItem } from "@/lib/db/articles";
import { getDictionary } from "@/lib/i18n/dictionaries";

/** The top story: a large cover, the headline and every summary point. */
export function LeadStory({ article }: { article: ArticleListItem }) {
  const dictionary = getDictionary(article.language);
  return (
    <article lang={article.language} className="grid gap-5 border-b border-neutral-200 pb-8 md:grid-cols-5 dark:border-neutral-800">
      {article.cover ? (
        <CoverPicture
          image={article.cover.image}
          alt={article.cover.alt}
          sizes="(min-width: 1024px) 600px, (min-width: 768px) 60vw, 100vw"
          eager
          className="overflow-hidden rounded md:col-span-3 [&_img]:h-auto [&_img]:w-full"
        />
      ) : null}
      <div className={article.cover ? "md:col-span-2" : "md:col-span-5"}>
        {article.section ? (
          <Link href={`/sections/${article.section.slug}`} className="text-sm font-semibold text-red-800 hover:underline dark:text-red-300">
            {article.section.name}
          </Link>
        ) : null}
        <h2 className="mt-1 font-serif text-3xl leading-tight font-bold">
          <Link href={`/articles/${article.slug}`} className="hover:underline">
            {article.title}
          </Link>
        </h2>
        {article.summaryPoints.length > 0 ? (
          <ul className="mt-3 space-y-2 text-neutral-700 dark:text-neutral-300">
            {article.summaryPoints.map((point) => (
              <li key={point}>{point}</li>
            ))}
          </ul>
        ) : null}
        <p className="mt-3 flex flex-wrap gap-x-3 text-sm text-neutral-600 dark:text-neutral-400">
          <Byline authors={article.authors} separator={dictionary.bylineSeparator} language={article.language} />
          {article.publishedAt ? <Dateline instant={article.publishedAt} timeZone={article.timeZone} /> : null}
          <span>{dictionary.readingTime.replace("{minutes}", String(article.readingMinutes))}</span>
        </p>
      </div>
    </article>
  );
}
