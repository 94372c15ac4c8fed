// npm run bench: every benchmark, one after another (they would skew each other if run together).
import { formatImageBench, runImageBench } from "./images";
import { printIngestBench, runIngestBench } from "./ingest";
import { printPageBench, runPageBench } from "./pages";
import { printSearchBench, runSearchBench } from "./search";
import { printSitemapBench, runSitemapBench } from "./sitemap";

async function main(): Promise<void> {
  console.log(`Inkstone benchmarks on ${new Date().toISOString()}; each figure beside a baseline from the same run.`);
  printIngestBench(await runIngestBench());
  console.log(`\n${formatImageBench(await runImageBench())}`);
  printPageBench(await runPageBench());
  printSearchBench(await runSearchBench());
  printSitemapBench(await runSitemapBench());
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
