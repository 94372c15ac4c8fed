import { describe, expect, it } from "vitest";
import {
  formatDateTimeInZone,
  formatIsoInZone,
  formatOffset,
  parseArchiveDateTime,
  getTimeZoneOffsetMs,
  isValidTimeZone,
  parseDateTimeInZone,
} from "@/lib/content/zoned-time";

const iso = (date: Date | null) => date?.toISOString() ?? null;

describe("Asia/Shanghai", () => {
  it.each([
    ["2023-10-24 15:04", "2023-10-24T07:04:00.000Z"],
    ["2023-10-24T15:04", "2023-10-24T07:04:00.000Z"],
    ["2023-10-24 15:04:05", "2023-10-24T07:04:05.000Z"],
    ["2023-10-24", "2023-10-23T16:00:00.000Z"],
    ["2024-01-01 00:30", "2023-12-31T16:30:00.000Z"],
    ["  2023-10-24 15:04  ", "2023-10-24T07:04:00.000Z"],
  ])("reads %j as Beijing time", (text, instant) => {
    expect(iso(parseDateTimeInZone(text, "Asia/Shanghai"))).toBe(instant);
  });

  it("shows an instant on the Beijing wall clock, including across midnight UTC", () => {
    expect(formatDateTimeInZone(new Date("2023-10-24T07:04:00Z"), "Asia/Shanghai")).toBe("2023-10-24 15:04");
    expect(formatDateTimeInZone(new Date("2023-10-24T20:00:00Z"), "Asia/Shanghai")).toBe("2023-10-25 04:00");
    expect(formatDateTimeInZone(new Date("2023-10-24T16:00:00Z"), "Asia/Shanghai")).toBe("2023-10-25 00:00");
    expect(formatIsoInZone(new Date("2023-10-24T07:04:00Z"), "Asia/Shanghai")).toBe("2023-10-24T15:04:00+08:00");
  });
});

describe("America/New_York across daylight saving", () => {
  const zone = "America/New_York";

  // 2024-03-10: 02:00 EST jumps to 03:00 EDT (07:00Z). 2024-11-03: 02:00 EDT falls back to 01:00 EST (06:00Z).
  it.each([
    ["2024-03-09 12:00", "2024-03-09T17:00:00.000Z"],
    ["2024-03-10 01:59", "2024-03-10T06:59:00.000Z"],
    ["2024-03-10 03:00", "2024-03-10T07:00:00.000Z"],
    ["2024-03-10 03:30", "2024-03-10T07:30:00.000Z"],
    ["2024-03-11 12:00", "2024-03-11T16:00:00.000Z"],
    ["2024-11-02 12:00", "2024-11-02T16:00:00.000Z"],
    ["2024-11-03 00:59", "2024-11-03T04:59:00.000Z"],
    ["2024-11-03 02:00", "2024-11-03T07:00:00.000Z"],
    ["2024-11-03 02:30", "2024-11-03T07:30:00.000Z"],
    ["2024-11-04 12:00", "2024-11-04T17:00:00.000Z"],
  ])("reads %j on the New York wall clock", (text, instant) => {
    expect(iso(parseDateTimeInZone(text, zone))).toBe(instant);
  });

  it.each([
    ["2024-03-10T06:59:00Z", "2024-03-10 01:59", "2024-03-10T01:59:00-05:00"],
    ["2024-03-10T07:00:00Z", "2024-03-10 03:00", "2024-03-10T03:00:00-04:00"],
    ["2024-11-03T05:30:00Z", "2024-11-03 01:30", "2024-11-03T01:30:00-04:00"],
    ["2024-11-03T06:30:00Z", "2024-11-03 01:30", "2024-11-03T01:30:00-05:00"],
  ])("shows %s as %s (%s)", (instant, wallClock, isoInZone) => {
    expect(formatDateTimeInZone(new Date(instant), zone)).toBe(wallClock);
    expect(formatIsoInZone(new Date(instant), zone)).toBe(isoInZone);
  });

  // RFC 5545 §3.3.5 (and Temporal's "compatible" choice): a skipped wall-clock time uses the offset
  // from before the gap, so 02:30 reads as 03:30 EDT, never as 01:30 EST (before what was written).
  it("reads a wall-clock time skipped by the spring-forward gap as the moment after it", () => {
    expect(iso(parseDateTimeInZone("2024-03-10 02:30", zone))).toBe("2024-03-10T07:30:00.000Z");
  });
});

// RFC 5545 §3.3.5 and Temporal's "compatible" choice: a wall-clock time that happens twice means the
// first one. It must not depend on which side of UTC the zone is.
describe("a wall-clock time that happens twice when clocks fall back", () => {
  it.each([
    ["America/New_York", "2024-11-03 01:30", "2024-11-03T05:30:00.000Z"],
    ["Europe/London", "2024-10-27 01:30", "2024-10-27T00:30:00.000Z"],
    ["Australia/Sydney", "2024-04-07 02:30", "2024-04-06T15:30:00.000Z"],
  ])("in %s, reads %s as its first occurrence", (zone, text, instant) => {
    expect(iso(parseDateTimeInZone(text, zone))).toBe(instant);
  });
});

describe("round trips", () => {
  const zones = ["Asia/Shanghai", "America/New_York", "Europe/London", "Asia/Kolkata", "Asia/Kathmandu", "Australia/Lord_Howe"];
  const start = Date.UTC(2024, 0, 1);
  // Every 97 minutes through 2024: every hour of the day, both sides of every change.
  const instants = Array.from({ length: Math.floor((366 * 24 * 60) / 97) }, (_, i) => new Date(start + i * 97 * 60_000));

  it.each(zones)("formatIsoInZone gives back the same instant in %s", (zone) => {
    for (const instant of instants) {
      const text = formatIsoInZone(instant, zone);
      expect(new Date(text).getTime()).toBe(instant.getTime());
      expect(parseDateTimeInZone(text, "UTC")?.getTime()).toBe(instant.getTime());
    }
  });

  it.each(zones)("formatDateTimeInZone then parseDateTimeInZone gives back the same minute in %s", (zone) => {
    const hour = 3_600_000;
    for (const instant of instants) {
      const t = instant.getTime();
      // Away from a change the wall clock names exactly one instant; the changes have their own tests.
      const steady = [t - 3 * hour, t + 3 * hour].every((other) => getTimeZoneOffsetMs(other, zone) === getTimeZoneOffsetMs(t, zone));
      if (!steady) continue;
      expect(parseDateTimeInZone(formatDateTimeInZone(instant, zone), zone)?.getTime()).toBe(t);
    }
  });
});

describe("parseDateTimeInZone refuses what is not a real date", () => {
  it.each([
    "2024-02-30",
    "2023-02-29",
    "2024-13-01",
    "2024-00-10",
    "2024-01-32",
    "2024-01-01 24:00",
    "2024-01-01 12:60",
    "2024-01-01T12:00:60",
    "2024-1-1",
    "2024/01/01",
    "24-01-01",
    "yesterday",
    "",
    "2024-01-01 12:00 PM",
    "2024-01-01T12:00:00+08:00 extra",
  ])("%j → null", (text) => {
    expect(parseDateTimeInZone(text, "Asia/Shanghai")).toBeNull();
  });

  it("accepts 29 February in a leap year", () => {
    expect(iso(parseDateTimeInZone("2024-02-29", "UTC"))).toBe("2024-02-29T00:00:00.000Z");
  });

  it.each(["2023-10-24T15:04:00+08:75", "2023-10-24T15:04:00+25:00"])("refuses the impossible offset in %j", (text) => {
    expect(parseDateTimeInZone(text, "UTC")).toBeNull();
  });
});

describe("explicit offsets override the zone", () => {
  it.each([
    ["2023-10-24T15:04:00Z", "2023-10-24T15:04:00.000Z"],
    ["2023-10-24T15:04:00+0800", "2023-10-24T07:04:00.000Z"],
    ["2023-10-24T15:04:00+08:00", "2023-10-24T07:04:00.000Z"],
    ["2023-10-24T15:04:00-05:00", "2023-10-24T20:04:00.000Z"],
    ["2023-10-24T15:04+05:45", "2023-10-24T09:19:00.000Z"],
    ["2023-10-24 15:04 +08:00", "2023-10-24T07:04:00.000Z"],
  ])("%j is %s whatever the article's zone", (text, instant) => {
    for (const zone of ["Asia/Shanghai", "America/New_York", "UTC"]) {
      expect(iso(parseDateTimeInZone(text, zone))).toBe(instant);
    }
  });
});

describe("offsets", () => {
  it.each([
    ["2024-01-15T12:00:00Z", "Asia/Shanghai", "+08:00"],
    ["2024-01-15T12:00:00Z", "America/New_York", "-05:00"],
    ["2024-07-15T12:00:00Z", "America/New_York", "-04:00"],
    ["2024-07-15T12:00:00Z", "Asia/Kolkata", "+05:30"],
    ["2024-07-15T12:00:00Z", "Asia/Kathmandu", "+05:45"],
    ["2024-07-15T12:00:00Z", "UTC", "+00:00"],
  ])("at %s %s is %s", (instant, zone, offset) => {
    expect(formatOffset(new Date(instant), zone)).toBe(offset);
  });
});

describe("offsets on the days clocks change", () => {
  // Offsets are remembered a day at a time; every quarter hour of a change day, and of the days
  // around it, must still match what Intl says of that very instant.
  const intlOffsetMs = (instant: number, timeZone: string) => {
    const name = new Intl.DateTimeFormat("en-US", { timeZone, timeZoneName: "longOffset" })
      .formatToParts(new Date(instant))
      .find((part) => part.type === "timeZoneName")!.value;
    const match = /GMT(?:([+-])(\d{2}):(\d{2}))?/.exec(name)!;
    return match[1] ? (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3])) * 60_000 : 0;
  };
  it.each([
    ["America/New_York", "2026-03-08T00:00:00Z"],
    ["America/New_York", "2026-11-01T00:00:00Z"],
    ["Europe/London", "2026-10-25T00:00:00Z"],
    ["Australia/Lord_Howe", "2026-04-05T00:00:00Z"],
    ["Pacific/Apia", "2011-12-29T00:00:00Z"],
  ])("%s around %s", (timeZone, day) => {
    const start = Date.parse(day) - 86_400_000;
    for (let instant = start; instant < start + 3 * 86_400_000; instant += 15 * 60_000) {
      expect(getTimeZoneOffsetMs(instant, timeZone), new Date(instant).toISOString()).toBe(intlOffsetMs(instant, timeZone));
    }
  });
});

describe("isValidTimeZone", () => {
  it.each<[string, boolean]>([
    ["Asia/Shanghai", true],
    ["UTC", true],
    ["America/Argentina/Buenos_Aires", true],
    ["Etc/GMT-8", true],
    ["Mars/Phobos", false],
    ["Asia/Beijing", false],
    ["", false],
    ["../../etc/passwd", false],
  ])("%j → %s", (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });
});

describe("parseArchiveDateTime: dates as other tools write them", () => {
  it.each<[string, string]>([
    ["2016-01-01 10:00:00 +0800", "2016-01-01T02:00:00.000Z"],
    ["2013/7/13 20:46:25", "2013-07-13T12:46:25.000Z"],
    ["2013.07.13", "2013-07-12T16:00:00.000Z"],
    ["2024年5月17日", "2024-05-16T16:00:00.000Z"],
    ["2024年5月17日 10:30", "2024-05-17T02:30:00.000Z"],
    ["May 17, 2024", "2024-05-16T16:00:00.000Z"],
    ["17 May 2024 9:05", "2024-05-17T01:05:00.000Z"],
    ["Fri, 17 May 2024 10:00:00 +0000", "2024-05-17T10:00:00.000Z"],
    ["2020-01-01 10:00:00 UTC", "2020-01-01T10:00:00.000Z"],
    ["2019-03-26T08:47:11.123456+01:00", "2019-03-26T07:47:11.000Z"],
    ["May 17, 2024 10:00 PM", "2024-05-17T14:00:00.000Z"],
    ["2024-05-17 12:30 am", "2024-05-16T16:30:00.000Z"],
    ["2024-05-17 10:00:00 -05", "2024-05-17T15:00:00.000Z"],
    ["Sept 3, 2024", "2024-09-02T16:00:00.000Z"],
  ])("%s in Asia/Shanghai is %s", (text, iso) => {
    expect(parseArchiveDateTime(text, "Asia/Shanghai")?.toISOString()).toBe(iso);
  });

  it.each(["2024-02-30", "2024/13/01", "Smarch 3, 2024", "Mayday 17, 2024", "2024-05-17 13:00 PM", "2024-05-17 25:00", "yesterday"])("refuses %j", (text) => {
    expect(parseArchiveDateTime(text, "UTC")).toBeNull();
  });
});
