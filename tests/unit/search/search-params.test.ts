import { describe, expect, it } from "vitest";
import { parseSearchParams, toSearchQueryString } from "@/lib/search/search-params";

const zone = "Asia/Shanghai";

describe("parseSearchParams", () => {
  it("reads a full search", () => {
    expect(parseSearchParams({ q: "算力", section: "keji", from: "2023-10-01", to: "2023-10-31", page: "2" }, zone)).toEqual({
      query: "算力",
      sectionSlug: "keji",
      from: "2023-10-01",
      to: "2023-10-31",
      // Days are the site's days: midnight in Beijing, and the whole of the last day.
      publishedFrom: new Date("2023-09-30T16:00:00Z"),
      publishedBefore: new Date("2023-10-31T16:00:00Z"),
      page: 2,
      ignored: [],
    });
  });

  it("defaults everything that is absent", () => {
    expect(parseSearchParams({}, zone)).toMatchObject({ query: "", sectionSlug: null, publishedFrom: null, publishedBefore: null, page: 1, ignored: [] });
    expect(parseSearchParams({ section: "", from: " ", to: "" }, zone).ignored).toEqual([]);
  });

  it("ignores, and names, parameters that are not valid", () => {
    const parsed = parseSearchParams({ q: "spark", section: "../etc", from: "2023-02-30", to: "yesterday", page: "0" }, zone);
    expect(parsed).toMatchObject({ query: "spark", sectionSlug: null, publishedFrom: null, publishedBefore: null, page: 1 });
    expect(parsed.ignored).toEqual(["section", "from", "to", "page"]);
    expect(parseSearchParams({ page: "abc" }, zone).ignored).toEqual(["page"]);
    expect(parseSearchParams({ page: "99999999999" }, zone).ignored).toEqual(["page"]);
  });

  it("ignores an end day before the start day", () => {
    const parsed = parseSearchParams({ from: "2023-10-10", to: "2023-10-01" }, zone);
    expect(parsed).toMatchObject({ from: "2023-10-10", to: null, publishedBefore: null, ignored: ["to"] });
  });

  it("takes the first of a repeated parameter and survives values that are not text", () => {
    expect(parseSearchParams({ q: ["first", "second"], page: ["3", "4"] }, zone)).toMatchObject({ query: "first", page: 3 });
    expect(parseSearchParams(null, zone)).toMatchObject({ query: "", page: 1 });
    expect(parseSearchParams({ q: 42, section: { slug: "x" } }, zone)).toMatchObject({ query: "", sectionSlug: null });
  });
});

describe("toSearchQueryString", () => {
  it("keeps what is set, so page links keep the search", () => {
    expect(toSearchQueryString({ query: "算力", sectionSlug: null, from: "2023-10-01", to: null })).toEqual({ q: "算力", from: "2023-10-01" });
  });
});
