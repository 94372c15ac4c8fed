import type { Metadata } from "next";
import type { Dictionary } from "../i18n/dictionaries";
import { absoluteUrl } from "../site-url";

// Which feeds exist, where they live and what they are called: shared by the feed routes and the
// pages that announce them with <link rel="alternate">, so both always agree.

export type FeedFormat = "rss" | "atom";

/** The whole site, or one section's or tag's stories. */
export type FeedScope = { kind: "site" } | { kind: "section"; slug: string } | { kind: "tag"; slug: string };

/** A scope with the display name of its section or tag. */
export type NamedFeedScope = { kind: "site" } | { kind: "section" | "tag"; slug: string; name: string };

export const FEED_CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: "application/rss+xml",
  atom: "application/atom+xml",
};

const FEED_FILES: Record<FeedFormat, string> = { rss: "feed.xml", atom: "atom.xml" };

/** The HTML page the feed follows: "/", "/sections/tiyu", "/tags/lan-gang". */
export function getFeedPagePath(scope: FeedScope): string {
  if (scope.kind === "site") return "/";
  return `${scope.kind === "section" ? "/sections" : "/tags"}/${scope.slug}`;
}

/** "/feed.xml", "/sections/tiyu/atom.xml". */
export function getFeedPath(scope: FeedScope, format: FeedFormat): string {
  const page = getFeedPagePath(scope);
  return `${page === "/" ? "" : page}/${FEED_FILES[format]}`;
}

function fillIn(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, key: string) => values[key] ?? placeholder);
}

/** The page title's shape ("体育 | 墨石新闻"), so a subscription reads like the page it came from. */
export function getFeedTitle(scope: NamedFeedScope, dictionary: Dictionary): string {
  return scope.kind === "site" ? dictionary.siteName : `${scope.name} | ${dictionary.siteName}`;
}

export function getFeedDescription(scope: NamedFeedScope, dictionary: Dictionary): string {
  const template =
    scope.kind === "site"
      ? dictionary.siteFeedDescription
      : scope.kind === "section"
        ? dictionary.sectionFeedDescription
        : dictionary.tagFeedDescription;
  return fillIn(template, { site: dictionary.siteName, name: scope.kind === "site" ? "" : scope.name });
}

type AlternateTypes = NonNullable<NonNullable<Metadata["alternates"]>["types"]>;

/**
 * `alternates.types` for a page's metadata: an RSS and an Atom <link rel="alternate"> for each
 * scope, in the order given (feed readers offer the first one first).
 */
export function getFeedAlternateTypes(scopes: NamedFeedScope[], dictionary: Dictionary): AlternateTypes {
  const links = (format: FeedFormat) =>
    scopes.map((scope) => ({
      url: absoluteUrl(getFeedPath(scope, format)),
      title: `${getFeedTitle(scope, dictionary)} (${format === "rss" ? "RSS" : "Atom"})`,
    }));
  return { [FEED_CONTENT_TYPES.rss]: links("rss"), [FEED_CONTENT_TYPES.atom]: links("atom") };
}
