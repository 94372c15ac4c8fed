import { describe, expect, it } from "vitest";
import { findFileNameDate, parsePlainMarkdownArticle, takeLeadingTitle } from "@/lib/content/parse-plain-markdown";

describe("plain Markdown files", () => {
  it("takes an ATX or setext first-level heading as the title", () => {
    expect(takeLeadingTitle("\n# Notes #\n\nBody")).toEqual({ title: "Notes", rest: "\nBody" });
    expect(takeLeadingTitle("Notes\n=====\nBody")).toEqual({ title: "Notes", rest: "Body" });
    expect(takeLeadingTitle("## Second level\n\nBody")).toBeNull();
  });

  it("falls back to a short first line, then to the file name", () => {
    expect(parsePlainMarkdownArticle("n/issue.md", "Subject line\n\nBody.")).toMatchObject({ title: "Subject line", bodyMarkdown: "Body." });
    const paragraph = "word ".repeat(100);
    expect(parsePlainMarkdownArticle("n/2024-05-17-weekly-notes.md", `${paragraph}\n`).title).toBe("weekly notes");
    expect(parsePlainMarkdownArticle("n/notes.md", "- a list first\n- item\n").title).toBe("notes");
  });

  it.each<[string, string | null]>([
    ["a/2024-05-17-title.md", "2024-05-17"],
    ["a/20240517-title.md", "2024-05-17"],
    ["a/2024-05-17.md", "2024-05-17"],
    ["a/2024-05-17-bundle/index.md", "2024-05-17"],
    ["a/title-2024-05-17.md", null],
    ["a/20240517123-title.md", null],
  ])("finds the date in the file name %s: %s", (file, date) => {
    expect(findFileNameDate(file)).toBe(date);
  });

  it("reads a date line near the top and takes it out of the body", () => {
    const article = parsePlainMarkdownArticle("n/x.md", "# 港口周报\n\n日期：2024年5月17日\n\n本周港口吞吐量上升。");
    expect(article.publishedAt?.toISOString()).toBe("2024-05-16T16:00:00.000Z");
    expect(article).toMatchObject({ status: "published", language: "zh-CN", timeZone: "Asia/Shanghai", bodyMarkdown: "本周港口吞吐量上升。" });
  });

  it("never publishes with an invented date: no date anywhere is an undated draft", () => {
    expect(parsePlainMarkdownArticle("n/x.md", "# Notes\n\nNothing dated here.")).toMatchObject({ status: "draft", undated: true, publishedAt: null });
  });
});
