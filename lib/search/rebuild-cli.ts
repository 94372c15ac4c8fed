// npm run search:rebuild
// Rebuilds the full-text search index of the database DATABASE_URL names from its articles,
// applying pending migrations first. Ingest keeps the index up to date by itself; this is for an
// index that is missing or suspect (a database restored from elsewhere, a change to tokenizing).
import { createProgressPrinter } from "../cli-progress";
import { createDb } from "../db/client";
import { deployMigrations } from "../db/migrate";
import { env } from "../env";
import { rebuildSearchIndex } from "./rebuild-search-index";

async function main(): Promise<void> {
  await deployMigrations(env.DATABASE_URL);
  const db = await createDb(env.DATABASE_URL);
  try {
    const printProgress = createProgressPrinter("articles");
    const report = await rebuildSearchIndex(db, { onProgress: ({ done, total }) => printProgress(done, total) });
    console.log(`search index rebuilt: ${report.articles} articles in ${(report.elapsedMs / 1000).toFixed(1)} s`);
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
