// Porter's stemming algorithm (M. F. Porter, "An algorithm for suffix stripping", 1980), as in his
// reference implementation, including its two published departures from the paper: step 2 maps
// "bli" to "ble" (not "abli" to "able") and adds "logi" to "log". It folds English inflections and
// derivations onto one stem, so "sparks", "spark" and "sparked" index and search as "spark".
//
// The stem is an index key, not a word: "happy" becomes "happi" and "relational" "relat".

function isConsonant(word: string, index: number): boolean {
  const character = word[index];
  switch (character) {
    case "a":
    case "e":
    case "i":
    case "o":
    case "u":
      return false;
    case "y":
      // "y" after a consonant is a vowel ("happy"), at the start or after a vowel a consonant ("yes", "toy").
      return index === 0 || !isConsonant(word, index - 1);
    default:
      return true;
  }
}

/** Porter's m: the number of vowel-consonant sequences in word[0..end). */
function measure(word: string, end: number): number {
  let count = 0;
  let index = 0;
  while (index < end && isConsonant(word, index)) index += 1;
  while (index < end) {
    while (index < end && !isConsonant(word, index)) index += 1;
    if (index >= end) break;
    while (index < end && isConsonant(word, index)) index += 1;
    count += 1;
  }
  return count;
}

function hasVowel(word: string, end: number): boolean {
  for (let index = 0; index < end; index += 1) if (!isConsonant(word, index)) return true;
  return false;
}

/** The word ends in a doubled consonant ("hopp", "fizz"). */
function endsWithDoubleConsonant(word: string): boolean {
  const last = word.length - 1;
  return last >= 1 && word[last] === word[last - 1] && isConsonant(word, last);
}

/** word[0..end) ends consonant-vowel-consonant, the last not w, x or y ("hop", "fil"; not "snow"). */
function endsWithCvc(word: string, end: number): boolean {
  const last = end - 1;
  if (last < 2) return false;
  if (!isConsonant(word, last) || isConsonant(word, last - 1) || !isConsonant(word, last - 2)) return false;
  const character = word[last];
  return character !== "w" && character !== "x" && character !== "y";
}

type Rule = readonly [suffix: string, replacement: string];

function step1ab(word: string): string {
  let stem = word;
  if (stem.endsWith("s")) {
    if (stem.endsWith("sses")) stem = stem.slice(0, -2);
    else if (stem.endsWith("ies")) stem = stem.slice(0, -2);
    else if (!stem.endsWith("ss")) stem = stem.slice(0, -1);
  }
  if (stem.endsWith("eed")) {
    return measure(stem, stem.length - 3) > 0 ? stem.slice(0, -1) : stem;
  }
  const suffix = stem.endsWith("ed") ? "ed" : stem.endsWith("ing") ? "ing" : null;
  if (suffix === null || !hasVowel(stem, stem.length - suffix.length)) return stem;
  stem = stem.slice(0, -suffix.length);
  if (stem.endsWith("at") || stem.endsWith("bl") || stem.endsWith("iz")) return `${stem}e`;
  if (endsWithDoubleConsonant(stem)) {
    const last = stem[stem.length - 1];
    return last === "l" || last === "s" || last === "z" ? stem : stem.slice(0, -1);
  }
  if (measure(stem, stem.length) === 1 && endsWithCvc(stem, stem.length)) return `${stem}e`;
  return stem;
}

function step1c(word: string): string {
  return word.endsWith("y") && hasVowel(word, word.length - 1) ? `${word.slice(0, -1)}i` : word;
}

const step2Rules: readonly Rule[] = [
  ["ational", "ate"],
  ["tional", "tion"],
  ["enci", "ence"],
  ["anci", "ance"],
  ["izer", "ize"],
  ["bli", "ble"],
  ["alli", "al"],
  ["entli", "ent"],
  ["eli", "e"],
  ["ousli", "ous"],
  ["ization", "ize"],
  ["ation", "ate"],
  ["ator", "ate"],
  ["alism", "al"],
  ["iveness", "ive"],
  ["fulness", "ful"],
  ["ousness", "ous"],
  ["aliti", "al"],
  ["iviti", "ive"],
  ["biliti", "ble"],
  ["logi", "log"],
];

const step3Rules: readonly Rule[] = [
  ["icate", "ic"],
  ["ative", ""],
  ["alize", "al"],
  ["iciti", "ic"],
  ["ical", "ic"],
  ["ful", ""],
  ["ness", ""],
];

const step4Suffixes = [
  "al", "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ion", "ou", "ism", "ate", "iti", "ous", "ive", "ize",
];

// The reference implementation picks a group of rules by the word's penultimate (step 2, 4) or last
// (step 3) letter and applies the first rule of the group whose suffix matches, met condition or not.
// Suffixes that both match a word share those letters, and each group lists the longer first, so
// that is the longest matching suffix of all.
function findLongestSuffix<T>(word: string, candidates: readonly T[], suffixOf: (candidate: T) => string): T | null {
  let found: T | null = null;
  for (const candidate of candidates) {
    const suffix = suffixOf(candidate);
    if (word.endsWith(suffix) && (found === null || suffix.length > suffixOf(found).length)) found = candidate;
  }
  return found;
}

/** Steps 2 and 3: swap the suffix when the stem before it has m > 0. */
function replaceSuffix(word: string, rules: readonly Rule[]): string {
  const rule = findLongestSuffix(word, rules, ([suffix]) => suffix);
  if (rule === null) return word;
  const stemEnd = word.length - rule[0].length;
  return measure(word, stemEnd) > 0 ? word.slice(0, stemEnd) + rule[1] : word;
}

function step4(word: string): string {
  const suffix = findLongestSuffix(word, step4Suffixes, (candidate) => candidate);
  if (suffix === null) return word;
  const stemEnd = word.length - suffix.length;
  if (suffix === "ion") {
    const before = word[stemEnd - 1];
    if (before !== "s" && before !== "t") return word;
  }
  return measure(word, stemEnd) > 1 ? word.slice(0, stemEnd) : word;
}

function step5(word: string): string {
  let stem = word;
  if (stem.endsWith("e")) {
    const m = measure(stem, stem.length - 1);
    if (m > 1 || (m === 1 && !endsWithCvc(stem, stem.length - 1))) stem = stem.slice(0, -1);
  }
  if (stem.endsWith("ll") && measure(stem, stem.length) > 1) stem = stem.slice(0, -1);
  return stem;
}

/**
 * The Porter stem of a lowercase English word (letters a-z only). Words of one or two letters, and
 * anything that is not lowercase a-z, come back unchanged.
 */
export function stemEnglishWord(word: string): string {
  if (word.length <= 2 || !/^[a-z]+$/.test(word)) return word;
  return step5(step4(replaceSuffix(replaceSuffix(step1c(step1ab(word)), step2Rules), step3Rules)));
}
