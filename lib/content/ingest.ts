import path from "node:path";
import type { Db } from "../db/client";
import { readdir, stat } from "node:fs/promises";
import {
  type ArticleFingerprint,
  type ArticleToSave,
  getArticleFingerprintsByIds,
  getArticleFingerprintsByOriginPath,
  listClaimedArticleAliases,
  listClaimedArticleSlugs,
  saveIngestedArticles,
} from "../db/ingested-articles";
import { isReservedSitePath } from "../http/site-routes";
import { getImagesBySource } from "../db/images";
import type { ArticlePreparer } from "./article-preparer";
import { ArticleSourceError } from "./article-source";
import { toPostName } from "./parse-plain-markdown";
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
  /** Files with no date anywhere, ingested as drafts dated by their modification time. */
  undatedDrafts: string[];
  /** Front matter keys no field takes, with the number of files that have each. */
  unknownKeys: Map<string, number>;
  /** Other generators' template tags left as text, with the number of files that have each. */
  unknownTemplateTags: Map<string, number>;
  /** Hugo's section list pages (_index.md), which are not articles. */
  skipped: string[];
  /** Articles whose file moved: the article followed it (same id, same URL). */
  moved: Array<{ from: string; to: string }>;
  /** Things that went in with something left out (an old address another article owns…). */
  warnings: IngestFailure[];
  /** Slugs whose pages changed: created and updated articles, and the old slug of a renamed one. */
  changedSlugs: string[];
  elapsedMs: number;
}

/** A report of a run that has not done anything yet. */
export function createEmptyIngestReport(): IngestReport {
  return {
    total: 0,
    created: [],
    updated: [],
    unchanged: [],
    failed: [],
    undatedDrafts: [],
    unknownKeys: new Map(),
    unknownTemplateTags: new Map(),
    skipped: [],
    moved: [],
    warnings: [],
    changedSlugs: [],
    elapsedMs: 0,
  };
}

/** The outside world ingest touches, passed in so tests and benchmarks use real parts of their choosing. */
export interface IngestDeps {
  db: Db;
  /** Reads, parses and renders files: in this thread, or in worker threads for long runs. */
  preparer: ArticlePreparer;
  /** Origin paths are stored relative to this folder, so the same content gives the same rows anywhere. */
  rootDir: string;
  now(): number;
  /** The file's modification time, which dates a file that has no date of its own (fs.stat by default). */
  getModifiedTime?(absolutePath: string): Promise<Date | null>;
}

export interface IngestOptions {
  batchSize?: number;
  onProgress?(progress: IngestProgress): void;
  /** Front matter keys no field takes fail their file instead of being kept. */
  strict?: boolean;
  /** Parse, validate and choose slugs as a real run would, and write nothing. */
  dryRun?: boolean;
  /** The folder site-absolute image paths (/images/a.jpg) resolve against, relative to rootDir. */
  siteRoot?: string | null;
}

/**
 * A file to ingest and the folder named to ingest that holds it: its local images must stay inside
 * that folder. A bare path keeps images inside CONTENT_DIR.
 */
export interface IngestFile {
  path: string;
  localRoot: string | null;
}

/** Hugo's _index.md is a section's list page (its title and intro), never an article. */
function isSectionListPage(originPath: string): boolean {
  return /(^|\/)_index\.(md|markdown)$/i.test(originPath);
}

async function readModifiedTime(absolutePath: string): Promise<Date | null> {
  const info = await stat(absolutePath).catch(() => null);
  return info ? new Date(Math.floor(info.mtimeMs / 1000) * 1000) : null;
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
export async function ingestArticleFiles(
  filePaths: Array<string | IngestFile>,
  deps: IngestDeps,
  options: IngestOptions = {},
): Promise<IngestReport> {
  const started = deps.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const report = createEmptyIngestReport();
  const [slugs, aliases] = await Promise.all([listClaimedArticleSlugs(deps.db), listClaimedArticleAliases(deps.db)]);
  const claims: Claims = { slugs, aliases };
  const siteRoot = options.siteRoot ? toOriginPath(options.siteRoot, deps.rootDir) : null;

  const seen = new Set<string>();
  const files = filePaths.flatMap((entry) => {
    const file = typeof entry === "string" ? { path: entry, localRoot: null } : entry;
    const originPath = toOriginPath(file.path, deps.rootDir);
    if (seen.has(originPath)) return [];
    seen.add(originPath);
    if (isSectionListPage(originPath)) {
      report.skipped.push(originPath);
      return [];
    }
    const localRoot = file.localRoot === null ? null : toOriginPath(file.localRoot, deps.rootDir);
    return [{ filePath: path.resolve(deps.rootDir, file.path), originPath, roots: { localRoot, siteRoot } }];
  });
  report.total = files.length + report.skipped.length;
  const inThisRun = new Set(files.map((file) => file.originPath));
  const context: AssignContext = {
    db: deps.db,
    claims,
    fileExists: async (originPath) =>
      inThisRun.has(originPath) || (await stat(path.resolve(deps.rootDir, originPath)).then(() => true, () => false)),
    getModifiedTime: deps.getModifiedTime ?? readModifiedTime,
    rootDir: deps.rootDir,
    strict: options.strict ?? false,
    adopted: new Map(),
    publicFiles: new Set((await readdir(path.join(deps.rootDir, "public")).catch(() => [] as string[])).map((name) => name.toLowerCase())),
  };

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
          toSave.push(await toArticleToSave(result.article, batch.fingerprints.get(result.article.originPath) ?? null, context, report));
        } catch (error) {
          const { path: failedPath, line, reason } = toFailedResult(result.article.originPath, error);
          report.failed.push({ path: failedPath, line, reason });
        }
      }
    }
    if (options.dryRun) recordDryRun(toSave, report);
    else await saveBatch(deps.db, toSave, report, claims);
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
    article.bodyHtml = renderArticleBody(article.source.bodyMarkdown, article.originPath, (source) => known.get(source), article.siteRoot).html;
  }
}

interface Claims {
  /** Every slug an article holds or once held, with its article (-1: claimed earlier in this run). */
  slugs: Map<string, number>;
  aliases: Map<string, number>;
}

interface AssignContext {
  db: Db;
  claims: Claims;
  /** Whether an article's origin still exists: a file on disk, or one this run ingests. */
  fileExists(originPath: string): Promise<boolean>;
  getModifiedTime(absolutePath: string): Promise<Date | null>;
  rootDir: string;
  strict: boolean;
  /** Articles a moved file took over in this run, by id, with that file: a second copy may not. */
  adopted: Map<number, string>;
  /** The names in the project's public/ folder: Next serves them at the root, so no alias may take one. */
  publicFiles: ReadonlySet<string>;
}

/**
 * The article a new file belongs to when its slug is already taken: the article of a file that
 * moved (its old path is gone, and a slug from the title alone comes with the same date or file
 * name), so it follows the file instead of failing or forking a duplicate.
 * Two files that both exist and name one slug are an error naming both.
 */
async function findMovedArticle(prepared: PreparedArticle, context: AssignContext): Promise<ArticleFingerprint | null> {
  const slug = prepared.source.slug ?? prepared.titleSlug;
  const ownerId = context.claims.slugs.get(slug);
  if (ownerId === undefined || ownerId === -1) return null;
  const owner = (await getArticleFingerprintsByIds(context.db, [ownerId])).get(ownerId);
  if (!owner || owner.originPath === null || owner.originPath === prepared.originPath) return null;
  // A slug from the title (every "Weekly notes" has it) or from an old address is weak evidence:
  // the file must also have kept its date or its name, or it is a new article sharing a title.
  const namedSlug = prepared.source.slug !== null && !prepared.source.slugFromAddress;
  const sameStory =
    namedSlug ||
    owner.publishedAt?.getTime() === prepared.source.publishedAt?.getTime() ||
    toPostName(owner.originPath) === toPostName(prepared.originPath);
  const adoptedBy = context.adopted.get(owner.id);
  if (sameStory && adoptedBy === undefined && !(await context.fileExists(owner.originPath))) {
    context.adopted.set(owner.id, prepared.originPath);
    return owner;
  }
  if (!namedSlug) return null;
  throw new ArticleSourceError(
    prepared.originPath,
    null,
    `slug "${slug}" is also claimed by ${adoptedBy ?? owner.originPath}, which still exists: give one of the two files another slug`,
  );
}

/** The old addresses this article may take: not one of the portal's own paths, not another article's. */
function claimAliases(prepared: PreparedArticle, ownId: number | null, context: AssignContext, report: IngestReport): string[] {
  const { claims } = context;
  const kept: string[] = [];
  for (const alias of prepared.source.aliases) {
    const owner = claims.aliases.get(alias);
    if (isReservedSitePath(alias, context.publicFiles)) {
      report.warnings.push({ path: prepared.originPath, line: null, reason: `old address ${alias} is one of the portal's own paths, so it cannot redirect` });
    } else if (owner !== undefined && owner !== ownId) {
      report.warnings.push({ path: prepared.originPath, line: null, reason: `old address ${alias} already redirects to another article` });
    } else {
      kept.push(alias);
      claims.aliases.set(alias, ownId ?? -1);
    }
  }
  return kept;
}

async function toArticleToSave(
  prepared: PreparedArticle,
  fingerprint: ArticleFingerprint | null,
  context: AssignContext,
  report: IngestReport,
): Promise<ArticleToSave> {
  const { source } = prepared;
  if (context.strict && source.unknownKeys.length > 0) {
    const keys = source.unknownKeys.map((key) => `"${key}"`).join(", ");
    throw new ArticleSourceError(prepared.originPath, null, `unknown front matter key${source.unknownKeys.length > 1 ? "s" : ""} ${keys} (--strict)`);
  }
  let existing = fingerprint;
  if (!existing) {
    existing = await findMovedArticle(prepared, context);
    if (existing) report.moved.push({ from: existing.originPath!, to: prepared.originPath });
  }
  for (const key of new Set(source.unknownKeys)) report.unknownKeys.set(key, (report.unknownKeys.get(key) ?? 0) + 1);
  for (const tag of source.unknownTemplateTags) report.unknownTemplateTags.set(tag, (report.unknownTemplateTags.get(tag) ?? 0) + 1);
  for (const note of source.notes) report.warnings.push({ path: prepared.originPath, line: null, reason: note });
  let publishedAt = source.publishedAt;
  if (source.undated) {
    publishedAt = await context.getModifiedTime(path.resolve(context.rootDir, prepared.originPath));
    report.undatedDrafts.push(prepared.originPath);
  }
  const slug = assignSlug(prepared, existing, context.claims.slugs);
  return {
    existingId: existing?.id ?? null,
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
    publishedAt,
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
    imageRoots: prepared.imageRoots,
    siteRoot: prepared.siteRoot,
    aliases: claimAliases(prepared, existing?.id ?? null, context, report),
    frontMatterExtra: JSON.stringify(source.frontMatterExtra),
    search: prepared.search,
  };
}

function assignSlug(prepared: PreparedArticle, existing: ArticleFingerprint | null, claimed: Map<string, number>): string {
  const { source } = prepared;
  const ownId = existing?.id ?? null;
  const isTakenByOther = (slug: string) => {
    const owner = claimed.get(slug);
    return owner !== undefined && owner !== ownId;
  };
  let slug: string;
  if (source.slug && source.slugFromAddress) {
    // A slug read from an old address gives way: to the article's own slug, or to a numbered one.
    slug = !isTakenByOther(source.slug) ? source.slug : (existing?.slug ?? pickUniqueSlug(source.slug, isTakenByOther));
  } else if (source.slug) {
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
  return slug;
}

/** What a real run would have written, counted without writing it. */
function recordDryRun(articles: ArticleToSave[], report: IngestReport): void {
  for (const article of articles) (article.existingId === null ? report.created : report.updated).push(article.originPath);
}

async function saveBatch(db: Db, articles: ArticleToSave[], report: IngestReport, claims: Claims): Promise<void> {
  if (articles.length === 0) return;
  const record = (article: ArticleToSave, id: number) => {
    claims.slugs.set(article.slug, id);
    for (const alias of article.aliases) claims.aliases.set(alias, id);
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
      claims.slugs.delete(article.slug);
      for (const alias of article.aliases) claims.aliases.delete(alias);
      const { path: failedPath, line, reason } = toFailedResult(article.originPath, error);
      report.failed.push({ path: failedPath, line, reason });
    }
  }
}
