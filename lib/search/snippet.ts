import { escapeHtml } from "../media/picture-html";
import type { ParsedSearchQuery } from "./search-query";
import { listPinyinWords, normalizeSearchText, splitIntoRuns, toWordToken } from "./search-tokens";

// Highlighted excerpts for results. They are found in the article's plain text with the query's
// own words, so what is marked is what matched: Chinese words literally, other words by their token
// ("Sparks" is marked for a query "spark"), and title words by their pinyin (星火 for "xinghuo").
// Output is HTML: the text escaped, with <mark> around matches, nothing else.

interface Match {
  start: number;
  end: number;
  /** Which query word matched, so a snippet can prefer showing several different ones. */
  term: string;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
// A word of any script but Han, with inner apostrophes ("spark's"), as the tokenizer reads it.
const wordPattern = /(?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+(?:['’ʼ](?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)*/gu;
const hanRunPattern = /\p{Script=Han}+/gu;

function removeOverlaps(matches: Match[]): Match[] {
  matches.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Match[] = [];
  for (const match of matches) if (kept.length === 0 || match.start >= kept[kept.length - 1]!.end) kept.push(match);
  return kept;
}

export interface Highlighter {
  /** Where the query's words are in the text, in order, not overlapping. */
  findMatches(text: string, options?: { pinyin?: boolean }): Match[];
  /** The Chinese words of a (short) text that the query matched by pinyin: 星火 in a title, for "xinghuo". */
  findPinyinMatches(text: string): string[];
}

/**
 * Finds the query's words in text. Pinyin is matched only on request (titles): it needs each Han
 * run's pinyin, too slow for whole bodies; `extraHanWords` carries a title's pinyin matches into its body.
 */
export function createHighlighter(query: Pick<ParsedSearchQuery, "hanWords" | "wordTokens">, extraHanWords: string[] = []): Highlighter {
  // Longest first, so 国产算力平台 is marked whole rather than as 国产 then 算力.
  const hanWords = [...new Set([...query.hanWords, ...extraHanWords])].sort((a, b) => b.length - a.length);
  const hanPattern = hanWords.length > 0 ? new RegExp(hanWords.map(escapeRegExp).join("|"), "gu") : null;
  const wordTokens = new Set(query.wordTokens);
  // A Porter stem starts with its word's first two letters (one, for a stem that short), so a
  // word that starts otherwise needs no stemming.
  const prefixLength = Math.min(2, ...query.wordTokens.map((token) => token.length));
  const prefixes = new Set(query.wordTokens.map((token) => token.slice(0, prefixLength)));
  const tokenOf = (word: string): string | undefined => {
    // Plain ASCII words, nearly all of an English text, skip Unicode normalization.
    if (/^[A-Za-z]+$/.test(word)) {
      const lower = word.toLowerCase();
      if (!prefixes.has(lower.slice(0, prefixLength))) return undefined;
      const token = toWordToken(lower);
      return wordTokens.has(token) ? token : undefined;
    }
    return splitIntoRuns(normalizeSearchText(word))
      .map((run) => toWordToken(run.text))
      .find((token) => wordTokens.has(token));
  };
  const findPinyinMatches = (text: string): Match[] => {
    const matches: Match[] = [];
    if (wordTokens.size === 0) return matches;
    for (const run of text.matchAll(hanRunPattern)) {
      for (const word of listPinyinWords(run[0])) {
        if (!wordTokens.has(word.token)) continue;
        const start = run.index + word.start;
        matches.push({ start, end: start + word.word.length, term: word.token });
      }
    }
    return matches;
  };
  return {
    findPinyinMatches: (text) => [...new Set(findPinyinMatches(text).map((match) => text.slice(match.start, match.end)))],
    findMatches(text, { pinyin = false } = {}) {
      const matches: Match[] = [];
      if (hanPattern) {
        for (const match of text.matchAll(hanPattern)) matches.push({ start: match.index, end: match.index + match[0].length, term: match[0] });
      }
      if (wordTokens.size > 0) {
        // Articles repeat their words: each distinct word is stemmed once per text.
        const seen = new Map<string, string | undefined>();
        for (const match of text.matchAll(wordPattern)) {
          const word = match[0];
          let term = seen.get(word);
          if (term === undefined && !seen.has(word)) {
            term = tokenOf(word);
            seen.set(word, term);
          }
          if (term !== undefined) matches.push({ start: match.index, end: match.index + word.length, term });
        }
        if (pinyin) matches.push(...findPinyinMatches(text));
      }
      return removeOverlaps(matches);
    },
  };
}

function markRange(text: string, start: number, end: number, matches: Match[]): string {
  // Touching matches (算力 then 平台) read as one marked phrase.
  const ranges: Array<{ start: number; end: number }> = [];
  for (const match of matches) {
    if (match.start < start || match.end > end) continue;
    const last = ranges[ranges.length - 1];
    if (last && last.end === match.start) last.end = match.end;
    else ranges.push({ start: match.start, end: match.end });
  }
  let html = "";
  let cursor = start;
  for (const range of ranges) {
    html += `${escapeHtml(text.slice(cursor, range.start))}<mark>${escapeHtml(text.slice(range.start, range.end))}</mark>`;
    cursor = range.end;
  }
  return html + escapeHtml(text.slice(cursor, end));
}

/** The whole text, escaped, with the query's words marked (for titles: pinyin matches count too). */
export function highlightAll(text: string, highlighter: Highlighter): string {
  return markRange(text, 0, text.length, highlighter.findMatches(text, { pinyin: true }));
}

/** Display width of a UTF-16 code unit: CJK characters, Hangul and full-width forms take two columns. */
function widthOf(code: number): number {
  return (code >= 0x2e80 && code <= 0x9fff) || (code >= 0xac00 && code <= 0xd7a3) || (code >= 0xf900 && code <= 0xfaff) || (code >= 0xff00 && code <= 0xffef)
    ? 2
    : 1;
}

/** widths[i] = display width of text[0..i). */
function cumulativeWidths(text: string): Int32Array {
  const widths = new Int32Array(text.length + 1);
  for (let i = 0; i < text.length; i += 1) widths[i + 1] = widths[i]! + widthOf(text.charCodeAt(i));
  return widths;
}

/** The first index at or after `from` where the width since `from` reaches `width` (or the end). */
function advance(widths: Int32Array, from: number, width: number): number {
  let low = from;
  let high = widths.length - 1;
  const target = widths[from]! + width;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (widths[middle]! < target) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The last index at or before `from` with at least `width` of text between it and `from` (or 0). */
function retreat(widths: Int32Array, from: number, width: number): number {
  let low = 0;
  let high = from;
  const target = widths[from]! - width;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (widths[middle]! > target) high = middle - 1;
    else low = middle;
  }
  return low;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Moves `index` back to just after a sentence or clause end within `limit` characters, if there is one. */
function snapStart(text: string, index: number, limit: number): number {
  for (let i = index; i > Math.max(0, index - limit); i -= 1) {
    if (/[。！？；.!?;\n]/.test(text[i - 1] ?? "")) return i;
  }
  // Otherwise do not start inside a word of a spaced script.
  if (index > 0 && /[\p{L}\p{N}]/u.test(text[index - 1]!) && /[\p{L}\p{N}]/u.test(text[index]!) && widthOf(text.charCodeAt(index)) === 1) {
    const space = text.indexOf(" ", index);
    if (space >= 0 && space - index < 20) return space + 1;
  }
  return index;
}

export interface SnippetOptions {
  /** Roughly how wide the snippet is, in columns (a Chinese character is two). */
  width?: number;
}

/**
 * The passage of `text` that shows the most different query words, escaped, with them marked and
 * "…" where it is cut. Null when none of the query's words are in the text.
 */
export function buildSnippetHtml(text: string, highlighter: Highlighter, { width = 240 }: SnippetOptions = {}): string | null {
  const matches = highlighter.findMatches(text);
  if (matches.length === 0) return null;
  const widths = cumulativeWidths(text);
  let best = { start: 0, end: 0, score: -1 };
  // The first hundred matches are plenty of candidates for where a snippet starts.
  for (const anchor of matches.slice(0, 100)) {
    let start = snapStart(text, retreat(widths, anchor.start, Math.floor(width / 5)), 30);
    if (isLowSurrogate(text.charCodeAt(start))) start -= 1;
    let end = advance(widths, start, width);
    if (isLowSurrogate(text.charCodeAt(end))) end += 1;
    // Matches are in order: those inside the window are a run of them.
    let first = 0;
    while (first < matches.length && matches[first]!.start < start) first += 1;
    let last = first;
    const terms = new Set<string>();
    while (last < matches.length && matches[last]!.end <= end) terms.add(matches[last++]!.term);
    const score = terms.size * 1000 + (last - first);
    if (score > best.score) best = { start, end, score };
  }
  const prefix = best.start > 0 ? "…" : "";
  const suffix = best.end < text.length ? "…" : "";
  return `${prefix}${markRange(text, best.start, best.end, matches).replace(/\n+/g, " ")}${suffix}`;
}

/** The start of a text as a snippet with nothing marked: for results matched by title only. */
export function buildLeadSnippetHtml(text: string, { width = 240 }: SnippetOptions = {}): string {
  let end = advance(cumulativeWidths(text), 0, width);
  if (isLowSurrogate(text.charCodeAt(end))) end += 1;
  return `${escapeHtml(text.slice(0, end)).replace(/\n+/g, " ")}${end < text.length ? "…" : ""}`;
}
