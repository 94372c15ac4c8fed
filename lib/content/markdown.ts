import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";

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

const allowedSchemes = new Set(["http:", "https:", "mailto:"]);
const schemePattern = /^([a-z][a-z0-9+.-]*:)/i;

/** http(s), mailto and relative URLs pass; every other scheme (javascript:, data:, file:…) does not. */
export function isAllowedUrl(url: string): boolean {
  // Browsers drop tabs and newlines anywhere and control characters in front, so "java\tscript:" is javascript:.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const scheme = schemePattern.exec(cleaned)?.[1]?.toLowerCase();
  return scheme === undefined || allowedSchemes.has(scheme);
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
      return token.type === "text" || token.type === "text_special" || token.type === "code_inline" ? token.content : "";
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
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
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

/** Markdown to safe HTML (raw HTML is escaped, unsafe links dropped) and the images it uses, in order. */
export function renderMarkdown(markdown: string, options: { renderImage?: ImageHtmlRenderer } = {}): RenderedMarkdown {
  const env = {};
  const tokens = md.parse(markdown, env);
  const images: MarkdownImage[] = [];
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== "image") continue;
      const image: ImageToRender = {
        src: getAttr(child, "src"),
        alt: child.children ? toPlainText(child.children) : child.content,
        title: getAttr(child, "title") || null,
        index: images.length,
        standalone: Boolean(child.meta?.standalone),
      };
      images.push({ src: image.src, alt: image.alt, title: image.title });
      child.meta = { ...child.meta, image };
    }
  }
  const renderer = Object.create(md.renderer) as typeof md.renderer;
  renderer.rules = {
    ...md.renderer.rules,
    image: (imageTokens: Token[], idx: number) => {
      const image = imageTokens[idx]?.meta?.image as ImageToRender;
      return options.renderImage?.(image) ?? defaultImageHtml(image);
    },
  };
  return { html: renderer.render(tokens, md.options, env), images };
}
