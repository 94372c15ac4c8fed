import type { Env } from "../env";
import { fetchRemoteImage } from "./fetch-remote";
import type { ImageSources } from "./process-pending-images";
import { createLocalImageReader } from "./read-local-image";
import { createDiskMediaStore, type MediaStore } from "./store";

/** The real store and image sources, wired from the environment (the one place that does it). */
export function createImageServices(env: Env, rootDir: string): { store: MediaStore; sources: ImageSources } {
  const readLocal = createLocalImageReader(rootDir);
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
