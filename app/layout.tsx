import type { Metadata } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { getDb } from "@/lib/db/client";
import { listSectionsWithPublishedArticles } from "@/lib/db/taxonomy";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import "./globals.css";

const dictionary = getDictionary(env.SITE_LANGUAGE);

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: dictionary.siteName, template: `%s | ${dictionary.siteName}` },
  description: dictionary.siteTagline,
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // The navigation lists the sections that have stories now, not at build time.
  await connection();
  const sections = await listSectionsWithPublishedArticles(await getDb());
  return (
    <html lang={env.SITE_LANGUAGE}>
      <body className="bg-white font-sans text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">
        <a
          href="#main"
          className="sr-only rounded bg-neutral-900 px-3 py-2 text-white focus:not-sr-only focus:absolute focus:top-2 focus:left-2 dark:bg-white dark:text-neutral-900"
        >
          {dictionary.skipToContent}
        </a>
        <SiteHeader dictionary={dictionary} sections={sections} />
        <main id="main" className="mx-auto max-w-5xl px-4">
          {children}
        </main>
        <SiteFooter dictionary={dictionary} />
      </body>
    </html>
  );
}
