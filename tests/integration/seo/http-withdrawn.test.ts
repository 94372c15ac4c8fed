// What an article URL answers after its file changes: published (200), moved to a new slug (301),
// withdrawn by turning draft or by removing the file and pruning (410), never published (404).
// Real ingest into a real database on each provider, real files on disk.
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PruneInputError, pruneRemovedArticles } from "@/lib/content/prune";
import { getRelatedStoryCandidates, listLatestPublishedArticles, listPublishedArticlesForFeed } from "@/lib/db/articles";
import { getArticleSlugFate } from "@/lib/db/withdrawn-articles";
import { searchArticles } from "@/lib/search/search-articles";
import { listDatabaseKinds, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace } from "../../support/ingest-workspace";

const article = (title: string, { slug, status = "published" }: { slug?: string; status?: string } = {}) => `---
title: ${title}
${slug ? `slug: ${slug}\n` : ""}date: 2026-11-20 09:00
timezone: Europe/London
section: Harbour
tags: [tides]
language: en
status: ${status}
---

${title}: the harbour master explains the lighthouse keeper's log in plain words.
`;

async function statPath(absolutePath: string): Promise<"file" | "folder" | null> {
  const info = await stat(absolutePath).catch(() => null);
  return info === null ? null : info.isDirectory() ? "folder" : "file";
}

describe.each(await listDatabaseKinds())("article URLs after their files change, on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;

  const write = (file: string, text: string) => writeFileSync(path.join(workspace, file), text);
  const fate = (slug: string) => getArticleSlugFate(database.db, slug);
  const prune = (inputs: string[]) => pruneRemovedArticles(inputs, { db: database.db, rootDir: workspace, stat: statPath });

  async function ingest(inputs: string[]) {
    const report = await ingestWorkspace(database.db, workspace, inputs);
    expect(report.failed).toEqual([]);
    return report;
  }

  async function visibleEverywhere(slug: string): Promise<Record<string, boolean>> {
    const latest = await listLatestPublishedArticles(database.db, { limit: 100 });
    const feed = await listPublishedArticlesForFeed(database.db, { section: "harbour" }, 50);
    const search = await searchArticles(database.db, { query: "lighthouse keeper" });
    const related = await getRelatedStoryCandidates(database.db, "lighthouse-keeper-retires");
    return {
      lists: latest.some((item) => item.slug === slug),
      feeds: feed.some((item) => item.slug === slug),
      search: search.hits.some((hit) => hit.article.slug === slug),
      related: related?.candidates.some((candidate) => candidate.item.slug === slug) ?? false,
    };
  }

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = path.join(tmpRoot, `http-withdrawn-${randomUUID()}`);
    mkdirSync(path.join(workspace, "stories/more"), { recursive: true });
    mkdirSync(path.join(workspace, "elsewhere"), { recursive: true });
    write("stories/keeper.md", article("Lighthouse keeper retires", { slug: "lighthouse-keeper-retires" }));
    write("stories/tide.md", article("Tide gauge repaired", { slug: "tide-gauge-old" }));
    write("stories/more/ferry.md", article("Ferry timetable changes", { slug: "ferry-timetable" }));
    write("stories/draft.md", article("Breakwater plans", { slug: "breakwater-plans", status: "draft" }));
    write("elsewhere/pier.md", article("Pier reopens", { slug: "pier-reopens" }));
    await ingest(["stories", "elsewhere"]);
  });

  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("a published slug is published, a draft nobody saw and a made-up slug are unknown", async () => {
    expect(await fate("tide-gauge-old")).toEqual({ kind: "published", slug: "tide-gauge-old" });
    expect(await fate("breakwater-plans")).toEqual({ kind: "unknown" });
    expect(await fate("no-such-story")).toEqual({ kind: "unknown" });
  });

  it.skipIf(!kind.available)("a new slug in the file moves the article, and its old slug points at the new one", async () => {
    write("stories/tide.md", article("Tide gauge repaired", { slug: "tide-gauge-repaired" }));
    const report = await ingest(["stories"]);
    expect(report.changedSlugs).toEqual(expect.arrayContaining(["tide-gauge-old", "tide-gauge-repaired"]));
    expect(await fate("tide-gauge-old")).toEqual({ kind: "moved", to: "tide-gauge-repaired" });
    expect(await fate("tide-gauge-repaired")).toEqual({ kind: "published", slug: "tide-gauge-repaired" });
  });

  it.skipIf(!kind.available)("a published story whose file turns draft is gone, and leaves lists, feeds, search and related stories", async () => {
    expect(await visibleEverywhere("ferry-timetable")).toEqual({ lists: true, feeds: true, search: true, related: true });
    write("stories/more/ferry.md", article("Ferry timetable changes", { slug: "ferry-timetable", status: "draft" }));
    await ingest(["stories"]);
    expect(await fate("ferry-timetable")).toEqual({ kind: "gone", title: "Ferry timetable changes" });
    expect(await visibleEverywhere("ferry-timetable")).toEqual({ lists: false, feeds: false, search: false, related: false });
    // Still a draft in its file, edited again: still gone, not a never-published draft.
    write("stories/more/ferry.md", article("Ferry timetable changes again", { slug: "ferry-timetable", status: "draft" }));
    await ingest(["stories"]);
    expect(await fate("ferry-timetable")).toEqual({ kind: "gone", title: "Ferry timetable changes again" });
  });

  it.skipIf(!kind.available)("prune withdraws only published stories whose files are gone under the given paths, keeping the rows", async () => {
    unlinkSync(path.join(workspace, "stories/tide.md"));
    unlinkSync(path.join(workspace, "stories/draft.md"));
    unlinkSync(path.join(workspace, "elsewhere/pier.md"));
    const report = await prune(["stories"]);
    expect(report.withdrawn).toEqual([{ slug: "tide-gauge-repaired", originPath: "stories/tide.md" }]);
    expect(await fate("tide-gauge-repaired")).toEqual({ kind: "gone", title: "Tide gauge repaired" });
    // The old slug of a withdrawn story is gone too, not a redirect to a 410.
    expect(await fate("tide-gauge-old")).toEqual({ kind: "gone", title: "Tide gauge repaired" });
    // A draft nobody saw stays unknown; a story outside the pruned paths stays published.
    expect(await fate("breakwater-plans")).toEqual({ kind: "unknown" });
    expect(await fate("pier-reopens")).toEqual({ kind: "published", slug: "pier-reopens" });
    expect(await fate("lighthouse-keeper-retires")).toEqual({ kind: "published", slug: "lighthouse-keeper-retires" });
    expect(await database.db.article.count({ where: { slug: "tide-gauge-repaired" } })).toBe(1);
    expect(await visibleEverywhere("tide-gauge-repaired")).toEqual({ lists: false, feeds: false, search: false, related: false });
    // Pruning again finds nothing more to do.
    expect((await prune(["stories"])).withdrawn).toEqual([]);
  });

  it.skipIf(!kind.available)("prune checks a single file input, and refuses a path that does not exist without withdrawing anything", async () => {
    await expect(prune(["elsewhere", "stories/typo"])).rejects.toThrow(PruneInputError);
    await expect(prune(["stories/typo"])).rejects.toThrow(/stories\/typo: no such file or folder, so nothing was pruned/);
    expect(await fate("pier-reopens")).toEqual({ kind: "published", slug: "pier-reopens" });
    write("elsewhere/other.md", article("Other", { slug: "other-story" }));
    await ingest(["elsewhere/other.md"]);
    const report = await prune(["elsewhere/other.md"]);
    expect(report.withdrawn).toEqual([]);
    expect((await prune(["elsewhere"])).withdrawn).toEqual([{ slug: "pier-reopens", originPath: "elsewhere/pier.md" }]);
  });

  it.skipIf(!kind.available)("a withdrawn story's file put back, unchanged, republishes it at the same URL", async () => {
    write("stories/tide.md", article("Tide gauge repaired", { slug: "tide-gauge-repaired" }));
    const report = await ingest(["stories"]);
    expect(report.updated).toContain("stories/tide.md");
    expect(await fate("tide-gauge-repaired")).toEqual({ kind: "published", slug: "tide-gauge-repaired" });
    expect(await fate("tide-gauge-old")).toEqual({ kind: "moved", to: "tide-gauge-repaired" });
    expect(await visibleEverywhere("tide-gauge-repaired")).toEqual({ lists: true, feeds: true, search: true, related: true });
  });
});
