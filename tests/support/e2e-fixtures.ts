// Stories the end-to-end portal needs beyond content/: ingested, then changed the way editors
// change them, before the portal is built (playwright.config.ts runs this after ingesting content/):
// one renamed (its old slug must answer 301), one turned draft and one whose file was removed and
// pruned (both must answer 410), one draft nobody ever saw (404). Run with the e2e environment.
import { execFileSync } from "node:child_process";
import { mkdirSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const e2eFixtures = {
  formerSlug: "e2e-harbour-lights-before-rename",
  renamedSlug: "e2e-harbour-lights",
  renamedTitle: "Harbour lights switched to LED",
  turnedDraftSlug: "e2e-ferry-strike-called-off",
  turnedDraftTitle: "Ferry strike called off",
  prunedSlug: "e2e-pier-closure",
  prunedTitle: "Pier closed for repairs",
  neverPublishedSlug: "e2e-breakwater-plans",
  importedSlug: "e2e-old-site-lighthouse",
  importedTitle: "Lighthouse keeper retires",
  /** The imported story's address on the site it came from (its Jekyll redirect_from). */
  importedAlias: "/2018/07/lighthouse-keeper/",
};

const folder = "data/e2e/fixtures";

// Old dates keep the fixtures at the end of every list, out of the way of the other specs.
const story = (title: string, slug: string, status: "published" | "draft") => `---
title: ${title}
slug: ${slug}
date: 2019-03-04 10:00
timezone: Europe/London
section: Technology
language: en
status: ${status}
---

${title}: a story the end-to-end tests use to check what its URL answers.
`;

function ingest(args: string[]): void {
  execFileSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", "lib/content/ingest-cli.ts", ...args], {
    stdio: "inherit",
  });
}

function main(): void {
  const f = e2eFixtures;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const write = (file: string, text: string) => writeFileSync(path.join(folder, file), text);
  write("renamed.md", story(f.renamedTitle, f.formerSlug, "published"));
  write("turned-draft.md", story(f.turnedDraftTitle, f.turnedDraftSlug, "published"));
  write("pruned.md", story(f.prunedTitle, f.prunedSlug, "published"));
  write("never-published.md", story("Breakwater plans", f.neverPublishedSlug, "draft"));
  write(
    "imported.md",
    story(f.importedTitle, f.importedSlug, "published").replace("status: published", `status: published\nlayout: post\nredirect_from: ["${f.importedAlias}"]`),
  );
  ingest([folder]);
  write("renamed.md", story(f.renamedTitle, f.renamedSlug, "published"));
  write("turned-draft.md", story(f.turnedDraftTitle, f.turnedDraftSlug, "draft"));
  unlinkSync(path.join(folder, "pruned.md"));
  ingest(["--prune", folder]);
  // Raw HTML in articles: what the sanitizer keeps and what it must defuse (tests/e2e/raw-html.spec.ts).
  ingest(["tests/fixtures/raw-html"]);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
