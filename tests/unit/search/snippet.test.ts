import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "@/lib/search/search-query";
import { buildLeadSnippetHtml, buildSnippetHtml, createHighlighter, highlightAll } from "@/lib/search/snippet";

const highlighterFor = (query: string) => createHighlighter(parseSearchQuery(query));

describe("buildSnippetHtml", () => {
  it("marks each form of an English word that matched", () => {
    const html = buildSnippetHtml("A spark flew. Sparks fly. The sparking plug sparked.", highlighterFor("spark"));
    expect(html).toBe("A <mark>spark</mark> flew. <mark>Sparks</mark> fly. The <mark>sparking</mark> plug <mark>sparked</mark>.");
  });

  it("marks Chinese words, a split phrase as one", () => {
    const html = buildSnippetHtml("目前完全基于国产算力平台，将来也基于华为支持的算力平台。", highlighterFor("国产算力平台"));
    expect(html).toBe("目前完全基于<mark>国产算力平台</mark>，将来也基于华为支持的<mark>算力平台</mark>。");
  });

  it("escapes the text around and inside marks", () => {
    const html = buildSnippetHtml(`<script>alert("x")</script> & spark's <b>sparks</b>`, highlighterFor("spark"));
    expect(html).toBe(`&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>spark&#39;s</mark> &lt;b&gt;<mark>sparks</mark>&lt;/b&gt;`);
    expect(html?.replace(/<\/?mark>/g, "")).not.toMatch(/[<>]/);
  });

  it("shows the passage with the most different query words, cut with ellipses", () => {
    const filler = "Nothing to see in this sentence at all. ".repeat(30);
    const text = `${filler}Only spark here. ${filler}Here spark meets battery in one place. ${filler}`;
    const html = buildSnippetHtml(text, highlighterFor("spark battery"))!;
    expect(html.startsWith("…")).toBe(true);
    expect(html.endsWith("…")).toBe(true);
    expect(html).toContain("<mark>spark</mark> meets <mark>battery</mark>");
    expect(html.replace(/<\/?mark>/g, "").length).toBeLessThan(300);
  });

  it("is null when none of the query's words are in the text", () => {
    expect(buildSnippetHtml("Nothing relevant.", highlighterFor("算力"))).toBeNull();
  });

  it("never splits an emoji's surrogate pair", () => {
    const text = `${"🙂".repeat(200)} spark ${"🙂".repeat(200)}`;
    const html = buildSnippetHtml(text, highlighterFor("spark"))!;
    expect(html).toContain("<mark>spark</mark>");
    expect(html).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

describe("highlightAll", () => {
  it("marks a title's Chinese words found by their pinyin", () => {
    expect(highlightAll("讯飞星火大模型升级3.0", highlighterFor("xinghuo"))).toBe("讯飞<mark>星火</mark>大模型升级3.0");
  });

  it("escapes titles", () => {
    expect(highlightAll("Spark <3 & co", highlighterFor("spark"))).toBe("<mark>Spark</mark> &lt;3 &amp; co");
  });
});

describe("buildLeadSnippetHtml", () => {
  it("is the escaped start of the text", () => {
    expect(buildLeadSnippetHtml("<b>short</b>")).toBe("&lt;b&gt;short&lt;/b&gt;");
    expect(buildLeadSnippetHtml("汉".repeat(500)).endsWith("…")).toBe(true);
  });
});
