import type { ImageRecord } from "@/lib/db/images";
import { renderPictureHtml } from "@/lib/media/picture-html";

/**
 * A list's cover image, through the same <picture> markup as article bodies. Nothing at all when
 * the image is not processed yet: a list has no room for a placeholder box.
 */
export function CoverPicture({
  image,
  alt,
  sizes,
  eager = false,
  className,
}: {
  image: ImageRecord;
  alt: string;
  sizes: string;
  eager?: boolean;
  className?: string;
}) {
  if (image.status !== "ready" || image.width === null || image.height === null) return null;
  const html = renderPictureHtml({
    image: { width: image.width, height: image.height, placeholder: image.placeholder, variants: image.variants },
    alt,
    eager,
    sizes,
  });
  return <div className={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
