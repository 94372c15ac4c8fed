import { formatRfc3339InZone } from "./feed-dates";
import type { Feed, FeedEntry } from "./load-feed";
import { escapeXml, textElement } from "./xml";

// Atom 1.0 (RFC 4287). Entry ids are the article URLs: permanent, since an article keeps its URL
// (an old slug answers with a redirect).

const link = (rel: string, type: string, href: string) =>
  `<link rel="${escapeXml(rel)}" type="${escapeXml(type)}" href="${escapeXml(href)}"/>`;

function renderEntry(entry: FeedEntry): string {
  const parts = [
    textElement("id", entry.url),
    textElement("title", entry.title, { type: "text" }),
    link("alternate", "text/html", entry.url),
    textElement("published", formatRfc3339InZone(entry.published, entry.timeZone)),
    textElement("updated", formatRfc3339InZone(entry.updated, entry.timeZone)),
    ...entry.authors.map((author) => `<author>${textElement("name", author.name)}${textElement("uri", author.url)}</author>`),
    ...entry.categories.map(
      (category) => `<category term="${escapeXml(category.term)}" scheme="${escapeXml(category.scheme)}" label="${escapeXml(category.label)}"/>`,
    ),
    ...(entry.summary === "" ? [] : [textElement("summary", entry.summary, { type: "text" })]),
    textElement("content", entry.contentHtml, { type: "html" }),
  ];
  return `<entry xml:lang="${escapeXml(entry.language)}">${parts.join("")}</entry>`;
}

export function renderAtomFeed(feed: Feed): string {
  const head = [
    textElement("id", feed.selfUrls.atom),
    textElement("title", feed.title, { type: "text" }),
    textElement("subtitle", feed.description, { type: "text" }),
    link("self", "application/atom+xml", feed.selfUrls.atom),
    link("alternate", "text/html", feed.pageUrl),
    textElement("updated", formatRfc3339InZone(feed.updated, "UTC")),
    // Atom requires an author on the feed or on every entry; stories without a byline are the site's.
    `<author>${textElement("name", feed.siteName)}</author>`,
    ...feed.entries.map(renderEntry),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.language)}">${head.join("")}</feed>\n`;
}
