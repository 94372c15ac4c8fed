import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type IngestReport } from "@/lib/content/ingest";
import { getDatabaseProvider } from "@/lib/db/client";
import { clearArticleSearchIndex, countArticleSearchDocuments } from "@/lib/db/search-index";
import { SEARCH_PAGE_SIZE, searchArticles, type SearchRequest, type SearchResults } from "@/lib/search/search-articles";
import { listDatabaseKinds, repoRoot, type TestDatabase, tmpRoot } from "../../support/test-databases";
import { ingestWorkspace } from "../../support/ingest-workspace";

const seedSlug = "xun-fei-xinghuo-da-moxing-shengji-3-0-liuqingfeng-wanquan-jiyu-guochan-suanli";

function article(fields: Record<string, string>, body: string): string {
  const front = Object.entries(fields).map(([key, value]) => `${key}: ${value}`);
  return `---\n${front.join("\n")}\n---\n\n${body}\n`;
}

// Articles the suite writes beside a copy of content/: each relevance case has an article with the
// word in its title, one with it only in its body (several times), and one without it.
const generated: Record<string, string> = {
  "spark-title.md": article(
    { title: "Sparks fly at the harbor ferry yard", date: "2026-03-01 10:00", section: "Harbor", tags: "[ferries]" },
    "Welders at the yard worked through the weekend on the new hulls.",
  ),
  "spark-body.md": article(
    { title: "Harbor ferry yard reopens", date: "2026-05-01 10:00", section: "Harbor" },
    "One spark started it. Sparks rained on the slipway while a sparking cable was replaced, and a spark plug was lost.",
  ),
  "no-spark.md": article(
    { title: "Ferry timetable changes for winter", date: "2026-07-01 10:00", section: "Harbor" },
    "The ferry will leave every forty minutes from the harbor from December.",
  ),
  "storage-title.md": article(
    { title: "西港储能电站投入运行", date: "2026-04-02 09:00", section: "城市", language: "zh-CN" },
    "电站位于西港工业区，今天起向电网供电。",
  ),
  "storage-body.md": article(
    { title: "城市电网完成改造", date: "2026-04-03 09:00", section: "城市", language: "zh-CN" },
    "改造后的电网接入了新的储能设施。储能系统在用电高峰放电，储能容量明年还将扩大。",
  ),
  "compute-body.md": article(
    { title: "高校实验室添置新设备", date: "2026-04-04 09:00", section: "科技", language: "zh-CN" },
    "实验室负责人说，新设备的算力足以支撑日常教学。",
  ),
  "hostile-body.md": article(
    { title: "Markup in a story about welding", date: "2026-06-01 10:00", section: "Harbor" },
    'Quoted as written: `<script>alert("spark")</script>` & <b>sparks</b> "fly".',
  ),
  "draft-quokka.md": article({ title: "Quokka draft", date: "2026-06-02 10:00", status: "draft" }, "A quokka that must not be found."),
};
for (let n = 1; n <= 25; n += 1) {
  generated[`quokka-${String(n).padStart(2, "0")}.md`] = article(
    { title: `Quokka census ${n}`, date: `2026-02-${String(n).padStart(2, "0")} 08:00`, section: "Wildlife" },
    `Count number ${n} of the island's quokka population.`,
  );
}

const ingest = (database: TestDatabase, rootDir: string, inputs: string[]): Promise<IngestReport> => ingestWorkspace(database.db, rootDir, inputs);

const slugsOf = (results: SearchResults) => results.hits.map((hit) => hit.article.slug);
const stripMarks = (html: string) => html.replace(/<\/?mark>/g, "");

describe.each(await listDatabaseKinds())("search on $name", (kind) => {
  let database: TestDatabase;
  let workspace: string;
  let slugByFile: Map<string, string>;
  const search = (query: string, options: Omit<SearchRequest, "query"> = {}) => searchArticles(database.db, { query, ...options });
  const slug = (file: string) => slugByFile.get(file)!;

  beforeAll(async () => {
    if (!kind.available) return;
    database = await kind.create();
    workspace = path.join(tmpRoot, `search-${randomUUID()}`);
    mkdirSync(path.join(workspace, "generated"), { recursive: true });
    cpSync(path.join(repoRoot, "content"), path.join(workspace, "content"), { recursive: true });
    for (const [name, markdown] of Object.entries(generated)) writeFileSync(path.join(workspace, "generated", name), markdown);
    const report = await ingest(database, workspace, ["content", "generated"]);
    expect(report.failed).toEqual([]);
    const rows = await database.db.article.findMany({ select: { slug: true, originPath: true } });
    slugByFile = new Map(rows.map((row) => [path.basename(row.originPath ?? ""), row.slug]));
  });
  afterAll(async () => {
    await database?.drop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  describe.skipIf(!kind.available)("relevance", () => {
    it("finds 算力 in the seed report first, and every other article that has it", async () => {
      const results = await search("算力");
      expect(slugsOf(results)[0]).toBe(seedSlug);
      expect(slugsOf(results)).toContain(slug("compute-body.md"));
      for (const hit of results.hits) expect(stripMarks(hit.titleHtml + hit.snippetHtml)).toContain("算力");
    });

    it("finds the whole phrase 国产算力平台 in the seed report", async () => {
      const results = await search("国产算力平台");
      expect(slugsOf(results)[0]).toBe(seedSlug);
      expect(results.hits[0]?.titleHtml).toContain("<mark>国产算力平台</mark>");
    });

    it("finds a two-character word, 华为, in the seed report only", async () => {
      const results = await search("华为");
      expect(slugsOf(results)).toEqual([seedSlug]);
      expect(results.hits[0]?.snippetHtml).toContain("<mark>华为</mark>");
    });

    it("finds a two-character word inside a longer one (模型 in 大模型)", async () => {
      expect(slugsOf(await search("模型"))).toContain(seedSlug);
    });

    it("finds 讯飞, a name jieba does not know, through the words learnt from titles", async () => {
      const results = await search("讯飞");
      expect(slugsOf(results)).toEqual([seedSlug]);
      expect(results.hits[0]?.titleHtml).toContain("<mark>讯飞</mark>");
    });

    it.each(["Spark", "sparks", "SPARK", "sparking"])("finds every form of spark for %j, a title match first", async (query) => {
      const results = await search(query);
      expect(slugsOf(results)[0]).toBe(slug("spark-title.md"));
      expect(new Set(slugsOf(results))).toEqual(new Set([slug("spark-title.md"), slug("spark-body.md"), slug("hostile-body.md")]));
      expect(slugsOf(results)).not.toContain(slug("no-spark.md"));
    });

    it("ranks a Chinese title match above an article that only uses the word in its body", async () => {
      expect(slugsOf(await search("储能"))).toEqual([slug("storage-title.md"), slug("storage-body.md")]);
    });

    it("finds the title with 星火 for the pinyin xinghuo, and marks it", async () => {
      const results = await search("xinghuo");
      expect(slugsOf(results)).toEqual([seedSlug]);
      expect(results.hits[0]?.titleHtml).toBe("讯飞<mark>星火</mark>大模型升级3.0，刘庆峰：完全基于国产算力平台");
      expect(results.hits[0]?.snippetHtml).toContain("<mark>星火</mark>");
    });

    it("requires every word of the query", async () => {
      expect(slugsOf(await search("spark welders"))).toEqual([slug("spark-title.md")]);
      expect((await search("华为 quokka")).total).toBe(0);
    });

    it("never finds drafts", async () => {
      const results = await search("quokka", { page: 1, pageSize: 100 });
      expect(results.total).toBe(25);
      expect(slugsOf(results)).not.toContain(slug("draft-quokka.md"));
    });
  });

  describe.skipIf(!kind.available)("snippets", () => {
    it("marks the matched words in escaped text", async () => {
      const results = await search("sparks");
      const hostile = results.hits.find((hit) => hit.article.slug === slug("hostile-body.md"))!;
      // The code span is text to readers, so its tags are quoted; the raw <b> is markup, so it is not.
      expect(hostile.snippetHtml).toContain("&lt;script&gt;alert(&quot;<mark>spark</mark>&quot;)&lt;/script&gt; &amp; <mark>sparks</mark> &quot;fly&quot;");
      for (const hit of results.hits) {
        expect(stripMarks(hit.snippetHtml)).not.toMatch(/[<>]/);
        expect(stripMarks(hit.titleHtml)).not.toMatch(/[<>]/);
      }
    });

    it("quotes the passage with the words, not the start of a long article", async () => {
      const snippet = (await search("飞星一号")).hits[0]!.snippetHtml;
      expect(snippet).toMatch(/^…/);
      expect(snippet).toContain("<mark>飞星一号</mark>");
    });

    it("falls back to the start of the text when only the title matched by pinyin or stem", async () => {
      const hit = (await search("sparks")).hits.find((entry) => entry.article.slug === slug("spark-title.md"))!;
      expect(hit.titleHtml).toBe("<mark>Sparks</mark> fly at the harbor ferry yard");
      expect(hit.snippetHtml).toBe("Welders at the yard worked through the weekend on the new hulls.");
    });
  });

  describe.skipIf(!kind.available)("filters and pages", () => {
    it("filters by section", async () => {
      const harbor = await search("ferry", { sectionSlug: "harbor" });
      expect(new Set(slugsOf(harbor))).toEqual(new Set([slug("spark-title.md"), slug("spark-body.md"), slug("no-spark.md")]));
      expect(harbor.hits.every((hit) => hit.article.section?.slug === "harbor")).toBe(true);
      // content/ has a ferry story in another section.
      expect((await search("ferry")).total).toBeGreaterThan(harbor.total);
      expect((await search("quokka", { sectionSlug: "harbor" })).total).toBe(0);
      expect((await search("quokka", { sectionSlug: "no-such-section" })).total).toBe(0);
    });

    it("filters by date range, from inclusive, before exclusive", async () => {
      const inHarbor = (publishedFrom: Date | null, publishedBefore: Date | null) =>
        search("ferry", { sectionSlug: "harbor", publishedFrom, publishedBefore }).then(slugsOf);
      expect(await inHarbor(new Date("2026-05-01T10:00:00Z"), new Date("2026-07-01T10:00:00Z"))).toEqual([slug("spark-body.md")]);
      expect(await inHarbor(new Date("2026-07-01T10:00:00Z"), null)).toEqual([slug("no-spark.md")]);
      expect(await inHarbor(new Date("2026-07-01T10:00:01Z"), null)).toEqual([]);
      expect(await inHarbor(null, new Date("2026-03-01T10:00:00Z"))).toEqual([]);
    });

    it("pages through every match once, in a stable order", async () => {
      const pages = await Promise.all([1, 2, 3, 4].map((page) => search("quokka", { page })));
      expect(pages.map((results) => results.hits.length)).toEqual([SEARCH_PAGE_SIZE, SEARCH_PAGE_SIZE, 5, 0]);
      expect(pages.every((results) => results.total === 25 && results.pageCount === 3)).toBe(true);
      const seen = pages.flatMap(slugsOf);
      expect(new Set(seen).size).toBe(25);
      expect(pages.flatMap(slugsOf)).toEqual((await Promise.all([1, 2, 3, 4].map((page) => search("quokka", { page })))).flatMap(slugsOf));
    });

    it("ranks only the newest matches past the cap, and says so", async () => {
      const capped = await search("quokka", { maxMatches: 8, pageSize: 100 });
      expect(capped).toMatchObject({ total: 8, capped: true });
      const newest = await database.db.article.findMany({
        where: { title: { startsWith: "Quokka census" } },
        orderBy: { id: "desc" },
        take: 8,
        select: { slug: true },
      });
      expect(new Set(slugsOf(capped))).toEqual(new Set(newest.map((row) => row.slug)));
    });
  });

  describe.skipIf(!kind.available)("hostile queries", () => {
    const queries = [
      "",
      "   ",
      '"',
      '"spark',
      "((((spark",
      "spark))))",
      "spark OR ferry",
      '"华为" OR "马拉松"',
      "title: sparks",
      "{title}: sparks",
      "spark*",
      "NEAR(spark ferry)",
      "spark NOT welders",
      "-spark",
      "'; DROP TABLE \"Article\"; --",
      "1' OR '1'='1",
      "spark & ferry | !yard <-> x:*",
      "\\",
      "%",
      "\u0000",
      "\u202e\u200bspark",
      "🙂",
      "🔥算力🔥",
      "Spark 算力 Привет 東京 ١٢٣",
      "x".repeat(10_000),
      "算力 ".repeat(3_000),
      "spark ".repeat(2_000),
    ];

    it.each(queries.map((query) => [query.length > 40 ? `${query.slice(0, 30)}… (${query.length} chars)` : JSON.stringify(query), query]))(
      "answers %s without an error",
      async (_label, query) => {
        const started = performance.now();
        const results = await search(query);
        expect(performance.now() - started).toBeLessThan(5_000);
        expect(results.hits.length).toBeLessThanOrEqual(SEARCH_PAGE_SIZE);
        expect(results.total).toBeGreaterThanOrEqual(results.hits.length);
        expect(Array.from(results.query).length).toBeLessThanOrEqual(200);
        for (const hit of results.hits) expect(stripMarks(hit.snippetHtml + hit.titleHtml)).not.toMatch(/[<>]/);
      },
    );

    it("reads operators as words, never as syntax", async () => {
      // As OR, these would find the seed report and the marathon story; as words, nothing has "or".
      expect((await search('"华为" OR "马拉松"')).total).toBe(0);
      // As a column filter, this would find the article with Sparks in its title.
      expect((await search("title: sparks")).total).toBe(0);
      // As NOT, this would find the two spark articles without "welders".
      expect((await search("spark NOT welders")).total).toBe(0);
      // A prefix star is punctuation: "spar*" looks for the word "spar".
      expect((await search("spar*")).total).toBe(0);
    });

    it("leaves the database as it was after SQL in a query", async () => {
      const before = await database.db.article.count();
      await search("'; DROP TABLE \"Article\"; --");
      await search("1'); DELETE FROM \"ArticleSearch\"; --");
      expect(await database.db.article.count()).toBe(before);
      expect(await countArticleSearchDocuments(database.db)).toBe(before);
    });
  });

  describe.skipIf(!kind.available)("index kept in step", () => {
    it("indexes a new article as it is ingested", async () => {
      writeFileSync(path.join(workspace, "generated", "wombat.md"), article({ title: "Wombat crossing", date: "2026-08-01 10:00" }, "A wombatine burrow."));
      expect((await search("wombatine")).total).toBe(0);
      await ingest(database, workspace, ["generated/wombat.md"]);
      expect((await search("wombatine")).hits.map((hit) => hit.article.title)).toEqual(["Wombat crossing"]);
    });

    it("forgets an article's old words when its text changes", async () => {
      const file = path.join(workspace, "generated", "wombat.md");
      writeFileSync(file, readFileSync(file, "utf8").replace("Wombat crossing", "Echidna crossing").replace("wombatine", "echidnine"));
      const report = await ingest(database, workspace, ["generated/wombat.md"]);
      expect(report.updated).toEqual(["generated/wombat.md"]);
      expect((await search("wombatine")).total).toBe(0);
      expect((await search("wombat")).total).toBe(0);
      expect((await search("echidnine")).hits.map((hit) => hit.article.title)).toEqual(["Echidna crossing"]);
      expect((await search("echidna")).total).toBe(1);
    });

    it("stops finding an article unpublished after it was indexed", async () => {
      await database.db.article.updateMany({ where: { title: "Echidna crossing" }, data: { status: "withdrawn" } });
      expect((await search("echidnine")).total).toBe(0);
    });

    it("drops a deleted article's entry", async () => {
      const before = await countArticleSearchDocuments(database.db);
      await database.db.article.deleteMany({ where: { title: "Echidna crossing" } });
      expect(await countArticleSearchDocuments(database.db)).toBe(before - 1);
    });

    it("is rebuilt from the articles by npm run search:rebuild", async () => {
      await clearArticleSearchIndex(database.db, getDatabaseProvider(database.db));
      expect((await search("华为")).total).toBe(0);
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "lib/search/rebuild-cli.ts"],
        { cwd: repoRoot, env: { ...process.env, DATABASE_URL: database.url } },
      );
      const articles = await database.db.article.count();
      expect(stdout).toContain(`search index rebuilt: ${articles} articles`);
      expect(await countArticleSearchDocuments(database.db)).toBe(articles);
      expect(slugsOf(await search("华为"))).toEqual([seedSlug]);
      expect(slugsOf(await search("xinghuo"))).toEqual([seedSlug]);
      expect(slugsOf(await search("sparks"))[0]).toBe(slug("spark-title.md"));
    });
  });
});
