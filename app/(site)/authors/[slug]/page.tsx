import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ArticleListSection } from "@/components/article/article-list-section";
import { env } from "@/lib/env";
import { getFeedAlternateTypes } from "@/lib/feeds/feed-scope";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { loadTaxonomyList } from "@/lib/taxonomy-lists";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

async function load({ params, searchParams }: Props) {
  await connection();
  return loadTaxonomyList("author", (await params).slug, (await searchParams).page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return {};
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  const pageSuffix = loaded.list.page > 1 ? ` · ${dictionary.pageOf.replace("{page}", String(loaded.list.page)).replace("{count}", String(loaded.list.pageCount))}` : "";
  return {
    title: `${loaded.name}${pageSuffix}`,
    description: loaded.intro ?? `${dictionary.authorLabel}: ${loaded.name}`,
    alternates: {
      canonical: loaded.list.page > 1 ? `${loaded.basePath}?page=${loaded.list.page}` : loaded.basePath,
      // Repeats the layout's site feed, which an `alternates` object here would otherwise drop.
      types: getFeedAlternateTypes([{ kind: "site" }], dictionary),
    },
  };
}

export default async function AuthorPage(props: Props) {
  const loaded = await load(props);
  if (!loaded) notFound();
  return (
    <ArticleListSection
      heading={loaded.name}
      intro={loaded.intro}
      list={loaded.list}
      basePath={loaded.basePath}
      dictionary={getDictionary(env.SITE_LANGUAGE)}
    />
  );
}
