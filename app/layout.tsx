import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { themeInitScript } from "@/components/layout/theme";
import { getCachedSections } from "@/lib/cached-queries";
import { env } from "@/lib/env";
import { getFeedAlternateTypes } from "@/lib/feeds/feed-scope";
import { getDictionary } from "@/lib/i18n/dictionaries";
import "./globals.css";

const dictionary = getDictionary(env.SITE_LANGUAGE);

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: dictionary.siteName, template: `%s | ${dictionary.siteName}` },
  description: dictionary.siteTagline,
  // The site feed on every page; pages that set their own `alternates` must repeat it (Next replaces the object).
  alternates: { types: getFeedAlternateTypes([{ kind: "site" }], dictionary) },
  // No robots default: every page sets its own (lib/seo/metadata.ts), and a 404 keeps Next's noindex alone.
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Cached under the sections tag: an ingest that changes the sections refreshes every page's navigation.
  const sections = await getCachedSections();
  return (
    // The head script puts the reader's theme on <html> before React hydrates: its class and
    // data-theme differ from the server's HTML on purpose.
    <html lang={env.SITE_LANGUAGE} suppressHydrationWarning>
      <head>
        {/* Inline, before the app bundle: a stored choice applies before first paint, so no flash. */}
        <script dangerouslySetInnerHTML={{ __html: themeInitScript }} />
      </head>
      <body className="flex min-h-dvh flex-col bg-white font-sans text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">
        <a
          href="#main"
          className="sr-only z-50 rounded bg-neutral-900 font-medium text-white shadow-lg focus:not-sr-only focus:absolute focus:top-3 focus:left-3 focus:px-4 focus:py-2 print:hidden dark:bg-white dark:text-neutral-900"
        >
          {dictionary.skipToContent}
        </a>
        <SiteHeader dictionary={dictionary} sections={sections} />
        <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 sm:px-6">
          {children}
        </main>
        <SiteFooter dictionary={dictionary} />
      </body>
    </html>
  );
}
