import { randomBytes } from "node:crypto";
import { constants as fsConstants } from "node:fs";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import { contentTypeForKey, isStoreKey } from "./variants";

export interface StoredMedia {
  body: Buffer;
  contentType: string;
  size: number;
  modifiedAt: Date;
}

/**
 * Where generated media lives. The disk store is the single-machine default; an object store
 * (S3, R2, GCS) implements the same three calls when media moves to shared storage.
 * Keys are content-addressed and validated by every implementation (see STORE_KEY_PATTERN).
 */
export interface MediaStore {
  /** Throws on an invalid key or a content type that does not match the key's extension. */
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  /** Null for a missing or invalid key: an invalid key is never touched on disk. */
  get(key: string): Promise<StoredMedia | null>;
  has(key: string): Promise<boolean>;
}

export function createDiskMediaStore(rootDir: string): MediaStore {
  // turbopackIgnore: the media folder is chosen at run time; without the hint Next's build traces
  // the whole project into the server output.
  const root = path.resolve(/*turbopackIgnore: true*/ rootDir);

  // Only keys matching the strict pattern (hex, fixed file names, no dots beyond the extension)
  // reach the file system, so "..", absolute paths, backslashes, NUL and percent-encoding cannot.
  // The containment check below is a second, independent line.
  function resolveKey(key: string): string | null {
    if (!isStoreKey(key)) return null;
    const filePath = path.resolve(/*turbopackIgnore: true*/ root, ...key.split("/"));
    const relative = path.relative(root, filePath);
    return relative !== "" && !relative.startsWith("..") && !path.isAbsolute(relative) ? filePath : null;
  }

  return {
    async put(key, bytes, contentType) {
      const filePath = resolveKey(key);
      if (filePath === null) throw new Error(`invalid media key ${JSON.stringify(key)}`);
      const expected = contentTypeForKey(key);
      if (contentType !== expected) {
        throw new Error(`content type ${contentType} does not match key ${key} (expected ${expected})`);
      }
      await mkdir(path.dirname(filePath), { recursive: true });
      // Write beside the target and rename: readers see the old file or the whole new one, never a
      // half-written one. The data is synced before the rename so a crash cannot leave the final
      // name pointing at an empty file (ext4 delayed allocation). Temp names never match a key.
      const tempPath = `${filePath}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        const handle = await open(tempPath, "wx", 0o644);
        try {
          await handle.writeFile(bytes);
          await handle.datasync();
        } finally {
          await handle.close();
        }
        await rename(tempPath, filePath);
      } catch (error) {
        await rm(tempPath, { force: true });
        throw error;
      }
    },

    async get(key) {
      const filePath = resolveKey(key);
      const contentType = contentTypeForKey(key);
      if (filePath === null || contentType === null) return null;
      let handle;
      try {
        // O_NOFOLLOW: a symlink planted in the media directory is not followed out of it.
        handle = await open(/*turbopackIgnore: true*/ filePath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
      } catch (error) {
        if (isMissingFileError(error)) return null;
        throw error;
      }
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) return null;
        const body = await handle.readFile();
        return { body, contentType, size: body.byteLength, modifiedAt: stats.mtime };
      } finally {
        await handle.close();
      }
    },

    async has(key) {
      const filePath = resolveKey(key);
      if (filePath === null) return false;
      try {
        const handle = await open(/*turbopackIgnore: true*/ filePath, fsConstants.O_RDONLY | fsConstants.O_NOFOLLOW);
        try {
          return (await handle.stat()).isFile();
        } finally {
          await handle.close();
        }
      } catch (error) {
        if (isMissingFileError(error)) return false;
        throw error;
      }
    },
  };
}

function isMissingFileError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  // ELOOP: the final component is a symlink (refused by O_NOFOLLOW); ENOTDIR: a path component
  // is a file. Both mean "no such media" to a caller.
  return code === "ENOENT" || code === "ELOOP" || code === "ENOTDIR";
}
