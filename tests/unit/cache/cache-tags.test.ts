import { describe, expect, it } from "vitest";
import { articleListsTag, articleTag, isKnownCacheTag, sectionsTag, tagsForChangedArticles } from "@/lib/cache-tags";

describe("cache tags", () => {
  it("name every list, the navigation and each changed article, old slugs included", () => {
    expect(tagsForChangedArticles(["new-slug", "old-slug", "new-slug"]).sort()).toEqual(
      [articleListsTag, sectionsTag, "article:new-slug", "article:old-slug"].sort(),
    );
  });

  it("accept from outside only the tags this module makes", () => {
    for (const tag of [articleListsTag, sectionsTag, articleTag("a-b-3"), "section:keji", "tag:ai", "author:lin"]) {
      expect(isKnownCacheTag(tag), tag).toBe(true);
    }
    for (const tag of ["", "article:", "article:../x", "ARTICLES", "article:a b", "/", "page:/", `article:${"a".repeat(121)}`]) {
      expect(isKnownCacheTag(tag), tag).toBe(false);
    }
  });
});
