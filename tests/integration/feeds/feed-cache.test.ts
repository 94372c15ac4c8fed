// The feed routes' cache, with Next's own data cache (its in-memory IncrementalCache, the one
// `next start` uses) in place of a running server: a cached feed is answered without reading the
// database, and revalidating the lists tag, as /api/revalidate does after an ingest, brings the
// change in.
// First, as `next start` does: Next's request-scoped storage needs its Node globals in place.
import "next/dist/server/node-environment";
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { IncrementalCache } from "next/dist/server/lib/incremental-cache";
import { nodeFs } from "next/dist/server/lib/node-fs-methods";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { articleListsTag } from "@/lib/cache-tags";
import { createInThreadPreparer } from "@/lib/content/article-preparer";
import { ingestArticleFiles } from "@/lib/content/ingest";
import type * as FeedResponse from "@/lib/feeds/feed-response";
import type * as ServeFeed from "@/lib/feeds/serve-feed";
import { createSqliteTestDatabase, type TestDatabase, tmpRoot } from "../../support/test-databases";

let database: TestDatabase;
let workspace: string;
let cache: IncrementalCache;
// Imported once DATABASE_URL names the test database (see beforeAll).
let feeds: typeof ServeFeed;
let responses: typeof FeedResponse;

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  workspace = path.join(tmpRoot, `feed-cache-${randomUUID()}`);
  mkdirSync(workspace, { recursive: true });
  const file = path.join(workspace, "tide.md");
  writeFileSync(file, `---\ntitle: Spring tides arrive\nslug: spring-tides\ndate: 2026-11-20 09:00\ntimezone: Europe/London\nsection: Harbour\nlanguage: en\n---\n\nThe highest tides of the year.\n`);
  const report = await ingestArticleFiles([file], {
    db: database.db,
    preparer: createInThreadPreparer((filePath) => readFile(filePath)),
    rootDir: workspace,
    now: () => Date.now(),
  });
  expect(report.failed).toEqual([]);
  // The portal's own database client (lib/db/client.ts getDb) reads DATABASE_URL once, at import.
  process.env.DATABASE_URL = database.url;
  // As next.config.ts sets it up: the file-system handler kept in memory only (isrFlushToDisk off).
  cache = new IncrementalCache({
    fs: nodeFs,
    serverDistDir: path.join(workspace, "server"),
    flushToDisk: false,
    dev: false,
    requestHeaders: {},
    maxMemoryCacheSize: 10 * 1024 * 1024,
    previewProps: { previewModeId: "", previewModeSigningKey: "", previewModeEncryptionKey: "" },
    prerenderManifest: { version: 4, routes: {}, dynamicRoutes: {}, notFoundRoutes: [], preview: { previewModeId: "", previewModeSigningKey: "", previewModeEncryptionKey: "" } },
  });
  (globalThis as { __incrementalCache?: IncrementalCache }).__incrementalCache = cache;
  feeds = await import("@/lib/feeds/serve-feed");
  responses = await import("@/lib/feeds/feed-response");
});

afterAll(async () => {
  await database?.drop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

async function fetchFeed(headers: Record<string, string> = {}) {
  const document = await feeds.getCachedFeedDocument({ kind: "section", slug: "harbour" }, "rss");
  return responses.respondWithFeedDocument(new Request("http://127.0.0.1/sections/harbour/feed.xml", { headers }), document, "rss");
}

describe("the feed cache", () => {
  it("answers a cached feed without reading the database, until the lists tag is revalidated", async () => {
    const first = await fetchFeed();
    expect(first.status).toBe(200);
    const body = await first.text();
    expect(body).toContain("Spring tides arrive");
    const etag = first.headers.get("ETag")!;

    await database.db.article.update({ where: { slug: "spring-tides" }, data: { title: "Spring tides arrive early" } });
    const cached = await fetchFeed();
    expect(await cached.text()).toBe(body);
    expect((await fetchFeed({ "If-None-Match": etag })).status).toBe(304);

    await cache.revalidateTag([articleListsTag], { expire: 0 });
    const fresh = await fetchFeed({ "If-None-Match": etag });
    expect(fresh.status).toBe(200);
    expect(await fresh.text()).toContain("Spring tides arrive early");
    expect(fresh.headers.get("ETag")).not.toBe(etag);
  });

  it("keeps answering from the cache with the database gone", async () => {
    const before = await (await fetchFeed()).text();
    await database.drop();
    const after = await fetchFeed();
    expect(after.status).toBe(200);
    expect(await after.text()).toBe(before);
  });
});
