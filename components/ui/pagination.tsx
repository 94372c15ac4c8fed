import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionaries";

/** The address of one page: page 1 has no `page` parameter, so each page has one address. */
export function getPageHref(basePath: string, target: number, query: Record<string, string> = {}): string {
  const params = new URLSearchParams(query);
  if (target > 1) params.set("page", String(target));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}

/**
 * Previous/next links with "page N of M". `query` holds the other parameters every page keeps
 * (a search's words and filters), before `page`.
 */
export function Pagination({
  basePath,
  page,
  pageCount,
  dictionary,
  query,
}: {
  basePath: string;
  page: number;
  pageCount: number;
  dictionary: Dictionary;
  query?: Record<string, string>;
}) {
  if (pageCount <= 1) return null;
  const href = (target: number) => getPageHref(basePath, target, query);
  return (
    <nav aria-label={dictionary.pagination} className="flex items-center justify-between gap-4 py-6 text-sm print:hidden">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="rounded border border-neutral-300 px-3 py-2 font-medium hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
          {dictionary.previousPage}
        </Link>
      ) : (
        <span />
      )}
      <span className="text-neutral-600 dark:text-neutral-400">{dictionary.pageOf.replace("{page}", String(page)).replace("{count}", String(pageCount))}</span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="rounded border border-neutral-300 px-3 py-2 font-medium hover:bg-neutral-100 dark:border-neutral-700 dark:hover:bg-neutral-800">
          {dictionary.nextPage}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
