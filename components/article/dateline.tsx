import { formatDateTimeInZone, formatIsoInZone } from "@/lib/content/zoned-time";

/** The time as the article's own zone shows it, never the server's or the reader's. */
export function Dateline({ instant, timeZone }: { instant: Date; timeZone: string }) {
  return <time dateTime={formatIsoInZone(instant, timeZone)}>{formatDateTimeInZone(instant, timeZone)}</time>;
}
