import { useId } from "react";
import type { Section } from "@/lib/db/taxonomy";
import type { Dictionary } from "@/lib/i18n/dictionaries";

const fieldClass =
  "rounded border border-neutral-400 bg-white px-3 py-1.5 text-sm text-neutral-900 dark:border-neutral-600 dark:bg-neutral-900 dark:text-neutral-100";

/** The search page's own form: the words and the filters, a plain GET form that needs no JavaScript. */
export function SearchForm({
  dictionary,
  sections,
  values,
}: {
  dictionary: Dictionary;
  sections: Section[];
  values: { query: string; sectionSlug: string | null; from: string | null; to: string | null };
}) {
  const id = useId();
  return (
    <form action="/search" method="get" role="search" aria-label={dictionary.searchWithFilters} className="mt-4 space-y-3">
      <div className="flex">
        <label htmlFor={`${id}-q`} className="sr-only">
          {dictionary.searchLabel}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          name="q"
          defaultValue={values.query}
          placeholder={dictionary.searchPlaceholder}
          maxLength={200}
          autoComplete="off"
          enterKeyHint="search"
          className={`${fieldClass} min-w-0 flex-1 rounded-r-none border-r-0 text-base`}
        />
        <button
          type="submit"
          className="rounded-r border border-neutral-900 bg-neutral-900 px-4 py-1.5 font-medium text-white hover:bg-neutral-700 dark:border-neutral-100 dark:bg-neutral-100 dark:text-neutral-900 dark:hover:bg-neutral-300"
        >
          {dictionary.searchSubmit}
        </button>
      </div>
      <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-2 text-sm">
        <legend className="sr-only">{dictionary.searchFilters}</legend>
        <label className="flex flex-col gap-1">
          <span className="text-neutral-700 dark:text-neutral-300">{dictionary.searchSectionLabel}</span>
          <select name="section" defaultValue={values.sectionSlug ?? ""} className={fieldClass}>
            <option value="">{dictionary.searchAllSections}</option>
            {sections.map((section) => (
              <option key={section.slug} value={section.slug}>
                {section.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-neutral-700 dark:text-neutral-300">{dictionary.searchFromLabel}</span>
          <input type="date" name="from" defaultValue={values.from ?? ""} className={fieldClass} />
        </label>
        <label className="flex flex-col gap-1">
          <span className="text-neutral-700 dark:text-neutral-300">{dictionary.searchToLabel}</span>
          <input type="date" name="to" defaultValue={values.to ?? ""} className={fieldClass} />
        </label>
      </fieldset>
    </form>
  );
}
