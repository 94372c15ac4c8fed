import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import {
  TRUSTED_LINK_ATTRIBUTE,
  createNonce,
  fillSlots,
  isAllowedUrl,
  replaceTrustedPlaceholders,
  sanitizeArticleHtml,
  trustedPlaceholder,
} from "./sanitize-html";
import { configuredVideoProviders } from "./video-embeds";
import type { VideoProvider } from "./video-providers";

// The one Markdown renderer: ingest, the editor's preview and re-renders all come through here,
// so what an editor previews is what readers get.

export interface MarkdownImage {
  src: string;
  alt: string;
  title: string | null;
}

export interface ImageToRender extends MarkdownImage {
  /** 0-based order among the body's images. */
  index: number;
  /** The image is alone in its paragraph, so it is rendered as a figure. */
  standalone: boolean;
}

/** Returns the HTML for one image, or null to use the plain <img> rendering. */
export type ImageHtmlRenderer = (image: ImageToRender) => string | null;

export interface RenderedMarkdown {
  html: string;
  images: MarkdownImage[];
}

// markdown-it types attribute values as string | number; links and images only ever hold strings.
const getAttr = (token: Token, name: string): string => String(token.attrGet(name) ?? "");

function removeDisallowedLinks(children: Token[], createToken: (type: string) => Token): Token[] {
  const kept: Token[] = [];
  const droppedDepths: number[] = [];
  let depth = 0;
  for (const token of children) {
    if (token.type === "link_open") {
      depth += 1;
      if (!isAllowedUrl(getAttr(token, "href"))) {
        droppedDepths.push(depth);
        continue;
      }
    } else if (token.type === "link_close") {
      const dropped = droppedDepths.at(-1) === depth;
      depth -= 1;
      if (dropped) {
        droppedDepths.pop();
        continue;
      }
    } else if (token.type === "image" && !isAllowedUrl(getAttr(token, "src"))) {
      // Keep what the image said, drop where it pointed.
      const text = createToken("text");
      text.content = token.children ? toPlainText(token.children) : token.content;
      kept.push(text);
      continue;
    }
    kept.push(token);
  }
  return kept;
}

/** The text of inline tokens, as alt text wants it: no markup, escapes resolved. */
function toPlainText(tokens: Token[]): string {
  return tokens
    .map((token) => {
      if (token.type === "softbreak" || token.type === "hardbreak") return " ";
      if (token.type === "image") return toPlainText(token.children ?? []);
      // A tag in alt text is part of its words, as before raw HTML was parsed (markdown-it keeps it too).
      const literal = token.type === "text" || token.type === "text_special" || token.type === "code_inline" || token.type === "html_inline";
      return literal ? token.content : "";
    })
    .join("");
}

function isStandaloneImage(inline: Token | undefined): boolean {
  const children = inline?.children ?? [];
  const meaningful = children.filter((child) => !(child.type === "text" && child.content.trim() === "") && child.type !== "softbreak");
  return meaningful.length === 1 && meaningful[0]?.type === "image";
}

function createMarkdownIt(): MarkdownIt {
  // No linkify: a link is what the author marked as one. Guessing links in running text costs a
  // quarter of the render time and turns things like file names into links.
  // Raw HTML is parsed, then sanitized as a whole document when a body has any (renderMarkdown).
  const md = new MarkdownIt({ html: true, linkify: false, typographer: false });
  // Every destination is parsed, then judged by removeDisallowedLinks, so a refused link keeps its
  // text instead of showing its raw Markdown.
  md.validateLink = () => true;

  md.core.ruler.push("inkstone_links_and_figures", (state) => {
    const tokens = state.tokens;
    const createToken = (type: string) => new state.Token(type, "", 0);
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (token?.type === "inline" && token.children) token.children = removeDisallowedLinks(token.children, createToken);
    }
    for (let i = 1; i + 1 < tokens.length; i += 1) {
      const open = tokens[i - 1];
      const inline = tokens[i];
      const close = tokens[i + 1];
      if (open?.type === "paragraph_open" && close?.type === "paragraph_close" && isStandaloneImage(inline)) {
        open.hidden = true;
        close.hidden = true;
        const image = inline?.children?.find((child) => child.type === "image");
        if (image) image.meta = { ...image.meta, standalone: true };
      }
    }
  });
  return md;
}

const md = createMarkdownIt();
const escapeHtml = md.utils.escapeHtml;

function defaultImageHtml(image: ImageToRender): string {
  const loading = image.index === 0 ? `loading="eager"` : `loading="lazy"`;
  const img = `<img src="${escapeHtml(image.src)}" alt="${escapeHtml(image.alt)}" ${loading} decoding="async">`;
  if (!image.standalone) return img;
  const caption = image.title ? `<figcaption>${escapeHtml(image.title)}</figcaption>` : "";
  return `<figure>${img}${caption}</figure>\n`;
}

export interface RenderMarkdownOptions {
  renderImage?: ImageHtmlRenderer;
  /** Providers whose iframes become players; VIDEO_EMBEDS by default. */
  videoEmbeds?: readonly VideoProvider[];
}

interface MarkdownImageSlot extends MarkdownImage {
  standalone: boolean;
}

/**
 * Markdown to safe HTML and the images it uses, in order. Unsafe links are dropped; raw HTML is
 * reduced to an allowlist (lib/content/sanitize-html.ts), with iframes of allowed video providers
 * rebuilt as sandboxed players. Raw <img>s are images like Markdown's: listed, and drawn by
 * renderImage (never standalone). A body without raw HTML never meets the sanitizer.
 */
export function renderMarkdown(markdown: string, options: RenderMarkdownOptions = {}): RenderedMarkdown {
  const parserEnv = {};
  const tokens = md.parse(markdown, parserEnv);
  const markdownImages: MarkdownImageSlot[] = [];
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== "image") continue;
      child.meta = { ...child.meta, imageKey: markdownImages.length };
      markdownImages.push({
        src: getAttr(child, "src"),
        alt: child.children ? toPlainText(child.children) : child.content,
        title: getAttr(child, "title") || null,
        standalone: Boolean(child.meta?.standalone),
      });
    }
  }
  const drawImage = (slot: MarkdownImageSlot, index: number): string => {
    const image: ImageToRender = { src: slot.src, alt: slot.alt, title: slot.title, index, standalone: slot.standalone };
    return options.renderImage?.(image) ?? defaultImageHtml(image);
  };
  if (!needsSanitizer(tokens)) {
    const renderer = Object.create(md.renderer) as typeof md.renderer;
    renderer.rules = {
      ...md.renderer.rules,
      image: (imageTokens: Token[], idx: number) => {
        const key = imageKey(imageTokens[idx]);
        return drawImage(markdownImages[key] as MarkdownImageSlot, key);
      },
      // Only the plain tags needsSanitizer let through, written as the sanitizer would write them.
      html_inline: (inlineTokens: Token[], idx: number) => writePlainTag(inlineTokens[idx]?.content ?? ""),
    };
    return { html: renderer.render(tokens, md.options, parserEnv), images: markdownImages.map(toMarkdownImage) };
  }
  return renderWithRawHtml(tokens, parserEnv, markdownImages, drawImage, options.videoEmbeds ?? configuredVideoProviders());
}

// Raw HTML that needs no sanitizer (a body without any needs none either): line breaks, and inline formatting tags without attributes,
// balanced within their paragraph. Much of the raw HTML in archives is just this (a <br> in a
// poem, a <sup>1</sup>), which the sanitizer would keep exactly as it is, at a tenth of a
// millisecond per article.
const lineBreakTag = /^<(br|wbr)\s*\/?>$/i;
const plainInlineTag = /^<(\/?)(b|i|u|s|em|strong|sup|sub|small|mark|kbd|code|del|ins|q|cite|dfn|var|samp)>$/i;

function needsSanitizer(tokens: Token[]): boolean {
  for (const token of tokens) {
    if (token.type === "html_block") return true;
    const open: string[] = [];
    for (const child of token.children ?? []) {
      if (child.type !== "html_inline" || lineBreakTag.test(child.content)) continue;
      const tag = plainInlineTag.exec(child.content);
      if (!tag) return true;
      const name = tag[2]!.toLowerCase();
      if (!tag[1]) open.push(name);
      else if (open.pop() !== name) return true;
    }
    if (open.length > 0) return true;
  }
  return false;
}

function writePlainTag(content: string): string {
  const lineBreak = lineBreakTag.exec(content);
  if (lineBreak) return `<${lineBreak[1]!.toLowerCase()} />`;
  const tag = plainInlineTag.exec(content);
  return tag ? `<${tag[1]}${tag[2]!.toLowerCase()}>` : "";
}

const toMarkdownImage = ({ src, alt, title }: MarkdownImage): MarkdownImage => ({ src, alt, title });
const imageKey = (token: Token | undefined): number => token?.meta?.imageKey as number;
const isRawHtml = (token: Token): boolean =>
  token.type === "html_block" || token.children?.some((child) => child.type === "html_inline") === true;

/**
 * The body as one document through the sanitizer, which must see all of it to know which element
 * each piece of raw HTML belongs to. What is ours goes in as trusted placeholders and comes back
 * after: each image (renderImage's HTML has inline styles the allowlist drops) and each top-level
 * block without raw HTML (Markdown output is safe already; it is most of a body, and sanitizing
 * it would be most of the cost).
 */
function renderWithRawHtml(
  tokens: Token[],
  parserEnv: object,
  markdownImages: MarkdownImageSlot[],
  drawImage: (image: MarkdownImageSlot, index: number) => string,
  videoEmbeds: readonly VideoProvider[],
): RenderedMarkdown {
  const nonce = createNonce();
  const renderer = Object.create(md.renderer) as typeof md.renderer;
  renderer.rules = {
    ...md.renderer.rules,
    image: (imageTokens: Token[], idx: number) => trustedPlaceholder(nonce, imageKey(imageTokens[idx])),
  };
  // As Renderer.render does it, one token at a time, with the whole stream for context.
  const renderToken = (index: number): string => {
    const token = tokens[index] as Token;
    if (token.type === "inline") return renderer.renderInline(token.children ?? [], md.options, parserEnv);
    const rule = renderer.rules[token.type];
    return rule ? rule(tokens, index, md.options, parserEnv, renderer) : renderer.renderToken(tokens, index, md.options);
  };

  // Placeholder keys: 0… for Markdown images, then one per trusted block.
  const blocks: Array<{ html: string; hasImages: boolean }> = [];
  let trusted: { html: string; hasImages: boolean } | null = null;
  let document = "";
  for (let start = 0; start < tokens.length; ) {
    let end = start + 1;
    if (tokens[start]?.nesting === 1) while (end < tokens.length && !(tokens[end - 1]?.level === 0 && tokens[end - 1]?.nesting === -1)) end += 1;
    const block = tokens.slice(start, end);
    const hasRawHtml = block.some(isRawHtml);
    if (hasRawHtml) {
      for (const token of block) {
        for (const child of token.children ?? []) if (child.type === "link_open") child.attrSet(TRUSTED_LINK_ATTRIBUTE, nonce);
      }
    }
    let html = "";
    for (let index = start; index < end; index += 1) html += renderToken(index);
    const hasImages = block.some((token) => token.children?.some((child) => child.type === "image") === true);
    if (hasRawHtml) {
      document += html;
      trusted = null;
    } else if (trusted !== null) {
      // One placeholder for a run of blocks: each costs the sanitizer an element.
      trusted.html += html;
      trusted.hasImages ||= hasImages;
    } else {
      document += trustedPlaceholder(nonce, markdownImages.length + blocks.length);
      trusted = { html, hasImages };
      blocks.push(trusted);
    }
    start = end;
  }

  const sanitized = sanitizeArticleHtml(document, { nonce, videoEmbeds, normalizeImageSrc: (src) => md.normalizeLink(src) });
  // Numbered in the order they appear, Markdown and HTML images alike; ones inside dropped HTML are gone.
  const images: MarkdownImage[] = [];
  const drawNext = (image: MarkdownImageSlot): string => {
    images.push(toMarkdownImage(image));
    return drawImage(image, images.length - 1);
  };
  const drawMarkdownImage = (key: number): string => {
    const image = markdownImages[key];
    return image === undefined ? "" : drawNext(image);
  };
  const html = fillSlots(sanitized, (slot) => {
    if (slot.kind === "html") return slot.html;
    if (slot.kind === "image") return drawNext({ ...slot.image, standalone: false });
    if (slot.key < markdownImages.length) return drawMarkdownImage(slot.key);
    const block = blocks[slot.key - markdownImages.length];
    if (block === undefined) return "";
    return block.hasImages ? replaceTrustedPlaceholders(block.html, nonce, drawMarkdownImage) : block.html;
  });
  return { html, images };
}
