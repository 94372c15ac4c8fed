// Search latency: a fixed set of Chinese, English and pinyin queries through searchArticles (parse,
// match, rank, fetch the page's articles, build snippets) over N synthetic articles plus the seed
// report, on SQLite and, where reachable, PostgreSQL. Beside each, from the same run and the same
// database, a baseline: the same parsed queries as a bare driver call (better-sqlite3 or pg) that
// only finds the first page of matches, with no ranking, filters, articles or snippets — the cost
// of the index lookup alone.
//
// npm run bench:search            (BENCH_SEARCH_SIZES=10000,100000; BENCH_SEARCH_ROUNDS=5;
//                                  BENCH_SEARCH_POSTGRES=off skips PostgreSQL)
import { randomUUID } from "node:crypto";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { countPrepareWorkers, createWorkerPreparer } from "@/lib/content/article-preparer";
import { ingestArticleFiles } from "@/lib/content/ingest";
import { getPostgresConfigFromUrl } from "@/lib/db/database-url";
import { toFts5Query } from "@/lib/db/search-index";
import { searchArticles, type SearchRequest } from "@/lib/search/search-articles";
import { parseSearchQuery } from "@/lib/search/search-query";
import {
  checkPostgres,
  createPostgresTestDatabase,
  createSqliteTestDatabase,
  repoRoot,
  type TestDatabase,
  tmpRoot,
} from "../support/test-databases";
import { writeSyntheticArticles } from "./synthetic-articles";
import { runWhenInvoked } from "./run-directly";

/**
 * The queries: words from the synthetic articles' vocabulary (each matches a large share of them,
 * the worst case for ranking), words only the seed report has, pinyin, a phrase, a filtered search.
 */
export const SEARCH_BENCH_QUERIES: Array<{ label: string; request: Omit<SearchRequest, "page"> }> = [
  { label: "算力", request: { query: "算力" } },
  { label: "城市 交通", request: { query: "城市 交通" } },
  { label: "图书馆开放", request: { query: "图书馆开放" } },
  { label: "国产算力平台", request: { query: "国产算力平台" } },
  { label: "华为", request: { query: "华为" } },
  { label: "xinghuo", request: { query: "xinghuo" } },
  { label: "spark", request: { query: "spark" } },
  { label: "Sparks", request: { query: "Sparks" } },
  { label: "solar panels degrade", request: { query: "solar panels degrade" } },
  { label: "hospital doctors", request: { query: "hospital doctors" } },
  { label: "forecast, page 3", request: { query: "forecast" } },
  { label: "市场 in 财经, one quarter", request: { query: "市场", sectionSlug: "caijing", publishedFrom: new Date("2026-04-01T00:00:00+08:00"), publishedBefore: new Date("2026-07-01T00:00:00+08:00") } },
];

export interface LatencyFigures {
  p50Ms: number;
  p95Ms: number;
  queriesPerSecond: number;
}

export interface ProviderSearchFigures {
  search: LatencyFigures;
  baseline: LatencyFigures;
  /** The slowest query's p95, to show which kind of query sets the overall p95. */
  slowest: { label: string; p95Ms: number };
}

export interface SearchBenchSize {
  articles: number;
  sqlite: ProviderSearchFigures;
  postgres: ProviderSearchFigures | null;
}

export interface SearchBenchResult {
  rounds: number;
  sizes: SearchBenchSize[];
}

function percentile(sorted: number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)] ?? 0;
}

function summarize(samples: number[]): LatencyFigures {
  const sorted = [...samples].sort((a, b) => a - b);
  const totalMs = samples.reduce((sum, value) => sum + value, 0);
  return { p50Ms: percentile(sorted, 0.5), p95Ms: percentile(sorted, 0.95), queriesPerSecond: (samples.length / totalMs) * 1000 };
}

/** Runs each query once to warm caches, then `rounds` times, queries interleaved; returns ms per call. */
async function timeQueries(rounds: number, run: (index: number) => Promise<unknown>): Promise<number[][]> {
  const samples: number[][] = SEARCH_BENCH_QUERIES.map(() => []);
  for (let round = -1; round < rounds; round += 1) {
    for (let index = 0; index < SEARCH_BENCH_QUERIES.length; index += 1) {
      const started = performance.now();
      await run(index);
      if (round >= 0) samples[index]!.push(performance.now() - started);
    }
  }
  return samples;
}

async function measureSearch(database: TestDatabase, rounds: number): Promise<{ figures: LatencyFigures; slowest: ProviderSearchFigures["slowest"] }> {
  const samples = await timeQueries(rounds, async (index) => {
    const { label, request } = SEARCH_BENCH_QUERIES[index]!;
    const results = await searchArticles(database.db, { ...request, page: label.endsWith("page 3") ? 3 : 1 });
    if (results.total === 0) throw new Error(`search bench: "${label}" found nothing`);
  });
  const perQuery = samples.map((values, index) => ({ label: SEARCH_BENCH_QUERIES[index]!.label, p95Ms: summarize(values).p95Ms }));
  const slowest = perQuery.reduce((worst, entry) => (entry.p95Ms > worst.p95Ms ? entry : worst));
  return { figures: summarize(samples.flat()), slowest };
}

const matchStrings = () => SEARCH_BENCH_QUERIES.map(({ request }) => parseSearchQuery(request.query).terms);

/** The same parsed queries straight to FTS5: the first page of matches, unranked, unjoined. */
async function measureSqliteBaseline(url: string, rounds: number): Promise<LatencyFigures> {
  const connection = new Database(url.replace(/^file:/, ""), { readonly: true });
  try {
    const statement = connection.prepare(`SELECT rowid FROM "ArticleSearch" WHERE "ArticleSearch" MATCH ? LIMIT 10`);
    const queries = matchStrings().map(toFts5Query);
    const samples = await timeQueries(rounds, async (index) => statement.all(queries[index]));
    return summarize(samples.flat());
  } finally {
    connection.close();
  }
}

/** The same parsed queries straight to PostgreSQL: the first page of GIN matches, unranked. */
async function measurePostgresBaseline(url: string, rounds: number): Promise<LatencyFigures> {
  const client = new pg.Client(getPostgresConfigFromUrl(url));
  await client.connect();
  try {
    const queries = matchStrings().map((terms) => terms.map((term) => term.map((alternative) => alternative.join(" "))));
    const samples = await timeQueries(rounds, async (index) => {
      const alternatives = queries[index]!;
      // One plainto_tsquery per alternative, OR within a term, AND between terms, as lib/db builds it.
      const params: string[] = [];
      const tsquery = alternatives
        .map((term) => `(${term.map((alternative) => `plainto_tsquery('simple', $${params.push(alternative)})`).join(" || ")})`)
        .join(" && ");
      await client.query(`SELECT "articleId" FROM "ArticleSearch" WHERE "document" @@ (${tsquery}) LIMIT 10`, params);
    });
    return summarize(samples.flat());
  } finally {
    await client.end();
  }
}

async function ingestForBench(database: TestDatabase, files: string[]): Promise<void> {
  const preparer = createWorkerPreparer(countPrepareWorkers());
  const started = performance.now();
  const report = await ingestArticleFiles(files, { db: database.db, preparer, rootDir: repoRoot, now: () => Date.now() }).finally(() =>
    preparer.close(),
  );
  if (report.failed.length || report.created.length !== files.length) {
    throw new Error(`search bench: expected ${files.length} created, got ${report.created.length} (${report.failed[0]?.reason ?? ""})`);
  }
  console.error(`  ingested ${files.length.toLocaleString("en-US")} articles in ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

async function benchProvider(database: TestDatabase, files: string[], rounds: number, kind: "sqlite" | "postgresql"): Promise<ProviderSearchFigures> {
  await ingestForBench(database, files);
  const { figures, slowest } = await measureSearch(database, rounds);
  const baseline = kind === "sqlite" ? await measureSqliteBaseline(database.url, rounds) : await measurePostgresBaseline(database.url, rounds);
  return { search: figures, baseline, slowest };
}

export async function runSearchBench({
  sizes = (process.env.BENCH_SEARCH_SIZES ?? "10000,100000").split(",").map(Number),
  rounds = Number(process.env.BENCH_SEARCH_ROUNDS ?? 5),
  postgres = process.env.BENCH_SEARCH_POSTGRES !== "off",
}: { sizes?: number[]; rounds?: number; postgres?: boolean } = {}): Promise<SearchBenchResult> {
  const result: SearchBenchResult = { rounds, sizes: [] };
  const postgresAvailable = postgres && (await checkPostgres()).available;
  for (const articles of sizes) {
    const dir = path.join(tmpRoot, `bench-search-${randomUUID()}`);
    try {
      console.error(`search bench: ${articles.toLocaleString("en-US")} articles`);
      const files = writeSyntheticArticles(dir, articles);
      // The seed report: the only article with 华为 and 星火, so some queries find one story among many.
      const seed = path.join(dir, "spark-3-0-report.md");
      copyFileSync(path.join(repoRoot, "content/spark-3-0-report.md"), seed);
      files.push(seed);

      const sqlite = await createSqliteTestDatabase();
      const sqliteFigures = await benchProvider(sqlite, files, rounds, "sqlite").finally(() => sqlite.drop());
      let postgresFigures: ProviderSearchFigures | null = null;
      if (postgresAvailable) {
        const database = await createPostgresTestDatabase();
        postgresFigures = await benchProvider(database, files, rounds, "postgresql").finally(() => database.drop());
      }
      result.sizes.push({ articles: files.length, sqlite: sqliteFigures, postgres: postgresFigures });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return result;
}

export function printSearchBench(result: SearchBenchResult): void {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const line = (label: string, figures: LatencyFigures) =>
    `  ${label.padEnd(44)} p50 ${ms(figures.p50Ms).padStart(9)}  p95 ${ms(figures.p95Ms).padStart(9)}  ${Math.round(figures.queriesPerSecond).toLocaleString("en-US").padStart(6)} queries/s`;
  console.log(
    `\nSearch: ${SEARCH_BENCH_QUERIES.length} Chinese, English and pinyin queries (${SEARCH_BENCH_QUERIES.map((query) => query.label).join(" · ")}), ` +
      `${result.rounds} rounds each, one at a time`,
  );
  for (const size of result.sizes) {
    console.log(` ${size.articles.toLocaleString("en-US")} articles (synthetic, plus the seed report)`);
    console.log(line("baseline  better-sqlite3 FTS5 MATCH, 10 unranked", size.sqlite.baseline));
    console.log(`${line("search    SQLite (rank, filter, page, snippets)", size.sqlite.search)}  (target p95 < 50 ms at 100,000)`);
    console.log(`    slowest query: ${size.sqlite.slowest.label}, p95 ${ms(size.sqlite.slowest.p95Ms)}`);
    if (size.postgres === null) {
      console.log("  PostgreSQL: not reachable, not measured");
    } else {
      console.log(line("baseline  pg GIN @@ match, 10 unranked", size.postgres.baseline));
      console.log(line("search    PostgreSQL (rank, filter, page, snippets)", size.postgres.search));
      console.log(`    slowest query: ${size.postgres.slowest.label}, p95 ${ms(size.postgres.slowest.p95Ms)}`);
    }
  }
}

runWhenInvoked(import.meta.url, () => runSearchBench(), printSearchBench);
