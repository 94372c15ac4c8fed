import { z } from "zod";
import { slugPattern } from "../content/slug-pattern";
import { getInstantFromWallClock } from "../content/zoned-time";
import { parsePageParam } from "../page-param";

// The search page's query string, validated: /search?q=&section=&from=&to=&page=. Nothing a
// visitor puts there is an error; a parameter that is not valid is ignored and named, so the page
// can say so, and the search runs with the rest.

type RawParam = string | string[] | undefined;
export type RawSearchParams = Partial<Record<"q" | "section" | "from" | "to" | "page", RawParam>>;

/**
 * The one value of a parameter: a repeated parameter (?q=a&q=b) counts as its first value, and
 * anything that is not text as absent.
 */
const single = z
  .unknown()
  .optional()
  .transform((value): string | undefined => {
    const first: unknown = Array.isArray(value) ? value[0] : value;
    return typeof first === "string" ? first : undefined;
  });

const rawSchema = z.object({ q: single, section: single, from: single, to: single, page: single });

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;

export type SearchParamName = "section" | "from" | "to" | "page";

export interface SearchParams {
  query: string;
  sectionSlug: string | null;
  /** The days as given (YYYY-MM-DD), for the form to show back. */
  from: string | null;
  to: string | null;
  /** Start of the `from` day in the search's time zone. */
  publishedFrom: Date | null;
  /** Start of the day after `to`: the `to` day is included. */
  publishedBefore: Date | null;
  page: number;
  /** Parameters that were present but not valid. */
  ignored: SearchParamName[];
}

/** The instant a calendar day starts in the zone, or null for anything that is not a real day. */
function startOfDay(value: string, timeZone: string, addDays = 0): Date | null {
  const match = dayPattern.exec(value);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day || year < 1900 || year > 2999) {
    return null;
  }
  const next = new Date(Date.UTC(year, month - 1, day + addDays));
  return getInstantFromWallClock(
    { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate(), hour: 0, minute: 0, second: 0 },
    timeZone,
  );
}

/**
 * Reads the search page's parameters. Days are calendar days in `timeZone` (the site's): a reader
 * picking 24 October means that day as the site dates it.
 */
export function parseSearchParams(raw: unknown, timeZone: string): SearchParams {
  // Each field accepts any value, so only a `raw` that is not an object at all can fail.
  const parsed = rawSchema.safeParse(raw);
  const values = parsed.success ? parsed.data : { q: undefined, section: undefined, from: undefined, to: undefined, page: undefined };
  const ignored: SearchParamName[] = [];
  const present = (value: string | undefined): value is string => value !== undefined && value.trim() !== "";

  let sectionSlug: string | null = null;
  if (present(values.section)) {
    const section = values.section.trim();
    if (section.length <= 120 && slugPattern.test(section)) sectionSlug = section;
    else ignored.push("section");
  }

  let from: string | null = null;
  let publishedFrom: Date | null = null;
  if (present(values.from)) {
    publishedFrom = startOfDay(values.from.trim(), timeZone);
    if (publishedFrom) from = values.from.trim();
    else ignored.push("from");
  }

  let to: string | null = null;
  let publishedBefore: Date | null = null;
  if (present(values.to)) {
    publishedBefore = startOfDay(values.to.trim(), timeZone, 1);
    if (publishedBefore && (publishedFrom === null || publishedBefore > publishedFrom)) to = values.to.trim();
    else {
      publishedBefore = null;
      ignored.push("to");
    }
  }

  let page = 1;
  if (values.page !== undefined) {
    const parsed = parsePageParam(values.page);
    if (parsed === null) ignored.push("page");
    else page = parsed;
  }

  return { query: values.q ?? "", sectionSlug, from, to, publishedFrom, publishedBefore, page, ignored };
}

/** The query string for these parameters (without `page`), for links that keep the search. */
export function toSearchQueryString(params: Pick<SearchParams, "query" | "sectionSlug" | "from" | "to">): Record<string, string> {
  const entries: Record<string, string> = {};
  if (params.query) entries.q = params.query;
  if (params.sectionSlug) entries.section = params.sectionSlug;
  if (params.from) entries.from = params.from;
  if (params.to) entries.to = params.to;
  return entries;
}
