import Link from "next/link";
import type { ArticleListItem } from "@/lib/db/articles";
import type { Dictionary } from "@/lib/i18n/dictionaries";

/** A section's newest headlines on the front page, with a link to the section. */
export function SectionBlock({
  section,
  articles,
  dictionary,
}: {
  section: { slug: string; name: string };
  articles: ArticleListItem[];
  dictionary: Dictionary;
}) {
  const headingId = `section-${section.slug}`;
  return (
    <section aria-labelledby={headingId} className="border-t-2 border-neutral-900 pt-3 dark:border-neutral-100">
      <h2 id={headingId} className="text-lg font-bold">
        <Link href={`/sections/${section.slug}`} className="hover:underline">
          {section.name}
        </Link>
      </h2>
      <ul className="mt-2 divide-y divide-neutral-200 dark:divide-neutral-800">
        {articles.map((article) => (
          <li key={article.slug} lang={article.language} className="py-2">
            <Link href={`/articles/${article.slug}`} className="font-medium hover:underline">
              {article.title}
            </Link>
          </li>
        ))}
      </ul>
      <p className="mt-2 text-sm">
        <Link href={`/sections/${section.slug}`} className="underline underline-offset-2">
          {dictionary.moreInSection.replace("{section}", section.name)}
        </Link>
      </p>
    </section>
  );
}
