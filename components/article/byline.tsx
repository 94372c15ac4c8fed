import type { BylineEntry } from "@/lib/db/articles";

/** 澎湃新闻记者 邵文: outlet and role before each name, as Chinese bylines are written. */
export function Byline({ authors, separator }: { authors: BylineEntry[]; separator: string }) {
  if (authors.length === 0) return null;
  return (
    <span className="byline">
      {authors.map((author, index) => (
        <span key={author.slug}>
          {index > 0 ? separator : null}
          {author.outlet || author.role ? `${author.outlet ?? ""}${author.role ?? ""} ` : null}
          <span className="font-medium">{author.name}</span>
        </span>
      ))}
    </span>
  );
}
