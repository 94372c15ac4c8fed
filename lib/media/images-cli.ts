// npm run images: runs every pending image (not fetched yet, or offline last time) through the
// pipeline and updates the article bodies that show them. Ingest does the same after each run.
import { tagsForChangedArticles } from "../cache-tags";
import { createProgressPrinter } from "../cli-progress";
import { refreshArticleBodiesForImages } from "../content/refresh-article-bodies";
import { createDb } from "../db/client";
import { deployMigrations } from "../db/migrate";
import { env } from "../env";
import { describeNotifyResult, notifyPortal } from "../notify-portal";
import { createImageServices } from "./image-services";
import { printImageReport } from "./image-report";
import { processPendingImages } from "./process-pending-images";

async function main(): Promise<void> {
  await deployMigrations(env.DATABASE_URL);
  const db = await createDb(env.DATABASE_URL);
  try {
    const printImages = createProgressPrinter("images");
    const report = await processPendingImages(
      { db, ...createImageServices(env, process.cwd()), now: () => new Date() },
      { onProgress: ({ done, total }) => printImages(done, total) },
    );
    const refreshed = await refreshArticleBodiesForImages(db, report.changedImageIds);
    printImageReport(report, refreshed);
    if (refreshed.length > 0) console.log(describeNotifyResult(await notifyPortal(tagsForChangedArticles(refreshed), env)));
  } finally {
    await db.$disconnect();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
