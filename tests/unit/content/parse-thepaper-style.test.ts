import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/lib/content/markdown";
import { parseArticleFile } from "@/lib/content/parse-article";
import { parseByline, parseThepaperStyleArticle } from "@/lib/content/parse-thepaper-style";
import { expectSourceError } from "../../support/source-errors";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
const seedPath = "content/spark-3-0-report.md";
const seedBytes = new Uint8Array(readFileSync(path.join(repoRoot, seedPath)));
const encoder = new TextEncoder();

function parseText(text: string, filePath = "content/test.md") {
  return parseArticleFile(filePath, encoder.encode(text));
}

describe("the seed thepaper.cn report", () => {
  const article = parseArticleFile(seedPath, seedBytes);

  it("reads the headline, byline, date and source URL from the header", () => {
    expect(article.title).toBe("讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台");
    expect(article.authors).toEqual([{ name: "邵文", outlet: "澎湃新闻", role: "记者" }]);
    expect(article.sourceName).toBe("澎湃新闻");
    expect(article.publishedAt?.getTime()).toBe(new Date("2023-10-24T15:04:00+08:00").getTime());
    expect(article.timeZone).toBe("Asia/Shanghai");
    expect(article.sourceUrl).toBe("https://m.thepaper.cn/detail/25046014");
    expect(article.language).toBe("zh-CN");
    expect(article.status).toBe("published");
    expect(article.slug).toBeNull();
  });

  it("keeps the two summary points without their middle dots", () => {
    expect(article.summaryPoints).toHaveLength(2);
    const [first, second] = article.summaryPoints;
    expect(first?.startsWith("据科大讯飞董事长刘庆峰透露")).toBe(true);
    expect(first?.endsWith("也将完全基于华为支持的算力平台。")).toBe(true);
    expect(second?.startsWith("刘庆峰对近日科大讯飞被曝学习机中有不当内容的传闻")).toBe(true);
    expect(second?.endsWith("后续已经把大模型的内容审核机制放到学习机上，以做更严的审核。”")).toBe(true);
  });

  it("starts the body at the first paragraph and ends it at the last, with no header lines in it", () => {
    const body = article.bodyMarkdown;
    expect(body.startsWith("10月24日，科大讯飞公布了")).toBe(true);
    const paragraphs = body.split(/\n{2,}/);
    expect(paragraphs.at(-1)?.startsWith("在发布会当天，科大讯飞股票于午后触及跌停")).toBe(true);
    expect(
      body.endsWith("我们在发现相关问题后第一时间下架，对合作伙伴进行了处罚。后续已经把大模型的内容审核机制放到学习机上，以做更严的审核。”"),
    ).toBe(true);
    expect(body).not.toContain("**");
    expect(body).not.toMatch(/^·/m);
    expect(body).not.toContain("m.thepaper.cn/detail");
  });

  it("renders three captioned figures in order and eleven text paragraphs", () => {
    const { html, images } = renderMarkdown(article.bodyMarkdown);
    const expectedSrcs = [
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/788.jpg",
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/789.jpg",
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/878.jpg",
    ];
    expect(images.map((image) => image.src)).toEqual(expectedSrcs);
    expect([...html.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1])).toEqual(expectedSrcs);
    expect(html.match(/<figure>/g)).toHaveLength(3);
    expect(html.match(/<p>/g)).toHaveLength(11);
    expect(html.match(/<\/p>/g)).toHaveLength(11);
  });

  it("takes the short paragraph under each photo as its alt text and caption, as thepaper sets them", () => {
    const { html, images } = renderMarkdown(article.bodyMarkdown);
    expect(images.map((image) => [image.alt, image.title])).toEqual([
      ["刘庆峰正式宣布，星火V3.0已全方位超越ChatGPT，在中文上全面超越，在英文上实现对标。", "刘庆峰正式宣布，星火V3.0已全方位超越ChatGPT，在中文上全面超越，在英文上实现对标。"],
      ["刘庆峰透露，对标GPT-4的更大参数规模的星火大模型已正式启动训练，2024年上半年将实现对标GPT-4。", "刘庆峰透露，对标GPT-4的更大参数规模的星火大模型已正式启动训练，2024年上半年将实现对标GPT-4。"],
      ["基于星火大模型的首个“大模型+具身智能”人形机器人。", "基于星火大模型的首个“大模型+具身智能”人形机器人。"],
    ]);
    expect(html.match(/<figcaption>/g)).toHaveLength(3);
    // The paragraph that repeats the first caption in context stays in the body.
    expect(article.bodyMarkdown).toContain("5月，在讯飞星火认知大模型刚发布时");
  });

  it("leaves a long paragraph under a photo in the body, and escapes caption punctuation", () => {
    const text = `# 标题\n**记者 张三**\n**2024-01-02 10:00**\n\n正文。\n\n![](https://example.com/a.jpg)\n\n${"长".repeat(130)}\n\n![](https://example.com/b.jpg)\n\n说明 "引号" [方括号]\n`;
    const images = renderMarkdown(parseThepaperStyleArticle("x.md", text)!.bodyMarkdown).images;
    expect(images).toEqual([
      { src: "https://example.com/a.jpg", alt: "", title: null },
      { src: "https://example.com/b.jpg", alt: '说明 "引号" [方括号]', title: '说明 "引号" [方括号]' },
    ]);
  });

  it("parses the same through parseThepaperStyleArticle directly", () => {
    const text = readFileSync(path.join(repoRoot, seedPath), "utf8");
    expect(parseThepaperStyleArticle(seedPath, text)).toEqual(article);
  });
});

describe("parseByline", () => {
  it("gives each person the role written before them and carries the outlet over", () => {
    expect(parseByline("澎湃新闻记者 邵文 实习生 王五")).toEqual({
      outlet: "澎湃新闻",
      authors: [
        { name: "邵文", outlet: "澎湃新闻", role: "记者" },
        { name: "王五", outlet: "澎湃新闻", role: "实习生" },
      ],
    });
  });

  it("shares one role among several names separated by spaces or 、", () => {
    expect(parseByline("澎湃新闻记者 张三、李四").authors).toEqual([
      { name: "张三", outlet: "澎湃新闻", role: "记者" },
      { name: "李四", outlet: "澎湃新闻", role: "记者" },
    ]);
  });

  it("reads 首席记者 as one role, not 首席 + 记者", () => {
    expect(parseByline("澎湃新闻首席记者 张三")).toEqual({
      outlet: "澎湃新闻",
      authors: [{ name: "张三", outlet: "澎湃新闻", role: "首席记者" }],
    });
  });

  it("takes a bare name as an author with no role or outlet", () => {
    expect(parseByline("邵文")).toEqual({ outlet: null, authors: [{ name: "邵文", outlet: null, role: null }] });
  });
});

describe("thepaper-style files", () => {
  it("reads a wall-clock time in the IANA zone written after it", () => {
    const article = parseText("# 纽约港口恢复运营\n**记者 张三**\n\n**2023-10-24 15:04 America/New_York**\n\n正文第一段。\n");
    expect(article.timeZone).toBe("America/New_York");
    expect(article.publishedAt?.toISOString()).toBe("2023-10-24T19:04:00.000Z");
    expect(article.sourceName).toBeNull();
    expect(article.sourceUrl).toBeNull();
  });

  it("refuses a time zone that does not exist, naming its line", () => {
    const error = expectSourceError(() => parseText("# 标题\n**记者 张三**\n**2023-10-24 15:04 Mars/Phobos**\n\n正文。\n"));
    expect(error.line).toBe(3);
    expect(error.message).toMatch(/^content\/test\.md:3: .*Mars\/Phobos/);
  });

  it("reads a # title file with no date line as plain Markdown, its bold line kept in the body, as an undated draft", () => {
    const article = parseText("# 标题\n**澎湃新闻记者 邵文**\n\n正文第一段。\n");
    expect(article).toMatchObject({ title: "标题", status: "draft", undated: true, publishedAt: null, authors: [] });
    expect(article.bodyMarkdown).toBe("**澎湃新闻记者 邵文**\n\n正文第一段。");
  });

  it.each([
    ["2023-02-30 15:04", "February 30th"],
    ["2023-10-24 25:04", "hour 25"],
  ])("refuses an impossible date %s (%s), naming its line", (date) => {
    const error = expectSourceError(() =>
      parseText(`# 标题\n**澎湃新闻记者 邵文**\n\n**${date}**\n\n正文第一段。\n`),
    );
    expect(error.line).toBe(4);
    expect(error.message).toBe(`content/test.md:4: "${date}" is not a real date and time`);
  });

  it("refuses a header with no body after it", () => {
    const error = expectSourceError(() => parseText("# 标题\n**2023-10-24 15:04**\n\n·只有摘要\n"));
    expect(error.reason).toMatch(/no body/);
  });

  it("keeps a # that belongs to the title (C#), dropping only a closing sequence after a space", () => {
    expect(parseText("# 微软发布C# 12 ##\n**2023-10-24 15:04**\n\n正文。\n").title).toBe("微软发布C# 12");
    expect(parseText("# 从Java转向C#\n**2023-10-24 15:04**\n\n正文。\n").title).toBe("从Java转向C#");
  });
});
