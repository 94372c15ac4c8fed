import { createHmac, randomBytes } from "node:crypto";
import sanitize from "sanitize-html";
import { parseVideoEmbed, renderVideoEmbedHtml } from "./video-embeds";
import type { VideoProvider } from "./video-providers";

// Raw HTML in articles, reduced to an allowlist: what archives use for layout and text (tables,
// figures, details, <br>, <sup>, <center>…) stays; anything that runs script, loads or submits
// elsewhere, or styles itself over the page goes. The output holds only allowlisted elements with
// escaped text, and none whose content browsers parse by other rules (no raw text or foreign
// elements), so browsers read the output as the sanitizer wrote it.
//
// Some fragments must not be sanitized: the caller's own image HTML (inline styles) and the video
// players built here (iframes). They leave the sanitizer as slots, void elements that carry a
// per-call secret, and fillSlots puts the trusted HTML in their place afterwards.

const allowedSchemes = new Set(["http:", "https:", "mailto:"]);
const schemePattern = /^([a-z][a-z0-9+.-]*:)/i;

/** http(s), mailto and relative URLs pass; every other scheme (javascript:, data:, file:…) does not. */
export function isAllowedUrl(url: string): boolean {
  // Browsers drop tabs and newlines anywhere and control characters in front, so "java\tscript:" is javascript:.
  const cleaned = url.replace(/[\t\n\r]/g, "").replace(/^[\u0000-\u0020]+/, "");
  const scheme = schemePattern.exec(cleaned)?.[1]?.toLowerCase();
  return scheme === undefined || allowedSchemes.has(scheme);
}

/** An author's <img>, to be rendered like a Markdown image. */
export interface HtmlImage {
  src: string;
  alt: string;
  title: string | null;
}

export type HtmlSlot =
  /** A trustedPlaceholder the caller put in the input. */
  | { kind: "trusted"; key: number }
  /** An author's <img> whose src is allowed. */
  | { kind: "image"; image: HtmlImage }
  /** HTML built here from validated values: a video player. */
  | { kind: "html"; html: string };

export interface SanitizeHtmlOptions {
  /** From createNonce, new for each document: author HTML cannot know it, so cannot forge a slot. */
  nonce: string;
  /** Providers whose iframes become players; every other iframe is dropped. */
  videoEmbeds: readonly VideoProvider[];
  /** Applied to an allowed <img> src, so it names its file the way a Markdown image would. */
  normalizeImageSrc?: (src: string) => string;
}

export interface SanitizedHtml {
  /** Sanitized HTML with a slot element where each slot goes. */
  html: string;
  slots: HtmlSlot[];
  nonce: string;
}

/** Marks the caller's own links: they keep their attributes and get no rel="nofollow". */
export const TRUSTED_LINK_ATTRIBUTE = "data-inkstone-link";

const TRUSTED_ATTRIBUTE = "data-inkstone-trusted";
const SLOT_ATTRIBUTE = "data-inkstone-slot";

// Each nonce is a keyed hash of a counter under a random per-process secret: unguessable by author
// HTML like fresh random bytes, cheaper than asking the system for them every time, and one that
// leaks (a placeholder caught in a kept attribute) tells nothing about the next.
const processSecret = randomBytes(32);
let nonceCounter = 0;

export function createNonce(): string {
  nonceCounter += 1;
  return createHmac("sha256", processSecret).update(String(nonceCounter)).digest("hex").slice(0, 40);
}

// One compiled pattern each, for every nonce: a RegExp built per document starts in V8's
// interpreter every time, and scanning a body with it was a tenth of rendering one with raw HTML.
const trustedPlaceholderPattern = new RegExp(`<img ${TRUSTED_ATTRIBUTE}="([0-9a-f]+)-(\\d+)">`, "g");
const slotPattern = new RegExp(`<img ${SLOT_ATTRIBUTE}="([0-9a-f]+)-(\\d+)" />`, "g");

/** An element the sanitizer turns into a { kind: "trusted", key } slot, when `nonce` is this call's. */
export function trustedPlaceholder(nonce: string, key: number): string {
  return `<img ${TRUSTED_ATTRIBUTE}="${nonce}-${key}">`;
}

/** Replaces the trustedPlaceholders in HTML the caller made itself (never author HTML), in order. */
export function replaceTrustedPlaceholders(html: string, nonce: string, fill: (key: number) => string): string {
  return html.replace(trustedPlaceholderPattern, (match, found: string, key: string) => (found === nonce ? fill(Number(key)) : match));
}

const ALLOWED_TAGS = [
  "p", "div", "span", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "code", "kbd", "samp", "var",
  "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "abbr", "cite", "q", "dfn", "time",
  "sup", "sub", "br", "hr", "wbr", "ul", "ol", "li", "dl", "dt", "dd", "a",
  "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "colgroup", "col",
  "figure", "figcaption", "details", "summary", "ruby", "rt", "rp",
  // Only as slots: every author <img> is rewritten into one or dropped.
  "img",
];

// Dropped with everything inside: script and style, raw text and foreign content (where browsers
// and parsers disagree most), embedded documents and plugins, forms, and document-level elements.
const DROPPED_WITH_CONTENT = [
  "script", "style", "template", "noscript", "svg", "math", "textarea", "select", "option", "xmp",
  "noembed", "noframes", "plaintext", "iframe", "object", "embed", "applet", "form", "input", "button",
  "base", "meta", "link", "title", "head", "frameset", "frame", "audio", "video", "canvas",
];

// Old archives align with the attribute; on these it becomes the one style property kept.
const ALIGNABLE = new Set(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "caption", "tr", "th", "td"]);
const TEXT_ALIGN = /^(?:left|right|center|justify|start|end)$/i;

function alignToStyle(tag: string, attribs: sanitize.Attributes): sanitize.Tag {
  const align = attribs.align?.trim().toLowerCase();
  if (align === undefined || !TEXT_ALIGN.test(align)) return { tagName: tag, attribs };
  return { tagName: tag, attribs: { ...attribs, style: `text-align:${align}${attribs.style ? `;${attribs.style}` : ""}` } };
}

/** What one sanitizeArticleHtml call knows and collects. */
interface Run extends SanitizeHtmlOptions {
  slots: HtmlSlot[];
  // Renaming an element to a disallowed tag would leave sanitize-html's rename map stale for its
  // next sibling, so elements to drop or unwrap keep an allowed name and are recognised by their
  // attribute object (sanitize-html keeps it as the frame's) when exclusiveFilter sees them close.
  dropped: WeakSet<object>;
  unwrapped: WeakSet<object>;
}

// The options are built once, not per document (sanitize-html is synchronous, so the call in
// progress is the only one): building them per call was a measurable part of sanitizing.
let current: Run | null = null;

function run(): Run {
  if (current === null) throw new Error("sanitize-html transform outside sanitizeArticleHtml");
  return current;
}

function slot(value: HtmlSlot): sanitize.Tag {
  const { slots, nonce } = run();
  slots.push(value);
  return { tagName: "img", attribs: { [SLOT_ATTRIBUTE]: `${nonce}-${slots.length - 1}` }, text: "" };
}

function drop(): sanitize.Tag {
  const attribs = {};
  run().dropped.add(attribs);
  return { tagName: "img", attribs, text: "" };
}

function unwrap(tagName: string): sanitize.Tag {
  const attribs = {};
  run().unwrapped.add(attribs);
  return { tagName, attribs };
}

const transformTags: Record<string, sanitize.Transformer> = {
  img(_tag, attribs) {
    const { nonce, normalizeImageSrc } = run();
    const trusted = attribs[TRUSTED_ATTRIBUTE];
    if (trusted !== undefined && trusted.startsWith(`${nonce}-`)) {
      const key = trusted.slice(nonce.length + 1);
      if (/^\d{1,9}$/.test(key)) return slot({ kind: "trusted", key: Number(key) });
    }
    const src = (attribs.src ?? "").trim();
    if (src === "" || !isAllowedUrl(src)) return drop();
    const title = (attribs.title ?? "").trim();
    return slot({ kind: "image", image: { src: normalizeImageSrc ? normalizeImageSrc(src) : src, alt: attribs.alt ?? "", title: title || null } });
  },
  iframe(_tag, attribs) {
    // A srcdoc document would replace the player: nothing to rebuild it from.
    if (attribs.srcdoc !== undefined) return drop();
    const embed = parseVideoEmbed(attribs.src ?? "", run().videoEmbeds);
    return embed === null ? drop() : slot({ kind: "html", html: renderVideoEmbedHtml(embed, attribs.title ?? null) });
  },
  a(_tag, attribs) {
    const href = attribs.href;
    if (href === undefined || href.trim() === "" || !isAllowedUrl(href)) return unwrap("a");
    const kept: sanitize.Attributes = { href };
    if (attribs.title) kept.title = attribs.title;
    // Links the author wrote as HTML point wherever they like: no endorsement, no opener, no referrer.
    if (attribs[TRUSTED_LINK_ATTRIBUTE] !== run().nonce && /^\s*(?:https?:)?\/\//i.test(href)) kept.rel = "noopener noreferrer nofollow";
    return { tagName: "a", attribs: kept };
  },
  center: (_tag, attribs) => ({ tagName: "div", attribs: { ...attribs, style: "text-align:center" } }),
  strike: (_tag, attribs) => ({ tagName: "s", attribs }),
  tt: (_tag, attribs) => ({ tagName: "code", attribs }),
  ...Object.fromEntries([...ALIGNABLE].map((tag) => [tag, alignToStyle])),
};

const options: sanitize.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: {
    "*": ["dir", "lang", "style"],
    a: ["href", "title", "rel"],
    abbr: ["title"],
    dfn: ["title"],
    time: ["datetime"],
    ol: ["start", "reversed", "type"],
    th: ["colspan", "rowspan", "scope"],
    td: ["colspan", "rowspan"],
    col: ["span"],
    colgroup: ["span"],
    details: ["open"],
    img: [SLOT_ATTRIBUTE],
  },
  // Markdown's fenced code says its language this way; no other class is kept.
  allowedClasses: { code: [/^language-[\w-]+$/] },
  allowedStyles: { "*": { "text-align": [TEXT_ALIGN] } },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesByTag: {},
  allowProtocolRelative: true,
  disallowedTagsMode: "discard",
  nonTextTags: DROPPED_WITH_CONTENT,
  transformTags,
  exclusiveFilter: (frame) => (run().dropped.has(frame.attribs) ? true : run().unwrapped.has(frame.attribs) ? "excludeTag" : false),
};

/**
 * Sanitizes a whole document at once: markdown-it splits raw HTML around the Markdown inside it, so
 * only the full document shows which element each piece belongs to.
 */
export function sanitizeArticleHtml(html: string, settings: SanitizeHtmlOptions): SanitizedHtml {
  // A short or predictable secret would let author HTML forge slots.
  if (!/^[0-9a-f]{32,}$/.test(settings.nonce)) throw new Error("sanitizeArticleHtml needs a nonce from createNonce");
  const state: Run = { ...settings, slots: [], dropped: new WeakSet(), unwrapped: new WeakSet() };
  const outer = current;
  current = state;
  try {
    return { html: sanitize(html, options), slots: state.slots, nonce: state.nonce };
  } finally {
    current = outer;
  }
}

/** The sanitized HTML with each slot replaced by `fill`'s HTML, called in document order. */
export function fillSlots({ html, slots, nonce }: SanitizedHtml, fill: (slot: HtmlSlot) => string): string {
  if (slots.length === 0) return html;
  // sanitize-html writes a slot exactly so; author text cannot, its "<" is always escaped.
  return html.replace(slotPattern, (match, found: string, index: string) => {
    if (found !== nonce) return match;
    const slot = slots[Number(index)];
    return slot === undefined ? "" : fill(slot);
  });
}
