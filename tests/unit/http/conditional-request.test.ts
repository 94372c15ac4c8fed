import { describe, expect, it } from "vitest";
import { isNotModifiedSince } from "@/lib/http/conditional-request";

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
