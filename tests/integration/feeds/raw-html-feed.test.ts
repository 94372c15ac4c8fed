import { randomUUID } from "node:crypto";
import { cpSync, rmSync } from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFeedDocument } from "@/lib/feeds/feed-response";
import { createSqliteTestDatabase, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace } from "../../support/ingest-workspace";

// Feed readers get an article's body as the page does: the sanitized HTML, with a link beside
// every video for readers that show no frames, and none of what the sanitizer removed.

let database: TestDatabase;
let workspace: string;
let bodies: Map<string, string>;

beforeAll(async () => {
  database = await createSqliteTestDatabase();
  workspace = path.join(tmpRoot, `raw-html-feed-${randomUUID()}`);
  cpSync(path.join(repoRoot, "tests/fixtures/raw-html"), path.join(workspace, "raw-html"), { recursive: true });
  const report = await ingestWorkspace(database.db, workspace, ["raw-html"]);
  expect(report.failed).toEqual([]);
  const document = await buildFeedDocument(database.db, { kind: "section", slug: "technology" }, "rss", { language: "en", now: () => new Date() });
  if (!document.found) throw new Error("the Technology feed was not found");
  const items = new XMLParser().parse(document.xml).rss.channel.item as Array<{ link: string; "content:encoded": string }>;
  bodies = new Map(items.map((item) => [new URL(item.link).pathname, item["content:encoded"]]));
});

afterAll(async () => {
  await database?.drop();
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe("raw HTML in feeds", () => {
  it("carries what the allowlist keeps, and each video as a privacy player with its link", () => {
    const body = bodies.get("/articles/e2e-raw-html-allowed")!;
    expect(body).toMatch(/<table[\s>]/);
    expect(body).toContain("<details>");
    expect(body).toMatch(/<iframe[^>]+src="https:\/\/www\.youtube-nocookie\.com\/embed\//);
    expect(body).toMatch(/<a href="https:\/\/www\.youtube\.com\/watch\?v=/);
  });

  it("carries none of what the sanitizer removed", () => {
    const body = bodies.get("/articles/e2e-raw-html-hostile")!;
    expect(body.length).toBeGreaterThan(0);
    for (const forbidden of [/<script/i, /\son[a-z]+\s*=/i, /javascript:/i, /<svg/i, /<math/i, /<base/i, /<meta/i, /<form/i, /srcdoc/i, /position\s*:\s*fixed/i]) {
      expect(body).not.toMatch(forbidden);
    }
  });
});
