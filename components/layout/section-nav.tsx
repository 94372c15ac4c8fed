"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Section } from "@/lib/db/taxonomy";

/**
 * The section links under the masthead. A client component only to read the path: the root layout
 * is not re-rendered on navigation, so the server cannot mark the current section itself.
 * On phones the row scrolls sideways rather than wrapping into a block of links.
 */
export function SectionNav({ label, sections }: { label: string; sections: Section[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="border-t border-neutral-200 dark:border-neutral-800">
      <ul className="mx-auto flex max-w-6xl gap-x-1 overflow-x-auto px-2 text-[0.9375rem] font-medium whitespace-nowrap [scrollbar-width:thin] sm:px-4">
        {sections.map((section) => {
          const href = `/sections/${section.slug}`;
          const current = pathname === href;
          return (
            <li key={section.slug}>
              <Link
                href={href}
                aria-current={current ? "page" : undefined}
                className="block border-b-2 border-transparent px-2 py-2.5 focus-visible:-outline-offset-2 text-neutral-800 hover:border-neutral-400 hover:text-neutral-950 aria-[current=page]:border-red-800 aria-[current=page]:text-neutral-950 dark:text-neutral-200 dark:hover:border-neutral-500 dark:hover:text-white dark:aria-[current=page]:border-red-400 dark:aria-[current=page]:text-white"
              >
                {section.name}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
