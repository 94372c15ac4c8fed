import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { e2eDatabaseFile, e2eEnv } from "../../playwright.config";

const repoRoot = path.resolve(import.meta.dirname, "../..");
const slug = "how-tide-tables-are-made-and-why-they-are-usually-right";

function renameInDatabase(from: string, to: string): void {
  const db = new Database(path.join(repoRoot, e2eDatabaseFile));
  try {
    db.prepare(`UPDATE "Article" SET "title" = ? WHERE "slug" = ? AND "title" = ?`).run(to, slug, from);
  } finally {
    db.close();
  }
}

test("a cached page is served without the database, and the revalidation endpoint refreshes it", async ({ page, request }) => {
  await page.goto(`/articles/${slug}`);
  const original = (await page.getByRole("heading", { level: 1 }).textContent())!;
  const changed = `${original} (changed behind the cache)`;
  renameInDatabase(original, changed);
  try {
    // The row changed but nobody told the portal: a cached page must not have read it.
    await page.goto(`/articles/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(original);

    const refused = await request.post("/api/revalidate", { data: { tags: [`article:${slug}`] } });
    expect(refused.status()).toBe(401);
    const wrong = await request.post("/api/revalidate", {
      data: { tags: [`article:${slug}`] },
      headers: { authorization: "Bearer not-the-secret-at-all" },
    });
    expect(wrong.status()).toBe(401);

    const accepted = await request.post("/api/revalidate", {
      data: { tags: [`article:${slug}`] },
      headers: { authorization: `Bearer ${e2eEnv.REVALIDATE_SECRET}` },
    });
    expect(accepted.status()).toBe(200);
    await page.goto(`/articles/${slug}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(changed);
  } finally {
    renameInDatabase(changed, original);
    await request.post("/api/revalidate", {
      data: { tags: [`article:${slug}`] },
      headers: { authorization: `Bearer ${e2eEnv.REVALIDATE_SECRET}` },
    });
  }
});

test("an ingest while the portal runs shows up on the home page without a restart", async ({ page, baseURL }) => {
  await page.goto("/");
  const title = `Night ferry timetable extended ${Date.now()}`;
  await expect(page.getByRole("link", { name: title })).toHaveCount(0);
  const dir = mkdtempSync(path.join(tmpdir(), "inkstone-e2e-"));
  try {
    writeFileSync(
      path.join(dir, "night-ferry.md"),
      `---\ntitle: ${title}\ndate: 2026-11-28 07:00\ntimezone: Europe/London\nsection: Technology\nsummary: The last crossing now leaves at 23:40.\n---\n\nThe harbour's night ferry will run an hour later from Monday.\n`,
    );
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [path.join(repoRoot, "node_modules/tsx/dist/cli.mjs"), "--conditions=react-server", "lib/content/ingest-cli.ts", dir],
      { cwd: repoRoot, env: { ...process.env, ...e2eEnv, PORTAL_URL: baseURL } },
    );
    expect(stdout).toMatch(/1 created/);
    expect(stdout).toMatch(/portal refreshed/);
    await page.goto("/");
    await expect(page.getByRole("link", { name: title }).first()).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
