import { type ArticleSource, ArticleSourceError, withoutFrontMatter } from "./article-source";
import { detectLanguage, getDefaultTimeZone } from "./language";
import { convertTemplateTags } from "./template-tags";
import { parseArchiveDateTime } from "./zoned-time";

// Files with neither front matter nor a thepaper-style header: newsletters, notes, exports from
// writing tools. The title is the first heading (else the first line, else the file name); the date
// comes from the file name or a date on its own line near the top; with no date at all the file
// goes in as a draft, which ingest dates by the file's modification time and reports.

const MAX_TITLE_LENGTH = 300;
/** How many non-blank lines under the title are searched for a date line. */
const DATE_SEARCH_LINES = 5;

/** A first-level heading at the top of a body, ATX (`# Title`) or setext (`Title` over `===`). */
export function takeLeadingTitle(body: string): { title: string; rest: string } | null {
  const text = body.replace(/^\s*\n/, "");
  const lines = text.split("\n");
  const first = lines[0] ?? "";
  // A closing run of #s counts only after a space, so "# 从Java转向C#" keeps its #.
  const atx = /^ {0,3}#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(first);
  if (atx) return { title: atx[1]!.trim(), rest: lines.slice(1).join("\n") };
  if (first.trim() && /^ {0,3}=+[ \t]*$/.test(lines[1] ?? "")) return { title: first.trim(), rest: lines.slice(2).join("\n") };
  return null;
}

/** The name a post goes by, without its extension: its file's, or for a page bundle's index.md its folder's. */
export function toPostName(filePath: string): string {
  const parts = filePath.split("/");
  const name = parts.at(-1)!.replace(/\.(md|markdown)$/i, "");
  return /^(index|readme|_index)$/i.test(name) ? (parts.at(-2) ?? "") : name;
}

/**
 * The date a post's name starts with: 2024-05-17-title.md, 20240517-title.md, 2024-05-17.md,
 * 2024-05-17-title/index.md. Null when there is none.
 */
export function findFileNameDate(filePath: string): string | null {
  const match = /^(\d{4})-?(\d{2})-?(\d{2})(?:$|[-_ .])/.exec(toPostName(filePath));
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
}

/** The words of a file name, as a title of last resort: "2024-05-17-weekly-notes.md" → "weekly notes". */
function titleFromFileName(filePath: string): string {
  const name = filePath.split("/").at(-1)!.replace(/\.(md|markdown)$/i, "");
  const words = name.replace(/^\d{4}-?\d{2}-?\d{2}[-_ .]?/, "").replace(/[-_]+/g, " ").trim();
  return words || name;
}

/** A line that is only a date, maybe emphasised or labelled: "**2024-05-17**", "Date: May 17, 2024", "日期：2024年5月17日". */
function readDateLine(line: string, timeZone: string): Date | null {
  const bare = line
    .trim()
    .replace(/^([*_]{1,2})(.+)\1$/, "$2")
    .replace(/^(date|published|posted|posted on|日期|时间|发布时间|发表于)\s*[:：]?\s*/i, "")
    .trim();
  return bare.length >= 8 && bare.length <= 40 ? parseArchiveDateTime(bare, timeZone) : null;
}

export function parsePlainMarkdownArticle(filePath: string, text: string): ArticleSource {
  let lines = text.split("\n");
  const heading = takeLeadingTitle(text);
  let title: string;
  if (heading) {
    title = heading.title;
    lines = heading.rest.split("\n");
  } else {
    const firstIndex = lines.findIndex((line) => line.trim() !== "");
    const first = lines[firstIndex]?.trim() ?? "";
    // A short first line reads as a title (a newsletter's subject line); a paragraph does not.
    if (first && first.length <= MAX_TITLE_LENGTH && !/^([>*\-+|!`<]|\d+\.)/.test(first) && lines.slice(firstIndex + 1).some((line) => line.trim())) {
      title = first.replace(/^([*_]{1,2})(.+)\1$/, "$2").trim();
      lines = lines.slice(firstIndex + 1);
    } else {
      title = titleFromFileName(filePath);
    }
  }

  const language = detectLanguage(`${title}\n${lines.slice(0, 50).join("\n")}`);
  const timeZone = getDefaultTimeZone(language);
  const fileNameDate = findFileNameDate(filePath);
  let publishedAt = fileNameDate === null ? null : parseArchiveDateTime(fileNameDate, timeZone);
  if (publishedAt === null) {
    let seen = 0;
    for (let i = 0; i < lines.length && seen < DATE_SEARCH_LINES; i += 1) {
      if (lines[i]!.trim() === "") continue;
      seen += 1;
      const date = readDateLine(lines[i]!, timeZone);
      if (date) {
        publishedAt = date;
        // The date is shown by the page's own dateline; leaving it in the body would show it twice.
        lines = [...lines.slice(0, i), ...lines.slice(i + 1)];
        break;
      }
    }
  }
  const converted = convertTemplateTags(lines.join("\n"), filePath);
  const bodyMarkdown = converted.body;
  if (!bodyMarkdown) throw new ArticleSourceError(filePath, null, "the article has no body after its title");
  return {
    title: title.slice(0, MAX_TITLE_LENGTH),
    publishedAt,
    revisedAt: null,
    timeZone,
    authors: [],
    section: null,
    tags: [],
    summaryPoints: [],
    language,
    status: publishedAt === null ? "draft" : "published",
    sourceName: null,
    sourceUrl: null,
    cover: null,
    bodyMarkdown,
    ...withoutFrontMatter(),
    unknownTemplateTags: converted.unknown,
    undated: publishedAt === null,
  };
}
