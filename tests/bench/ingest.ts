// Ingest throughput: N synthetic articles through the full ingest (parse, render, slug, search
// tokens, writes) on SQLite and, where reachable, PostgreSQL, beside a baseline from the same run
// that inserts the same rows and index entries with better-sqlite3 directly in one transaction.
//
// A second run ingests the same number of articles written the way other tools write them (Hugo
// YAML and TOML front matter, raw HTML blocks), to show what the dialects and the HTML sanitizer
// cost against the same baseline, and what share of that ingest's CPU the sanitizer itself takes.
//
// npm run bench:ingest            (BENCH_ARTICLES=5000 by default)
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { countPrepareWorkers, createWorkerPreparer } from "@/lib/content/article-preparer";
import { splitRunsIntoSearchWords } from "@/lib/content/chinese-words";
import { ingestArticleFiles } from "@/lib/content/ingest";
import { renderMarkdown } from "@/lib/content/markdown";
import { parseArticleFile } from "@/lib/content/parse-article";
import { runPrepareTasks, toArticleSearchInput } from "@/lib/content/prepare-article";
import { prepareArticleSearch } from "@/lib/search/article-search-text";
import { toPlainText } from "@/lib/search/plain-text";
import { normalizeSearchText, splitIntoRuns } from "@/lib/search/search-tokens";
import { createSlug, pickUniqueSlug } from "@/lib/content/slug";
import { createPostgresTestDatabase, createSqliteTestDatabase, checkPostgres, repoRoot, tmpRoot, type TestDatabase } from "../support/test-databases";
import { writeDialectArticles, writeSyntheticArticles } from "./synthetic-articles";
import { runWhenInvoked } from "./run-directly";

export interface IngestBenchResult {
  articles: number;
  workers: number;
  sqlitePerSecond: number;
  /** CPU the SQLite ingest spent per article, by thread; null where /proc/self/task is not there. */
  sqliteCpu: IngestCpu | null;
  postgresPerSecond: number | null;
  baselinePerSecond: number;
  costs: IngestCosts;
  dialects: DialectBenchResult;
}

/** The runs over files in other tools' dialects, with raw HTML and (the same files) without. */
export interface DialectBenchResult {
  sqlitePerSecond: number;
  cpu: IngestCpu | null;
  /** The least CPU per article either run with raw HTML took, and the same without. */
  cpuMs: number | null;
  withoutHtmlPerSecond: number;
  withoutHtmlCpuMs: number | null;
  /** Files among them that hold raw HTML. */
  withHtml: number;
  /** What raw HTML adds to rendering an article (the sanitizer and its slots), one thread, warm code. */
  sanitizeMs: number;
}

/** Where an article's CPU goes, measured in one thread on warm code. */
export interface IngestCosts {
  sample: number;
  /** Read, hash, parse, render, slug and search entry: what a worker does per file. */
  prepareMs: number;
  /** The search entry alone (plain text, tokens, jieba, stems, pinyin). */
  searchMs: number;
  /** jieba's search-mode cut of the body's Han text, inside searchMs. */
  segmentMs: number;
  /** From the baseline: writing one article's rows and index entry. */
  writeMs: number;
  /** A new prepare worker: thread, modules and dictionaries, until its first file is ready. */
  workerStartMs: number;
}

const COST_SAMPLE = 1000;
const COST_WARMUP = 200;

const perArticle = (count: number, run: () => void) => {
  const started = performance.now();
  run();
  return (performance.now() - started) / count;
};

/**
 * Times each stage over the same files in this thread, after a warm-up, so the ingest figure can be
 * read against what its parts cost: with P ms to prepare and W ms to write an article, C cores can
 * do no better than C / (P + W) articles per millisecond, before start-up and garbage collection.
 */
async function measureIngestCosts(files: string[], baselinePerSecond: number): Promise<IngestCosts> {
  // A small run (BENCH_ARTICLES) warms up on a fifth of its files and times the rest.
  const warmup = Math.min(COST_WARMUP, Math.floor(files.length / 5));
  const sample = files.slice(0, warmup + COST_SAMPLE);
  const measured = sample.length - warmup;
  const bytes = sample.map((filePath) => readFileSync(filePath));
  const prepareRange = (from: number, to: number) => {
    for (let start = from; start < to; start += 50) {
      const part = sample.slice(start, Math.min(start + 50, to));
      runPrepareTasks(part.map((filePath, index) => ({ task: { filePath, originPath: filePath, knownHash: null }, bytes: bytes[start + index]! })));
    }
  };
  prepareRange(0, warmup);
  const prepareMs = perArticle(measured, () => prepareRange(warmup, sample.length));

  const inputs = sample.slice(warmup).map((filePath, index) => toArticleSearchInput(parseArticleFile(filePath, bytes[warmup + index]!)));
  const searchMs = perArticle(measured, () => inputs.forEach((input) => prepareArticleSearch(input)));
  const hanRuns = inputs.map((input) =>
    splitIntoRuns(normalizeSearchText(toPlainText(input.bodyMarkdown)))
      .filter((run) => run.kind === "han")
      .map((run) => run.text),
  );
  const segmentMs = perArticle(measured, () => hanRuns.forEach((runs) => splitRunsIntoSearchWords(runs)));

  const startedAt = performance.now();
  const worker = createWorkerPreparer(1);
  await worker.prepare([{ filePath: sample[0]!, originPath: sample[0]!, knownHash: null }]).finally(() => worker.close());
  const workerStartMs = performance.now() - startedAt;

  return { sample: measured, prepareMs, searchMs, segmentMs, writeMs: 1000 / baselinePerSecond, workerStartMs };
}

export interface IngestCpu {
  mainMs: number;
  workersMs: number;
  /** V8's background threads (optimizing compiler, concurrent garbage collection) and libuv's. */
  otherMs: number;
}

/** CPU milliseconds of each thread of this process (Linux), by thread id. */
function readThreadCpu(): Map<string, number> | null {
  try {
    const ticksPerSecond = 100;
    return new Map(
      readdirSync("/proc/self/task").map((id) => {
        const stat = readFileSync(`/proc/self/task/${id}/stat`, "utf8");
        const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
        return [id, ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond];
      }),
    );
  } catch {
    return null;
  }
}

/** What each kind of thread spent between two readings, per article: workers are the `workers` busiest new ones. */
function splitThreadCpu(before: Map<string, number>, after: Map<string, number>, workers: number, articles: number): IngestCpu {
  const main = String(process.pid);
  const spent = [...after].map(([id, ms]) => [id, ms - (before.get(id) ?? 0)] as const);
  const others = spent.filter(([id]) => id !== main).map(([, ms]) => ms).sort((a, b) => b - a);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  return {
    mainMs: (spent.find(([id]) => id === main)?.[1] ?? 0) / articles,
    workersMs: sum(others.slice(0, workers)) / articles,
    otherMs: sum(others.slice(workers)) / articles,
  };
}

/** Times the ingest as the CLI runs it for a large batch: parsing in worker threads. */
async function timeIngest(database: TestDatabase, files: string[], rootDir: string): Promise<{ perSecond: number; cpu: IngestCpu | null }> {
  const cpuBefore = readThreadCpu();
  const started = performance.now();
  const preparer = createWorkerPreparer(countPrepareWorkers());
  let cpuAfter: Map<string, number> | null = null;
  const report = await ingestArticleFiles(files, { db: database.db, preparer, rootDir, now: () => Date.now() }).finally(() => {
    // Read while the workers are still there: a thread that has exited takes its count with it.
    cpuAfter = readThreadCpu();
    return preparer.close();
  });
  const seconds = (performance.now() - started) / 1000;
  if (report.failed.length || report.created.length !== files.length) {
    throw new Error(`ingest bench: expected ${files.length} created, got ${report.created.length} (${report.failed.length} failed: ${report.failed[0]?.reason})`);
  }
  const cpu = cpuBefore && cpuAfter ? splitThreadCpu(cpuBefore, cpuAfter, countPrepareWorkers(), files.length) : null;
  return { perSecond: files.length / seconds, cpu };
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

/**
 * What raw HTML costs the renderer per article of the dialect run: each body rendered as it is,
 * against the same body with the tags taken out of its raw HTML paragraphs (which then never meets
 * the sanitizer), both timed in one thread after a warm-up. The difference is the sanitizer and its slots.
 */
function measureSanitizeMs(files: string[]): { sanitizeMs: number; withHtml: number } {
  const sample = files.slice(0, COST_WARMUP + COST_SAMPLE);
  const bodies = sample.map((filePath) => parseArticleFile(filePath, readFileSync(filePath)).bodyMarkdown);
  // The same words, without their tags.
  const withoutHtml = bodies.map((body) =>
    body
      .split("\n\n")
      .map((paragraph) => (paragraph.startsWith("<") ? paragraph.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim() : paragraph))
      .filter(Boolean)
      .join("\n\n"),
  );
  const warmup = Math.min(COST_WARMUP, Math.floor(sample.length / 5));
  const renderAll = (list: string[]) => list.forEach((body) => renderMarkdown(body));
  renderAll(bodies.slice(0, warmup));
  renderAll(withoutHtml.slice(0, warmup));
  const measured = sample.length - warmup;
  const withMs = perArticle(measured, () => renderAll(bodies.slice(warmup)));
  const withoutMs = perArticle(measured, () => renderAll(withoutHtml.slice(warmup)));
  return { sanitizeMs: Math.max(0, withMs - withoutMs), withHtml: bodies.filter((body, index) => body !== withoutHtml[index]).length / sample.length };
}

async function runDialectBench(articles: number): Promise<DialectBenchResult> {
  const dir = path.join(tmpRoot, `bench-ingest-dialects-${randomUUID()}`);
  try {
    const timeFiles = async (files: string[]) => {
      const sqlite = await createSqliteTestDatabase();
      return timeIngest(sqlite, files, repoRoot).finally(() => sqlite.drop());
    };
    const withoutFiles = writeDialectArticles(path.join(dir, "without-html"), articles, { html: false });
    const files = writeDialectArticles(path.join(dir, "with-html"), articles);
    // Interleaved, best of two each: the host's speed drifts within a minute, and a pair timed
    // side by side compares like with like.
    const runs = { without: [] as Awaited<ReturnType<typeof timeFiles>>[], with: [] as Awaited<ReturnType<typeof timeFiles>>[] };
    for (let round = 0; round < 2; round += 1) {
      runs.without.push(await timeFiles(withoutFiles));
      runs.with.push(await timeFiles(files));
    }
    const best = (list: typeof runs.with) => list.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
    const cpuTotal = (cpu: IngestCpu | null) => (cpu ? cpu.mainMs + cpu.workersMs + cpu.otherMs : null);
    const leastCpu = (list: typeof runs.with) => Math.min(...list.map((run) => cpuTotal(run.cpu) ?? Infinity));
    const { sanitizeMs, withHtml } = measureSanitizeMs(files);
    return {
      sqlitePerSecond: best(runs.with).perSecond,
      cpu: best(runs.with).cpu,
      cpuMs: Number.isFinite(leastCpu(runs.with)) ? leastCpu(runs.with) : null,
      withoutHtmlPerSecond: best(runs.without).perSecond,
      withoutHtmlCpuMs: Number.isFinite(leastCpu(runs.without)) ? leastCpu(runs.without) : null,
      withHtml: Math.round(withHtml * articles),
      sanitizeMs,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runIngestBench({ articles = Number(process.env.BENCH_ARTICLES ?? 5000) } = {}): Promise<IngestBenchResult> {
  const dir = path.join(tmpRoot, `bench-ingest-${randomUUID()}`);
  const files = writeSyntheticArticles(dir, articles);
  try {
    const sqlite = await createSqliteTestDatabase();
    const { perSecond: sqlitePerSecond, cpu: sqliteCpu } = await timeIngest(sqlite, files, repoRoot).finally(() => sqlite.drop());

    let postgresPerSecond: number | null = null;
    if ((await checkPostgres()).available) {
      const postgres = await createPostgresTestDatabase();
      postgresPerSecond = (await timeIngest(postgres, files, repoRoot).finally(() => postgres.drop())).perSecond;
    }

    const baseline = await createSqliteTestDatabase();
    await baseline.db.$disconnect();
    const baselinePerSecond = timeBaseline(baseline.url.replace(/^file:/, ""), files);
    await baseline.drop();
    const costs = await measureIngestCosts(files, baselinePerSecond);
    const dialects = await runDialectBench(articles);
    return { articles, workers: countPrepareWorkers(), sqlitePerSecond, sqliteCpu, postgresPerSecond, baselinePerSecond, costs, dialects };
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
  const { costs } = result;
  const ms = (value: number) => `${value.toFixed(2)} ms`;
  const cores = result.workers;
  const ceiling = (cores * 1000) / (costs.prepareMs + costs.writeMs);
  console.log(`  per article, one thread, ${costs.sample.toLocaleString("en-US")} of the same files warm:`);
  console.log(`            prepare ${ms(costs.prepareMs)} (search entry ${ms(costs.searchMs)}, of which jieba ${ms(costs.segmentMs)}) + write ${ms(costs.writeMs)}`);
  console.log(`            ceiling on ${cores} cores with no start-up or garbage collection: ${rate(ceiling)}; ${rate((cores * 1000) / (costs.prepareMs - costs.searchMs + costs.writeMs))} without the search entry`);
  console.log(`            a prepare worker takes ${Math.round(costs.workerStartMs).toLocaleString("en-US")} ms to start (thread, modules, two jieba dictionaries)`);
  const cpu = result.sqliteCpu;
  if (cpu) {
    const total = cpu.mainMs + cpu.workersMs + cpu.otherMs;
    console.log(`            the SQLite ingest itself spent ${ms(total)} of CPU per article: workers ${ms(cpu.workersMs)} (start-up included), main thread ${ms(cpu.mainMs)}, V8/libuv background threads ${ms(cpu.otherMs)}`);
  }
  const { dialects } = result;
  console.log(`  dialects  the same number of articles as Hugo YAML/TOML front matter, ${dialects.withHtml.toLocaleString("en-US")} of them with raw HTML blocks:`);
  console.log(`            SQLite: ${rate(dialects.sqlitePerSecond)}  ratio ${(dialects.sqlitePerSecond / result.baselinePerSecond).toFixed(3)} of baseline, ${(dialects.sqlitePerSecond / result.sqlitePerSecond).toFixed(3)} of the plain run above`);
  console.log(`            the same files without their raw HTML blocks: ${rate(dialects.withoutHtmlPerSecond)}; with them ${(dialects.sqlitePerSecond / dialects.withoutHtmlPerSecond).toFixed(3)} of that (budget >= 0.85; best of two interleaved runs each)`);
  if (dialects.cpuMs !== null && dialects.withoutHtmlCpuMs !== null) {
    console.log(`            CPU per article: ${ms(dialects.cpuMs)} with raw HTML, ${ms(dialects.withoutHtmlCpuMs)} without: with costs ${((dialects.withoutHtmlCpuMs / dialects.cpuMs) * 100).toFixed(1)}% of the rate the same CPU would give without (budget >= 85%)`);
  }
  const share = dialects.cpuMs ? dialects.sanitizeMs / dialects.cpuMs : null;
  console.log(
    `            raw HTML through the sanitizer adds ${ms(dialects.sanitizeMs)} per article to rendering` +
      (share === null ? "" : ` = ${(share * 100).toFixed(1)}% of that run's ${ms(dialects.cpuMs!)} of CPU per article (budget <= 15%)`),
  );
}

runWhenInvoked(import.meta.url, () => runIngestBench(), printIngestBench);
