import { getTimeZoneOffsetMs } from "../content/zoned-time";

// Feed dates carry their offset explicitly, so a reader gets the same instant whatever the server's
// own zone. Items are written on their article's wall clock; feed-level dates, which belong to no
// article, in UTC.

const DAY_NAMES = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"] as const;
const MONTH_NAMES = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

const pad = (value: number, length = 2) => String(value).padStart(length, "0");

interface ZonedParts {
  /** The wall-clock time, read with the getUTC* methods. */
  local: Date;
  offsetMinutes: number;
}

function toZonedParts(instant: Date, timeZone: string): ZonedParts {
  // Whole minutes: both formats write offsets in minutes. The wall clock is derived from the same
  // rounded offset, so the text always names exactly this instant (historical zones had offsets
  // with seconds, like Shanghai's +08:05:43 before 1901).
  const offsetMinutes = Math.round(getTimeZoneOffsetMs(instant.getTime(), timeZone) / 60_000);
  return { local: new Date(instant.getTime() + offsetMinutes * 60_000), offsetMinutes };
}

function formatOffset(offsetMinutes: number, separator: string): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? "-" : "+"}${pad(Math.floor(abs / 60))}${separator}${pad(abs % 60)}`;
}

/**
 * RFC 822 (with RFC 1123's four-digit year), as RSS 2.0 wants: "Tue, 24 Oct 2023 15:04:00 +0800".
 * Seconds are the finest unit it has; fractions are dropped.
 */
export function formatRfc822InZone(instant: Date, timeZone: string): string {
  const { local, offsetMinutes } = toZonedParts(instant, timeZone);
  const day = DAY_NAMES[local.getUTCDay()] ?? "";
  const month = MONTH_NAMES[local.getUTCMonth()] ?? "";
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  return `${day}, ${pad(local.getUTCDate())} ${month} ${pad(local.getUTCFullYear(), 4)} ${time} ${formatOffset(offsetMinutes, "")}`;
}

/** RFC 3339, as Atom wants: "2023-10-24T15:04:00+08:00", with milliseconds only when there are some. */
export function formatRfc3339InZone(instant: Date, timeZone: string): string {
  const { local, offsetMinutes } = toZonedParts(instant, timeZone);
  const iso = local.toISOString();
  const fraction = local.getUTCMilliseconds() === 0 ? "" : iso.slice(19, 23);
  return `${iso.slice(0, 19)}${fraction}${formatOffset(offsetMinutes, ":")}`;
}
