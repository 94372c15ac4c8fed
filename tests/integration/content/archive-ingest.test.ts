import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, existsSync, mkdirSync, renameSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/db/client";
import { listDatabaseKinds, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { solidImage } from "../../support/image-fixtures";
import { ingestWorkspace, processWorkspaceImagesOffline } from "../../support/ingest-workspace";

// Archives as other tools write them (tests/fixtures/archives: Hugo in YAML and TOML, Jekyll,
// Hexo, a blog with site-absolute images, a newsletter of plain Markdown), ingested the way
// `npm run ingest -- <folder>` does, each field read back from the database.

/** Everything a reader or an export sees of one article, by slug or by title. */
async function readArticle(db: Db, where: { slug: string } | { title: string }) {
  const row = await db.article.findFirst({
    where,
    select: {
      id: true,
      title: true,
      status: true,
      publishedAt: true,
      revisedAt: true,
      timeZone: true,
      language: true,
      summaryPoints: true,
      originPath: true,
      frontMatterExtra: true,
      bodyHtml: true,
      section: { select: { name: true } },
      tags: { select: { tag: { select: { name: true } } }, orderBy: { tagId: "asc" } },
      authors: { select: { author: { select: { name: true } } }, orderBy: { position: "asc" } },
      aliases: { select: { path: true }, orderBy: { path: "asc" } },
      coverImage: { select: { source: true, status: true, failureReason: true } },
    },
  });
  if (!row) return null;
  return {
    ...row,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    revisedAt: row.revisedAt?.toISOString() ?? null,
    summaryPoints: JSON.parse(row.summaryPoints) as string[],
    frontMatterExtra: JSON.parse(row.frontMatterExtra) as Record<string, unknown>,
    section: row.section?.name ?? null,
    tags: row.tags.map((link) => link.tag.name).sort(),
    authors: row.authors.map((link) => link.author.name),
    aliases: row.aliases.map((alias) => alias.path),
  };
}

async function writeImage(file: string, colour: string): Promise<void> {
  mkdirSync(path.dirname(file), { recursive: true });
  await solidImage(320, 200, colour).png().toFile(file);
}

function makeWorkspace(): string {
  const dir = path.join(tmpRoot, `archives-${randomUUID()}`);
  cpSync(path.join(repoRoot, "tests/fixtures/archives"), path.join(dir, "archives"), { recursive: true });
  return dir;
}

describe.each(await listDatabaseKinds())("archives from other tools on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;
  const reports: Record<string, Awaited<ReturnType<typeof ingestWorkspace>>> = {};

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = makeWorkspace();
    const archive = (name: string) => path.join(workspace, "archives", name);
    await writeImage(path.join(archive("hugo"), "static/images/festival.png"), "#c0392b");
    await writeImage(path.join(archive("blog"), "static/images/market.png"), "#2980b9");
    await writeImage(path.join(archive("blog"), "posts/photos/stall.png"), "#27ae60");
    // Hexo's post asset folder, named like the post.
    await writeImage(path.join(archive("hexo"), "source/_posts/lantern/lantern.png"), "#f1c40f");
    // A file with no date anywhere is dated by its modification time.
    utimesSync(path.join(archive("newsletter"), "issue-12.md"), new Date("2024-05-10T08:00:00Z"), new Date("2024-05-10T08:00:00Z"));
    const db = database.db;
    reports.hugo = await ingestWorkspace(db, workspace, ["archives/hugo/content"], { namedRoots: true, siteRoot: "archives/hugo/static" });
    reports.jekyll = await ingestWorkspace(db, workspace, ["archives/jekyll"], { namedRoots: true });
    reports.hexo = await ingestWorkspace(db, workspace, ["archives/hexo"], { namedRoots: true });
    reports.blog = await ingestWorkspace(db, workspace, ["archives/blog/posts"], { namedRoots: true, siteRoot: "archives/blog/static" });
    reports.newsletter = await ingestWorkspace(db, workspace, ["archives/newsletter"], { namedRoots: true });
    await processWorkspaceImagesOffline(db, workspace);
  });
  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("takes every file in, none failed", () => {
    for (const report of Object.values(reports)) expect(report.failed).toEqual([]);
    expect(Object.values(reports).reduce((sum, report) => sum + report.created.length, 0)).toBe(9);
  });

  it.skipIf(!kind.available)("maps Hugo YAML: author, categories, description, images, aliases, lastmod, unknown keys kept", async () => {
    expect(await readArticle(database.db, { slug: "harbour-festival-returns" })).toMatchObject({
      title: "Harbour festival returns",
      status: "published",
      publishedAt: "2019-03-26T07:47:11.000Z",
      revisedAt: "2019-03-28T09:00:00.000Z",
      language: "en",
      authors: ["Jane Doe"],
      section: "Culture",
      tags: ["Events", "festival", "harbour"],
      summaryPoints: ["The harbour festival is back after four years."],
      aliases: ["/2019/03/festival", "/old/festival.html"],
      frontMatterExtra: { weight: 10, toc: true },
      originPath: "archives/hugo/content/posts/harbour-festival.md",
      coverImage: { source: "archives/hugo/static/images/festival.png", status: "ready" },
    });
    expect(reports.hugo!.unknownKeys).toEqual(new Map([["weight", 1], ["toc", 1], ["params", 1]]));
    // Its section list page is no article.
    expect(reports.hugo!.skipped).toEqual(["archives/hugo/content/posts/_index.md"]);
    // The youtube shortcode is a privacy player, as the post showed a video.
    const festival = await readArticle(database.db, { slug: "harbour-festival-returns" });
    expect(festival?.bodyHtml).toContain('src="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"');
    expect(festival?.bodyHtml).not.toContain("{{&lt;");
    // The site-absolute body image, resolved against --site-root, is a picture once processed.
    expect(festival?.bodyHtml).toContain('alt="Lanterns on the quay"');
    expect(festival?.bodyHtml).toContain("<picture");
  });

  it.skipIf(!kind.available)("maps Hugo TOML: a date only, authors, keywords, the slug from url", async () => {
    expect(await readArticle(database.db, { slug: "new-tide-tables" })).toMatchObject({
      title: "New tide tables published",
      status: "published",
      publishedAt: "2020-01-15T00:00:00.000Z",
      revisedAt: "2020-01-16T09:30:00.000Z",
      authors: ["Li Wei", "Sam Roe"],
      section: "Science",
      tags: ["almanac", "tides"],
      summaryPoints: ["The observatory's new tables cover the next ten years."],
      aliases: ["/science/new-tide-tables"],
      frontMatterExtra: { params: { featured: true } },
    });
  });

  it.skipIf(!kind.available)("maps Jekyll: the date from the file name, categories split on spaces, redirect_from, published: false", async () => {
    expect(await readArticle(database.db, { title: "Ferry timetable changes" })).toMatchObject({
      status: "published",
      publishedAt: "2021-06-01T00:00:00.000Z",
      authors: ["Alex Kim"],
      section: "transport",
      tags: ["local"],
      aliases: ["/transport/ferry-changes"],
      frontMatterExtra: { layout: "post", "author.email": "alex@example.com" },
    });
    const pier = await database.db.article.findFirst({ where: { title: "Pier works postponed" }, select: { status: true, publishedAt: true } });
    expect(pier).toEqual({ status: "draft", publishedAt: new Date("2021-06-08T00:00:00.000Z") });
    expect(reports.jekyll!.undatedDrafts).toEqual([]);
  });

  it.skipIf(!kind.available)("maps Hexo: tags as a comma string, a slashed date in Beijing time, the second category a tag", async () => {
    expect(await readArticle(database.db, { title: "元宵灯会回到老码头" })).toMatchObject({
      status: "published",
      publishedAt: "2013-07-13T12:46:25.000Z",
      revisedAt: "2013-07-14T00:00:00.000Z",
      timeZone: "Asia/Shanghai",
      language: "zh-CN",
      section: "文化",
      tags: ["元宵", "灯会", "节庆"],
      frontMatterExtra: { comments: true },
    });
    // {% asset_img %} finds the picture in the post's asset folder.
    const html = (await readArticle(database.db, { title: "元宵灯会回到老码头" }))?.bodyHtml;
    expect(html).toContain("<picture");
    expect(html).toContain('alt="码头花灯"');
  });

  it.skipIf(!kind.available)("maps author: ['名字'] and image: /images/… against the site root, lang zh_CN, excerpt; images beside the file are pictures", async () => {
    const article = await readArticle(database.db, { title: "夜市重新开张" });
    expect(article).toMatchObject({
      status: "published",
      publishedAt: "2022-08-05T11:30:00.000Z",
      language: "zh-CN",
      authors: ["王小明"],
      summaryPoints: ["码头夜市在修缮之后重新开张。"],
      coverImage: { source: "archives/blog/static/images/market.png", status: "ready" },
    });
    expect(article?.bodyHtml).toContain("<picture");
    expect(article?.bodyHtml).toContain('alt="摊位"');
    expect(await database.db.image.findUnique({ where: { source: "archives/blog/posts/photos/stall.png" }, select: { status: true } })).toEqual({
      status: "ready",
    });
  });

  it.skipIf(!kind.available)("reads plain Markdown: # title, a dated file name, a date line, and no date at all as a draft", async () => {
    const byTitle = (title: string) =>
      database.db.article.findFirst({ where: { title }, select: { status: true, publishedAt: true, bodyMarkdown: true } });
    expect(await byTitle("Harbour notes, issue 13")).toMatchObject({ status: "published", publishedAt: new Date("2024-05-17T00:00:00Z") });
    const issue14 = await byTitle("Harbour notes, issue 14");
    expect(issue14).toMatchObject({ status: "published", publishedAt: new Date("2024-05-31T00:00:00Z") });
    expect(issue14?.bodyMarkdown).toBe("Swimming season starts at the north beach.");
    expect(await byTitle("Weekly harbour notes")).toMatchObject({ status: "draft", publishedAt: new Date("2024-05-10T08:00:00Z") });
    expect(reports.newsletter!.undatedDrafts).toEqual(["archives/newsletter/issue-12.md"]);
  });

  it.skipIf(!kind.available)("refuses images that lead out of the named folder, by ../ or by a symlink, with the reason", async () => {
    const site = path.join(workspace, "escape/site");
    mkdirSync(path.join(site, "posts"), { recursive: true });
    await writeImage(path.join(workspace, "escape/secret.png"), "#000000");
    symlinkSync(path.join(workspace, "escape/secret.png"), path.join(site, "posts/linked.png"));
    writeFileSync(
      path.join(site, "posts/escape.md"),
      "---\ntitle: Escape attempts\ndate: 2024-01-01\n---\n\n![up](../../secret.png)\n\n![link](linked.png)\n",
    );
    const report = await ingestWorkspace(database.db, workspace, ["escape/site"], { namedRoots: true });
    expect(report.failed).toEqual([]);
    await processWorkspaceImagesOffline(database.db, workspace);
    const image = (source: string) => database.db.image.findUnique({ where: { source }, select: { status: true, failureReason: true } });
    expect(await image("escape/secret.png")).toEqual({
      status: "failed",
      failureReason: "escape/secret.png is outside the folder named to ingest (escape/site)",
    });
    expect(await image("escape/site/posts/linked.png")).toEqual({
      status: "failed",
      failureReason: "escape/site/posts/linked.png leads outside the folder named to ingest (escape/site)",
    });
    const html = (await database.db.article.findFirst({ where: { title: "Escape attempts" }, select: { bodyHtml: true } }))?.bodyHtml;
    expect(html).not.toContain("<picture");
  });

  it.skipIf(!kind.available)("gives an image refused under one named folder another chance under a folder it lies inside", async () => {
    const site = path.join(workspace, "reroot");
    await writeImage(path.join(site, "images/pier.png"), "#8e44ad");
    mkdirSync(path.join(site, "posts"), { recursive: true });
    writeFileSync(path.join(site, "posts/pier.md"), "---\ntitle: Pier at night\ndate: 2024-02-02\n---\n\n![Pier](../images/pier.png)\n");
    const image = () => database.db.image.findUnique({ where: { source: "reroot/images/pier.png" }, select: { status: true, localRoot: true } });
    await ingestWorkspace(database.db, workspace, ["reroot/posts/pier.md"], { namedRoots: true });
    await processWorkspaceImagesOffline(database.db, workspace);
    expect(await image()).toEqual({ status: "failed", localRoot: "reroot/posts" });
    await ingestWorkspace(database.db, workspace, ["reroot"], { namedRoots: true });
    await processWorkspaceImagesOffline(database.db, workspace);
    expect(await image()).toEqual({ status: "ready", localRoot: "reroot" });
  });

  it.skipIf(!kind.available)("lets a moved file keep its article (same id, same URL), by front matter slug or by title", async () => {
    const desk = path.join(workspace, "desk");
    mkdirSync(path.join(desk, "2024"), { recursive: true });
    writeFileSync(path.join(desk, "2024/budget.md"), "---\ntitle: Budget passed\nslug: budget-passed\ndate: 2024-03-01\n---\n\nThe council passed the budget.\n");
    writeFileSync(path.join(desk, "2024/quay.md"), "---\ntitle: Quay repaved\ndate: 2024-03-02\n---\n\nThe quay was repaved.\n");
    await ingestWorkspace(database.db, workspace, ["desk"], { namedRoots: true });
    const before = await database.db.article.findMany({ where: { originPath: { startsWith: "desk/" } }, select: { id: true, slug: true }, orderBy: { id: "asc" } });

    mkdirSync(path.join(desk, "archive/2024"), { recursive: true });
    renameSync(path.join(desk, "2024/budget.md"), path.join(desk, "archive/2024/budget.md"));
    renameSync(path.join(desk, "2024/quay.md"), path.join(desk, "archive/2024/quay.md"));
    const report = await ingestWorkspace(database.db, workspace, ["desk"], { namedRoots: true });

    expect(report.failed).toEqual([]);
    expect(report.created).toEqual([]);
    expect(report.moved.sort((a, b) => a.to.localeCompare(b.to))).toEqual([
      { from: "desk/2024/budget.md", to: "desk/archive/2024/budget.md" },
      { from: "desk/2024/quay.md", to: "desk/archive/2024/quay.md" },
    ]);
    const after = await database.db.article.findMany({
      where: { originPath: { startsWith: "desk/" } },
      select: { id: true, slug: true, originPath: true },
      orderBy: { id: "asc" },
    });
    expect(after.map(({ id, slug }) => ({ id, slug }))).toEqual(before);
    expect(after.map((row) => row.originPath)).toEqual(["desk/archive/2024/budget.md", "desk/archive/2024/quay.md"]);
  });

  it.skipIf(!kind.available)("does not let a new file with the same title take over a gone file's article", async () => {
    const dir = path.join(workspace, "weekly");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "issue-1.md"), "---\ntitle: Weekly notes\ndate: 2024-05-03\n---\n\nFirst week.\n");
    await ingestWorkspace(database.db, workspace, ["weekly"], { namedRoots: true });
    rmSync(path.join(dir, "issue-1.md"));
    writeFileSync(path.join(dir, "issue-2.md"), "---\ntitle: Weekly notes\ndate: 2024-05-10\n---\n\nSecond week.\n");
    const report = await ingestWorkspace(database.db, workspace, ["weekly"], { namedRoots: true });
    expect(report.moved).toEqual([]);
    expect(report.created).toEqual(["weekly/issue-2.md"]);
    const rows = await database.db.article.findMany({ where: { title: "Weekly notes" }, select: { slug: true, bodyMarkdown: true }, orderBy: { id: "asc" } });
    expect(rows).toEqual([
      { slug: "weekly-notes", bodyMarkdown: "First week." },
      { slug: "weekly-notes-2", bodyMarkdown: "Second week." },
    ]);
  });

  it.skipIf(!kind.available)("compares a page bundle's folder, not its index.md, and lets a permalink's slug give way", async () => {
    const dir = path.join(workspace, "bundles");
    mkdirSync(path.join(dir, "w1"), { recursive: true });
    writeFileSync(path.join(dir, "w1/index.md"), "---\ntitle: Bundle notes\ndate: 2024-05-01\npermalink: /2019/notes/\n---\n\nWeek one.\n");
    await ingestWorkspace(database.db, workspace, ["bundles"], { namedRoots: true });
    rmSync(path.join(dir, "w1"), { recursive: true });
    mkdirSync(path.join(dir, "w2"), { recursive: true });
    writeFileSync(path.join(dir, "w2/index.md"), "---\ntitle: Bundle notes\ndate: 2024-05-08\npermalink: /2020/notes/\n---\n\nWeek two.\n");
    const report = await ingestWorkspace(database.db, workspace, ["bundles"], { namedRoots: true });
    expect(report.moved).toEqual([]);
    expect(report.failed).toEqual([]);
    const rows = await database.db.article.findMany({
      where: { title: "Bundle notes" },
      select: { slug: true, bodyMarkdown: true, aliases: { select: { path: true } } },
      orderBy: { id: "asc" },
    });
    expect(rows).toEqual([
      { slug: "notes", bodyMarkdown: "Week one.", aliases: [{ path: "/2019/notes" }] },
      { slug: "notes-2", bodyMarkdown: "Week two.", aliases: [{ path: "/2020/notes" }] },
    ]);
  });

  it.skipIf(!kind.available)("lets only one of two copies of a moved file take its article over", async () => {
    const dir = path.join(workspace, "copies");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "old.md"), "---\ntitle: Copied story\nslug: copied-story\ndate: 2024-03-05\n---\n\nBody.\n");
    await ingestWorkspace(database.db, workspace, ["copies"], { namedRoots: true });
    cpSync(path.join(dir, "old.md"), path.join(dir, "new-a.md"));
    renameSync(path.join(dir, "old.md"), path.join(dir, "new-b.md"));
    const report = await ingestWorkspace(database.db, workspace, ["copies"], { namedRoots: true });
    expect(report.moved).toEqual([{ from: "copies/old.md", to: "copies/new-a.md" }]);
    expect(report.failed).toEqual([
      {
        path: "copies/new-b.md",
        line: null,
        reason: 'slug "copied-story" is also claimed by copies/new-a.md, which still exists: give one of the two files another slug',
      },
    ]);
  });

  it.skipIf(!kind.available)("refuses a second live file that claims a slug, naming both files", async () => {
    const desk = path.join(workspace, "twins");
    mkdirSync(desk, { recursive: true });
    writeFileSync(path.join(desk, "a.md"), "---\ntitle: Twin one\nslug: twin-story\ndate: 2024-04-01\n---\n\nOne.\n");
    await ingestWorkspace(database.db, workspace, ["twins"], { namedRoots: true });
    writeFileSync(path.join(desk, "b.md"), "---\ntitle: Twin two\nslug: twin-story\ndate: 2024-04-02\n---\n\nTwo.\n");
    const report = await ingestWorkspace(database.db, workspace, ["twins"], { namedRoots: true });
    expect(report.failed).toEqual([
      {
        path: "twins/b.md",
        line: null,
        reason: 'slug "twin-story" is also claimed by twins/a.md, which still exists: give one of the two files another slug',
      },
    ]);
    expect(await database.db.article.findUnique({ where: { slug: "twin-story" }, select: { title: true } })).toEqual({ title: "Twin one" });
  });

  it.skipIf(!kind.available)("keeps an old address another article owns, or one of the portal's own paths, out, with a note", async () => {
    const dir = path.join(workspace, "clash");
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "clash.md"),
      "---\ntitle: Alias clash\ndate: 2024-04-03\naliases: [/2019/03/festival/, /articles/harbour-festival-returns, /logo.png, /.well-known/security.txt, /fine/old-clash]\n---\n\nBody.\n",
    );
    // Next serves public/ at the root: the site's logo is not an address to take.
    mkdirSync(path.join(workspace, "public"), { recursive: true });
    writeFileSync(path.join(workspace, "public/logo.png"), "");
    const report = await ingestWorkspace(database.db, workspace, ["clash"], { namedRoots: true });
    expect(report.failed).toEqual([]);
    expect(report.warnings.map((warning) => warning.reason)).toEqual([
      "old address /2019/03/festival already redirects to another article",
      "old address /articles/harbour-festival-returns is one of the portal's own paths, so it cannot redirect",
      "old address /logo.png is one of the portal's own paths, so it cannot redirect",
      "old address /.well-known/security.txt is one of the portal's own paths, so it cannot redirect",
    ]);
    const clash = await database.db.article.findFirst({ where: { title: "Alias clash" }, select: { aliases: { select: { path: true } } } });
    expect(clash?.aliases).toEqual([{ path: "/fine/old-clash" }]);
    expect(await database.db.articleAlias.findUnique({ where: { path: "/2019/03/festival" }, select: { article: { select: { slug: true } } } })).toEqual({
      article: { slug: "harbour-festival-returns" },
    });
  });

  it.skipIf(!kind.available)("fails unknown keys under strict, naming them, and keeps the rest of the batch", async () => {
    const dir = path.join(workspace, "strict");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "plain.md"), "---\ntitle: Strictly fine\ndate: 2024-04-04\n---\n\nBody.\n");
    writeFileSync(path.join(dir, "extra.md"), "---\ntitle: Strictly extra\ndate: 2024-04-04\nweight: 3\nlayout: post\n---\n\nBody.\n");
    const report = await ingestWorkspace(database.db, workspace, ["strict"], { namedRoots: true, strict: true });
    expect(report.created).toEqual(["strict/plain.md"]);
    expect(report.failed).toEqual([{ path: "strict/extra.md", line: null, reason: 'unknown front matter keys "weight", "layout" (--strict)' }]);
  });
});

describe("npm run ingest on an archive", () => {
  const runCli = (args: string[], databaseUrl: string, cwd = repoRoot) =>
    promisify(execFile)(process.execPath, [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", path.join(repoRoot, "lib/content/ingest-cli.ts"), ...args], {
      cwd,
      env: { ...process.env, DATABASE_URL: databaseUrl, MEDIA_REMOTE_FETCH: "off", MEDIA_DIR: path.join(cwd, "media") },
    }).then(
      (result) => ({ code: 0, ...result }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  let workspace: string;
  beforeAll(() => {
    workspace = makeWorkspace();
    writeFileSync(path.join(workspace, "archives/hugo/content/posts/broken.md"), "---\ntitle: Broken\ndate: 2019-02-30\n---\n\nBody.\n");
    writeFileSync(path.join(workspace, "archives/hugo/content/posts/broken-too.md"), "---\ntitle: Broken too\ndate: 2019-02-31\n---\n\nBody.\n");
  });
  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it("--dry-run checks everything, reports what it would do and writes nothing, not even the database file", async () => {
    const file = path.join(workspace, "dry-run.db");
    const result = await runCli(["--dry-run", "archives/hugo/content", "archives/newsletter"], `file:${file}`, workspace);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/checked 8 files in [\d.]+ s: 5 to create, 0 to update, 0 unchanged, 1 drafts without date, 2 failed \(dry run: nothing was written\)/);
    expect(result.stdout).toMatch(/front matter keys kept but not used \(files\): params \(1\), toc \(1\), weight \(1\)/);
    // Two files failing the same way read as one group, with their paths.
    expect(result.stderr).toMatch(/failed 2 files, like archives\/hugo\/content\/posts\/broken(-too)?\.md:3: date: "2019-02-3\d" is not a date/);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.join(workspace, "media"))).toBe(false);
  });

  it("exits 0 when every file went in, an undated draft included, and lists it", async () => {
    const { createSqliteTestDatabase } = await import("../../support/test-databases");
    const database = await createSqliteTestDatabase();
    try {
      const result = await runCli(["archives/newsletter"], database.url, workspace);
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(/3 created, 0 updated, 0 unchanged, 1 drafts without date, 0 failed/);
      expect(result.stdout).toMatch(/no date found, ingested as draft[^\n]*\n\s+archives\/newsletter\/issue-12\.md/);
      const dry = await runCli(["--dry-run", "archives/newsletter"], database.url, workspace);
      expect(dry.stdout).toMatch(/0 to create, 0 to update, 3 unchanged/);
    } finally {
      await database.drop();
    }
  });
});
