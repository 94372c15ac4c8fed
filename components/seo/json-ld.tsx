import { serializeJsonLd } from "@/lib/seo/json-ld";

/** One <script type="application/ld+json">, escaped so no text in the data can end the element. */
export function JsonLd({ data }: { data: object }) {
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
