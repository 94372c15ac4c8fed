import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionaries";

/** Previous/next links with "page N of M"; page 1 is the bare URL, so each page has one address. */
export function Pagination({ basePath, page, pageCount, dictionary }: { basePath: string; page: number; pageCount: number; dictionary: Dictionary }) {
  if (pageCount <= 1) return null;
  const href = (target: number) => (target === 1 ? basePath : `${basePath}?page=${target}`);
  return (
    <nav aria-label={dictionary.pagination} className="flex items-center justify-between py-6 text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className="underline underline-offset-2">
          {dictionary.previousPage}
        </Link>
      ) : (
        <span />
      )}
      <span>{dictionary.pageOf.replace("{page}", String(page)).replace("{count}", String(pageCount))}</span>
      {page < pageCount ? (
        <Link href={href(page + 1)} rel="next" className="underline underline-offset-2">
          {dictionary.nextPage}
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
