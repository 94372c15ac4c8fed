import { describe, expect, it } from "vitest";
import { slugPattern } from "@/lib/content/slug-pattern";
import { createSlug, pickUniqueSlug } from "@/lib/content/slug";

const han = /\p{Script=Han}/u;

describe("createSlug", () => {
  it("spells the seed headline as readable pinyin words", () => {
    const slug = createSlug("讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台");
    expect(slug).toBe("xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli");
    expect(slug).not.toContain("%");
    expect(slug).not.toMatch(han);
  });

  it.each([
    ["Spark 3.0 launches: iFlytek answers GPT-4", "spark-3-0-launches-iflytek-answers-gpt-4"],
    ["  Hello,   World!  ", "hello-world"],
    ["华为 Mate 60 发布", "huawei-mate-60-fabu"],
    ["Crème brûlée à Paris, déjà vu", "creme-brulee-a-paris-deja-vu"],
    ["绿色", "lvse"],
    ["女足夺冠", "nvzu-duoguan"],
    ["Ｍａｔｅ　６０（全角）", "mate-60-quanjiao"],
  ])("%s → %s", (title, slug) => {
    expect(createSlug(title)).toBe(slug);
  });

  // These letters have no combining-mark decomposition, so stripping accents alone loses them.
  it.each([
    ["Søren Kierkegaard", "soren-kierkegaard"],
    ["Straße", "strasse"],
    ["Łódź marathon", "lodz-marathon"],
  ])("folds Latin letters without a decomposition: %s → %s", (title, slug) => {
    expect(createSlug(title)).toBe(slug);
  });

  it.each(["🎉🎉🎉", "！！！", "……——", "   ", "😀"])("never gives an empty slug for %j, and gives the same one every time", (title) => {
    const slug = createSlug(title);
    expect(slug).toMatch(/^article-[0-9a-f]{8}$/);
    expect(createSlug(title)).toBe(slug);
  });

  it("gives different titles with nothing to spell different slugs", () => {
    expect(createSlug("🎉")).not.toBe(createSlug("😀"));
  });

  it("caps a long English title at 80 characters on a word boundary", () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i}`);
    const slug = createSlug(words.join(" "));
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(slugPattern);
    // Whole words only: the slug is the full hyphenated title cut just before a hyphen.
    expect(`${words.join("-")}`.startsWith(`${slug}-`)).toBe(true);
    expect(slug.length).toBeGreaterThan(80 - "word29".length - 1);
  });

  it("caps a long Chinese title at 80 characters on a word boundary, with no Han or % left", () => {
    const title = "中华人民共和国国务院新闻办公室举行新闻发布会介绍二〇二三年国民经济和社会发展统计公报有关情况以及未来发展规划";
    const slug = createSlug(title);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(slugPattern);
    expect(slug).not.toMatch(han);
    expect(slug).not.toContain("%");
    expect(slug.startsWith("zhonghuarenmingongheguo-")).toBe(true);
  });

  it.each([
    "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台",
    "「澎湃」新闻：今日《头条》？",
    "C++ & Rust / Go — 2024 年度回顾",
    "100% 的人都不知道",
    "Ünïcödé — 中文 mixed",
    "龘靐齉",
  ])("always gives a URL-safe slug for %j", (title) => {
    const slug = createSlug(title);
    expect(slug).toMatch(slugPattern);
    expect(slug).not.toMatch(han);
    expect(slug).not.toContain("%");
  });
});

describe("pickUniqueSlug", () => {
  it("keeps the base when it is free, then tries -2, -3…", () => {
    const taken = new Set<string>();
    const pick = () => {
      const slug = pickUniqueSlug("spark-3-0", (candidate) => taken.has(candidate));
      taken.add(slug);
      return slug;
    };
    expect([pick(), pick(), pick()]).toEqual(["spark-3-0", "spark-3-0-2", "spark-3-0-3"]);
  });

  it("trims a base of 80 characters so the suffix still fits in 80", () => {
    const base = `${"x".repeat(39)}-${"y".repeat(40)}`;
    expect(base).toHaveLength(80);
    const slug = pickUniqueSlug(base, (candidate) => candidate === base);
    expect(slug).toBe(`${"x".repeat(39)}-${"y".repeat(38)}-2`);
    expect(slug.length).toBeLessThanOrEqual(80);
    expect(slug).toMatch(slugPattern);
  });

  it("never leaves a double hyphen when the trim lands on one", () => {
    // Cutting at 78 characters would end on the hyphen after the x's.
    const base = `${"x".repeat(77)}-yy`;
    const slug = pickUniqueSlug(base, (candidate) => candidate === base);
    expect(slug).toBe(`${"x".repeat(77)}-2`);
    expect(slug).toMatch(slugPattern);
  });

  it("counts past ten without growing beyond 80", () => {
    const base = "a".repeat(80);
    const taken = new Set([base, ...Array.from({ length: 8 }, (_, i) => `${"a".repeat(78)}-${i + 2}`), `${"a".repeat(77)}-10`]);
    const slug = pickUniqueSlug(base, (candidate) => taken.has(candidate));
    expect(slug).toBe(`${"a".repeat(77)}-11`);
  });
});
