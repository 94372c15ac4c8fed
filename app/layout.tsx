import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/layout/site-footer";
import { SiteHeader } from "@/components/layout/site-header";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import "./globals.css";

const dictionary = getDictionary(env.SITE_LANGUAGE);

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: dictionary.siteName, template: `%s | ${dictionary.siteName}` },
  description: dictionary.siteTagline,
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang={env.SITE_LANGUAGE}>
      <body className="bg-white font-sans text-neutral-900 antialiased dark:bg-neutral-950 dark:text-neutral-100">
        <SiteHeader dictionary={dictionary} />
        <main id="main" className="mx-auto max-w-5xl px-4">
          {children}
        </main>
        <SiteFooter dictionary={dictionary} />
      </body>
    </html>
  );
}
