const hanPattern = /\p{Script=Han}/gu;
// Latin-script words, numbers with their decimals ("3.0", "46.7") and other non-Han runs.
const wordPattern = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

// Typical silent reading speeds for news text: Chinese readers take in about 400 characters a
// minute, English readers about 230 words.
const HAN_CHARACTERS_PER_MINUTE = 400;
const WORDS_PER_MINUTE = 230;

export interface TextLength {
  /** Han characters, each of which counts as one unit of reading. */
  hanCharacters: number;
  /** Words outside Han text: English words, numbers, Latin names inside Chinese text. */
  words: number;
}

/** Chinese counted by characters, everything else by words; markup is not text. */
export function measureText(markdown: string): TextLength {
  const text = markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[^>]+>/g, " ")
    .replace(/[#>*_`~|[\]-]+/g, " ");
  const hanCharacters = text.match(hanPattern)?.length ?? 0;
  const words = text.replace(hanPattern, " ").match(wordPattern)?.length ?? 0;
  return { hanCharacters, words };
}

/** Whole minutes, at least one. */
export function estimateReadingMinutes(length: TextLength): number {
  return Math.max(1, Math.round(length.hanCharacters / HAN_CHARACTERS_PER_MINUTE + length.words / WORDS_PER_MINUTE));
}
