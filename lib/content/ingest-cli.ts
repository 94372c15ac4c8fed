// npm run ingest -- [--prune] [--strict] [--dry-run] [--site-root DIR] [paths…]   (default: CONTENT_DIR, content/)
// Ingests Markdown files into the database DATABASE_URL names, applying pending migrations first,
// then runs every pending image through the pipeline and updates the bodies that show them.
// A file's local images must stay inside the folder named here that holds it (a file named alone:
// its own folder); --site-root names the folder site-absolute paths (/images/a.jpg) resolve against.
// --strict fails files whose front matter has keys no field takes (otherwise kept and counted).
// --dry-run parses, validates and chooses slugs against the database and writes nothing.
// --prune then withdraws the published articles whose files under those paths no longer exist.
// Exits 1 when any file failed, after everything that could go in went in; the summary groups the
// failures by reason. Images that cannot be fetched do not fail the run: they stay pending, with
// their reason, for the next one.
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { createDb, type Db } from "../db/client";
import { getProviderFromUrl, getSqliteFilePath } from "../db/database-url";
import { deployMigrations, listPendingMigrations } from "../db/migrate";
import { env } from "../env";
import { describeNotifyResult, notifyPortal } from "../notify-portal";
import { countPrepareWorkers, createInThreadPreparer, createWorkerPreparer } from "./article-preparer";
import { findMarkdownFiles } from "./find-markdown-files";
import { tagsForChangedArticles } from "../cache-tags";
import { createProgressPrinter } from "../cli-progress";
import { createImageServices } from "../media/image-services";
import { printImageReport } from "../media/image-report";
import { processPendingImages } from "../media/process-pending-images";
import { ingestArticleFiles } from "./ingest";
import { formatIngestSummary } from "./ingest-summary";
import { type PruneReport, pruneRemovedArticles } from "./prune";
import { refreshArticleBodiesForImages } from "./refresh-article-bodies";

interface CliOptions {
  prune: boolean;
  strict: boolean;
  dryRun: boolean;
  siteRoot: string | null;
  paths: string[];
}

const knownOptions = "--prune, --strict, --dry-run, --site-root DIR";

function parseArgs(args: string[]): CliOptions {
  const options: CliOptions = { prune: false, strict: false, dryRun: false, siteRoot: null, paths: [] };
  for (let i = 0; i < args.length; i += 1) {
    const arg = args[i]!;
    if (arg === "--prune") options.prune = true;
    else if (arg === "--strict") options.strict = true;
    else if (arg === "--dry-run") options.dryRun = true;
    else if (arg === "--site-root" || arg.startsWith("--site-root=")) {
      const value = arg === "--site-root" ? args[++i] : arg.slice("--site-root=".length);
      if (!value || value.startsWith("--")) throw new Error("--site-root needs a folder: --site-root path/to/site");
      options.siteRoot = value;
    } else if (arg.startsWith("--")) throw new Error(`unknown option ${arg} (known: ${knownOptions})`);
    else options.paths.push(arg);
  }
  if (options.prune && options.dryRun) throw new Error("--prune and --dry-run cannot be combined: a dry run withdraws nothing either");
  return options;
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

/**
 * The database a dry run reads: the real one when it is up to date, else (SQLite) a migrated
 * copy in a temporary folder, so nothing about the real file changes. Returns the URL and a clean-up.
 */
async function prepareDryRunDatabase(url: string): Promise<{ url: string; cleanUp(): void }> {
  const pending = await listPendingMigrations(url);
  if (pending.length === 0) return { url, cleanUp: () => undefined };
  if (getProviderFromUrl(url) !== "sqlite") {
    throw new Error(`--dry-run: the database has ${pending.length} pending migration(s); apply them first with npm run db:deploy`);
  }
  const folder = mkdtempSync(path.join(tmpdir(), "inkstone-dry-run-"));
  const copy = path.join(folder, "dry-run.db");
  const file = getSqliteFilePath(url);
  if (existsSync(file)) copyFileSync(file, copy);
  // A running portal's latest writes may still sit in the write-ahead log.
  if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
  const copyUrl = `file:${copy}`;
  await deployMigrations(copyUrl);
  return { url: copyUrl, cleanUp: () => rmSync(folder, { recursive: true, force: true }) };
}

async function main(args: string[]): Promise<number> {
  const options = parseArgs(args);
  const inputs = options.paths.length ? options.paths : [env.CONTENT_DIR];
  if (options.siteRoot !== null && (await statPath(options.siteRoot)) !== "folder") {
    throw new Error(`--site-root ${options.siteRoot}: no such folder, so nothing was ingested`);
  }
  const { files, missing, roots } = await findMarkdownFiles(inputs);
  // A mistyped folder would look like one whose every file was deleted: refuse before any change.
  if (options.prune && missing.length > 0) throw new Error(`--prune: ${missing.join(", ")}: no such file or folder, so nothing was ingested or pruned`);
  // Worker threads pay off once there is more to parse than their start-up costs (~1 s of CPU
  // each); they start now, so they load their modules and dictionaries while migrations are checked.
  const preparer =
    files.length >= 500
      ? createWorkerPreparer(countPrepareWorkers())
      : createInThreadPreparer((file) => readFile(file));
  let db: Db | undefined;
  let cleanUp: () => void = () => undefined;
  try {
    let url = env.DATABASE_URL;
    if (options.dryRun) ({ url, cleanUp } = await prepareDryRunDatabase(url));
    else await deployMigrations(url);
    db = await createDb(url);
    const printFiles = createProgressPrinter("files");
    const report = await ingestArticleFiles(
      files.map((file) => ({ path: file, localRoot: roots.get(file) ?? null })),
      { db, preparer, rootDir: process.cwd(), now: () => Date.now() },
      { onProgress: ({ done, total }) => printFiles(done, total), strict: options.strict, dryRun: options.dryRun, siteRoot: options.siteRoot },
    );
    const summary = formatIngestSummary(report, missing, { dryRun: options.dryRun });
    for (const line of summary.out) console.log(line);
    for (const line of summary.errors) console.error(line);
    const failed = report.failed.length + missing.length > 0 ? 1 : 0;
    if (options.dryRun) return failed;

    const printImages = createProgressPrinter("images");
    const images = await processPendingImages(
      { db, ...createImageServices(env, process.cwd()), now: () => new Date() },
      { onProgress: ({ done, total }) => printImages(done, total) },
    );
    const refreshed = await refreshArticleBodiesForImages(db, images.changedImageIds);
    printImageReport(images, refreshed);
    const changed = new Set([...report.changedSlugs, ...refreshed]);
    if (options.prune) {
      const pruned = await pruneRemovedArticles(inputs, { db, rootDir: process.cwd(), stat: statPath });
      printPruneReport(pruned);
      for (const article of pruned.withdrawn) changed.add(article.slug);
    }
    if (changed.size > 0) console.log(describeNotifyResult(await notifyPortal(tagsForChangedArticles(changed), env)));
    return failed;
  } finally {
    await preparer.close();
    await db?.$disconnect();
    cleanUp();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
