import { VARIANT_FORMATS, isVariantKey, type ImageVariant, type VariantFormat } from "./variants";

// HTML strings for the Markdown renderer, which produces HTML rather than React elements. Every
// value that reaches the output goes through escapeHtml or is validated against a strict pattern.

export const DEFAULT_IMAGE_SIZES = "(min-width: 768px) 720px, 100vw";

/** The width the plain `src` (for browsers without srcset) aims at: an article column at 1x-1.5x. */
const FALLBACK_SRC_TARGET_WIDTH = 960;

export interface PictureImage {
  width: number;
  height: number;
  placeholder: string | null;
  variants: readonly ImageVariant[];
}

export interface RenderPictureOptions {
  image: PictureImage;
  alt: string;
  /** Plain text (escaped here). When given, the picture is wrapped in <figure> with <figcaption>. */
  caption?: string | null;
  /** The first image in view: load at once with high priority instead of lazily. */
  eager: boolean;
  sizes?: string;
  mediaBaseUrl?: string;
}

export function renderPictureHtml({
  image,
  alt,
  caption = null,
  eager,
  sizes = DEFAULT_IMAGE_SIZES,
  mediaBaseUrl = "/media",
}: RenderPictureOptions): string {
  const base = mediaBaseUrl.replace(/\/+$/, "");
  const byFormat = new Map<VariantFormat, ImageVariant[]>();
  for (const { format } of VARIANT_FORMATS) byFormat.set(format, usableVariants(image.variants, format));

  const jpegs = byFormat.get("jpeg") ?? [];
  // The <img> needs something every browser decodes; without JPEGs fall back to another format
  // rather than emit an <img> with no source.
  const fallback = jpegs.length > 0 ? jpegs : [...byFormat.values()].find((list) => list.length > 0);
  if (fallback === undefined) {
    return wrapInFigure(renderBox({ alt, width: image.width, height: image.height, link: null, reason: null }), caption);
  }

  const srcset = (variants: readonly ImageVariant[]): string =>
    variants.map((variant) => `${base}/${variant.key} ${variant.width}w`).join(", ");
  const sources = VARIANT_FORMATS.filter(({ format }) => format !== "jpeg")
    .map(({ format, contentType }) => {
      const variants = byFormat.get(format) ?? [];
      if (variants.length === 0 || variants === fallback) return "";
      return `<source type="${escapeHtml(contentType)}" srcset="${escapeHtml(srcset(variants))}" sizes="${escapeHtml(sizes)}">`;
    })
    .join("");

  const src = [...fallback].reverse().find((variant) => variant.width <= FALLBACK_SRC_TARGET_WIDTH) ?? fallback[0];
  const dimensions = validDimensions(image.width, image.height) ?? {
    width: fallback[fallback.length - 1]?.width ?? 1,
    height: fallback[fallback.length - 1]?.height ?? 1,
  };
  const attributes = [
    `src="${escapeHtml(`${base}/${src?.key ?? ""}`)}"`,
    `srcset="${escapeHtml(srcset(fallback))}"`,
    `sizes="${escapeHtml(sizes)}"`,
    `width="${dimensions.width}"`,
    `height="${dimensions.height}"`,
    `alt="${escapeHtml(alt)}"`,
    eager ? `loading="eager" fetchpriority="high"` : `loading="lazy"`,
    `decoding="async"`,
  ];
  const placeholder = image.placeholder ?? "";
  // Only a base64 image data URI goes into the style attribute: nothing else can break out of
  // url(...) into other CSS.
  if (/^data:image\/(?:webp|jpeg|png|avif|gif);base64,[A-Za-z0-9+/]+={0,2}$/.test(placeholder)) {
    attributes.push(`style="background-image:url(${placeholder});background-size:cover"`);
  }
  return wrapInFigure(`<picture>${sources}<img ${attributes.join(" ")}></picture>`, caption);
}

export interface RenderPendingImageOptions {
  alt: string;
  sourceUrl: string;
  /**
   * Shown inside the box. Pass it only where editors are the audience (preview, newsroom): a
   * fetch reason can name internal addresses and is noise to readers.
   */
  reason?: string | null;
  width?: number | null;
  height?: number | null;
}

/**
 * For an image that is not processed yet (or failed): a box of the right shape holding the alt
 * text and a link to the source, never an <img> that would show as broken.
 */
export function renderPendingImageHtml({ alt, sourceUrl, reason = null, width = null, height = null }: RenderPendingImageOptions): string {
  return renderBox({ alt, width, height, link: safeHttpUrl(sourceUrl), reason });
}

function renderBox({
  alt,
  width,
  height,
  link,
  reason,
}: {
  alt: string;
  width: number | null;
  height: number | null;
  link: URL | null;
  reason: string | null;
}): string {
  const dimensions = width !== null && height !== null ? validDimensions(width, height) : null;
  const ratio = dimensions ? `${dimensions.width} / ${dimensions.height}` : "16 / 9";
  const maxWidth = dimensions ? `max-width:${dimensions.width}px;` : "";
  const parts: string[] = [];
  if (alt.trim() !== "") parts.push(`<span class="media-pending-alt">${escapeHtml(alt)}</span>`);
  if (link !== null) {
    // The host name as link text: informative in any interface language.
    parts.push(
      `<a class="media-pending-source" href="${escapeHtml(link.href)}" rel="nofollow noopener noreferrer">${escapeHtml(link.hostname)}</a>`,
    );
  }
  if (reason !== null && reason.trim() !== "") {
    parts.push(`<small class="media-pending-reason">${escapeHtml(reason)}</small>`);
  }
  // <span>s so the box is valid where Markdown puts images: inside a <p>.
  return (
    `<span class="media-pending" data-media-status="pending" style="display:flex;flex-direction:column;` +
    `align-items:center;justify-content:center;gap:0.5em;box-sizing:border-box;width:100%;${maxWidth}` +
    `aspect-ratio:${ratio};padding:1em;text-align:center;overflow:hidden;background:rgba(127,127,127,0.12)">` +
    `${parts.join("")}</span>`
  );
}

function wrapInFigure(html: string, caption: string | null): string {
  if (caption === null || caption.trim() === "") return html;
  return `<figure>${html}<figcaption>${escapeHtml(caption)}</figcaption></figure>`;
}

/** Variants of one format that are safe to put in a srcset, widths ascending, one per width. */
function usableVariants(variants: readonly ImageVariant[], format: VariantFormat): ImageVariant[] {
  const byWidth = new Map<number, ImageVariant>();
  for (const variant of variants) {
    // The key pattern (hex, "w<digits>.<ext>") also guarantees no spaces or commas in srcset.
    if (variant.format !== format || !isVariantKey(variant.key)) continue;
    if (!validDimensions(variant.width, variant.height)) continue;
    byWidth.set(variant.width, variant);
  }
  return [...byWidth.values()].sort((a, b) => a.width - b.width);
}

function validDimensions(width: number, height: number): { width: number; height: number } | null {
  return Number.isSafeInteger(width) && Number.isSafeInteger(height) && width > 0 && height > 0 ? { width, height } : null;
}

function safeHttpUrl(value: string): URL | null {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => HTML_ESCAPES[character] ?? character);
}
