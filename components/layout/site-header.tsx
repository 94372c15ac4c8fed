import Link from "next/link";
import type { Section } from "@/lib/db/taxonomy";
import type { Dictionary } from "@/lib/i18n/dictionaries";
import { SearchBox } from "./search-box";
import { SectionNav } from "./section-nav";
import { ThemeToggle } from "./theme-toggle";

export function SiteHeader({ dictionary, sections }: { dictionary: Dictionary; sections: Section[] }) {
  return (
    <header className="border-t-4 border-b border-t-red-800 border-b-neutral-200 print:hidden dark:border-t-red-400 dark:border-b-neutral-800">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-x-6 gap-y-3 px-4 py-3 sm:px-6 sm:py-5">
        <div className="min-w-0">
          <Link href="/" className="font-serif text-3xl leading-none font-black tracking-tight sm:text-4xl">
            {dictionary.siteName}
          </Link>
          <p className="mt-1.5 hidden text-sm text-neutral-600 sm:block dark:text-neutral-400">{dictionary.siteTagline}</p>
        </div>
        {/* Full width under the masthead on phones, beside the toggle from sm up; first in the
            source either way, so focus reaches the search before the display setting. */}
        <div className="order-last w-full sm:order-none sm:ml-auto sm:w-72">
          <SearchBox dictionary={dictionary} />
        </div>
        <ThemeToggle
          labels={{
            legend: dictionary.appearance,
            light: dictionary.themeLight,
            dark: dictionary.themeDark,
            system: dictionary.themeSystem,
          }}
        />
      </div>
      {sections.length > 0 ? <SectionNav label={dictionary.sections} sections={sections} /> : null}
    </header>
  );
}
