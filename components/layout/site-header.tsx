import Link from "next/link";
import type { Dictionary } from "@/lib/i18n/dictionaries";

export function SiteHeader({ dictionary }: { dictionary: Dictionary }) {
  return (
    <header className="border-b border-neutral-200 dark:border-neutral-800">
      <div className="mx-auto flex max-w-5xl items-baseline justify-between gap-4 px-4 py-4">
        <Link href="/" className="font-serif text-2xl font-bold tracking-tight">
          {dictionary.siteName}
        </Link>
        <span className="text-sm text-neutral-600 dark:text-neutral-400">{dictionary.siteTagline}</span>
      </div>
    </header>
  );
}
