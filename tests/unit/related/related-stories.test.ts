import { describe, expect, it } from "vitest";
import { rankRelatedStories, type RelatedCandidate } from "@/lib/related/related-stories";

const story = (id: number, tagSlugs: string[], aboutText: string, sectionSlug: string | null = null, publishedAt = id): RelatedCandidate<number> => ({
  item: id,
  id,
  tagSlugs,
  sectionSlug,
  aboutText,
  publishedAt,
});

describe("related stories", () => {
  const target = { id: 1, tagSlugs: ["suanli", "huawei"], sectionSlug: "keji", aboutText: "讯飞星火大模型升级，完全基于国产算力平台" };

  it("add up shared tags (each worth three words) and shared words, never the story itself or one that shares nothing", () => {
    const ranked = rankRelatedStories(
      target,
      [
        story(1, ["suanli", "huawei"], "讯飞星火大模型升级，完全基于国产算力平台", "keji"),
        story(2, ["suanli"], "港口集装箱吞吐量创新高", "caijing"),
        story(3, [], "国产算力平台走向成熟", "keji"),
        story(4, ["marathon"], "澜港马拉松鸣枪", "tiyu"),
        story(5, ["suanli", "huawei"], "芯片供应链观察", "keji"),
      ],
      4,
    );
    // 5: two tags (6.5); 3: three words, 国产 算力 平台 (3.5); 2: one tag (3); 4: nothing.
    expect(ranked).toEqual([5, 3, 2]);
  });

  it("matches English words across forms and ignores short filler words", () => {
    const english = { id: 10, tagSlugs: [], sectionSlug: null, aboutText: "Solar panels degrade slowly in the sun" };
    const ranked = rankRelatedStories(
      english,
      [story(11, [], "How a solar panel is recycled"), story(12, [], "The city and the sea"), story(13, [], "Panels of judges")],
      4,
    );
    expect(ranked[0]).toBe(11);
    expect(ranked).not.toContain(12);
  });

  it("prefers newer stories among equals and respects the limit", () => {
    const ranked = rankRelatedStories(
      target,
      [story(20, ["suanli"], "甲", null, 100), story(21, ["suanli"], "乙", null, 300), story(22, ["suanli"], "丙", null, 200)],
      2,
    );
    expect(ranked).toEqual([21, 22]);
  });
});
