import type { Db } from "../db/client";
import { listPendingImages, markImageNotReady, markImageReady } from "../db/images";
import { isRemoteImageSource } from "../content/image-source";
import type { FetchRemoteImageResult } from "./fetch-remote";
import { createImageProcessor, type ImageProcessorProgress } from "./pipeline";
import type { LocalImageReader } from "./read-local-image";
import type { MediaStore } from "./store";

/** Where image bytes come from; passed in so tests use a loopback server and a temp folder. */
export interface ImageSources {
  fetchRemote(url: string): Promise<FetchRemoteImageResult>;
  readLocal: LocalImageReader;
}

export interface ProcessPendingImagesDeps {
  db: Db;
  store: MediaStore;
  sources: ImageSources;
  now(): Date;
}

export interface ImageOutcome {
  source: string;
  status: "ready" | "pending" | "failed";
  reason: string | null;
}

export interface ProcessPendingImagesReport {
  outcomes: ImageOutcome[];
  /** Images whose row changed: the articles showing them need their HTML rendered again. */
  changedImageIds: number[];
}

// Fetches wait on the network, encodes on the CPU: a few fetches in flight keep the one encoder busy.
const FETCHES_IN_FLIGHT = 4;

/**
 * Fetches or reads every pending image and runs it through the pipeline. An image that cannot be
 * fetched now stays pending with the reason (the next run tries again); one that can never work
 * (corrupt, SVG, too large, blocked address) is marked failed with the reason. Either way the
 * articles that use it stay published, showing a placeholder box.
 */
export async function processPendingImages(
  deps: ProcessPendingImagesDeps,
  options: { onProgress?(progress: ImageProcessorProgress): void } = {},
): Promise<ProcessPendingImagesReport> {
  const pending = await listPendingImages(deps.db);
  const processor = createImageProcessor({ store: deps.store }, { concurrency: 1, onProgress: options.onProgress });
  const report: ProcessPendingImagesReport = { outcomes: [], changedImageIds: [] };
  let next = 0;

  const handle = async (image: { id: number; source: string; localRoot: string | null }): Promise<void> => {
    const loaded = isRemoteImageSource(image.source)
      ? await deps.sources.fetchRemote(image.source)
      : await deps.sources.readLocal(image.source, image.localRoot);
    if (!loaded.ok) {
      const status = loaded.retryable ? "pending" : "failed";
      await markImageNotReady(deps.db, image.id, { status, reason: loaded.reason }, deps.now());
      report.outcomes.push({ source: image.source, status, reason: loaded.reason });
      if (status === "failed") report.changedImageIds.push(image.id);
      return;
    }
    const processed = await processor.process(loaded.bytes);
    if (!processed.ok) {
      await markImageNotReady(deps.db, image.id, { status: "failed", reason: processed.reason }, deps.now());
      report.outcomes.push({ source: image.source, status: "failed", reason: processed.reason });
      report.changedImageIds.push(image.id);
      return;
    }
    await markImageReady(deps.db, image.id, processed, deps.now());
    report.outcomes.push({ source: image.source, status: "ready", reason: null });
    report.changedImageIds.push(image.id);
  };

  await Promise.all(
    Array.from({ length: Math.min(FETCHES_IN_FLIGHT, pending.length) }, async () => {
      while (next < pending.length) await handle(pending[next++]!);
    }),
  );
  return report;
}
