const hanPattern = /\p{Script=Han}/gu;
const letterPattern = /\p{L}/gu;

/** "zh" → "zh-CN", "EN-us" → "en-US"; null for text that is not a BCP 47 tag. */
const languageNames = new Intl.DisplayNames(["en"], { type: "language", fallback: "none" });

const normalizedTags = new Map<string, string | null>();

export function normalizeLanguageTag(tag: string): string | null {
  let normalized = normalizedTags.get(tag);
  if (normalized === undefined) {
    normalized = computeNormalizedLanguageTag(tag);
    if (normalizedTags.size < 1000) normalizedTags.set(tag, normalized);
  }
  return normalized;
}

function computeNormalizedLanguageTag(tag: string): string | null {
  try {
    const [canonical] = Intl.getCanonicalLocales(tag.trim());
    // Well-formed is not enough: "chinese" is a valid tag shape but names no language.
    if (!canonical || languageNames.of(canonical) === undefined) return null;
    return canonical === "zh" ? "zh-CN" : canonical;
  } catch {
    return null;
  }
}

/** zh-CN when Han characters make up a fifth of the letters or more, en otherwise. */
export function detectLanguage(text: string): string {
  const han = text.match(hanPattern)?.length ?? 0;
  const letters = text.match(letterPattern)?.length ?? 0;
  return letters > 0 && han / letters >= 0.2 ? "zh-CN" : "en";
}

/** The zone dates are written in when a file does not say: Beijing time for Chinese sources. */
export function getDefaultTimeZone(language: string): string {
  return language.startsWith("zh") ? "Asia/Shanghai" : "UTC";
}

export function isChinese(language: string): boolean {
  return language.toLowerCase().startsWith("zh");
}
