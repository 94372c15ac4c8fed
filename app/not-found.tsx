import Link from "next/link";
import { getCachedHomePage, getCachedSections } from "@/lib/cached-queries";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";

const LATEST_COUNT = 5;

/**
 * Every unknown URL (status 404): a way on instead of a dead end. The search box, the newest
 * stories and the sections come from the same cache as the home page, so a crawler probing
 * made-up URLs never reaches the database.
 */
export default async function NotFound() {
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  const [home, sections] = await Promise.all([getCachedHomePage(), getCachedSections()]);
  const latest = [...(home.lead ? [home.lead] : []), ...home.latest].slice(0, LATEST_COUNT);
  return (
    <section className="mx-auto max-w-3xl py-12">
      <h1 className="text-3xl font-bold">{dictionary.notFoundTitle}</h1>
      <p className="mt-4 text-neutral-700 dark:text-neutral-300">{dictionary.notFoundBody}</p>
      <p id="not-found-search" className="mt-4 text-neutral-700 dark:text-neutral-300">
        {dictionary.notFoundSearch}
      </p>
      {/* Named by its own prompt: the header's search landmark already carries the search label. */}
      <form action="/search" method="get" role="search" aria-labelledby="not-found-search" className="mt-4 flex max-w-md">
        <label htmlFor="not-found-q" className="sr-only">
          {dictionary.searchLabel}
        </label>
        <input
          id="not-found-q"
          type="search"
          name="q"
          maxLength={200}
          className="min-w-0 flex-1 rounded-l border border-r-0 border-neutral-400 bg-white px-3 py-1.5 text-neutral-900 dark:border-neutral-600 dark:bg-neutral-900 dark:text-neutral-100"
        />
        <button type="submit" className="rounded-r border border-neutral-900 bg-neutral-900 px-3 py-1.5 font-medium text-white dark:border-neutral-100 dark:bg-neutral-100 dark:text-neutral-900">
          {dictionary.searchSubmit}
        </button>
      </form>
      {latest.length > 0 ? (
        <>
          <h2 className="mt-8 text-lg font-bold">{dictionary.latestStories}</h2>
          <ul className="mt-2 space-y-2">
            {latest.map((story) => (
              <li key={story.slug} lang={story.language}>
                <Link href={`/articles/${story.slug}`} className="underline-offset-2 hover:underline">
                  {story.title}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sections.length > 0 ? (
        <>
          <h2 className="mt-8 text-lg font-bold">{dictionary.sections}</h2>
          <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-2">
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={`/sections/${section.slug}`} className="underline underline-offset-2">
                  {section.name}
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <p className="mt-8">
        <Link href="/" className="underline underline-offset-2">
          {dictionary.backHome}
        </Link>
      </p>
    </section>
  );
}
