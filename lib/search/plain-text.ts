import { splitCodeBlocks, splitInlineCode } from "../content/markdown-code";

// The words of a Markdown body as a reader sees them, without the markup: what search indexes and
// what its snippets quote. Raw HTML loses its tags and attributes (the renderer sanitizes it into
// markup), and the elements the sanitizer drops whole lose their content too.
// Index and snippets share this one function, so a snippet can always find the words that matched.

// Each rule runs only when the text holds the characters its pattern needs: a body is searched
// through once per rule, and most bodies have no code, links, tables or bare URLs.
const rules: Array<{ pattern: RegExp; replacement: string; mayMatch(text: string): boolean }> = [
  // Fenced code markers and indented-code indentation go; the code itself is text.
  { pattern: /^\s*(```|~~~).*$/gm, replacement: " ", mayMatch: (text) => text.includes("```") || text.includes("~~~") },
  // Images keep their alt text, links their text; reference definitions and bare URLs in <> go.
  { pattern: /!\[([^\]]*)\]\([^)]*\)/g, replacement: " $1 ", mayMatch: (text) => text.includes("![") },
  { pattern: /\[([^\]]*)\]\([^)]*\)/g, replacement: "$1", mayMatch: (text) => text.includes("](") },
  { pattern: /^\s*\[[^\]]+\]:\s*\S+.*$/gm, replacement: " ", mayMatch: (text) => text.includes("]:") },
  { pattern: /<(https?:[^>\s]+)>/g, replacement: " ", mayMatch: (text) => text.includes("<http") },
  // Block markers at line starts: headings, quotes, list bullets and numbers, table rules.
  { pattern: /^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, replacement: "", mayMatch: () => true },
  { pattern: /^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, replacement: " ", mayMatch: (text) => text.includes("|") },
  // Emphasis, code spans and strike-through markers vanish (they sit inside Chinese words); table
  // pipes separate cells.
  { pattern: /[*_`~]+/g, replacement: "", mayMatch: () => true },
  { pattern: /\|/g, replacement: " ", mayMatch: (text) => text.includes("|") },
];

// Code is text to readers, HTML in it included; everything else that looks like a tag is markup.
const droppedElementPattern = /<(script|style|template|noscript|textarea|svg|math|iframe|object)\b[\s\S]*?<\/\1\s*>/gi;
const tagPattern = /<!--[\s\S]*?-->|<\/?([a-z][a-z0-9-]*)\b[^>]*>/gi;
// Inline tags sit inside words (算<b>力</b>); the others separate what is on either side.
const inlineTags = new Set(["a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"]);

const stripTags = (text: string) =>
  text.replace(droppedElementPattern, " ").replace(tagPattern, (_tag, name: string | undefined) => (name && inlineTags.has(name.toLowerCase()) ? "" : " "));

function stripRawHtml(text: string): string {
  return splitCodeBlocks(text)
    .map((block, index) => (index % 2 === 1 ? block : splitInlineCode(block).map((part, i) => (i % 2 === 1 ? part : stripTags(part))).join("")))
    .join("");
}

/** Plain text of a Markdown body: paragraphs kept apart by blank lines, inline markup removed. */
export function toPlainText(markdown: string): string {
  let text = markdown.includes("\r") ? markdown.replace(/\r\n?/g, "\n") : markdown;
  if (text.includes("<")) text = stripRawHtml(text);
  for (const { pattern, replacement, mayMatch } of rules) {
    if (mayMatch(text)) text = text.replace(pattern, replacement);
  }
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}
