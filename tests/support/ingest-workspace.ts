import { readFile } from "node:fs/promises";
import path from "node:path";
import { createInThreadPreparer } from "@/lib/content/article-preparer";
import { findMarkdownFiles } from "@/lib/content/find-markdown-files";
import { type IngestOptions, type IngestReport, ingestArticleFiles } from "@/lib/content/ingest";
import { refreshArticleBodiesForImages } from "@/lib/content/refresh-article-bodies";
import type { Db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createImageServices } from "@/lib/media/image-services";
import { type ProcessPendingImagesReport, processPendingImages } from "@/lib/media/process-pending-images";
import { createDiskMediaStore } from "@/lib/media/store";

// A test's copy of content/ (and whatever else it writes) in a folder of its own, ingested the way
// the CLI does it, with parsing in this thread.

/**
 * Ingests these files or folders, given relative to the workspace. With `namedRoots`, each file's
 * local images must stay inside the input that found it, as `npm run ingest -- <paths>` does;
 * without, inside CONTENT_DIR.
 */
export async function ingestWorkspace(
  db: Db,
  workspace: string,
  inputs: string[],
  { namedRoots = false, ...options }: IngestOptions & { namedRoots?: boolean } = {},
): Promise<IngestReport> {
  const { files, roots } = await findMarkdownFiles(inputs.map((input) => path.join(workspace, input)));
  const entries = namedRoots ? files.map((file) => ({ path: file, localRoot: roots.get(file) ?? null })) : files;
  return ingestArticleFiles(
    entries,
    { db, preparer: createInThreadPreparer((file) => readFile(file)), rootDir: workspace, now: () => Date.now() },
    { ...options, siteRoot: options.siteRoot ? path.join(workspace, options.siteRoot) : null },
  );
}

/**
 * The image step after an ingest, offline: local images through the real pipeline into the
 * workspace's media/ folder, remote ones left pending (the suite never reaches the internet),
 * then the bodies rendered again with what is ready.
 */
export async function processWorkspaceImagesOffline(db: Db, workspace: string): Promise<ProcessPendingImagesReport> {
  const mediaDir = path.join(workspace, "media");
  const report = await processPendingImages({
    db,
    store: createDiskMediaStore(mediaDir),
    now: () => new Date(),
    sources: {
      fetchRemote: async (url) => ({ ok: false, reason: `offline in tests: ${url}`, retryable: true }),
      readLocal: createImageServices({ ...env, CONTENT_DIR: "content", MEDIA_DIR: mediaDir }, workspace).sources.readLocal,
    },
  });
  await refreshArticleBodiesForImages(db, report.changedImageIds);
  return report;
}
