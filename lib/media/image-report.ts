import type { ProcessPendingImagesReport } from "./process-pending-images";

/** "images: 2 ready, 3 still pending, 1 failed", then one line per image that is not ready. */
export function printImageReport(report: ProcessPendingImagesReport, refreshedArticles: string[]): void {
  const count = (status: string) => report.outcomes.filter((outcome) => outcome.status === status).length;
  if (report.outcomes.length === 0) {
    console.log("images: none waiting");
    return;
  }
  console.log(
    `images: ${count("ready")} ready, ${count("pending")} still pending (tried again by the next ingest or npm run images), ` +
      `${count("failed")} failed; ${refreshedArticles.length} article bodies updated`,
  );
  for (const outcome of report.outcomes) {
    if (outcome.status === "ready") continue;
    const reason = outcome.reason ?? "";
    console.log(`  ${outcome.status}: ${reason.includes(outcome.source) ? reason : `${outcome.source}: ${reason}`}`);
  }
}
