import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { detectLanguage, getDefaultTimeZone, isChinese, normalizeLanguageTag } from "@/lib/content/language";

const repoRoot = path.resolve(import.meta.dirname, "../../..");

describe("normalizeLanguageTag", () => {
  it.each<[string, string]>([
    ["zh", "zh-CN"],
    ["ZH", "zh-CN"],
    ["zh-cn", "zh-CN"],
    [" zh-CN ", "zh-CN"],
    ["zh-hant-tw", "zh-Hant-TW"],
    ["en", "en"],
    ["en-us", "en-US"],
    ["EN-gb", "en-GB"],
  ])("%j → %s", (tag, normalized) => {
    expect(normalizeLanguageTag(tag)).toBe(normalized);
  });

  it.each(["", "   ", "not a tag", "en_US", "zh-", "12", "中文", "e"])("%j → null", (tag) => {
    expect(normalizeLanguageTag(tag)).toBeNull();
  });

  // Well-formed BCP 47 shape (5–8 letters) but no such language: an article marked lang="chinese"
  // would get UTC dates and a lang attribute no browser or screen reader understands.
  it.each(["garbage", "chinese", "english"])("%j → null, as it names no language", (tag) => {
    expect(normalizeLanguageTag(tag)).toBeNull();
  });
});

describe("detectLanguage", () => {
  it("reads the seed report as Chinese", () => {
    const text = readFileSync(path.join(repoRoot, "content/spark-3-0-report.md"), "utf8");
    expect(detectLanguage(text)).toBe("zh-CN");
  });

  it.each<[string, string]>([
    ["刘庆峰正式宣布，星火V3.0已全方位超越ChatGPT。", "zh-CN"],
    ["iFlytek said on Tuesday that Spark 3.0 outperforms ChatGPT.", "en"],
    ["iFlytek chairman Liu Qingfeng (刘庆峰) said Spark now beats GPT-4 on Chinese benchmarks.", "en"],
    ["", "en"],
    ["2023-10-24 15:04 — 46.7 (-9.97%)", "en"],
    // The threshold is a fifth of the letters: 1 Han in 5 letters is Chinese, 1 in 6 is not.
    ["中abcd", "zh-CN"],
    ["中abcde", "en"],
  ])("%j → %s", (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe("time zone and script defaults", () => {
  it.each<[string, string]>([
    ["zh-CN", "Asia/Shanghai"],
    ["zh-Hans", "Asia/Shanghai"],
    ["en", "UTC"],
    ["en-US", "UTC"],
  ])("%s articles default to %s", (language, zone) => {
    expect(getDefaultTimeZone(language)).toBe(zone);
  });

  it.each<[string, boolean]>([
    ["zh-CN", true],
    ["ZH-tw", true],
    ["en", false],
  ])("isChinese(%j) → %s", (language, chinese) => {
    expect(isChinese(language)).toBe(chinese);
  });
});
