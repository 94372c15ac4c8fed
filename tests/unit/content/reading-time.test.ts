import { describe, expect, it } from "vitest";
import { estimateReadingMinutes, measureText } from "@/lib/content/reading-time";

describe("reading time", () => {
  it("counts Chinese by characters and other text by words, ignoring markup, link addresses and images", () => {
    expect(measureText("讯飞星火V3.0发布，**刘庆峰**说：GPT-4的参数在1.8万亿左右。")).toEqual({ hanCharacters: 18, words: 3 });
    expect(measureText("Solar panels don't fail; they fade. See [the data](https://example.com/a-b).")).toEqual({ hanCharacters: 0, words: 9 });
    expect(measureText("![一张图](images/photo-one.jpg)\n\n正文")).toEqual({ hanCharacters: 2, words: 0 });
  });

  it("counts Han characters outside the Basic Plane once each, and words in any script", () => {
    expect(measureText("𠀀𠀁是古字 Ζεύς Москва café 𝐀𝐁")).toEqual({ hanCharacters: 5, words: 4 });
  });

  it("gives a Chinese article minutes by its characters, never one minute because it has no spaces", () => {
    const chinese = "科大讯飞公布了一系列相关大模型与算力平台的最新技术进展。".repeat(60);
    expect(measureText(chinese).words).toBe(0);
    expect(estimateReadingMinutes(measureText(chinese))).toBe(4);
    expect(estimateReadingMinutes(measureText("word ".repeat(460)))).toBe(2);
    expect(estimateReadingMinutes({ hanCharacters: 0, words: 0 })).toBe(1);
  });
});
