import path from "node:path";
import { isAllowedUrl } from "./markdown";

/**
 * What an image reference in an article names, as the key of its Image row: http(s) URLs as
 * written, files as paths relative to the ingest root (resolved against the article's folder).
 * Null for references that can never be an image (other schemes, mailto:).
 */
export function toImageSource(src: string, originPath: string): string | null {
  if (!isAllowedUrl(src) || src.trim().toLowerCase().startsWith("mailto:")) return null;
  if (/^https?:\/\//i.test(src)) return src;
  if (src.startsWith("//")) return `https:${src}`;
  let relative = src.replace(/[?#].*$/, "");
  try {
    relative = decodeURI(relative);
  } catch {
    // A stray % is part of the file name, not an escape.
  }
  return path.posix.normalize(path.posix.join(path.posix.dirname(originPath), relative));
}

export function isRemoteImageSource(source: string): boolean {
  return /^https?:\/\//i.test(source);
}
