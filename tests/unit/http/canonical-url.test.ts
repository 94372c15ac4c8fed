import { describe, expect, it } from "vitest";
import { canonicalizeUrl } from "@/lib/http/canonical-url";

describe("canonicalizeUrl", () => {
  it("leaves canonical URLs alone", () => {
    for (const [path, search] of [
      ["/", ""],
      ["/articles/spark-3-report", ""],
      ["/sections/tiyu", "?page=2"],
      ["/search", "?q=%E7%AE%97%E5%8A%9B&page=2"],
      ["/media/AbC123/x.avif", ""],
      ["/sections/tiyu", "?q=a+b"],
    ] as const) {
      expect(canonicalizeUrl(path, search), `${path}${search}`).toBeNull();
    }
  });

  it("drops trailing slashes everywhere, and lower-cases reader paths only", () => {
    expect(canonicalizeUrl("/Articles/Spark-3-Report/", "")).toEqual({ pathname: "/articles/spark-3-report", search: "" });
    expect(canonicalizeUrl("/tags/AI//", "?x=1")).toEqual({ pathname: "/tags/ai", search: "?x=1" });
    expect(canonicalizeUrl("/FEED.XML", "")).toEqual({ pathname: "/feed.xml", search: "" });
    // Media keys and unknown paths keep their case: it may matter, and they are not ours to guess.
    expect(canonicalizeUrl("/media/AbC123/x.avif/", "")).toEqual({ pathname: "/media/AbC123/x.avif", search: "" });
    expect(canonicalizeUrl("/Nope", "")).toBeNull();
  });

  it("removes ?page=1 from lists and an empty query from search, keeping every other parameter in order", () => {
    expect(canonicalizeUrl("/sections/tiyu", "?a=1&page=1&b=2")).toEqual({ pathname: "/sections/tiyu", search: "?a=1&b=2" });
    expect(canonicalizeUrl("/", "?page=1")).toEqual({ pathname: "/", search: "" });
    expect(canonicalizeUrl("/search", "?q=%20&section=tiyu")).toEqual({ pathname: "/search", search: "?section=tiyu" });
    // Not page 1, or not a list: left for the page to answer (a 404 for page=0).
    expect(canonicalizeUrl("/sections/tiyu", "?page=01")).toBeNull();
    expect(canonicalizeUrl("/articles/x", "?page=1")).toBeNull();
    expect(canonicalizeUrl("/sections/tiyu", "?page=1&page=2")).toBeNull();
  });
});
