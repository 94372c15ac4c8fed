import path from "node:path";
import type { Db } from "../db/client";
import { listPublishedArticlesFromOrigins, withdrawArticles } from "../db/withdrawn-articles";

export interface PruneDeps {
  db: Db;
  /** Origin paths are relative to this folder, as ingest stores them. */
  rootDir: string;
  /** What the file system says about a path: a folder, a file, or nothing. */
  stat(absolutePath: string): Promise<"file" | "folder" | null>;
}

export interface PruneReport {
  /** Published articles whose origin file is gone, now withdrawn. */
  withdrawn: Array<{ slug: string; originPath: string }>;
}

/** Thrown before anything is withdrawn, so a mistyped path never withdraws a whole folder. */
export class PruneInputError extends Error {
  constructor(readonly input: string, reason: string) {
    super(`--prune: ${input}: ${reason}`);
    this.name = "PruneInputError";
  }
}

/** The origin path ingest would store for this path (see toOriginPath in ingest.ts): "" is the root itself. */
function toOrigin(input: string, rootDir: string): string {
  const absolute = path.resolve(rootDir, input);
  const relative = path.relative(rootDir, absolute);
  const inside = !relative.startsWith("..") && !path.isAbsolute(relative);
  return (inside ? relative : absolute).split(path.sep).join("/");
}

/**
 * Withdraws the published articles whose files, inside the ingested paths, no longer exist: their
 * pages answer 410 Gone and they leave every list, feed and search. Rows are never deleted.
 * Each candidate's own file is checked on disk, so a file the folder walk skips (a hidden folder)
 * is never mistaken for a removed one.
 */
export async function pruneRemovedArticles(inputs: string[], deps: PruneDeps): Promise<PruneReport> {
  const files: string[] = [];
  const folders: string[] = [];
  for (const input of inputs) {
    const kind = await deps.stat(path.resolve(deps.rootDir, input));
    // A path that is not there at all is more likely a typo than a deleted folder.
    if (kind === null) throw new PruneInputError(input, "no such file or folder, so nothing was pruned");
    (kind === "folder" ? folders : files).push(toOrigin(input, deps.rootDir));
  }
  const candidates = await listPublishedArticlesFromOrigins(deps.db, { files, folders });
  const removed = [];
  for (const article of candidates) {
    const insideInputs = files.includes(article.originPath) || folders.some((folder) => folder === "" || article.originPath.startsWith(`${folder}/`));
    if (!insideInputs) continue;
    if ((await deps.stat(path.resolve(deps.rootDir, article.originPath))) !== "file") removed.push(article);
  }
  await withdrawArticles(
    deps.db,
    removed.map((article) => article.id),
  );
  return { withdrawn: removed.map((article) => ({ slug: article.slug, originPath: article.originPath })) };
}
