import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { cache } from "react";
import { SearchForm } from "@/components/search/search-form";
import { SearchResult } from "@/components/search/search-result";
import { getPageHref, Pagination } from "@/components/ui/pagination";
import { getDefaultTimeZone } from "@/lib/content/language";
import { getDb } from "@/lib/db/client";
import { listSectionsWithPublishedArticles } from "@/lib/db/taxonomy";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { buildListPageMetadata, getSocialCardImage } from "@/lib/seo/metadata";
import { getSiteSocialCard } from "@/lib/seo/social-cards";
import { searchArticles } from "@/lib/search/search-articles";
import { parseSearchParams, type RawSearchParams, toSearchQueryString } from "@/lib/search/search-params";

type Props = { searchParams: Promise<RawSearchParams> };

const dictionary = getDictionary(env.SITE_LANGUAGE);

// Metadata and page share one search per request; keyed by the parameters' text, not an object.
const loadSearch = cache(async (rawJson: string) => {
  // Read per request: results follow the index as ingest changes it.
  await connection();
  const params = parseSearchParams(JSON.parse(rawJson), getDefaultTimeZone(env.SITE_LANGUAGE));
  const db = await getDb();
  const [results, sections] = await Promise.all([
    searchArticles(db, {
      query: params.query,
      sectionSlug: params.sectionSlug,
      publishedFrom: params.publishedFrom,
      publishedBefore: params.publishedBefore,
      page: params.page,
    }),
    listSectionsWithPublishedArticles(db),
  ]);
  return { params, results, sections };
});

const load = async (raw: RawSearchParams) => loadSearch(JSON.stringify(raw));

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { params, results } = await load(await searchParams);
  return buildListPageMetadata({
    title: results.query ? dictionary.searchTitleWithQuery.replace("{query}", () => results.query) : dictionary.searchTitle,
    description: dictionary.searchPrompt,
    // The normalised form of this very search, so every spelling of it names one address.
    path: getPageHref("/search", results.page, toSearchQueryString({ ...params, query: results.query })),
    dictionary,
    language: env.SITE_LANGUAGE,
    feeds: [{ kind: "site" }],
    image: getSocialCardImage({ kind: "site" }, getSiteSocialCard()),
    // Result pages are endless and change with every ingest: not for search engines' indexes.
    indexable: false,
  });
}

function describeCount(total: number, capped: boolean): string {
  if (capped) return dictionary.searchResultCountCapped.replaceAll("{count}", total.toLocaleString(env.SITE_LANGUAGE));
  if (total === 1) return dictionary.searchResultCountOne;
  return dictionary.searchResultCount.replace("{count}", total.toLocaleString(env.SITE_LANGUAGE));
}

export default async function SearchPage({ searchParams }: Props) {
  const { params, results, sections } = await load(await searchParams);
  const query = toSearchQueryString({ ...params, query: results.query });
  const ignoredNames = params.ignored.map((name) => ({ section: dictionary.searchSectionLabel, from: dictionary.searchFromLabel, to: dictionary.searchToLabel, page: dictionary.pagination })[name]);
  return (
    <section aria-labelledby="search-heading" className="mx-auto max-w-3xl py-6 sm:py-8">
      <header className="border-b-2 border-neutral-900 pb-4 dark:border-neutral-100">
        <h1 id="search-heading" className="font-serif text-3xl leading-tight font-bold sm:text-4xl">
          {dictionary.searchTitle}
        </h1>
        <SearchForm dictionary={dictionary} sections={sections} values={{ ...params, query: results.query }} />
      </header>
      {ignoredNames.length > 0 ? (
        <p role="status" className="mt-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
          {dictionary.searchIgnoredParams.replace("{names}", ignoredNames.join(dictionary.bylineSeparator))}
        </p>
      ) : null}
      {!results.searched ? (
        <p className="py-8 text-neutral-700 dark:text-neutral-300">{dictionary.searchPrompt}</p>
      ) : results.total === 0 ? (
        <div className="py-8">
          <p className="text-lg">{dictionary.searchNoResults.replace("{query}", () => results.query)}</p>
          <p className="mt-2 text-neutral-700 dark:text-neutral-300">{dictionary.searchNoResultsHint}</p>
        </div>
      ) : (
        <section aria-label={dictionary.searchResults}>
          <p role="status" className="mt-4 text-sm text-neutral-600 dark:text-neutral-400">
            {describeCount(results.total, results.capped)}
          </p>
          {results.hits.length === 0 ? (
            <p className="py-8">
              {dictionary.searchPageEmpty}{" "}
              <Link href={getPageHref("/search", 1, query)} className="underline underline-offset-2">
                {dictionary.searchFirstPage}
              </Link>
            </p>
          ) : (
            results.hits.map((hit) => <SearchResult key={hit.article.slug} hit={hit} />)
          )}
          <Pagination basePath="/search" page={results.page} pageCount={results.pageCount} dictionary={dictionary} query={query} />
        </section>
      )}
    </section>
  );
}
