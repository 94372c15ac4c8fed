import { createHash } from "node:crypto";
import sharp from "sharp";

// The picture a link preview or a search result shows for a page with no usable cover: the
// headline, its section and the site name on a plain card. Text goes through libvips' Pango
// renderer, which wraps by the Unicode line-breaking rules (Chinese between any two characters,
// with its punctuation rules; English at spaces) and finds glyphs through fontconfig. Debian's
// fonts-noto-cjk supplies them: without it every Chinese character comes out as a hex box.

/** The shapes generated: Open Graph's 1.91:1 card and the three crops Google asks for in JSON-LD. */
export const SOCIAL_IMAGE_SHAPES = {
  og: { width: 1200, height: 630 },
  "16x9": { width: 1200, height: 675 },
  "4x3": { width: 1200, height: 900 },
  "1x1": { width: 1200, height: 1200 },
} as const;

export type SocialImageShape = keyof typeof SOCIAL_IMAGE_SHAPES;

export function isSocialImageShape(value: string): value is SocialImageShape {
  return Object.hasOwn(SOCIAL_IMAGE_SHAPES, value);
}

export interface SocialCard {
  title: string;
  /** The section's name above the title; null for none. */
  kicker: string | null;
  siteName: string;
  /** BCP 47 tag of the title: picks the regional glyph forms (Simplified Chinese for zh-CN). */
  language: string;
}

// Changing the drawing below must change every URL, since they are served as immutable.
const RENDER_VERSION = 1;
const MAX_TITLE_CHARACTERS = 120;
const BACKGROUND = "#faf7f2";
const ACCENT = "#991b1b";
const INK = "#171717";
const MUTED = "#525252";
const MARGIN = 80;
const TITLE_SIZE = 64;
const KICKER_SIZE = 30;
const SITE_NAME_SIZE = 34;

/** Short content hash of everything drawn: part of the image URL, so a new title is a new URL. */
export function getSocialCardVersion(card: SocialCard): string {
  const drawn = JSON.stringify([RENDER_VERSION, card.title, card.kicker, card.siteName, card.language]);
  return createHash("sha256").update(drawn).digest("hex").slice(0, 16);
}

/** The font for a language: the CJK family covers Latin too, so one family serves both. */
function fontFamilyFor(language: string, style: "serif" | "sans"): string {
  const region = /^zh-(tw|hk|mo|hant)/i.test(language) ? "TC" : /^ja/i.test(language) ? "JP" : /^ko/i.test(language) ? "KR" : "SC";
  return `Noto ${style === "serif" ? "Serif" : "Sans"} CJK ${region}`;
}

/** Pango markup is XML: titles are untrusted text and must not open or close spans. */
function escapeMarkup(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;").replaceAll("'", "&#39;");
}

/** Very long titles are cut (at a space when one is near, so English keeps whole words). */
function clampTitle(title: string): string {
  const characters = [...title.replace(/\s+/g, " ").trim()];
  if (characters.length <= MAX_TITLE_CHARACTERS) return characters.join("");
  const cut = characters.slice(0, MAX_TITLE_CHARACTERS - 1).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > cut.length - 24 ? cut.slice(0, lastSpace) : cut}…`;
}

interface TextBlock {
  input: Buffer;
  width: number;
  height: number;
}

async function renderText(
  text: string,
  options: { font: string; size: number; colour: string; language: string; width: number; maxHeight?: number },
): Promise<TextBlock> {
  const markup = `<span foreground="${options.colour}" lang="${escapeMarkup(options.language)}">${escapeMarkup(text)}</span>`;
  const base = { text: markup, font: `${options.font} ${options.size}`, width: options.width, rgba: true, wrap: "word-char" as const };
  // At 72 dpi a point is a pixel, so the font size is the size drawn.
  let rendered = await sharp({ text: { ...base, dpi: 72 } }).png().toBuffer({ resolveWithObject: true });
  if (options.maxHeight !== undefined && rendered.info.height > options.maxHeight) {
    // Too long for the box at the preferred size: libvips picks the largest size that fits.
    rendered = await sharp({ text: { ...base, height: options.maxHeight } }).png().toBuffer({ resolveWithObject: true });
  }
  return { input: rendered.data, width: rendered.info.width, height: rendered.info.height };
}

/** A PNG of the card at one of the shapes; the title is shrunk to fit when it is long. */
export async function renderSocialImage(card: SocialCard, shape: SocialImageShape): Promise<Buffer> {
  const { width, height } = SOCIAL_IMAGE_SHAPES[shape];
  const textWidth = width - 2 * MARGIN;
  const siteName = await renderText(card.siteName, {
    font: `${fontFamilyFor(card.language, "serif")} Bold`,
    size: SITE_NAME_SIZE,
    colour: INK,
    language: card.language,
    width: textWidth,
  });
  const kicker = card.kicker
    ? await renderText(card.kicker, {
        font: `${fontFamilyFor(card.language, "sans")} Bold`,
        size: KICKER_SIZE,
        colour: ACCENT,
        language: card.language,
        width: textWidth,
      })
    : null;
  const titleTop = MARGIN + 16 + (kicker ? kicker.height + 28 : 0);
  const footerTop = height - MARGIN - siteName.height;
  const title = await renderText(clampTitle(card.title), {
    font: `${fontFamilyFor(card.language, "serif")} Bold`,
    size: TITLE_SIZE,
    colour: INK,
    language: card.language,
    width: textWidth,
    maxHeight: footerTop - 40 - titleTop,
  });
  const rule = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">` +
      `<rect width="${width}" height="16" fill="${ACCENT}"/>` +
      `<rect x="${MARGIN}" y="${footerTop - 24}" width="${textWidth}" height="2" fill="${MUTED}"/>` +
      `</svg>`,
  );
  return sharp({ create: { width, height, channels: 3, background: BACKGROUND } })
    .composite([
      { input: rule, top: 0, left: 0 },
      ...(kicker ? [{ input: kicker.input, top: MARGIN + 16, left: MARGIN }] : []),
      { input: title.input, top: titleTop, left: MARGIN },
      { input: siteName.input, top: footerTop, left: MARGIN },
    ])
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** Whose card it is: the site (home page), a section, or an article. */
export type SocialImageScope = { kind: "site" } | { kind: "section" | "article"; slug: string };

const SCOPE_PREFIX = { site: "/social/site", section: "/social/sections", article: "/social/articles" } as const;

/** "/social/articles/<slug>/og-<version>.png": the version makes the URL change with the drawing. */
export function getSocialImagePath(scope: SocialImageScope, shape: SocialImageShape, card: SocialCard): string {
  const folder = scope.kind === "site" ? SCOPE_PREFIX.site : `${SCOPE_PREFIX[scope.kind]}/${scope.slug}`;
  return `${folder}/${shape}-${getSocialCardVersion(card)}.png`;
}

const FILE_PATTERN = /^(og|16x9|4x3|1x1)-([a-f0-9]{16})\.png$/;

/** The shape and version named by the last path segment, or null for anything else. */
export function parseSocialImageFile(file: string): { shape: SocialImageShape; version: string } | null {
  const match = FILE_PATTERN.exec(file);
  const shape = match?.[1];
  const version = match?.[2];
  return shape !== undefined && version !== undefined && isSocialImageShape(shape) ? { shape, version } : null;
}

/** The card of an article: its title in its own language, under its section's name. */
export function getArticleSocialCard(
  article: { title: string; language: string; section: { name: string } | null },
  siteName: string,
): SocialCard {
  return { title: article.title, kicker: article.section?.name ?? null, siteName, language: article.language };
}
