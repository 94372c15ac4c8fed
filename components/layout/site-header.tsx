import Link from "next/link";
import type { Section } from "@/lib/db/taxonomy";
import type { Dictionary } from "@/lib/i18n/dictionaries";

export function SiteHeader({ dictionary, sections }: { dictionary: Dictionary; sections: Section[] }) {
  return (
    <header className="border-b border-neutral-200 dark:border-neutral-800">
      <div className="mx-auto flex max-w-5xl flex-wrap items-baseline justify-between gap-x-6 gap-y-2 px-4 py-4">
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight">
          {dictionary.siteName}
        </Link>
        <span className="text-sm text-neutral-600 dark:text-neutral-400">{dictionary.siteTagline}</span>
      </div>
      {sections.length > 0 ? (
        <nav aria-label={dictionary.sections} className="mx-auto max-w-5xl px-4 pb-3">
          <ul className="flex flex-wrap gap-x-5 gap-y-1 text-sm font-medium">
            {sections.map((section) => (
              <li key={section.slug}>
                <Link href={`/sections/${section.slug}`} className="hover:underline">
                  {section.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
    </header>
  );
}
