import Link from "next/link";
import type { ArticleListItem } from "@/lib/db/articles";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { Byline } from "./byline";
import { Dateline } from "./dateline";

export function ArticleTeaser({ article, headingLevel = 2 }: { article: ArticleListItem; headingLevel?: 2 | 3 }) {
  const dictionary = getDictionary(article.language);
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article lang={article.language} className="border-b border-neutral-200 py-5 dark:border-neutral-800">
      <Heading className="text-xl leading-snug font-semibold">
        <Link href={`/articles/${article.slug}`} className="hover:underline">
          {article.title}
        </Link>
      </Heading>
      {article.summaryPoints[0] ? (
        <p className="mt-2 line-clamp-3 text-neutral-700 dark:text-neutral-300">{article.summaryPoints[0]}</p>
      ) : null}
      <p className="mt-2 flex flex-wrap gap-x-3 text-sm text-neutral-600 dark:text-neutral-400">
        {article.section ? <span>{article.section.name}</span> : null}
        <Byline authors={article.authors} separator={dictionary.bylineSeparator} />
        {article.publishedAt ? <Dateline instant={article.publishedAt} timeZone={article.timeZone} /> : null}
      </p>
    </article>
  );
}
