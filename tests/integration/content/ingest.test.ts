import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createWorkerPreparer } from "@/lib/content/article-preparer";
import { findMarkdownFiles } from "@/lib/content/find-markdown-files";
import { type IngestProgress, type IngestReport, ingestArticleFiles } from "@/lib/content/ingest";
import { getPublishedArticleBySlug, listLatestPublishedArticles } from "@/lib/db/articles";
import { listDatabaseKinds, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace } from "../../support/ingest-workspace";

const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";
const shippedFiles = (await findMarkdownFiles([path.join(repoRoot, "content")])).files;

function makeWorkspace(): string {
  const dir = path.join(tmpRoot, `ingest-${randomUUID()}`);
  mkdirSync(dir, { recursive: true });
  cpSync(path.join(repoRoot, "content"), path.join(dir, "content"), { recursive: true });
  return dir;
}

const ingest = (database: TestDatabase, rootDir: string, inputs: string[]): Promise<IngestReport> => ingestWorkspace(database.db, rootDir, inputs);

const frontMatterArticle = (fields: string, body = "A paragraph of body text.") => `---\n${fields}\n---\n\n${body}\n`;

describe.each(await listDatabaseKinds())("ingest on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = makeWorkspace();
  });
  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it.skipIf(!kind.available)("ingests every shipped article, the seed with its exact fields", async () => {
    const report = await ingest(database, workspace, ["content"]);
    expect(report.failed).toEqual([]);
    expect(report.created).toHaveLength(shippedFiles.length);

    const seed = await getPublishedArticleBySlug(database.db, seedSlug);
    expect(seed).toMatchObject({
      title: "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台",
      sourceName: "澎湃新闻",
      sourceUrl: "https://m.thepaper.cn/detail/25046014",
      timeZone: "Asia/Shanghai",
      language: "zh-CN",
      authors: [{ name: "邵文", role: "记者", outlet: "澎湃新闻" }],
    });
    expect(seed?.publishedAt?.toISOString()).toBe(new Date("2023-10-24T15:04:00+08:00").toISOString());
    expect(seed?.summaryPoints).toHaveLength(2);
    // Names get readable pinyin slugs for their pages, one syllable group per word.
    expect(await database.db.author.findFirst({ where: { name: "邵文" }, select: { slug: true } })).toEqual({ slug: "shaowen" });
    expect(await database.db.section.findFirst({ where: { name: "科技" }, select: { slug: true } })).toEqual({ slug: "keji" });
    // Before the image step runs, each image is a sized box that links to its source, never a broken <img>.
    expect(seed?.bodyHtml).not.toContain("<img");
    expect(seed?.bodyHtml.match(/data-media-status="pending"/g)).toHaveLength(3);

    const images = await database.db.articleImage.findMany({
      where: { article: { slug: seedSlug } },
      orderBy: { position: "asc" },
      select: { image: { select: { source: true } } },
    });
    expect(images.map((row) => row.image.source)).toEqual([
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/788.jpg",
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/789.jpg",
      "https://imagecloud.thepaper.cn/thepaper/image/275/462/878.jpg",
    ]);
  });

  it.skipIf(!kind.available)("keeps drafts off the published lists", async () => {
    const published = await listLatestPublishedArticles(database.db, { limit: 100 });
    const drafts = await database.db.article.findMany({ where: { status: "draft" }, select: { slug: true } });
    expect(drafts.length).toBeGreaterThan(0);
    for (const draft of drafts) {
      expect(published.map((article) => article.slug)).not.toContain(draft.slug);
      expect(await getPublishedArticleBySlug(database.db, draft.slug)).toBeNull();
    }
    const times = published.map((article) => article.publishedAt?.getTime() ?? 0);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it.skipIf(!kind.available)("changes nothing when run again on unchanged files", async () => {
    const before = await database.db.article.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    const report = await ingest(database, workspace, ["content"]);
    expect(report).toMatchObject({ created: [], updated: [], failed: [] });
    expect(report.unchanged).toHaveLength(shippedFiles.length);
    const after = await database.db.article.findMany({ select: { id: true, updatedAt: true }, orderBy: { id: "asc" } });
    expect(after).toEqual(before);
  });

  it.skipIf(!kind.available)("updates only the article whose file changed, keeping its URL", async () => {
    const file = path.join(workspace, "content/spark-3-0-report.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("# 讯飞星火大模型升级3.0", "# 讯飞星火认知大模型升级3.0"));
    const report = await ingest(database, workspace, ["content"]);
    expect(report.updated).toEqual(["content/spark-3-0-report.md"]);
    expect(report.created).toEqual([]);
    expect(report.unchanged).toHaveLength(shippedFiles.length - 1);
    const seed = await getPublishedArticleBySlug(database.db, seedSlug);
    expect(seed?.title).toBe("讯飞星火认知大模型升级3.0，刘庆峰：完全基于国产算力平台");
    expect(await database.db.article.count()).toBe(shippedFiles.length);
  });

  it.skipIf(!kind.available)("remembers the old slug when a file changes its slug", async () => {
    const file = path.join(workspace, "content/how-solar-panels-degrade.md");
    writeFileSync(file, readFileSync(file, "utf8").replace("slug: how-solar-panels-degrade", "slug: solar-panel-ageing"));
    const report = await ingest(database, workspace, ["content"]);
    expect(report.updated).toEqual(["content/how-solar-panels-degrade.md"]);
    expect(await getPublishedArticleBySlug(database.db, "solar-panel-ageing")).not.toBeNull();
    expect(await getPublishedArticleBySlug(database.db, "how-solar-panels-degrade")).toBeNull();
    const history = await database.db.articleSlugHistory.findUnique({
      where: { slug: "how-solar-panels-degrade" },
      select: { article: { select: { slug: true } } },
    });
    expect(history?.article.slug).toBe("solar-panel-ageing");
  });

  it.skipIf(!kind.available)("puts the good files of a broken batch in and reports each bad one", async () => {
    const dir = path.join(workspace, "batch");
    mkdirSync(dir, { recursive: true });
    const good = (n: number) => frontMatterArticle(`title: Good story ${n}\ndate: 2026-11-0${n} 10:00\ntags: [batch]`);
    writeFileSync(path.join(dir, "good-1.md"), good(1));
    writeFileSync(path.join(dir, "good-2.md"), good(2));
    writeFileSync(path.join(dir, "good-3.md"), good(3));
    writeFileSync(path.join(dir, "bad-yaml.md"), "---\ntitle: Fine\ndate: 2026-11-01\ntags: [unclosed\n---\nbody\n");
    writeFileSync(path.join(dir, "bad-date.md"), frontMatterArticle("title: Wrong day\ndate: 2026-02-30 09:00"));
    writeFileSync(path.join(dir, "bad-slug-taken.md"), frontMatterArticle(`title: Thief\ndate: 2026-11-01\nslug: ${seedSlug}`));
    writeFileSync(path.join(dir, "bad-encoding.md"), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xd6, 0xd0, 0xce, 0xc4]));
    const countBefore = await database.db.article.count();

    const report = await ingest(database, workspace, ["batch"]);

    expect(report.created.sort()).toEqual(["batch/good-1.md", "batch/good-2.md", "batch/good-3.md"]);
    const failures = Object.fromEntries(report.failed.map((failure) => [failure.path, failure]));
    expect(Object.keys(failures).sort()).toEqual([
      "batch/bad-date.md",
      "batch/bad-encoding.md",
      "batch/bad-slug-taken.md",
      "batch/bad-yaml.md",
    ]);
    expect(failures["batch/bad-date.md"]).toMatchObject({ line: 3, reason: expect.stringContaining("2026-02-30") });
    expect(failures["batch/bad-yaml.md"]?.reason).toMatch(/YAML/);
    expect(failures["batch/bad-encoding.md"]?.reason).toMatch(/UTF-8/);
    // The seed's file still exists, so this is no moved file: the error names both.
    expect(failures["batch/bad-slug-taken.md"]?.reason).toMatch(/is also claimed by content\/spark-3-0-report\.md, which still exists/);
    expect(await database.db.article.count()).toBe(countBefore + 3);
    expect((await getPublishedArticleBySlug(database.db, seedSlug))?.title).toContain("讯飞星火");
  });

  it.skipIf(!kind.available)("goes through many small batches in worker threads with the same outcome", async () => {
    const dir = path.join(workspace, "many");
    mkdirSync(dir, { recursive: true });
    const names = Array.from({ length: 11 }, (_, index) => `story-${String(index).padStart(2, "0")}.md`);
    names.forEach((name, index) => {
      // Stories 1 and 8 share a headline, in different batches; story 5 is broken.
      const title = index === 1 || index === 8 ? "Same headline in two batches" : `Batch story ${index}`;
      const fields =
        index === 5
          ? `title: ${title}\ndate: 2026-13-01`
          : `title: ${title}\ndate: 2026-11-${String(index + 1).padStart(2, "0")} 09:00\nsection: 海洋观察\ntags: [开放数据]\nauthors: [林晓雨]`;
      writeFileSync(path.join(dir, name), frontMatterArticle(fields, `正文第${index}段。Body of story ${index}.`));
    });
    const { files } = await findMarkdownFiles([dir]);
    const preparer = createWorkerPreparer(2);
    const progress: IngestProgress[] = [];
    const report = await ingestArticleFiles(
      files,
      { db: database.db, preparer, rootDir: workspace, now: () => Date.now() },
      { batchSize: 2, onProgress: (update) => progress.push(update) },
    ).finally(() => preparer.close());

    expect(report.created.sort()).toEqual(names.filter((_, index) => index !== 5).map((name) => `many/${name}`));
    expect(report.failed).toEqual([{ path: "many/story-05.md", line: 3, reason: expect.stringContaining("2026-13-01") }]);
    expect(progress.map((update) => update.done)).toEqual([2, 4, 6, 8, 10, 11]);
    const slugs = await database.db.article.findMany({
      where: { originPath: { in: ["many/story-01.md", "many/story-08.md"] } },
      orderBy: { originPath: "asc" },
      select: { slug: true },
    });
    expect(slugs.map((row) => row.slug)).toEqual(["same-headline-in-two-batches", "same-headline-in-two-batches-2"]);
    const story = await getPublishedArticleBySlug(database.db, "batch-story-10");
    expect(story?.bodyHtml).toContain("Body of story 10.");
    // Names first met in a worker's batch get the same readable slugs as anywhere else, once each.
    expect(await database.db.section.findMany({ where: { name: "海洋观察" }, select: { slug: true } })).toEqual([{ slug: "haiyang-guancha" }]);
    expect(await database.db.tag.findMany({ where: { name: "开放数据" }, select: { slug: true } })).toEqual([{ slug: "kaifang-shuju" }]);
    expect(await database.db.author.findMany({ where: { name: "林晓雨" }, select: { slug: true } })).toEqual([{ slug: "linxiaoyu" }]);
  });

  it.skipIf(!kind.available)("leaves nothing half-written when the database refuses one article mid-write", async () => {
    await database.execute(
      kind.name === "sqlite"
        ? `CREATE TRIGGER refuse_tag BEFORE INSERT ON "ArticleTag"
             WHEN (SELECT name FROM "Tag" WHERE id = NEW."tagId") = 'refused'
             BEGIN SELECT RAISE(ABORT, 'simulated storage failure'); END`
        : `CREATE FUNCTION refuse_tag() RETURNS trigger LANGUAGE plpgsql AS $$
           BEGIN
             IF (SELECT name FROM "Tag" WHERE id = NEW."tagId") = 'refused' THEN RAISE EXCEPTION 'simulated storage failure'; END IF;
             RETURN NEW;
           END $$;
           CREATE TRIGGER refuse_tag BEFORE INSERT ON "ArticleTag" FOR EACH ROW EXECUTE FUNCTION refuse_tag();`,
    );
    const dir = path.join(workspace, "refused");
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "a.md"), frontMatterArticle("title: Before the refusal\ndate: 2026-11-02 08:00\ntags: [fine]"));
    writeFileSync(path.join(dir, "b.md"), frontMatterArticle("title: Refused story\ndate: 2026-11-02 09:00\ntags: [refused]\nauthors: [Nobody Else]"));
    writeFileSync(path.join(dir, "c.md"), frontMatterArticle("title: After the refusal\ndate: 2026-11-02 10:00\ntags: [fine]"));

    const report = await ingest(database, workspace, ["refused"]);

    expect(report.created.sort()).toEqual(["refused/a.md", "refused/c.md"]);
    // Both engines pass the database's own message through.
    expect(report.failed).toEqual([{ path: "refused/b.md", line: null, reason: expect.stringContaining("simulated storage failure") }]);
    expect(await database.db.article.count({ where: { title: "Refused story" } })).toBe(0);
    expect(await database.db.author.count({ where: { name: "Nobody Else" } })).toBe(0);
    expect(await database.db.tag.count({ where: { name: "refused" } })).toBe(0);
  });
});

describe("npm run ingest", () => {
  it("exits 1 and names the broken file, its line and the reason, after ingesting the rest", async () => {
    const { createSqliteTestDatabase } = await import("../../support/test-databases");
    const database = await createSqliteTestDatabase();
    const dir = path.join(tmpRoot, `cli-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    try {
      writeFileSync(path.join(dir, "fine.md"), frontMatterArticle("title: A fine story\ndate: 2026-11-01 09:00"));
      writeFileSync(path.join(dir, "broken.md"), frontMatterArticle("title: Broken\nsection: News\ndate: 2026-02-30"));
      const run = promisify(execFile)(
        process.execPath,
        [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "lib/content/ingest-cli.ts", dir, path.join(dir, "missing.md")],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: database.url } },
      );
      const failure = await run.then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toMatch(/1 created, 0 updated, 0 unchanged, 0 drafts without date, 2 failed/);
      expect(failure?.stderr).toMatch(/broken\.md:4: date: "2026-02-30" is not a date/);
      expect(failure?.stderr).toMatch(/missing\.md: no such file or folder/);
      expect(await database.db.article.count({ where: { title: "A fine story" } })).toBe(1);
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("parses a large run in worker threads and still names the one broken file", async () => {
    const { createSqliteTestDatabase } = await import("../../support/test-databases");
    const database = await createSqliteTestDatabase();
    const dir = path.join(tmpRoot, `cli-large-${randomUUID()}`);
    mkdirSync(dir, { recursive: true });
    try {
      for (let index = 0; index < 520; index += 1) {
        const title = index % 2 ? `Harbor report ${index}` : `港口吞吐量报告第${index}期`;
        writeFileSync(path.join(dir, `story-${index}.md`), frontMatterArticle(`title: ${title}\ndate: 2026-10-01 08:00\ntags: [港口]`, `${title}。正文。`));
      }
      writeFileSync(path.join(dir, "story-broken.md"), frontMatterArticle("title: Broken\ndate: 2026-10-01\nstatus: live"));
      const failure = await promisify(execFile)(
        process.execPath,
        [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "lib/content/ingest-cli.ts", dir],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: database.url } },
      ).then(
        () => null,
        (error: { code: number; stdout: string; stderr: string }) => error,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stdout).toMatch(/520 created, 0 updated, 0 unchanged, 0 drafts without date, 1 failed/);
      expect(failure?.stderr).toMatch(/story-broken\.md:4: status:/);
      expect(await database.db.article.count()).toBe(520);
      expect(await database.db.article.count({ where: { slug: "gangkou-tuntuliang-baogao-di-0-qi" } })).toBe(1);
    } finally {
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
