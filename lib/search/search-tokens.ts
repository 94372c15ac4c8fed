// The words search indexes and looks up. Documents and queries go through the same functions, so
// both sides of a match are always the same strings: Chinese split into words by jieba, everything
// else split at anything that is not a letter or digit, case-folded, accents removed, and English
// words reduced to their Porter stems. Tokens are letters and digits only, which both SQLite's
// ascii tokenizer and PostgreSQL's parser keep whole, so the engines see exactly these words.
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

// What a character is to the splitter: part of a Han run, part of another word, or a separator.
const SEPARATOR = 1;
const HAN = 2;
const WORD = 3;
const hanPattern = /^\p{Script=Han}$/u;
const wordPattern = /^[\p{L}\p{N}\p{M}]$/u;

function classify(character: string): number {
  if (hanPattern.test(character)) return HAN;
  return wordPattern.test(character) ? WORD : SEPARATOR;
}

// The Basic Plane's classes, worked out once per character with the regular expressions above and
// kept: a body is thousands of characters from a few hundred distinct ones.
const basicPlaneClasses = new Uint8Array(0x10000);

function classifyCodeUnit(code: number): number {
  let kind = basicPlaneClasses[code]!;
  if (kind === 0) {
    kind = classify(String.fromCharCode(code));
    basicPlaneClasses[code] = kind;
  }
  return kind;
}

/**
 * Calls `onRun` for each Han run and each word of another script in normalized text, in order:
 * the runs of /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu, found with one pass
 * over the code units instead of a regular expression match object per word.
 */
function scanRuns(normalized: string, onRun: (kind: "han" | "word", text: string) => void): void {
  let runStart = 0;
  let runKind = SEPARATOR;
  const end = normalized.length;
  for (let index = 0; index < end; ) {
    const code = normalized.charCodeAt(index);
    let kind: number;
    let width = 1;
    if (code < 0x80) {
      kind = (code >= 0x61 && code <= 0x7a) || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) ? WORD : SEPARATOR;
    } else if (code >= 0x4e00 && code <= 0x9fff) {
      kind = HAN;
    } else if (code >= 0xd800 && code <= 0xdbff && (normalized.charCodeAt(index + 1) & 0xfc00) === 0xdc00) {
      width = 2;
      kind = classify(normalized.slice(index, index + 2));
    } else {
      kind = classifyCodeUnit(code);
    }
    if (kind !== runKind) {
      if (runKind !== SEPARATOR) onRun(runKind === HAN ? "han" : "word", normalized.slice(runStart, index));
      runKind = kind;
      runStart = index;
    }
    index += width;
  }
  if (runKind !== SEPARATOR) onRun(runKind === HAN ? "han" : "word", normalized.slice(runStart));
}

/** Splits normalized text into Han runs and other words, in order. */
export function splitIntoRuns(normalized: string): TextRun[] {
  const runs: TextRun[] = [];
  scanRuns(normalized, (kind, text) => runs.push({ kind, text }));
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
  // Words of other scripts become tokens at once; each Han run leaves a null where its words go.
  const sequence: Array<string | null> = [];
  const hanRuns: string[] = [];
  scanRuns(normalizeSearchText(text), (kind, run) => {
    if (kind === "word") {
      sequence.push(toWordToken(run));
    } else {
      sequence.push(null);
      hanRuns.push(run);
    }
  });
  // All Han runs go to jieba at once; its words are then taken run by run, in order.
  const hanWords = splitRunsIntoSearchWords(hanRuns);
  const tokens: string[] = [];
  let next = 0;
  for (const entry of sequence) {
    if (tokens.length >= maxTokens) break;
    if (entry !== null) {
      tokens.push(entry);
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
