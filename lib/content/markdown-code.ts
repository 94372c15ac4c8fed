// Which parts of a Markdown body are code, which readers see as written: one answer for the
// template-tag converter and the search text, so neither rewrites what the page shows as code.

/**
 * The body in parts that are code blocks (odd indexes) and parts that are not (even): fenced
 * blocks, closed only by a fence of the same character at least as long; indented code after a
 * blank line; <pre> elements.
 */
export function splitCodeBlocks(body: string): string[] {
  const parts: string[] = [""];
  // The last part is code when there is an even number of parts.
  const push = (code: boolean, text: string) => {
    if ((parts.length % 2 === 0) === code) parts[parts.length - 1] += text;
    else parts.push(text);
  };
  const lines = body.split("\n");
  let fenceOpen: { char: string; length: number } | null = null;
  let inPre = false;
  let previousBlank = true;
  let inIndented = false;
  for (const [index, line] of lines.entries()) {
    const text = index < lines.length - 1 ? `${line}\n` : line;
    if (fenceOpen) {
      push(true, text);
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(line);
      if (close && close[1]![0] === fenceOpen.char && close[1]!.length >= fenceOpen.length) fenceOpen = null;
    } else if (inPre) {
      push(true, text);
      if (/<\/pre>/i.test(line)) inPre = false;
    } else if (/^ {0,3}(`{3,}|~{3,})/.test(line)) {
      const open = /^ {0,3}(`{3,}|~{3,})/.exec(line)![1]!;
      fenceOpen = { char: open[0]!, length: open.length };
      push(true, text);
    } else if (/<pre[\s>]/i.test(line) && !/<\/pre>/i.test(line.slice(line.search(/<pre[\s>]/i)))) {
      inPre = true;
      push(true, text);
    } else if (/^(?: {4}|\t)/.test(line) && line.trim() !== "" && (previousBlank || inIndented)) {
      inIndented = true;
      push(true, text);
    } else {
      if (line.trim() !== "") inIndented = false;
      // One-line <pre>s within the line; inline code spans are splitInlineCode's to find.
      for (const [i, piece] of text.split(/(<pre[\s>][\s\S]*?<\/pre>)/i).entries()) push(i % 2 === 1, piece);
    }
    previousBlank = line.trim() === "";
  }
  return parts;
}

/** Text (outside code blocks) in parts that are inline code spans (odd indexes) and parts that are not: a run of backticks closed by a run of the same length. */
export function splitInlineCode(text: string): string[] {
  return text.split(/((`+)[\s\S]*?(?<!`)\2(?!`))/).filter((_piece, index) => index % 3 !== 2);
}
