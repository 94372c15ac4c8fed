import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ArticleListSection } from "@/components/article/article-list-section";
import { JsonLd } from "@/components/seo/json-ld";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { buildTaxonomyJsonLd } from "@/lib/seo/json-ld";
import { buildTaxonomyPageMetadata } from "@/lib/seo/metadata";
import { loadTaxonomyList } from "@/lib/taxonomy-lists";

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

async function load({ params, searchParams }: Props) {
  await connection();
  return loadTaxonomyList("section", (await params).slug, (await searchParams).page);
}

export async function generateMetadata(props: Props): Promise<Metadata> {
  const loaded = await load(props);
  if (!loaded) return {};
  return buildTaxonomyPageMetadata(loaded, getDictionary(env.SITE_LANGUAGE), env.SITE_LANGUAGE);
}

export default async function SectionPage(props: Props) {
  const loaded = await load(props);
  if (!loaded) notFound();
  const dictionary = getDictionary(env.SITE_LANGUAGE);
  return (
    <>
      {buildTaxonomyJsonLd(loaded, dictionary.siteName).map((data, index) => (
        <JsonLd key={index} data={data} />
      ))}
      <ArticleListSection heading={loaded.name} intro={loaded.intro} list={loaded.list} basePath={loaded.basePath} dictionary={dictionary} />
    </>
  );
}
