import { open, realpath } from "node:fs/promises";
import path from "node:path";
import { DEFAULT_MAX_INPUT_BYTES } from "./pipeline";

export type ReadImageResult = { ok: true; bytes: Buffer } | { ok: false; reason: string; retryable: boolean };

/** Reads one local image; `root` is the folder it must stay inside (null: the content folder). */
export type LocalImageReader = (source: string, root?: string | null) => Promise<ReadImageResult>;

/**
 * Reads image files named by articles (paths relative to `resolveFrom`, the working directory by
 * default), only from inside the folder that was named to ingest (`contentDir` for images that
 * name none): a Markdown file cannot point ingest at /etc/passwd, at the project's .env, or at a
 * symlink leading out of that folder. Too-large files are refused from their size, before any
 * byte is read.
 */
export function createLocalImageReader(
  contentDir: string,
  { resolveFrom = contentDir, maxBytes = DEFAULT_MAX_INPUT_BYTES }: { resolveFrom?: string; maxBytes?: number } = {},
): LocalImageReader {
  const isInside = (candidate: string, base: string) => {
    const relative = path.relative(base, candidate);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative);
  };
  return async (source, namedRoot = null) => {
    if (path.posix.isAbsolute(source) && namedRoot === null) {
      return { ok: false, reason: `${source} is a site-absolute path: name the site's folder with --site-root to resolve it`, retryable: false };
    }
    const root = namedRoot === null ? path.resolve(contentDir) : path.resolve(resolveFrom, namedRoot);
    const folder = namedRoot === null ? "the content folder" : `the folder named to ingest (${namedRoot})`;
    const requested = path.resolve(resolveFrom, source);
    if (!isInside(requested, root)) return { ok: false, reason: `${source} is outside ${folder}`, retryable: false };
    let real: string;
    try {
      real = await realpath(requested);
    } catch {
      return { ok: false, reason: `no such file: ${source}`, retryable: true };
    }
    const realRoot = await realpath(root).catch(() => root);
    if (!isInside(real, realRoot)) {
      return { ok: false, reason: `${source} leads outside ${folder}`, retryable: false };
    }
    const handle = await open(real, "r");
    try {
      const info = await handle.stat();
      if (!info.isFile()) return { ok: false, reason: `${source} is not a file`, retryable: false };
      if (info.size > maxBytes) {
        return { ok: false, reason: `${source} is ${(info.size / 1048576).toFixed(1)} MiB; images are limited to ${Math.round(maxBytes / 1048576)} MiB`, retryable: false };
      }
      return { ok: true, bytes: await handle.readFile() };
    } finally {
      await handle.close();
    }
  };
}
