import type { Dictionary } from "@/lib/i18n/dictionaries";

export function SiteFooter({ dictionary }: { dictionary: Dictionary }) {
  return (
    <footer className="mt-16 border-t border-neutral-200 dark:border-neutral-800">
      <p className="mx-auto max-w-5xl px-4 py-6 text-sm text-neutral-600 dark:text-neutral-400">
        © {dictionary.siteName}
      </p>
    </footer>
  );
}
