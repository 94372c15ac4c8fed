import { createHash } from "node:crypto";
import type { MediaStore } from "./store";
import { VARIANT_FORMATS, isVariantKey } from "./variants";

// Variant URLs are content-addressed (the path holds the original's hash and the width), so a
// response never changes for its URL: cache it everywhere for a year.
const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";

// Only what the pipeline generates is ever served, and only under these types: never SVG or HTML,
// whatever ends up in the media directory.
const SERVABLE_CONTENT_TYPES = new Set(VARIANT_FORMATS.map(({ contentType }) => contentType));

const SECURITY_HEADERS = {
  "x-content-type-options": "nosniff",
  // If an image URL is opened directly, nothing in it may run or load.
  "content-security-policy": "default-src 'none'; sandbox",
};

export type MediaRequestMethod = "GET" | "HEAD";

/**
 * The media route's logic without Next: key segments from the catch-all route, request headers,
 * and the store. Unknown and invalid keys (traversal, encoded slashes, originals, manifests) are
 * one and the same 404.
 */
export async function serveMedia(
  store: MediaStore,
  keySegments: readonly string[] | undefined,
  requestHeaders: Headers,
  method: MediaRequestMethod = "GET",
): Promise<Response> {
  const key = keyFromSegments(keySegments);
  if (key === null) return notFound();
  const stored = await store.get(key);
  if (stored === null || !SERVABLE_CONTENT_TYPES.has(stored.contentType)) return notFound();

  // A hash of the bytes rather than size+mtime: identical on every machine and after a restore,
  // so a CDN in front of several servers does not see the same file change identity.
  const etag = `"${createHash("sha256").update(stored.body).digest("base64url")}"`;
  const lastModified = stored.modifiedAt.toUTCString();
  const cacheHeaders = {
    "cache-control": IMMUTABLE_CACHE_CONTROL,
    etag,
    "last-modified": lastModified,
    ...SECURITY_HEADERS,
  };

  if (isNotModified(requestHeaders, etag, stored.modifiedAt)) {
    return new Response(null, { status: 304, headers: cacheHeaders });
  }
  const headers = {
    ...cacheHeaders,
    "content-type": stored.contentType,
    "content-length": String(stored.size),
  };
  if (method === "HEAD") return new Response(null, { status: 200, headers });
  return new Response(new Uint8Array(stored.body), { status: 200, headers });
}

function keyFromSegments(segments: readonly string[] | undefined): string | null {
  if (!Array.isArray(segments) || segments.length !== 3) return null;
  if (!segments.every((segment) => typeof segment === "string")) return null;
  const key = segments.join("/");
  return isVariantKey(key) ? key : null;
}

function isNotModified(requestHeaders: Headers, etag: string, modifiedAt: Date): boolean {
  const ifNoneMatch = requestHeaders.get("if-none-match");
  if (ifNoneMatch !== null) {
    // RFC 9110 13.1.2: weak comparison, so W/"x" (as some proxies rewrite it) matches "x".
    const tags = ifNoneMatch.split(",").map((tag) => tag.trim().replace(/^W\//, ""));
    return tags.includes("*") || tags.includes(etag);
  }
  const ifModifiedSince = requestHeaders.get("if-modified-since");
  if (ifModifiedSince !== null) {
    const since = Date.parse(ifModifiedSince);
    // HTTP dates have whole seconds; compare at that precision.
    return Number.isFinite(since) && Math.floor(modifiedAt.getTime() / 1000) * 1000 <= since;
  }
  return false;
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: {
      "content-type": "text/plain; charset=utf-8",
      // A variant that is missing now may be generated a moment later.
      "cache-control": "no-store",
      ...SECURITY_HEADERS,
    },
  });
}
