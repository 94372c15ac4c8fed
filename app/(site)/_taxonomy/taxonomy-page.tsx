import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ArticleListSection } from "@/components/article/article-list-section";
import { JsonLd } from "@/components/seo/json-ld";
import { env } from "@/lib/env";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { buildTaxonomyJsonLd } from "@/lib/seo/json-ld";
import { buildTaxonomyPageMetadata } from "@/lib/seo/metadata";
import { loadTaxonomyList, type TaxonomyKind } from "@/lib/taxonomy-lists";

export type TaxonomyPageProps = { params: Promise<{ slug: string }>; searchParams: Promise<{ page?: string | string[] }> };

/**
 * The section, tag and author pages are one page over different lists: each route file is this
 * factory's metadata and component for its kind.
 */
export function createTaxonomyPage(kind: TaxonomyKind) {
  async function load({ params, searchParams }: TaxonomyPageProps) {
    await connection();
    return loadTaxonomyList(kind, (await params).slug, (await searchParams).page);
  }

  async function generateMetadata(props: TaxonomyPageProps): Promise<Metadata> {
    const loaded = await load(props);
    if (!loaded) return {};
    return buildTaxonomyPageMetadata(loaded, getDictionary(env.SITE_LANGUAGE), env.SITE_LANGUAGE);
  }

  async function TaxonomyPage(props: TaxonomyPageProps) {
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

  return { generateMetadata, TaxonomyPage };
}
