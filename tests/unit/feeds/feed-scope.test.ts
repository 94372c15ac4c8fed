import { describe, expect, it } from "vitest";
import { getFeedAlternateTypes, getFeedDescription, getFeedPagePath, getFeedPath, getFeedTitle } from "@/lib/feeds/feed-scope";
import { getDictionary } from "@/lib/i18n/dictionaries";
import { env } from "@/lib/env";

const zh = getDictionary("zh-CN");
const en = getDictionary("en");

describe("feed paths", () => {
  it("puts each scope's feeds beside its page", () => {
    expect(getFeedPath({ kind: "site" }, "rss")).toBe("/feed.xml");
    expect(getFeedPath({ kind: "site" }, "atom")).toBe("/atom.xml");
    expect(getFeedPath({ kind: "section", slug: "tiyu" }, "rss")).toBe("/sections/tiyu/feed.xml");
    expect(getFeedPath({ kind: "tag", slug: "lan-gang" }, "atom")).toBe("/tags/lan-gang/atom.xml");
    expect(getFeedPagePath({ kind: "tag", slug: "lan-gang" })).toBe("/tags/lan-gang");
  });
});

describe("feed names", () => {
  it("speaks the site's language", () => {
    expect(getFeedTitle({ kind: "site" }, zh)).toBe("墨石新闻");
    expect(getFeedTitle({ kind: "section", slug: "tiyu", name: "体育" }, zh)).toBe("体育 | 墨石新闻");
    expect(getFeedDescription({ kind: "tag", slug: "lan-gang", name: "澜港" }, zh)).toBe("墨石新闻「澜港」标签下的最新报道");
    expect(getFeedTitle({ kind: "site" }, en)).toBe("Inkstone");
    expect(getFeedDescription({ kind: "section", slug: "science", name: "Science" }, en)).toBe("The latest Science stories from Inkstone");
  });
});

describe("getFeedAlternateTypes", () => {
  it("lists an RSS and an Atom link per scope, in order, with absolute URLs", () => {
    const types = getFeedAlternateTypes([{ kind: "section", slug: "tiyu", name: "体育" }, { kind: "site" }], zh);
    const site = env.SITE_URL.replace(/\/$/, "");
    expect(types).toEqual({
      "application/rss+xml": [
        { url: `${site}/sections/tiyu/feed.xml`, title: "体育 | 墨石新闻 (RSS)" },
        { url: `${site}/feed.xml`, title: "墨石新闻 (RSS)" },
      ],
      "application/atom+xml": [
        { url: `${site}/sections/tiyu/atom.xml`, title: "体育 | 墨石新闻 (Atom)" },
        { url: `${site}/atom.xml`, title: "墨石新闻 (Atom)" },
      ],
    });
  });
});
