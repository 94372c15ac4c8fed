import type { SearchTerms } from "../db/search-index";
import { normalizeSearchText, segmentQueryRun, segmentQueryRunWithoutUserWords, splitIntoRuns, toWordToken } from "./search-tokens";

// What a reader types becomes words to look up, never query syntax: quotes, operators, brackets,
// column filters and SQL are all just characters between words, and fall away like punctuation.
// Every word must be found (AND); there is no OR or NOT to type.

/** Only the first this many characters of a query are read (anything longer is not a search). */
export const MAX_QUERY_LENGTH = 200;
/** Words beyond this many are ignored: each costs the engines a lookup, and no real query has more. */
export const MAX_QUERY_TOKENS = 32;

export interface ParsedSearchQuery {
  /** The query as read: whitespace collapsed, cut to MAX_QUERY_LENGTH. Shown back to the reader. */
  text: string;
  /** What the index is asked: every term must match (see SearchTerms). Empty when nothing is searchable. */
  terms: SearchTerms;
  /** Chinese words to highlight: each run, and its words as split with user words. */
  hanWords: string[];
  /** Other tokens to highlight: a word in the text is marked when its token is one of these. */
  wordTokens: string[];
}

// Control and format characters (zero-width joiners, bidi overrides) are not text a reader means.
const invisiblePattern = /[\p{Cc}\p{Cf}]+/gu;

/** Cuts the query to MAX_QUERY_LENGTH characters, never inside a surrogate pair. */
function readQueryText(raw: string): string {
  const characters = Array.from(raw.slice(0, MAX_QUERY_LENGTH * 2).replace(invisiblePattern, " "));
  return characters.slice(0, MAX_QUERY_LENGTH).join("").replace(/\s+/g, " ").trim();
}

function uniqueTokens(tokens: string[]): string[] {
  return [...new Set(tokens)];
}

/**
 * Parses a reader's query. A Chinese run becomes one term whose alternatives are its split with and
 * without the user words the segmenter has learnt, so articles indexed before a name was learnt are
 * still found. Never throws; any string is a valid query, possibly an empty one.
 */
export function parseSearchQuery(raw: string): ParsedSearchQuery {
  const text = readQueryText(raw);
  const terms: SearchTerms = [];
  const seen = new Set<string>();
  const hanWords = new Set<string>();
  const wordTokens = new Set<string>();
  let budget = MAX_QUERY_TOKENS;
  for (const run of splitIntoRuns(normalizeSearchText(text))) {
    let alternatives: string[][];
    if (run.kind === "han") {
      const splits = [uniqueTokens(segmentQueryRun(run.text)), uniqueTokens(segmentQueryRunWithoutUserWords(run.text))];
      alternatives = splits.filter((split, index) => split.length > 0 && splits.findIndex((other) => other.join(" ") === split.join(" ")) === index);
    } else {
      alternatives = [[toWordToken(run.text)]];
    }
    if (budget === 0) break;
    // A run longer than what is left is searched by its first words.
    alternatives = alternatives.map((alternative) => alternative.slice(0, budget));
    const key = alternatives.map((alternative) => alternative.join(" ")).join("|");
    if (alternatives.length === 0 || seen.has(key)) continue;
    budget -= Math.max(...alternatives.map((alternative) => alternative.length));
    seen.add(key);
    terms.push(alternatives);
    if (run.kind === "han") {
      // The split with user words is how matches were indexed; the other one only finds older
      // entries, and its single characters (讯, 飞) would mark every 飞 on the page.
      hanWords.add(run.text);
      for (const token of alternatives[0]!) hanWords.add(token);
    } else {
      wordTokens.add(alternatives[0]![0]!);
    }
  }
  return { text, terms, hanWords: [...hanWords], wordTokens: [...wordTokens] };
}
