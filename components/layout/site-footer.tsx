import type { Dictionary } from "@/lib/i18n/dictionaries";

export function SiteFooter({ dictionary }: { dictionary: Dictionary }) {
  return (
    <footer className="mt-16 border-t-4 border-neutral-900 bg-neutral-50 print:hidden dark:border-neutral-100 dark:bg-neutral-900">
      <div className="mx-auto flex max-w-6xl flex-col gap-1 px-4 py-8 sm:flex-row sm:items-baseline sm:justify-between sm:px-6">
        <p className="font-serif text-xl font-bold">{dictionary.siteName}</p>
        <p className="text-sm text-neutral-600 dark:text-neutral-400">
          {dictionary.siteTagline} · © {dictionary.siteName}
        </p>
      </div>
    </footer>
  );
}
