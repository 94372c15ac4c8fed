// Sitemap generation at 100,000 published articles on SQLite: the sitemap index and every page of
// the articles sitemap, through the same Response streams the routes send, read to the end by a
// consumer that throws the bytes away. Reported: time, URLs/s, the document's size and how far
// RSS and the JS heap grew while it was made (a sampler every 5 ms plus the figures at the end) —
// a streamed document needs far less than its own size; one built in memory needs it twice over.
// Beside it, from the same run and database, a baseline: better-sqlite3 iterating the same
// published rows in id order and writing a bare <url><loc> per row to a null stream — the cost of
// reading the rows and writing the minimum, with no Prisma, images, dates or escaping.
//
// npm run bench:sitemap           (BENCH_SITEMAP_ARTICLES=100000; BENCH_SITEMAP_BODY_BYTES=2000)
import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import Database from "better-sqlite3";
import { respondWithChildSitemap, respondWithSitemapIndex } from "@/lib/seo/sitemap-response";
import { SITEMAP_MAX_URLS } from "@/lib/seo/sitemap-paths";
import { createSqliteTestDatabase, type TestDatabase } from "../support/test-databases";
import { runWhenInvoked } from "./run-directly";

const SITE_URL = "https://bench.example.org";

// A collection before each measurement, so one's garbage does not count against the next.
setFlagsFromString("--expose-gc");
const collectGarbage = runInNewContext("gc") as () => void;

export interface GenerationFigures {
  ms: number;
  urls: number;
  bytes: number;
  /** Highest RSS seen minus RSS at the start, in bytes. */
  rssGrowth: number;
  /** Highest heap use seen minus heap use at the start, in bytes. */
  heapGrowth: number;
}

export interface SitemapBenchResult {
  articles: number;
  seedSeconds: number;
  databaseBytes: number;
  index: GenerationFigures;
  articlesSitemaps: GenerationFigures & { pages: number };
  baseline: GenerationFigures;
}

const SECTIONS = 12;
const TAGS = 400;
const AUTHORS = 150;

/**
 * 100,000 published articles straight into the tables with better-sqlite3 (ingest would take
 * minutes and is measured by its own bench): Chinese and English, bodies of about `bodyBytes`
 * each way, a section, two tags and an author each; three in five with a processed cover (fifteen
 * variants), one in five with a remote image still pending, the rest with none; a tenth revised.
 */
function seedArticles(file: string, count: number, bodyBytes: number): void {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const iso = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");
  const now = iso(Date.UTC(2026, 10, 28));
  const insertSection = db.prepare(`INSERT INTO "Section" ("slug", "name") VALUES (?, ?)`);
  const insertTag = db.prepare(`INSERT INTO "Tag" ("slug", "name") VALUES (?, ?)`);
  const insertAuthor = db.prepare(`INSERT INTO "Author" ("slug", "name") VALUES (?, ?)`);
  const insertImage = db.prepare(
    `INSERT INTO "Image" ("source", "status", "contentHash", "width", "height", "variants", "updatedAt") VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertArticle = db.prepare(
    `INSERT INTO "Article" ("slug", "title", "summaryPoints", "bodyMarkdown", "bodyHtml", "status", "publishedAt", "revisedAt",
      "timeZone", "language", "contentHash", "originPath", "coverImageId", "sectionId", "updatedAt")
     VALUES (?, ?, '[]', ?, ?, 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertArticleTag = db.prepare(`INSERT INTO "ArticleTag" ("articleId", "tagId") VALUES (?, ?)`);
  const insertArticleAuthor = db.prepare(`INSERT INTO "ArticleAuthor" ("articleId", "authorId", "position") VALUES (?, ?, 0)`);
  const insertArticleImage = db.prepare(`INSERT INTO "ArticleImage" ("articleId", "imageId", "position", "alt") VALUES (?, ?, 0, '')`);

  const chineseBody = "城市交通数据显示去年同比增长，公司发布季度营收。".repeat(Math.ceil(bodyBytes / 72)).slice(0, Math.ceil(bodyBytes / 3));
  const englishBody = "The council said transit ridership grew again this quarter. ".repeat(Math.ceil(bodyBytes / 60)).slice(0, bodyBytes);
  const start = Date.UTC(2016, 0, 1);
  db.transaction(() => {
    for (let n = 1; n <= SECTIONS; n += 1) insertSection.run(`section-${n}`, `Section ${n}`);
    for (let n = 1; n <= TAGS; n += 1) insertTag.run(`tag-${n}`, `Tag ${n}`);
    for (let n = 1; n <= AUTHORS; n += 1) insertAuthor.run(`author-${n}`, `Author ${n}`);
    for (let n = 1; n <= count; n += 1) {
      const chinese = n % 5 < 3;
      const body = chinese ? chineseBody : englishBody;
      const published = start + n * 3_600_000;
      let imageId: number | null = null;
      if (n % 5 < 3) {
        const hash = createHash("sha256").update(`bench-${n}`).digest("hex");
        const variants = (["avif", "webp", "jpeg"] as const).flatMap((format) =>
          [320, 640, 960, 1280, 1920].map((width) => ({
            format,
            width,
            height: Math.round((width * 2) / 3),
            key: `${hash.slice(0, 2)}/${hash}/w${width}.${format === "jpeg" ? "jpg" : format}`,
            bytes: width * 60,
          })),
        );
        imageId = Number(insertImage.run(`images/bench-${n}.jpg`, "ready", hash, 2400, 1600, JSON.stringify(variants), now).lastInsertRowid);
      } else if (n % 5 === 3) {
        imageId = Number(insertImage.run(`https://images.example.com/bench/${n}.jpg?w=1600&q=80`, "pending", null, null, null, "[]", now).lastInsertRowid);
      }
      const articleId = Number(
        insertArticle.run(
          `bench-story-${n}`,
          chinese ? `城市交通数据第${n}号报道` : `Transit ridership report ${n}`,
          body,
          `<p>${body}</p>`,
          iso(published),
          n % 10 === 0 ? iso(published + 86_400_000) : null,
          chinese ? "Asia/Shanghai" : "UTC",
          chinese ? "zh-CN" : "en",
          createHash("sha256").update(String(n)).digest("hex"),
          `bench/${n}.md`,
          imageId,
          1 + (n % SECTIONS),
          now,
        ).lastInsertRowid,
      );
      insertArticleTag.run(articleId, 1 + (n % TAGS));
      insertArticleTag.run(articleId, 1 + ((n * 7 + 3) % TAGS));
      insertArticleAuthor.run(articleId, 1 + (n % AUTHORS));
      if (imageId !== null) insertArticleImage.run(articleId, imageId);
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/**
 * Reads each stream to the end before asking for the next, sampling memory as it goes; `marker` counts
 * the entries (each chunk is whole entries, one batch, so counting per chunk never splits a tag).
 */
async function measure(marker: string, streams: AsyncIterable<ReadableStream<Uint8Array>>): Promise<GenerationFigures> {
  collectGarbage();
  const startRss = process.memoryUsage.rss();
  const startHeap = process.memoryUsage().heapUsed;
  let peakRss = startRss;
  let peakHeap = startHeap;
  const sample = () => {
    peakRss = Math.max(peakRss, process.memoryUsage.rss());
    peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
  };
  const sampler = setInterval(sample, 5);
  const decoder = new TextDecoder();
  let bytes = 0;
  let urls = 0;
  const started = performance.now();
  try {
    for await (const stream of streams) {
      const reader = stream.getReader();
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        bytes += read.value.byteLength;
        urls += decoder.decode(read.value).split(marker).length - 1;
        sample();
      }
    }
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - started;
  sample();
  return { ms, urls, bytes, rssGrowth: peakRss - startRss, heapGrowth: peakHeap - startHeap };
}

async function listArticlePages(database: TestDatabase): Promise<string[]> {
  const xml = await respondWithSitemapIndex(database.db, { siteUrl: SITE_URL }).text();
  return [...xml.matchAll(/<loc>([^<]*\/sitemaps\/(articles-[0-9]+\.xml))<\/loc>/g)].map((match) => match[2] ?? "");
}

function measureIndex(database: TestDatabase): Promise<GenerationFigures> {
  return measure(
    "<sitemap>",
    (async function* () {
      yield respondWithSitemapIndex(database.db, { siteUrl: SITE_URL }).body!;
    })(),
  );
}

async function measureArticleSitemaps(database: TestDatabase, pages: string[]): Promise<GenerationFigures> {
  // One page after another, as a crawler fetches them: each opens when the one before is done.
  return measure(
    "<url>",
    (async function* () {
      for (const name of pages) {
        const response = await respondWithChildSitemap(database.db, name, { siteUrl: SITE_URL, publicationName: "Inkstone", now: () => new Date() });
        if (response.status !== 200) throw new Error(`sitemap bench: ${name} answered ${response.status}`);
        yield response.body!;
      }
    })(),
  );
}

/** The floor: the same rows through better-sqlite3, one bare <url><loc> each, into a null stream. */
async function measureBaseline(file: string): Promise<GenerationFigures> {
  const connection = new Database(file, { readonly: true });
  try {
    let urls = 0;
    let bytes = 0;
    const sink = new Writable({
      write(chunk: Buffer, _encoding, callback) {
        bytes += chunk.byteLength;
        callback();
      },
    });
    collectGarbage();
    const startRss = process.memoryUsage.rss();
    const startHeap = process.memoryUsage().heapUsed;
    let peakRss = startRss;
    let peakHeap = startHeap;
    const started = performance.now();
    const statement = connection.prepare(`SELECT "id", "slug", "publishedAt", "revisedAt" FROM "Article" WHERE "status" = 'published' ORDER BY "id"`);
    await pipeline(
      (function* () {
        yield `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
        let batch: string[] = [];
        for (const row of statement.iterate() as Iterable<{ slug: string }>) {
          batch.push(`<url><loc>${SITE_URL}/articles/${row.slug}</loc></url>\n`);
          urls += 1;
          if (batch.length === 1000) {
            yield batch.join("");
            batch = [];
            peakRss = Math.max(peakRss, process.memoryUsage.rss());
            peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
          }
        }
        yield `${batch.join("")}</urlset>\n`;
      })(),
      sink,
    );
    return { ms: performance.now() - started, urls, bytes, rssGrowth: peakRss - startRss, heapGrowth: peakHeap - startHeap };
  } finally {
    connection.close();
  }
}

export async function runSitemapBench({
  articles = Number(process.env.BENCH_SITEMAP_ARTICLES ?? 100_000),
  bodyBytes = Number(process.env.BENCH_SITEMAP_BODY_BYTES ?? 2000),
}: { articles?: number; bodyBytes?: number } = {}): Promise<SitemapBenchResult> {
  for (const [name, value] of [["BENCH_SITEMAP_ARTICLES", articles], ["BENCH_SITEMAP_BODY_BYTES", bodyBytes]] as const) {
    if (!Number.isSafeInteger(value) || value < 1) throw new Error(`sitemap bench: ${name} must be a positive integer, not ${String(value)}`);
  }
  const database = await createSqliteTestDatabase();
  try {
    const file = database.url.replace(/^file:/, "");
    console.error(`sitemap bench: seeding ${articles.toLocaleString("en-US")} articles`);
    const seedStarted = performance.now();
    seedArticles(file, articles, bodyBytes);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const { size: databaseBytes } = await import("node:fs").then((fs) => fs.statSync(file));

    // One untimed pass of each, so all read from a warm page cache.
    await measureBaseline(file);
    const pages = await listArticlePages(database);
    const expectedPages = Math.ceil(articles / SITEMAP_MAX_URLS);
    if (pages.length !== expectedPages) throw new Error(`sitemap bench: the index lists ${pages.length} article pages, expected ${expectedPages}`);
    const index = await measureIndex(database);
    const articlesSitemaps = { ...(await measureArticleSitemaps(database, pages)), pages: pages.length };
    if (articlesSitemaps.urls !== articles) throw new Error(`sitemap bench: the article sitemaps hold ${articlesSitemaps.urls} URLs, expected ${articles}`);
    const baseline = await measureBaseline(file);
    return { articles, seedSeconds, databaseBytes, index, articlesSitemaps, baseline };
  } finally {
    await database.drop();
  }
}

export function printSitemapBench(result: SitemapBenchResult): void {
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
  const line = (label: string, figures: GenerationFigures) =>
    `  ${label.padEnd(52)} ${`${(figures.ms / 1000).toFixed(2)} s`.padStart(8)}  ${Math.round((figures.urls / figures.ms) * 1000).toLocaleString("en-US").padStart(9)} URLs/s  ` +
    `${mib(figures.bytes).padStart(9)} out  RSS +${mib(Math.max(0, figures.rssGrowth))}  heap +${mib(Math.max(0, figures.heapGrowth))}`;
  console.log(
    `\nSitemaps: ${result.articles.toLocaleString("en-US")} published articles on SQLite (${mib(result.databaseBytes)} database, seeded in ${result.seedSeconds.toFixed(1)} s), streamed to a null reader`,
  );
  console.log(line("baseline  better-sqlite3 rows → bare <url><loc>", result.baseline));
  console.log(line(`articles  ${result.articlesSitemaps.pages} page(s), lastmod + image:image, via Response`, result.articlesSitemaps));
  console.log(
    `  ${`index     ${result.index.urls} child sitemaps, each with its lastmod`.padEnd(52)} ${`${(result.index.ms / 1000).toFixed(2)} s`.padStart(8)}  ` +
      `(reads every published article's dates and every section, tag and author)  RSS +${mib(Math.max(0, result.index.rssGrowth))}  heap +${mib(Math.max(0, result.index.heapGrowth))}`,
  );
  console.log(
    `    ratio to baseline (articles): ${(result.articlesSitemaps.ms / result.baseline.ms).toFixed(1)}x the time. Heap figures are peaks, ` +
      `garbage not yet collected included; the article pages are read 500 rows at a time and never whole.`,
  );
}

runWhenInvoked(import.meta.url, () => runSitemapBench(), printSitemapBench);
