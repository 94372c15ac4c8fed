import { describe, expect, it } from "vitest";
import { addSearchUserWords } from "@/lib/content/chinese-words";
import { toFts5Query } from "@/lib/db/search-index";
import { MAX_QUERY_LENGTH, MAX_QUERY_TOKENS, parseSearchQuery } from "@/lib/search/search-query";

// What readers type that a search engine might take for syntax, and what must come of it.
const hostileQueries = [
  '"unbalanced',
  "((((",
  "spark) OR (1=1",
  "title: spark",
  "{title}: spark",
  "spark*",
  "NEAR(spark sparks, 2)",
  "spark AND NOT sparks",
  "-spark +sparks",
  "'; DROP TABLE \"Article\"; --",
  "spark & sparks | !x <-> y:*",
  "\\\" \\' \\\\",
  "%_%",
  "\u0000\u200b\u202e spark",
  "🙂 🚀 算力🔥",
  "算力 AND 华为 OR Spark",
  "x".repeat(10_000),
  "算力".repeat(5_000),
];

describe("parseSearchQuery", () => {
  it("splits a Chinese phrase into the words it was indexed as", () => {
    expect(parseSearchQuery("国产算力平台").terms).toEqual([[["国产", "算力", "平台"]]]);
  });

  it("asks for a long word whole, not also for the parts the index adds beside it", () => {
    expect(parseSearchQuery("中华人民共和国").terms).toEqual([[["中华人民共和国"]]]);
  });

  it("folds and stems English words", () => {
    expect(parseSearchQuery("  Spark   SPARKS  ").terms).toEqual([[["spark"]]]);
    expect(parseSearchQuery("Spark sparks").text).toBe("Spark sparks");
  });

  it("offers a learnt name both whole and as jieba alone splits it, for articles indexed before", () => {
    addSearchUserWords(["讯飞"]);
    expect(parseSearchQuery("讯飞").terms).toEqual([[["讯飞"], ["讯", "飞"]]]);
  });

  it("is empty when there is nothing to search for", () => {
    for (const query of ["", "   ", "🙂🙂", "!!! ??? ---", "\u200b\u200b", "(((\"\"\")))"]) {
      expect(parseSearchQuery(query).terms).toEqual([]);
    }
  });

  it.each(hostileQueries)("reads %j as words only", (query) => {
    const parsed = parseSearchQuery(query);
    for (const term of parsed.terms) {
      for (const alternative of term) for (const token of alternative) expect(token).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(Array.from(parsed.text).length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    expect(parsed.terms.reduce((sum, term) => sum + Math.max(...term.map((alternative) => alternative.length)), 0)).toBeLessThanOrEqual(
      MAX_QUERY_TOKENS,
    );
  });

  it("treats operators as the words they spell, never as operators", () => {
    expect(parseSearchQuery("spark AND NOT sparks").terms).toEqual([[["spark"]], [["and"]], [["not"]]]);
    expect(parseSearchQuery("{title}: spark*").terms).toEqual([[["titl"]], [["spark"]]]);
  });
});

describe("toFts5Query", () => {
  it("quotes every token and joins only with AND, OR and brackets", () => {
    expect(toFts5Query([[["算力"]], [["spark"]]])).toBe('("算力") AND ("spark")');
    expect(toFts5Query([[["飞阅"], ["飞", "阅"]]])).toBe('(("飞阅") OR ("飞" AND "阅"))');
  });

  it.each(hostileQueries)("makes an FTS5 query of %j with no syntax but its own", (query) => {
    const fts = toFts5Query(parseSearchQuery(query).terms);
    // Remove the quoted tokens; what is left must be the builder's own AND, OR and brackets.
    const outside = fts.replace(/"(?:[^"]|"")*"/g, "");
    expect(outside).toMatch(/^[()\s]*(?:(?:AND|OR)[()\s]*)*$/);
  });
});
