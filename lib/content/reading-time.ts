
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

/**
 * Chinese counted by characters, everything else by words; markup is not text. One pass over the
 * code points: ingest measures every article, and regular expressions over the whole body cost
 * more than the rest of the measurement.
 */
export function measureText(markdown: string): TextLength {
  const text = markdown.replace(/!\[[^\]]*\]\([^)]*\)/g, " ").replace(/\]\([^)]*\)/g, "]");
  let hanCharacters = 0;
  let words = 0;
  let inWord = false;
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (isHan(codePoint)) {
      hanCharacters += 1;
      inWord = false;
    } else if (codePoint < 0x80 ? /[A-Za-z0-9]/.test(character) : letterOrDigit.test(character)) {
      if (!inWord) words += 1;
      inWord = true;
    } else if (!(inWord && (character === "'" || character === "’" || character === "." || character === "-"))) {
      inWord = false;
    }
  }
  return { hanCharacters, words };
}

/** Whole minutes, at least one. */
export function estimateReadingMinutes(length: TextLength): number {
  return Math.max(1, Math.round(length.hanCharacters / HAN_CHARACTERS_PER_MINUTE + length.words / WORDS_PER_MINUTE));
}
