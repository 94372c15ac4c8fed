// The one-paragraph description of a page for <meta name="description">, Open Graph and JSON-LD.

const MAX_DESCRIPTION_CHARACTERS = 150;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

/** Text of the rendered body, enough for a fallback description (the renderer's HTML is well-formed). */
function htmlToText(html: string): string {
  return html.replace(/<[^>]*>/g, " ").replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_entity, name: string) => ENTITIES[name] ?? "");
}

/**
 * At most 150 characters (about what search engines show), cut at a space when one is near so
 * English keeps whole words; Chinese has none and is cut anywhere.
 */
export function clampDescription(text: string): string {
  const characters = [...text.replace(/\s+/g, " ").trim()];
  if (characters.length <= MAX_DESCRIPTION_CHARACTERS) return characters.join("");
  const cut = characters.slice(0, MAX_DESCRIPTION_CHARACTERS - 1).join("");
  const lastSpace = cut.lastIndexOf(" ");
  return `${(lastSpace > cut.length - 30 ? cut.slice(0, lastSpace) : cut).replace(/[\s,，、;；:：]+$/, "")}…`;
}

/** The summary points when the article has them, else the opening of its body. */
export function describeArticle(article: { summaryPoints: string[]; bodyHtml: string; title: string }): string {
  const summary = article.summaryPoints.join(" ");
  const text = summary.trim() !== "" ? summary : htmlToText(article.bodyHtml);
  return clampDescription(text.trim() !== "" ? text : article.title);
}
