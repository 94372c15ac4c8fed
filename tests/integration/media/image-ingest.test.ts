// Article images end to end, wired as `npm run ingest` wires them: ingest the Markdown, run every
// pending image through the pipeline (real sharp, a real loopback HTTP server for remote hosts,
// real files for local ones), then render again the bodies that show them. What is asserted is
// what a reader gets in the article's HTML and on lists, and what must never happen.
import { randomBytes, randomUUID } from "node:crypto";
import { mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createInThreadPreparer } from "@/lib/content/article-preparer";
import { findMarkdownFiles } from "@/lib/content/find-markdown-files";
import { ingestArticleFiles, type IngestReport } from "@/lib/content/ingest";
import { refreshArticleBodiesForImages } from "@/lib/content/refresh-article-bodies";
import { type ArticlePage, getPublishedArticleBySlug, listLatestPublishedArticles } from "@/lib/db/articles";
import { getImagesBySource, type ImageRecord } from "@/lib/db/images";
import { fetchRemoteImage } from "@/lib/media/fetch-remote";
import { processPendingImages, type ProcessPendingImagesReport } from "@/lib/media/process-pending-images";
import { env } from "@/lib/env";
import { createImageServices } from "@/lib/media/image-services";
import { serveMedia } from "@/lib/media/serve-media";
import { createDiskMediaStore, type MediaStore } from "@/lib/media/store";
import { craftPng, noisyJpeg } from "../../support/image-fixtures";
import { findClosedLoopbackPort, type LoopbackImageServer, startLoopbackImageServer } from "../../support/loopback-image-server";
import { listDatabaseKinds, type TestDatabase, tmpRoot } from "../../support/test-databases";

// Short enough to keep the suite fast, long enough that a loopback answer never trips it.
const FETCH_TIMEOUT_MS = 1500;
const JPEG = "image/jpeg";

let server: LoopbackImageServer;
/** Photo-like images, each with its own bytes, made once for the whole file. */
let photos: Record<"wide" | "standard" | "cover" | "shared" | "spare1" | "spare2" | "spare3", Buffer>;
let pngPhoto: Buffer;

beforeAll(async () => {
  server = await startLoopbackImageServer();
  photos = {
    wide: await noisyJpeg(1000, 625), // between the 960 and 1280 steps: the widest variant must be 960
    standard: await noisyJpeg(800, 600),
    cover: await noisyJpeg(800, 500),
    shared: await noisyJpeg(1000, 640),
    spare1: await noisyJpeg(800, 600),
    spare2: await noisyJpeg(800, 600),
    spare3: await noisyJpeg(800, 600),
  };
  pngPhoto = await sharp(await noisyJpeg(800, 600)).png().toBuffer();
});

afterAll(async () => {
  await server?.close();
});

/** One site: a database, a working directory with content/ in it, and a media store beside it. */
interface Site {
  database: TestDatabase;
  /** Ingest's root and the local image reader's, as the CLI uses the working directory for both. */
  root: string;
  content: string;
  mediaDir: string;
  store: MediaStore;
}

async function createSite(database: TestDatabase): Promise<Site> {
  const dir = path.join(tmpRoot, `image-ingest-${randomUUID()}`);
  const root = path.join(dir, "site");
  const content = path.join(root, "content");
  const mediaDir = path.join(dir, "media");
  await mkdir(content, { recursive: true });
  return { database, root, content, mediaDir, store: createDiskMediaStore(mediaDir) };
}

async function removeSite(site: Site): Promise<void> {
  await site.database.drop();
  await rm(path.dirname(site.root), { recursive: true, force: true });
}

/** Writes a file under content/, creating its folders. */
async function writeContent(site: Site, relativePath: string, data: Buffer | string): Promise<void> {
  const file = path.join(site.content, relativePath);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, data);
}

function articleFile(fields: { title: string; slug: string; date?: string; cover?: string }, body: string): string {
  const lines = [
    "---",
    `title: ${fields.title}`,
    `slug: ${fields.slug}`,
    `date: ${fields.date ?? "2026-11-10 09:00"}`,
    "timezone: Asia/Shanghai",
    "language: en",
    "status: published",
    ...(fields.cover ? [`cover: ${fields.cover}`] : []),
    "---",
  ];
  return `${lines.join("\n")}\n\n${body.trim()}\n`;
}

async function ingest(site: Site): Promise<IngestReport> {
  const { files } = await findMarkdownFiles([site.content]);
  return ingestArticleFiles(files, {
    db: site.database.db,
    preparer: createInThreadPreparer((file) => readFile(file)),
    rootDir: site.root,
    now: () => Date.now(),
  });
}

/** What `npm run ingest` does after ingest: every pending image through the pipeline, then the bodies. */
async function processImages(site: Site): Promise<ProcessPendingImagesReport & { refreshedBodies: number }> {
  const report = await processPendingImages({
    db: site.database.db,
    store: site.store,
    now: () => new Date(),
    sources: {
      fetchRemote: (url) => fetchRemoteImage(url, { allowHosts: ["127.0.0.1"], timeoutMs: FETCH_TIMEOUT_MS }),
      // The CLI's own wiring for local files: rooted at the working directory, reading only content/.
      readLocal: createImageServices({ ...env, CONTENT_DIR: "content", MEDIA_DIR: site.mediaDir }, site.root).sources.readLocal,
    },
  });
  return { ...report, refreshedBodies: (await refreshArticleBodiesForImages(site.database.db, report.changedImageIds)).length };
}

async function readPage(site: Site, slug: string): Promise<ArticlePage> {
  const page = await getPublishedArticleBySlug(site.database.db, slug);
  if (!page) throw new Error(`article ${slug} is not published`);
  return page;
}

async function readImage(site: Site, source: string): Promise<ImageRecord & { attempts: number; contentHash: string | null }> {
  const record = (await getImagesBySource(site.database.db, [source])).get(source);
  if (!record) throw new Error(`no Image row for ${source}`);
  const extra = await site.database.db.image.findUniqueOrThrow({ where: { source }, select: { attempts: true, contentHash: true } });
  return { ...record, ...extra };
}

/** Every file under a folder, as paths relative to it with "/" separators. */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}

// --- Reading the HTML as a browser would: <picture>s and pending boxes -------------------------

const ENTITIES: Record<string, string> = { "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'" };
const unescapeHtml = (value: string) => value.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ENTITIES[entity] ?? entity);

function attributesOf(tag: string): Record<string, string> {
  return Object.fromEntries([...tag.matchAll(/\s([a-z-]+)="([^"]*)"/g)].map(([, name = "", value = ""]) => [name, unescapeHtml(value)]));
}

interface SrcsetEntry {
  url: string;
  width: number;
}

function parseSrcset(srcset: string): SrcsetEntry[] {
  return srcset.split(", ").map((candidate) => {
    const match = /^(\S+) (\d+)w$/.exec(candidate);
    if (!match) throw new Error(`not a width descriptor: ${candidate}`);
    return { url: match[1] ?? "", width: Number(match[2]) };
  });
}

interface Picture {
  sources: Array<Record<string, string>>;
  img: Record<string, string>;
}

function picturesIn(html: string): Picture[] {
  return [...html.matchAll(/<picture>([\s\S]*?)<\/picture>/g)].map(([, inner = ""]) => {
    const imgTag = /<img\s[^>]*>/.exec(inner)?.[0];
    if (!imgTag) throw new Error(`<picture> without <img>: ${inner}`);
    return { sources: [...inner.matchAll(/<source\s[^>]*>/g)].map(([tag]) => attributesOf(tag)), img: attributesOf(imgTag) };
  });
}

interface PendingBox {
  alt: string | null;
  href: string | null;
}

function pendingBoxesIn(html: string): PendingBox[] {
  const box =
    /<span class="media-pending" data-media-status="pending"[^>]*>((?:<span class="media-pending-alt">[^<]*<\/span>)?(?:<a [^>]*>[^<]*<\/a>)?(?:<small [^>]*>[^<]*<\/small>)?)<\/span>/g;
  return [...html.matchAll(box)].map(([, inner = ""]) => {
    const alt = /<span class="media-pending-alt">([^<]*)<\/span>/.exec(inner)?.[1];
    const link = /<a [^>]*>/.exec(inner)?.[0];
    return { alt: alt === undefined ? null : unescapeHtml(alt), href: link ? (attributesOf(link).href ?? null) : null };
  });
}

/**
 * Checks one <picture> against its Image row the way a browser uses it: AVIF then WebP sources and
 * a JPEG <img>, every srcset URL answered by the media route with the right type and a file of the
 * width it claims, never wider than the original, and the <img> sized to the intrinsic size.
 */
async function expectPictureOf(site: Site, picture: Picture, image: ImageRecord, alt: string): Promise<void> {
  expect(picture.sources.map((source) => source.type)).toEqual(["image/avif", "image/webp"]);
  expect(picture.img.width).toBe(String(image.width));
  expect(picture.img.height).toBe(String(image.height));
  expect(picture.img.alt).toBe(alt);
  expect(picture.img.style).toContain(`background-image:url(${image.placeholder})`);
  const byFormat = [
    { format: "avif", contentType: "image/avif", srcset: picture.sources[0]?.srcset ?? "" },
    { format: "webp", contentType: "image/webp", srcset: picture.sources[1]?.srcset ?? "" },
    { format: "jpeg", contentType: "image/jpeg", srcset: picture.img.srcset ?? "" },
  ];
  for (const { format, contentType, srcset } of byFormat) {
    const entries = parseSrcset(srcset);
    const keys = image.variants.filter((variant) => variant.format === format).map((variant) => `/media/${variant.key}`);
    expect(entries.map((entry) => entry.url)).toEqual(keys);
    for (const entry of entries) {
      expect(entry.width, entry.url).toBeLessThanOrEqual(image.width ?? 0);
      const response = await serveMedia(site.store, entry.url.replace(/^\/media\//, "").split("/"), new Headers());
      expect(response.status, entry.url).toBe(200);
      expect(response.headers.get("content-type"), entry.url).toBe(contentType);
      const metadata = await sharp(Buffer.from(await response.arrayBuffer())).metadata();
      expect(metadata.width, entry.url).toBe(entry.width);
    }
  }
  expect(picture.img.src).toMatch(/^\/media\/[a-f0-9]{2}\/[a-f0-9]{64}\/w\d+\.jpg$/);
  expect(parseSrcset(picture.img.srcset ?? "").map((entry) => entry.url)).toContain(picture.img.src);
}

function expectReadyRecord(image: ImageRecord, width: number, height: number, variantWidths: number[]): void {
  expect(image).toMatchObject({ status: "ready", failureReason: null, width, height });
  expect(image.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/);
  expect(image.variants.map((variant) => `${variant.format} ${variant.width}`)).toEqual(
    ["avif", "webp", "jpeg"].flatMap((format) => variantWidths.map((variantWidth) => `${format} ${variantWidth}`)),
  );
  for (const variant of image.variants) expect(variant.width).toBeLessThanOrEqual(width);
}

const kinds = await listDatabaseKinds();

describe.each(kinds)("article images on $name", (kind) => {
  let site: Site;

  beforeEach(async () => {
    if (!kind.available) return;
    server.reset();
    site = await createSite(await kind.create());
  });
  afterEach(async () => {
    if (site) await removeSite(site);
  });

  it.skipIf(!kind.available)("turns a local and a remote image into sized, responsive pictures, and covers on lists", async () => {
    const remoteUrl = server.url("/photos/crane.jpg");
    server.answer("/photos/crane.jpg", { status: 200, body: photos.standard, contentType: JPEG });
    await writeContent(site, "harbour/quay.jpg", photos.wide);
    await writeContent(site, "harbour/cover.jpg", photos.cover);
    await writeContent(
      site,
      "harbour/lights.md",
      articleFile(
        { title: "Harbour lights return", slug: "harbour-lights-return", date: "2026-11-10 09:00" },
        `The lights came back on at dusk.\n\n![Cranes at dawn](quay.jpg "The east quay at 6 a.m.")\n\nWork resumed the next morning.\n\n![A crane lifting a container](${remoteUrl})\n`,
      ),
    );
    await writeContent(
      site,
      "harbour/cover-story.md",
      articleFile(
        { title: "The quay at night", slug: "the-quay-at-night", date: "2026-11-09 20:00", cover: "cover.jpg" },
        `The same crane, seen from the ferry.\n\n![The crane again](${remoteUrl})\n`,
      ),
    );

    const report = await ingest(site);
    expect(report.failed).toEqual([]);
    expect(report.created.sort()).toEqual(["content/harbour/cover-story.md", "content/harbour/lights.md"]);
    // Before the image step, readers get boxes, never a broken <img>.
    expect((await readPage(site, "harbour-lights-return")).bodyHtml).not.toContain("<img");

    const images = await processImages(site);
    expect(images.outcomes.map((outcome) => `${outcome.status} ${outcome.source}`).sort()).toEqual(
      [`ready ${remoteUrl}`, "ready content/harbour/cover.jpg", "ready content/harbour/quay.jpg"].sort(),
    );
    expect(images.refreshedBodies).toBe(2);

    const local = await readImage(site, "content/harbour/quay.jpg");
    const remote = await readImage(site, remoteUrl);
    expectReadyRecord(local, 1000, 625, [320, 640, 960]);
    expectReadyRecord(remote, 800, 600, [320, 640]);

    const page = await readPage(site, "harbour-lights-return");
    expect(pendingBoxesIn(page.bodyHtml)).toEqual([]);
    expect(page.bodyHtml).not.toContain("data-media-status");
    const pictures = picturesIn(page.bodyHtml);
    expect(pictures).toHaveLength(2);
    const [first, second] = pictures as [Picture, Picture];
    await expectPictureOf(site, first, local, "Cranes at dawn");
    await expectPictureOf(site, second, remote, "A crane lifting a container");
    expect(first.img).toMatchObject({ loading: "eager", fetchpriority: "high" });
    expect(second.img.loading).toBe("lazy");
    expect(second.img.fetchpriority).toBeUndefined();
    // Standalone images are figures; the Markdown title is the caption, and only where one was given.
    expect(page.bodyHtml).toMatch(/<figure><picture>(?:(?!<\/picture>)[\s\S])*<\/picture><figcaption>The east quay at 6 a\.m\.<\/figcaption><\/figure>/);
    expect(page.bodyHtml.match(/<figcaption>/g)).toHaveLength(1);
    expect(page.bodyHtml.match(/<figure><picture>/g)).toHaveLength(2);
    expect(page.bodyHtml).not.toMatch(/<p>\s*<figure>/);

    const list = await listLatestPublishedArticles(site.database.db, { limit: 10 });
    expect(list.map((item) => item.slug)).toEqual(["harbour-lights-return", "the-quay-at-night"]);
    const [lead, withCover] = list;
    // Without `cover:`, the first body image; with it, the named file (not in the body: alt is the title).
    expect(lead?.cover?.image).toMatchObject({ source: "content/harbour/quay.jpg", status: "ready", width: 1000, height: 625 });
    expect(lead?.cover?.alt).toBe("Cranes at dawn");
    expect(withCover?.cover?.image).toMatchObject({ source: "content/harbour/cover.jpg", status: "ready", width: 800, height: 500 });
    expect(withCover?.cover?.image.variants.length).toBeGreaterThan(0);
    expect(withCover?.cover?.alt).toBe("The quay at night");
  });

  it.skipIf(!kind.available)("stores byte-identical images once, whatever path or URL each article uses", async () => {
    const mirrorUrl = server.url("/mirror/harbour.jpg?size=large");
    server.answer("/mirror/harbour.jpg?size=large", { status: 200, body: photos.shared, contentType: JPEG });
    await writeContent(site, "city/photo.jpg", photos.shared);
    await writeContent(site, "port/图片/港口 全景.jpg", photos.shared);
    await writeContent(site, "city/one.md", articleFile({ title: "One", slug: "one" }, "Text.\n\n![The harbour](photo.jpg)\n"));
    await writeContent(
      site,
      "port/two.md",
      articleFile({ title: "Two", slug: "two" }, `Text.\n\n![港口全景](<图片/港口 全景.jpg>)\n\n![The harbour, mirrored](${mirrorUrl})\n`),
    );

    expect((await ingest(site)).failed).toEqual([]);
    const images = await processImages(site);
    expect(images.outcomes.map((outcome) => outcome.status)).toEqual(["ready", "ready", "ready"]);

    const sources = ["content/city/photo.jpg", "content/port/图片/港口 全景.jpg", mirrorUrl];
    const rows = await Promise.all(sources.map((source) => readImage(site, source)));
    expect(new Set(rows.map((row) => row.id)).size).toBe(3);
    const hash = rows[0]?.contentHash ?? "";
    expect(hash).toMatch(/^[a-f0-9]{64}$/);
    for (const row of rows) {
      expect(row.contentHash).toBe(hash);
      expect(row.variants).toEqual(rows[0]?.variants);
    }

    // One set of files: the nine variants, the kept original and the manifest, nothing else.
    const files = await listFiles(site.mediaDir);
    expect(files).toEqual(
      [...(rows[0]?.variants ?? []).map((variant) => variant.key), `${hash.slice(0, 2)}/${hash}/original.jpg`, `${hash.slice(0, 2)}/${hash}/manifest.json`].sort(),
    );
    expect(files).toHaveLength(11);

    const one = picturesIn((await readPage(site, "one")).bodyHtml);
    const two = picturesIn((await readPage(site, "two")).bodyHtml);
    expect(two).toHaveLength(2);
    expect(two.map((picture) => picture.img.src)).toEqual([one[0]?.img.src, one[0]?.img.src]);
  });

  it.skipIf(!kind.available)("publishes articles whose remote images are offline, and fills the pictures in once the hosts answer", async () => {
    const closedPort = await findClosedLoopbackPort();
    const urls = {
      missing: server.url("/cdn/not-yet.jpg"),
      refused: `http://127.0.0.1:${closedPort}/refused.jpg`,
      slow: server.url("/cdn/slow.jpg"),
    };
    server.answer("/cdn/not-yet.jpg", { status: 404, body: "not here yet" });
    server.answer("/cdn/slow.jpg", { status: 200, body: photos.spare2, contentType: JPEG, delayMs: FETCH_TIMEOUT_MS + 2500 });
    const alts = ['Flooded underpass "Line 4" <east exit>', "Pumps at work", "The morning after"];
    await writeContent(
      site,
      "storm.md",
      articleFile(
        { title: "Storm floods the east side", slug: "storm-floods-east-side" },
        `Heavy rain overnight.\n\n![${alts[0]}](${urls.missing})\n\n![${alts[1]}](${urls.refused})\n\n![${alts[2]}](${urls.slow})\n`,
      ),
    );

    expect((await ingest(site)).created).toEqual(["content/storm.md"]);
    const started = performance.now();
    const firstRun = await processImages(site);
    // The slow host is given up on at the timeout, not waited for.
    expect(performance.now() - started).toBeLessThan(FETCH_TIMEOUT_MS + 2000);
    expect(firstRun.outcomes.every((outcome) => outcome.status === "pending")).toBe(true);

    const missing = await readImage(site, urls.missing);
    const refused = await readImage(site, urls.refused);
    const slow = await readImage(site, urls.slow);
    expect(missing).toMatchObject({ status: "pending", failureReason: `HTTP 404 from ${urls.missing}`, attempts: 1 });
    expect(refused).toMatchObject({ status: "pending", attempts: 1 });
    expect(refused.failureReason).toContain(urls.refused);
    expect(refused.failureReason).toContain("ECONNREFUSED");
    expect(slow).toMatchObject({ status: "pending", failureReason: `timed out after ${FETCH_TIMEOUT_MS} ms fetching ${urls.slow}`, attempts: 1 });

    // Published all the same: on its page and on the lists, with a box for each picture.
    const page = await readPage(site, "storm-floods-east-side");
    expect(page.bodyHtml).not.toContain("<img");
    expect(page.bodyHtml).not.toContain("<picture");
    expect(pendingBoxesIn(page.bodyHtml)).toEqual([
      { alt: alts[0], href: urls.missing },
      { alt: alts[1], href: urls.refused },
      { alt: alts[2], href: urls.slow },
    ]);
    expect(page.bodyHtml).toContain("Flooded underpass &quot;Line 4&quot; &lt;east exit&gt;");
    const [listed] = await listLatestPublishedArticles(site.database.db, { limit: 10 });
    expect(listed?.slug).toBe("storm-floods-east-side");
    expect(listed?.cover?.image).toMatchObject({ source: urls.missing, status: "pending" });

    // The hosts come back.
    server.answer("/cdn/not-yet.jpg", { status: 200, body: photos.spare1, contentType: JPEG });
    server.answer("/cdn/slow.jpg", { status: 200, body: photos.spare2, contentType: JPEG });
    const revived = await startLoopbackImageServer(closedPort);
    try {
      revived.answer("/refused.jpg", { status: 200, body: photos.spare3, contentType: JPEG });
      const secondRun = await processImages(site);
      expect(secondRun.outcomes.map((outcome) => outcome.status)).toEqual(["ready", "ready", "ready"]);
      expect(secondRun.refreshedBodies).toBe(1);
      expect(revived.hits("/refused.jpg")).toBe(1);
    } finally {
      await revived.close();
    }

    const filled = await readPage(site, "storm-floods-east-side");
    expect(pendingBoxesIn(filled.bodyHtml)).toEqual([]);
    const pictures = picturesIn(filled.bodyHtml);
    expect(pictures.map((picture) => picture.img.alt)).toEqual(alts);
    for (const [index, source] of [urls.missing, urls.refused, urls.slow].entries()) {
      const image = await readImage(site, source);
      expect(image).toMatchObject({ status: "ready", failureReason: null, attempts: 2 });
      await expectPictureOf(site, pictures[index] as Picture, image, alts[index] ?? "");
    }

    // Ready images are never fetched again.
    const hitsBefore = server.hits("/cdn/not-yet.jpg");
    const thirdRun = await processImages(site);
    expect(thirdRun.outcomes).toEqual([]);
    expect(server.hits("/cdn/not-yet.jpg")).toBe(hitsBefore);
  });

  it.skipIf(!kind.available)("treats a redirect loop as a host that is down for now: pending, and tried again", async () => {
    const url = server.url("/cdn/looping.jpg");
    server.answer("/cdn/looping.jpg", { redirectTo: "/cdn/looping.jpg" });
    await writeContent(
      site,
      "loop.md",
      articleFile({ title: "Ferry timetable changes", slug: "ferry-timetable-changes" }, `New times from Monday.\n\n![The ferry](${url})\n`),
    );
    await ingest(site);
    await processImages(site);

    const looping = await readImage(site, url);
    expect(pendingBoxesIn((await readPage(site, "ferry-timetable-changes")).bodyHtml)).toEqual([{ alt: "The ferry", href: url }]);
    expect({ status: looping.status, failureReason: looping.failureReason }).toEqual({
      status: "pending",
      failureReason: expect.stringContaining(url),
    });

    server.answer("/cdn/looping.jpg", { status: 200, body: photos.spare1, contentType: JPEG });
    await processImages(site);
    expect(await readImage(site, url)).toMatchObject({ status: "ready", attempts: 2 });
    expect(picturesIn((await readPage(site, "ferry-timetable-changes")).bodyHtml)).toHaveLength(1);
  });

  it.skipIf(!kind.available)("never fetches from a host name resolving to a private address unless that name is allowed", async () => {
    server.answer("/internal/admin.jpg", { status: 200, body: photos.standard, contentType: JPEG });
    const blockedUrl = server.url("/internal/admin.jpg", "localhost");
    const allowedUrl = server.url("/internal/admin.jpg");
    await writeContent(
      site,
      "guard.md",
      articleFile(
        { title: "Council budget", slug: "council-budget" },
        `Figures below.\n\n![Budget chart](${blockedUrl})\n\n![The same chart, from an allowed host](${allowedUrl})\n`,
      ),
    );
    await ingest(site);
    await processImages(site);

    const blocked = await readImage(site, blockedUrl);
    expect(blocked.status).toBe("failed");
    expect(blocked.failureReason).toMatch(
      new RegExp(`^blocked: ${blockedUrl.replaceAll(".", "\\.")} resolves to loopback address (?:127\\.0\\.0\\.1|::1)$`),
    );
    // The same path on the allow-listed address was served once: the blocked name never reached the server.
    expect(await readImage(site, allowedUrl)).toMatchObject({ status: "ready" });
    expect(server.hits("/internal/admin.jpg")).toBe(1);

    const page = await readPage(site, "council-budget");
    expect(pendingBoxesIn(page.bodyHtml)).toEqual([{ alt: "Budget chart", href: blockedUrl }]);
    expect(picturesIn(page.bodyHtml)).toHaveLength(1);

    // Failed is final: the next run does not try it again.
    expect((await processImages(site)).outcomes).toEqual([]);
    expect((await readImage(site, blockedUrl)).attempts).toBe(1);
  });

  it.skipIf(!kind.available)("records each bad image with its reason while the article and its good images go in", async () => {
    const wire = (name: string) => server.url(`/wire/${name}`);
    server.answer("/wire/chart.jpg", { status: 200, body: pngPhoto, contentType: JPEG });
    server.answer("/wire/logo.svg", {
      status: 200,
      body: '<svg xmlns="http://www.w3.org/2000/svg" width="800" height="600"><script>fetch("/api/session")</script></svg>',
      contentType: "image/svg+xml",
    });
    server.answer("/wire/street.jpg", { status: 200, body: photos.spare1, contentType: JPEG });
    const truncated = photos.spare2.subarray(0, Math.floor(photos.spare2.byteLength / 2));
    await writeContent(site, "desk/street-local.jpg", photos.standard);
    // Fixed leading bytes: random ones could start like markup and be rejected for that instead.
    await writeContent(site, "desk/corrupt.jpg", Buffer.concat([Buffer.from([0x00, 0x13, 0x37, 0x42]), randomBytes(4092)]));
    await writeContent(site, "desk/truncated.jpg", truncated);
    await writeContent(site, "desk/empty.jpg", Buffer.alloc(0));
    await writeContent(site, "desk/bomb.png", craftPng(100_000, 100_000, zlib.deflateSync(Buffer.alloc(100_001))));
    await symlink("/etc/passwd", path.join(site.content, "desk/linked.jpg"));
    const images: Array<[alt: string, src: string]> = [
      ["Corrupt", "corrupt.jpg"],
      ["Street, local", "street-local.jpg"],
      ["Truncated", "truncated.jpg"],
      ["PNG called JPEG", wire("chart.jpg")],
      ["Scripted SVG", wire("logo.svg")],
      ["Empty", "empty.jpg"],
      ["Bomb", "bomb.png"],
      ["Escape", "../../../etc/passwd"],
      ["Symlink out", "linked.jpg"],
      ["Missing", "missing.jpg"],
      ["Street, remote", wire("street.jpg")],
    ];
    await writeContent(
      site,
      "desk/roundup.md",
      articleFile({ title: "Wire roundup", slug: "wire-roundup" }, `Today's pictures.\n\n${images.map(([alt, src]) => `![${alt}](${src})`).join("\n\n")}\n`),
    );

    expect((await ingest(site)).created).toEqual(["content/desk/roundup.md"]);
    await processImages(site);

    const expectImage = async (source: string, status: string, reason: RegExp | string | null) => {
      const image = await readImage(site, source);
      expect({ source, status: image.status, failureReason: image.failureReason }).toEqual({
        source,
        status,
        failureReason: reason instanceof RegExp ? expect.stringMatching(reason) : reason,
      });
      return image;
    };
    await expectImage("content/desk/corrupt.jpg", "failed", /^not a supported image: the bytes are not JPEG, PNG, WebP, AVIF, GIF or TIFF/);
    await expectImage("content/desk/truncated.jpg", "failed", /^could not decode jpeg image \(corrupt or truncated file\): /);
    await expectImage(wire("logo.svg"), "failed", /^SVG is not accepted: /);
    await expectImage("content/desk/empty.jpg", "failed", "empty file");
    await expectImage("content/desk/bomb.png", "failed", "image is 100000x100000 (10000 MP), over the 40 MP limit");
    await expectImage("../etc/passwd", "failed", /^\.\.\/etc\/passwd is outside the content folder/);
    await expectImage("content/desk/linked.jpg", "failed", /^content\/desk\/linked\.jpg leads outside the content folder$/);
    await expectImage("content/desk/missing.jpg", "pending", /^no such file: content\/desk\/missing\.jpg$/);
    // Bytes are sniffed, not trusted: PNG bytes named .jpg and served as image/jpeg are a PNG, and fine.
    const chart = await expectImage(wire("chart.jpg"), "ready", null);
    expect(await site.store.has(`${chart.contentHash?.slice(0, 2)}/${chart.contentHash}/original.png`)).toBe(true);
    const streetLocal = await expectImage("content/desk/street-local.jpg", "ready", null);
    const streetRemote = await expectImage(wire("street.jpg"), "ready", null);

    const page = await readPage(site, "wire-roundup");
    const pictures = picturesIn(page.bodyHtml);
    expect(pictures.map((picture) => picture.img.alt)).toEqual(["Street, local", "PNG called JPEG", "Street, remote"]);
    await expectPictureOf(site, pictures[0] as Picture, streetLocal, "Street, local");
    await expectPictureOf(site, pictures[1] as Picture, chart, "PNG called JPEG");
    await expectPictureOf(site, pictures[2] as Picture, streetRemote, "Street, remote");
    const boxes = pendingBoxesIn(page.bodyHtml);
    expect(boxes.map((box) => box.alt)).toEqual(["Corrupt", "Truncated", "Scripted SVG", "Empty", "Bomb", "Escape", "Symlink out", "Missing"]);
    // Local files are never linked; a remote box links to where the picture lives.
    expect(boxes.filter((box) => box.href !== null)).toEqual([{ alt: "Scripted SVG", href: wire("logo.svg") }]);
    expect(page.bodyHtml).not.toMatch(/<script|passwd/);

    // Nothing of the SVG, the hostile or the broken files reached the store: only pipeline output.
    const files = await listFiles(site.mediaDir);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      expect(file).toMatch(/^[a-f0-9]{2}\/[a-f0-9]{64}\/(?:w\d+\.(?:avif|webp|jpg)|original\.(?:jpg|png)|manifest\.json)$/);
      const bytes = await readFile(path.join(site.mediaDir, file));
      expect(bytes.includes("<svg"), file).toBe(false);
      expect(bytes.includes("<script"), file).toBe(false);
    }
    const hashes = new Set(files.map((file) => file.split("/")[1]));
    expect(hashes).toEqual(new Set([chart.contentHash, streetLocal.contentHash, streetRemote.contentHash]));
  });

  it.skipIf(!kind.available)("refuses local paths that leave content/ for the rest of the working directory", async () => {
    // The CLI roots the reader at the working directory, the project itself: beside content/ are
    // .env, data/ and everything else that is not an article's to show.
    await writeFile(path.join(site.root, ".env"), "DATABASE_URL=postgresql://inkstone:hunter2@db.internal/inkstone\n");
    await mkdir(path.join(site.root, "private"), { recursive: true });
    await writeFile(path.join(site.root, "private/staff-badge.jpg"), photos.standard);
    await writeContent(
      site,
      "escape.md",
      articleFile({ title: "Staff news", slug: "staff-news" }, "Welcome.\n\n![Badge](../private/staff-badge.jpg)\n\n![Settings](../.env)\n"),
    );
    await ingest(site);
    await processImages(site);

    for (const source of ["private/staff-badge.jpg", ".env"]) {
      const image = await readImage(site, source);
      expect({ source, status: image.status, failureReason: image.failureReason }).toEqual({
        source,
        status: "failed",
        failureReason: expect.stringMatching(/outside the content folder/),
      });
    }
    expect(picturesIn((await readPage(site, "staff-news")).bodyHtml)).toEqual([]);
    expect(await listFiles(site.mediaDir)).toEqual([]);
  });

  it.skipIf(!kind.available)("keeps pictures through a re-ingest and shows them at once when the article is edited", async () => {
    const remoteUrl = server.url("/photos/market.jpg");
    const laterUrl = server.url("/photos/market-later.jpg");
    server.answer("/photos/market.jpg", { status: 200, body: photos.standard, contentType: JPEG });
    await writeContent(site, "market/stalls.jpg", photos.cover);
    const body = (extra: string) =>
      `The market reopened on Saturday.\n\n![Stalls at opening](stalls.jpg "Opening morning")\n\n![The crowd](${remoteUrl})\n${extra}`;
    const file = (extra: string) => articleFile({ title: "Dongmen market reopens", slug: "dongmen-market-reopens" }, body(extra));
    await writeContent(site, "market/reopens.md", file(""));
    await ingest(site);
    await processImages(site);
    const processed = (await readPage(site, "dongmen-market-reopens")).bodyHtml;
    expect(picturesIn(processed)).toHaveLength(2);

    const again = await ingest(site);
    expect(again).toMatchObject({ unchanged: ["content/market/reopens.md"], updated: [], created: [], failed: [] });
    expect((await readPage(site, "dongmen-market-reopens")).bodyHtml).toBe(processed);

    // Edited: re-rendered at ingest with the pictures it already has; only the new image is a box.
    await writeContent(site, "market/reopens.md", file(`\nTraders said business was brisk.\n\n![Later that day](${laterUrl})\n`));
    const edited = await ingest(site);
    expect(edited.updated).toEqual(["content/market/reopens.md"]);
    const html = (await readPage(site, "dongmen-market-reopens")).bodyHtml;
    expect(html).toContain("Traders said business was brisk.");
    expect(picturesIn(html)).toEqual(picturesIn(processed));
    expect(html).toContain("<figcaption>Opening morning</figcaption>");
    expect(pendingBoxesIn(html)).toEqual([{ alt: "Later that day", href: laterUrl }]);
    const [listed] = await listLatestPublishedArticles(site.database.db, { limit: 1 });
    expect(listed?.cover?.image).toMatchObject({ source: "content/market/stalls.jpg", status: "ready" });
  });
});
