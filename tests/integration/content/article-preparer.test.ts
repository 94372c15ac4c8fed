import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createInThreadPreparer, createWorkerPreparer } from "@/lib/content/article-preparer";
import { findMarkdownFiles } from "@/lib/content/find-markdown-files";
import { hashArticleBytes } from "@/lib/content/prepare-article";
import { repoRoot } from "../../support/test-databases";

const { files } = await findMarkdownFiles([path.join(repoRoot, "content")]);
const tasks = files.map((filePath) => ({ filePath, originPath: path.relative(repoRoot, filePath), knownHash: null }));

describe("worker-thread preparation", () => {
  const workers = createWorkerPreparer(2);
  afterAll(() => workers.close());

  it("gives exactly what preparing in this thread gives, in the same order", async () => {
    const inThread = await createInThreadPreparer((file) => readFile(file)).prepare(tasks);
    const inWorkers = await workers.prepare(tasks);
    expect(inWorkers).toEqual(inThread);
    expect(inWorkers.every((result) => result.kind === "prepared")).toBe(true);
  });

  it("reports unchanged files without parsing them, and unreadable ones as failures", async () => {
    const first = tasks[0]!;
    const knownHash = hashArticleBytes(await readFile(first.filePath));
    const results = await workers.prepare([
      { ...first, knownHash },
      { filePath: path.join(repoRoot, "content/nope.md"), originPath: "content/nope.md", knownHash: null },
      { filePath: path.join(repoRoot, "content"), originPath: "content", knownHash: null },
    ]);
    expect(results).toEqual([
      { kind: "unchanged", originPath: first.originPath },
      { kind: "failed", path: "content/nope.md", line: null, reason: "no such file" },
      { kind: "failed", path: "content", line: null, reason: "is a folder, not a file" },
    ]);
  });
});
