// Ingest throughput: N synthetic articles through the full ingest (parse, render, slug, search
// tokens, writes) on SQLite and, where reachable, PostgreSQL, beside a baseline from the same run
// that inserts the same rows and index entries with better-sqlite3 directly in one transaction.
//
// npm run bench:ingest            (BENCH_ARTICLES=5000 by default)
import { randomUUID } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import Database from "better-sqlite3";
import { countPrepareWorkers, createWorkerPreparer } from "@/lib/content/article-preparer";
import { ingestArticleFiles } from "@/lib/content/ingest";
import { renderMarkdown } from "@/lib/content/markdown";
import { parseArticleFile } from "@/lib/content/parse-article";
import { toArticleSearchInput } from "@/lib/content/prepare-article";
import { prepareArticleSearch } from "@/lib/search/article-search-text";
import { createSlug, pickUniqueSlug } from "@/lib/content/slug";
import { createPostgresTestDatabase, createSqliteTestDatabase, checkPostgres, repoRoot, tmpRoot, type TestDatabase } from "../support/test-databases";
import { writeSyntheticArticles } from "./synthetic-articles";

export interface IngestBenchResult {
  articles: number;
  workers: number;
  sqlitePerSecond: number;
  postgresPerSecond: number | null;
  baselinePerSecond: number;
}

/** Times the ingest as the CLI runs it for a large batch: parsing in worker threads. */
async function timeIngest(database: TestDatabase, files: string[], rootDir: string): Promise<number> {
  const started = performance.now();
  const preparer = createWorkerPreparer(countPrepareWorkers());
  const report = await ingestArticleFiles(files, { db: database.db, preparer, rootDir, now: () => Date.now() }).finally(() =>
    preparer.close(),
  );
  const seconds = (performance.now() - started) / 1000;
  if (report.failed.length || report.created.length !== files.length) {
    throw new Error(`ingest bench: expected ${files.length} created, got ${report.created.length} (${report.failed.length} failed: ${report.failed[0]?.reason})`);
  }
  return files.length / seconds;
}

/** The same rows and index entries, prepared outside the clock, written with better-sqlite3 in one transaction. */
function timeBaseline(file: string, files: string[]): number {
  const taken = new Set<string>();
  const prepared = files.map((filePath) => {
    const source = parseArticleFile(filePath, readFileSync(filePath));
    const slug = pickUniqueSlug(createSlug(source.title), (candidate) => taken.has(candidate));
    taken.add(slug);
    const search = prepareArticleSearch(toArticleSearchInput(source)).document;
    return { source, slug, html: renderMarkdown(source.bodyMarkdown).html, origin: path.relative(repoRoot, filePath), search };
  });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  const started = performance.now();
  const ids = { section: new Map<string, number>(), tag: new Map<string, number>(), author: new Map<string, number>() };
  const insertNamed = (table: "Section" | "Tag" | "Author") =>
    db.prepare(`INSERT INTO "${table}" (name, slug) VALUES (?, ?) RETURNING id`);
  const statements = {
    section: insertNamed("Section"),
    tag: insertNamed("Tag"),
    author: insertNamed("Author"),
    article: db.prepare(
      `INSERT INTO "Article" (slug, title, summaryPoints, bodyMarkdown, bodyHtml, status, publishedAt, revisedAt, timeZone, language,
        sourceName, sourceUrl, contentHash, originPath, coverImageId, sectionId, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, NULL, NULL, ?, ?, NULL, ?, ?, ?) RETURNING id`,
    ),
    articleAuthor: db.prepare(`INSERT INTO "ArticleAuthor" (articleId, authorId, position, role, outlet) VALUES (?, ?, ?, NULL, NULL)`),
    articleTag: db.prepare(`INSERT INTO "ArticleTag" (articleId, tagId) VALUES (?, ?)`),
    search: db.prepare(`INSERT INTO "ArticleSearch" (rowid, title, summary, body, pinyin) VALUES (?, ?, ?, ?, ?)`),
  };
  const ensure = (kind: "section" | "tag" | "author", name: string) => {
    let id = ids[kind].get(name);
    if (id === undefined) {
      id = (statements[kind].get(name, `${createSlug(name)}-${ids[kind].size}`) as { id: number }).id;
      ids[kind].set(name, id);
    }
    return id;
  };
  db.transaction(() => {
    for (const { source, slug, html, origin, search } of prepared) {
      const now = Date.now();
      const sectionId = source.section ? ensure("section", source.section) : null;
      const { id } = statements.article.get(
        slug, source.title, JSON.stringify(source.summaryPoints), source.bodyMarkdown, html, source.status,
        source.publishedAt?.getTime() ?? null, source.timeZone, source.language, randomUUID(), origin, sectionId, now, now,
      ) as { id: number };
      source.authors.forEach((author, position) => statements.articleAuthor.run(id, ensure("author", author.name), position));
      for (const tag of new Set(source.tags)) statements.articleTag.run(id, ensure("tag", tag));
      statements.search.run(id, search.title, search.summary, search.body, search.pinyin);
    }
  })();
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return files.length / seconds;
}

export async function runIngestBench({ articles = Number(process.env.BENCH_ARTICLES ?? 5000) } = {}): Promise<IngestBenchResult> {
  const dir = path.join(tmpRoot, `bench-ingest-${randomUUID()}`);
  const files = writeSyntheticArticles(dir, articles);
  try {
    const sqlite = await createSqliteTestDatabase();
    const sqlitePerSecond = await timeIngest(sqlite, files, repoRoot).finally(() => sqlite.drop());

    let postgresPerSecond: number | null = null;
    if ((await checkPostgres()).available) {
      const postgres = await createPostgresTestDatabase();
      postgresPerSecond = await timeIngest(postgres, files, repoRoot).finally(() => postgres.drop());
    }

    const baseline = await createSqliteTestDatabase();
    await baseline.db.$disconnect();
    const baselinePerSecond = timeBaseline(baseline.url.replace(/^file:/, ""), files);
    await baseline.drop();
    return { articles, workers: countPrepareWorkers(), sqlitePerSecond, postgresPerSecond, baselinePerSecond };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printIngestBench(result: IngestBenchResult): void {
  const rate = (value: number) => `${Math.round(value).toLocaleString("en-US")} articles/s`;
  console.log(`\nIngest: ${result.articles.toLocaleString("en-US")} synthetic articles (2-20 KB, ~60% Chinese)`);
  console.log(`  baseline  better-sqlite3, one transaction, rows and index entries prepared in advance: ${rate(result.baselinePerSecond)}`);
  console.log(`  ingest    SQLite (parse, render, index, write; ${result.workers} prepare workers): ${rate(result.sqlitePerSecond)}  ratio ${(result.sqlitePerSecond / result.baselinePerSecond).toFixed(3)} of baseline  (target >= 1,000 articles/s)`);
  if (result.postgresPerSecond === null) console.log("  ingest    PostgreSQL: not reachable, not measured");
  else console.log(`  ingest    PostgreSQL (the same, through Prisma): ${rate(result.postgresPerSecond)}  ratio ${(result.postgresPerSecond / result.baselinePerSecond).toFixed(3)} of baseline`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  runIngestBench().then(
    (result) => {
      printIngestBench(result);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
