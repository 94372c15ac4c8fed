import { slugPattern } from "./slug-pattern";

// Front matter as Hugo, Jekyll, Hexo, Eleventy, Astro and newsletter tools write it, mapped onto
// Inkstone's own keys before validation. Each of our fields lists the keys that may carry it, in the
// order they win; the README's "Front matter" table is this list in prose.

export const fieldAliases = {
  title: ["title"],
  slug: ["slug"],
  date: ["date", "publishdate", "pubdate", "published_at", "created"],
  updated: ["updated", "lastmod", "modified", "last_modified_at", "updated_at"],
  timezone: ["timezone"],
  authors: ["authors", "author"],
  section: ["section"],
  categories: ["categories", "category"],
  tags: ["tags", "keywords"],
  summary: ["summary", "description", "excerpt", "subtitle"],
  language: ["language", "lang", "locale"],
  status: ["status"],
  draft: ["draft"],
  published: ["published"],
  source: ["source"],
  cover: ["cover", "image", "featured_image", "feature_image", "thumbnail", "banner", "images"],
  url: ["url", "permalink"],
} as const;

export type DialectField = keyof typeof fieldAliases;

/** What one article holds, as the schema in parse-front-matter.ts says: more is cut here, with a note. */
const MAX_TAGS = 20;
const MAX_SUMMARY_POINTS = 5;
const MAX_SUMMARY_LENGTH = 1000;

/** Keys whose every value is an old address of the article, merged rather than ranked. */
const aliasKeys = ["aliases", "redirect_from"];

/** Inkstone's own front matter, as parse-front-matter.ts validates it. */
export interface CanonicalFrontMatter {
  title?: unknown;
  slug?: unknown;
  date?: unknown;
  updated?: unknown;
  timezone?: unknown;
  authors?: unknown;
  section?: unknown;
  tags?: unknown;
  summary?: unknown;
  language?: unknown;
  status?: unknown;
  source?: unknown;
  cover?: unknown;
  aliases?: unknown;
}

export interface NormalizedFrontMatter {
  data: CanonicalFrontMatter;
  /** Where each canonical key came from in the file, for error lines: ["categories", 0]. */
  origins: Map<string, PropertyKey[]>;
  /** The key each canonical key was read from, for error messages that use the file's own words. */
  keyNames: Map<string, string>;
  /** Keys (and sub-keys, as author.email) no field takes, as written. */
  extra: Record<string, unknown>;
  /** The names of the unused keys, as the run's summary counts them. */
  unknownKeys: string[];
  /** The slug came from a `url`/`permalink` rather than a `slug` key: a clash picks another, it does not fail. */
  slugFromAddress: boolean;
  /** Values no field can take, by the key the file wrote: each fails the file. */
  problems: Array<{ key: string; reason: string }>;
  /** What was cut or left out to fit (the 21st tag, an alias that is no path), for the run's summary. */
  notes: string[];
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && !Array.isArray(value) && !(value instanceof Date);

/**
 * A yes/no value as YAML 1.1 (Jekyll's Ruby, Hexo's js-yaml 3) reads it: `published: no` hides a
 * post there, though YAML 1.2 reads `no` as a string. Null when the value is not one.
 */
function toFlag(value: unknown): boolean | null {
  if (typeof value === "boolean") return value;
  if (typeof value !== "string") return null;
  const word = value.trim().toLowerCase();
  if (["true", "yes", "on", "y"].includes(word)) return true;
  if (["false", "no", "off", "n"].includes(word)) return false;
  return null;
}

/** TOML dates arrive as Date objects that remember their own form ("2024-05-17", a local time…). */
function toDateText(value: unknown): unknown {
  return value instanceof Date ? value.toISOString() : value;
}

function splitList(text: string, separators: RegExp): string[] {
  return text
    .split(separators)
    .map((item) => item.trim())
    .filter(Boolean);
}

const listSeparators = /[,，、;；]/;

/** A list of names written as a YAML/TOML list, or as one comma-separated string. */
function toNameList(value: unknown, splitOnSpaces = false): unknown {
  if (typeof value === "string") {
    if (listSeparators.test(value)) return splitList(value, listSeparators);
    // Jekyll reads `categories: news politics` as two categories.
    return splitOnSpaces ? splitList(value, /\s+/) : [value.trim()].filter(Boolean);
  }
  if (typeof value === "number") return [String(value)];
  // Hexo writes a category hierarchy as nested lists: [[news, world]].
  if (Array.isArray(value)) {
    return value
      .flat(2)
      .map((item) => (typeof item === "number" ? String(item) : item))
      .filter((item) => item !== null && !(typeof item === "string" && item.trim() === ""));
  }
  return value;
}

const authorKeys = new Set(["name", "role", "outlet"]);

/** One author entry: a name, or {name, role, outlet}; other sub-keys (email, url…) are set aside. */
function toAuthorEntry(entry: unknown, key: string, putAside: (subKey: string, value: unknown) => void): unknown {
  if (!isRecord(entry)) return entry;
  const kept: Record<string, unknown> = {};
  for (const [subKey, value] of Object.entries(entry)) {
    if (authorKeys.has(subKey)) kept[subKey] = value;
    else putAside(`${key}.${subKey}`, value);
  }
  return kept;
}

/** A summary cut to what an article holds: 5 points of 1,000 characters, each cut at a character, with "…". */
function fitSummary(key: string, value: unknown, notes: string[]): unknown {
  const cut = (text: string) => (text.length > MAX_SUMMARY_LENGTH ? `${Array.from(text).slice(0, MAX_SUMMARY_LENGTH - 1).join("")}\u2026` : text);
  if (typeof value === "string") {
    if (value.length > MAX_SUMMARY_LENGTH) notes.push(`${key}: cut to ${MAX_SUMMARY_LENGTH} characters`);
    return cut(value);
  }
  if (!Array.isArray(value) || !value.every((point) => typeof point === "string")) return value;
  if (value.length > MAX_SUMMARY_POINTS) notes.push(`${key}: kept the first ${MAX_SUMMARY_POINTS} of ${value.length} points`);
  if (value.some((point: string) => point.length > MAX_SUMMARY_LENGTH)) notes.push(`${key}: points cut to ${MAX_SUMMARY_LENGTH} characters`);
  return value.slice(0, MAX_SUMMARY_POINTS).map((point: string) => cut(point));
}

function toCover(value: unknown): unknown {
  if (Array.isArray(value)) return toCover(value[0]);
  // PaperMod and others: cover: { image: …, alt: … }.
  if (isRecord(value)) return value.image ?? value.src ?? value.url ?? value.path;
  return value;
}

/** The path of an address: "/2019/01/old-post" from "https://old.example/2019/01/old-post/?x=1". */
export function toAliasPath(address: string): string | null {
  let pathPart = address.trim();
  if (!pathPart || pathPart.includes(":") && !/^https?:\/\//i.test(pathPart)) return null;
  if (/^https?:\/\//i.test(pathPart)) {
    try {
      pathPart = new URL(pathPart).pathname;
    } catch {
      return null;
    }
  }
  pathPart = pathPart.replace(/[?#].*$/, "");
  if (!pathPart.startsWith("/")) pathPart = `/${pathPart}`;
  pathPart = pathPart.replace(/\/{2,}/g, "/").replace(/\/+$/, "");
  if (pathPart === "" || pathPart.split("/").some((segment) => segment === "." || segment === "..")) return null;
  try {
    // One spelling for every alias: what a browser sends for the path.
    return encodeURI(decodeURI(pathPart));
  } catch {
    return null;
  }
}

/** The slug in an address's last segment ("/2019/01/old-post.html" → old-post; "/old-post/index.html" too), when it is one. */
export function toSlugFromAddress(address: string): string | null {
  const segments = toAliasPath(address)?.split("/") ?? [];
  let last = segments.at(-1)?.replace(/\.html?$/i, "");
  if (last === "index") last = segments.at(-2);
  return last && slugPattern.test(last) && last.length <= 100 ? last : null;
}

/**
 * Maps a front matter object in any of the supported dialects onto Inkstone's keys. Values keep
 * their shape (the schema judges them); only forms that mean the same thing are rewritten: a
 * comma-separated string into a list, a TOML date into its text, a cover object into its path.
 */
export function normalizeFrontMatter(raw: Record<string, unknown>): NormalizedFrontMatter {
  const byLowerKey = new Map<string, string>();
  for (const key of Object.keys(raw)) if (!byLowerKey.has(key.toLowerCase())) byLowerKey.set(key.toLowerCase(), key);
  const used = new Set<string>();
  const extra: Record<string, unknown> = {};
  const unknownKeys: string[] = [];
  const origins = new Map<string, PropertyKey[]>();
  const keyNames = new Map<string, string>();
  const putAside = (key: string, value: unknown) => {
    extra[key] = value;
    unknownKeys.push(key);
  };

  /** The first key present for a field; the other spellings present are kept aside, unreported. */
  const pick = (field: DialectField): { key: string; value: unknown } | null => {
    let found: { key: string; value: unknown } | null = null;
    for (const alias of fieldAliases[field]) {
      const key = byLowerKey.get(alias);
      // `date:` with nothing after it is as good as no date: the file name or a draft will do.
      if (key === undefined || raw[key] === undefined || raw[key] === null || raw[key] === "") {
        if (key !== undefined) used.add(key);
        continue;
      }
      used.add(key);
      if (found) extra[key] = raw[key];
      else found = { key, value: raw[key] };
    }
    return found;
  };

  const data: CanonicalFrontMatter = {};
  const set = (field: keyof CanonicalFrontMatter, key: string, value: unknown, origin: PropertyKey[] = [key]) => {
    data[field] = value;
    origins.set(field, origin);
    keyNames.set(field, key);
  };
  for (const field of ["title", "slug", "timezone", "section", "status", "source", "language"] as const) {
    const found = pick(field);
    if (found) set(field, found.key, field === "language" && typeof found.value === "string" ? found.value.replace(/_/g, "-") : found.value);
  }
  for (const field of ["date", "updated"] as const) {
    const found = pick(field);
    if (found) set(field, found.key, toDateText(found.value));
  }
  const notes: string[] = [];
  const summary = pick("summary");
  if (summary) set("summary", summary.key, fitSummary(summary.key, summary.value, notes));
  const cover = pick("cover");
  if (cover) set("cover", cover.key, toCover(cover.value));

  const authors = pick("authors");
  if (authors) {
    const list = typeof authors.value === "string" || Array.isArray(authors.value) ? authors.value : [authors.value];
    const entries = Array.isArray(list) ? list.map((entry) => toAuthorEntry(entry, authors.key, putAside)) : list;
    set("authors", authors.key, entries);
  }

  const tags = pick("tags");
  const tagList = tags ? toNameList(tags.value) : [];
  const categories = pick("categories");
  let otherCategories: unknown[] = [];
  if (categories) {
    // Jekyll reads `categories: news politics` as two categories; `category` is always one.
    const list = toNameList(categories.value, categories.key.toLowerCase() === "categories");
    if (!Array.isArray(list)) set("section", categories.key, list);
    else if (data.section !== undefined) otherCategories = list;
    else {
      // The first category is the section, unless the file names one; the rest are tags.
      const [first, ...rest] = list as unknown[];
      if (first !== undefined) set("section", categories.key, first, [categories.key, 0]);
      otherCategories = rest;
    }
  }
  if (!Array.isArray(tagList)) set("tags", tags!.key, tagList);
  else if (tags || otherCategories.length > 0) {
    const key = tags?.key ?? categories!.key;
    const all = [...new Set([...tagList, ...otherCategories].map((tag) => (typeof tag === "string" ? tag.trim() : tag)))];
    if (all.length > MAX_TAGS) {
      // SEO keyword lists run long; the article keeps the first ones, an export the whole list.
      notes.push(`${key}: kept the first ${MAX_TAGS} of ${all.length} tags`);
      extra[key] = raw[key];
    }
    set("tags", key, all.slice(0, MAX_TAGS));
  }

  const draft = pick("draft");
  const published = pick("published");
  let draftFlag = false;
  const problems: Array<{ key: string; reason: string }> = [];
  if (draft) {
    const flag = toFlag(draft.value);
    // Anything else fails the file: never a guess that publishes.
    if (flag === null) problems.push({ key: draft.key, reason: "must be true or false" });
    else draftFlag = flag;
  }
  if (published) {
    // Jekyll's `published: false` hides a post; some tools write the publication date here.
    const flag = toFlag(published.value);
    if (flag !== null) draftFlag ||= !flag;
    else if (data.date === undefined) set("date", published.key, toDateText(published.value));
    else problems.push({ key: published.key, reason: "must be true or false (or the publication date)" });
  }
  if (draftFlag) set("status", (draft ?? published)!.key, "draft");

  const url = pick("url");
  let slugFromAddress = false;
  const aliasPaths: unknown[] = [];
  for (const alias of aliasKeys) {
    const key = byLowerKey.get(alias);
    if (key === undefined || raw[key] === undefined || raw[key] === null) continue;
    used.add(key);
    const value = raw[key];
    aliasPaths.push(...(Array.isArray(value) ? value : [value]));
    keyNames.set("aliases", key);
    origins.set("aliases", [key]);
  }
  if (url) {
    if (typeof url.value === "string" && !url.value.includes(":")) {
      if (data.slug === undefined) {
        const slug = toSlugFromAddress(url.value);
        if (slug) {
          set("slug", url.key, slug);
          slugFromAddress = true;
        }
      }
      aliasPaths.push(url.value);
      if (!keyNames.has("aliases")) {
        keyNames.set("aliases", url.key);
        origins.set("aliases", [url.key]);
      }
    } else {
      // A permalink pattern (/:year/:title/) or an absolute URL to elsewhere: kept, not followed.
      extra[url.key] = url.value;
    }
  }
  const keptAliases = new Set<string>();
  for (const address of aliasPaths) {
    const aliasPath = typeof address === "string" ? toAliasPath(address) : null;
    if (aliasPath !== null) keptAliases.add(aliasPath);
    else notes.push(`${keyNames.get("aliases")}: left out ${JSON.stringify(address)}, which is not a path like /2019/01/old-post`);
  }
  if (keptAliases.size > 0) data.aliases = [...keptAliases];

  for (const key of Object.keys(raw)) {
    if (!used.has(key)) putAside(key, raw[key]);
  }
  return { data, origins, keyNames, extra, unknownKeys, slugFromAddress, problems, notes };
}
