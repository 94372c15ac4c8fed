import { escapeHtml, renderPendingImageHtml, renderPictureHtml } from "../media/picture-html";
import type { ImageVariant } from "../media/variants";
import { type ImageToRender, type RenderedMarkdown, renderMarkdown } from "./markdown";
import { isRemoteImageSource, toImageSource } from "./image-source";

/** What the body renderer needs to know about an image, when anything is known. */
export interface KnownImage {
  status: "pending" | "ready" | "failed";
  width: number | null;
  height: number | null;
  placeholder: string | null;
  variants: ImageVariant[];
}

export type ImageLookup = (source: string) => KnownImage | undefined;

function wrapStandalone(html: string, image: ImageToRender, captioned: boolean): string {
  return image.standalone && !captioned ? `<figure>${html}</figure>\n` : html;
}

/**
 * An article body as readers get it: processed images as responsive <picture>s, the rest as sized
 * boxes with their alt text and a link to the source, never a broken <img>. Images alone in their
 * paragraph are figures, captioned by their Markdown title.
 */
export function renderArticleBody(
  markdown: string,
  originPath: string,
  lookup: ImageLookup = () => undefined,
  siteRoot: string | null = null,
): RenderedMarkdown {
  return renderMarkdown(markdown, {
    renderImage(image) {
      const source = toImageSource(image.src, originPath, siteRoot);
      const known = source === null ? undefined : lookup(source);
      const caption = image.standalone ? image.title : null;
      if (known?.status === "ready" && known.width !== null && known.height !== null) {
        const picture = renderPictureHtml({
          image: { width: known.width, height: known.height, placeholder: known.placeholder, variants: known.variants },
          alt: image.alt,
          caption,
          eager: image.index === 0,
        });
        return wrapStandalone(picture, image, Boolean(caption));
      }
      const box = renderPendingImageHtml({
        alt: image.alt,
        sourceUrl: source !== null && isRemoteImageSource(source) ? source : "",
        width: known?.width ?? null,
        height: known?.height ?? null,
      });
      const captioned = caption ? `<figure>${box}<figcaption>${escapeHtml(caption)}</figcaption></figure>\n` : box;
      return wrapStandalone(captioned, image, Boolean(caption));
    },
  });
}
