// The words of a Markdown body as a reader sees them, without the markup: what search indexes and
// what its snippets quote. Raw HTML stays: the renderer shows it as text, so readers see it too. Index and snippets share this one function, so a snippet can always find
// the words that matched.

const replacements: Array<[RegExp, string]> = [
  // Fenced code markers and indented-code indentation go; the code itself is text.
  [/^\s*(```|~~~).*$/gm, " "],
  // Images keep their alt text, links their text; reference definitions and bare URLs in <> go.
  [/!\[([^\]]*)\]\([^)]*\)/g, " $1 "],
  [/\[([^\]]*)\]\([^)]*\)/g, "$1"],
  [/^\s*\[[^\]]+\]:\s*\S+.*$/gm, " "],
  [/<(https?:[^>\s]+)>/g, " "],
  // Block markers at line starts: headings, quotes, list bullets and numbers, table rules.
  [/^\s{0,3}(#{1,6}|>+|[-*+]|\d+[.)])\s+/gm, ""],
  [/^\s*\|?[\s:|-]+\|[\s:|-]*$/gm, " "],
  // Emphasis, code spans and strike-through markers vanish (they sit inside Chinese words); table
  // pipes separate cells.
  [/[*_`~]+/g, ""],
  [/\|/g, " "],
];

/** Plain text of a Markdown body: paragraphs kept apart by blank lines, inline markup removed. */
export function toPlainText(markdown: string): string {
  let text = markdown.replace(/\r\n?/g, "\n");
  for (const [pattern, replacement] of replacements) text = text.replace(pattern, replacement);
  return text
    .split(/\n{2,}/)
    .map((paragraph) => paragraph.replace(/\s+/g, " ").trim())
    .filter(Boolean)
    .join("\n\n");
}
