import { type ArticleSource, ArticleSourceError } from "./article-source";
import { decodeTextFile } from "./decode-text";
import { parseFrontMatterArticle } from "./parse-front-matter";
import { findFileNameDate, parsePlainMarkdownArticle } from "./parse-plain-markdown";
import { looksLikeThepaperStyle, parseThepaperStyleArticle } from "./parse-thepaper-style";

const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/** A front matter block opened by `fence` on the first line: its text, where it starts, and the body after it. */
function splitFrontMatter(path: string, text: string, fence: "---" | "+++"): { block: string; body: string } {
  const closePattern = fence === "---" ? /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/ : /\n\+\+\+[ \t]*(?:\n|$)/;
  const close = closePattern.exec(text.slice(3));
  if (!close) throw new ArticleSourceError(path, 1, `front matter opened with ${fence} is never closed by a ${fence} line`);
  const blockStart = text.indexOf("\n") + 1;
  const blockEnd = 3 + close.index + 1;
  return { block: text.slice(blockStart, blockEnd), body: text.slice(3 + close.index + close[0].length) };
}

/**
 * Reads one Markdown file into an ArticleSource: YAML front matter between `---` lines or TOML
 * between `+++` lines (in the dialects front-matter-dialects.ts maps), else the thepaper.cn
 * layout, else plain Markdown (title from the first heading). Throws ArticleSourceError naming
 * the path, the line where known, and the reason.
 */
export function parseArticleFile(path: string, bytes: Uint8Array): ArticleSource {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ArticleSourceError(path, null, `the file is ${(bytes.length / 1048576).toFixed(1)} MiB; articles are limited to 2 MiB`);
  }
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new ArticleSourceError(path, null, decoded.reason);
  const text = decoded.text;
  for (const [fence, format, opening] of [["---", "yaml", /^---[ \t]*\n/], ["+++", "toml", /^\+\+\+[ \t]*\n/]] as const) {
    if (!opening.test(text)) continue;
    const { block, body } = splitFrontMatter(path, text, fence);
    return parseFrontMatterArticle(path, { format, text: block, firstLine: 2 }, body, { fileNameDate: findFileNameDate(path) });
  }
  if (!text.trim()) throw new ArticleSourceError(path, 1, "the file has no text");
  return (looksLikeThepaperStyle(text) ? parseThepaperStyleArticle(path, text) : null) ?? parsePlainMarkdownArticle(path, text);
}
