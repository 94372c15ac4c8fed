import { createHash } from "node:crypto";
import path from "node:path";
import type { Db } from "../db/client";
import {
  type ArticleToSave,
  getArticleFingerprintsByOriginPath,
  listClaimedArticleSlugs,
  saveIngestedArticles,
} from "../db/ingested-articles";
import { type ArticleSource, ArticleSourceError } from "./article-source";
import { isAllowedUrl, renderMarkdown } from "./markdown";
import { parseArticleFile } from "./parse-article";
import { createSlug, pickUniqueSlug } from "./slug";

// Bump when parsing or rendering changes what a file turns into, so unchanged files re-render.
const INGEST_FORMAT_VERSION = "1";
const DEFAULT_BATCH_SIZE = 250;

export interface IngestFailure {
  path: string;
  line: number | null;
  reason: string;
}

export interface IngestProgress {
  done: number;
  total: number;
  elapsedMs: number;
}

export interface IngestReport {
  total: number;
  created: string[];
  updated: string[];
  unchanged: string[];
  failed: IngestFailure[];
  elapsedMs: number;
}

/** The outside world ingest touches, passed in so tests and benchmarks use real parts of their choosing. */
export interface IngestDeps {
  db: Db;
  readFile(filePath: string): Promise<Uint8Array>;
  /** Origin paths are stored relative to this folder, so the same content gives the same rows anywhere. */
  rootDir: string;
  now(): number;
}

export interface IngestOptions {
  batchSize?: number;
  onProgress?(progress: IngestProgress): void;
}

function toOriginPath(filePath: string, rootDir: string): string {
  const relative = path.relative(rootDir, path.resolve(rootDir, filePath));
  const inside = relative && !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : path.resolve(rootDir, filePath)).split(path.sep).join("/");
}

/** Image references become sources: URLs as written, files as paths relative to the root folder. */
function toImageSource(src: string, originPath: string): string | null {
  if (!isAllowedUrl(src) || src.startsWith("mailto:")) return null;
  if (/^https?:\/\//i.test(src)) return src;
  if (src.startsWith("//")) return `https:${src}`;
  const withoutQuery = decodeURI(src.replace(/[?#].*$/, ""));
  return path.posix.normalize(path.posix.join(path.posix.dirname(originPath), withoutQuery));
}

function hashContent(bytes: Uint8Array): string {
  return createHash("sha256").update(INGEST_FORMAT_VERSION).update("\0").update(bytes).digest("hex");
}

interface PreparedFile {
  originPath: string;
  contentHash: string;
  source: ArticleSource;
  bodyHtml: string;
  images: ArticleToSave["images"];
  coverImageSrc: string | null;
}

function prepareFile(originPath: string, bytes: Uint8Array, contentHash: string): PreparedFile {
  const source = parseArticleFile(originPath, bytes);
  const rendered = renderMarkdown(source.bodyMarkdown);
  const images = rendered.images.flatMap((image) => {
    const imageSource = toImageSource(image.src, originPath);
    return imageSource ? [{ source: imageSource, alt: image.alt, caption: image.title }] : [];
  });
  const cover = source.cover ? toImageSource(source.cover, originPath) : null;
  if (source.cover && !cover) throw new ArticleSourceError(originPath, null, `cover "${source.cover}" is not an http(s) URL or a relative path`);
  return { originPath, contentHash, source, bodyHtml: rendered.html, images, coverImageSrc: cover ?? images[0]?.source ?? null };
}

function toFailure(filePath: string, error: unknown): IngestFailure {
  if (error instanceof ArticleSourceError) return { path: error.path, line: error.line, reason: error.reason };
  const reason = error instanceof Error ? error.message.split("\n").filter(Boolean).at(-1) ?? error.message : String(error);
  return { path: filePath, line: null, reason };
}

/**
 * Turns Markdown files into articles. Unchanged files (same content hash) are left alone; a changed
 * file updates the article it made before; each batch is written in one transaction and, if that
 * fails, article by article, so one bad file never stops or half-writes another.
 */
export async function ingestArticleFiles(filePaths: string[], deps: IngestDeps, options: IngestOptions = {}): Promise<IngestReport> {
  const started = deps.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: IngestReport = { total: filePaths.length, created: [], updated: [], unchanged: [], failed: [], elapsedMs: 0 };
  const claimedSlugs = await listClaimedArticleSlugs(deps.db);
  const originPaths = filePaths.map((filePath) => toOriginPath(filePath, deps.rootDir));
  const seen = new Set<string>();

  for (let start = 0; start < filePaths.length; start += batchSize) {
    const batchPaths = originPaths.slice(start, start + batchSize);
    const fingerprints = await getArticleFingerprintsByOriginPath(deps.db, batchPaths);
    const toSave: ArticleToSave[] = [];

    for (const [offset, originPath] of batchPaths.entries()) {
      const filePath = filePaths[start + offset]!;
      if (seen.has(originPath)) continue;
      seen.add(originPath);
      try {
        const bytes = await deps.readFile(path.resolve(deps.rootDir, filePath));
        const contentHash = hashContent(bytes);
        const existing = fingerprints.get(originPath) ?? null;
        if (existing?.contentHash === contentHash) {
          report.unchanged.push(originPath);
          continue;
        }
        const prepared = prepareFile(originPath, bytes, contentHash);
        toSave.push(assignSlug(prepared, existing, claimedSlugs));
      } catch (error) {
        report.failed.push(toFailure(originPath, error));
      }
    }
    await saveBatch(deps.db, toSave, report, claimedSlugs);
    options.onProgress?.({ done: Math.min(start + batchSize, filePaths.length), total: filePaths.length, elapsedMs: deps.now() - started });
  }
  report.elapsedMs = deps.now() - started;
  return report;
}

function assignSlug(prepared: PreparedFile, existing: { id: number; slug: string } | null, claimed: Map<string, number>): ArticleToSave {
  const { source } = prepared;
  const ownId = existing?.id ?? null;
  const isTakenByOther = (slug: string) => {
    const owner = claimed.get(slug);
    return owner !== undefined && owner !== ownId;
  };
  let slug: string;
  if (source.slug) {
    if (isTakenByOther(source.slug)) {
      throw new ArticleSourceError(prepared.originPath, null, `slug "${source.slug}" already belongs to another article`);
    }
    slug = source.slug;
  } else if (existing) {
    // A new title does not move a published URL; only an explicit slug does.
    slug = existing.slug;
  } else {
    slug = pickUniqueSlug(createSlug(source.title), isTakenByOther);
  }
  // Claimed now, with a placeholder owner until the row exists, so later files in the run pick around it.
  claimed.set(slug, ownId ?? -1);
  return {
    existingId: ownId,
    previousSlug: existing?.slug ?? null,
    originPath: prepared.originPath,
    contentHash: prepared.contentHash,
    slug,
    title: source.title,
    summaryPoints: source.summaryPoints,
    bodyMarkdown: source.bodyMarkdown,
    bodyHtml: prepared.bodyHtml,
    status: source.status,
    publishedAt: source.publishedAt,
    revisedAt: source.revisedAt,
    timeZone: source.timeZone,
    language: source.language,
    sourceName: source.sourceName,
    sourceUrl: source.sourceUrl,
    coverImageSrc: prepared.coverImageSrc,
    sectionName: source.section,
    tagNames: source.tags,
    authors: source.authors,
    images: prepared.images,
  };
}

async function saveBatch(db: Db, articles: ArticleToSave[], report: IngestReport, claimed: Map<string, number>): Promise<void> {
  if (articles.length === 0) return;
  const record = (article: ArticleToSave, id: number) => {
    claimed.set(article.slug, id);
    (article.existingId === null ? report.created : report.updated).push(article.originPath);
  };
  try {
    const ids = await saveIngestedArticles(db, articles);
    articles.forEach((article, index) => record(article, ids[index]!));
    return;
  } catch {
    // The batch rolled back as a whole; write each article alone to find the one that fails.
  }
  for (const article of articles) {
    try {
      const [id] = await saveIngestedArticles(db, [article]);
      record(article, id!);
    } catch (error) {
      claimed.delete(article.slug);
      report.failed.push(toFailure(article.originPath, error));
    }
  }
}
