// Dates in an article's own time zone. Sources write wall-clock times ("2023-10-24 15:04" in
// Asia/Shanghai); the database stores instants; pages show the wall-clock time again in the
// article's zone, never the server's.

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

function getOffsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    offsetFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    getOffsetFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const offsetCache = new Map<string, number>();
const OFFSET_BUCKET_MS = 15 * 60_000;
const DAY_MS = 86_400_000;
/** A zone's offset for a whole UTC day, or null for a day in which its clocks change. */
const dayOffsetCache = new Map<string, number | null>();

/** The offset from a cache of 15-minute buckets: modern offsets only change on quarter hours. */
function getBucketOffsetMs(instant: number, timeZone: string): number {
  const key = `${timeZone}\u0000${Math.floor(instant / OFFSET_BUCKET_MS)}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  if (offsetCache.size > 50_000) offsetCache.clear();
  const offset = computeTimeZoneOffsetMs(instant, timeZone);
  offsetCache.set(key, offset);
  return offset;
}

/** Milliseconds the zone is ahead of UTC at the given instant (Asia/Shanghai: +8 h). */
export function getTimeZoneOffsetMs(instant: number, timeZone: string): number {
  // Intl is slow enough to show up in a bulk ingest, where every article has its own minute. A
  // zone's clocks change a few times a year at most, so a day whose first and last millisecond
  // share an offset has it throughout, and one lookup serves every article of that day.
  const day = Math.floor(instant / DAY_MS);
  const key = `${timeZone}\u0000${day}`;
  let dayOffset = dayOffsetCache.get(key);
  if (dayOffset === undefined) {
    if (dayOffsetCache.size > 50_000) dayOffsetCache.clear();
    const first = getBucketOffsetMs(day * DAY_MS, timeZone);
    dayOffset = first === getBucketOffsetMs((day + 1) * DAY_MS - 1, timeZone) ? first : null;
    dayOffsetCache.set(key, dayOffset);
  }
  return dayOffset ?? getBucketOffsetMs(instant, timeZone);
}

function computeTimeZoneOffsetMs(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    getOffsetFormatter(timeZone)
      .formatToParts(new Date(instant))
      .map((part) => [part.type, Number(part.value)]),
  ) as Record<string, number>;
  const asUtc = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

export interface WallClockTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The instant at which the zone's clocks show this wall-clock time. A time that happens twice
 * (clocks turned back) is the first of the two; a time that never happens (clocks turned forward)
 * moves forward by the gap, so 02:30 on New York's spring-forward day is 03:30 EDT. This is what
 * RFC 5545 and Temporal's "compatible" choice do.
 */
export function getInstantFromWallClock(time: WallClockTime, timeZone: string): Date {
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  const day = 86_400_000;
  // Offsets a day either side: any transition near this time lies between them.
  const offsetBefore = getTimeZoneOffsetMs(asUtc - day, timeZone);
  const offsetAfter = getTimeZoneOffsetMs(asUtc + day, timeZone);
  const matches = [asUtc - offsetBefore, asUtc - offsetAfter].filter(
    (instant) => instant + getTimeZoneOffsetMs(instant, timeZone) === asUtc,
  );
  if (matches.length > 0) return new Date(Math.min(...matches));
  return new Date(asUtc - offsetBefore);
}

const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses "2023-10-24", "2023-10-24 15:04", "2023-10-24T15:04:05" (wall-clock times in `timeZone`)
 * or a full ISO 8601 time with an offset ("2023-10-24T15:04:00+08:00"). Returns null when the text
 * is not such a date or names a day that does not exist.
 */
export function parseDateTimeInZone(text: string, timeZone: string): Date | null {
  const match = dateTimePattern.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s, offset] = match;
  const time: WallClockTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  const probe = new Date(Date.UTC(time.year, time.month - 1, time.day));
  const dayExists =
    probe.getUTCFullYear() === time.year && probe.getUTCMonth() === time.month - 1 && probe.getUTCDate() === time.day;
  if (!dayExists || time.hour > 23 || time.minute > 59 || time.second > 59) return null;
  if (!offset) return getInstantFromWallClock(time, timeZone);
  const asUtc = Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second);
  if (offset === "Z") return new Date(asUtc);
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const offsetHours = Number(digits.slice(0, 2));
  const offsetMinutes = Number(digits.slice(2));
  // Real offsets run from -12:00 to +14:00.
  if (offsetMinutes > 59 || offsetHours > 14) return null;
  const offsetMs = sign * (offsetHours * 60 + offsetMinutes) * 60_000;
  return new Date(asUtc - offsetMs);
}

const monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const numericDatePattern = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]+(.*))?$/;
const chineseDatePattern = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(.*)$/;
// "May 17, 2024", "17 May 2024", RFC 2822's "Fri, 17 May 2024 10:00:00 +0800".
const monthFirstPattern = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(.*))?$/i;
const dayFirstPattern = /^(?:[a-z]{3,9},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?,?\s+(\d{4})(?:,?\s+(.*))?$/i;
const timePattern = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(Z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?$/i;

const fullMonthNames = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

/** "May", "Sep", "Sept", "September" → the month's number; "Mayday" → null. */
function monthNumber(name: string): number | null {
  const word = name.toLowerCase();
  const index = monthNames.indexOf(word.slice(0, 3));
  if (index === -1) return null;
  return fullMonthNames[index]!.startsWith(word) ? index + 1 : null;
}

/**
 * Dates as archives write them, beyond parseDateTimeInZone's ISO forms: Jekyll's
 * "2016-01-01 10:00:00 +0800", Hexo's "2013/7/13 20:46:25", "2024年5月17日 10:00", "May 17, 2024",
 * "17 May 2024" and RFC 2822. Wall-clock times without an offset are in `timeZone`.
 */
export function parseArchiveDateTime(text: string, timeZone: string): Date | null {
  const trimmed = text.trim();
  const iso = parseDateTimeInZone(trimmed.replace(/(\.\d{3})\d+/, "$1"), timeZone);
  if (iso) return iso;
  const numeric = numericDatePattern.exec(trimmed) ?? chineseDatePattern.exec(trimmed);
  const monthFirst = numeric ? null : monthFirstPattern.exec(trimmed);
  const dayFirst = numeric || monthFirst ? null : dayFirstPattern.exec(trimmed);
  const parts = numeric
    ? { year: numeric[1], month: Number(numeric[2]), day: numeric[3], rest: numeric[4] }
    : monthFirst
      ? { year: monthFirst[3], month: monthNumber(monthFirst[1]!), day: monthFirst[2], rest: monthFirst[4] }
      : dayFirst
        ? { year: dayFirst[3], month: monthNumber(dayFirst[2]!), day: dayFirst[1], rest: dayFirst[4] }
        : null;
  if (!parts || parts.month === null || !parts.year || !parts.day) return null;
  const { year, month, day, rest } = parts;
  const date = `${year}-${String(month).padStart(2, "0")}-${day.padStart(2, "0")}`;
  const clock = rest?.trim().replace(/^(\d{1,2})\s*[点時时]\s*(\d{1,2})\s*分?$/, "$1:$2");
  if (!clock) return parseDateTimeInZone(date, timeZone);
  const time = timePattern.exec(clock);
  if (!time) return null;
  const [, hourText, minute, second, meridiem, offset] = time;
  let hour = Number(hourText);
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem.toLowerCase().startsWith("p") ? 12 : 0);
  }
  // "-05" is "-05:00"; UTC and GMT are Z.
  const zone = offset === undefined ? "" : /^(UTC|GMT)$/i.test(offset) ? "Z" : /^[+-]\d{2}$/.test(offset) ? `${offset}:00` : offset;
  return parseDateTimeInZone(`${date}T${String(hour).padStart(2, "0")}:${minute}:${second ?? "00"}${zone}`, timeZone);
}

const displayFormatters = new Map<string, Intl.DateTimeFormat>();

/** "2023-10-24 15:04" as the article's zone shows it; the form thepaper and most Chinese outlets use. */
export function formatDateTimeInZone(instant: Date, timeZone: string): string {
  let formatter = displayFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
    });
    displayFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

/** "+08:00" for the zone's offset at that instant, for ISO strings and <time datetime>. */
export function formatOffset(instant: Date, timeZone: string): string {
  const minutes = Math.round(getTimeZoneOffsetMs(instant.getTime(), timeZone) / 60_000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
}

/** ISO 8601 with the zone's own offset: "2023-10-24T15:04:00+08:00". */
export function formatIsoInZone(instant: Date, timeZone: string): string {
  const local = new Date(instant.getTime() + getTimeZoneOffsetMs(instant.getTime(), timeZone));
  return `${local.toISOString().slice(0, 19)}${formatOffset(instant, timeZone)}`;
}
