import path from "node:path";
import type { Db } from "../db/client";
import {
  type ArticleFingerprint,
  type ArticleToSave,
  getArticleFingerprintsByOriginPath,
  listClaimedArticleSlugs,
  saveIngestedArticles,
} from "../db/ingested-articles";
import { getImagesBySource } from "../db/images";
import type { ArticlePreparer } from "./article-preparer";
import { ArticleSourceError } from "./article-source";
import { type PreparedArticle, type PrepareResult, type PrepareTask, toFailedResult } from "./prepare-article";
import { renderArticleBody } from "./render-article-body";
import { pickUniqueSlug } from "./slug";

const DEFAULT_BATCH_SIZE = 500;
const BATCHES_QUEUED = 2;
const FIRST_BATCH_SIZE = 100;
const LAST_BATCH_SIZE = 50;

/**
 * How many files the next batch takes. Batches start small and double, so the first write (slow:
 * cold code, new sections and tags) overlaps the workers' next batches instead of waiting for a
 * full one; they end small, so the workers are idle for one short write at the end, not a long one.
 */
export function sizeBatch(index: number, remaining: number, largest: number): number {
  const rampingUp = FIRST_BATCH_SIZE * 2 ** index;
  const windingDown = Math.max(LAST_BATCH_SIZE, Math.ceil(remaining / 2));
  return Math.max(1, Math.min(largest, rampingUp, windingDown, remaining));
}

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
  /** Slugs whose pages changed: created and updated articles, and the old slug of a renamed one. */
  changedSlugs: string[];
  elapsedMs: number;
}

/** The outside world ingest touches, passed in so tests and benchmarks use real parts of their choosing. */
export interface IngestDeps {
  db: Db;
  /** Reads, parses and renders files: in this thread, or in worker threads for long runs. */
  preparer: ArticlePreparer;
  /** Origin paths are stored relative to this folder, so the same content gives the same rows anywhere. */
  rootDir: string;
  now(): number;
}

export interface IngestOptions {
  batchSize?: number;
  onProgress?(progress: IngestProgress): void;
}

export function toOriginPath(filePath: string, rootDir: string): string {
  const relative = path.relative(rootDir, path.resolve(rootDir, filePath));
  const inside = relative && !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : path.resolve(rootDir, filePath)).split(path.sep).join("/");
}

interface Batch {
  tasks: PrepareTask[];
  fingerprints: Map<string, ArticleFingerprint>;
  results: Promise<PrepareResult[]>;
}

/**
 * Turns Markdown files into articles. Unchanged files (same content hash) are left alone; a changed
 * file updates the article it made before; each batch is written in one transaction and, if that
 * fails, article by article, so one bad file never stops or half-writes another. While one batch
 * is written, the next two are being parsed.
 */
export async function ingestArticleFiles(filePaths: string[], deps: IngestDeps, options: IngestOptions = {}): Promise<IngestReport> {
  const started = deps.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report: IngestReport = { total: 0, created: [], updated: [], unchanged: [], failed: [], changedSlugs: [], elapsedMs: 0 };
  const claimedSlugs = await listClaimedArticleSlugs(deps.db);

  const seen = new Set<string>();
  const files = filePaths.flatMap((filePath) => {
    const originPath = toOriginPath(filePath, deps.rootDir);
    if (seen.has(originPath)) return [];
    seen.add(originPath);
    return [{ filePath: path.resolve(deps.rootDir, filePath), originPath }];
  });
  report.total = files.length;

  let batchCount = 0;
  const startBatch = async (start: number): Promise<Batch | null> => {
    const slice = files.slice(start, start + sizeBatch(batchCount++, files.length - start, batchSize));
    if (slice.length === 0) return null;
    const fingerprints = await getArticleFingerprintsByOriginPath(deps.db, slice.map((file) => file.originPath));
    const tasks = slice.map((file) => ({ ...file, knownHash: fingerprints.get(file.originPath)?.contentHash ?? null }));
    const results = deps.preparer.prepare(tasks);
    // Failures surface when the batch is awaited; until then this keeps them from being "unhandled".
    results.catch(() => undefined);
    return { tasks, fingerprints, results };
  };

  // Two batches stay queued at the preparer while one is written, so a worker that finishes its
  // share early goes straight on to the next instead of waiting for the slower one and the write.
  const queued: Batch[] = [];
  let nextStart = 0;
  const fillQueue = async () => {
    while (queued.length < BATCHES_QUEUED) {
      const batch = await startBatch(nextStart);
      if (!batch) return;
      nextStart += batch.tasks.length;
      queued.push(batch);
    }
  };
  await fillQueue();
  let done = 0;
  for (let batch = queued.shift(); batch; batch = queued.shift()) {
    const results = await batch.results;
    await fillQueue();
    await renderKnownImages(deps.db, results);
    const toSave: ArticleToSave[] = [];
    for (const result of results) {
      if (result.kind === "unchanged") report.unchanged.push(result.originPath);
      else if (result.kind === "failed") report.failed.push({ path: result.path, line: result.line, reason: result.reason });
      else {
        try {
          toSave.push(assignSlug(result.article, batch.fingerprints.get(result.article.originPath) ?? null, claimedSlugs));
        } catch (error) {
          const { path: failedPath, line, reason } = toFailedResult(result.article.originPath, error);
          report.failed.push({ path: failedPath, line, reason });
        }
      }
    }
    await saveBatch(deps.db, toSave, report, claimedSlugs);
    done += batch.tasks.length;
    options.onProgress?.({ done, total: files.length, elapsedMs: deps.now() - started });
  }
  report.elapsedMs = deps.now() - started;
  return report;
}

/**
 * Workers render every image as a placeholder box, knowing nothing of the database. Images that
 * are already processed (an edited article, an image shared with another) are rendered as
 * pictures here, so a re-ingest never shows a box where a picture was.
 */
async function renderKnownImages(db: Db, results: PrepareResult[]): Promise<void> {
  const withImages = results.flatMap((result) => (result.kind === "prepared" && result.article.images.length > 0 ? [result.article] : []));
  if (withImages.length === 0) return;
  const known = await getImagesBySource(db, withImages.flatMap((article) => article.images.map((image) => image.source)));
  for (const article of withImages) {
    if (!article.images.some((image) => known.get(image.source)?.status === "ready")) continue;
    article.bodyHtml = renderArticleBody(article.source.bodyMarkdown, article.originPath, (source) => known.get(source)).html;
  }
}

function assignSlug(prepared: PreparedArticle, existing: ArticleFingerprint | null, claimed: Map<string, number>): ArticleToSave {
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
    slug = pickUniqueSlug(prepared.titleSlug, isTakenByOther);
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
    hanCharacters: prepared.length.hanCharacters,
    wordCount: prepared.length.words,
    readingMinutes: prepared.readingMinutes,
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
    nameSlugs: prepared.nameSlugs,
    images: prepared.images,
    search: prepared.search,
  };
}

async function saveBatch(db: Db, articles: ArticleToSave[], report: IngestReport, claimed: Map<string, number>): Promise<void> {
  if (articles.length === 0) return;
  const record = (article: ArticleToSave, id: number) => {
    claimed.set(article.slug, id);
    (article.existingId === null ? report.created : report.updated).push(article.originPath);
    report.changedSlugs.push(article.slug);
    if (article.previousSlug !== null && article.previousSlug !== article.slug) report.changedSlugs.push(article.previousSlug);
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
      const { path: failedPath, line, reason } = toFailedResult(article.originPath, error);
      report.failed.push({ path: failedPath, line, reason });
    }
  }
}
