import Link from "next/link";
import type { BylineEntry } from "@/lib/db/articles";

/**
 * Chinese bylines put outlet and role before the name (澎湃新闻记者 邵文); English ones put the
 * name first and the role after it (Tom Fielding, contributing reporter).
 */
export function Byline({ authors, separator, language }: { authors: BylineEntry[]; separator: string; language: string }) {
  if (authors.length === 0) return null;
  const chinese = language.toLowerCase().startsWith("zh");
  return (
    <span className="byline">
      {authors.map((author, index) => (
        <span key={author.slug}>
          {index > 0 ? separator : null}
          {chinese && (author.outlet || author.role) ? `${author.outlet ?? ""}${author.role ?? ""} ` : null}
          <Link href={`/authors/${author.slug}`} className="font-medium hover:underline">
            {author.name}
          </Link>
          {!chinese && author.role ? ` (${author.role})` : null}
        </span>
      ))}
    </span>
  );
}
