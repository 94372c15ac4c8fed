import path from "node:path";
import type { Env } from "../env";
import { fetchRemoteImage } from "./fetch-remote";
import type { ImageSources } from "./process-pending-images";
import { createLocalImageReader } from "./read-local-image";
import { createDiskMediaStore, type MediaStore } from "./store";

/**
 * The real store and image sources, wired from the environment (the one place that does it).
 * Image sources are paths relative to `rootDir` (the working directory), but files are read only
 * from inside CONTENT_DIR: an article cannot publish .env or the database as an "image".
 */
export function createImageServices(env: Env, rootDir: string): { store: MediaStore; sources: ImageSources } {
  const readLocal = createLocalImageReader(path.resolve(rootDir, env.CONTENT_DIR), { resolveFrom: rootDir });
  return {
    store: createDiskMediaStore(env.MEDIA_DIR),
    sources: {
      fetchRemote: async (url) =>
        env.MEDIA_REMOTE_FETCH === "off"
          ? { ok: false, reason: `remote image fetching is turned off (MEDIA_REMOTE_FETCH=off): ${url}`, retryable: true }
          : fetchRemoteImage(url, { allowHosts: env.MEDIA_FETCH_ALLOW_HOSTS }),
      readLocal,
    },
  };
}
