// Lighthouse (12.2.3, Debian's Chromium) on the pages search engines and readers meet first: the
// home page and the seed article. SEO must score 100, accessibility and best practices 95 or more;
// on a miss the failing audits are printed with their details, so the fix can start from them.
import { expect, test } from "@playwright/test";
import * as chromeLauncher from "chrome-launcher";
import lighthouse from "lighthouse";
import { chromiumArgs, chromiumPath } from "../support/debian-chromium";

const SEED_TITLE = "讯飞星火大模型升级3.0，刘庆峰：完全基于国产算力平台";
const MINIMUM_SCORES: Record<string, number> = { seo: 1, accessibility: 0.95, "best-practices": 0.95 };

type LighthouseResult = NonNullable<Awaited<ReturnType<typeof lighthouse>>>["lhr"];

/** The audits that pulled a category down, with what Lighthouse found, for the failure message. */
function describeFailures(lhr: LighthouseResult, categoryId: string): string {
  const category = lhr.categories[categoryId];
  const failing = (category?.auditRefs ?? [])
    .filter((ref) => ref.weight > 0)
    .map((ref) => lhr.audits[ref.id])
    .filter((audit) => audit !== undefined && audit.score !== null && audit.score < 1);
  return failing
    .map((audit) => {
      const details = audit?.details && "items" in audit.details ? JSON.stringify(audit.details.items, null, 1).slice(0, 2000) : "";
      return `- ${audit?.id} (score ${audit?.score}): ${audit?.title}${audit?.displayValue ? ` — ${audit.displayValue}` : ""}\n${details}`;
    })
    .join("\n");
}

test.describe("Lighthouse", () => {
  // About 12 s a page on 2 cores, plus Chromium's start; generous so a busy machine does not fail it.
  test.setTimeout(240_000);

  test("home page and seed article score 100 for SEO, at least 95 for accessibility and best practices", async ({ page, baseURL }) => {
    await page.goto("/");
    const seedHref = await page.getByRole("link", { name: SEED_TITLE }).first().getAttribute("href");
    expect(seedHref, "the seed article is linked from the home page").toMatch(/^\/articles\/[a-z0-9-]+$/);
    const urls = [`${baseURL}/`, `${baseURL}${seedHref}`];

    const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: ["--headless", ...chromiumArgs], logLevel: "silent" });
    const problems: string[] = [];
    try {
      for (const url of urls) {
        const result = await lighthouse(url, {
          port: chrome.port,
          output: "json",
          logLevel: "error",
          onlyCategories: Object.keys(MINIMUM_SCORES),
        });
        expect(result, `Lighthouse produced a report for ${url}`).toBeDefined();
        const lhr = result!.lhr;
        expect(lhr.runtimeError, `Lighthouse ran on ${url}`).toBeUndefined();
        for (const [categoryId, minimum] of Object.entries(MINIMUM_SCORES)) {
          const score = lhr.categories[categoryId]?.score ?? 0;
          console.log(`${url} ${categoryId}: ${Math.round(score * 100)}`);
          if (score < minimum) {
            problems.push(`${url} ${categoryId} scored ${Math.round(score * 100)} (needs ${minimum * 100}):\n${describeFailures(lhr, categoryId)}`);
          }
        }
      }
    } finally {
      await chrome.kill();
    }
    expect(problems, problems.join("\n\n")).toEqual([]);
  });
});
