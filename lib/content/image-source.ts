import path from "node:path";
import { isAllowedUrl } from "./sanitize-html";

/** "/images/a.jpg": a path from the root of the site the article was written for. */
export function isSiteAbsolutePath(src: string): boolean {
  return src.startsWith("/") && !src.startsWith("//");
}

/**
 * What an image reference in an article names, as the key of its Image row: http(s) URLs as
 * written, files as paths relative to the ingest root (resolved against the article's folder, or
 * for a site-absolute /images/a.jpg against `siteRoot`). Without a site root such a path stays as
 * written, and reading it fails with a reason that names --site-root. Null for references that
 * can never be an image (other schemes, mailto:).
 */
export function toImageSource(src: string, originPath: string, siteRoot: string | null = null): string | null {
  if (!isAllowedUrl(src) || src.trim().toLowerCase().startsWith("mailto:")) return null;
  if (/^https?:\/\//i.test(src)) return src;
  if (src.startsWith("//")) return `https:${src}`;
  let relative = src.replace(/[?#].*$/, "");
  try {
    relative = decodeURI(relative);
  } catch {
    // A stray % is part of the file name, not an escape.
  }
  if (isSiteAbsolutePath(relative)) return siteRoot === null ? path.posix.normalize(relative) : path.posix.join(siteRoot, relative);
  return path.posix.normalize(path.posix.join(path.posix.dirname(originPath), relative));
}

export function isRemoteImageSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}
