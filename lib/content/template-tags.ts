// The template tags static-site generators let Markdown carry, turned into the Markdown or HTML
// they stand for, so an imported post looks as it did: Hugo shortcodes ({{< youtube ID >}},
// {{< figure src=… >}}, {{< highlight go >}}), Jekyll's Liquid ({% highlight %}, {% raw %},
// {{ site.baseurl }}, | relative_url) and Hexo's tags ({% asset_img %}, {% youtube %}). Their HTML
// goes through the sanitizer like any other raw HTML. Tags nobody here knows stay as text and are
// named, so the run's summary can say which an archive uses. Code is never touched: a post about
// Hugo shows its shortcodes as written.

import { splitCodeBlocks, splitInlineCode } from "./markdown-code";

export interface ConvertedTemplateTags {
  body: string;
  /** The unknown tags, by kind and name: "{{< gist >}}", "{% include %}". */
  unknown: string[];
}

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");

/** `a key="c d" 'e f'` → positional ["a", "e f"], named { key: "c d" }. */
function parseArguments(text: string): { positional: string[]; named: Map<string, string> } {
  const positional: string[] = [];
  const named = new Map<string, string>();
  for (const match of text.matchAll(/(?:([A-Za-z_][\w-]*)\s*=\s*)?(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
    const value = match[2] ?? match[3] ?? match[4] ?? "";
    if (match[1]) named.set(match[1].toLowerCase(), value);
    else positional.push(value);
  }
  return { positional, named };
}

const videoSources: Record<string, (id: string) => string> = {
  youtube: (id) => `https://www.youtube.com/embed/${encodeURIComponent(id)}`,
  vimeo: (id) => `https://player.vimeo.com/video/${encodeURIComponent(id)}`,
  bilibili: (id) => `https://player.bilibili.com/player.html?bvid=${encodeURIComponent(id)}`,
};

/** A player as an author would have pasted it: the sanitizer rewrites it to the privacy host. */
function videoBlock(name: string, id: string | undefined, title: string | undefined): string | null {
  const source = videoSources[name];
  if (!source || !id || !/^[\w-]{1,64}$/.test(id)) return null;
  return `\n\n<iframe src="${source(id)}" title="${escapeAttribute(title ?? "")}"></iframe>\n\n`;
}

function figureBlock(args: Map<string, string>): string | null {
  const src = args.get("src");
  if (!src) return null;
  const caption = args.get("caption") ?? args.get("title");
  const img = `<img src="${escapeAttribute(src)}" alt="${escapeAttribute(args.get("alt") ?? caption ?? "")}">`;
  const link = args.get("link");
  const linked = link ? `<a href="${escapeAttribute(link)}">${img}</a>` : img;
  return `\n\n<figure>${linked}${caption ? `<figcaption>${escapeAttribute(caption)}</figcaption>` : ""}</figure>\n\n`;
}

/** A fence longer than any run of backticks in the code, so the code cannot close it. */
function fence(language: string | undefined, code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `\n\n${ticks}${language ?? ""}\n${code.replace(/^\n+|\s+$/g, "")}\n${ticks}\n\n`;
}

// Shortcode arguments never run across a blank line: an unclosed {{< stays text.
const withinParagraph = "(?:(?!\\n[ \\t]*\\n)[\\s\\S])*?";
const hugoHighlight = new RegExp(`\\{\\{[<%]\\s*highlight\\s+([\\w+-]+)[^>%\\n]*[>%]\\}\\}([\\s\\S]*?)\\{\\{[<%]\\s*\\/highlight\\s*[>%]\\}\\}`, "g");
const liquidHighlight = /\{%-?\s*highlight\s+([\w+-]+)[^%\n]*-?%\}([\s\S]*?)\{%-?\s*endhighlight\s*-?%\}/g;
const liquidRaw = /\{%-?\s*raw\s*-?%\}([\s\S]*?)\{%-?\s*endraw\s*-?%\}/g;
// Hugo's way to show a shortcode as text: {{</* youtube x */>}}.
const hugoEscaped = /\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g;
const hugoShortcode = new RegExp(`\\{\\{([<%])\\s*([\\w/-]+)(${withinParagraph})\\s*[>%]\\}\\}`, "g");
const liquidTag = new RegExp(`\\{%-?\\s*([\\w-]+)(${withinParagraph})\\s*-?%\\}`, "g");

function convertText(text: string, postFolder: string, unknown: string[]): string {
  // What must come out as written (code made from highlight blocks, raw blocks, escaped shortcodes)
  // is set aside first, so the passes after it cannot touch it.
  const keptAside: string[] = [];
  const keep = (value: string) => `\u0000${keptAside.push(value) - 1}\u0000`;
  const outsidePairs = text
    .replace(hugoHighlight, (_all, language: string, code: string) => keep(fence(language, code)))
    .replace(liquidHighlight, (_all, language: string, code: string) => keep(fence(language, code)))
    .replace(liquidRaw, (_all, content: string) => keep(content))
    .replace(hugoEscaped, (_all, open: string, inner: string, close: string) => keep(`{{${open}${inner}${close}}}`));
  // Inline code spans are text to readers too.
  const converted = splitInlineCode(outsidePairs)
    .map((piece, index) => (index % 2 === 1 ? piece : convertTags(piece, postFolder, unknown)))
    .join("");
  return converted.replace(/\u0000(\d+)\u0000/g, (_all, index: string) => keptAside[Number(index)] ?? "");
}

function convertTags(text: string, postFolder: string, unknown: string[]): string {
  return text
    // Jekyll's site variables and URL filters, in links and image paths.
    .replace(/\{\{\s*site\.(?:baseurl|url)\s*\}\}/g, "")
    .replace(/\{\{\s*["']([^"'\n]*)["']\s*\|\s*(?:relative_url|absolute_url|prepend:\s*site\.(?:baseurl|url))\s*\}\}/g, "$1")
    .replace(hugoShortcode, (all, _kind: string, name: string, rest: string) => {
      const args = parseArguments(rest);
      const lower = name.toLowerCase();
      const result =
        lower === "figure" ? figureBlock(args.named) : videoBlock(lower, args.named.get("id") ?? args.positional[0], args.named.get("title"));
      if (result !== null) return result;
      unknown.push(`{{< ${lower.replace(/^\//, "")} >}}`);
      return all;
    })
    .replace(liquidTag, (all, name: string, rest: string) => {
      const lower = name.toLowerCase();
      const args = parseArguments(rest);
      if (lower === "asset_img" && args.positional[0]) {
        // Hexo's post asset folder is named like the post's file.
        const [file, ...title] = args.positional;
        const caption = title.join(" ");
        return `![${caption.replace(/[[\]\\]/g, "\\$&")}](<${postFolder}${file}>${caption ? ` "${caption.replace(/"/g, '\\"')}"` : ""})`;
      }
      const video = videoBlock(lower, args.positional[0], undefined);
      if (video !== null) return video;
      unknown.push(`{% ${lower} %}`);
      return all;
    })
    .replace(/\n{3,}/g, "\n\n");
}

/** The body with the template tags it knows converted, and the names of the ones it does not. */
export function convertTemplateTags(body: string, originPath: string): ConvertedTemplateTags {
  if (!body.includes("{{") && !body.includes("{%")) return { body: body.trim(), unknown: [] };
  const postFolder = `${originPath.split("/").at(-1)!.replace(/\.(md|markdown)$/i, "")}/`;
  const unknown: string[] = [];
  const converted = splitCodeBlocks(body)
    .map((part, index) => (index % 2 === 1 ? part : convertText(part, postFolder, unknown)))
    .join("");
  return { body: converted.trim(), unknown: [...new Set(unknown)] };
}
