import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";

let segmenter: Jieba | undefined;

// Loading the dictionary takes ~200-300 ms, so it happens once per process and only when a
// caller actually needs Chinese words.
function getSegmenter(): Jieba {
  segmenter ??= Jieba.withDict(dict);
  return segmenter;
}

/** Splits text into words: Chinese by jieba (with its HMM for names it does not know), the rest as written. */
export function splitIntoWords(text: string): string[] {
  return getSegmenter().cut(text, true);
}
