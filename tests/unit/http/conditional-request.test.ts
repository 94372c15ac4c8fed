import { describe, expect, it } from "vitest";
import { isNotModified, isNotModifiedSince } from "@/lib/http/conditional-request";

describe("isNotModifiedSince", () => {
  const lastModified = new Date("2023-10-24T07:04:00.750Z");

  it("is current when the client's date is the Last-Modified we sent, milliseconds aside", () => {
    expect(isNotModifiedSince(lastModified, lastModified.toUTCString())).toBe(true);
    expect(isNotModifiedSince(lastModified, "Tue, 24 Oct 2023 08:00:00 GMT")).toBe(true);
  });

  it("is stale when the feed changed after the client's date", () => {
    expect(isNotModifiedSince(lastModified, "Tue, 24 Oct 2023 07:03:59 GMT")).toBe(false);
  });

  it("ignores a missing or unreadable date", () => {
    expect(isNotModifiedSince(lastModified, null)).toBe(false);
    expect(isNotModifiedSince(lastModified, "yesterday-ish")).toBe(false);
  });
});

describe("isNotModified", () => {
  const validators = { etag: '"abc"', lastModified: new Date("2023-10-24T07:04:00Z") };
  const headers = (init: Record<string, string>) => new Headers(init);

  it("answers If-None-Match by weak comparison, a list, or *", () => {
    expect(isNotModified(headers({ "If-None-Match": '"abc"' }), validators)).toBe(true);
    expect(isNotModified(headers({ "If-None-Match": 'W/"abc"' }), validators)).toBe(true);
    expect(isNotModified(headers({ "If-None-Match": '"x", "abc"' }), validators)).toBe(true);
    expect(isNotModified(headers({ "If-None-Match": "*" }), validators)).toBe(true);
    expect(isNotModified(headers({ "If-None-Match": '"abcd"' }), validators)).toBe(false);
  });

  it("lets If-None-Match decide alone, and uses If-Modified-Since only without it", () => {
    const current = validators.lastModified.toUTCString();
    expect(isNotModified(headers({ "If-None-Match": '"old"', "If-Modified-Since": current }), validators)).toBe(false);
    expect(isNotModified(headers({ "If-Modified-Since": current }), validators)).toBe(true);
    expect(isNotModified(headers({}), validators)).toBe(false);
  });
});
