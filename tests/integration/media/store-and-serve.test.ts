import { mkdtemp, readdir, rm, symlink, writeFile, mkdir } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveMedia } from "@/lib/media/serve-media";
import { createDiskMediaStore, type MediaStore } from "@/lib/media/store";
import { buildManifestKey, buildOriginalKey, buildVariantKey } from "@/lib/media/variants";

const HASH = "3c".repeat(32);
const JPEG_KEY = buildVariantKey(HASH, "jpeg", 640);
const AVIF_KEY = buildVariantKey(HASH, "avif", 640);
const JPEG_BYTES = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5]);

let workDir: string;
let rootDir: string;
let store: MediaStore;

beforeAll(async () => {
  workDir = await mkdtemp(path.join(os.tmpdir(), "inkstone-store-"));
  rootDir = path.join(workDir, "media");
  store = createDiskMediaStore(rootDir);
  // A file outside the media root that traversal attempts would like to reach.
  await writeFile(path.join(workDir, "secret.txt"), "TOP SECRET");
  await store.put(JPEG_KEY, JPEG_BYTES, "image/jpeg");
  await store.put(AVIF_KEY, Buffer.from("avif-bytes"), "image/avif");
});

afterAll(async () => {
  await rm(workDir, { recursive: true, force: true });
});

function segments(key: string): string[] {
  return key.split("/");
}

describe("disk media store", () => {
  it("returns what was put, with its content type, size and time", async () => {
    const stored = await store.get(JPEG_KEY);
    expect(stored?.body.equals(JPEG_BYTES)).toBe(true);
    expect(stored?.contentType).toBe("image/jpeg");
    expect(stored?.size).toBe(JPEG_BYTES.byteLength);
    expect(stored?.modifiedAt).toBeInstanceOf(Date);
    expect(await store.has(JPEG_KEY)).toBe(true);
  });

  it("reports a valid but missing key as absent", async () => {
    const missing = buildVariantKey(HASH, "webp", 1920);
    expect(await store.get(missing)).toBeNull();
    expect(await store.has(missing)).toBe(false);
  });

  it("replaces a file whole and leaves no temporary files behind", async () => {
    const key = buildVariantKey(HASH, "webp", 320);
    const first = Buffer.alloc(200_000, 1);
    const second = Buffer.alloc(100_000, 2);
    await store.put(key, first, "image/webp");
    await Promise.all([store.put(key, second, "image/webp"), store.put(key, first, "image/webp")]);
    const stored = await store.get(key);
    // Whichever write won, the file is one of the two complete bodies, never a mix.
    expect(stored?.body.equals(first) || stored?.body.equals(second)).toBe(true);
    const files = await readdir(path.join(rootDir, HASH.slice(0, 2), HASH));
    expect(files.filter((name) => name.endsWith(".tmp"))).toEqual([]);
  });

  it("never lets a reader see a half-written file while a large write is in progress", async () => {
    const key = buildVariantKey(HASH, "jpeg", 1920);
    const old = Buffer.alloc(4 * 1024 * 1024, 7);
    const next = Buffer.alloc(4 * 1024 * 1024, 9);
    await store.put(key, old, "image/jpeg");
    const writing = store.put(key, next, "image/jpeg");
    const seen: Buffer[] = [];
    for (let read = 0; read < 20; read += 1) {
      const stored = await store.get(key);
      if (stored) seen.push(stored.body);
    }
    await writing;
    for (const body of seen) expect(body.equals(old) || body.equals(next)).toBe(true);
  });

  it("refuses to write anything under an invalid key or a mismatched type", async () => {
    await expect(store.put("../escape.jpg", JPEG_BYTES, "image/jpeg")).rejects.toThrow(/invalid media key/);
    await expect(store.put(`ab/${HASH}/w640.jpg`, JPEG_BYTES, "image/jpeg")).rejects.toThrow(/invalid media key/);
    await expect(store.put(buildVariantKey(HASH, "jpeg", 320), Buffer.from("<svg/>"), "image/svg+xml")).rejects.toThrow(
      /content type/,
    );
    await expect(store.put(buildVariantKey(HASH, "jpeg", 320), Buffer.from("<p>"), "text/html")).rejects.toThrow(
      /content type/,
    );
    expect(await store.has(buildVariantKey(HASH, "jpeg", 320))).toBe(false);
    expect((await readdir(workDir)).sort()).toEqual(["media", "secret.txt"]);
  });

  it("reads nothing outside its root whatever the key", async () => {
    const attempts = [
      "../secret.txt",
      "../../secret.txt",
      path.join(workDir, "secret.txt"),
      "..\\secret.txt",
      "%2e%2e/secret.txt",
      `3c/${HASH}/../../../secret.txt`,
      `3c/${HASH}/w640.jpg\0`,
      "",
    ];
    for (const key of attempts) {
      expect(await store.get(key), key).toBeNull();
      expect(await store.has(key), key).toBe(false);
    }
  });

  it("does not follow a symlink planted in the media directory", async () => {
    const key = buildVariantKey(HASH, "jpeg", 960);
    await mkdir(path.join(rootDir, "3c", HASH), { recursive: true });
    await symlink(path.join(workDir, "secret.txt"), path.join(rootDir, "3c", HASH, "w960.jpg"));
    expect(await store.get(key)).toBeNull();
  });
});

describe("serveMedia", () => {
  it("serves a variant with its type and immutable caching headers", async () => {
    const response = await serveMedia(store, segments(JPEG_KEY), new Headers());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(response.headers.get("content-length")).toBe(String(JPEG_BYTES.byteLength));
    expect(response.headers.get("etag")).toMatch(/^"[A-Za-z0-9_-]{43}"$/);
    expect(Buffer.from(await response.arrayBuffer()).equals(JPEG_BYTES)).toBe(true);
  });

  it("serves AVIF as image/avif", async () => {
    const response = await serveMedia(store, segments(AVIF_KEY), new Headers());
    expect(response.headers.get("content-type")).toBe("image/avif");
  });

  it("gives different files different strong ETags", async () => {
    const jpeg = await serveMedia(store, segments(JPEG_KEY), new Headers());
    const avif = await serveMedia(store, segments(AVIF_KEY), new Headers());
    expect(jpeg.headers.get("etag")).not.toBe(avif.headers.get("etag"));
    expect(jpeg.headers.get("etag")?.startsWith("W/")).toBe(false);
  });

  it("answers a matching If-None-Match with 304 and no body", async () => {
    const first = await serveMedia(store, segments(JPEG_KEY), new Headers());
    const etag = first.headers.get("etag") ?? "";
    for (const ifNoneMatch of [etag, `"other", ${etag}`, `W/${etag}`, "*"]) {
      const response = await serveMedia(store, segments(JPEG_KEY), new Headers({ "if-none-match": ifNoneMatch }));
      expect(response.status, ifNoneMatch).toBe(304);
      expect(response.headers.get("etag")).toBe(etag);
      expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
      expect((await response.arrayBuffer()).byteLength).toBe(0);
    }
  });

  it("sends the full body when If-None-Match does not match", async () => {
    const response = await serveMedia(store, segments(JPEG_KEY), new Headers({ "if-none-match": '"stale"' }));
    expect(response.status).toBe(200);
    expect((await response.arrayBuffer()).byteLength).toBe(JPEG_BYTES.byteLength);
  });

  it("honours If-Modified-Since when no ETag is sent", async () => {
    const future = new Date(Date.now() + 60_000).toUTCString();
    const past = new Date(Date.now() - 86_400_000).toUTCString();
    expect((await serveMedia(store, segments(JPEG_KEY), new Headers({ "if-modified-since": future }))).status).toBe(304);
    expect((await serveMedia(store, segments(JPEG_KEY), new Headers({ "if-modified-since": past }))).status).toBe(200);
  });

  it("answers HEAD with the headers and no body", async () => {
    const response = await serveMedia(store, segments(JPEG_KEY), new Headers(), "HEAD");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-length")).toBe(String(JPEG_BYTES.byteLength));
    expect(response.headers.get("content-type")).toBe("image/jpeg");
    expect(response.body).toBeNull();
  });

  it("404s an unknown key, with no caching", async () => {
    const response = await serveMedia(store, segments(buildVariantKey(HASH, "webp", 1280)), new Headers());
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toBe("text/plain; charset=utf-8");
  });

  it("404s every traversal and encoding trick, never revealing the file outside", async () => {
    const attempts: Array<string[] | undefined> = [
      ["..", "secret.txt"],
      ["..", "..", "secret.txt"],
      ["..%2fsecret.txt"],
      ["..%2Fsecret.txt"],
      ["%2e%2e", "secret.txt"],
      ["3c", HASH, "..%2f..%2f..%2fsecret.txt"],
      ["3c", HASH, "../../../secret.txt"],
      ["3c/" + HASH, "w640.jpg"],
      ["3c", HASH + "/..", "w640.jpg"],
      [path.join(workDir, "secret.txt")],
      ["", "3c", HASH, "w640.jpg"],
      ["3c", HASH, "w640.jpg", ""],
      ["3c", HASH, "w640.jpg%00"],
      ["3c", HASH, "w640.jpg\0"],
      ["3c", HASH, "..\\..\\secret.txt"],
      [],
      undefined,
    ];
    for (const attempt of attempts) {
      const response = await serveMedia(store, attempt, new Headers());
      expect(response.status, JSON.stringify(attempt)).toBe(404);
      expect(await response.text()).not.toContain("TOP SECRET");
    }
  });

  it("never serves originals or manifests, which keep private metadata", async () => {
    const original = buildOriginalKey(HASH, "png");
    const manifest = buildManifestKey(HASH);
    await store.put(original, Buffer.from("png"), "image/png");
    await store.put(manifest, Buffer.from("{}"), "application/json");
    expect((await serveMedia(store, segments(original), new Headers())).status).toBe(404);
    expect((await serveMedia(store, segments(manifest), new Headers())).status).toBe(404);
  });

  it("never serves SVG or HTML even if such a file sits in the media directory", async () => {
    const dir = path.join(rootDir, "3c", HASH);
    await writeFile(path.join(dir, "w320.svg"), "<svg><script>alert(1)</script></svg>");
    await writeFile(path.join(dir, "w320.html"), "<script>alert(1)</script>");
    for (const name of ["w320.svg", "w320.html"]) {
      const response = await serveMedia(store, ["3c", HASH, name], new Headers());
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("<script>");
    }
  });
});

describe("GET and HEAD /media/[...key] route", () => {
  it("serves from MEDIA_DIR through the awaited params and 404s traversal", async () => {
    // lib/env parses process.env once, at first import; this file has not imported it yet.
    process.env.MEDIA_DIR = rootDir;
    const route = await import("@/app/media/[...key]/route");
    const context = (key: string[]) => ({ params: Promise.resolve({ key }) });

    const ok = await route.GET(new Request(`http://localhost/media/${JPEG_KEY}`), context(segments(JPEG_KEY)));
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(JPEG_BYTES)).toBe(true);

    const head = await route.HEAD(new Request(`http://localhost/media/${JPEG_KEY}`, { method: "HEAD" }), context(segments(JPEG_KEY)));
    expect(head.status).toBe(200);
    expect(head.body).toBeNull();

    const traversal = await route.GET(new Request("http://localhost/media/..%2fsecret.txt"), context(["..", "secret.txt"]));
    expect(traversal.status).toBe(404);
  });
});
