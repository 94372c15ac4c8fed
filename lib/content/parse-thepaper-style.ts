import { type ArticleSource, ArticleSourceError, type BylineAuthor, withoutFrontMatter } from "./article-source";
import { detectLanguage, getDefaultTimeZone } from "./language";
import { isValidTimeZone, parseDateTimeInZone } from "./zoned-time";

// Files without front matter, written the way thepaper.cn reports read when copied out:
//
//   # title
//   **澎湃新闻记者 邵文**            byline: outlet+role, then names
//   **2023-10-24 15:04**             Beijing time unless an IANA zone follows the time
//   **https://m.thepaper.cn/…**      source URL
//   ·summary point                   one or more, each starting with a middle dot
//   body…

const boldLinePattern = /^\*\*(.+?)\*\*\s*$/;
const dateLinePattern = /^(\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?)?)(?:\s+([A-Za-z_]+\/[A-Za-z_/+-]+))?$/;
const urlPattern = /^https?:\/\/\S+$/;
const summaryMarker = /^[·•]\s*/;
// Longest first, so 首席记者 is not read as 首席 + 记者.
const bylineRoles = ["特约撰稿人", "首席记者", "特约记者", "实习记者", "见习记者", "通讯员", "实习生", "撰稿人", "评论员", "记者", "编辑", "主笔"];

/** 澎湃新闻记者 邵文 实习生 王五 → 邵文 (澎湃新闻, 记者), 王五 (澎湃新闻, 实习生). */
export function parseByline(byline: string): { authors: BylineAuthor[]; outlet: string | null } {
  const authors: BylineAuthor[] = [];
  let outlet: string | null = null;
  let role: string | null = null;
  for (const word of byline.split(/[\s,，、]+/).filter(Boolean)) {
    const matchedRole = bylineRoles.find((candidate) => word.endsWith(candidate));
    if (matchedRole) {
      const prefix = word.slice(0, -matchedRole.length);
      if (prefix) outlet = prefix;
      role = matchedRole;
    } else {
      authors.push({ name: word, role, outlet });
    }
  }
  return { authors, outlet };
}

const bareImagePattern = /^!\[\]\((\S+)\)$/;
const CAPTION_MAX_LENGTH = 120;

/**
 * thepaper.cn sets each photo's caption as the short paragraph right under it, and leaves the
 * image without alt text. That paragraph becomes the image's alt text and caption, so screen
 * readers describe the photo and the page shows a proper figure caption.
 */
export function attachPhotoCaptions(body: string): string {
  const paragraphs = body.split(/\n{2,}/);
  const out: string[] = [];
  for (let i = 0; i < paragraphs.length; i += 1) {
    const paragraph = paragraphs[i]!.trim();
    const image = bareImagePattern.exec(paragraph);
    const next = paragraphs[i + 1]?.trim();
    const isCaption =
      next !== undefined && next.length <= CAPTION_MAX_LENGTH && !next.includes("\n") && !/^([#>*\-+|!]|\d+\.)/.test(next);
    if (image && isCaption) {
      const alt = next.replace(/[\\[\]]/g, (character) => `\\${character}`);
      const title = next.replace(/[\\"]/g, (character) => `\\${character}`);
      out.push(`![${alt}](${image[1]} "${title}")`);
      i += 1;
    } else {
      out.push(paragraphs[i]!);
    }
  }
  return out.join("\n\n");
}

export function looksLikeThepaperStyle(text: string): boolean {
  return /^#\s+\S/.test(text.trimStart());
}

/** A thepaper-style file, or null when the file has no date line under its title (see above). */
export function parseThepaperStyleArticle(path: string, text: string): ArticleSource | null {
  const lines = text.split("\n");
  const fail = (lineIndex: number | null, reason: string): never => {
    throw new ArticleSourceError(path, lineIndex === null ? null : lineIndex + 1, reason);
  };
  let i = 0;
  while (i < lines.length && lines[i]!.trim() === "") i += 1;
  // A closing run of #s counts only after a space, so "# 从Java转向C#" keeps its #.
  const titleMatch = /^#\s+(.+?)(?:\s+#+)?\s*$/.exec(lines[i] ?? "");
  if (!titleMatch) fail(i, "expected front matter (---) or a `# title` line");
  const title = titleMatch![1]!.trim();
  i += 1;

  let byline: string | null = null;
  let dateText: string | null = null;
  let dateLine = 0;
  let timeZone: string | null = null;
  let sourceUrl: string | null = null;
  let unexpected: { index: number; text: string } | null = null;
  for (; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    const bold = boldLinePattern.exec(line)?.[1]?.trim();
    if (bold === undefined) break;
    const date = dateLinePattern.exec(bold);
    if (date) {
      dateText = date[1]!;
      dateLine = i;
      if (date[2]) {
        if (!isValidTimeZone(date[2])) fail(i, `"${date[2]}" is not an IANA time zone such as Asia/Shanghai`);
        timeZone = date[2];
      }
    } else if (urlPattern.test(bold)) {
      sourceUrl = bold;
    } else if (byline === null) {
      byline = bold;
    } else {
      unexpected ??= { index: i, text: bold };
    }
  }
  // Without its date line the bold lines were never a thepaper header: a newsletter's bold lead,
  // say. parsePlainMarkdownArticle reads such files.
  if (dateText === null) return null;
  if (unexpected) {
    fail(unexpected.index, `unexpected header line "${unexpected.text}": expected a byline, a date like 2023-10-24 15:04, or a source URL`);
  }

  const summaryPoints: string[] = [];
  for (; i < lines.length; i += 1) {
    const line = lines[i]!.trim();
    if (line === "") continue;
    if (!summaryMarker.test(line)) break;
    summaryPoints.push(line.replace(summaryMarker, "").trim());
  }

  const bodyMarkdown = attachPhotoCaptions(lines.slice(i).join("\n").trim());
  if (!bodyMarkdown) fail(null, "the article has no body after its header");
  const language = detectLanguage(`${title}\n${bodyMarkdown}`);
  const zone = timeZone ?? getDefaultTimeZone("zh-CN");
  const publishedAt = parseDateTimeInZone(dateText, zone);
  if (!publishedAt) fail(dateLine, `"${dateText}" is not a real date and time`);
  const { authors, outlet } = byline === null ? { authors: [], outlet: null } : parseByline(byline);

  return {
    title,
    publishedAt,
    revisedAt: null,
    timeZone: zone,
    authors,
    section: null,
    tags: [],
    summaryPoints,
    language,
    status: "published",
    sourceName: outlet,
    sourceUrl,
    cover: null,
    bodyMarkdown,
    ...withoutFrontMatter(),
    unknownTemplateTags: [],
    undated: false,
  };
}
