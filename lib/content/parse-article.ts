import { type ArticleSource, ArticleSourceError } from "./article-source";
import { decodeTextFile } from "./decode-text";
import { parseFrontMatterArticle } from "./parse-front-matter";
import { looksLikeThepaperStyle, parseThepaperStyleArticle } from "./parse-thepaper-style";

const MAX_ARTICLE_BYTES = 2 * 1024 * 1024;

/**
 * Reads one Markdown file into an ArticleSource: YAML front matter when the file starts with
 * `---`, else the thepaper.cn layout. Throws ArticleSourceError naming the path, the line where
 * known, and the reason.
 */
export function parseArticleFile(path: string, bytes: Uint8Array): ArticleSource {
  if (bytes.length > MAX_ARTICLE_BYTES) {
    throw new ArticleSourceError(path, null, `the file is ${(bytes.length / 1048576).toFixed(1)} MiB; articles are limited to 2 MiB`);
  }
  const decoded = decodeTextFile(bytes);
  if (!decoded.ok) throw new ArticleSourceError(path, null, decoded.reason);
  const text = decoded.text;
  if (/^---[ \t]*\n/.test(text)) {
    const close = /\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text.slice(3));
    if (!close) throw new ArticleSourceError(path, 1, "front matter opened with --- is never closed by a --- line");
    const yamlStart = text.indexOf("\n") + 1;
    const yamlEnd = 3 + close.index + 1;
    const bodyStart = 3 + close.index + close[0].length;
    return parseFrontMatterArticle(path, text.slice(yamlStart, yamlEnd), 2, text.slice(bodyStart));
  }
  if (looksLikeThepaperStyle(text)) return parseThepaperStyleArticle(path, text);
  throw new ArticleSourceError(path, 1, "expected YAML front matter (a first line of ---) or a `# title` line");
}
