// The RSS and Atom writers on a hand-made feed: the shape each format requires, read back by a
// real XML parser, with the hostile strings an article can carry.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { renderAtomFeed } from "@/lib/feeds/atom";
import type { Feed, FeedEntry } from "@/lib/feeds/load-feed";
import { renderRssFeed } from "@/lib/feeds/rss";

const hostileTitle = "Breaking ]]> <script>alert(1)</script> & more\u0001";
const hostileHtml = `<p>Tom &amp; Jerry</p><pre><code>]]&gt;</code></pre><p>raw ]]> end</p>`;

const entry = (overrides: Partial<FeedEntry> = {}): FeedEntry => ({
  url: "https://news.example.com/articles/a",
  title: "讯飞星火大模型升级3.0",
  summary: "第一点。第二点。",
  contentHtml: `<p>正文</p><img src="https://news.example.com/media/k.jpg" alt="">`,
  authors: [
    { name: "邵文", url: "https://news.example.com/authors/shao-wen" },
    { name: "Maya Chen", url: "https://news.example.com/authors/maya-chen" },
  ],
  categories: [
    { term: "keji", label: "科技", scheme: "https://news.example.com/sections/" },
    { term: "suan-li", label: "算力", scheme: "https://news.example.com/tags/" },
  ],
  published: new Date("2023-10-24T07:04:00Z"),
  updated: new Date("2023-10-25T01:00:00Z"),
  timeZone: "Asia/Shanghai",
  language: "zh-CN",
  ...overrides,
});

const feed = (entries: FeedEntry[]): Feed => ({
  title: "科技 | 墨石新闻",
  siteName: "墨石新闻",
  description: "墨石新闻「科技」栏目的最新报道",
  language: "zh-CN",
  pageUrl: "https://news.example.com/sections/keji",
  selfUrls: { rss: "https://news.example.com/sections/keji/feed.xml", atom: "https://news.example.com/sections/keji/atom.xml" },
  lastModified: new Date("2023-10-25T02:00:00.500Z"),
  updated: new Date("2023-10-25T02:00:00.500Z"),
  entries,
});

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@",
  parseTagValue: false,
  trimValues: false,
  isArray: (name, jpath) =>
    ["item", "entry", "dc:creator", "category", "author"].includes(name) || jpath === "feed.link" || jpath === "feed.entry.link",
});

type Node = Record<string, unknown>;
const text = (node: unknown): string => (typeof node === "string" ? node : String((node as Node)["#text"] ?? ""));

function parse(xml: string): Node {
  expect(XMLValidator.validate(xml)).toBe(true);
  return parser.parse(xml) as Node;
}

describe("renderRssFeed", () => {
  it("writes a channel and items with every element readers use", () => {
    const rss = parse(renderRssFeed(feed([entry()]))).rss as Node;
    expect(rss["@version"]).toBe("2.0");
    expect(rss["@xmlns:dc"]).toBe("http://purl.org/dc/elements/1.1/");
    expect(rss["@xmlns:content"]).toBe("http://purl.org/rss/1.0/modules/content/");
    const channel = rss.channel as Node;
    expect(channel).toMatchObject({
      title: "科技 | 墨石新闻",
      link: "https://news.example.com/sections/keji",
      description: "墨石新闻「科技」栏目的最新报道",
      language: "zh-CN",
      lastBuildDate: "Wed, 25 Oct 2023 02:00:00 +0000",
    });
    expect(channel["atom:link"]).toMatchObject({ "@rel": "self", "@href": "https://news.example.com/sections/keji/feed.xml" });
    const [item] = channel.item as Node[];
    expect(item).toMatchObject({
      title: "讯飞星火大模型升级3.0",
      link: "https://news.example.com/articles/a",
      guid: { "#text": "https://news.example.com/articles/a", "@isPermaLink": "true" },
      "dc:creator": ["邵文", "Maya Chen"],
      category: ["科技", "算力"],
      pubDate: "Tue, 24 Oct 2023 15:04:00 +0800",
      description: "第一点。第二点。",
      "content:encoded": `<p>正文</p><img src="https://news.example.com/media/k.jpg" alt="">`,
    });
  });

  it("keeps hostile titles and bodies as text and the document well-formed", () => {
    const xml = renderRssFeed(feed([entry({ title: hostileTitle, contentHtml: hostileHtml, summary: "a < b && c > d" })]));
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("\u0001");
    const [item] = ((parse(xml).rss as Node).channel as Node).item as Node[];
    expect(text(item?.title)).toBe("Breaking ]]> <script>alert(1)</script> & more");
    expect(text(item?.description)).toBe("a < b && c > d");
    expect(text(item?.["content:encoded"])).toBe(hostileHtml);
  });

  it("leaves out the description of an article without a summary, and writes an empty feed", () => {
    const [item] = ((parse(renderRssFeed(feed([entry({ summary: "" })]))).rss as Node).channel as Node).item as Node[];
    expect(item).not.toHaveProperty("description");
    const empty = (parse(renderRssFeed(feed([]))).rss as Node).channel as Node;
    expect(empty).not.toHaveProperty("item");
  });
});

describe("renderAtomFeed", () => {
  it("writes a feed and entries with what RFC 4287 requires", () => {
    const atom = parse(renderAtomFeed(feed([entry()]))).feed as Node;
    expect(atom["@xmlns"]).toBe("http://www.w3.org/2005/Atom");
    expect(atom["@xml:lang"]).toBe("zh-CN");
    expect(atom).toMatchObject({
      id: "https://news.example.com/sections/keji/atom.xml",
      title: { "#text": "科技 | 墨石新闻", "@type": "text" },
      subtitle: { "#text": "墨石新闻「科技」栏目的最新报道", "@type": "text" },
      updated: "2023-10-25T02:00:00.500+00:00",
      author: [{ name: "墨石新闻" }],
    });
    expect(atom.link).toEqual([
      { "@rel": "self", "@type": "application/atom+xml", "@href": "https://news.example.com/sections/keji/atom.xml" },
      { "@rel": "alternate", "@type": "text/html", "@href": "https://news.example.com/sections/keji" },
    ]);
    const [item] = atom.entry as Node[];
    expect(item).toMatchObject({
      "@xml:lang": "zh-CN",
      id: "https://news.example.com/articles/a",
      title: { "#text": "讯飞星火大模型升级3.0" },
      link: [{ "@rel": "alternate", "@href": "https://news.example.com/articles/a" }],
      published: "2023-10-24T15:04:00+08:00",
      updated: "2023-10-25T09:00:00+08:00",
      author: [
        { name: "邵文", uri: "https://news.example.com/authors/shao-wen" },
        { name: "Maya Chen", uri: "https://news.example.com/authors/maya-chen" },
      ],
      category: [
        { "@term": "keji", "@label": "科技", "@scheme": "https://news.example.com/sections/" },
        { "@term": "suan-li", "@label": "算力", "@scheme": "https://news.example.com/tags/" },
      ],
      summary: { "#text": "第一点。第二点。", "@type": "text" },
      content: { "#text": `<p>正文</p><img src="https://news.example.com/media/k.jpg" alt="">`, "@type": "html" },
    });
  });

  it("escapes hostile titles and bodies into text that reads back exactly", () => {
    const xml = renderAtomFeed(feed([entry({ title: hostileTitle, contentHtml: hostileHtml })]));
    expect(xml).not.toContain("<script>");
    expect(xml).not.toContain("]]>");
    const [item] = (parse(xml).feed as Node).entry as Node[];
    expect(text(item?.title)).toBe("Breaking ]]> <script>alert(1)</script> & more");
    expect(text(item?.content)).toBe(hostileHtml);
  });
});
