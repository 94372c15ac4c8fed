// The words search indexes and looks up. Documents and queries go through the same functions, so
// both sides of a match are always the same strings: Chinese split into words by jieba, everything
// else split at anything that is not a letter or digit, case-folded, accents removed, and English
// words reduced to their Porter stems. Tokens are letters and digits only, which both SQLite's
// unicode61 tokenizer and PostgreSQL's parser keep whole, so the engines see exactly these words.
import { pinyin } from "pinyin-pro";
import {
  RUN_SEPARATOR,
  splitIntoQueryWords,
  splitIntoQueryWordsWithoutUserWords,
  splitIntoSearchWords,
  splitRunsIntoSearchWords,
} from "../content/chinese-words";
import { stemEnglishWord } from "./english-stemmer";

/** Longer tokens are cut to this length (on both sides, so they still match): no real word is longer. */
export const MAX_TOKEN_LENGTH = 64;

// A run of Han characters, or a run of other letters and digits (marks ride along and are removed).
const runPattern = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;
// "spark's" → "spark", "don't" → "dont": English apostrophes join a word instead of splitting it.
const possessivePattern = /(\p{L})['’ʼ]s(?![\p{L}\p{N}])/gu;
const apostrophePattern = /(\p{L})['’ʼ](?=\p{L})/gu;
const marksPattern = /\p{M}+/gu;

// After NFKC, only these characters can be, or decompose into, letters with marks: marks themselves,
// accented letters and the scripts from Latin-1 to Greek Extended, kana (voicing marks), Hangul,
// and the historic scripts (and emoji) of the Supplementary Multilingual Plane.
const mayHaveMarksPattern = /[\p{M}\u00c0-\u1fff\u3040-\u30ff\uac00-\ud7a3\u{10000}-\u{1ffff}]/u;

/**
 * Case-folded, compatibility-folded (ＧＰＴ → gpt, ﬁ → fi) and accent-free text, the form every
 * token is cut from. Hangul and kana keep their composed forms.
 */
export function normalizeSearchText(text: string): string {
  let folded = text.normalize("NFKC").toLowerCase();
  if (/['’ʼ]/.test(folded)) folded = folded.replace(possessivePattern, "$1").replace(apostrophePattern, "$1");
  // Chinese and English text has nothing to strip: skip two more passes over a whole body.
  if (!mayHaveMarksPattern.test(folded)) return folded;
  return folded.normalize("NFKD").replace(marksPattern, "").normalize("NFC");
}

function truncate(token: string): string {
  return token.length > MAX_TOKEN_LENGTH ? Array.from(token).slice(0, MAX_TOKEN_LENGTH).join("") : token;
}

const wordTokens = new Map<string, string>();
const MAX_REMEMBERED_WORDS = 200_000;

/** A non-Han word as indexed: English (a-z) stemmed, anything else (numbers, Cyrillic…) as written. */
export function toWordToken(word: string): string {
  // Text repeats its words (Zipf), and stemming is most of what indexing English costs.
  let token = wordTokens.get(word);
  if (token === undefined) {
    if (wordTokens.size >= MAX_REMEMBERED_WORDS) wordTokens.clear();
    token = truncate(stemEnglishWord(word));
    wordTokens.set(word, token);
  }
  return token;
}

export interface TextRun {
  /** Han text to segment, or one word of any other script. */
  kind: "han" | "word";
  text: string;
}

/** Splits normalized text into Han runs and other words, in order. */
export function splitIntoRuns(normalized: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const match of normalized.matchAll(runPattern)) {
    if (match[1]) runs.push({ kind: "han", text: match[1] });
    else if (match[2]) runs.push({ kind: "word", text: match[2] });
  }
  return runs;
}

// Runs are Han characters only, so jieba returns only Han words; an over-long one is cut like any token.
function keepTokens(words: string[]): string[] {
  return words.some((word) => word.length > MAX_TOKEN_LENGTH) ? words.map(truncate) : words;
}

/** Index tokens for one Han run (search mode), with the user words learnt so far. */
export function segmentHanRun(run: string): string[] {
  return keepTokens(splitIntoSearchWords(run));
}

/** Query tokens for one Han run, with the user words learnt so far. */
export function segmentQueryRun(run: string): string[] {
  return keepTokens(splitIntoQueryWords(run));
}

/** Query tokens for one Han run with jieba's own dictionary only. */
export function segmentQueryRunWithoutUserWords(run: string): string[] {
  return keepTokens(splitIntoQueryWordsWithoutUserWords(run));
}

/** Every token of a text, in order, repeats included: what a document is indexed as. */
export function tokenizeForIndex(text: string, maxTokens = Number.POSITIVE_INFINITY): string[] {
  const runs = splitIntoRuns(normalizeSearchText(text));
  // All Han runs go to jieba at once; its words are then taken run by run, in order.
  const hanWords = splitRunsIntoSearchWords(runs.flatMap((run) => (run.kind === "han" ? [run.text] : [])));
  const tokens: string[] = [];
  let next = 0;
  for (const run of runs) {
    if (tokens.length >= maxTokens) break;
    if (run.kind === "word") {
      tokens.push(toWordToken(run.text));
      continue;
    }
    for (; next < hanWords.length && hanWords[next] !== RUN_SEPARATOR; next += 1) tokens.push(truncate(hanWords[next]!));
    next += 1;
  }
  return tokens.length > maxTokens ? tokens.slice(0, maxTokens) : tokens;
}

export interface PinyinWord {
  /** Where the word starts in the run, in UTF-16 code units. */
  start: number;
  word: string;
  /** Its syllables joined, as a token ("xinghuo"). */
  token: string;
  syllables: string[];
}

const syllablesByWord = new Map<string, string[]>();

/** A word's syllables, remembered: titles share their words, and pinyin-pro is slow to ask. */
function getSyllables(word: string): string[] {
  let syllables = syllablesByWord.get(word);
  if (syllables === undefined) {
    if (syllablesByWord.size >= MAX_REMEMBERED_WORDS) syllablesByWord.clear();
    // Per word: pinyin-pro reads a polyphone from the word it is in (银行 yinhang, 行走 xingzou).
    syllables = pinyin(word, { toneType: "none", type: "array", v: true });
    syllablesByWord.set(word, syllables);
  }
  return syllables;
}

/** The search words of one Han run with their pinyin. ü is written v, as pinyin keyboards type it. */
export function listPinyinWords(run: string): PinyinWord[] {
  return segmentHanRun(run).flatMap((word) => {
    const start = run.indexOf(word);
    const syllables = getSyllables(word);
    // A character without a reading comes back as itself: such a word has no pinyin.
    if (start < 0 || syllables.some((syllable) => !/^[a-zü]+$/.test(syllable))) return [];
    return [{ start, word, token: toWordToken(syllables.join("")), syllables: syllables.map(toWordToken) }];
  });
}

/**
 * Pinyin tokens for a title, so `xinghuo` finds 星火: each search word's syllables joined
 * ("xinghuo", "damoxing", "moxing") and the syllables alone ("xing", "huo"), for a query typed with
 * spaces.
 */
export function toPinyinTokens(title: string): string[] {
  const tokens = new Set<string>();
  for (const run of splitIntoRuns(normalizeSearchText(title))) {
    if (run.kind !== "han") continue;
    for (const word of listPinyinWords(run.text)) {
      tokens.add(word.token);
      for (const syllable of word.syllables) tokens.add(syllable);
    }
  }
  return [...tokens].filter((token) => /^[a-z]+$/.test(token));
}
