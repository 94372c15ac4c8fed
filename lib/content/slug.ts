import { createHash } from "node:crypto";
import { pinyin } from "pinyin-pro";
import { splitIntoWords } from "./chinese-words";

const MAX_SLUG_LENGTH = 80;
const hanPattern = /\p{Script=Han}/u;
// Letters that are not an accent on a base letter, so NFKD cannot fold them.
const unfoldableLetters: Record<string, string> = { ø: "o", ß: "ss", ł: "l", æ: "ae", œ: "oe", đ: "d", ð: "d", þ: "th", ı: "i" };
const unfoldablePattern = new RegExp(`[${Object.keys(unfoldableLetters).join("")}]`, "g");

function toAsciiWord(word: string): string {
  if (!hanPattern.test(word)) return word;
  // One word's syllables stay together ("星火" → "xinghuo"), so a slug reads as words, not syllables.
  return ` ${pinyin(word, { toneType: "none", type: "array", nonZh: "consecutive", v: true }).join("")} `;
}

function trimToLength(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug;
  const cut = slug.slice(0, MAX_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf("-");
  return (lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_SLUG_LENGTH)).replace(/-+$/, "");
}

/**
 * A readable ASCII slug for any title: pinyin words for Chinese, the words themselves otherwise
 * ("讯飞星火大模型升级3.0" → "xun-fei-xinghuo-da-moxing-shengji-3-0"). Never empty: text with
 * nothing to spell (emoji, punctuation) gets "article-" and a short hash of the text.
 */
export function createSlug(text: string): string {
  const normalized = text.normalize("NFKC");
  const words = hanPattern.test(normalized) ? splitIntoWords(normalized) : [normalized];
  const slug = trimToLength(
    words
      .map(toAsciiWord)
      .join("")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(unfoldablePattern, (letter) => unfoldableLetters[letter] ?? "")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, ""),
  );
  if (slug) return slug;
  return `article-${createHash("sha256").update(text).digest("hex").slice(0, 8)}`;
}

/** `base`, or `base-2`, `base-3`… whichever is not in `taken`. */
export function pickUniqueSlug(base: string, isTaken: (slug: string) => boolean): string {
  if (!isTaken(base)) return base;
  for (let n = 2; ; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, "")}${suffix}`;
    if (!isTaken(candidate)) return candidate;
  }
}
