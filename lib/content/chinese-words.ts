import { createRequire } from "node:module";
import type * as JiebaPackage from "@node-rs/jieba";
import type * as JiebaDictionary from "@node-rs/jieba/dict.js";

type Jieba = JiebaPackage.Jieba;

type LoadedJieba = { Jieba: typeof JiebaPackage.Jieba; dict: Uint8Array };

let jieba: LoadedJieba | undefined;
let segmenter: Jieba | undefined;
let searchSegmenter: Jieba | undefined;
const userWords = new Set<string>();
const unknownByWord = new Map<string, boolean>();

// @node-rs/jieba is CommonJS. Imported from an ES module, Node first scans its source for export
// names, and optimizing that scanner cost each ingest worker ~50 ms of start-up and ~85 ms of
// compiler time; required, it is just loaded, and only by a process that segments.
function loadJieba(): LoadedJieba {
  if (!jieba) {
    const require = createRequire(import.meta.url);
    jieba = {
      Jieba: (require("@node-rs/jieba") as typeof JiebaPackage).Jieba,
      dict: (require("@node-rs/jieba/dict.js") as typeof JiebaDictionary).dict,
    };
  }
  return jieba;
}

// Loading the dictionary takes ~200-300 ms, so it happens once per process and only when a
// caller actually needs Chinese words.
function getSegmenter(): Jieba {
  if (!segmenter) {
    const { Jieba, dict } = loadJieba();
    segmenter = Jieba.withDict(dict);
  }
  return segmenter;
}

// Search has its own instance because it learns user words (names, tags): slugs must come out the
// same whatever else this process has seen, so the slug segmenter never learns any.
function getSearchSegmenter(): Jieba {
  if (!searchSegmenter) {
    const { Jieba, dict } = loadJieba();
    searchSegmenter = Jieba.withDict(dict);
  }
  return searchSegmenter;
}

/** Splits text into words: Chinese by jieba (with its HMM for names it does not know), the rest as written. */
export function splitIntoWords(text: string): string[] {
  return getSegmenter().cut(text, true);
}

/**
 * Search-mode words for Han text: each word, plus the dictionary words inside long ones
 * (中华人民共和国 → 中华, 华人, 人民, 共和, 共和国, 中华人民共和国), so a query for a part finds the whole.
 * Uses the user words added so far.
 */
export function splitIntoSearchWords(text: string): string[] {
  return getSearchSegmenter().cutForSearch(text, true);
}

/** What splitRunsIntoSearchWords puts between the words of one run and the next. */
export const RUN_SEPARATOR = "\n";

/**
 * splitIntoSearchWords for many Han runs at once: their words in order, RUN_SEPARATOR between runs.
 * One call instead of one per run, and UTF-8 in: jieba works in UTF-8, and converting one buffer is
 * cheaper than converting each string. A body has a run per sentence, so this is most of what
 * indexing Chinese costs. Runs must hold Han characters only (a newline in one would be taken for
 * a separator).
 */
export function splitRunsIntoSearchWords(runs: string[]): string[] {
  return runs.length === 0 ? [] : getSearchSegmenter().cutForSearch(Buffer.from(runs.join(RUN_SEPARATOR)), true);
}

/**
 * A query's Han run as words, without the search-mode extras: every article holding the query's
 * words was indexed with them (whole words are part of a search-mode split), so the extras would
 * only add more words every match must have, and each costs the engine a full pass to rank.
 */
export function splitIntoQueryWords(text: string): string[] {
  return getSearchSegmenter().cut(text, true);
}

/** The same split with jieba's own dictionary only, as text indexed before a user word was known was split. */
export function splitIntoQueryWordsWithoutUserWords(text: string): string[] {
  return getSegmenter().cut(text, true);
}

const hanWordPattern = /^\p{Script=Han}{2,8}$/u;
// Kept here, not written inside the functions: esbuild (tsx, the ingest worker's bundle) turns a
// literal with \p{…} into a RegExp constructor call, which would then run for every word.
const hanCharacterPattern = /\p{Script=Han}/u;
// High enough that a user word beats splitting it into characters, as jieba's suggest_freq would
// make it; the same for every word, so the order words arrive in does not change the result.
const USER_WORD_FREQUENCY = 2000;

/**
 * The words among these that jieba's own dictionary does not keep whole (讯飞 → 讯|飞, 林晓雨 →
 * 林|晓雨): 2-8 Han characters, not already a dictionary word. Only these are worth teaching the
 * segmenter; re-adding a known word would replace its frequency and change how ordinary text splits.
 */
export function selectUnknownWords(words: Iterable<string>): string[] {
  const unknown = new Set<string>();
  for (const word of words) {
    let isUnknown = unknownByWord.get(word);
    if (isUnknown === undefined) {
      // Articles share their tags and authors: each word is looked up once per process.
      if (unknownByWord.size >= 100_000) unknownByWord.clear();
      isUnknown = hanWordPattern.test(word) && getSegmenter().cut(word, false).length > 1;
      unknownByWord.set(word, isUnknown);
    }
    if (isUnknown) unknown.add(word);
  }
  return [...unknown];
}

/** Teaches the search segmenter words to keep whole (see selectUnknownWords for which to pass). */
export function addSearchUserWords(words: Iterable<string>): void {
  const lines: string[] = [];
  for (const word of words) {
    if (userWords.has(word) || !hanWordPattern.test(word)) continue;
    userWords.add(word);
    lines.push(`${word} ${USER_WORD_FREQUENCY}`);
  }
  if (lines.length > 0) getSearchSegmenter().loadDict(Buffer.from(`${lines.join("\n")}\n`));
}

// Characters that are words on their own far more often than parts of a name: a run of single
// characters containing one is grammar (在京发布了), not an unknown name.
const functionCharacters = new Set("的了在是和与及或等被把将对为也都就而并从向于以之其这那个们中上下不有到说让给很最更又还已再");

/**
 * Names in a short text (a title) that jieba does not know: runs of two to four Han characters that
 * it can only split into single characters (讯飞星火大模型 → 讯飞), ignoring runs that contain grammar words.
 */
export function findUnknownNames(text: string): string[] {
  const names: string[] = [];
  if (!hanCharacterPattern.test(text)) return names;
  let run: string[] = [];
  const flush = () => {
    if (run.length >= 2 && run.length <= 4 && !run.some((character) => functionCharacters.has(character))) names.push(run.join(""));
    run = [];
  };
  for (const word of getSegmenter().cut(text, true)) {
    if (word.length === 1 && hanCharacterPattern.test(word)) run.push(word);
    else flush();
  }
  flush();
  return names;
}
