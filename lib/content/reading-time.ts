
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

function isHan(codePoint: number): boolean {
  return (
    (codePoint >= 0x4e00 && codePoint <= 0x9fff) ||
    (codePoint >= 0x3400 && codePoint <= 0x4dbf) ||
    (codePoint >= 0x20000 && codePoint <= 0x2ebef) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff)
  );
}

const letterOrDigit = /[\p{L}\p{N}]/u;

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** Characters that keep a word going when a letter follows: don't, V3.0, GPT-4. */
function joinsWord(code: number): boolean {
  return code === 0x27 || code === 0x2019 || code === 0x2e || code === 0x2d;
}

/**
 * Chinese counted by characters, everything else by words; markup is not text. One pass over the
 * UTF-16 code units with numeric tests: ingest measures every article, and a regular expression
 * per character cost more than the rest of the measurement.
 */
export function measureText(markdown: string): TextLength {
  const text = markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\]\([^)]*\)/g, "]");
  let hanCharacters = 0;
  let words = 0;
  let inWord = false;
  for (let index = 0; index < text.length; index += 1) {
    let codePoint = text.charCodeAt(index);
    if (codePoint < 0x80) {
      if (isAsciiLetterOrDigit(codePoint)) {
        if (!inWord) words += 1;
        inWord = true;
      } else if (!(inWord && joinsWord(codePoint))) {
        inWord = false;
      }
      continue;
    }
    if (codePoint >= 0xd800 && codePoint <= 0xdbff && index + 1 < text.length) {
      codePoint = text.codePointAt(index)!;
      index += 1;
    }
    if (isHan(codePoint)) {
      hanCharacters += 1;
      inWord = false;
    } else if (letterOrDigit.test(String.fromCodePoint(codePoint))) {
      if (!inWord) words += 1;
      inWord = true;
    } else if (!(inWord && joinsWord(codePoint))) {
      inWord = false;
    }
  }
  return { hanCharacters, words };
}

/** Whole minutes, at least one. */
export function estimateReadingMinutes(length: TextLength): number {
  return Math.max(1, Math.round(length.hanCharacters / HAN_CHARACTERS_PER_MINUTE + length.words / WORDS_PER_MINUTE));
}
