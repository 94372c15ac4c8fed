import { getSocialCardVersion, getSocialImagePath, parseSocialImageFile, renderSocialImage, type SocialCard, type SocialImageScope } from "./social-image";

// What the /social/* routes answer. A URL names the exact drawing (its version is a hash of the
// text drawn), so a response never changes for its URL and is cached for a year everywhere. A
// stale URL (the title changed since a crawler saw the page) redirects to the current drawing.

const IMMUTABLE_CACHE_CONTROL = "public, max-age=31536000, immutable";
const SECURITY_HEADERS = { "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; sandbox" };

// Rendering takes ~50-150 ms of one core; the same few cards are asked for in bursts when a story
// is shared, so the newest renders are kept (about 60 KB each).
const MEMORY_ENTRIES = 64;
const rendered = new Map<string, Buffer>();

async function renderCached(path: string, render: () => Promise<Buffer>): Promise<Buffer> {
  const hit = rendered.get(path);
  if (hit) {
    rendered.delete(path);
    rendered.set(path, hit);
    return hit;
  }
  const png = await render();
  rendered.set(path, png);
  if (rendered.size > MEMORY_ENTRIES) rendered.delete(rendered.keys().next().value as string);
  return png;
}

function notFound(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...SECURITY_HEADERS },
  });
}

/**
 * The card for `scope` as named by the file segment ("og-<version>.png"). `loadCard` returns null
 * for a page that does not exist (or is not published), which is a 404 like any unknown file.
 */
export async function respondWithSocialImage(
  scope: SocialImageScope,
  file: string,
  loadCard: () => Promise<SocialCard | null>,
  requestUrl: string,
  method: "GET" | "HEAD" = "GET",
): Promise<Response> {
  const requested = parseSocialImageFile(file);
  if (!requested) return notFound();
  const card = await loadCard();
  if (!card) return notFound();
  const path = getSocialImagePath(scope, requested.shape, card);
  if (getSocialCardVersion(card) !== requested.version) {
    return new Response(null, { status: 307, headers: { location: new URL(path, requestUrl).href, "cache-control": "no-store" } });
  }
  const png = await renderCached(path, () => renderSocialImage(card, requested.shape));
  const headers = {
    "content-type": "image/png",
    "content-length": String(png.byteLength),
    "cache-control": IMMUTABLE_CACHE_CONTROL,
    etag: `"${requested.version}-${requested.shape}"`,
    ...SECURITY_HEADERS,
  };
  return new Response(method === "HEAD" ? null : new Uint8Array(png), { status: 200, headers });
}
