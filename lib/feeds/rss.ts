import { formatRfc822InZone } from "./feed-dates";
import type { Feed, FeedEntry } from "./load-feed";
import { cdata, escapeXml, textElement } from "./xml";

// RSS 2.0 (https://www.rssboard.org/rss-specification) with the namespaces readers expect for what
// RSS itself lacks: content:encoded for the full body, dc:creator for authors, atom:link for "self".

function renderItem(entry: FeedEntry): string {
  const parts = [
    textElement("title", entry.title),
    textElement("link", entry.url),
    textElement("guid", entry.url, { isPermaLink: "true" }),
    ...entry.authors.map((author) => textElement("dc:creator", author.name)),
    ...entry.categories.map((category) => textElement("category", category.label)),
    textElement("pubDate", formatRfc822InZone(entry.published, entry.timeZone)),
    ...(entry.summary === "" ? [] : [textElement("description", entry.summary)]),
    `<content:encoded>${cdata(entry.contentHtml)}</content:encoded>`,
  ];
  return `<item>${parts.join("")}</item>`;
}

export function renderRssFeed(feed: Feed): string {
  const channel = [
    textElement("title", feed.title),
    textElement("link", feed.pageUrl),
    textElement("description", feed.description),
    textElement("language", feed.language),
    `<atom:link href="${escapeXml(feed.selfUrls.rss)}" rel="self" type="application/rss+xml"/>`,
    textElement("lastBuildDate", formatRfc822InZone(feed.updated, "UTC")),
    ...feed.entries.map(renderItem),
  ];
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">` +
    `<channel>${channel.join("")}</channel></rss>\n`
  );
}
