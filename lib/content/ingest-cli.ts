// npm run ingest -- [--prune] [paths…]   (default: CONTENT_DIR, content/)
// Ingests Markdown files into the database DATABASE_URL names, applying pending migrations first,
// then runs every pending image through the pipeline and updates the bodies that show them.
// --prune then withdraws the published articles whose files under those paths no longer exist.
// Exits 1 when any file failed; the summary lists each with its path, line and reason. Images that
// cannot be fetched do not fail the run: they stay pending, with their reason, for the next one.
import { readFile, stat } from "node:fs/promises";
import { createDb, type Db } from "../db/client";
import { deployMigrations } from "../db/migrate";
import { env } from "../env";
import { describeNotifyResult, notifyPortal } from "../notify-portal";
import { countPrepareWorkers, createInThreadPreparer, createWorkerPreparer } from "./article-preparer";
import { findMarkdownFiles } from "./find-markdown-files";
import { tagsForChangedArticles } from "../cache-tags";
import { createProgressPrinter } from "../cli-progress";
import { createImageServices } from "../media/image-services";
import { printImageReport } from "../media/image-report";
import { processPendingImages } from "../media/process-pending-images";
import { type IngestReport, ingestArticleFiles } from "./ingest";
import { type PruneReport, pruneRemovedArticles } from "./prune";
import { refreshArticleBodiesForImages } from "./refresh-article-bodies";

function printReport(report: IngestReport, missing: string[]): void {
  const seconds = (report.elapsedMs / 1000).toFixed(1);
  console.log(
    `ingested ${report.total} files in ${seconds} s: ${report.created.length} created, ${report.updated.length} updated, ` +
      `${report.unchanged.length} unchanged, ${report.failed.length + missing.length} failed`,
  );
  if (report.created.length + report.updated.length === 0 && report.failed.length === 0 && missing.length === 0) {
    console.log("nothing changed");
  }
  for (const path of missing) console.error(`  failed ${path}: no such file or folder`);
  for (const failure of report.failed) {
    console.error(`  failed ${failure.path}${failure.line === null ? "" : `:${failure.line}`}: ${failure.reason}`);
  }
}

function printPruneReport(report: PruneReport): void {
  const one = report.withdrawn.length === 1;
  console.log(`pruned: ${report.withdrawn.length} article${one ? "" : "s"} withdrawn (${one ? "its file is" : "their files are"} gone)`);
  for (const article of report.withdrawn) console.log(`  withdrew /articles/${article.slug} (${article.originPath})`);
}

async function statPath(absolutePath: string): Promise<"file" | "folder" | null> {
  const info = await stat(absolutePath).catch(() => null);
  return info === null ? null : info.isDirectory() ? "folder" : "file";
}

async function main(args: string[]): Promise<number> {
  const prune = args.includes("--prune");
  const paths = args.filter((arg) => arg !== "--prune");
  const unknownOption = paths.find((arg) => arg.startsWith("--"));
  if (unknownOption) throw new Error(`unknown option ${unknownOption} (known: --prune)`);
  const inputs = paths.length ? paths : [env.CONTENT_DIR];
  const { files, missing } = await findMarkdownFiles(inputs);
  // A mistyped folder would look like one whose every file was deleted: refuse before any change.
  if (prune && missing.length > 0) throw new Error(`--prune: ${missing.join(", ")}: no such file or folder, so nothing was ingested or pruned`);
  // Worker threads pay off once there is more to parse than their start-up costs (~1 s of CPU
  // each); they start now, so they load their modules and dictionaries while migrations are checked.
  const preparer =
    files.length >= 500
      ? createWorkerPreparer(countPrepareWorkers())
      : createInThreadPreparer((file) => readFile(file));
  let db: Db | undefined;
  try {
    await deployMigrations(env.DATABASE_URL);
    db = await createDb(env.DATABASE_URL);
    const printFiles = createProgressPrinter("files");
    const report = await ingestArticleFiles(
      files,
      { db, preparer, rootDir: process.cwd(), now: () => Date.now() },
      { onProgress: ({ done, total }) => printFiles(done, total) },
    );
    printReport(report, missing);

    const printImages = createProgressPrinter("images");
    const images = await processPendingImages(
      { db, ...createImageServices(env, process.cwd()), now: () => new Date() },
      { onProgress: ({ done, total }) => printImages(done, total) },
    );
    const refreshed = await refreshArticleBodiesForImages(db, images.changedImageIds);
    printImageReport(images, refreshed);
    const changed = new Set([...report.changedSlugs, ...refreshed]);
    if (prune) {
      const pruned = await pruneRemovedArticles(inputs, { db, rootDir: process.cwd(), stat: statPath });
      printPruneReport(pruned);
      for (const article of pruned.withdrawn) changed.add(article.slug);
    }
    if (changed.size > 0) console.log(describeNotifyResult(await notifyPortal(tagsForChangedArticles(changed), env)));
    return report.failed.length + missing.length > 0 ? 1 : 0;
  } finally {
    await preparer.close();
    await db?.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
