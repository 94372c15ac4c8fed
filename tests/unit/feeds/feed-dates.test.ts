import { describe, expect, it } from "vitest";
import { formatRfc3339InZone, formatRfc822InZone } from "@/lib/feeds/feed-dates";

// The seed report: 15:04 Beijing time on 24 October 2023.
const seed = new Date("2023-10-24T07:04:00Z");

/** RFC 822 dates back to an instant, the way feed readers read them. */
const parseRfc822 = (text: string) => new Date(Date.parse(text));

describe("formatRfc822InZone", () => {
  it("writes the article's wall clock with its numeric offset", () => {
    expect(formatRfc822InZone(seed, "Asia/Shanghai")).toBe("Tue, 24 Oct 2023 15:04:00 +0800");
    expect(formatRfc822InZone(seed, "UTC")).toBe("Tue, 24 Oct 2023 07:04:00 +0000");
  });

  it("moves the day and weekday across midnight", () => {
    const lateUtc = new Date("2023-10-24T20:30:00Z");
    expect(formatRfc822InZone(lateUtc, "Asia/Shanghai")).toBe("Wed, 25 Oct 2023 04:30:00 +0800");
    expect(formatRfc822InZone(new Date("2026-01-01T03:00:00Z"), "America/New_York")).toBe("Wed, 31 Dec 2025 22:00:00 -0500");
  });

  it("follows daylight saving time in zones that have it", () => {
    expect(formatRfc822InZone(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("Wed, 01 Jul 2026 08:00:00 -0400");
    expect(formatRfc822InZone(new Date("2026-07-01T12:00:00Z"), "Europe/London")).toBe("Wed, 01 Jul 2026 13:00:00 +0100");
    expect(formatRfc822InZone(new Date("2026-12-01T12:00:00Z"), "Europe/London")).toBe("Tue, 01 Dec 2026 12:00:00 +0000");
  });

  it("writes half-hour and negative offsets", () => {
    expect(formatRfc822InZone(seed, "Asia/Kolkata")).toBe("Tue, 24 Oct 2023 12:34:00 +0530");
    expect(formatRfc822InZone(seed, "America/St_Johns")).toBe("Tue, 24 Oct 2023 04:34:00 -0230");
  });

  it("always names the same instant, whatever the zone", () => {
    for (const zone of ["Asia/Shanghai", "Europe/London", "America/New_York", "Pacific/Chatham", "UTC"]) {
      expect(parseRfc822(formatRfc822InZone(seed, zone)).getTime()).toBe(seed.getTime());
    }
  });
});

describe("formatRfc3339InZone", () => {
  it("writes the article's wall clock with its offset", () => {
    expect(formatRfc3339InZone(seed, "Asia/Shanghai")).toBe("2023-10-24T15:04:00+08:00");
    expect(formatRfc3339InZone(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
    expect(formatRfc3339InZone(seed, "UTC")).toBe("2023-10-24T07:04:00+00:00");
  });

  it("keeps milliseconds when the instant has them", () => {
    expect(formatRfc3339InZone(new Date("2023-10-24T07:04:00.250Z"), "Asia/Shanghai")).toBe("2023-10-24T15:04:00.250+08:00");
  });

  it("round-trips to the same instant in every zone", () => {
    const instant = new Date("2024-03-10T07:30:00.125Z"); // New York's spring-forward morning
    for (const zone of ["Asia/Shanghai", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]) {
      expect(new Date(formatRfc3339InZone(instant, zone)).getTime()).toBe(instant.getTime());
    }
  });

  it("names the exact instant even where a historical offset had seconds", () => {
    // Shanghai's local mean time was +08:05:43; the written offset is whole minutes, and the wall
    // clock written beside it agrees with that offset.
    const old = new Date("1900-06-01T00:00:00Z");
    expect(new Date(formatRfc3339InZone(old, "Asia/Shanghai")).getTime()).toBe(old.getTime());
    expect(parseRfc822(formatRfc822InZone(old, "Asia/Shanghai")).getTime()).toBe(old.getTime());
  });
});
