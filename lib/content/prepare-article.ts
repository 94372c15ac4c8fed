import { createHash } from "node:crypto";
import { addSearchUserWords } from "./chinese-words";
import {
  type ArticleSearchInput,
  buildArticleSearchDocument,
  findArticleUserWords,
  type PreparedArticleSearch,
} from "../search/article-search-text";
import { type ArticleSource, ArticleSourceError } from "./article-source";
import { isRemoteImageSource, isSiteAbsolutePath, toImageSource } from "./image-source";
import { parseArticleFile } from "./parse-article";
import { estimateReadingMinutes, measureText, type TextLength } from "./reading-time";
import { renderArticleBody } from "./render-article-body";
import { createSlug } from "./slug";

// Bump when parsing or rendering changes what a file turns into, so unchanged files re-render.
// 3: articles carry their search index entry (an existing database gets its index on the next ingest).
// 4: the SQLite index was recreated for FTS5's ascii tokenizer and is filled again by the next ingest.
// 5: other generators' front matter, plain Markdown files, raw HTML sanitized instead of escaped.
const INGEST_FORMAT_VERSION = "5";

export interface PreparedImage {
  source: string;
  alt: string;
  caption: string | null;
}

/** Where a file's local images may be read from (see PrepareTask). */
export interface ImageRoots {
  /** The folder named to ingest that holds the file; null: CONTENT_DIR. */
  localRoot: string | null;
  /** The folder site-absolute paths (/images/a.jpg) are resolved against, from --site-root. */
  siteRoot: string | null;
}

/** Everything ingest needs from one file that does not depend on the database. */
export interface PreparedArticle {
  originPath: string;
  contentHash: string;
  source: ArticleSource;
  /** The slug the title would get if the file names none and the article is new. */
  titleSlug: string;
  /** The base slug of each section, tag and author name (see ArticleToSave.nameSlugs). */
  nameSlugs: Map<string, string>;
  bodyHtml: string;
  length: TextLength;
  readingMinutes: number;
  images: PreparedImage[];
  coverImageSrc: string | null;
  /** The folder each local image (body or cover) must stay inside, by source. */
  imageRoots: Map<string, string>;
  siteRoot: string | null;
  /** The search index entry: segmenting and stemming are CPU work, done here in the worker. */
  search: PreparedArticleSearch;
}

export interface PrepareTask {
  filePath: string;
  originPath: string;
  /** The hash stored for this file's article, if any: equal means unchanged and nothing to parse. */
  knownHash: string | null;
  /** Both relative to the ingest root, like originPath. */
  roots?: ImageRoots;
}

export type PrepareResult =
  | { kind: "prepared"; article: PreparedArticle }
  | { kind: "unchanged"; originPath: string }
  | { kind: "failed"; path: string; line: number | null; reason: string };

const noRoots: ImageRoots = { localRoot: null, siteRoot: null };

/** The roots are part of what a file turns into: run again with --site-root, and its images resolve. */
export function hashArticleBytes(bytes: Uint8Array, roots: ImageRoots = noRoots): string {
  const hash = createHash("sha256").update(INGEST_FORMAT_VERSION).update("\0");
  if (roots.localRoot !== null || roots.siteRoot !== null) hash.update(`${roots.localRoot ?? ""}\0${roots.siteRoot ?? ""}\0`);
  return hash.update(bytes).digest("hex");
}

/** What the search index reads from a parsed file. */
export function toArticleSearchInput(source: ArticleSource): ArticleSearchInput {
  return {
    title: source.title,
    summaryPoints: source.summaryPoints,
    bodyMarkdown: source.bodyMarkdown,
    sectionName: source.section,
    tagNames: source.tags,
    authorNames: source.authors.map((author) => author.name),
  };
}

/** A parsed and rendered article waiting for its search entry (see runPrepareTasks). */
interface StagedArticle {
  kind: "staged";
  article: Omit<PreparedArticle, "search">;
  searchInput: ArticleSearchInput;
  userWords: string[];
}

const slugsByName = new Map<string, string>();

/** createSlug for a section, tag or author name, remembered: articles share their names. */
function slugName(name: string): string {
  let slug = slugsByName.get(name);
  if (slug === undefined) {
    if (slugsByName.size >= 100_000) slugsByName.clear();
    slug = createSlug(name);
    slugsByName.set(name, slug);
  }
  return slug;
}

function stageArticle(originPath: string, bytes: Uint8Array, contentHash: string, roots: ImageRoots): StagedArticle {
  const source = parseArticleFile(originPath, bytes);
  // Images are boxes until the database says they are processed (ingest renders again then).
  const rendered = renderArticleBody(source.bodyMarkdown, originPath, undefined, roots.siteRoot);
  const imageRoots = new Map<string, string>();
  const resolve = (src: string) => {
    const imageSource = toImageSource(src, originPath, roots.siteRoot);
    if (imageSource !== null && !isRemoteImageSource(imageSource)) {
      const root = isSiteAbsolutePath(src) ? roots.siteRoot : roots.localRoot;
      if (root !== null) imageRoots.set(imageSource, root);
    }
    return imageSource;
  };
  const images = rendered.images.flatMap((image) => {
    const imageSource = resolve(image.src);
    return imageSource ? [{ source: imageSource, alt: image.alt, caption: image.title }] : [];
  });
  const length = measureText(source.bodyMarkdown);
  const cover = source.cover ? resolve(source.cover) : null;
  if (source.cover && !cover) {
    throw new ArticleSourceError(originPath, null, `cover "${source.cover}" is not an http(s) URL or a relative path`);
  }
  const searchInput = toArticleSearchInput(source);
  const names = [...(source.section ? [source.section] : []), ...source.tags, ...searchInput.authorNames];
  return {
    kind: "staged",
    article: {
      originPath,
      contentHash,
      source,
      titleSlug: source.slug ?? createSlug(source.title),
      nameSlugs: new Map(names.map((name) => [name, slugName(name)])),
      bodyHtml: rendered.html,
      length,
      readingMinutes: estimateReadingMinutes(length),
      images,
      coverImageSrc: cover ?? images[0]?.source ?? null,
      imageRoots,
      siteRoot: roots.siteRoot,
    },
    searchInput,
    userWords: findArticleUserWords(searchInput),
  };
}

export function toFailedResult(filePath: string, error: unknown): Extract<PrepareResult, { kind: "failed" }> {
  if (error instanceof ArticleSourceError) return { kind: "failed", path: error.path, line: error.line, reason: error.reason };
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: string })?.code;
  if (code === "ENOENT") return { kind: "failed", path: filePath, line: null, reason: "no such file" };
  if (code === "EISDIR") return { kind: "failed", path: filePath, line: null, reason: "is a folder, not a file" };
  if (code === "EACCES") return { kind: "failed", path: filePath, line: null, reason: "permission denied" };
  return { kind: "failed", path: filePath, line: null, reason: message.split("\n").filter(Boolean).at(-1) ?? message };
}

/** A file to prepare: its bytes, or why they could not be read. */
export type PrepareInput =
  | { task: PrepareTask; bytes: Uint8Array }
  | { task: PrepareTask; readError: unknown };

/**
 * Hashes and (when changed) parses, renders and indexes a batch of files. Never throws: failures
 * are results. The names the search segmenter must keep whole are gathered from the whole batch and
 * taught to it at once before any body is cut: each lesson costs jieba ~0.2 ms however few words it
 * holds, and once per article it was a tenth of what ingest spent.
 */
export function runPrepareTasks(inputs: PrepareInput[]): PrepareResult[] {
  const staged = inputs.map((input): StagedArticle | PrepareResult => {
    if ("readError" in input) return toFailedResult(input.task.originPath, input.readError);
    try {
      const roots = input.task.roots ?? noRoots;
      const contentHash = hashArticleBytes(input.bytes, roots);
      if (contentHash === input.task.knownHash) return { kind: "unchanged", originPath: input.task.originPath };
      return stageArticle(input.task.originPath, input.bytes, contentHash, roots);
    } catch (error) {
      return toFailedResult(input.task.originPath, error);
    }
  });
  addSearchUserWords(staged.flatMap((entry) => (entry.kind === "staged" ? entry.userWords : [])));
  return staged.map((entry): PrepareResult => {
    if (entry.kind !== "staged") return entry;
    try {
      const search = { document: buildArticleSearchDocument(entry.searchInput), userWords: entry.userWords };
      return { kind: "prepared", article: { ...entry.article, search } };
    } catch (error) {
      return toFailedResult(entry.article.originPath, error);
    }
  });
}
