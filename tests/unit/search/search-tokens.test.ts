import { describe, expect, it } from "vitest";
import { prepareArticleSearch } from "@/lib/search/article-search-text";
import { toPlainText } from "@/lib/search/plain-text";
import { MAX_TOKEN_LENGTH, normalizeSearchText, splitIntoRuns, tokenizeForIndex, toPinyinTokens, toWordToken } from "@/lib/search/search-tokens";

describe("tokenizeForIndex", () => {
  it("splits Chinese into words, with the words inside long ones", () => {
    expect(tokenizeForIndex("完全基于国产算力平台")).toEqual(["完全", "基于", "国产", "算力", "平台"]);
    expect(tokenizeForIndex("中华人民共和国")).toEqual(expect.arrayContaining(["中华", "人民", "共和国", "中华人民共和国"]));
  });

  it("case-folds and stems English, so Spark, sparks and sparked are one word", () => {
    expect(tokenizeForIndex("Spark sparks SPARKED sparking")).toEqual(["spark", "spark", "spark", "spark"]);
    expect(tokenizeForIndex("The connections were connected")).toEqual(["the", "connect", "were", "connect"]);
  });

  it("keeps a Chinese text's Latin words and numbers, split at punctuation", () => {
    expect(tokenizeForIndex("星火V3.0全方位超越ChatGPT，对标GPT-4")).toEqual(["星火", "v3", "0", "方位", "全方位", "超越", "chatgpt", "对标", "gpt", "4"]);
  });

  it("folds accents, full-width forms and ligatures, and joins apostrophes", () => {
    expect(tokenizeForIndex("Café ＧＰＴ ﬁnal naïve İstanbul")).toEqual(["cafe", "gpt", "final", "naiv", "istanbul"]);
    expect(tokenizeForIndex("Spark's engineers don’t")).toEqual(["spark", "engin", "dont"]);
  });

  it("drops emoji, symbols and operators, and keeps other scripts as words", () => {
    expect(tokenizeForIndex("🚀 AND (x OR y) -- * \" ' NEAR/3 ^ Привет мир")).toEqual(["and", "x", "or", "y", "near", "3", "привет", "мир"]);
  });

  it("gives only letters and digits, none longer than the cap", () => {
    const tokens = tokenizeForIndex(`${"a".repeat(500)} ${"汉".repeat(300)} x${"9".repeat(100)}`);
    for (const token of tokens) {
      expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
      expect(Array.from(token).length).toBeLessThanOrEqual(MAX_TOKEN_LENGTH);
    }
  });

  it("stops at the token limit", () => {
    expect(tokenizeForIndex("four five six seven", 3)).toEqual(["four", "five", "six"]);
  });

  it("normalizes the same way whatever form the text arrives in", () => {
    expect(normalizeSearchText("Cafe\u0301")).toBe(normalizeSearchText("Café"));
  });
});

describe("splitIntoRuns", () => {
  // The definition the splitter's one-pass scanner must agree with, character class for class.
  const definition = /(\p{Script=Han}+)|((?:(?!\p{Script=Han})[\p{L}\p{N}\p{M}])+)/gu;
  const byDefinition = (text: string) =>
    [...text.matchAll(definition)].map((match) => (match[1] ? { kind: "han", text: match[1] } : { kind: "word", text: match[2] }));

  it("finds the same Han runs and words as the regular expression that defines them", () => {
    const samples = [
      "讯飞星火v3.0发布，刘庆峰说：gpt-4的参数在1.8万亿左右。",
      "spark's 3 sparks — naïve café, ζεύς москва",
      "𠀀𠀁是古字々〇，𝐀𝐁 and ㄅㄆ ひらがな カタカナ 한국어",
      "e\u0301 a\u0308 \u0301alone 汉\u0301字",
      "lone \ud800 high, lone \udc00 low, 汉\ud800字",
      "emoji 👍🏽 and ⅫⅣ ½ ²",
      "",
      "   ",
    ];
    for (const sample of samples) expect(splitIntoRuns(sample)).toEqual(byDefinition(sample));
    // Every Basic Plane character, one at a time and in a row with its neighbours.
    const everyCharacter = Array.from({ length: 0x10000 }, (_, code) => String.fromCharCode(code));
    for (let start = 0; start < everyCharacter.length; start += 4096) {
      const block = everyCharacter.slice(start, start + 4096).join("");
      expect(splitIntoRuns(block)).toEqual(byDefinition(block));
    }
  });
});

describe("toPinyinTokens", () => {
  it("spells a title's Chinese words in pinyin, whole and by syllable", () => {
    const tokens = toPinyinTokens("讯飞星火大模型升级3.0");
    // Pinyin goes through the same stemmer as English, so "moxing" is stored as a query for it reads.
    expect(tokens).toEqual(expect.arrayContaining(["xinghuo", "xing", "huo", toWordToken("moxing"), "shengji"]));
    expect(tokens.every((token) => /^[a-z]+$/.test(token))).toBe(true);
  });

  it("reads polyphones from context and writes ü as v", () => {
    expect(toPinyinTokens("银行")).toContain("yinhang");
    expect(toPinyinTokens("绿色")).toContain("lvse");
  });

  it("has nothing for a title without Chinese", () => {
    expect(toPinyinTokens("Lanternfish scheduler 1.0")).toEqual([]);
  });
});

describe("toPlainText", () => {
  it("keeps the words of a Markdown body and drops its markup", () => {
    const markdown = [
      "## 标题 Heading",
      "",
      "Some **bold** and _emphasis_, a [link](https://example.com/x) and ![图注 alt](pic.jpg \"t\").",
      "",
      "> quoted `code`",
      "",
      "- item one",
      "1. item two",
      "",
      "| a | b |",
      "| --- | --- |",
      "| 算力 | 平台 |",
      "",
      "```js",
      "const x = 1;",
      "```",
    ].join("\n");
    const text = toPlainText(markdown);
    expect(text).toContain("标题 Heading");
    expect(text).toContain("Some bold and emphasis, a link and 图注 alt .");
    expect(text).toContain("quoted code");
    expect(text).toContain("item one item two");
    expect(text).toContain("算力 平台");
    expect(text).toContain("const x = 1;");
    expect(text).not.toMatch(/https:|pic\.jpg|\*\*|```|\| ---/);
  });

  it.each([
    ["CRLF line ends", "一段\r\n\r\n二段\r第三行", "一段\n\n二段 第三行"],
    ["a tilde fence", "~~~\ncode\n~~~", "code"],
    ["an image alone", "![alt 文字](a.png)", "alt 文字"],
    ["a link alone", "see [the report](https://example.com)", "see the report"],
    ["a reference definition", "text [ref]\n\n[ref]: https://example.com/a \"t\"", "text [ref]"],
    ["a bare URL", "见 <https://example.com/a> 一文", "见 一文"],
    ["a table", "| a | b |\n|:--|--:|\n| 1 | 2 |", "a b 1 2"],
    ["plain prose", "算力平台 and *more*", "算力平台 and more"],
    ["raw HTML, its tags and attributes", '<div class="caption" style="text-align:center">图注<br>第二行</div>', "图注 第二行"],
    ["an element the sanitizer drops whole", "前<script>alert('x')</script>后 <!-- note -->", "前 后"],
    ["inline tags inside a word", "国产算<b>力</b>平台", "国产算力平台"],
    ["HTML inside code, which readers see as text", "use `<br>` and\n\n```\n<div>x</div>\n```", "use <br> and <div>x</div>"],
  ])("reads %s as its words", (_name, markdown, expected) => {
    expect(toPlainText(markdown)).toBe(expected);
  });
});

describe("prepareArticleSearch", () => {
  it("teaches the segmenter the article's own names before indexing it", () => {
    const prepared = prepareArticleSearch({
      title: "讯飞星火大模型升级",
      summaryPoints: [],
      bodyMarkdown: "科大讯飞发布了讯飞星火。",
      sectionName: "科技",
      tagNames: ["平台"],
      authorNames: ["邵文"],
    });
    // 讯飞 is not in jieba's dictionary: found as an unknown name in the title, then kept whole.
    expect(prepared.userWords).toContain("讯飞");
    // Dictionary words (科技, 平台) are never re-taught; unknown author names are.
    expect(prepared.userWords).not.toContain("科技");
    expect(prepared.userWords).not.toContain("平台");
    expect(prepared.userWords).toContain("邵文");
    expect(prepared.document.title.split(" ")).toContain("讯飞");
    expect(prepared.document.body.split(" ")).toContain("讯飞");
    expect(prepared.document.pinyin.split(" ")).toContain("xunfei");
  });
});
