import Link from "next/link";
import { Byline } from "@/components/article/byline";
import { Dateline } from "@/components/article/dateline";
import { getDictionary } from "@/lib/i18n/dictionaries";
import type { SearchHit } from "@/lib/search/search-articles";

// Marked words: dark text on amber in both themes, so the contrast holds in dark mode too.
const markClass = "[&_mark]:rounded-sm [&_mark]:bg-amber-200 [&_mark]:px-0.5 [&_mark]:text-neutral-950";

/**
 * One result: the title and a passage with the matched words marked. Both are HTML that
 * lib/search/snippet.ts built from escaped text and <mark> alone, so they are set as HTML.
 */
export function SearchResult({ hit }: { hit: SearchHit }) {
  const { article } = hit;
  const dictionary = getDictionary(article.language);
  return (
    <article lang={article.language} className="border-b border-neutral-200 py-5 dark:border-neutral-800">
      {article.section ? (
        <p className="mb-1 text-sm font-semibold text-red-800 dark:text-red-300">
          <Link href={`/sections/${article.section.slug}`} className="hover:underline">
            {article.section.name}
          </Link>
        </p>
      ) : null}
      <h2 className={`font-serif text-lg leading-snug font-bold sm:text-xl ${markClass}`}>
        <Link href={`/articles/${article.slug}`} className="hover:underline">
          <span dangerouslySetInnerHTML={{ __html: hit.titleHtml }} />
        </Link>
      </h2>
      <p className={`mt-2 text-[0.9375rem] text-neutral-700 sm:text-base dark:text-neutral-300 ${markClass}`} dangerouslySetInnerHTML={{ __html: hit.snippetHtml }} />
      <p className="mt-2 flex flex-wrap gap-x-3 gap-y-0.5 text-sm text-neutral-600 dark:text-neutral-400">
        <Byline authors={article.authors} separator={dictionary.bylineSeparator} language={article.language} />
        {article.publishedAt ? <Dateline instant={article.publishedAt} timeZone={article.timeZone} /> : null}
      </p>
    </article>
  );
}
