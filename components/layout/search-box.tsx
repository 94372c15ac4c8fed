import { useId } from "react";
import type { Dictionary } from "@/lib/i18n/dictionaries";

/**
 * The site's search box: a plain GET form to /search, so it works without JavaScript. The label is
 * for screen readers; the placeholder and the button say the same to everyone else. The form is
 * named so that its landmark stays distinct from the search page's own form.
 */
export function SearchBox({ dictionary, defaultValue = "" }: { dictionary: Dictionary; defaultValue?: string }) {
  const id = useId();
  return (
    <form action="/search" method="get" role="search" aria-label={dictionary.searchLabel} className="flex w-full">
      <label htmlFor={id} className="sr-only">
        {dictionary.searchLabel}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        placeholder={dictionary.searchPlaceholder}
        maxLength={200}
        autoComplete="off"
        enterKeyHint="search"
        className="min-w-0 flex-1 rounded-l border border-r-0 border-neutral-400 bg-white px-3 py-1.5 text-sm text-neutral-900 placeholder:text-neutral-600 dark:border-neutral-600 dark:bg-neutral-900 dark:text-neutral-100 dark:placeholder:text-neutral-400"
      />
      <button
        type="submit"
        className="rounded-r border border-neutral-900 bg-neutral-900 px-3 py-1.5 text-sm font-medium text-white hover:bg-neutral-700 dark:border-neutral-100 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300"
      >
        {dictionary.searchSubmit}
      </button>
    </form>
  );
}
