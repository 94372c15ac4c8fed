import { describe, expect, it } from "vitest";
import { absoluteUrl } from "@/lib/site-url";

describe("absoluteUrl", () => {
  it("puts a site path on the site's address", () => {
    expect(absoluteUrl("/articles/a", "https://news.example.com")).toBe("https://news.example.com/articles/a");
    expect(absoluteUrl("/articles/a", "https://news.example.com/")).toBe("https://news.example.com/articles/a");
    expect(absoluteUrl("/", "https://news.example.com")).toBe("https://news.example.com/");
  });

  it("keeps a path the site lives under", () => {
    expect(absoluteUrl("/feed.xml", "https://example.com/news/")).toBe("https://example.com/news/feed.xml");
  });

  it("refuses anything that is not a site path, rather than build a URL to another host", () => {
    expect(() => absoluteUrl("articles/a", "https://example.com")).toThrow(/site path/);
    expect(() => absoluteUrl("//evil.example/x", "https://example.com")).toThrow(/site path/);
    expect(() => absoluteUrl("https://evil.example/x", "https://example.com")).toThrow(/site path/);
  });
});
